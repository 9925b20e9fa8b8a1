package timelineview

import (
	// Tests start under a C locale, as the app may.
	_ "github.com/hindsight-app/hindsight/internal/localefix"
	"github.com/hindsight-app/hindsight/internal/store/storetest"

	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/timeline"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/items"
	"github.com/hindsight-app/hindsight/internal/when"
)

// testToday is the fixed "today" of the tests, so that overdue predictions
// and the today line do not depend on when the tests run.
var testToday = when.DayOf(2025, 6, 2)

// newTestTimeline puts a timeline alone in a headless window of the given
// size, with the app's theme so that text is measured with the bundled font.
func newTestTimeline(tb testing.TB, w, h float32) (*View, fyne.Window) {
	tb.Helper()
	return newTestTimelineIn(tb, "en", w, h)
}

// newTestTimelineIn is newTestTimeline with the interface in lang.
func newTestTimelineIn(tb testing.TB, lang string, w, h float32) (*View, fyne.Window) {
	tb.Helper()
	a := test.NewTempApp(tb)
	a.Settings().SetTheme(look.NewTheme())
	tv := New(words(lang))
	tv.today = func() when.Day { return testToday }
	win := test.NewTempWindow(tb, tv)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	tv.Resize(fyne.NewSize(w, h))
	return tv, win
}

// seedData reads the bundled seed dataset through a real database file.
func seedData(tb testing.TB) ([]model.Event, []model.Prediction) {
	tb.Helper()
	events, preds := storetest.Records(tb, storetest.OpenSeeded(tb))
	if len(events) == 0 || len(preds) == 0 {
		tb.Fatalf("seed has %d events and %d predictions", len(events), len(preds))
	}
	return events, preds
}

// synthData makes n synthetic events and n/10 predictions with IDs.
func synthData(n int) ([]model.Event, []model.Prediction) {
	g := synth.New(1)
	events := g.Events(n)
	for i := range events {
		events[i].ID = int64(i + 1)
	}
	preds := g.Predictions(n / 10)
	for i := range preds {
		preds[i].ID = int64(i + 1)
	}
	return events, preds
}

var seedFirst, seedLast = when.DayOf(2022, 6, 1), when.DayOf(2025, 12, 31)

func seedTimeline(tb testing.TB) (*View, fyne.Window) {
	tb.Helper()
	return seedTimelineIn(tb, "en")
}

// drawnSeed is seedTimeline drawn once, with the renderer that drew it.
func drawnSeed(tb testing.TB) (*View, *renderer) {
	tb.Helper()
	tv, _ := seedTimeline(tb)
	tv.Refresh()
	return tv, tv.rend
}

// seedTimelineIn is seedTimeline with the interface in lang.
func seedTimelineIn(tb testing.TB, lang string) (*View, fyne.Window) {
	tb.Helper()
	tv, win := newTestTimelineIn(tb, lang, 1400, 900)
	events, preds := seedData(tb)
	tv.SetData(events, preds, nil)
	tv.Nav().ShowRange(seedFirst, seedLast)
	tv.ensureLayout()
	return tv, win
}

// markPos is the widget position of the centre of mark id's marker.
func markPos(tb testing.TB, tv *View, id int64) fyne.Position {
	tb.Helper()
	tv.ensureLayout()
	for _, m := range tv.lay.Marks {
		if m.ID == id {
			return fyne.NewPos((m.Left+m.Right)/2, tv.met.axisH+m.Y)
		}
	}
	tb.Fatalf("item %d is not drawn as a mark", id)
	return fyne.Position{}
}

// drawnPrediction is a prediction drawn as a mark of its own, not in a
// cluster.
func drawnPrediction(tb testing.TB, tv *View) model.Prediction {
	tb.Helper()
	tv.ensureLayout()
	for _, m := range tv.lay.Marks {
		if m.Kind == timeline.KindPrediction {
			return tv.preds[tv.predAt[items.SelectionOf(m.ID).ID]]
		}
	}
	tb.Fatal("no prediction is drawn as a mark of its own")
	return model.Prediction{}
}

