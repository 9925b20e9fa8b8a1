package trackrecord

import (
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/score"
	"github.com/hindsight-app/hindsight/internal/store/storetest"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/ui/uitest"
	"github.com/hindsight-app/hindsight/internal/when"
)

// seedAuthor is the one source of the bundled seed data.
const seedAuthor = "2023 AI review author"

// trackSeedPredictions reads the seed's predictions back from a real
// seeded database.
func trackSeedPredictions(t *testing.T) []model.Prediction {
	t.Helper()
	_, preds := storetest.Records(t, storetest.OpenSeeded(t))
	return preds
}

// trackSynthPredictions makes n synthetic predictions with IDs 1..n.
func trackSynthPredictions(n int) []model.Prediction {
	preds := synth.New(1).Predictions(n)
	for i := range preds {
		preds[i].ID = int64(i + 1)
	}
	return preds
}

// newTestTrackRecord builds the tab in a test window the size the main
// window gives it and records the ids passed to the callback.
func newTestTrackRecord(t *testing.T) (*Tab, *[]int64) {
	t.Helper()
	test.NewTempApp(t)
	var selected []int64
	tab := New(func(id int64) { selected = append(selected, id) })
	w := test.NewTempWindow(t, tab.Object())
	w.Resize(fyne.NewSize(1000, 780))
	return tab, &selected
}

// groupRowTexts reads the cells of a group row as the list draws them.
func groupRowTexts(t *testing.T, tab *Tab, row int) []string {
	t.Helper()
	item := tab.groupList.CreateItem()
	tab.groupList.UpdateItem(row, item)
	var out []string
	for _, o := range item.(*fyne.Container).Objects {
		out = append(out, o.(*widget.Label).Text)
	}
	return out
}

// predRowTexts reads the cells of a prediction row as the list draws them.
func predRowTexts(t *testing.T, tab *Tab, row int) []string {
	t.Helper()
	item := tab.predList.CreateItem()
	tab.predList.UpdateItem(row, item)
	cells := item.(*fyne.Container).Objects
	out := []string{cells[0].(*fyne.Container).Objects[0].(*widget.Label).Text}
	for _, o := range cells[1:] {
		out = append(out, o.(*widget.Label).Text)
	}
	return out
}

