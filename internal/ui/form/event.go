package form

import (
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/linkgate"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
)

// ShowEvent opens a modal dialog over win to add (initial.ID == 0) or
// edit an event. save is called with a normalised, validated event; if it
// returns an error the dialog stays open and shows it (a
// *model.ValidationError's fields are shown next to the matching widgets);
// on nil the dialog closes.
func ShowEvent(win fyne.Window, initial model.Event, known Suggestions, save func(model.Event) error) {
	f := newEventForm(initial, known, save)
	f.openLink = linkgate.New(win).Open
	f.open(win)
}

// eventForm holds the widgets of the event form. It is built without a
// window, so tests can fill it in and submit it directly.
type eventForm struct {
	formBase
	initial model.Event
	known   Suggestions
	save    func(model.Event) error

	title, titleZh *modal.Entry
	date, end      *dateField
	actor          *completionEntry
	category       *widget.Select
	tags           *completionEntry
	description    *TextArea
	descTabs       *container.AppTabs
	descPreview    *fyne.Container
	// openLink opens a link tapped in the preview, through the window's
	// link gate; links do nothing in a form built without a window.
	openLink func(*url.URL)
	links    *linkList
	layer    *floatLayer
}

func newEventForm(initial model.Event, known Suggestions, save func(model.Event) error) *eventForm {
	f := &eventForm{initial: initial, known: known, save: save}
	f.formBase = newFormBase(f.submit, func() { f.validate() })

	f.title = filledEntry(initial.Title, "")
	f.titleZh = filledEntry(initial.TitleZh, tr("form.optional", "optional"))
	f.date = f.dateField("date", initial.Date)
	f.end = f.dateField("end", initial.End)
	f.end.entry.SetPlaceHolder(tr("form.end_placeholder", "optional: when it ended, for a span"))

	f.actor = filledCompletion(known.Actors, false, initial.Actor, tr("form.actor_placeholder", "company, lab or person"))

	names := make([]string, len(model.Categories))
	selected := len(model.Categories) - 1
	for i, c := range model.Categories {
		names[i] = i18n.CategoryName(c)
		if c == initial.Category || (initial.Category == "" && c == model.CategoryOther) {
			selected = i
		}
	}
	f.category = widget.NewSelect(names, nil)
	f.category.SetSelectedIndex(selected)

	f.tags = filledCompletion(known.Tags, true, strings.Join(initial.Tags, ", "), tr("form.tags_placeholder", "comma-separated, e.g. open-weights, llm"))

	f.description = filledArea(initial.Description, 5, tr("form.description_placeholder", "Markdown: **bold**, *italic*, [link](https://…), - lists"))
	f.descPreview = container.NewStack()
	previewScroll := container.NewVScroll(f.descPreview)
	previewScroll.SetMinSize(f.description.MinSize())
	f.descTabs = container.NewAppTabs(
		container.NewTabItem(tr("form.write", "Write"), f.description),
		container.NewTabItem(tr("form.preview", "Preview"), previewScroll),
	)
	f.descTabs.OnSelected = func(*container.TabItem) { f.renderPreview() }

	f.links = newLinkList(initial.Links, f.changed)

	f.watch(&f.title.Entry, "title")
	f.watch(&f.titleZh.Entry, "title_zh")
	f.watch(&f.date.entry.Entry, "date")
	f.watch(&f.end.entry.Entry, "end")
	f.watch(&f.description.Entry, "description")
	f.actor.onEdit = func(string) { f.touch("actor") }
	f.tags.onEdit = func(string) { f.touch("tags") }
	f.category.OnChanged = func(string) { f.touch("category") }

	form := widget.NewForm(
		widget.NewFormItem(tr("form.title", "Title"), f.below(f.title, "title")),
		widget.NewFormItem(tr("form.title_zh", "Chinese title"), f.below(f.titleZh, "title_zh")),
		widget.NewFormItem(tr("form.date", "Date"), f.date.object()),
		widget.NewFormItem(tr("form.end", "Until"), f.end.object()),
		widget.NewFormItem(tr("form.actor", "Actor"), f.below(f.actor, "actor")),
		widget.NewFormItem(tr("form.category", "Category"), f.below(f.category, "category")),
		widget.NewFormItem(tr("form.tags", "Tags"), f.below(f.tags, "tags")),
		widget.NewFormItem(tr("form.description", "Description"), f.below(f.descTabs, "description")),
		widget.NewFormItem(tr("form.links", "Sources"), f.links.object()),
	)
	f.layer = f.readyFloating(form, dialogTitle(initial.ID, tr("form.event.add_title", "Add event"), tr("form.event.edit_title", "Edit event")),
		f.title, f.fieldValues, f.actor, f.tags)
	return f
}