func eventID(tb testing.TB, events []model.Event, title string) int64 {
	tb.Helper()
	for _, e := range events {
		if e.Title == title {
			return e.ID
		}
	}
	tb.Fatalf("no event %q in the seed", title)
	return 0
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6*math.Max(1, math.Abs(a)) }

func TestTimelineTapSelectsEventAndPrediction(t *testing.T) {
	tv, _ := seedTimeline(t)
	var got []app.Selection
	tv.OnSelect = func(s app.Selection) { got = append(got, s) }

	id := eventID(t, tv.events, "OpenAI releases GPT-4")
	test.TapAt(tv, markPos(t, tv, items.EventID(id)))
	if want := (app.Selection{Kind: app.SelectEvent, ID: id}); len(got) != 1 || got[0] != want || tv.Selected() != want {
		t.Fatalf("tap on GPT-4: OnSelect got %v, Selected %v, want %v", got, tv.Selected(), want)
	}

	p := drawnPrediction(t, tv)
	test.TapAt(tv, markPos(t, tv, items.PredictionID(p.ID)))
	if want := (app.Selection{Kind: app.SelectPrediction, ID: p.ID}); len(got) != 2 || got[1] != want {
		t.Fatalf("tap on a prediction: OnSelect got %v, want %v", got, want)
	}
	if !tv.rend.selBox.Visible() && !tv.rend.selRing.Visible() {
		t.Error("the selected prediction has no highlight")
	}

	// A tap on empty space clears the selection.
	test.TapAt(tv, emptyPoint(t, tv))
	if len(got) != 3 || got[2].Kind != app.SelectNone || tv.Selected().Kind != app.SelectNone {
		t.Fatalf("tap on empty space: OnSelect got %v, Selected %v", got, tv.Selected())
	}
}

func TestTimelineScrollPansAndZooms(t *testing.T) {
	tv, win := seedTimeline(t)
	var mods fyne.KeyModifier
	tv.modifiers = func() fyne.KeyModifier { return mods }
	before := tv.nav.view

	// Shift+wheel (or a touchpad's sideways motion) pans time.
	mods = fyne.KeyModifierShift
	test.Scroll(win.Canvas(), fyne.NewPos(700, 400), 0, -40)
	after := tv.nav.view
	if !(after.Start > before.Start) || !near(after.Span(), before.Span()) || after.ScrollY != before.ScrollY {
		t.Fatalf("shift+wheel down should pan to later days with the same span: %v → %v", before, after)
	}
	if !tv.nav.moving {
		t.Error("a wheel pan should wait to settle")
	}
	tv.nav.settle()
	mods = 0
	before = tv.nav.view
	tv.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DX: -40}})
	if after := tv.nav.view; !(after.Start > before.Start) || after.ScrollY != before.ScrollY {
		t.Fatalf("a sideways touchpad motion should pan time: %v → %v", before, after)
	}
	tv.nav.settle()

	// Ctrl+wheel zooms in around the pointer: the day under it stays put.
	mods = fyne.KeyModifierControl
	v := tv.nav.viewport()
	anchor := v.Day(300)
	tv.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(300, 400)}, Scrolled: fyne.Delta{DY: 50}})
	v2 := tv.nav.viewport()
	if !(v2.Span() < v.Span()) || math.Abs(v2.Day(300)-anchor) > 1e-6 {
		t.Fatalf("ctrl+wheel: span %v → %v, day under pointer %v → %v", v.Span(), v2.Span(), anchor, v2.Day(300))
	}

	// The plain wheel scrolls the lanes, not time.
	mods = 0
	tv.Nav().ShowRange(seedFirst, seedLast)
	tv.win(t, 1400, 300)
	start := tv.nav.view.Start
	tv.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -60}})
	tv.ensureLayout()
	if tv.nav.view.ScrollY <= 0 || tv.nav.view.Start != start {
		t.Fatalf("wheel: ScrollY %v, start %v → %v", tv.nav.view.ScrollY, start, tv.nav.view.Start)
	}
	// Scrolling far down stops at the end of the content.
	for range 100 {
		tv.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -200}})
	}
	tv.ensureLayout()
	if maxY := tv.lay.ContentHeight - tv.nav.viewport().Height; tv.nav.view.ScrollY > maxY+0.5 {
		t.Fatalf("ScrollY %v beyond the content (max %v)", tv.nav.view.ScrollY, maxY)
	}
}

