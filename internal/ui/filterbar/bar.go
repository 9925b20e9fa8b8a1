// Package filterbar is the row of filter controls above the window's
// tabs: pickers for category, actor, tag, prediction state and kind of
// claim, a window of dates, Clear, and a menu of saved views. It reports
// each new filter to the window and leaves keeping the filter and the
// views to a Keeper; Summary says a filter in a few words.
package filterbar

import (
	"errors"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
)

// filterDateDelay is how long the bar waits after the last keystroke in a
// date box before it applies the date, so that "2023-11" does not filter
// by the year 2 and then 202 on the way.
const filterDateDelay = 600 * time.Millisecond

// filterDateWidth is the width of each date box.
const filterDateWidth = 84

// pickInterest is the value of the kind picker's option that keeps only
// the claims disclosing an interest; no kind is called so.
const pickInterest = "interest"

// Bar is the row of filter controls above the tabs: category, actor,
// tag and prediction state pickers, a date window, Clear, and a menu of
// saved views. The filter it shows and the saved views are kept in the
// database by its keeper.
type Bar struct {
	// batch keeps only what one import added ("Show what was imported");
	// it has no control of its own and stays until Clear.
	batch    *filter.ImportBatch
	win      fyne.Window
	keeper   Keeper
	onChange func(filter.Filter)
	// explain shows an error of the keeper; nil shows it as it is.
	explain func(error)

	// kinds picks the kinds of claim shown, and, as one more option, only
	// the claims whose source discloses an interest.
	categories, actors, tags, states, kinds *picker

	from, to    *widget.Entry
	fromText    string // the dates as last applied
	toText      string
	dateNote    *widget.Label
	dateNoteBox *fyne.Container // the note, hidden while the dates are fine
	clear       *widget.Button
	viewsMenu   *widget.Button
	box         fyne.CanvasObject
	savedViews  []filter.SavedView

	// setting is true while the controls are being set from a Filter, so
	// that their callbacks do not report each step.
	setting bool

	// schedule runs f on the UI goroutine after d and returns a function
	// that cancels it (tests replace it to run f when they like). cancelDates
	// cancels the pending application of typed dates, if any.
	schedule    func(d time.Duration, f func()) (cancel func())
	cancelDates func()

	// The last "Save current filter as…" dialog and its name box.
	saveDialog *dialog.FormDialog
	nameEntry  *modal.Entry
}

// Keeper keeps the saved views and the current filter (the window keeps
// them in the open database). done is called on the UI goroutine.
type Keeper interface {
	SaveView(v filter.SavedView, done func(error))
	DeleteView(name string, done func(error))
	KeepFilter(f filter.Filter)
}

// countedTitle is a picker's title: plain while nothing is picked, else
// counted, with the number picked as its Count.
func countedTitle(plain, counted i18n.Text) func(n int) string {
	return func(n int) string {
		if n == 0 {
			return plain.String()
		}
		return trf(counted.Key, counted.English, map[string]any{"Count": n})
	}
}

// pickOptions offers values under their names.
func pickOptions[T ~string](values []T, name func(T) string) []pickOption {
	options := make([]pickOption, len(values))
	for i, v := range values {
		options[i] = pickOption{value: string(v), label: name(v)}
	}
	return options
}