func TestTrackRecordSeed(t *testing.T) {
	tab, selected := newTestTrackRecord(t)
	preds := trackSeedPredictions(t)
	today := when.DayOf(2026, 1, 1)
	tab.Set(preds, today)

	// By default nothing of the seed is counted: its one forecast is
	// retrospective, and every claim is known only from a repost; the rest
	// are questions, a hope and opinions.
	if got := tab.groupList.Length(); got != 1 {
		t.Fatalf("%d group rows, want All alone", got)
	}
	if got, want := tab.counted.Text, "Counting 0 forecasts. Left out: 5 questions, 1 hope, 4 opinions, 1 retrospective forecast."; got != want {
		t.Errorf("counted %q, want %q", got, want)
	}
	for _, rule := range []string{"Only forecasts are scored", "Retrospective forecasts (recorded only after the outcome was known) are left out",
		"left out as unconfirmed", "Re-dating cannot erase a miss", "Partly true is neither a hit nor a miss"} {
		if !strings.Contains(tab.legend.Text, rule) {
			t.Errorf("the legend does not state %q:\n%s", rule, tab.legend.Text)
		}
	}
	// Asking for the retrospective forecast is not enough: its source is
	// unconfirmed too.
	tab.switches[0].SetChecked(true)
	if got := tab.counted.Text; !strings.Contains(got, "Counting 0 forecasts") || !strings.Contains(got, "1 forecast with its source unconfirmed") {
		t.Errorf("with retrospective forecasts: %q", got)
	}
	if !strings.Contains(tab.legend.Text, "are included, as the switch asks") {
		t.Errorf("the legend does not follow the switch:\n%s", tab.legend.Text)
	}
	tab.switches[1].SetChecked(true)
	if got := tab.groupList.Length(); got != 2 {
		t.Fatalf("%d group rows with both switches on, want All and the seed author", got)
	}
	all, author := groupRowTexts(t, tab, 0), groupRowTexts(t, tab, 1)
	if all[0] != "All" || author[0] != seedAuthor {
		t.Fatalf("group rows %q and %q, want All and %q", all[0], author[0], seedAuthor)
	}
	// The one forecast came true: 1/1. The author's interest (01.AI) is
	// listed with the scores, though the claim disclosing it is a hope.
	want := []string{seedAuthor, "1", "1", "1/1 · 100%", "—", "—"}
	if !reflect.DeepEqual(author[:6], want) || !reflect.DeepEqual(all[1:6], want[1:]) {
		t.Errorf("rows %q / %q, want %q", author[:6], all[1:6], want)
	}
	if author[7] != "—" || !strings.Contains(author[8], "01.AI") {
		t.Errorf("re-dated %q, interest %q", author[7], author[8])
	}
	if got := tab.counted.Text; got != "Counting 1 forecast. Left out: 5 questions, 1 hope, 4 opinions." {
		t.Errorf("counted %q", got)
	}
	// And the same numbers as score.
	sel := score.Select(score.FromPredictions(preds), tab.Rules())
	s := score.BreakdownWith(sel.Forecasts, score.BySource, tab.Rules())[0]
	if s.Hits != 1 || s.Misses != 0 || s.HitRate != 1 || !s.HasLead() || s.HasBrier() || s.HasLogScore() {
		t.Errorf("Breakdown of the seed: %+v", s)
	}
	fromScore := []string{s.Label, strconv.Itoa(s.Made), strconv.Itoa(s.Resolved), tab.hitRateText(s), "—", "—", durationText(s.MeanLeadDays)}
	if !reflect.DeepEqual(author[:7], fromScore) {
		t.Errorf("seed author row %q, Breakdown gives %q", author[:7], fromScore)
	}

	// The February 2023 OpenAI forecast came true nine months later.
	i := slices.IndexFunc(tab.preds, func(p model.Prediction) bool {
		return p.Made == when.MonthDate(2023, 2) && strings.Contains(p.Statement, "OpenAI")
	})
	if i < 0 || len(tab.members) != 1 {
		t.Fatalf("the February 2023 OpenAI forecast is not the one listed: %d members", len(tab.members))
	}
	cells := predRowTexts(t, tab, 0)
	if cells[0] != "True" || cells[3] != "—" || cells[4] != "17 Nov 2023 · after 9 months" {
		t.Errorf("OpenAI forecast row %q, want a hit resolved 17 Nov 2023, nine months after it was made", cells)
	}
	if cells[1] != tab.preds[i].DisplayStatement(i18n.LanguageEnglish) || cells[2] != seedAuthor {
		t.Errorf("OpenAI forecast statement/source %q / %q", cells[1], cells[2])
	}

	// No seed forecast has a probability, so the chart says so.
	if !tab.chart.empty() || tab.chart.message != tr("track.chart.empty_no_probability",
		"None of these predictions states a probability, so there is nothing to place on a calibration chart. Their hit rate is in the table.") {
		t.Errorf("chart message %q", tab.chart.message)
	}
	if got, want := tab.caption.Text, "1 predictions in the chart. Left out: 1 without a probability."; !strings.HasSuffix(got, "Left out: 1 without a probability.") {
		t.Errorf("caption %q, want %q", got, want)
	}
	tab.predList.Select(0)
	if len(*selected) != 1 || (*selected)[0] != tab.preds[i].ID {
		t.Errorf("selecting the row called back with %v, want [%d]", *selected, tab.preds[i].ID)
	}
	// Partly as half changes the legend; the seed has no partly outcome.
	tab.switches[2].SetChecked(true)
	if !strings.Contains(tab.legend.Text, "half a hit") || tab.Rules() != (score.Rules{IncludeRetrospective: true, IncludeUnconfirmed: true,
		PartlyAsHalf: true, Today: int64(today)}) {
		t.Errorf("rules %+v, legend %q", tab.Rules(), tab.legend.Text)
	}
}