// fieldValues is what the fields hold, to tell whether anything changed.
func (f *eventForm) fieldValues() string {
	values := []string{f.title.Text, f.titleZh.Text, f.date.entry.Text, f.end.entry.Text, f.actor.Text,
		f.category.Selected, f.tags.Text, f.description.Text}
	return snapshotOf(append(values, f.links.texts()...)...)
}

func (f *eventForm) renderPreview() {
	if f.descTabs.SelectedIndex() != 1 {
		return
	}
	text := strings.TrimSpace(f.description.Text)
	if text == "" {
		f.descPreview.Objects = []fyne.CanvasObject{hint(tr("form.preview_empty", "Nothing to preview yet."))}
	} else {
		open := f.openLink
		if open == nil {
			open = func(*url.URL) {}
		}
		f.descPreview.Objects = []fyne.CanvasObject{linkgate.Render(text, open)}
	}
	f.descPreview.Refresh()
}

// build reads the widgets into an event, normalised, with every problem
// found in it.
func (f *eventForm) build() (model.Event, fieldProblems) {
	problems := fieldProblems{}
	e := f.initial
	e.Title = f.title.Text
	e.TitleZh = f.titleZh.Text
	e.Date = f.date.update("date", problems)
	e.End = f.end.update("end", problems)
	e.Actor = f.actor.Text
	e.Category = model.CategoryOther
	if i := f.category.SelectedIndex(); i >= 0 && i < len(model.Categories) {
		e.Category = model.Categories[i]
	}
	e.Tags = splitList(f.tags.Text)
	e.Description = f.description.Text
	e.Links = f.links.values()
	e.Normalize()
	problems.addValidation(e.Validate())
	return e, problems
}

// validate checks the form, shows what is wrong under each field and
// enables Save only when nothing is.
func (f *eventForm) validate() (model.Event, bool) {
	return validated(&f.formBase, f.build, f.showProblems)
}

func (f *eventForm) showProblems(problems fieldProblems) {
	blank := map[string]bool{"title": strings.TrimSpace(f.title.Text) == "", "date": f.date.blank()}
	showWithRows(&f.formBase, problems, blank, &f.links.listedRows)
}

// submit saves the event when it is valid. A save error stays in the
// form; a save refused because someone else saved the event since asks
// what to do.
func (f *eventForm) submit() {
	submitGuarded(&f.formBase, f.validate, f.save, f.showProblems, f.typed, f.showTheirs)
}

// typed is what the form holds, in words, to copy from.
func (f *eventForm) typed() string {
	return describeFields(
		tr("form.title", "Title"), f.title.Text,
		tr("form.title_zh", "Chinese title"), f.titleZh.Text,
		tr("form.date", "Date"), f.date.entry.Text,
		tr("form.end", "Until"), f.end.entry.Text,
		tr("form.actor", "Actor"), f.actor.Text,
		tr("form.category", "Category"), f.category.Selected,
		tr("form.tags", "Tags"), f.tags.Text,
		tr("form.description", "Description"), f.description.Text,
		tr("form.links", "Sources"), f.links.typed())
}

// showTheirs opens the form again with theirs, the event as someone else
// saved it, and what was typed here above it.
func (f *eventForm) showTheirs(theirs model.Event, yours string) {
	g := newEventForm(theirs, f.known, f.save)
	g.openLink = f.openLink
	f.reopenAs(&g.formBase, yours)
}

// linkList is the editable list of an event's source links: an address and
// an optional quote per row, with buttons to add and remove rows.
type linkList struct {
	listedRows[*linkRow]
}

type linkRow struct {
	linkRowParts
	quote *modal.Entry
}

func newLinkList(links []model.Link, onChange func()) *linkList {
	l := &linkList{}
	fillRows(&l.listedRows, links, l.addRow, tr("form.add_link", "Add link"), onChange)
	return l
}

func (r *linkRow) texts() []string { return []string{r.url.Text, r.quote.Text} }

func (l *linkList) addRow(link model.Link) {
	r := &linkRow{
		linkRowParts: newLinkRowParts(link.URL),
		quote:        filledEntry(link.Quote, tr("form.quote_placeholder", "quote from the source (optional)")),
	}
	changed := l.typedIn(r.err)
	r.url.OnChanged = changed
	r.quote.OnChanged = changed
	r.remove = l.removeButton(r)
	// The address's error goes under the address, not under the quote.
	r.object = container.NewVBox(r.addressLine(), r.quote)
	l.appendRow(r)
}

// values lists the links typed, leaving out empty rows, and records which
// row each came from.
func (l *linkList) values() []model.Link {
	var links []model.Link
	l.used = l.used[:0]
	for i, r := range l.rows {
		link := model.Link{URL: strings.TrimSpace(r.url.Text), Quote: strings.TrimSpace(r.quote.Text)}
		if link.URL == "" && link.Quote == "" {
			continue
		}
		links = append(links, link)
		l.used = append(l.used, i)
	}
	return links
}