// New builds the bar, showing no filter and no saved views until the
// database's arrive (SetViews, Show). win is the window dialogs open over;
// onChange (which may be nil) is called with the new filter after every
// change; explain (which may be nil) shows a view that could not be saved
// or deleted.
func New(win fyne.Window, keeper Keeper, onChange func(filter.Filter), explain func(error)) *Bar {
	b := &Bar{win: win, keeper: keeper, onChange: onChange, explain: explain, schedule: afterDelay}

	b.categories = newPicker(countedTitle(
		i18n.Text{Key: "filter.category", English: "Category"},
		i18n.Text{Key: "filter.category_count", English: "Category ({{.Count}})"}),
		pickOptions(model.Categories, i18n.CategoryName), b.changed)
	b.actors = newPicker(countedTitle(
		i18n.Text{Key: "filter.actor", English: "Actor"},
		i18n.Text{Key: "filter.actor_count", English: "Actor ({{.Count}})"}), nil, b.changed)
	b.tags = newPicker(countedTitle(
		i18n.Text{Key: "filter.tags", English: "Tags"},
		i18n.Text{Key: "filter.tags_count", English: "Tags ({{.Count}})"}), nil, b.changed)
	b.states = newPicker(countedTitle(
		i18n.Text{Key: "filter.state", English: "State"},
		i18n.Text{Key: "filter.state_count", English: "State ({{.Count}})"}),
		pickOptions(model.States, i18n.StateName), b.changed)
	kinds := append(pickOptions(model.Kinds, i18n.KindName),
		pickOption{value: pickInterest, label: tr("filter.interest", "Only those with an interest disclosed")})
	b.kinds = newPicker(countedTitle(
		i18n.Text{Key: "filter.kind", English: "Kind"},
		i18n.Text{Key: "filter.kind_count", English: "Kind ({{.Count}})"}), kinds, b.changed)

	b.from = b.newDateEntry(tr("filter.from", "From"))
	b.to = b.newDateEntry(tr("filter.to", "To"))
	b.dateNote = widget.NewLabel("")
	b.dateNote.Importance = widget.DangerImportance
	b.dateNote.SizeName = theme.SizeNameCaptionText

	b.clear = widget.NewButtonWithIcon(tr("filter.clear", "Clear"), theme.ContentClearIcon(), func() { b.Apply(filter.Filter{}) })
	b.viewsMenu = widget.NewButtonWithIcon(tr("filter.views", "Views"), theme.MenuDropDownIcon(), b.showViewsMenu)
	b.viewsMenu.IconPlacement = widget.ButtonIconTrailingText

	dateBox := func(e *widget.Entry) fyne.CanvasObject {
		return container.NewCenter(container.NewGridWrap(fyne.NewSize(filterDateWidth, e.MinSize().Height), e))
	}
	b.dateNoteBox = container.NewCenter(b.dateNote)
	b.box = container.NewBorder(nil, nil,
		container.NewHBox(b.categories.button, b.actors.button, b.tags.button, b.states.button, b.kinds.button,
			dateBox(b.from), dateBox(b.to), b.dateNoteBox),
		container.NewHBox(b.clear, b.viewsMenu),
		layout.NewSpacer())

	b.Show(filter.Filter{})
	return b
}

// Object is the bar, one compact row.
func (b *Bar) Object() fyne.CanvasObject { return b.box }

// SetChoices sets the actors and tags the pickers offer; chosen values
// that are no longer among them stay chosen (and listed).
func (b *Bar) SetChoices(actors, tags []string) {
	b.actors.setOptions(plainOptions(actors))
	b.tags.setOptions(plainOptions(tags))
}

// Current is the filter the bar shows.
func (b *Bar) Current() filter.Filter {
	f := filter.Filter{
		Actors: b.actors.values(),
		Tags:   b.tags.values(),
		From:   strings.TrimSpace(b.fromText),
		To:     strings.TrimSpace(b.toText),
		Batch:  b.batch,
	}
	for _, v := range b.categories.values() {
		f.Categories = append(f.Categories, model.Category(v))
	}
	for _, v := range b.states.values() {
		f.States = append(f.States, model.State(v))
	}
	for _, v := range b.kinds.values() {
		if v == pickInterest {
			f.Interest = true
		} else {
			f.Kinds = append(f.Kinds, model.Kind(v))
		}
	}
	return f
}

// Apply shows f and reports it.
func (b *Bar) Apply(f filter.Filter) {
	b.Show(f)
	b.changed()
}

