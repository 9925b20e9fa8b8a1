// Package detail is the panel beside the timeline that shows every field
// of the selected event, prediction or period, with buttons for what can
// be done with it. What the buttons ask for goes back to the window
// through Actions; links open through a linkgate.Gate.
package detail

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

// Actions are what the detail panel's buttons ask the window to do.
type Actions struct {
	SelectEvent      func(id int64)
	SelectPrediction func(id int64)
	EditEvent        func(e model.Event)
	DeleteEvent      func(e model.Event)
	EditPrediction   func(p model.Prediction)
	Resolve          func(p model.Prediction)
	CiteEvent        func(e model.Event)
	Unresolve        func(p model.Prediction)
	DeletePrediction func(p model.Prediction)
	MarkReviewed     func(p model.Prediction)
	EditPeriod       func(p model.Period)
	DeletePeriod     func(p model.Period)
}

// Panel shows every field of the selected event or prediction.
type Panel struct {
	box     *fyne.Container
	scroll  *container.Scroll
	actions Actions
	links   *linkgate.Gate
	// Hidden says the record shown next does not pass the filter: the
	// panel says so above it.
	Hidden bool
	// ReadOnly, when set, says why records may not be changed: the panel
	// says so above the record and disables its buttons.
	ReadOnly string
}

// New builds the panel, showing nothing.
func New(actions Actions, links *linkgate.Gate) *Panel {
	d := &Panel{box: container.NewVBox(), actions: actions, links: links}
	d.scroll = container.NewVScroll(d.box)
	d.ShowNothing()
	return d
}

// Object is the panel, scrolling.
func (d *Panel) Object() fyne.CanvasObject { return d.scroll }

func (d *Panel) set(objects ...fyne.CanvasObject) {
	if d.Hidden && len(objects) > 1 {
		note := widget.NewLabel(tr("detail.hidden", "The filter hides this record: it is not on the timeline or in the lists."))
		note.Wrapping = fyne.TextWrapWord
		note.Importance = widget.WarningImportance
		objects = append([]fyne.CanvasObject{note}, objects...)
	}
	if d.ReadOnly != "" && len(objects) > 1 {
		for _, o := range objects {
			disableButtons(o)
		}
		note := widget.NewLabel(d.ReadOnly)
		note.Wrapping = fyne.TextWrapWord
		note.Importance = widget.WarningImportance
		objects = append(objects, note)
	}
	d.box.Objects = objects
	d.box.Refresh()
	d.scroll.ScrollToTop()
}

// disableButtons disables every button in o: the record may not be
// changed.
func disableButtons(o fyne.CanvasObject) {
	switch w := o.(type) {
	case *widget.Button:
		w.Disable()
	case *fyne.Container:
		for _, c := range w.Objects {
			disableButtons(c)
		}
	}
}