// listedRows are the rows of a list of links, shown in box with an add
// button below, and which row each link that values last returned came
// from (empty rows are left out), so that a problem about "links[1]" finds
// its row.
type listedRows[R listRow] struct {
	rows     []R
	used     []int
	box      *fyne.Container
	add      *widget.Button
	onChange func()
}

// listRow is a row of a listedRows: its parts, and its texts as typed, in
// the order they are read out.
type listRow interface {
	comparable
	parts() *linkRowParts
	texts() []string
}

// linkRowParts is what every row of a list of links has: the address, a
// quiet button that removes the row, the row's error line and what the row
// draws.
type linkRowParts struct {
	url    *modal.Entry
	remove *widget.Button
	err    *fieldError
	object fyne.CanvasObject
}

func newLinkRowParts(url string) linkRowParts {
	return linkRowParts{url: filledEntry(url, "https://…"), err: newFieldError()}
}

func (p *linkRowParts) parts() *linkRowParts { return p }

// addressLine is the address with the remove button beside it, and under
// it, on a line kept for it so the form does not jump, the row's error.
func (p *linkRowParts) addressLine() fyne.CanvasObject {
	return container.NewVBox(container.NewBorder(nil, nil, nil, p.remove, p.url), noteLine(p.err.label))
}

// fillRows starts l with a row per value, made by addRow (an empty row
// when there are none), and an add button labelled addText that adds
// another empty one. onChange is told of every change after.
func fillRows[R listRow, V any](l *listedRows[R], values []V, addRow func(V), addText string, onChange func()) {
	var empty V
	l.box = container.NewVBox()
	l.add = widget.NewButtonWithIcon(addText, theme.ContentAddIcon(), func() {
		addRow(empty)
		l.changed()
	})
	for _, v := range values {
		addRow(v)
	}
	if len(values) == 0 {
		addRow(empty)
	}
	l.onChange = onChange
}

func (l *listedRows[R]) changed() {
	if l.onChange != nil {
		l.onChange()
	}
}

// texts are the texts typed in the rows, row after row.
func (l *listedRows[R]) texts() []string {
	var texts []string
	for _, r := range l.rows {
		texts = append(texts, r.texts()...)
	}
	return texts
}

// typed is what was typed in the rows, in words: a line a row, the rows
// with nothing typed left out.
func (l *listedRows[R]) typed() string {
	var lines []string
	for _, r := range l.rows {
		if line := strings.TrimSpace(strings.Join(r.texts(), " ")); line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

func (l *listedRows[R]) object() fyne.CanvasObject {
	return container.NewVBox(l.box, container.NewHBox(l.add))
}

// typedIn is what a row does when text is typed into it: marks its error
// line touched, so that a problem shows, and tells of the change.
func (l *listedRows[R]) typedIn(err *fieldError) func(string) {
	return func(string) {
		err.touched = true
		l.changed()
	}
}

// removeButton is a row's quiet delete button.
func (l *listedRows[R]) removeButton(r R) *widget.Button {
	b := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { l.removeRow(r) })
	b.Importance = widget.LowImportance
	return b
}

func (l *listedRows[R]) appendRow(r R) {
	l.rows = append(l.rows, r)
	l.box.Add(r.parts().object)
}

func (l *listedRows[R]) removeRow(r R) {
	for i, row := range l.rows {
		if row == r {
			l.rows = append(l.rows[:i], l.rows[i+1:]...)
			break
		}
	}
	l.box.Remove(r.parts().object)
	l.changed()
}

// row returns the row a link problem ("links[1].url") is about.
func (l *listedRows[R]) row(field string) (R, bool) {
	var i int
	var none R
	if _, err := fmt.Sscanf(field, "links[%d]", &i); err != nil || i < 0 || i >= len(l.used) {
		return none, false
	}
	return l.rows[l.used[i]], true
}

func (l *listedRows[R]) owns(field string) bool {
	_, ok := l.row(field)
	return ok
}

// showWithRows shows problems under the fields of a form with a list of
// links, l: under its rows those of the list, under the other fields the
// rest (blank tells which fields are empty).
func showWithRows[R listRow](b *formBase, problems fieldProblems, blank map[string]bool, l *listedRows[R]) {
	b.show(problems, blank, l.owns)
	l.show(problems)
}

// show puts each problem of l's rows under its row and clears the other
// rows.
func (l *listedRows[R]) show(problems fieldProblems) {
	msgs := map[R]string{}
	for _, field := range problems.fields() {
		if r, ok := l.row(field); ok && msgs[r] == "" {
			msgs[r] = problems[field]
		}
	}
	for _, r := range l.rows {
		p := r.parts()
		p.err.set(msgs[r], strings.TrimSpace(p.url.Text) == "")
	}
}