// Show sets every control from f without reporting.
func (b *Bar) Show(f filter.Filter) {
	b.stopTimer()
	b.setting = true
	defer func() { b.setting = false }()
	cats := make([]string, len(f.Categories))
	for i, c := range f.Categories {
		cats[i] = string(c)
	}
	states := make([]string, len(f.States))
	for i, s := range f.States {
		states[i] = string(s)
	}
	b.categories.setSelected(cats)
	b.actors.setSelected(f.Actors)
	b.tags.setSelected(model.NormalizeTags(f.Tags))
	b.states.setSelected(states)
	kinds := make([]string, 0, len(f.Kinds)+1)
	for _, k := range f.Kinds {
		kinds = append(kinds, string(k))
	}
	if f.Interest {
		kinds = append(kinds, pickInterest)
	}
	b.kinds.setSelected(kinds)
	b.fromText, b.toText = f.From, f.To
	b.batch = f.Batch
	b.from.SetText(f.From)
	b.to.SetText(f.To)
	b.updateState()
}

// changed follows any change of the controls: it saves the filter,
// updates the bar and reports the filter.
func (b *Bar) changed() {
	if b.setting {
		return
	}
	f := b.Current()
	b.keeper.KeepFilter(f)
	b.updateState()
	if b.onChange != nil {
		b.onChange(f)
	}
}

// updateState marks unreadable dates and enables Clear while anything is
// set.
func (b *Bar) updateState() {
	f := b.Current()
	enable(b.clear, !f.IsZero())
	w := f.Window()
	fromErr, toErr := w.FromErr, w.ToErr
	note := ""
	switch {
	case w.Reversed:
		reversed := errors.New(tr("filter.date_reversed", "To before From: ignored"))
		fromErr, toErr = reversed, reversed
		note = reversed.Error()
	case fromErr != nil || toErr != nil:
		note = tr("filter.date_unreadable", "Not a date: ignored")
	}
	b.from.SetValidationError(fromErr)
	b.to.SetValidationError(toErr)
	b.dateNote.SetText(note)
	if note == "" {
		b.dateNoteBox.Hide()
	} else {
		b.dateNoteBox.Show()
	}
}

func (b *Bar) newDateEntry(placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.AlwaysShowValidationError = true
	e.OnChanged = func(string) {
		if !b.setting {
			b.scheduleDates()
		}
	}
	e.OnSubmitted = func(string) { b.applyDates() }
	return e
}

// afterDelay runs f on the UI goroutine after d.
func afterDelay(d time.Duration, f func()) (cancel func()) {
	t := time.AfterFunc(d, func() { fyne.Do(f) })
	return func() { t.Stop() }
}

// scheduleDates applies the dates a moment after the last keystroke.
func (b *Bar) scheduleDates() {
	b.stopTimer()
	b.cancelDates = b.schedule(filterDateDelay, b.applyDates)
}

func (b *Bar) stopTimer() {
	if b.cancelDates != nil {
		b.cancelDates()
		b.cancelDates = nil
	}
}

// applyDates takes the text of the date boxes into the filter.
func (b *Bar) applyDates() {
	b.stopTimer()
	from, to := strings.TrimSpace(b.from.Text), strings.TrimSpace(b.to.Text)
	if from == strings.TrimSpace(b.fromText) && to == strings.TrimSpace(b.toText) {
		return
	}
	b.fromText, b.toText = from, to
	b.changed()
}

// Saved views.

// SetViews shows the views saved in the database.
func (b *Bar) SetViews(views []filter.SavedView) { b.savedViews = slices.Clone(views) }

// saveView keeps the current filter under name, replacing a view of the
// same name, once the database has it; a failure is explained.
func (b *Bar) saveView(name string) {
	name = strings.TrimSpace(name)
	if name == "" {
		return
	}
	v := filter.SavedView{Name: name, Filter: b.Current()}
	b.keeper.SaveView(v, func(err error) {
		if err != nil {
			b.showError(err)
			return
		}
		if i := slices.IndexFunc(b.savedViews, func(s filter.SavedView) bool { return s.Name == name }); i >= 0 {
			b.savedViews[i] = v
		} else {
			b.savedViews = append(b.savedViews, v)
		}
	})
}

// showError explains a view that could not be saved or deleted.
func (b *Bar) showError(err error) {
	if b.explain != nil {
		b.explain(err)
	} else if b.win != nil {
		modal.Show(b.win, dialog.NewError(err, b.win))
	}
}