// Re-dating and partly-as-half in the table: a source that restated a
// claim past its deadline carries the miss, and its row says how often it
// re-dated.
func TestTrackRecordRedatingAndPartly(t *testing.T) {
	tab, _ := newTestTrackRecord(t)
	primary := []model.SourceLink{{URL: "https://example.com/a", Primary: true}}
	made := when.MustParse("2023-01")
	dl := when.MustParseDeadline
	preds := []model.Prediction{
		{ID: 1, Statement: "AGI by 2025", Source: "Futurist", Made: made, Deadline: dl("by end of 2025", made), Links: primary},
		{ID: 2, Statement: "AGI by 2027", Source: "Futurist", Made: when.MustParse("2025-12"), Restates: 1, Links: primary,
			Deadline: dl("by end of 2027", when.MustParse("2025-12"))},
		{ID: 3, Statement: "Half right", Source: "Futurist", Made: made, Links: primary,
			Resolution: model.Resolution{State: model.StatePartly, On: when.MustParse("2024")}},
		{ID: 4, Statement: "Right", Source: "Futurist", Made: made, Links: primary,
			Resolution: model.Resolution{State: model.StateTrue, On: when.MustParse("2024")}},
	}
	tab.Set(preds, when.DayOf(2026, 3, 1))
	row := groupRowTexts(t, tab, 1)
	if row[0] != "Futurist" || row[3] != "1/2 · 50%" || row[7] != "once" {
		t.Errorf("Futurist row %q: want one hit and the missed 2025 claim, re-dated once", row)
	}
	for i, f := range tab.forecasts {
		if want := f.ID == 1; (predictionCells(tab.preds[i], f)[0] == "Miss: re-dated") != want {
			t.Errorf("prediction %d: outcome cell %q", f.ID, predictionCells(tab.preds[i], f)[0])
		}
	}
	tab.switches[2].SetChecked(true)
	if row := groupRowTexts(t, tab, 1); row[3] != "1.5/3 · 50%" {
		t.Errorf("partly as half: %q", row[3])
	}
}

