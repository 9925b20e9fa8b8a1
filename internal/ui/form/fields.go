// Package form holds the event, period, prediction and resolve forms and the entry
// widgets they share: a date field that shows how it reads what is typed,
// entries that complete known actors, tags and sources, and the scaffolding
// that checks every field as it is typed and shows each problem under its
// field.
package form

import (
	"errors"
	"image/color"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Pieces shared by the editing forms: per-field error text, a date entry
// that says how it read the date, an entry that completes known names, and
// the dialog that holds a form.

// Suggestions feed the completion of free-text fields.
type Suggestions struct {
	Actors, Tags, Sources []string
}

// formSize is the size the form dialogs open at: wide enough for a title on
// one line, tall enough for most of a form without scrolling.
var formSize = fyne.NewSize(640, 600)

// fieldProblems maps a field name, as model.FieldError names it ("title",
// "links[1].url"), to the message shown under it. The first problem found
// for a field wins.
type fieldProblems map[string]string

func (p fieldProblems) add(field, message string) {
	if _, ok := p[field]; !ok {
		p[field] = message
	}
}

// fields lists the fields with a problem in a stable order.
func (p fieldProblems) fields() []string {
	return slices.Sorted(maps.Keys(p))
}

// generalField is the field name for problems no field explains; they are
// shown at the foot of the form.
const generalField = ""

// addValidation adds every problem of a Validate error, translated, except
// for fields already explained (an unreadable date need not also be called
// missing). An error that is not a *model.ValidationError goes under
// generalField.
func (p fieldProblems) addValidation(err error) {
	if err == nil {
		return
	}
	var ve *model.ValidationError
	if !errors.As(err, &ve) {
		p.add(generalField, err.Error())
		return
	}
	for _, fe := range ve.Fields {
		p.add(fe.Field, fieldErrorText(fe))
	}
}

// fieldErrorText is the translated message for a model problem, or its
// English message for a kind of problem without a translation.
func fieldErrorText(fe model.FieldError) string {
	switch fe.Key {
	case "error.empty":
		return tr("form.error.empty", "This must not be empty.")
	case "error.too_long":
		return tr("form.error.too_long", "This text is too long.")
	case "error.date_missing":
		return tr("form.error.date_missing", "Enter a date.")
	case "error.end_before_start":
		return tr("form.error.end_before_start", "The end is before the start.")
	case "error.category":
		return tr("form.error.category", "Choose a category.")
	case "error.link":
		return tr("form.error.link", "Enter a full web address starting with http:// or https://.")
	case "error.color":
		return tr("form.error.color", "Enter a colour: #rrggbb, #rgb or a name such as teal.")
	case "error.probability":
		return tr("form.error.probability", "A probability must be between 0% and 100%.")
	case "error.state":
		return tr("form.error.state", "Choose how it turned out.")
	case "error.resolved_before_made":
		return tr("form.error.resolved_before_made", "It cannot resolve before the prediction was made.")
	case "error.fraction":
		return tr("form.error.fraction", "Set how much came true: more than 0% and less than 100%.")
	case "error.fraction_not_partly":
		return tr("form.error.fraction_not_partly", "Only a partly true prediction has a share that came true.")
	case "error.evidence":
		return tr("form.error.evidence", "Evidence must be an event.")
	case "error.role":
		return tr("form.error.role", "Choose what this event does for the prediction.")
	case "error.duplicate":
		return tr("form.error.duplicate", "This event is cited twice.")
	}
	return fe.Message
}

// fieldError is the small red text under a field saying what is wrong with
// it. A required field that is still empty and that nobody has touched yet
// shows its message in the plain text colour, as a hint rather than a
// reproach.
type fieldError struct {
	label   *widget.Label
	touched bool
}

func newFieldError() *fieldError {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.SizeName = theme.SizeNameCaptionText
	l.Hide()
	return &fieldError{label: l}
}

// set shows msg, or hides the label when msg is empty. blank says whether
// the field is empty.
func (f *fieldError) set(msg string, blank bool) {
	if msg == "" {
		if f.label.Visible() {
			f.label.Hide()
		}
		return
	}
	importance := widget.DangerImportance
	if blank && !f.touched {
		importance = widget.MediumImportance
	}
	if f.label.Text != msg || f.label.Importance != importance {
		f.label.Importance = importance
		f.label.SetText(msg)
	}
	if !f.label.Visible() {
		f.label.Show()
	}
}

// text is the message shown, or "" when there is none.
func (f *fieldError) text() string {
	if !f.label.Visible() {
		return ""
	}
	return f.label.Text
}

// hint makes a small, wrapping note shown under a field.
func hint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// dateField is an entry for a date typed as people write it, with a live
// line under it saying how it was read ("read as: Mar 2023 (month)") or, in
// red, why it could not be.
type dateField struct {
	entry   *widget.Entry
	preview *widget.Label
	err     *fieldError
}

func newDateField(initial when.Date) *dateField {
	f := &dateField{entry: widget.NewEntry(), preview: hint(""), err: newFieldError()}
	f.entry.SetPlaceHolder(tr("form.date_placeholder", "e.g. 2023-03-14, March 2023, mid-2022, 2023年3月"))
	if !initial.IsZero() {
		f.entry.SetText(initial.Format(i18n.Lang()))
	}
	f.preview.Hide()
	return f
}

// object is the entry with its preview and error lines under it.
func (f *dateField) object() fyne.CanvasObject {
	return container.NewVBox(f.entry, f.preview, f.err.label)
}

func (f *dateField) blank() bool { return strings.TrimSpace(f.entry.Text) == "" }

// read parses the entry. An empty entry gives the zero Date and no error;
// whether that is acceptable is the model's call.
func (f *dateField) read() (when.Date, error) {
	if f.blank() {
		return when.Date{}, nil
	}
	return when.Parse(f.entry.Text)
}

// update refreshes the preview and returns the date read, adding a problem
// under field when the text cannot be read.
func (f *dateField) update(field string, problems fieldProblems) when.Date {
	d, err := f.read()
	switch {
	case err != nil:
		f.preview.Hide()
		problems.add(field, dateErrorText(err))
	case d.IsZero():
		f.preview.Hide()
	default:
		f.preview.SetText(readAsText(d))
		f.preview.Show()
	}
	return d
}

// readAsText says how a date was read: "read as: Mar 2023 (month)".
func readAsText(d when.Date) string {
	return trf("form.read_as", "read as: {{.Date}} ({{.Precision}})", map[string]any{
		"Date": d.Format(i18n.Lang()), "Precision": i18n.PrecisionName(d.Precision()),
	})
}

// dateErrorText puts the date parser's English explanation after a
// translated lead-in.
func dateErrorText(err error) string {
	return trf("form.error.date_unreadable", "Cannot read this date: {{.Reason}}", map[string]any{"Reason": err.Error()})
}

// splitList reads a comma-separated list, accepting Chinese commas too.
func splitList(text string) []string {
	parts := strings.FieldsFunc(text, isListSeparator)
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// lastItem splits a list being typed into what comes before the last item,
// up to and including its separator, and the last item itself.
func lastItem(text string) (head, item string) {
	cut := strings.LastIndexFunc(text, isListSeparator)
	if cut < 0 {
		return "", text
	}
	_, size := utf8.DecodeRuneInString(text[cut:])
	return strings.TrimRightFunc(text[:cut+size], unicode.IsSpace), text[cut+size:]
}

func isListSeparator(r rune) bool {
	return r == ',' || r == '，' || r == '、' || r == ';' || r == '；'
}

// maxCompletions is how many matches the completion list offers at once.
const maxCompletions = 8

// completionEntry is an entry that offers known values matching what is
// being typed in a list under it. With multi set it holds a comma-separated
// list and completes the item being typed, skipping items already there.
type completionEntry struct {
	widget.Entry
	options []string
	multi   bool
	// onEdit is called after every change of the text, typed or chosen.
	onEdit func(string)

	matches []string
	popUp   *widget.PopUp
	list    *suggestionList
	setting bool
}

func newCompletionEntry(options []string, multi bool) *completionEntry {
	e := &completionEntry{options: options, multi: multi}
	e.ExtendBaseWidget(e)
	e.Entry.OnChanged = e.changed
	return e
}

func (e *completionEntry) changed(text string) {
	if !e.setting {
		e.matches = completions(e.options, text, e.multi)
		e.showMatches()
	}
	if e.onEdit != nil {
		e.onEdit(text)
	}
}

// setText replaces the text without offering completions.
func (e *completionEntry) setText(text string) {
	e.setting = true
	e.SetText(text)
	e.setting = false
}

// choose puts a match in place of the item being typed.
func (e *completionEntry) choose(match string) {
	text := match
	if e.multi {
		head, _ := lastItem(e.Text)
		if head != "" {
			head += " "
		}
		text = head + match + ", "
	}
	e.matches = nil
	e.hideMatches()
	e.setText(text)
	e.CursorRow, e.CursorColumn = 0, len([]rune(text))
	e.Refresh()
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(e)
	}
}

// showMatches shows the list of matches under the entry while it is being
// typed in, and hides it when there are none.
func (e *completionEntry) showMatches() {
	e.hideMatches()
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if len(e.matches) == 0 || c == nil {
		return
	}
	e.list = newSuggestionList(e)
	e.popUp = widget.NewPopUp(e.list, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	e.popUp.ShowAtPosition(pos.Add(fyne.NewPos(0, e.Size().Height)))
	row := widget.NewLabel("M").MinSize().Height + theme.Padding()
	e.popUp.Resize(fyne.NewSize(e.Size().Width, row*float32(len(e.matches))))
	// The pop-up is an overlay with its own focus; the list takes the keys
	// and hands everything but the arrows, Return and Escape back to us.
	c.Focus(e.list)
}

func (e *completionEntry) hideMatches() {
	if e.popUp != nil {
		e.popUp.Hide()
		e.popUp, e.list = nil, nil
	}
}

// completions lists the options that match the item being typed:
// those starting with it first, then those containing it, ignoring case.
func completions(options []string, text string, multi bool) []string {
	typed := text
	present := map[string]bool{}
	if multi {
		var head string
		head, typed = lastItem(text)
		for _, it := range splitList(head) {
			present[strings.ToLower(it)] = true
		}
	}
	typed = strings.ToLower(strings.TrimSpace(typed))
	if typed == "" {
		return nil
	}
	var prefix, inside []string
	seen := map[string]bool{}
	for _, o := range options {
		lo := strings.ToLower(o)
		if lo == typed || present[lo] || seen[lo] {
			continue
		}
		seen[lo] = true
		switch {
		case strings.HasPrefix(lo, typed):
			prefix = append(prefix, o)
		case strings.Contains(lo, typed):
			inside = append(inside, o)
		}
	}
	out := append(prefix, inside...)
	if len(out) > maxCompletions {
		out = out[:maxCompletions]
	}
	return out
}

// suggestionList is the list of matches a completionEntry shows. It keeps
// the keyboard while shown, moving through the matches with the arrows and
// passing typing on to the entry.
type suggestionList struct {
	widget.List
	entry   *completionEntry
	current int
}

func newSuggestionList(e *completionEntry) *suggestionList {
	l := &suggestionList{entry: e}
	l.Length = func() int { return len(e.matches) }
	l.CreateItem = func() fyne.CanvasObject {
		label := widget.NewLabel("")
		label.Truncation = fyne.TextTruncateEllipsis
		return label
	}
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < len(e.matches) {
			o.(*widget.Label).SetText(e.matches[id])
		}
	}
	l.OnSelected = func(id widget.ListItemID) {
		if id < len(e.matches) {
			e.choose(e.matches[id])
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// AcceptsTab keeps Tab from cycling inside the pop-up; it closes the list
// and moves on from the entry instead.
func (l *suggestionList) AcceptsTab() bool { return true }

func (l *suggestionList) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		if l.current < len(l.entry.matches)-1 {
			l.current++
		}
		l.List.TypedKey(k)
	case fyne.KeyUp:
		if l.current > 0 {
			l.current--
		}
		l.List.TypedKey(k)
	case fyne.KeyReturn, fyne.KeyEnter:
		if l.current < len(l.entry.matches) {
			l.entry.choose(l.entry.matches[l.current])
		}
	case fyne.KeyEscape:
		l.entry.hideMatches()
	case fyne.KeyTab:
		l.entry.hideMatches()
		if c := fyne.CurrentApp().Driver().CanvasForObject(l.entry); c != nil {
			c.FocusNext()
		}
	default:
		l.entry.TypedKey(k)
	}
}

func (l *suggestionList) TypedRune(r rune) { l.entry.TypedRune(r) }

func (l *suggestionList) TypedShortcut(s fyne.Shortcut) { l.entry.TypedShortcut(s) }

// formBase is what every form has: an error line per field, a line at the
// foot for other problems, a Save button enabled only while the form is
// valid, and the bookkeeping that re-validates on every change.
type formBase struct {
	errs       map[string]*fieldError
	general    *fieldError
	saveButton *widget.Button
	// onDone closes the dialog after a successful save.
	onDone func()
	// filling is set while the widgets are filled from the initial value,
	// so that filling them counts as neither a change nor a touch.
	filling bool
	// revalidate checks the whole form again; set by each form.
	revalidate func()
}

func newFormBase(submit func()) formBase {
	g := newFieldError()
	g.touched = true
	return formBase{errs: map[string]*fieldError{}, general: g, saveButton: newSaveButton(submit), filling: true}
}

// field returns the error line of a field, making it on first use.
func (b *formBase) field(name string) *fieldError {
	fe, ok := b.errs[name]
	if !ok {
		fe = newFieldError()
		b.errs[name] = fe
	}
	return fe
}

// below stacks a widget over the error line of its field.
func (b *formBase) below(o fyne.CanvasObject, field string) fyne.CanvasObject {
	return container.NewVBox(o, b.field(field).label)
}

// watch re-validates the form whenever entry changes, marking field as
// touched.
func (b *formBase) watch(entry *widget.Entry, field string) {
	entry.OnChanged = func(string) { b.touch(field) }
}

func (b *formBase) touch(field string) {
	if b.filling {
		return
	}
	b.field(field).touched = true
	b.changed()
}

func (b *formBase) changed() {
	if !b.filling && b.revalidate != nil {
		b.revalidate()
	}
}

// show puts each problem under its field. A problem with an item of a list
// field ("tags[2]") goes under the list; claim lets a form place problems
// for widgets of its own (link rows) and reports whether it did; anything
// else goes at the foot. blank says which fields are empty.
func (b *formBase) show(problems fieldProblems, blank map[string]bool, claim func(field string) bool) {
	shown := map[string]string{}
	var general []string
	for _, field := range problems.fields() {
		msg := problems[field]
		name := field
		if i := strings.IndexByte(field, '['); i > 0 {
			name = field[:i]
		}
		switch {
		case claim != nil && claim(field):
		case b.errs[name] != nil:
			if shown[name] == "" {
				shown[name] = msg
			}
		default:
			general = append(general, msg)
		}
	}
	for field, fe := range b.errs {
		fe.set(shown[field], blank[field])
	}
	b.general.set(strings.Join(general, "\n"), false)
}

// saved handles what save returned: nil closes the dialog; an error is
// shown with show, under the fields it names, the rest at the foot.
func (b *formBase) saved(err error, show func(fieldProblems)) {
	if err == nil {
		if b.onDone != nil {
			b.onDone()
		}
		return
	}
	for _, fe := range b.errs {
		fe.touched = true
	}
	problems := fieldProblems{}
	problems.addValidation(err)
	if msg, ok := problems[generalField]; ok {
		problems[generalField] = saveErrorText(msg)
	}
	show(problems)
}

// formDialog shows a form's content in a modal dialog over win with Cancel
// and Save buttons. It returns the function that closes it.
func formDialog(win fyne.Window, title string, content fyne.CanvasObject, save *widget.Button) func() {
	// Keep the content clear of the scroll bar, which is drawn over it.
	gutter := canvas.NewRectangle(color.Transparent)
	gutter.SetMinSize(fyne.NewSize(theme.ScrollBarSize(), 0))
	d := dialog.NewCustomWithoutButtons(title, container.NewVScroll(container.NewBorder(nil, nil, nil, gutter, content)), win)
	cancel := widget.NewButtonWithIcon(tr("form.cancel", "Cancel"), theme.CancelIcon(), d.Hide)
	d.SetButtons([]fyne.CanvasObject{cancel, save})
	size := formSize
	if ws := win.Canvas().Size(); ws.Width > 0 && ws.Height > 0 {
		size = fyne.NewSize(min(size.Width, ws.Width-2*theme.Padding()), min(size.Height, ws.Height-2*theme.Padding()))
	}
	d.Resize(size)
	d.Show()
	return d.Hide
}

// newSaveButton is a form's Save button, disabled until the form is valid.
func newSaveButton(tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon(tr("form.save", "Save"), theme.DocumentSaveIcon(), tapped)
	b.Importance = widget.HighImportance
	b.Disable()
	return b
}

// setEnabled enables or disables b to match ok.
func setEnabled(b *widget.Button, ok bool) {
	if ok && b.Disabled() {
		b.Enable()
	} else if !ok && !b.Disabled() {
		b.Disable()
	}
}

// saveErrorText is shown at the foot of a form for a save error no field
// explains.
func saveErrorText(msg string) string {
	return trf("form.error.save", "Could not save: {{.Reason}}", map[string]any{"Reason": msg})
}

// TextArea is a multi-line entry that leaves Tab to move the focus, so a
// whole form can be filled from the keyboard; a tab character is never
// wanted in these fields.
type TextArea struct{ widget.Entry }

// NewTextArea makes a TextArea that wraps words.
func NewTextArea() *TextArea {
	t := &TextArea{}
	t.MultiLine = true
	t.Wrapping = fyne.TextWrapWord
	t.ExtendBaseWidget(t)
	return t
}

// AcceptsTab tells the window to use Tab for focus traversal.
func (t *TextArea) AcceptsTab() bool { return false }