// win resizes the widget, as the window would.
func (t *View) win(tb testing.TB, w, h float32) {
	tb.Helper()
	t.Resize(fyne.NewSize(w, h))
	t.ensureLayout()
}

func TestTimelineDragPans(t *testing.T) {
	tv, win := seedTimeline(t)
	changed := 0
	tv.OnViewChanged = func() { changed++ }
	before := tv.nav.view
	test.Drag(win.Canvas(), fyne.NewPos(700, 400), 100, 0)
	if !(tv.nav.view.Start < before.Start) || !near(tv.nav.view.Span(), before.Span()) {
		t.Fatalf("dragging right should show earlier days: %v → %v", before, tv.nav.view)
	}
	if changed != 1 || tv.nav.moving {
		t.Fatalf("drag end should settle once: %d calls, moving %v", changed, tv.nav.moving)
	}
}

func TestTimelineKeyboard(t *testing.T) {
	tv, _ := seedTimeline(t)
	mid := func() float64 { return (tv.nav.view.Start + tv.nav.view.End) / 2 }

	span, c := tv.nav.view.Span(), mid()
	test.Type(tv, "+")
	if !near(tv.nav.view.Span(), span/keyZoom()) || !near(mid(), c) {
		t.Fatalf("+ should zoom in around the centre: span %v → %v, centre %v → %v", span, tv.nav.view.Span(), c, mid())
	}
	test.Type(tv, "-")
	if !near(tv.nav.view.Span(), span) || !near(mid(), c) {
		t.Fatalf("- should zoom out around the centre: span %v → %v", span, tv.nav.view.Span())
	}
	test.Type(tv, "=")
	if !near(tv.nav.view.Span(), span/keyZoom()) {
		t.Fatalf("= should zoom in like +: span %v → %v", span, tv.nav.view.Span())
	}

	test.Type(tv, "t")
	if !near(mid(), float64(testToday)+0.5) {
		t.Fatalf("T should centre today: centre %v, today %v", mid(), testToday)
	}

	start := tv.nav.view.Start
	tv.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if !(tv.nav.view.Start < start) {
		t.Fatalf("Left should pan to earlier days: %v → %v", start, tv.nav.view.Start)
	}
	start = tv.nav.view.Start
	tv.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	tv.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if !(tv.nav.view.Start > start) {
		t.Fatalf("Right should pan to later days: %v → %v", start, tv.nav.view.Start)
	}

	tv.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	first, last, _ := tv.index.Extent()
	want := tv.nav.view.Fit(first, last)
	if !near(tv.nav.view.Start, want.Start) || !near(tv.nav.view.End, want.End) {
		t.Fatalf("Home should fit everything: %v, want %v..%v", tv.nav.view, want.Start, want.End)
	}

	// Up and Down scroll the lanes of a short window.
	tv.win(t, 1400, 300)
	tv.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	tv.ensureLayout()
	if tv.nav.view.ScrollY <= 0 {
		t.Fatal("Down should scroll the lanes")
	}
	tv.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	tv.ensureLayout()
	if tv.nav.view.ScrollY != 0 {
		t.Fatalf("Up should scroll back: %v", tv.nav.view.ScrollY)
	}

	// G asks the window for a date and centres it.
	day := when.DayOf(2023, 11, 17)
	asked := false
	tv.AskDate = func(done func(when.Day)) { asked = true; done(day) }
	test.Type(tv, "g")
	if !asked || !near(mid(), float64(day)+0.5) {
		t.Fatalf("G: asked %v, centre %v, want %v", asked, mid(), day)
	}
}

func keyZoom() float64 { return keyZoomStep }

