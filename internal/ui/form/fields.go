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
	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Pieces shared by the editing forms: per-field error text, a date entry
// that says how it read the date, an entry that completes known names, and
// the dialog that holds a form.

// Suggestions feed the completion of free-text fields.
type Suggestions struct {
	Actors, Tags, Sources []string
	// Claims are the predictions a claim may restate (those of its source
	// are offered).
	Claims []model.Prediction
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
		return tr("form.error.fraction", "Leave it at 0 when no source says how much came true; otherwise more than 0% and less than 100%.")
	case "error.fraction_not_partly":
		return tr("form.error.fraction_not_partly", "Only a partly true prediction has a share that came true.")
	case "error.evidence":
		return tr("form.error.evidence", "Evidence must be an event.")
	case "error.role":
		return tr("form.error.role", "Choose what this event does for the prediction.")
	case "error.duplicate":
		return tr("form.error.duplicate", "This event is cited twice.")
	case "error.probability_question":
		return tr("form.error.probability_question", "A question asks, it does not predict, so it carries no probability. If the source gave odds, make it a forecast.")
	case "error.probability_hope":
		return tr("form.error.probability_hope", "A hope or intent is not a forecast, so it carries no probability. If the source gave odds, make it a forecast.")
	case "error.probability_opinion":
		return tr("form.error.probability_opinion", "An opinion or claim of fact is not a forecast, so it carries no probability. If the source gave odds, make it a forecast.")
	case "error.contemporaneous_unpublished":
		return tr("form.error.contemporaneous_unpublished", "Contemporaneous needs a source published on or before the day it was made: give that source its published date, or say it was reported later.")
	case "error.later_has_early_source":
		return tr("form.error.later_has_early_source", "A source was published on or before the day it was made, so it is contemporaneous, not reported later.")
	case "error.primary_needs_url":
		return tr("form.error.primary_needs_url", "A primary source needs its address, so that anyone can check the words.")
	case "error.link_empty":
		return tr("form.error.link_empty", "Give this source its address or the words as said, or remove it.")
	case "error.restates_self", "error.restates_loop", "error.restates":
		return tr("form.error.restates_loop", "A claim cannot restate itself, nor a restatement of itself.")
	case "error.restates_missing":
		return tr("form.error.restates_missing", "The claim it restates no longer exists.")
	case "error.restates_other_source":
		return tr("form.error.restates_other_source", "A claim can only restate one made by the same source.")
	case "error.restates_later":
		return tr("form.error.restates_later", "A restatement comes after the claim it restates.")
	case "error.reviewed_before_made":
		return tr("form.error.reviewed_before_made", "It cannot have been reviewed before it was made.")
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
	entry   *modal.Entry
	preview *widget.Label
	err     *fieldError
}

func newDateField(initial when.Date) *dateField {
	f := &dateField{entry: newEntry(), preview: hint(""), err: newFieldError()}
	f.entry.SetPlaceHolder(tr("form.date_placeholder", "e.g. 2023-03-14, March 2023, mid-2022, 2023年3月"))
	if !initial.IsZero() {
		f.entry.SetText(initial.Format(i18n.Lang()))
	}
	f.preview.Hide()
	return f
}