// ShowNothing says how to select something.
func (d *Panel) ShowNothing() {
	d.Hidden = false
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

// ShowEvent shows e and the predictions citing it.
func (d *Panel) ShowEvent(e model.Event, citing []model.Prediction) {
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
	objs = append(objs, d.described(e.Description, e.Links)...)
	if len(citing) > 0 {
		objs = append(objs, widget.NewSeparator(), muted(tr("detail.cited_by", "Cited as evidence by")))
		for _, p := range citing {
			p := p
			link := recordLink(p.DisplayStatement(i18n.Lang()), func() {
				d.actions.SelectPrediction(p.ID)
			})
			objs = append(objs, container.NewBorder(nil, nil, widget.NewIcon(look.StateIcon(p.State())), nil, link))
		}
	}
	edit := widget.NewButtonWithIcon(tr("action.edit", "Edit…"), theme.DocumentCreateIcon(), func() { d.actions.EditEvent(e) })
	cite := widget.NewButtonWithIcon(tr("action.cite", "Use as evidence…"), theme.ConfirmIcon(), func() { d.actions.CiteEvent(e) })
	del := widget.NewButtonWithIcon(tr("action.delete", "Delete…"), theme.DeleteIcon(), func() { d.actions.DeleteEvent(e) })
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

// ShowPrediction shows p; lib gives its evidence and its chain.
func (d *Panel) ShowPrediction(p model.Prediction, lib *app.Library) {
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
	objs = append(objs, claimKindRow(p)...)
	if p.Overdue(when.Today()) {
		warn := widget.NewLabel(tr("detail.overdue", "Overdue: the deadline has passed and it is still open."))
		warn.Importance = widget.WarningImportance
		warn.Wrapping = fyne.TextWrapWord
		objs = append(objs, warn)
	}
	objs = append(objs,
		field(tr("field.source", "Made by"), p.DisplaySource(i18n.Lang())),
		field(tr("field.made", "Made on"), p.Made.Format(i18n.Lang())))
	objs = append(objs, provenanceRows(p)...)
	if p.Interest != "" {
		interest := wrapped(trf("detail.interest", "Interest disclosed: {{.Interest}}", map[string]any{"Interest": p.Interest}))
		interest.Importance = widget.WarningImportance
		objs = append(objs, interest)
	}
	if !p.Deadline.IsZero() {
		deadline := p.Deadline.Format(i18n.Lang())
		if p.Deadline.Phrase != "" && p.Deadline.Phrase != deadline {
			deadline = p.Deadline.Phrase + " (" + deadline + ")"
		}
		objs = append(objs, field(tr("field.deadline", "Deadline"), deadline),
			field(tr("field.due", "Due by"), i18n.DueText(p)))
	}
	switch {
	case p.Probability != nil:
		objs = append(objs, field(tr("field.probability", "Probability"), i18n.PercentText(*p.Probability)))
	case p.Kind == "" || p.Kind == model.KindForecast:
		objs = append(objs, muted(tr("detail.no_probability", "No probability given: counts for hit rate only.")))
	}
	if p.Criteria != "" {
		objs = append(objs, field(tr("field.criteria", "Resolution criteria"), p.Criteria))
	}
	if len(p.Tags) > 0 {
		objs = append(objs, field(tr("field.tags", "Tags"), strings.Join(p.Tags, ", ")))
	}
	objs = append(objs, d.sourceRows(p)...)
	objs = append(objs, d.chainRows(p, lib)...)
	if r := p.Resolution; r.Resolved() {
		objs = append(objs, widget.NewSeparator(), muted(tr("detail.resolution", "Resolution")))
		if !r.On.IsZero() {
			objs = append(objs, field(tr("field.resolved_on", "Resolved on"), r.On.Format(i18n.Lang())))
		}
		if r.State == model.StatePartly && r.Fraction != 0 {
			objs = append(objs, field(tr("field.fraction", "Came true"), i18n.PercentText(r.Fraction)))
		}
		if r.Note != "" {
			objs = append(objs, wrapped(r.Note))
		}
		for _, ev := range r.Evidence {
			e, ok := lib.EvidenceEvent(ev.EventID)
			if !ok {
				continue
			}
			id := e.ID
			objs = append(objs, recordLink(i18n.RoleName(ev.Role)+": "+e.DisplayTitle(i18n.Lang())+" ("+e.Date.Format(i18n.Lang())+")",
				func() { d.actions.SelectEvent(id) }))
		}
	}
	var buttons []fyne.CanvasObject
	resolveLabel := tr("action.resolve", "Resolve…")
	if p.Resolution.Resolved() {
		resolveLabel = tr("action.change_resolution", "Change resolution…")
	}
	resolve := widget.NewButtonWithIcon(resolveLabel, theme.ConfirmIcon(), func() { d.actions.Resolve(p) })
	resolve.Importance = widget.HighImportance
	buttons = append(buttons, resolve)
	if p.Resolution.Resolved() {
		buttons = append(buttons, widget.NewButtonWithIcon(tr("action.unresolve", "Reopen"), theme.ContentUndoIcon(),
			func() { d.actions.Unresolve(p) }))
	} else {
		objs = append(objs, reviewRow(p))
		buttons = append(buttons, widget.NewButtonWithIcon(tr("action.mark_reviewed", "Mark reviewed"), theme.VisibilityIcon(),
			func() { d.actions.MarkReviewed(p) }))
	}
	buttons = append(buttons, widget.NewButtonWithIcon(tr("action.edit", "Edit…"), theme.DocumentCreateIcon(),
		func() { d.actions.EditPrediction(p) }))
	del := widget.NewButtonWithIcon(tr("action.delete", "Delete…"), theme.DeleteIcon(), func() { d.actions.DeletePrediction(p) })
	del.Importance = widget.DangerImportance
	buttons = append(buttons, del)
	objs = append(objs, widget.NewSeparator(), container.NewGridWithColumns(2, buttons...))
	d.set(objs...)
}

// claimKindRow says what sort of claim p is, with its mark, and in one
// line what that means for scoring.
func claimKindRow(p model.Prediction) []fyne.CanvasObject {
	kind := p.Kind
	if kind == "" {
		kind = model.KindForecast
	}
	name := widget.NewLabelWithStyle(i18n.KindName(kind), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	row := []fyne.CanvasObject{name}
	if icon := look.KindIcon(kind, p.State()); icon != nil {
		row = []fyne.CanvasObject{widget.NewIcon(icon), name}
	}
	return []fyne.CanvasObject{container.NewHBox(row...), muted(i18n.KindHelp(kind))}
}

// provenanceRows say how the made-on date is known, and warn when the
// claim was recorded only after its outcome was known.
func provenanceRows(p model.Prediction) []fyne.CanvasObject {
	objs := []fyne.CanvasObject{field(tr("field.provenance", "How the date is known"), i18n.ProvenanceName(p.Provenance))}
	if p.Retrospective() {
		warn := wrapped(tr("detail.retrospective", "Retrospective: the only record was written after the outcome was known, so it may have been remembered to fit. The headline track record leaves it out unless you include it."))
		warn.Importance = widget.WarningImportance
		objs = append(objs, container.NewBorder(nil, nil, widget.NewIcon(look.RetrospectiveIcon(p.State())), nil, warn))
	}
	return objs
}

// sourceRows list the records of the claim, each with its published
// date and whether it is primary, and say when none is.
func (d *Panel) sourceRows(p model.Prediction) []fyne.CanvasObject {
	objs := []fyne.CanvasObject{widget.NewSeparator(), muted(tr("field.said_where", "Where it was said"))}
	for _, l := range p.Links {
		var about []string
		if l.Primary {
			about = append(about, tr("detail.primary", "primary source"))
		} else {
			about = append(about, tr("detail.secondary", "secondary source"))
		}
		if !l.Published.IsZero() {
			about = append(about, trf("detail.published", "published {{.Date}}", map[string]any{"Date": l.Published.Format(i18n.Lang())}))
		}
		if l.Quote != "" {
			objs = append(objs, wrapped("“"+l.Quote+"”"))
		}
		if l.URL != "" {
			objs = append(objs, d.links.Link("", l.URL))
		}
		objs = append(objs, muted(strings.Join(about, " · ")))
	}
	if p.SourceUnconfirmed() {
		warn := wrapped(tr("detail.unconfirmed", "Source unconfirmed: no primary source (the forecaster's own words or an official record). The headline track record leaves it out unless you include it."))
		warn.Importance = widget.WarningImportance
		objs = append(objs, warn)
	}
	return objs
}

// chainRows list the moving-target chain p belongs to, oldest first, each
// a link that selects it.
func (d *Panel) chainRows(p model.Prediction, lib *app.Library) []fyne.CanvasObject {
	if lib == nil {
		return nil
	}
	chain := lib.Chain(p.ID)
	if len(chain) < 2 {
		return nil
	}
	title := trn("detail.chain", "Moving target: restated once, oldest first", "Moving target: restated {{.Count}} times, oldest first", len(chain)-1, nil)
	objs := []fyne.CanvasObject{widget.NewSeparator(), muted(title)}
	for _, q := range chain {
		text := q.Made.Format(i18n.Lang()) + " · " + i18n.DueText(q) + " · " + q.DisplayStatement(i18n.Lang())
		var row fyne.CanvasObject
		if q.ID == p.ID {
			row = widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		} else {
			id := q.ID
			row = recordLink(text, func() { d.actions.SelectPrediction(id) })
		}
		objs = append(objs, container.NewBorder(nil, nil, widget.NewIcon(look.StateIcon(q.State())), nil, row))
	}
	return objs
}

// reviewRow says when an open claim was last looked at, and whether a
// review is due.
func reviewRow(p model.Prediction) fyne.CanvasObject {
	last := when.DayDate(p.LastReviewed()).Format(i18n.Lang())
	if p.ReviewDue(when.Today()) {
		l := wrapped(trf("detail.review_due", "Last reviewed {{.Date}}: due for a review (every {{.Months}} months).",
			map[string]any{"Date": last, "Months": model.ReviewInterval}))
		l.Importance = widget.WarningImportance
		return l
	}
	return field(tr("field.last_reviewed", "Last reviewed"), last)
}

// recordLink shows another record as a link that selects it. Long text is
// cut with an ellipsis to the panel's width rather than widening the panel.
func recordLink(text string, tap func()) *widget.Hyperlink {
	h := widget.NewHyperlink(text, nil)
	h.Truncation = fyne.TextTruncateEllipsis
	h.OnTapped = tap
	return h
}