func TestTimelineBackForward(t *testing.T) {
	tv, _ := seedTimeline(t)
	a := viewKey{tv.nav.view.Start, tv.nav.view.End}
	tv.Nav().ShowRange(when.DayOf(2023, 1, 1), when.DayOf(2023, 12, 31))
	b := viewKey{tv.nav.view.Start, tv.nav.view.End}
	tv.Nav().ZoomBy(2)
	c := viewKey{tv.nav.view.Start, tv.nav.view.End}
	cur := func() viewKey { return viewKey{tv.nav.view.Start, tv.nav.view.End} }

	if !tv.Nav().Back() || cur() != b {
		t.Fatalf("Back should return to %v, at %v", b, cur())
	}
	tv.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if cur() != a {
		t.Fatalf("Backspace should go back to %v, at %v", a, cur())
	}
	// Before a lay the view the first data fitted; then the history ends.
	if !tv.Nav().Back() || tv.Nav().Back() || tv.Nav().CanBack() {
		t.Fatal("Back past the oldest view should report false")
	}
	tv.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt})
	tv.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt})
	if cur() != b {
		t.Fatalf("Alt+Right should go forward to %v, at %v", b, cur())
	}
	if !tv.Nav().Forward() || cur() != c || tv.Nav().Forward() || tv.Nav().CanForward() {
		t.Fatalf("Forward should reach %v and then stop, at %v", c, cur())
	}
	tv.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt})
	if cur() != b {
		t.Fatalf("Alt+Left should go back to %v, at %v", b, cur())
	}

	// A new view drops what lay forward; an unsettled wheel pan is
	// settled by Back first, so Back returns to where the pan began.
	tv.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DX: 30}})
	if !tv.Nav().CanBack() || !tv.Nav().Back() || cur() != b || !tv.Nav().CanForward() {
		t.Fatalf("Back after a wheel pan should return to %v, at %v", b, cur())
	}

	// The history is capped.
	for i := range 3 * historyCap {
		tv.Nav().CenterOn(when.DayOf(2020, 1, 1) + when.Day(i))
	}
	if len(tv.nav.hist) != historyCap {
		t.Fatalf("history holds %d views, want %d", len(tv.nav.hist), historyCap)
	}
}

func TestTimelineViewStateRoundTrip(t *testing.T) {
	tv, _ := seedTimeline(t)
	tv.SetGrouping(GroupByCategory)
	if tv.grouping != GroupByCategory {
		t.Fatal("grouping not set")
	}
	tv.ensureLayout()
	lane := tv.lay.Lanes[len(tv.lay.Lanes)-1]
	test.TapAt(tv, fyne.NewPos(40, tv.met.axisH+lane.Y+4)) // collapses it
	tv.Nav().ShowRange(when.DayOf(2023, 3, 1), when.DayOf(2023, 12, 1))
	vs := tv.ViewState()
	if vs.Grouping != GroupByCategory || !slices.Contains(vs.Collapsed, lane.Key) {
		t.Fatalf("ViewState %+v misses the grouping or lane %q", vs, lane.Key)
	}
	data, err := json.Marshal(vs)
	if err != nil {
		t.Fatal(err)
	}
	var back ViewState
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}

	tv2 := New(words("en"))
	tv2.today = tv.today
	tv2.SetData(tv.events, tv.preds, nil)
	tv2.SetViewState(back)
	got := tv2.ViewState()
	if got.Start != vs.Start || got.End != vs.End || got.Grouping != vs.Grouping || !slices.Equal(got.Collapsed, vs.Collapsed) {
		t.Fatalf("round trip: got %+v, want %+v", got, vs)
	}
	collapsed := false
	for i := range tv2.index.LaneCount() {
		if l := tv2.index.Lane(i); l.Key == lane.Key {
			collapsed = l.Collapsed
		}
	}
	if !collapsed {
		t.Fatalf("lane %q not collapsed after SetViewState", lane.Key)
	}

	// A damaged range is ignored; the rest still applies.
	tv2.SetViewState(ViewState{Start: math.NaN(), End: 3, Grouping: GroupByTag})
	if tv2.nav.view.Start != vs.Start || tv2.grouping != GroupByTag {
		t.Fatalf("damaged state: view %v, grouping %v", tv2.nav.view, tv2.grouping)
	}
}

