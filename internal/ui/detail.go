package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/linkgate"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/when"
)

// detailActions are what the detail panel's buttons ask the window to do.
type detailActions struct {
	selectEvent      func(id int64)
	selectPrediction func(id int64)
	editEvent        func(e model.Event)
	deleteEvent      func(e model.Event)
	editPrediction   func(p model.Prediction)
	resolve          func(p model.Prediction)
	citeEvent        func(e model.Event)
	unresolve        func(p model.Prediction)
	deletePrediction func(p model.Prediction)
	editPeriod       func(p model.Period)
	deletePeriod     func(p model.Period)
}

// detailPanel shows every field of the selected event or prediction.
type detailPanel struct {
	box     *fyne.Container
	scroll  *container.Scroll
	actions detailActions
	links   *linkgate.Gate
	// hidden says the record shown does not pass the filter: the panel
	// says so above it.
	hidden bool
}

func newDetailPanel(actions detailActions, links *linkgate.Gate) *detailPanel {
	d := &detailPanel{box: container.NewVBox(), actions: actions, links: links}
	d.scroll = container.NewVScroll(d.box)
	d.showNothing()
	return d
}

func (d *detailPanel) object() fyne.CanvasObject { return d.scroll }

func (d *detailPanel) set(objects ...fyne.CanvasObject) {
	if d.hidden && len(objects) > 1 {
		note := widget.NewLabel(tr("detail.hidden", "The filter hides this record: it is not on the timeline or in the lists."))
		note.Wrapping = fyne.TextWrapWord
		note.Importance = widget.WarningImportance
		objects = append([]fyne.CanvasObject{note}, objects...)
	}
	d.box.Objects = objects
	d.box.Refresh()
	d.scroll.ScrollToTop()
}

func (d *detailPanel) showNothing() {
	d.hidden = false
	d.set(muted(tr("detail.empty", "Select an event, a prediction or the label of a period on the timeline to see it here.")))
}

func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// muted sets secondary text apart by style, not by a faint colour, so it
// stays readable in both themes.
func muted(text string) *widget.Label {
	l := wrapped(text)
	l.TextStyle = fyne.TextStyle{Italic: true}
	return l
}

func field(name, value string) fyne.CanvasObject {
	return wrapped(name + ": " + value)
}

func (d *detailPanel) showEvent(e model.Event, citing []model.Prediction) {
	title := e.DisplayTitle(i18n.Lang())
	objs := []fyne.CanvasObject{heading(title)}
	if other := otherTitle(e); other != "" {
		objs = append(objs, muted(other))
	}
	when := i18n.EventDateText(e)
	if p := e.Date.Precision(); p != 0 {
		when += "  (" + i18n.PrecisionName(p) + ")"
	}
	objs = append(objs, field(tr("field.date", "Date"), when))
	if e.Actor != "" {
		objs = append(objs, field(tr("field.actor", "Actor"), e.Actor))
	}
	objs = append(objs, field(tr("field.category", "Category"), i18n.CategoryName(e.Category)))
	if len(e.Tags) > 0 {
		objs = append(objs, field(tr("field.tags", "Tags"), strings.Join(e.Tags, ", ")))
	}
	if e.Description != "" {
		objs = append(objs, widget.NewSeparator(), d.links.Markdown(e.Description))
	}
	if len(e.Links) > 0 {
		objs = append(objs, widget.NewSeparator(), muted(tr("field.sources", "Sources")))
		for _, l := range e.Links {
			objs = append(objs, d.links.Link("", l.URL))
			if l.Quote != "" {
				objs = append(objs, muted("“"+l.Quote+"”"))
			}
		}
	}
	if len(citing) > 0 {
		objs = append(objs, widget.NewSeparator(), muted(tr("detail.cited_by", "Cited as evidence by")))
		for _, p := range citing {
			p := p
			link := recordLink(p.DisplayStatement(i18n.Lang()), func() {
				d.actions.selectPrediction(p.ID)
			})
			objs = append(objs, container.NewBorder(nil, nil, widget.NewIcon(look.StateIcon(p.State())), nil, link))
		}
	}
	edit := widget.NewButtonWithIcon(tr("action.edit", "Edit…"), theme.DocumentCreateIcon(), func() { d.actions.editEvent(e) })
	cite := widget.NewButtonWithIcon(tr("action.cite", "Use as evidence…"), theme.ConfirmIcon(), func() { d.actions.citeEvent(e) })
	del := widget.NewButtonWithIcon(tr("action.delete", "Delete…"), theme.DeleteIcon(), func() { d.actions.deleteEvent(e) })
	del.Importance = widget.DangerImportance
	objs = append(objs, widget.NewSeparator(), container.NewGridWithColumns(2, edit, cite, del))
	d.set(objs...)
}

// otherTitle is the title in the language not shown, when there is one.
func otherTitle(e model.Event) string {
	if i18n.Lang() == i18n.LanguageChinese {
		if e.TitleZh != "" {
			return e.Title
		}
		return ""
	}
	return e.TitleZh
}