// object is the entry with the line under it that shows how the date
// reads or why it cannot be read.
func (f *dateField) object() fyne.CanvasObject {
	return container.NewVBox(f.entry, noteLine(f.preview, f.err.label))
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

// dateErrorText says why a date cannot be read, in the interface's
// language.
func dateErrorText(err error) string {
	return trf("form.error.date_unreadable", "Cannot read this date: {{.Reason}}", map[string]any{"Reason": i18n.DateErrorText(err)})
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
//
// The list floats over the form inside the form's own layer (see
// floatLayer), not in an overlay of the window: an overlay takes every
// click until it closes, so the first click on Save after a completion was
// offered used to be lost. The entry keeps the keyboard while the list
// shows: Down and Up move through it, Return picks, Escape closes it.
type completionEntry struct {
	widget.Entry
	options []string
	multi   bool
	// onEdit is called after every change of the text, typed or chosen.
	onEdit func(string)
	// layer shows the list; without one (an entry alone in a test) the
	// matches are worked out but not shown.
	layer *floatLayer

	matches []string
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
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.Focused() != e {
		c.Focus(e)
	}
}

// showing reports whether the list of matches is shown.
func (e *completionEntry) showing() bool { return e.list != nil }

// showMatches shows the list of matches under the entry while there are
// any, and hides it when there are none.
func (e *completionEntry) showMatches() {
	if len(e.matches) == 0 || e.layer == nil {
		e.hideMatches()
		return
	}
	if e.list == nil {
		e.list = newSuggestionList(e)
	}
	e.list.current = 0
	e.list.refresh()
	e.layer.show(e, e.list)
}

func (e *completionEntry) hideMatches() {
	if e.list != nil {
		e.list = nil
		if e.layer != nil {
			e.layer.hide()
		}
	}
}

// TypedKey moves through the list of matches while it shows; Escape
// otherwise closes the dialog.
func (e *completionEntry) TypedKey(k *fyne.KeyEvent) {
	if e.showing() {
		switch k.Name {
		case fyne.KeyDown:
			e.list.move(1)
			return
		case fyne.KeyUp:
			e.list.move(-1)
			return
		case fyne.KeyReturn, fyne.KeyEnter:
			if e.list.current < len(e.matches) {
				e.choose(e.matches[e.list.current])
			}
			return
		case fyne.KeyEscape:
			e.hideMatches()
			return
		}
	} else if k.Name == fyne.KeyEscape && modal.EscapeFrom(e) {
		return
	}
	e.Entry.TypedKey(k)
}

// FocusLost closes the list: Tab, or a click elsewhere, moves on.
func (e *completionEntry) FocusLost() {
	e.hideMatches()
	e.Entry.FocusLost()
}

// suggestionList is the list of matches a completionEntry shows: one row
// per match, the current one highlighted, a tap choosing one. It never
// takes the keyboard.
type suggestionList struct {
	widget.BaseWidget
	entry   *completionEntry
	current int
	rows    *fyne.Container
	bg      *canvas.Rectangle
}

func newSuggestionList(e *completionEntry) *suggestionList {
	l := &suggestionList{entry: e, rows: container.NewVBox()}
	l.bg = canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	l.bg.StrokeColor = theme.Color(theme.ColorNameShadow)
	l.bg.StrokeWidth = 1
	l.ExtendBaseWidget(l)
	return l
}

func (l *suggestionList) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(l.bg, l.rows))
}

// refresh rebuilds the rows from the entry's matches.
func (l *suggestionList) refresh() {
	l.rows.Objects = l.rows.Objects[:0]
	for i, m := range l.entry.matches {
		l.rows.Objects = append(l.rows.Objects, newSuggestionRow(m, i == l.current, func() { l.entry.choose(m) }))
	}
	l.rows.Refresh()
}

// move highlights the next (+1) or previous (-1) match.
func (l *suggestionList) move(by int) {
	l.current = min(max(l.current+by, 0), len(l.entry.matches)-1)
	l.refresh()
}

// suggestionRow is one match: a label on a highlight when current, that
// chooses the match when tapped.
type suggestionRow struct {
	widget.BaseWidget
	text   string
	marked bool
	tapped func()
}

func newSuggestionRow(text string, marked bool, tapped func()) *suggestionRow {
	r := &suggestionRow{text: text, marked: marked, tapped: tapped}
	r.ExtendBaseWidget(r)
	return r
}

func (r *suggestionRow) CreateRenderer() fyne.WidgetRenderer {
	label := widget.NewLabel(r.text)
	label.Truncation = fyne.TextTruncateEllipsis
	mark := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
	if !r.marked {
		mark.Hide()
	}
	return widget.NewSimpleRenderer(container.NewStack(mark, label))
}

// Tapped chooses the match.
func (r *suggestionRow) Tapped(*fyne.PointEvent) { r.tapped() }

// floatLayer holds a form and, over it, at most one floating object (a
// completion list) placed under the widget it belongs to. Being part of
// the form, the list lets a click outside it reach whatever is there.
type floatLayer struct {
	box    *fyne.Container
	float  fyne.CanvasObject
	anchor fyne.CanvasObject
}

func newFloatLayer(content fyne.CanvasObject) *floatLayer {
	l := &floatLayer{}
	l.box = container.New(l, content)
	return l
}

// show floats o under anchor, or over it when there is no room below.
func (l *floatLayer) show(anchor, o fyne.CanvasObject) {
	l.anchor, l.float = anchor, o
	l.box.Objects = append(l.box.Objects[:1], o)
	l.place(l.box.Size())
	l.refresh()
}

func (l *floatLayer) hide() {
	l.anchor, l.float = nil, nil
	l.box.Objects = l.box.Objects[:1]
	l.refresh()
}

// refresh redraws the layer once it has a size: laying out a form not yet
// shown would squeeze it to nothing.
func (l *floatLayer) refresh() {
	if !l.box.Size().IsZero() {
		l.box.Refresh()
	}
}

// Layout fills the layer with the form and places the floating object.
func (l *floatLayer) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(size)
	l.place(size)
}

// place puts the floating object under its anchor in a layer of size.
func (l *floatLayer) place(size fyne.Size) {
	if l.float == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(l.anchor).Subtract(d.AbsolutePositionForObject(l.box))
	h := l.float.MinSize().Height
	y := at.Y + l.anchor.Size().Height
	if y+h > size.Height && at.Y-h >= 0 {
		y = at.Y - h
	}
	l.float.Move(fyne.NewPos(at.X, y))
	l.float.Resize(fyne.NewSize(l.anchor.Size().Width, h))
}