// applyView shows the saved view called name.
func (b *Bar) applyView(name string) {
	if i := slices.IndexFunc(b.savedViews, func(s filter.SavedView) bool { return s.Name == name }); i >= 0 {
		b.Apply(b.savedViews[i].Filter)
	}
}

func (b *Bar) deleteView(name string) {
	b.keeper.DeleteView(name, func(err error) {
		if err != nil {
			b.showError(err)
			return
		}
		b.savedViews = slices.DeleteFunc(b.savedViews, func(s filter.SavedView) bool { return s.Name == name })
	})
}

// Views lists the names of the saved views.
func (b *Bar) Views() []string {
	names := make([]string, len(b.savedViews))
	for i, v := range b.savedViews {
		names[i] = v.Name
	}
	return names
}

// viewsMenuItems is the Views menu: save, the views to apply (the one
// showing now ticked), and a submenu to delete one.
func (b *Bar) viewsMenuItems() *fyne.Menu {
	cur := b.Current()
	save := fyne.NewMenuItem(tr("filter.save_view", "Save current filter as…"), b.askViewName)
	save.Icon = theme.DocumentSaveIcon()
	save.Disabled = cur.IsZero()
	items := []*fyne.MenuItem{save, fyne.NewMenuItemSeparator()}
	if len(b.savedViews) == 0 {
		none := fyne.NewMenuItem(tr("filter.no_views", "No saved views"), nil)
		none.Disabled = true
		items = append(items, none)
	}
	var deletes []*fyne.MenuItem
	for _, v := range b.savedViews {
		name := v.Name
		item := fyne.NewMenuItem(name, func() { b.applyView(name) })
		item.Checked = v.Filter.SameAs(cur)
		items = append(items, item)
		deletes = append(deletes, fyne.NewMenuItem(name, func() { b.deleteView(name) }))
	}
	if len(deletes) > 0 {
		del := fyne.NewMenuItem(tr("filter.delete_view", "Delete view"), nil)
		del.Icon = theme.DeleteIcon()
		del.ChildMenu = fyne.NewMenu("", deletes...)
		items = append(items, fyne.NewMenuItemSeparator(), del)
	}
	return fyne.NewMenu("", items...)
}

func (b *Bar) showViewsMenu() {
	c := fyne.CurrentApp().Driver().CanvasForObject(b.viewsMenu)
	if c == nil {
		return
	}
	m := widget.NewPopUpMenu(b.viewsMenuItems(), c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b.viewsMenu)
	// Right-aligned under the button, so that it stays inside the window.
	x := pos.X + b.viewsMenu.Size().Width - m.MinSize().Width
	m.ShowAtPosition(fyne.NewPos(max(x, 0), pos.Y+b.viewsMenu.Size().Height))
}

// askViewName asks for a name and saves the current filter under it.
func (b *Bar) askViewName() {
	win := b.win
	if win == nil {
		if all := fyne.CurrentApp().Driver().AllWindows(); len(all) > 0 {
			win = all[0]
		} else {
			return
		}
	}
	entry := modal.NewEntry()
	entry.SetPlaceHolder(tr("filter.view_name_placeholder", "e.g. Chinese open models, 2023"))
	entry.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(tr("filter.view_name_empty", "Give the view a name"))
		}
		return nil
	}
	hint := widget.NewLabel(Summary(b.Current()))
	hint.Wrapping = fyne.TextWrapWord
	hint.TextStyle = fyne.TextStyle{Italic: true}
	d := dialog.NewForm(tr("filter.save_view_title", "Save view"), tr("filter.save", "Save"), tr("filter.cancel", "Cancel"),
		[]*widget.FormItem{widget.NewFormItem(tr("filter.view_name", "Name"), entry), widget.NewFormItem("", hint)},
		func(ok bool) {
			if ok {
				b.saveView(entry.Text)
			}
		}, win)
	d.Resize(fyne.NewSize(460, 220))
	b.saveDialog, b.nameEntry = d, entry
	modal.SubmitOnEnter(entry, d) // one field: Enter saves
	modal.Show(win, d)
	win.Canvas().Focus(entry)
}

// enable enables or disables w.
func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}
