// Package trackrecord is the "Track record" tab: how each source (or tag,
// or year) fared, the scores behind it, and a calibration chart of stated
// probabilities against how often such predictions came true. It counts
// what score.Select counts under the rules its switches set, and its
// legend states each rule.
package trackrecord

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/score"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Column widths of the groups table after the first, flexible one: made,
// resolved, hit rate, Brier, log score, mean lead, re-dated, interest.
var trackGroupWidths = []float32{0, 62, 84, 126, 60, 84, 96, 100, 170}

// trackGroupNameWidth is the least the groups table gives its names: the
// table scrolls sideways rather than squeeze them.
const trackGroupNameWidth = 160

// Column widths of the prediction list: outcome, statement (which takes
// what is left), source, probability, resolved on.
var trackPredWidths = []float32{128, 0, 160, 100, 230}

// trackGroup is one row of the groups table: a group's summary, or the
// summary of everything for the "All" row.
type trackGroup struct {
	summary score.Summary
	all     bool // the "All" row
}

// Tab is the "Track record" tab: a table of sources (or tags or
// years) with their scores, a calibration chart and the predictions of the
// selected group.
type Tab struct {
	onSelectPrediction func(id int64)

	all          []model.Prediction // every claim given to Set
	allFs        []score.Forecast   // allFs[i] is all[i] as score.FromPredictions reads it
	rules        score.Rules
	left         map[score.LeftOut]int
	redated      map[string]int      // per source, every forecast restating an earlier claim
	interests    map[string][]string // per source, the interests its claims disclose
	preds        []model.Prediction  // the claims counted
	forecasts    []score.Forecast    // forecasts[i] is preds[i] as the rules read it
	today        when.Day
	by           score.GroupBy
	includeEarly bool

	groups   []trackGroup
	selected int              // index into groups; 0 is "All"
	members  []int            // indices into preds of the selected group, in listOrder
	groupFs  []score.Forecast // its forecasts, in the order of preds
	syncing  bool             // set while the code, not the user, selects a group row

	groupBy     *widget.Select
	groupHeader *fyne.Container
	groupList   *widget.List
	chartTitle  *widget.Label
	chart       *calibrationChart
	caption     *widget.Label
	early       *widget.Check
	switches    [3]*widget.Check // include retrospective, include unconfirmed, partly as half
	counted     *widget.Label
	legend      *widget.Label
	predHeader  *widget.Label
	predList    *widget.List
	box         fyne.CanvasObject
}

// trackGroupings are the breakdowns the selector offers, in its order.
var trackGroupings = []score.GroupBy{score.BySource, score.ByTag, score.ByYear}

func groupingName(by score.GroupBy) string {
	switch by {
	case score.ByTag:
		return tr("track.by.tag", "Tag")
	case score.ByYear:
		return tr("track.by.year", "Year made")
	}
	return tr("track.by.source", "Source")
}