// MinSize is the form's: the floating object takes no room of its own.
func (l *floatLayer) MinSize(objects []fyne.CanvasObject) fyne.Size { return objects[0].MinSize() }

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

// formBase is what every form has: an error line per field, a line at the
// foot for other problems, a Save button enabled only while the form is
// valid, and the bookkeeping that re-validates on every change.
type formBase struct {
	errs       map[string]*fieldError
	general    *fieldError
	saveButton *widget.Button
	// content is what the dialog shows, under heading; first is the field
	// that takes the keyboard as it opens (nil: the first that can).
	content fyne.CanvasObject
	heading string
	first   fyne.Focusable
	// onDone closes the dialog after a successful save.
	onDone func()
	// filling is set while the widgets are filled from the initial value,
	// so that filling them counts as neither a change nor a touch.
	filling bool
	// revalidate checks the whole form again; set by each form.
	revalidate func()
	// snapshot writes down what the form's fields hold, and baseline is
	// what they held when it opened: Cancel asks before it discards a
	// form whose fields changed.
	snapshot func() string
	baseline string
	// cancelButton is the dialog's Cancel; discard is the dialog asking
	// whether to discard the changes, while it is open.
	cancelButton *widget.Button
	discard      *dialog.ConfirmDialog
	// changedPanel asks what to do when someone else saved the record
	// since the form opened (see submitGuarded); scroll is the dialog's
	// scroll, to bring it into view, and win the window it is over.
	changedPanel *changedPanel
	scroll       *container.Scroll
	win          fyne.Window
}

// ready ends the building of a form: content is what its dialog shows,
// under heading, with first taking the keyboard (nil: the first field that
// can). From here on a change counts as one and re-validates, snapshot
// tells whether the fields changed since now, and the form is checked
// once, so Save starts enabled only when it is valid.
func (b *formBase) ready(content fyne.CanvasObject, heading string, first fyne.Focusable, snapshot func() string) {
	b.content, b.heading, b.first = content, heading, first
	b.snapshot = snapshot
	b.filling = false
	b.revalidate()
	b.opened()
}

// readyFloating ends the building of a form whose completion entries float
// their suggestions over it: the question about someone else's save
// (hidden until asked), the form and the general note, in a layer the
// entries show their lists in. The rest is as ready.
func (b *formBase) readyFloating(form *widget.Form, heading string, first fyne.Focusable, snapshot func() string, entries ...*completionEntry) *floatLayer {
	layer := newFloatLayer(container.NewVBox(b.changedPanel.box, form, noteLine(b.general.label)))
	for _, e := range entries {
		e.layer = layer
	}
	b.ready(layer.box, heading, first, snapshot)
	return layer
}

// opened takes note of what the fields hold as the form opens.
func (b *formBase) opened() {
	if b.snapshot != nil {
		b.baseline = b.snapshot()
	}
}

// dirty reports whether the fields hold anything else than when the form
// opened.
func (b *formBase) dirty() bool {
	return b.changedPanel.yours != "" || b.snapshot != nil && b.snapshot() != b.baseline
}

// snapshotOf joins the values of fields into one text to compare.
func snapshotOf(values ...string) string { return strings.Join(values, "\x1f") }

// newFormBase starts a form whose Save button calls submit and whose
// every change calls revalidate.
func newFormBase(submit, revalidate func()) formBase {
	g := newFieldError()
	g.touched = true
	return formBase{errs: map[string]*fieldError{}, general: g, saveButton: newSaveButton(submit), filling: true,
		revalidate: revalidate, changedPanel: newChangedPanel()}
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

// dateField is a new date field for the form's field name: the field's
// error line is the date's own, under its entry.
func (b *formBase) dateField(name string, initial when.Date) *dateField {
	d := newDateField(initial)
	b.errs[name] = d.err
	return d
}

// below stacks a widget over the error line of its field, whose line is
// kept free while there is no error, so the form does not jump when one
// appears.
func (b *formBase) below(o fyne.CanvasObject, field string) fyne.CanvasObject {
	return container.NewVBox(o, noteLine(b.field(field).label))
}

// noteLine holds the notes shown under a field (a hint, an error), at
// least one caption line tall whether any is shown or not.
func noteLine(notes ...fyne.CanvasObject) fyne.CanvasObject {
	line := widget.NewLabel("M")
	line.SizeName = theme.SizeNameCaptionText
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(0, line.MinSize().Height))
	return container.NewStack(append([]fyne.CanvasObject{spacer}, notes...)...)
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
	msg, general := problems[generalField]
	if general {
		problems[generalField] = saveErrorText(msg)
	}
	show(problems)
	if general && b.scroll != nil {
		b.scroll.ScrollToBottom() // the foot of the form, where it says why
	}
}