func TestTrackRecordSynthetic(t *testing.T) {
	tab, selected := newTestTrackRecord(t)
	preds := trackSynthPredictions(10000)
	today := when.Today()
	tab.Set(preds, today)
	sel := score.Select(score.FromPredictions(preds), score.Rules{Today: int64(today)})
	fs := sel.Forecasts
	if sel.Left[score.LeftUnconfirmed] != 1000 || len(fs) != 9000 {
		t.Fatalf("the synthetic data: %d counted, left out %v; want one in ten unconfirmed", len(fs), sel.Left)
	}

	// The table equals score.Breakdown, row for row.
	bySource := score.Breakdown(fs, score.BySource)
	if got := tab.groupList.Length(); got != len(bySource)+1 {
		t.Fatalf("%d rows, want %d", got, len(bySource)+1)
	}
	for r, s := range bySource {
		got := groupRowTexts(t, tab, r+1)
		want := []string{s.Label, strconv.Itoa(s.Made), strconv.Itoa(s.Resolved), tab.hitRateText(s),
			strconv.FormatFloat(s.Brier, 'f', 3, 64), strconv.FormatFloat(s.LogScore, 'f', 3, 64), durationText(s.MeanLeadDays), "—", ""}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("row %d: %q, want %q", r+1, got, want)
		}
		if r > 0 && s.Made > bySource[r-1].Made {
			t.Errorf("row %d made %d is after a row with %d", r+1, s.Made, bySource[r-1].Made)
		}
	}

	// The chart shows score.Calibrate's bins.
	cal := score.Calibrate(fs, score.CalibrationOptions{Today: int64(today)})
	if !reflect.DeepEqual(tab.chart.cal, cal) || tab.chart.empty() {
		t.Fatalf("chart data %+v, want %+v", tab.chart.cal, cal)
	}
	r := test.WidgetRenderer(tab.chart).(*chartRenderer)
	g := chartLayout(cal, tab.chart.Size(), tab.chart.metrics())
	for i, b := range cal.Bins {
		if r.dots[i].Visible() != (b.Count > 0) {
			t.Errorf("bin %d: dot visible %v, count %d", i, r.dots[i].Visible(), b.Count)
		}
		if b.Count > 0 && r.counts[i].Text != strconv.Itoa(b.Count) {
			t.Errorf("bin %d: count shown %q, want %d", i, r.counts[i].Text, b.Count)
		}
		if d := r.dots[i].Position().X + r.dots[i].Size().Width/2 - g.x(b.MeanForecast); b.Count > 0 && (d > 0.01 || d < -0.01) {
			t.Errorf("bin %d: dot %v off the mean forecast", i, d)
		}
	}
	early := cal.Excluded[score.ExcludedDeadlineNotPassed]
	if early == 0 {
		t.Fatal("the synthetic data should have predictions resolved before their deadline")
	}
	caption := tab.caption.Text
	if !strings.Contains(caption, i18n.Number(cal.Included)+" predictions in the chart.") ||
		!strings.Contains(caption, i18n.Number(early)+" resolved while their deadline is still ahead") ||
		!strings.Contains(caption, i18n.Number(cal.Excluded[score.ExcludedNoProbability])+" without a probability") ||
		!strings.Contains(caption, i18n.Number(cal.Excluded[score.ExcludedNotScored])+" not scored") {
		t.Errorf("caption %q does not account for %+v", caption, cal)
	}

	// The switch says how many it would take in, and taking them in
	// changes the counts.
	if want := "Include predictions resolved while their deadline is still ahead (" + strconv.Itoa(early) + ")"; tab.early.Text != want || tab.early.Disabled() {
		t.Errorf("the switch reads %q (disabled %v), want %q", tab.early.Text, tab.early.Disabled(), want)
	}
	tab.early.SetChecked(true)
	withEarly := score.Calibrate(fs, score.CalibrationOptions{Today: int64(today), IncludeEarly: true})
	if !reflect.DeepEqual(tab.chart.cal, withEarly) {
		t.Errorf("with early: chart %+v, want %+v", tab.chart.cal, withEarly)
	}
	if withEarly.Included != cal.Included+early || withEarly.Excluded[score.ExcludedDeadlineNotPassed] != 0 {
		t.Errorf("with early: %d included (was %d, +%d early), %d still left out for the deadline",
			withEarly.Included, cal.Included, early, withEarly.Excluded[score.ExcludedDeadlineNotPassed])
	}
	if want := "Of them, " + strconv.Itoa(early) + " were resolved while their deadline is still ahead."; tab.caption.Text == caption ||
		strings.Contains(tab.caption.Text, "Left out: "+strconv.Itoa(early)) || !strings.HasSuffix(tab.caption.Text, want) {
		t.Errorf("caption with early resolutions: %q, want it to end %q", tab.caption.Text, want)
	}
	tab.early.SetChecked(false)
	if !reflect.DeepEqual(tab.chart.cal, cal) {
		t.Error("unticking the box does not restore the default chart")
	}

	// Selecting a group filters the list and the chart.
	tab.groupList.Select(2)
	group := bySource[1]
	if len(tab.members) != group.Made || tab.predList.Length() != group.Made {
		t.Fatalf("%d listed for %q, want %d", len(tab.members), group.Label, group.Made)
	}
	for _, m := range tab.members {
		if tab.preds[m].Source != group.Label {
			t.Fatalf("%q by %q listed under %q", tab.preds[m].Statement, tab.preds[m].Source, group.Label)
		}
	}
	var groupFs []score.Forecast
	for _, f := range fs {
		if f.Source == group.Label {
			groupFs = append(groupFs, f)
		}
	}
	if want := score.Calibrate(groupFs, score.CalibrationOptions{Today: int64(today)}); !reflect.DeepEqual(tab.chart.cal, want) {
		t.Error("the chart does not follow the selected group")
	}
	if want := i18n.Number(group.Made) + " predictions · " + group.Label; tab.predHeader.Text != want {
		t.Errorf("list header %q, want %q", tab.predHeader.Text, want)
	}
	if !strings.Contains(tab.chartTitle.Text, group.Label) {
		t.Errorf("chart title %q does not name %q", tab.chartTitle.Text, group.Label)
	}

	// Selecting a row calls back with that prediction's id.
	tab.predList.Select(5)
	want := tab.preds[tab.members[5]].ID
	if len(*selected) != 1 || (*selected)[0] != want {
		t.Errorf("callback got %v, want [%d]", *selected, want)
	}
	if cells := predRowTexts(t, tab, 5); cells[1] != tab.preds[tab.members[5]].Statement {
		t.Errorf("row 5 shows %q, want %q", cells[1], tab.preds[tab.members[5]].Statement)
	}

	// New data keeps the selected group.
	tab.Set(preds[:5000], today)
	if tab.groups[tab.selected].summary.Label != group.Label {
		t.Errorf("after new data the selected group is %q, want %q", tab.groups[tab.selected].summary.Label, group.Label)
	}
	for _, m := range tab.members {
		if tab.preds[m].Source != group.Label {
			t.Fatalf("after new data %q by %q listed under %q", tab.preds[m].Statement, tab.preds[m].Source, group.Label)
		}
	}
	// A group that no longer exists falls back to All.
	tab.Set(nil, today)
	if tab.selected != 0 || len(tab.members) != 0 || tab.groupList.Length() != 1 || !tab.chart.empty() {
		t.Errorf("with no data: selected %d, %d listed, %d rows", tab.selected, len(tab.members), tab.groupList.Length())
	}
}