func New(onSelectPrediction func(id int64)) *Tab {
	t := &Tab{onSelectPrediction: onSelectPrediction, by: score.BySource}

	var options []string
	for _, by := range trackGroupings {
		options = append(options, groupingName(by))
	}
	t.groupBy = widget.NewSelect(options, func(name string) {
		for _, by := range trackGroupings {
			if groupingName(by) == name && by != t.by {
				t.setGrouping(by)
			}
		}
	})
	t.groupBy.SetSelected(groupingName(t.by))

	t.groupHeader = container.New(&columnsLayout{widths: trackGroupWidths, flexMin: trackGroupNameWidth}, t.groupHeaderCells()...)
	t.groupList = widget.NewList(
		func() int { return len(t.groups) },
		func() fyne.CanvasObject {
			cells := make([]fyne.CanvasObject, len(trackGroupWidths))
			for i := range cells {
				l := widget.NewLabel("")
				l.Truncation = fyne.TextTruncateEllipsis
				if i > 0 && i < len(cells)-1 {
					l.Alignment = fyne.TextAlignTrailing
				}
				cells[i] = l
			}
			return container.New(&columnsLayout{widths: trackGroupWidths, flexMin: trackGroupNameWidth}, cells...)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(t.groups) {
				return
			}
			for c, text := range t.groupCells(t.groups[i]) {
				o.(*fyne.Container).Objects[c].(*widget.Label).SetText(text)
			}
		})
	t.groupList.OnSelected = func(i widget.ListItemID) {
		if t.syncing || i >= len(t.groups) {
			return
		}
		t.selected = i
		t.showGroup()
	}

	t.legend = widget.NewLabel("")
	t.legend.SizeName = theme.SizeNameCaptionText
	t.legend.Wrapping = fyne.TextWrapWord
	legend := container.NewVScroll(t.legend)
	legend.SetMinSize(fyne.NewSize(0, 120))

	t.switches[0] = widget.NewCheck(tr("track.switch.retrospective", "Include retrospective"), func(on bool) {
		t.setRule(&t.rules.IncludeRetrospective, on)
	})
	t.switches[1] = widget.NewCheck(tr("track.switch.unconfirmed", "Include unconfirmed"), func(on bool) {
		t.setRule(&t.rules.IncludeUnconfirmed, on)
	})
	t.switches[2] = widget.NewCheck(tr("track.switch.partly_half", "Partly true as half"), func(on bool) {
		t.setRule(&t.rules.PartlyAsHalf, on)
	})
	t.counted = widget.NewLabel("")
	t.counted.Wrapping = fyne.TextWrapWord

	groupTop := container.NewBorder(nil, nil,
		widget.NewLabel(tr("track.group_by", "Break down by")), nil,
		container.NewHBox(t.groupBy))
	// The switches wrap onto more lines when the tab is narrow, and the
	// groups table scrolls sideways rather than widening the window.
	var cell fyne.Size
	for _, c := range t.switches {
		cell = cell.Max(c.MinSize())
	}
	switches := container.NewVBox(container.NewGridWrap(cell, t.switches[0], t.switches[1], t.switches[2]), t.counted)
	table := container.NewHScroll(container.NewBorder(t.groupHeader, nil, nil, nil, t.groupList))
	groups := container.NewBorder(container.NewVBox(groupTop, switches), legend, nil, nil, table)

	t.chartTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.chartTitle.Truncation = fyne.TextTruncateEllipsis
	t.chart = newCalibrationChart()
	t.caption = widget.NewLabel("")
	t.caption.Wrapping = fyne.TextWrapWord
	t.caption.SizeName = theme.SizeNameCaptionText
	t.early = widget.NewCheck("", func(on bool) {
		if on != t.includeEarly {
			t.includeEarly = on
			t.showChart()
		}
	})
	earlyWhy := widget.NewLabel(tr("track.chart.early_why",
		"Left out by default: a “within two years” claim can come true early but can only fail at its deadline, so counting such early TRUEs alone biases the chart toward yes."))
	earlyWhy.Wrapping = fyne.TextWrapWord
	earlyWhy.SizeName = theme.SizeNameCaptionText
	chartBox := container.NewBorder(t.chartTitle, container.NewVBox(t.caption, t.early, earlyWhy), nil, nil, t.chart)

	t.predHeader = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.predHeader.Truncation = fyne.TextTruncateEllipsis
	predColumns := container.New(&columnsLayout{widths: trackPredWidths, flex: 1}, t.predHeaderCells()...)
	t.predList = widget.NewList(
		func() int { return len(t.members) },
		func() fyne.CanvasObject {
			dot := canvas.NewRectangle(look.StateColor(model.StateOpen))
			dot.SetMinSize(fyne.NewSize(10, 10))
			dot.CornerRadius = 5
			state := widget.NewLabel("")
			state.Truncation = fyne.TextTruncateEllipsis
			cells := []fyne.CanvasObject{container.NewBorder(nil, nil, container.NewCenter(dot), nil, state)}
			for i := 1; i < len(trackPredWidths); i++ {
				l := widget.NewLabel("")
				l.Truncation = fyne.TextTruncateEllipsis
				if i == 3 {
					l.Alignment = fyne.TextAlignTrailing
				}
				cells = append(cells, l)
			}
			return container.New(&columnsLayout{widths: trackPredWidths, flex: 1}, cells...)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(t.members) {
				return
			}
			p := t.preds[t.members[i]]
			row := o.(*fyne.Container)
			stateBox := row.Objects[0].(*fyne.Container)
			texts := predictionCells(p, t.forecasts[t.members[i]])
			stateBox.Objects[0].(*widget.Label).SetText(texts[0])
			dot := stateBox.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
			dot.FillColor = look.StateColor(p.State())
			if t.forecasts[t.members[i]].RedatedMiss {
				dot.FillColor = look.StateColor(model.StateFalse)
			}
			dot.Refresh()
			for c := 1; c < len(texts); c++ {
				row.Objects[c].(*widget.Label).SetText(texts[c])
			}
		})
	t.predList.OnSelected = func(i widget.ListItemID) {
		if i < len(t.members) && t.onSelectPrediction != nil {
			t.onSelectPrediction(t.preds[t.members[i]].ID)
		}
	}
	predBox := container.NewBorder(container.NewVBox(t.predHeader, predColumns), nil, nil, nil, t.predList)

	top := container.NewHSplit(groups, chartBox)
	top.Offset = 0.72
	split := container.NewVSplit(top, predBox)
	split.Offset = 0.64
	t.box = split
	t.rebuild()
	return t
}

