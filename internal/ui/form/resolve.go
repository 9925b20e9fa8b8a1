package form

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/when"
)

// EventFinder finds the events a resolution may cite. The window reads
// them from the store as the person types, so that a database of a
// million events is never held whole; Events holds a few in memory.
type EventFinder interface {
	// Near lists the events that overlap the days from..to.
	Near(from, to when.Day) []model.Event
	// Search lists up to limit events whose title or actor match query.
	Search(query string, limit int) []model.Event
	// Get reads the events with these ids that still exist.
	Get(ids []int64) []model.Event
}

// Events is an EventFinder over events held in memory.
type Events []model.Event

// Near lists the events that overlap from..to.
func (es Events) Near(from, to when.Day) []model.Event {
	var out []model.Event
	for _, e := range es {
		if e.Latest() >= from && e.Earliest() <= to {
			out = append(out, e)
		}
	}
	return out
}

// Search lists the events whose title, Chinese title or actor hold query,
// ignoring case.
func (es Events) Search(query string, limit int) []model.Event {
	found := matchEvents(es, query)
	return found[:min(len(found), limit)]
}

// Get finds events by id.
func (es Events) Get(ids []int64) []model.Event {
	var out []model.Event
	for _, e := range es {
		if slices.Contains(ids, e.ID) {
			out = append(out, e)
		}
	}
	return out
}

// OpenResolve opens a modal dialog over win to resolve p, with events to
// pick evidence from; save gets the Resolution and, on an error, the
// dialog stays open and shows it. It returns the form, so the window can
// check an event picked elsewhere (see ResolveForm.cite).
func OpenResolve(win fyne.Window, p model.Prediction, events EventFinder, save func(model.Resolution) error) *ResolveForm {
	f := newResolveForm(p, events, save)
	// The outcome's first choice takes the keyboard: the first field that
	// can (ready is given no first).
	f.open(win)
	return f
}

// Evidence suggestions: events this close to the resolution date that
// share a tag or a significant word with the prediction, at most this many;
// a search lists at most maxSearchResults.
const (
	nearbyDays       = 60
	maxSuggestions   = 20
	maxSearchResults = 30
)

// resolveStates are the outcomes a resolution can choose, in display order.
var resolveStates = []model.State{
	model.StateTrue, model.StateFalse, model.StatePartly,
	model.StateAmbiguous, model.StateAnnulled, model.StateUnfalsifiable, model.StateWithdrawn,
}

// evidenceRoles are the roles offered for an evidence event, in the order
// of the role select.
var evidenceRoles = []model.Role{model.RoleResolves, model.RoleSupports, model.RoleContradicts}

// ResolveForm holds the widgets of the resolve form. It is built without a
// window, so tests can fill it in and submit it directly.
type ResolveForm struct {
	formBase
	pred model.Prediction
	save func(model.Resolution) error

	// events are the events listed so far, by id.
	events map[int64]model.Event
	finder EventFinder

	state         *widget.RadioGroup
	fraction      *widget.Slider
	fractionLabel *widget.Label
	on            *dateField
	search        *modal.Entry
	listHint      *widget.Label
	candidates    *fyne.Container
	note          *TextArea

	// rows holds the row of every event listed so far, so that a checked
	// box and its role survive the list being filtered.
	rows map[int64]*evidenceRow
	// chosen lists the checked events in the order they were checked.
	chosen []int64
	// listed holds the events listed as candidates, in order.
	listed []int64
	// shownFor is the resolution date the suggestions were made for.
	shownFor when.Date
}

// evidenceRow is one candidate event: a box to cite it, its date and title,
// and the role it plays.
type evidenceRow struct {
	id     int64
	check  *widget.Check
	label  *widget.Label
	role   *widget.Select
	object fyne.CanvasObject
}