func TestTrackRecordChartMessages(t *testing.T) {
	test.NewTempApp(t)
	p := 0.7
	made := when.DayOf(2025, 1, 1)
	deadline := made + 700
	fs := []score.Forecast{{Probability: p, HasProbability: true, MadeDay: int64(made),
		DeadlineDay: int64(deadline), HasDeadline: true, ResolvedDay: int64(made + 30), HasResolved: true}}
	for _, c := range []struct {
		name    string
		outcome model.State
		today   when.Day
		// message is what the empty chart says (in part); "" for no message.
		message string
		// caption is the chart's caption; "" to leave it unchecked.
		caption string
	}{
		{"an early TRUE left out", model.StateTrue, made + 60, "Tick the box", ""},
		{"only an open prediction", model.StateOpen, made + 60, "No prediction with a probability has come true or false yet.",
			"0 predictions in the chart. Left out: 1 not scored (open, ambiguous, annulled, unfalsifiable or withdrawn)."},
		{"a chart with a point", model.StateFalse, deadline + 1, "", "1 prediction in the chart. None left out."},
	} {
		fs[0].Outcome = c.outcome
		cal := score.Calibrate(fs, score.CalibrationOptions{Today: int64(c.today)})
		got := emptyChartMessage(fs, cal, false)
		if c.message == "" && got != "" || !strings.Contains(got, c.message) {
			t.Errorf("%s: message %q, want %q", c.name, got, c.message)
		}
		if got := calibrationCaption(cal); c.caption != "" && got != c.caption {
			t.Errorf("%s: caption %q, want %q", c.name, got, c.caption)
		}
	}
}

func TestDurationText(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		days float64
		want string
	}{
		{0, "0 days"}, {1, "1 day"}, {-1, "-1 day"}, {12.4, "12 days"}, {59, "59 days"},
		{289, "9 months"}, {-300, "-10 months"}, {729, "24 months"}, {730.5, "2.0 years"}, {1000, "2.7 years"},
	} {
		if got := durationText(c.days); got != c.want {
			t.Errorf("durationText(%v) = %q, want %q", c.days, got, c.want)
		}
	}
}

func TestColumnsLayout(t *testing.T) {
	l := &columnsLayout{widths: []float32{50, 0, 30}, flex: 1}
	objs := []fyne.CanvasObject{widget.NewLabel("a"), widget.NewLabel("b"), widget.NewLabel("c")}
	l.Layout(objs, fyne.NewSize(200, 40))
	wantX := []float32{0, 50, 170}
	wantW := []float32{50, 120, 30}
	for i, o := range objs {
		if o.Position().X != wantX[i] || o.Size().Width != wantW[i] || o.Size().Height != 40 {
			t.Errorf("column %d at %v size %v, want x %v width %v", i, o.Position(), o.Size(), wantX[i], wantW[i])
		}
	}
	l.Layout(objs, fyne.NewSize(60, 40))
	if objs[1].Size().Width != 0 {
		t.Errorf("a too narrow row gives the flexible column %v", objs[1].Size().Width)
	}
}