func (t *Tab) Object() fyne.CanvasObject { return t.box }

// Set shows the track record of preds as of today: the claims the rules
// count, and what they leave out. The selected grouping and group are kept
// when the group still exists.
func (t *Tab) Set(preds []model.Prediction, today when.Day) {
	t.all, t.today = preds, today
	t.allFs = score.FromPredictions(preds)
	t.redated, t.interests = score.Redatings(t.allFs), score.Interests(t.allFs)
	t.applyRules()
}

// Rules are the rules the switches set.
func (t *Tab) Rules() score.Rules { return t.rules }

// setRule flips one rule from its switch and counts again.
func (t *Tab) setRule(rule *bool, on bool) {
	if *rule == on {
		return
	}
	*rule = on
	t.applyRules()
}

// applyRules picks the claims the rules count and shows them.
func (t *Tab) applyRules() {
	t.rules.Today = int64(t.today)
	sel := score.Select(t.allFs, t.rules)
	t.forecasts, t.left = sel.Forecasts, sel.Left
	t.preds = t.preds[:0]
	for _, i := range sel.Indexes {
		t.preds = append(t.preds, t.all[i])
	}
	t.counted.SetText(countedText(len(t.forecasts), sel.Left))
	t.legend.SetText(legendText(t.rules))
	t.rebuild()
}

// setGrouping switches the breakdown and goes back to "All".
func (t *Tab) setGrouping(by score.GroupBy) {
	t.by = by
	t.selected = 0
	t.groupHeader.Objects[0].(*widget.Label).SetText(groupingName(by))
	t.rebuild()
}

// rebuild recomputes the groups table and shows the selected group again.
func (t *Tab) rebuild() {
	var label string
	keep := t.selected > 0 && t.selected < len(t.groups)
	if keep {
		label = t.groups[t.selected].summary.Label
	}
	t.groups = append(t.groups[:0], trackGroup{summary: score.SummarizeWith("", t.forecasts, t.rules), all: true})
	for _, s := range score.BreakdownWith(t.forecasts, t.by, t.rules) {
		t.groups = append(t.groups, trackGroup{summary: s})
	}
	t.selected = 0
	if keep {
		for i, g := range t.groups[1:] {
			if g.summary.Label == label {
				t.selected = i + 1
			}
		}
	}
	t.syncing = true
	t.groupList.Select(t.selected)
	t.syncing = false
	t.groupList.Refresh()
	t.showGroup()
}

// inGroup reports whether a forecast belongs to group g under the current
// grouping; it mirrors how score.Breakdown files forecasts.
func (t *Tab) inGroup(f score.Forecast, g trackGroup) bool {
	if g.all {
		return true
	}
	label := g.summary.Label
	switch t.by {
	case score.ByTag:
		if len(f.Tags) == 0 {
			return label == ""
		}
		return slices.Contains(f.Tags, label)
	case score.ByYear:
		if f.YearMade <= 0 {
			return label == ""
		}
		return strconv.Itoa(f.YearMade) == label
	}
	return f.Source == label
}