func newResolveForm(p model.Prediction, finder EventFinder, save func(model.Resolution) error) *ResolveForm {
	f := &ResolveForm{pred: p, save: save, finder: finder, events: map[int64]model.Event{}, rows: map[int64]*evidenceRow{}}
	f.formBase = newFormBase(f.submit, func() { f.validate() })
	r := p.Resolution
	cited := make([]int64, len(r.Evidence))
	for i, ev := range r.Evidence {
		cited[i] = ev.EventID
	}
	f.know(finder.Get(cited))

	statement := widget.NewLabelWithStyle(p.DisplayStatement(i18n.Lang()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	statement.Wrapping = fyne.TextWrapWord
	about := hint(trf("form.resolve.made_by", "Made by {{.Source}} on {{.Made}}", map[string]any{
		"Source": p.DisplaySource(i18n.Lang()), "Made": p.Made.Format(i18n.Lang()),
	}))

	options := make([]string, len(resolveStates))
	for i, s := range resolveStates {
		options[i] = i18n.StateName(s)
	}
	f.state = widget.NewRadioGroup(options, nil)
	f.state.Required = true

	f.fraction = widget.NewSlider(0, 100)
	f.fraction.Step = 5
	f.fractionLabel = widget.NewLabel("")
	f.on = f.dateField("resolved_on", r.On)
	if r.On.IsZero() {
		f.on.entry.SetText(when.DayDate(when.Today()).Format(i18n.Lang()))
	}
	if r.Resolved() {
		for i, s := range resolveStates {
			if s == r.State {
				f.state.SetSelected(options[i])
			}
		}
		if r.State == model.StatePartly {
			f.fraction.SetValue(r.Fraction * 100)
		}
	}
	f.updateFraction()

	f.search = newEntry()
	f.search.SetPlaceHolder(tr("form.evidence_search", "Search all events by title or actor…"))
	f.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	f.listHint = hint("")
	f.candidates = container.NewVBox()
	for _, ev := range r.Evidence {
		row := f.row(ev.EventID)
		for i, role := range evidenceRoles {
			if role == ev.Role {
				row.role.SetSelectedIndex(i)
			}
		}
		row.check.SetChecked(true)
	}

	f.note = filledArea(r.Note, 3, tr("form.note_placeholder", "why it resolved this way (optional)"))

	f.state.OnChanged = func(string) {
		f.updateFraction()
		f.touch("state")
	}
	f.fraction.OnChanged = func(float64) {
		f.updateFraction()
		f.touch("fraction")
	}
	f.watch(&f.on.entry.Entry, "resolved_on")
	f.watch(&f.note.Entry, "note")
	f.search.OnChanged = func(string) { f.listCandidates() }

	form := widget.NewForm(
		widget.NewFormItem(tr("form.outcome", "Outcome"), f.below(f.state, "state")),
		widget.NewFormItem(tr("form.fraction", "Came true"),
			container.NewVBox(container.NewBorder(nil, nil, nil, f.fractionLabel, f.fraction),
				hint(tr("form.fraction_hint", "Leave at 0 (not stated) unless a source says how much came true: the track record's legend says how partly true counts.")),
				f.field("fraction").label)),
		widget.NewFormItem(tr("form.resolved_on", "Resolved on"), f.on.object()),
		widget.NewFormItem(tr("form.evidence", "Evidence"),
			container.NewVBox(f.search, f.listHint, f.candidates, noteLine(f.field("evidence").label))),
		widget.NewFormItem(tr("form.note", "Note"), f.below(f.note, "note")),
	)
	f.ready(container.NewVBox(statement, about, widget.NewSeparator(), form, noteLine(f.general.label)),
		tr("form.resolve.title", "Resolve prediction"), nil, f.fieldValues)
	return f
}

// fieldValues is what the fields hold, to tell whether anything changed.
func (f *ResolveForm) fieldValues() string {
	values := []string{f.state.Selected, strconv.FormatFloat(f.fraction.Value, 'f', -1, 64), f.on.entry.Text, f.note.Text}
	for _, id := range f.chosen {
		values = append(values, strconv.FormatInt(id, 10)+":"+f.rows[id].role.Selected)
	}
	return snapshotOf(values...)
}

// selectedState is the outcome chosen, or "" before one is.
func (f *ResolveForm) selectedState() model.State {
	for i, o := range f.state.Options {
		if o == f.state.Selected && i < len(resolveStates) {
			return resolveStates[i]
		}
	}
	return ""
}

// updateFraction enables the slider only for a partly true outcome and
// shows its value; at 0 the share is not stated, as it should be unless a
// source gives one.
func (f *ResolveForm) updateFraction() {
	if f.selectedState() == model.StatePartly {
		f.fraction.Enable()
		if f.fraction.Value == 0 {
			f.fractionLabel.SetText(tr("form.fraction_unstated", "not stated"))
		} else {
			f.fractionLabel.SetText(strconv.FormatFloat(f.fraction.Value, 'f', -1, 64) + "%")
		}
	} else {
		f.fraction.Disable()
		f.fractionLabel.SetText("—")
	}
}

// row returns the candidate row of an event, making it on first use.
func (f *ResolveForm) row(id int64) *evidenceRow {
	if r, ok := f.rows[id]; ok {
		return r
	}
	r := &evidenceRow{id: id}
	r.label = widget.NewLabel(f.eventLine(id))
	r.label.Truncation = fyne.TextTruncateEllipsis
	names := make([]string, len(evidenceRoles))
	for i, role := range evidenceRoles {
		names[i] = i18n.RoleName(role)
	}
	r.role = widget.NewSelect(names, func(string) { f.changed() })
	r.role.SetSelectedIndex(0)
	r.check = widget.NewCheck("", func(on bool) {
		f.setChosen(id, on)
		f.touch("evidence")
	})
	r.object = container.NewBorder(nil, nil, r.check, r.role, r.label)
	f.rows[id] = r
	return r
}

// know keeps events for listing, and returns them.
func (f *ResolveForm) know(events []model.Event) []model.Event {
	for _, e := range events {
		f.events[e.ID] = e
	}
	return events
}

// eventLine is how a candidate event is listed: date, title and actor.
func (f *ResolveForm) eventLine(id int64) string {
	e, ok := f.events[id]
	if !ok {
		return trf("form.unknown_event", "event {{.ID}} (no longer in the library)", map[string]any{"ID": id})
	}
	line := i18n.EventDateText(e) + " · " + e.DisplayTitle(i18n.Lang())
	if e.Actor != "" {
		line += " (" + e.Actor + ")"
	}
	return line
}

func (f *ResolveForm) setChosen(id int64, on bool) {
	for i, c := range f.chosen {
		if c == id {
			if !on {
				f.chosen = append(f.chosen[:i], f.chosen[i+1:]...)
			}
			return
		}
	}
	if on {
		f.chosen = append(f.chosen, id)
	}
}

// listCandidates lists the cited events first, then the events matching
// the search or, with no search, the suggestions for the resolution date.
func (f *ResolveForm) listCandidates() {
	objs := make([]fyne.CanvasObject, 0, len(f.chosen)+maxSearchResults)
	f.listed = f.listed[:0]
	listed := map[int64]bool{}
	for _, id := range f.chosen {
		objs = append(objs, f.row(id).object)
		f.listed = append(f.listed, id)
		listed[id] = true
	}
	var more []model.Event
	query := strings.TrimSpace(f.search.Text)
	if query != "" {
		found := f.know(f.finder.Search(query, maxSearchResults))
		sortByDistance(found, f.shownFor)
		more = found
		f.listHint.SetText(trf("form.evidence_found", "Events matching “{{.Query}}”: {{.Count}}",
			map[string]any{"Query": query, "Count": len(found)}))
	} else {
		var near []model.Event
		if !f.shownFor.IsZero() {
			near = f.know(f.finder.Near(f.shownFor.Earliest()-nearbyDays, f.shownFor.Latest()+nearbyDays))
		}
		more = suggestEvidence(f.pred, near, f.shownFor)
		switch {
		case f.shownFor.IsZero():
			f.listHint.SetText(tr("form.evidence_need_date", "Enter the date it resolved to see suggestions, or search."))
		case len(more) == 0:
			f.listHint.SetText(tr("form.evidence_none",
				"No event near the resolution date shares a tag or a word with the prediction. Search to find others."))
		default:
			f.listHint.SetText(trf("form.evidence_suggested",
				"Suggested: events within {{.Days}} days of the resolution date that share a tag or a word with the prediction.",
				map[string]any{"Days": nearbyDays}))
		}
	}
	limit := maxSearchResults
	if query == "" {
		limit = maxSuggestions
	}
	n := 0
	for _, e := range more {
		if listed[e.ID] || n >= limit {
			continue
		}
		objs = append(objs, f.row(e.ID).object)
		f.listed = append(f.listed, e.ID)
		listed[e.ID] = true
		n++
	}
	f.candidates.Objects = objs
	f.candidates.Refresh()
}

// build reads the widgets into a resolution, with every problem found.
func (f *ResolveForm) build() (model.Resolution, fieldProblems) {
	problems := fieldProblems{}
	r := model.Resolution{State: f.selectedState(), Note: strings.TrimSpace(f.note.Text)}
	r.On = f.on.update("resolved_on", problems)
	if r.On != f.shownFor {
		f.shownFor = r.On
		f.listCandidates()
	}
	if r.State == model.StatePartly {
		r.Fraction = f.fraction.Value / 100
	}
	r.Evidence = make([]model.Evidence, 0, len(f.chosen))
	for _, id := range f.chosen {
		role := model.RoleResolves
		if i := f.rows[id].role.SelectedIndex(); i >= 0 && i < len(evidenceRoles) {
			role = evidenceRoles[i]
		}
		r.Evidence = append(r.Evidence, model.Evidence{EventID: id, Role: role})
	}
	if r.State == "" {
		problems.add("state", tr("form.error.state", "Choose how it turned out."))
	}
	// An unfalsifiable claim is not settled on a day: it never could be.
	if r.On.IsZero() && r.State != model.StateUnfalsifiable {
		problems.add("resolved_on", tr("form.error.date_missing", "Enter a date."))
	}
	problems.addValidation(r.Validate(f.pred.Made))
	return r, problems
}

// validate checks the form, shows what is wrong under each field and
// enables Save only when nothing is.
func (f *ResolveForm) validate() (model.Resolution, bool) {
	return validated(&f.formBase, f.build, f.showProblems)
}

func (f *ResolveForm) showProblems(problems fieldProblems) {
	blank := map[string]bool{"state": f.state.Selected == "", "resolved_on": f.on.blank()}
	f.show(problems, blank, nil)
}

// submit saves the resolution when it is valid. A save error stays in the
// form.
func (f *ResolveForm) submit() { submitValid(&f.formBase, f.validate, f.save, f.showProblems) }

// suggestEvidence lists the events that probably bear on p: those within
// nearbyDays of the resolution date that share a tag with it, or whose
// title shares a significant word with its statement. The nearest come
// first.
func suggestEvidence(p model.Prediction, events []model.Event, on when.Date) []model.Event {
	if on.IsZero() {
		return nil
	}
	tags := map[string]bool{}
	for _, t := range p.Tags {
		tags[t] = true
	}
	words := significantWords(p.Statement + " " + p.StatementZh)
	var out []model.Event
	for _, e := range events {
		if distance(e, on) > nearbyDays {
			continue
		}
		related := false
		for _, t := range e.Tags {
			related = related || tags[t]
		}
		if !related {
			for w := range significantWords(e.Title + " " + e.TitleZh) {
				related = related || words[w]
			}
		}
		if related {
			out = append(out, e)
		}
	}
	sortByDistance(out, on)
	return out
}

// distance is the number of days between an event and a date; 0 when they
// overlap.
func distance(e model.Event, on when.Date) when.Day {
	switch {
	case e.Latest() < on.Earliest():
		return on.Earliest() - e.Latest()
	case e.Earliest() > on.Latest():
		return e.Earliest() - on.Latest()
	}
	return 0
}

// sortByDistance orders events nearest to on first, then by date; with no
// date, latest first.
func sortByDistance(events []model.Event, on when.Date) {
	sort.SliceStable(events, func(i, j int) bool {
		if !on.IsZero() {
			if di, dj := distance(events[i], on), distance(events[j], on); di != dj {
				return di < dj
			}
			return events[i].Date.Compare(events[j].Date) < 0
		}
		return events[i].Date.Compare(events[j].Date) > 0
	})
}

// matchEvents lists the events whose title, Chinese title or actor
// contains query, ignoring case.
func matchEvents(events []model.Event, query string) []model.Event {
	q := strings.ToLower(strings.TrimSpace(query))
	var out []model.Event
	for _, e := range events {
		if strings.Contains(strings.ToLower(e.Title), q) || strings.Contains(strings.ToLower(e.TitleZh), q) ||
			strings.Contains(strings.ToLower(e.Actor), q) {
			out = append(out, e)
		}
	}
	return out
}

// significantWords are the words of text worth matching on: Latin words of
// three or more letters that are not common function words or bare
// numbers, and pairs of adjacent Chinese characters.
func significantWords(text string) map[string]bool {
	words := map[string]bool{}
	var latin []rune
	var han []rune
	flush := func() {
		w := strings.Trim(string(latin), "-.")
		if len([]rune(w)) >= 3 && !stopWords[w] && strings.TrimFunc(w, unicode.IsDigit) != "" {
			words[w] = true
		}
		latin = latin[:0]
		for i := 0; i+1 < len(han); i++ {
			if pair := string(han[i : i+2]); !stopWords[pair] {
				words[pair] = true
			}
		}
		han = han[:0]
	}
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.Is(unicode.Han, r):
			if len(latin) > 0 {
				flush()
			}
			han = append(han, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r) || (len(latin) > 0 && (r == '-' || r == '.')):
			if len(han) > 0 {
				flush()
			}
			latin = append(latin, r)
		default:
			flush()
		}
	}
	flush()
	return words
}

