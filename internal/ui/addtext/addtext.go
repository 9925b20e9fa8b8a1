// Package addtext is the "Add from text" dialog: paste an article (or open
// or drop a .txt, .md or .html file), give its address and date, and review
// the events and claims internal/extract proposes from it, each with its
// quote highlighted in context, ticked or not, and editable; the ticked
// ones are added in one transaction, as one undoable change.
package addtext

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/extract"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/form"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/when"
)

// maxFileBytes caps a file read into the dialog: an article, not a book.
const maxFileBytes = 4 << 20

// Save adds what the reviewer kept: records to add, and events that get
// the text as one more source. It returns how many records were written.
type Save func(add extract.Records, sourced []model.Event) (int, error)

// Dialog is an open "Add from text" dialog.
type Dialog struct {
	win   fyne.Window
	known extract.Known
	save  Save

	text      *form.TextArea
	url       *widget.Entry
	published *widget.Entry
	author    *widget.Entry
	note      *widget.Label

	result *extract.Result
	cards  []*card
	list   *fyne.Container
	add    *widget.Button
	d      *dialog.CustomDialog
}

// Show opens the dialog over win; text, when not empty, is already pasted
// (as from a dropped file).
func Show(win fyne.Window, known extract.Known, text string, save Save) *Dialog {
	a := &Dialog{win: win, known: known, save: save}
	a.text = form.NewTextArea()
	a.text.SetPlaceHolder(tr("addtext.paste", "Paste an article here, or open a .txt, .md or .html file"))
	a.text.SetText(text)
	a.url = widget.NewEntry()
	a.url.SetPlaceHolder("https://…")
	a.published = widget.NewEntry()
	a.published.SetPlaceHolder(tr("addtext.published_hint", "when it was published, e.g. 2024-01 (read from the text if left empty)"))
	a.author = widget.NewEntry()
	a.author.SetPlaceHolder(tr("addtext.author_hint", "who wrote it: the source of the claims it makes itself"))
	a.note = widget.NewLabel("")
	a.note.Wrapping = fyne.TextWrapWord
	// Enter in any one-line field finds the proposals.
	for _, e := range []*widget.Entry{a.url, a.published, a.author} {
		e.OnSubmitted = func(string) { a.find() }
	}
	open := widget.NewButtonWithIcon(tr("addtext.open", "Open file…"), theme.FolderOpenIcon(), a.openFile)
	find := widget.NewButtonWithIcon(tr("addtext.find", "Find proposals"), theme.SearchIcon(), a.find)
	find.Importance = widget.HighImportance
	fields := widget.NewForm(
		widget.NewFormItem(tr("addtext.url", "Source address"), a.url),
		widget.NewFormItem(tr("addtext.published", "Published"), a.published),
		widget.NewFormItem(tr("addtext.author", "Author"), a.author),
	)
	a.list = container.NewVBox()
	a.add = widget.NewButtonWithIcon(tr("addtext.add_none", "Add records"), theme.ContentAddIcon(), a.addTicked)
	a.add.Importance = widget.HighImportance
	a.add.Disable()
	input := container.NewBorder(nil, container.NewVBox(fields, container.NewHBox(open, find)), nil, nil, a.text)
	review := container.NewBorder(a.note, nil, nil, nil, container.NewVScroll(a.list))
	split := container.NewHSplit(input, review)
	split.Offset = 0.38
	cancel := widget.NewButton(tr("dialog.cancel", "Cancel"), func() { a.d.Hide() })
	a.d = dialog.NewCustomWithoutButtons(tr("addtext.title", "Add from text"), split, win)
	a.d.SetButtons([]fyne.CanvasObject{cancel, a.add})
	a.d.Resize(fyne.NewSize(min(win.Canvas().Size().Width-40, 1320), min(win.Canvas().Size().Height-40, 820)))
	modal.Show(win, a.d)
	win.Canvas().Focus(a.text)
	if strings.TrimSpace(text) != "" {
		a.find()
	}
	return a
}

// ReadFile reads a dropped or opened text file, refusing what is not text
// or too large to be an article.
func ReadFile(r io.Reader) (string, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err != nil {
		return "", err
	}
	if len(data) > maxFileBytes {
		return "", errors.New(tr("addtext.too_large", "The file is larger than 4 MB: not an article to read."))
	}
	text := string(data)
	if strings.ContainsRune(text, 0) || !utf8Valid(text) {
		return "", errors.New(tr("addtext.not_text", "The file is not UTF-8 text (.txt, .md or .html)."))
	}
	return text, nil
}