// showGroup fills the chart and the prediction list for the selected group.
func (t *Tab) showGroup() {
	g := t.groups[t.selected]
	t.members, t.groupFs = t.members[:0], t.groupFs[:0]
	for i, f := range t.forecasts {
		if t.inGroup(f, g) {
			t.members = append(t.members, i)
			t.groupFs = append(t.groupFs, f)
		}
	}
	slices.SortStableFunc(t.members, t.listOrder)
	name := t.groupName(g)
	t.predHeader.SetText(trn("track.list.header", "1 prediction · {{.Group}}", "{{.Count}} predictions · {{.Group}}", len(t.members), map[string]any{"Group": name}))
	t.predList.UnselectAll()
	// ScrollTo, unlike ScrollToTop, is safe before the list is drawn.
	t.predList.ScrollTo(0)
	t.predList.Refresh()
	t.chartTitle.SetText(trf("track.chart.title", "Calibration · {{.Group}}", map[string]any{"Group": name}))
	t.showChart()
}

// showChart calibrates the selected group and explains what was left out.
// The switch says how many predictions it takes in, and is off while it
// would take in none.
func (t *Tab) showChart() {
	opt := score.CalibrationOptions{Today: int64(t.today), IncludeEarly: t.includeEarly, PartlyAsHalf: t.rules.PartlyAsHalf}
	cal := score.Calibrate(t.groupFs, opt)
	early := cal.Early
	if !t.includeEarly {
		early = cal.Excluded[score.ExcludedDeadlineNotPassed]
	}
	t.early.Text = trf("track.chart.include_early", "Include predictions resolved while their deadline is still ahead ({{.Count}})",
		map[string]any{"Count": early})
	if early == 0 && !t.includeEarly {
		t.early.Disable()
	} else {
		t.early.Enable()
	}
	t.early.Refresh()
	t.chart.set(cal, emptyChartMessage(t.groupFs, cal, t.includeEarly))
	t.caption.SetText(calibrationCaption(cal))
}

// emptyChartMessage says why the chart has no point.
func emptyChartMessage(fs []score.Forecast, cal score.Calibration, includeEarly bool) string {
	if cal.Included > 0 {
		return ""
	}
	if !slices.ContainsFunc(fs, func(f score.Forecast) bool { return f.HasProbability }) {
		return tr("track.chart.empty_no_probability",
			"None of these predictions states a probability, so there is nothing to place on a calibration chart. Their hit rate is in the table.")
	}
	if !includeEarly && cal.Excluded[score.ExcludedDeadlineNotPassed] > 0 {
		return tr("track.chart.empty_early",
			"No prediction with a probability has reached its deadline with an outcome yet. Tick the box below to include those resolved while their deadline is still ahead.")
	}
	return tr("track.chart.empty_unscored", "No prediction with a probability has come true or false yet.")
}

// calibrationCaption counts what is in the chart and what was left out, by
// reason.
func calibrationCaption(cal score.Calibration) string {
	text := calibrationCounts(cal)
	if cal.Early > 0 {
		text += " " + trn("track.chart.early_in", "Of them, 1 was resolved while its deadline is still ahead.",
			"Of them, {{.Count}} were resolved while their deadline is still ahead.", cal.Early, nil)
	}
	return text
}