// stopWords are words too common in predictions and event titles to tie
// them together.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the and for are was were will would could should shall can may might must
		with without within that this these those from into onto over under than then them they their there
		have has had been being not nor but its all any each more most less least some such only also just
		about after before until since while when where which what who whom whose how why
		year years month months week weeks day days end next last first new one two three
		make made makes become becomes get gets per via yet our your his her
		release released releases launch launched launches announce announced announces model models
		之前 以前 以后 之后 年内 将会 会在 可能 至少 超过 一个 我们 他们 今年 明年 年底 年前 月前 没有 不会 已经 发布 推出`) {
		m[w] = true
	}
	return m
}()

// Cite checks event e as the resolving evidence and dates the resolution
// to it, as when the person picked the event on the timeline first.
func (f *ResolveForm) Cite(e model.Event) {
	f.know([]model.Event{e})
	f.on.entry.SetText(e.Date.String())
	f.row(e.ID).check.SetChecked(true)
	f.listCandidates()
}

// Chosen lists the events checked as evidence, in the order checked.
func (f *ResolveForm) Chosen() []int64 { return append([]int64(nil), f.chosen...) }

// ResolvedOn is the date typed for the resolution.
func (f *ResolveForm) ResolvedOn() string { return f.on.entry.Text }

// Choose picks the outcome, as a click on its option would.
func (f *ResolveForm) Choose(s model.State) {
	for i, st := range resolveStates {
		if st == s {
			f.state.SetSelected(f.state.Options[i])
		}
	}
}

// Submit saves, as the Save button would.
func (f *ResolveForm) Submit() { f.submit() }