func TestTimelineLaneTitleTapCollapses(t *testing.T) {
	tv, _ := seedTimeline(t)
	changed := 0
	tv.OnViewChanged = func() { changed++ }
	var lane timeline.LaneBox
	for _, b := range tv.lay.Lanes {
		if b.Key == items.LaneKeyActor+"OpenAI" {
			lane = b
		}
	}
	if lane.Key == "" {
		t.Fatal("no OpenAI lane")
	}
	rows := lane.Rows
	test.TapAt(tv, fyne.NewPos(40, tv.met.axisH+lane.Y+4))
	if !tv.index.Lane(lane.Lane).Collapsed || changed != 1 {
		t.Fatalf("tap on the title should collapse the lane (calls %d)", changed)
	}
	tv.ensureLayout()
	for _, b := range tv.lay.Lanes {
		if b.Key == lane.Key && (b.Rows != 1 || !b.Collapsed) {
			t.Fatalf("collapsed lane has %d rows (was %d)", b.Rows, rows)
		}
	}
	for _, m := range tv.lay.Marks {
		if m.Lane == lane.Lane && m.Label != "" {
			t.Fatalf("a collapsed lane shows label %q", m.Label)
		}
	}
	test.TapAt(tv, fyne.NewPos(40, tv.met.axisH+lane.Y+4))
	if tv.index.Lane(lane.Lane).Collapsed {
		t.Fatal("a second tap should expand the lane")
	}
}

func TestTimelineClusterTapZoomsIn(t *testing.T) {
	tv, _ := newTestTimeline(t, 1400, 900)
	tv.SetData(withoutPeriods(synthData(10000)))
	tv.Nav().Fit()
	tv.ensureLayout()
	if len(tv.lay.Clusters) == 0 {
		t.Fatal("10,000 events fitted should draw clusters")
	}
	c := tv.lay.Clusters[len(tv.lay.Clusters)/2]
	span := tv.nav.view.Span()
	selected := false
	tv.OnSelect = func(app.Selection) { selected = true }
	test.TapAt(tv, fyne.NewPos(c.X+c.Width/2, tv.met.axisH+c.Y))
	if !(tv.nav.view.Span() < span) || selected {
		t.Fatalf("tap on a cluster should zoom in: span %v → %v (selected %v)", span, tv.nav.view.Span(), selected)
	}
	if mid := float64(c.Start+c.End+1) / 2; mid < tv.nav.view.Start || mid > tv.nav.view.End {
		t.Fatalf("cluster %d..%d is out of the new view %v..%v", c.Start, c.End, tv.nav.view.Start, tv.nav.view.End)
	}
}

func TestTimelineSetDataKeepsView(t *testing.T) {
	tv, _ := seedTimeline(t)
	tv.Nav().ZoomBy(3)
	tv.nav.view.ScrollY = 20
	before := tv.nav.view
	tv.SetData(withoutPeriods(synthData(500)))
	if tv.nav.view.Start != before.Start || tv.nav.view.End != before.End {
		t.Fatalf("SetData moved the view: %v → %v", before, tv.nav.view)
	}
	// The first data fit an untouched view.
	tv2, _ := newTestTimeline(t, 800, 600)
	events, preds := seedData(t)
	tv2.SetData(events, preds, nil)
	first, last, _ := tv2.index.Extent()
	if tv2.nav.view.Start > float64(first) || tv2.nav.view.End < float64(last) {
		t.Fatalf("first SetData should fit %d..%d, view %v", first, last, tv2.nav.view)
	}
}

