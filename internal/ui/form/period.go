package form

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
)

// ShowPeriod opens a modal dialog over win to add (initial.ID == 0) or
// edit a period: a named stretch of time drawn behind the events. save is
// called with a normalised, validated period; if it returns an error the
// dialog stays open and shows it; on nil the dialog closes.
func ShowPeriod(win fyne.Window, initial model.Period, known Suggestions, save func(model.Period) error) {
	newPeriodForm(initial, known, save).open(win)
}

// periodForm holds the widgets of the period form. It is built without a
// window, so tests can fill it in and submit it directly.
type periodForm struct {
	formBase
	initial model.Period
	save    func(model.Period) error

	title       *modal.Entry
	start, end  *dateField
	color       *modal.Entry
	swatch      *canvas.Rectangle
	lane        *completionEntry
	description *TextArea
	links       *linkList
	layer       *floatLayer
}

func newPeriodForm(initial model.Period, known Suggestions, save func(model.Period) error) *periodForm {
	f := &periodForm{initial: initial, save: save}
	f.formBase = newFormBase(f.submit, func() { f.validate() })

	f.title = filledEntry(initial.Title, tr("form.period.title_placeholder", "e.g. the hundred-model war, 百模大战"))
	f.start = f.dateField("start", initial.Start)
	f.end = f.dateField("end", initial.End)
	f.end.entry.SetPlaceHolder(tr("form.period.end_placeholder", "optional: when it ended, if its start does not say it all"))

	f.color = filledEntry(initial.Color, tr("form.period.color_placeholder", "optional: #d336b1, teal, orange…"))
	f.swatch = canvas.NewRectangle(color.Transparent)
	f.swatch.SetMinSize(fyne.NewSize(28, 28))
	f.swatch.CornerRadius = 4

	// A lane is named by an actor, a tag or a category's key.
	lanes := append(append([]string(nil), known.Actors...), known.Tags...)
	for _, c := range model.Categories {
		lanes = append(lanes, string(c))
	}
	f.lane = filledCompletion(lanes, false, initial.Lane, tr("form.period.lane_placeholder", "optional: an actor, category or tag; empty spans every lane"))

	f.description = filledArea(initial.Description, 4, tr("form.description_placeholder", "Markdown: **bold**, *italic*, [link](https://…), - lists"))

	f.links = newLinkList(initial.Links, f.changed)

	f.watch(&f.title.Entry, "title")
	f.watch(&f.start.entry.Entry, "start")
	f.watch(&f.end.entry.Entry, "end")
	f.watch(&f.color.Entry, "color")
	f.watch(&f.description.Entry, "description")
	f.lane.onEdit = func(string) { f.touch("lane") }

	form := widget.NewForm(
		widget.NewFormItem(tr("form.title", "Title"), f.below(f.title, "title")),
		widget.NewFormItem(tr("form.period.start", "From"), f.start.object()),
		widget.NewFormItem(tr("form.end", "Until"), f.end.object()),
		widget.NewFormItem(tr("form.period.color", "Colour"), f.below(container.NewBorder(nil, nil, nil, f.swatch, f.color), "color")),
		widget.NewFormItem(tr("form.period.lane", "Lane"), f.below(f.lane, "lane")),
		widget.NewFormItem(tr("form.description", "Description"), f.below(f.description, "description")),
		widget.NewFormItem(tr("form.links", "Sources"), f.links.object()),
	)
	f.layer = f.readyFloating(form, dialogTitle(initial.ID, tr("form.period.add_title", "Add period"), tr("form.period.edit_title", "Edit period")),
		f.title, f.fieldValues, f.lane)
	return f
}

// fieldValues is what the fields hold, to tell whether anything changed.
func (f *periodForm) fieldValues() string {
	values := []string{f.title.Text, f.start.entry.Text, f.end.entry.Text, f.color.Text, f.lane.Text, f.description.Text}
	return snapshotOf(append(values, f.links.texts()...)...)
}

// build reads the widgets into a period, normalised, with every problem
// found in it.
func (f *periodForm) build() (model.Period, fieldProblems) {
	problems := fieldProblems{}
	p := f.initial
	p.Title = f.title.Text
	p.Start = f.start.update("start", problems)
	p.End = f.end.update("end", problems)
	p.Color = f.color.Text
	if c, err := model.ParseColor(f.color.Text); err == nil {
		p.Color = c
	}
	p.Lane = f.lane.Text
	p.Description = f.description.Text
	p.Links = f.links.values()
	p.Normalize()
	problems.addValidation(p.Validate())
	f.showSwatch(p.Color)
	return p, problems
}

// showSwatch shows the colour typed, or nothing when it is not one.
func (f *periodForm) showSwatch(hex string) {
	c := color.Color(color.Transparent)
	if len(hex) == 7 && hex[0] == '#' {
		if v, err := strconv.ParseUint(hex[1:], 16, 32); err == nil {
			c = color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
		}
	}
	f.swatch.FillColor = c
	f.swatch.Refresh()
}

// validate checks the form, shows what is wrong under each field and
// enables Save only when nothing is.
func (f *periodForm) validate() (model.Period, bool) {
	return validated(&f.formBase, f.build, f.showProblems)
}

func (f *periodForm) showProblems(problems fieldProblems) {
	blank := map[string]bool{"title": strings.TrimSpace(f.title.Text) == "", "start": f.start.blank()}
	showWithRows(&f.formBase, problems, blank, &f.links.listedRows)
}

// submit saves the period when it is valid. A save error stays in the form.
func (f *periodForm) submit() { submitValid(&f.formBase, f.validate, f.save, f.showProblems) }