// TestTrackRecordScreenshots renders the tab as the main window shows it,
// for the documentation:
//
//	HINDSIGHT_SCREENSHOTS=1 go test -run TestTrackRecordScreenshots ./internal/ui/trackrecord
func TestTrackRecordScreenshots(t *testing.T) {
	if os.Getenv("HINDSIGHT_SCREENSHOTS") == "" {
		t.Skip("set HINDSIGHT_SCREENSHOTS=1 to write docs/screenshots/trackrecord-*.png")
	}
	shoot := func(name string, preds []model.Prediction) {
		test.NewTempApp(t)
		fyne.CurrentApp().Settings().SetTheme(look.NewTheme())
		tab := New(func(int64) {})
		w := test.NewTempWindow(t, tab.Object())
		// Wide enough for the groups table: the test canvas does not clip a
		// scroller that the window would.
		w.Resize(fyne.NewSize(1400, 780))
		tab.Set(preds, when.Today())
		uitest.Relayout(w.Content(), nil)
		out, err := os.Create(filepath.Join("..", "..", "..", "docs", "screenshots", name))
		if err != nil {
			t.Fatal(err)
		}
		defer out.Close()
		if err := png.Encode(out, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	shoot("trackrecord-seed-en.png", trackSeedPredictions(t))
	shoot("trackrecord-10k-en.png", trackSynthPredictions(10000))
}

// The main window may hand the tab its data before the tab is ever drawn.
func TestTrackRecordSetBeforeShown(t *testing.T) {
	test.NewTempApp(t)
	tab := New(nil)
	preds := trackSynthPredictions(200)
	tab.Set(preds, when.Today())
	tab.groupList.Select(1)
	if len(tab.members) != tab.groups[1].summary.Made {
		t.Errorf("%d listed, want %d", len(tab.members), tab.groups[1].summary.Made)
	}
	tab.predList.Select(0) // no callback given: must not panic
	w := test.NewTempWindow(t, tab.Object())
	w.Resize(fyne.NewSize(1000, 780))
	if tab.chart.Size().Width < 200 || tab.chart.Size().Height < 200 {
		t.Errorf("the chart gets only %v in a 1000×780 tab", tab.chart.Size())
	}
}

// TestEarlySwitchIsOffWhenItWouldChangeNothing: with every deadline passed
// (as in the seed data today) the switch says it would take in none and
// cannot be ticked; the chart is the same either way.
func TestEarlySwitchIsOffWhenItWouldChangeNothing(t *testing.T) {
	test.NewTempApp(t)
	tab := New(nil)
	p := 0.7
	made := when.DayOf(2023, 1, 1)
	preds := []model.Prediction{{ID: 1, Statement: "Early and settled", Source: "A", Made: when.DayDate(made), Probability: &p,
		Links:      []model.SourceLink{{URL: "https://example.com/a", Primary: true}},
		Deadline:   when.MustParseDeadline("by end of 2024", when.DayDate(made)),
		Resolution: model.Resolution{State: model.StateTrue, On: when.MustParse("2023-06")}}}
	tab.Set(preds, when.DayOf(2026, 11, 30))
	if tab.early.Text != "Include predictions resolved while their deadline is still ahead (0)" || !tab.early.Disabled() {
		t.Errorf("switch %q, disabled %v", tab.early.Text, tab.early.Disabled())
	}
	// Before the deadline passed, the same prediction is one the switch
	// takes in.
	tab.Set(preds, when.DayOf(2024, 6, 1))
	if tab.early.Disabled() || tab.chart.cal.Included != 0 {
		t.Fatalf("before the deadline: disabled %v, included %d", tab.early.Disabled(), tab.chart.cal.Included)
	}
	tab.early.SetChecked(true)
	if tab.chart.cal.Included != 1 || tab.chart.cal.Bins[7].Count != 1 {
		t.Errorf("ticked: %+v", tab.chart.cal)
	}
}