// validated builds what a form holds, shows the problems found in it
// under its fields with show and enables Save only when there are none; ok
// reports whether there are none.
func validated[T any](b *formBase, build func() (T, fieldProblems), show func(fieldProblems)) (v T, ok bool) {
	v, problems := build()
	show(problems)
	ok = len(problems) == 0
	setEnabled(b.saveButton, ok && !b.changedPanel.asking)
	return v, ok
}

// submitValid saves what a form holds when it is valid. A save error stays
// in the form, shown with show.
func submitValid[T any](b *formBase, validate func() (T, bool), save func(T) error, show func(fieldProblems)) {
	if v, ok := validate(); ok {
		b.saved(save(v), show)
	}
}

// open shows the form in a dialog over win.
func (b *formBase) open(win fyne.Window) {
	b.win = win
	b.onDone = b.formDialog(win, b.heading, b.content, b.first)
}

// dialogTitle is a form's title: add for a record not yet stored (id 0),
// edit for one that is.
func dialogTitle(id int64, add, edit string) string {
	if id == 0 {
		return add
	}
	return edit
}

// formDialog shows a form's content in a modal dialog over win with Cancel
// and Save buttons, first (when set; else the first field that takes the
// keyboard) focused. Cancel and Escape ask before they discard changes.
// It returns the function that closes the dialog.
func (b *formBase) formDialog(win fyne.Window, title string, content fyne.CanvasObject, first fyne.Focusable) func() {
	// Keep the content clear of the scroll bar, which is drawn over it.
	gutter := canvas.NewRectangle(color.Transparent)
	gutter.SetMinSize(fyne.NewSize(theme.ScrollBarSize(), 0))
	b.scroll = container.NewVScroll(container.NewBorder(nil, nil, nil, gutter, content))
	d := dialog.NewCustomWithoutButtons(title, b.scroll, win)
	cancel := func() { b.cancel(win, d.Hide) }
	b.cancelButton = widget.NewButtonWithIcon(tr("form.cancel", "Cancel"), theme.CancelIcon(), cancel)
	d.SetButtons([]fyne.CanvasObject{b.cancelButton, b.saveButton})
	size := formSize
	if ws := win.Canvas().Size(); ws.Width > 0 && ws.Height > 0 {
		size = fyne.NewSize(min(size.Width, ws.Width-2*theme.Padding()), min(size.Height, ws.Height-2*theme.Padding()))
	}
	d.Resize(size)
	modal.ShowEscaping(win, d, cancel)
	if first != nil {
		win.Canvas().Focus(first)
	} else {
		win.Canvas().FocusNext()
	}
	return d.Hide
}

// cancel closes the form with close, first asking whether to discard the
// changes when there are any.
func (b *formBase) cancel(win fyne.Window, close func()) {
	if !b.dirty() {
		close()
		return
	}
	// While the question shows, keys are for it, not for the field behind
	// it (Escape keeps editing, Tab reaches its buttons); keeping on editing
	// gives that field the keyboard again.
	c := win.Canvas()
	behind := c.Focused()
	b.discard = dialog.NewConfirm(tr("form.discard_title", "Discard changes?"),
		tr("form.discard_text", "What was typed in this form will be lost."), func(yes bool) {
			b.discard = nil
			if yes {
				close()
			} else if behind != nil {
				c.Focus(behind)
			}
		}, win)
	b.discard.SetConfirmText(tr("form.discard", "Discard"))
	b.discard.SetDismissText(tr("form.keep_editing", "Keep editing"))
	modal.Show(win, b.discard)
	c.Unfocus()
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

// TypedKey passes Escape on to the dialog.
func (t *TextArea) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && modal.EscapeFrom(t) {
		return
	}
	t.Entry.TypedKey(k)
}

// newEntry is a one-line entry of a form: Escape closes the dialog.
func newEntry() *modal.Entry { return modal.NewEntry() }

// filledEntry is a one-line entry of a form holding text, showing
// placeholder while it is empty.
func filledEntry(text, placeholder string) *modal.Entry {
	e := newEntry()
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	return e
}

// filledArea is a text area of a form, rows lines high, holding text and
// showing placeholder while it is empty.
func filledArea(text string, rows int, placeholder string) *TextArea {
	t := NewTextArea()
	t.SetMinRowsVisible(rows)
	t.SetText(text)
	t.SetPlaceHolder(placeholder)
	return t
}

// filledCompletion is a completion entry offering options (for a list of
// them when multi) that holds text, showing placeholder while it is empty.
func filledCompletion(options []string, multi bool, text, placeholder string) *completionEntry {
	e := newCompletionEntry(options, multi)
	e.setText(text)
	e.SetPlaceHolder(placeholder)
	return e
}