// calibrationCounts says how many predictions are in the chart and why
// the others are not.
func calibrationCounts(cal score.Calibration) string {
	if cal.ExcludedTotal() == 0 {
		return trn("track.chart.caption_all", "1 prediction in the chart. None left out.", "{{.Count}} predictions in the chart. None left out.", cal.Included, nil)
	}
	var reasons []string
	if n := cal.Excluded[score.ExcludedNoProbability]; n > 0 {
		reasons = append(reasons, trf("track.chart.left_no_probability", "{{.Count}} without a probability", map[string]any{"Count": n}))
	}
	if n := cal.Excluded[score.ExcludedNotScored]; n > 0 {
		reasons = append(reasons, trf("track.chart.left_not_scored", "{{.Count}} not scored (open, ambiguous, annulled, unfalsifiable or withdrawn)", map[string]any{"Count": n}))
	}
	if n := cal.Excluded[score.ExcludedDeadlineNotPassed]; n > 0 {
		reasons = append(reasons, trn("track.chart.left_deadline", "1 resolved while its deadline is still ahead",
			"{{.Count}} resolved while their deadline is still ahead", n, nil))
	}
	return trn("track.chart.caption", "1 prediction in the chart. Left out: {{.Reasons}}.", "{{.Count}} predictions in the chart. Left out: {{.Reasons}}.",
		cal.Included, map[string]any{"Reasons": strings.Join(reasons, tr("track.separator", ", "))})
}

// listOrder puts settled predictions first, most recently resolved first,
// then the open ones, newest first.
func (t *Tab) listOrder(a, b int) int {
	ra, rb := t.preds[a].Resolution.Resolved(), t.preds[b].Resolution.Resolved()
	if ra != rb {
		if ra {
			return -1
		}
		return 1
	}
	fa, fb := t.forecasts[a], t.forecasts[b]
	return cmp.Or(cmp.Compare(fb.ResolvedDay, fa.ResolvedDay), cmp.Compare(fb.MadeDay, fa.MadeDay), cmp.Compare(t.preds[a].ID, t.preds[b].ID))
}

// groupName is how a group is called in headers.
func (t *Tab) groupName(g trackGroup) string {
	if g.all {
		return tr("track.all", "All")
	}
	if g.summary.Label != "" {
		return g.summary.Label
	}
	if t.by == score.ByTag {
		return tr("track.no_tag", "No tag")
	}
	return tr("track.unknown", "Unknown")
}

func (t *Tab) groupHeaderCells() []fyne.CanvasObject {
	titles := []string{
		groupingName(t.by),
		tr("track.col.made", "Made"),
		tr("track.col.resolved", "Resolved"),
		tr("track.col.hit_rate", "Hit rate"),
		tr("track.col.brier", "Brier"),
		tr("track.col.log", "Log score"),
		tr("track.col.lead", "Mean lead"),
		tr("track.col.redated", "Re-dated"),
		tr("track.col.interest", "Interest"),
	}
	// Numbers line up on the right; the group's name and the interest
	// note, text, on the left.
	return headerCells(titles, func(i int) bool { return i > 0 && i < len(titles)-1 })
}

// headerCells are the bold titles of a table's columns; those numeric says
// hold numbers, which line up on the right.
func headerCells(titles []string, numeric func(column int) bool) []fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, len(titles))
	for i, title := range titles {
		l := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		if numeric(i) {
			l.Alignment = fyne.TextAlignTrailing
		}
		l.Truncation = fyne.TextTruncateEllipsis
		cells[i] = l
	}
	return cells
}

// groupCells are the texts of one row of the groups table.
func (t *Tab) groupCells(g trackGroup) []string {
	s := g.summary
	cells := []string{t.groupName(g), i18n.CountText(s.Made), i18n.CountText(s.Resolved), t.hitRateText(s), "—", "—", "—",
		t.redatedText(g), strings.Join(t.groupInterests(g), "; ")}
	if s.HasBrier() {
		cells[4] = strconv.FormatFloat(s.Brier, 'f', 3, 64)
	}
	if s.HasLogScore() {
		cells[5] = strconv.FormatFloat(s.LogScore, 'f', 3, 64)
	}
	if s.HasLead() {
		cells[6] = durationText(s.MeanLeadDays)
	}
	return cells
}