func (d *detailPanel) showPrediction(p model.Prediction, lib *app.Library) {
	objs := []fyne.CanvasObject{heading(p.DisplayStatement(i18n.Lang()))}
	if i18n.Lang() == i18n.LanguageChinese && p.StatementZh != "" {
		objs = append(objs, muted(p.Statement))
	} else if p.StatementZh != "" {
		objs = append(objs, muted(p.StatementZh))
	}
	state := p.State()
	badge := canvas.NewText(i18n.StateName(state), look.StateColor(state))
	badge.TextStyle = fyne.TextStyle{Bold: true}
	badge.TextSize = theme.TextSubHeadingSize()
	objs = append(objs, container.NewHBox(widget.NewIcon(look.StateIcon(state)), badge))
	if p.Overdue(when.Today()) {
		warn := widget.NewLabel(tr("detail.overdue", "Overdue: the deadline has passed and it is still open."))
		warn.Importance = widget.WarningImportance
		warn.Wrapping = fyne.TextWrapWord
		objs = append(objs, warn)
	}
	objs = append(objs,
		field(tr("field.source", "Made by"), p.DisplaySource(i18n.Lang())),
		field(tr("field.made", "Made on"), p.Made.Format(i18n.Lang())))
	if !p.Deadline.IsZero() {
		deadline := p.Deadline.Format(i18n.Lang())
		if p.Deadline.Phrase != "" && p.Deadline.Phrase != deadline {
			deadline = p.Deadline.Phrase + " (" + deadline + ")"
		}
		objs = append(objs, field(tr("field.deadline", "Deadline"), deadline),
			field(tr("field.due", "Due by"), i18n.DueText(p)))
	}
	if p.Probability != nil {
		objs = append(objs, field(tr("field.probability", "Probability"), i18n.PercentText(*p.Probability)))
	} else {
		objs = append(objs, muted(tr("detail.no_probability", "No probability given: counts for hit rate only.")))
	}
	if p.Criteria != "" {
		objs = append(objs, field(tr("field.criteria", "Resolution criteria"), p.Criteria))
	}
	if len(p.Tags) > 0 {
		objs = append(objs, field(tr("field.tags", "Tags"), strings.Join(p.Tags, ", ")))
	}
	if p.Link.URL != "" || p.Link.Quote != "" {
		objs = append(objs, widget.NewSeparator(), muted(tr("field.said_where", "Where it was said")))
		if p.Link.Quote != "" {
			objs = append(objs, wrapped("“"+p.Link.Quote+"”"))
		}
		if p.Link.URL != "" {
			objs = append(objs, d.links.Link("", p.Link.URL))
		}
	}
	if r := p.Resolution; r.Resolved() {
		objs = append(objs, widget.NewSeparator(), muted(tr("detail.resolution", "Resolution")),
			field(tr("field.resolved_on", "Resolved on"), r.On.Format(i18n.Lang())))
		if r.State == model.StatePartly {
			objs = append(objs, field(tr("field.fraction", "Came true"), i18n.PercentText(r.Fraction)))
		}
		if r.Note != "" {
			objs = append(objs, wrapped(r.Note))
		}
		for _, ev := range r.Evidence {
			e, ok := lib.Event(ev.EventID)
			if !ok {
				continue
			}
			id := e.ID
			objs = append(objs, recordLink(i18n.RoleName(ev.Role)+": "+e.DisplayTitle(i18n.Lang())+" ("+e.Date.Format(i18n.Lang())+")",
				func() { d.actions.selectEvent(id) }))
		}
	}
	var buttons []fyne.CanvasObject
	resolveLabel := tr("action.resolve", "Resolve…")
	if p.Resolution.Resolved() {
		resolveLabel = tr("action.change_resolution", "Change resolution…")
	}
	resolve := widget.NewButtonWithIcon(resolveLabel, theme.ConfirmIcon(), func() { d.actions.resolve(p) })
	resolve.Importance = widget.HighImportance
	buttons = append(buttons, resolve)
	if p.Resolution.Resolved() {
		buttons = append(buttons, widget.NewButtonWithIcon(tr("action.unresolve", "Reopen"), theme.ContentUndoIcon(),
			func() { d.actions.unresolve(p) }))
	}
	buttons = append(buttons, widget.NewButtonWithIcon(tr("action.edit", "Edit…"), theme.DocumentCreateIcon(),
		func() { d.actions.editPrediction(p) }))
	del := widget.NewButtonWithIcon(tr("action.delete", "Delete…"), theme.DeleteIcon(), func() { d.actions.deletePrediction(p) })
	del.Importance = widget.DangerImportance
	buttons = append(buttons, del)
	objs = append(objs, widget.NewSeparator(), container.NewGridWithColumns(2, buttons...))
	d.set(objs...)
}

// recordLink shows another record as a link that selects it. Long text is
// cut with an ellipsis to the panel's width rather than widening the panel.
func recordLink(text string, tap func()) *widget.Hyperlink {
	h := widget.NewHyperlink(text, nil)
	h.Truncation = fyne.TextTruncateEllipsis
	h.OnTapped = tap
	return h
}