func TestTimelineSelectReveals(t *testing.T) {
	tv, _ := seedTimeline(t)
	events := tv.events
	id := eventID(t, events, "OpenAI releases GPT-4.5, a very large non-reasoning model")
	tv.Nav().ShowRange(when.DayOf(2022, 8, 1), when.DayOf(2022, 12, 31))
	called := false
	tv.OnSelect = func(app.Selection) { called = true }
	tv.Select(app.Selection{Kind: app.SelectEvent, ID: id})
	if called {
		t.Error("Select must not call OnSelect")
	}
	day := float64(when.DayOf(2025, 2, 27))
	if day < tv.nav.view.Start || day > tv.nav.view.End {
		t.Fatalf("Select should bring 2025-02-27 into view, view %v", tv.nav.view)
	}
	markPos(t, tv, items.EventID(id))
	if !tv.rend.selRing.Visible() {
		t.Error("selected point has no ring")
	}

	// In a short window the lanes scroll to the selected mark.
	tv.Nav().ShowRange(seedFirst, seedLast)
	tv.win(t, 1400, 200)
	last := events[0]
	for _, e := range events {
		if e.Actor == "Meituan" {
			last = e
		}
	}
	tv.Select(app.Selection{Kind: app.SelectEvent, ID: last.ID})
	p := markPos(t, tv, items.EventID(last.ID))
	if p.Y < tv.met.axisH || p.Y > 200 {
		t.Fatalf("selected mark at y=%v is outside the 200 px window", p.Y)
	}
	if tv.Selected() != (app.Selection{Kind: app.SelectEvent, ID: last.ID}) {
		t.Fatal("Selected does not report the selection")
	}
}

// emptyPoint finds a widget position in the rows of a lane with nothing
// drawn under it.
func emptyPoint(tb testing.TB, tv *View) fyne.Position {
	tb.Helper()
	tv.ensureLayout()
	for _, b := range tv.lay.Lanes {
		for x := float32(10); x < tv.Size().Width; x += 37 {
			y := b.Y + tv.met.opt.LaneHeaderHeight + tv.met.opt.RowHeight/2
			if _, hit := tv.lay.HitTest(x, y); !hit && y < tv.nav.viewport().Height {
				return fyne.NewPos(x, tv.met.axisH+y)
			}
		}
	}
	tb.Fatal("no empty space in the view")
	return fyne.Position{}
}

func TestTimelineDoubleTapOnEmptySpace(t *testing.T) {
	tv, _ := seedTimeline(t)
	var got when.Day = -1
	tv.OnDoubleTap = func(d when.Day) { got = d }
	p := emptyPoint(t, tv)
	tv.DoubleTapped(&fyne.PointEvent{Position: p})
	if want := when.Day(math.Floor(tv.nav.viewport().Day(p.X))); got != want {
		t.Fatalf("double tap at %v gave day %v, want %v", p, got, want)
	}
	// On a mark it selects instead.
	got = -1
	selected := false
	tv.OnSelect = func(app.Selection) { selected = true }
	tv.DoubleTapped(&fyne.PointEvent{Position: markPos(t, tv, items.PredictionID(drawnPrediction(t, tv).ID))})
	if got != -1 || !selected {
		t.Fatalf("double tap on a mark: day %v, selected %v", got, selected)
	}
}

func TestTimelineHoverTooltip(t *testing.T) {
	tv, _ := seedTimeline(t)
	id := eventID(t, tv.events, "OpenAI releases GPT-4")
	pos := markPos(t, tv, items.EventID(id))
	tv.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
	r := tv.rend
	if !r.tip.bg.Visible() || r.tip.text[0].Text != "OpenAI releases GPT-4" || r.tip.text[1].Text != "14 Mar 2023" {
		t.Fatalf("tooltip: visible %v, %q / %q", r.tip.bg.Visible(), r.tip.text[0].Text, r.tip.text[1].Text)
	}
	// The tooltip stays inside the widget.
	p, s := r.tip.bg.Position(), r.tip.bg.Size()
	if p.X < 0 || p.Y < 0 || p.X+s.Width > 1400 || p.Y+s.Height > 900 {
		t.Fatalf("tooltip at %v size %v leaves the widget", p, s)
	}

	// An overdue open prediction says so.
	due := model.Prediction{
		ID: 9999, Statement: "Someone will ship something by 2024", Source: "Test",
		Made: when.MustParse("2023-01"),
	}
	dl, err := when.ParseDeadline("by 2024", due.Made)
	if err != nil {
		t.Fatal(err)
	}
	due.Deadline = dl
	tv.SetData(tv.events, append(slices.Clone(tv.preds), due), nil)
	tv.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: markPos(t, tv, items.PredictionID(due.ID))}})
	found := false
	for _, o := range r.tip.text {
		found = found || o.Visible() && strings.HasPrefix(o.Text, "Overdue") && o.Color == r.col.err
	}
	if !found || r.tip.text[0].Text != due.Statement {
		t.Errorf("an overdue prediction's tooltip does not say so: %q", r.tip.text[0].Text)
	}
	tv.MouseOut()
	if r.tip.bg.Visible() {
		t.Fatal("tooltip still shown after the pointer left")
	}
}