// hitRateText is "hits/(hits+misses) · rate", e.g. "2/3 · 67%"; with
// partly counting as half, "2.5/4 · 63%".
func (t *Tab) hitRateText(s score.Summary) string {
	if !s.HasHitRate {
		return "—"
	}
	if t.rules.PartlyAsHalf && s.Partly > 0 {
		credit := strconv.FormatFloat(float64(s.Hits)+float64(s.Partly)/2, 'f', -1, 64)
		return fmt.Sprintf("%s/%d · %.0f%%", credit, s.Hits+s.Misses+s.Partly, s.HitRate*100)
	}
	return fmt.Sprintf("%d/%d · %.0f%%", s.Hits, s.Hits+s.Misses, s.HitRate*100)
}

// redatedText is "re-dated N times": for a source, every forecast of it
// that restates an earlier claim; for another group, those it counts.
func (t *Tab) redatedText(g trackGroup) string {
	n := g.summary.Redated
	if t.by == score.BySource && !g.all {
		n = t.redated[g.summary.Label]
	}
	if n == 0 {
		return "—"
	}
	return trn("track.redated", "once", "{{.Count}} times", n, nil)
}

// groupInterests are the interests a group's claims disclose: for a source,
// those of every claim it made, counted or not.
func (t *Tab) groupInterests(g trackGroup) []string {
	if t.by == score.BySource && !g.all {
		return t.interests[g.summary.Label]
	}
	return g.summary.Interests
}

func (t *Tab) predHeaderCells() []fyne.CanvasObject {
	titles := []string{
		tr("track.col.outcome", "Outcome"),
		tr("track.col.statement", "Statement"),
		tr("track.col.source", "Made by"),
		tr("track.col.probability", "Probability"),
		tr("track.col.resolved_on", "Resolved on"),
	}
	return headerCells(titles, func(i int) bool { return i == 3 }) // the probability
}

// predictionCells are the texts of one row of the prediction list: state,
// statement, source, probability, resolved on.
func predictionCells(p model.Prediction, f score.Forecast) []string {
	cells := []string{i18n.StateName(p.State()), p.DisplayStatement(i18n.Lang()), p.Source, "—", "—"}
	if f.RedatedMiss {
		cells[0] = tr("track.redated_miss", "Miss: re-dated")
	}
	if p.Probability != nil {
		cells[3] = i18n.ProbabilityText(*p.Probability)
	}
	if p.Resolution.Resolved() && !p.Resolution.On.IsZero() {
		cells[4] = p.Resolution.On.Format(i18n.Lang())
		if lead, ok := score.LeadDays(f); ok {
			cells[4] = trf("track.resolved_after", "{{.Date}} · after {{.Time}}", map[string]any{
				"Date": cells[4], "Time": durationText(float64(lead)),
			})
		}
	}
	return cells
}

// durationText shows a span of days in days, months or years: "12 days",
// "9 months", "2.5 years". Negative spans get a minus sign.
func durationText(days float64) string {
	sign := ""
	if days < 0 {
		sign, days = "-", -days
	}
	const daysPerMonth = 365.2425 / 12
	switch {
	case days < 60:
		return sign + trn("track.duration.days", "1 day", "{{.Count}} days", int(math.Round(days)), nil)
	case days < 730:
		return sign + trn("track.duration.months", "1 month", "{{.Count}} months", int(math.Round(days/daysPerMonth)), nil)
	}
	// Two years or more, to a tenth: always the plural form.
	return sign + trf("track.duration.years", "{{.Years}} years", map[string]any{"Years": strconv.FormatFloat(days/365.2425, 'f', 1, 64)})
}

// columnsLayout lays objects out in a row of columns: every column has its
// fixed width except column flex, which takes the width left over.
type columnsLayout struct {
	widths  []float32
	flex    int
	flexMin float32 // the flexible column's least width; 60 when unset
}

func (l *columnsLayout) fixed() float32 {
	var sum float32
	for i, w := range l.widths {
		if i != l.flex {
			sum += w
		}
	}
	return sum
}

func (l *columnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	flexWidth := max(size.Width-l.fixed(), 0)
	var x float32
	for i, o := range objects {
		w := flexWidth
		if i < len(l.widths) && i != l.flex {
			w = l.widths[i]
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

func (l *columnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	flexMin := l.flexMin
	if flexMin <= 0 {
		flexMin = 60
	}
	return fyne.NewSize(l.fixed()+flexMin, h)
}