// Accepts reports whether a file of this name can be read into the dialog.
func Accepts(name string) bool {
	name = strings.ToLower(name)
	for _, ext := range []string{".txt", ".md", ".markdown", ".html", ".htm"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

func (a *Dialog) openFile() {
	filter := storage.NewExtensionFileFilter([]string{".txt", ".md", ".markdown", ".html", ".htm"})
	modal.OpenFile(a.win, modal.PurposeImport, filter, func(r fyne.URIReadCloser) {
		if r == nil {
			return
		}
		defer r.Close()
		text, err := ReadFile(r)
		if err != nil {
			a.showError(err)
			return
		}
		a.text.SetText(text)
		a.find()
	})
}

func (a *Dialog) showError(err error) { modal.Show(a.win, dialog.NewError(err, a.win)) }

// find reads the text and lists what it proposes.
func (a *Dialog) find() {
	in := extract.Input{Text: a.text.Text, URL: strings.TrimSpace(a.url.Text), Author: strings.TrimSpace(a.author.Text)}
	if s := strings.TrimSpace(a.published.Text); s != "" {
		d, err := when.Parse(s)
		if err != nil {
			a.note.SetText(tr("addtext.bad_date", "The published date cannot be read:") + " " + err.Error())
			return
		}
		in.Published = d
	}
	result, err := extract.Extract(in, a.known)
	if err != nil {
		a.note.SetText(err.Error())
		return
	}
	a.result = result
	a.cards = a.cards[:0]
	a.list.RemoveAll()
	for i := range result.Proposals {
		c := newCard(a, i)
		a.cards = append(a.cards, c)
		a.list.Add(c.box)
	}
	note := trn("addtext.found", "1 proposal. Tick it to add it; edit any field.", "{{.Count}} proposals. Tick what to add; edit any field.", len(result.Proposals), nil)
	if result.Published.IsZero() {
		note += " " + tr("addtext.no_date", "The text's date is unknown: relative dates (last year, 去年) are not read. Give it above.")
	} else {
		note += " " + trf("addtext.dated", "Dates read against {{.Date}}.", map[string]any{"Date": result.Published.Format(i18n.Lang())})
	}
	a.note.SetText(note)
	a.update()
}

// update counts what would be added, shows each card's problems and
// enables Add only when every ticked proposal is valid.
func (a *Dialog) update() {
	if a.result == nil || len(a.cards) != len(a.result.Proposals) {
		return // the cards are still being made
	}
	recs, err := a.result.Records()
	problems := map[int]string{}
	if err != nil {
		problems[proposalIndex(err)] = err.Error()
	}
	for _, l := range recs.Left {
		if c := a.cards[l.Index]; c.sourceTo == nil || !c.addSource.Checked {
			problems[l.Index] = tr("addtext.left_out", "Left out:") + " " + l.Why
		}
	}
	for i, c := range a.cards {
		c.showProblem(problems[i])
	}
	n := len(recs.Events) + len(recs.Predictions) + len(a.sourced())
	a.add.SetText(trn("addtext.add", "Add 1 record", "Add {{.Count}} records", n, nil))
	if err != nil || n == 0 {
		a.add.Disable()
	} else {
		a.add.Enable()
	}
}

// sourced are the existing events that get this text as a source.
func (a *Dialog) sourced() []model.Event {
	var out []model.Event
	for _, c := range a.cards {
		if c.sourceTo != nil && c.addSource.Checked && c.tick.Checked {
			out = append(out, a.result.Proposals[c.i].AddSourceTo(*c.sourceTo, a.result.URL))
		}
	}
	return out
}

func (a *Dialog) addTicked() {
	recs, err := a.result.Records()
	if err != nil {
		a.showError(err)
		return
	}
	n, err := a.save(recs, a.sourced())
	if err != nil {
		a.showError(err)
		return
	}
	a.d.Hide()
	modal.Show(a.win, dialog.NewInformation(tr("addtext.title", "Add from text"),
		trn("addtext.added", "Added 1 record. Edit › Undo takes it back.", "Added {{.Count}} records. Edit › Undo takes them all back.", n, nil), a.win))
}

// proposalIndex reads the proposal number Records names in its error
// ("proposal 3 (…): …"); -1 when there is none.
func proposalIndex(err error) int {
	var n int
	if _, scanErr := fmt.Sscanf(err.Error(), "proposal %d", &n); scanErr != nil {
		return -1
	}
	return n - 1
}