// TestScrollBarReachesEveryLane: when the lanes do not fit, a scroll bar
// shows; dragging its thumb to the bottom shows the last lane, a tap on its
// track pages, and a drag anywhere else still pans time.
func TestScrollBarReachesEveryLane(t *testing.T) {
	tv, _ := seedTimeline(t)
	tv.win(t, 1400, 400)
	tv.Refresh()
	bar := scrollbarOf(tv)
	if !bar.shown || !tv.rend.scrollThumb.Visible() {
		t.Fatal("no scroll bar although the lanes do not fit")
	}
	// Drag the thumb all the way down.
	start := fyne.NewPos(bar.x+scrollbarWidth/2, bar.thumbY+bar.thumbH/2)
	for i := 1; i <= 20; i++ {
		tv.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: start.AddXY(0, float32(i)*30)}, Dragged: fyne.Delta{DY: 30}})
	}
	tv.DragEnd()
	tv.ensureLayout()
	if maxY := tv.lay.ContentHeight - tv.nav.viewport().Height; math.Abs(float64(tv.nav.view.ScrollY-maxY)) > 1 {
		t.Fatalf("the thumb at the bottom shows ScrollY %v, want the end %v", tv.nav.view.ScrollY, maxY)
	}
	last := tv.lay.Lanes[len(tv.lay.Lanes)-1]
	if last.Lane != tv.index.LaneCount()-1 {
		t.Errorf("the last lane drawn is %d of %d", last.Lane, tv.index.LaneCount())
	}
	// A tap on the track above the thumb pages up.
	bar = scrollbarOf(tv)
	y := tv.nav.view.ScrollY
	test.TapAt(tv, fyne.NewPos(bar.x+2, bar.top+2))
	if !(tv.nav.view.ScrollY < y) {
		t.Errorf("a tap above the thumb left ScrollY at %v (was %v)", tv.nav.view.ScrollY, y)
	}
	// A drag in the lanes pans time and leaves the scroll bar alone.
	before := tv.nav.view
	p := fyne.NewPos(500, 300)
	tv.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p}, Dragged: fyne.Delta{DX: 80}})
	tv.DragEnd()
	if !(tv.nav.view.Start < before.Start) {
		t.Errorf("a drag in the lanes did not pan: %v → %v", before, tv.nav.view)
	}
	// With room for every lane there is no scroll bar.
	tv.win(t, 1400, 4000)
	tv.Refresh()
	if scrollbarOf(tv).shown || tv.rend.scrollThumb.Visible() {
		t.Error("a scroll bar although every lane fits")
	}
}

// TestEmptyLaneIsOnlyItsHeader: a lane with nothing in the time shown takes
// no more room than its header.
func TestEmptyLaneIsOnlyItsHeader(t *testing.T) {
	tv, _ := seedTimeline(t)
	tv.Nav().ShowRange(when.DayOf(2022, 12, 1), when.DayOf(2023, 1, 31))
	tv.ensureLayout()
	empty := 0
	for _, b := range tv.lay.Lanes {
		if b.Count == 0 {
			empty++
			if b.Height != tv.met.opt.LaneHeaderHeight {
				t.Errorf("empty lane %q is %v high, want its header's %v", b.Title, b.Height, tv.met.opt.LaneHeaderHeight)
			}
		}
	}
	if empty == 0 {
		t.Fatal("no lane is empty in two months of winter 2022–23; pick another range")
	}
}
