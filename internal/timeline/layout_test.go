package timeline

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

const eps = 1e-3

// visibleCounts counts, straight from the items, those whose marker reaches
// into the view: a point whose centre is within half a marker of it, a span
// overlapping the view widened by half a marker.
func visibleCounts(items []Item, nLanes int, v Viewport, opt Options) ([]int, map[int64]bool) {
	a := v.Day(-opt.MarkerSize / 2)
	b := v.Day(v.Width + opt.MarkerSize/2)
	counts := make([]int, nLanes)
	ids := map[int64]bool{}
	for _, it := range items {
		var vis bool
		if it.End == it.Start {
			c := float64(it.Start) + 0.5
			vis = c >= a && c <= b
		} else {
			vis = float64(it.Start) <= b && float64(it.End+1) >= a
		}
		if vis {
			counts[it.Lane]++
			ids[it.ID] = true
		}
	}
	return counts, ids
}

type box struct {
	left, right float32
	what        string
	mark        *Mark
}

// checkLayout verifies the promises of a layout of the whole content
// (the viewport must be tall enough to show every lane).
func checkLayout(t *testing.T, items []Item, lanes []Lane, v Viewport, opt Options, lay *Layout) {
	t.Helper()
	opt = opt.normalized()
	counts, visible := visibleCounts(items, len(lanes), v, opt)
	byID := map[int64]Item{}
	for _, it := range items {
		byID[it.ID] = it
	}
	if len(lay.Lanes) != len(lanes) {
		t.Fatalf("%d lane boxes for %d lanes", len(lay.Lanes), len(lanes))
	}
	boxes := map[int]LaneBox{}
	for _, b := range lay.Lanes {
		boxes[b.Lane] = b
		if b.Count != counts[b.Lane] {
			t.Errorf("lane %d: Count %d, want %d", b.Lane, b.Count, counts[b.Lane])
		}
	}
	shown := make([]int, len(lanes))
	seen := map[int64]bool{}
	rows := map[[2]int][]box{}
	half := opt.MarkerSize / 2
	inRow := func(lane, row int, y float32, what string) {
		b := boxes[lane]
		maxRows := opt.MaxRows
		if b.Collapsed {
			maxRows = 1
		}
		if row < 0 || row >= maxRows || row >= b.Rows {
			t.Errorf("%s in row %d of lane %d with %d rows", what, row, lane, b.Rows)
		}
		if want := b.Y + opt.LaneHeaderHeight + (float32(row)+0.5)*opt.RowHeight; y != want {
			t.Errorf("%s at y %v, want %v", what, y, want)
		}
	}
	for i := range lay.Marks {
		m := &lay.Marks[i]
		it, ok := byID[m.ID]
		what := fmt.Sprintf("mark %d %q", m.ID, m.Label)
		switch {
		case !ok || !visible[m.ID]:
			t.Errorf("%s is not a visible item", what)
			continue
		case seen[m.ID]:
			t.Errorf("%s drawn twice", what)
		}
		seen[m.ID] = true
		shown[m.Lane]++
		if m.Lane != it.Lane || m.Kind != it.Kind || m.State != it.State || m.Fuzzy != it.Fuzzy || m.LinkTo != it.LinkTo {
			t.Errorf("%s does not carry its item's fields", what)
		}
		inRow(m.Lane, m.Row, m.Y, what)
		if m.Left > m.X1+eps || m.Right < m.X2-eps || m.X1 > m.X2 || m.Right-m.Left < opt.MarkerSize-eps {
			t.Errorf("%s: marker %v..%v does not cover %v..%v", what, m.Left, m.Right, m.X1, m.X2)
		}
		if (it.Start == it.End) != (m.X1 == m.X2) {
			t.Errorf("%s: point/span shape wrong", what)
		}
		if m.Right < -half-eps || m.Left > v.Width+half+eps || m.X1 < -opt.MarkerSize-eps || m.X2 > v.Width+opt.MarkerSize+eps {
			t.Errorf("%s: %v..%v outside the view", what, m.Left, m.Right)
		}
		right := m.Right
		if m.Label != "" {
			right = max(right, m.LabelX+m.LabelWidth)
			if m.LabelX+m.LabelWidth > v.Width+eps || m.LabelX < -eps {
				t.Errorf("%s: label %v+%v outside the view", what, m.LabelX, m.LabelWidth)
			}
		}
		if boxes[m.Lane].Collapsed && m.Label != "" {
			t.Errorf("%s: label in a collapsed lane", what)
		}
		key := [2]int{m.Lane, m.Row}
		rows[key] = append(rows[key], box{m.Left, right, what, m})
	}
	for i := range lay.Clusters {
		c := &lay.Clusters[i]
		what := fmt.Sprintf("cluster %d×%d", i, c.Count)
		if c.Count < 2 {
			t.Errorf("%s has fewer than two items", what)
		}
		if c.Start > c.End {
			t.Errorf("%s: Start %d after End %d", what, c.Start, c.End)
		}
		if rep, ok := byID[c.Representative]; !ok || rep.Lane != c.Lane || !visible[rep.ID] {
			t.Errorf("%s: representative %d is not a visible item of its lane", what, c.Representative)
		}
		if c.X+c.Width < -half-eps || c.X > v.Width+half+eps || c.Width <= 0 {
			t.Errorf("%s: %v+%v outside the view", what, c.X, c.Width)
		}
		inRow(c.Lane, c.Row, c.Y, what)
		shown[c.Lane] += c.Count
		key := [2]int{c.Lane, c.Row}
		rows[key] = append(rows[key], box{c.X, c.X + c.Width, what, nil})
	}
	for l := range lanes {
		if shown[l] != counts[l] {
			t.Errorf("lane %d: %d items drawn or counted in clusters, want %d", l, shown[l], counts[l])
		}
	}
	for key, bs := range rows {
		slices.SortFunc(bs, func(a, b box) int {
			if a.left < b.left {
				return -1
			}
			if a.left > b.left {
				return 1
			}
			return 0
		})
		for i := range bs {
			room := v.Width
			if i+1 < len(bs) {
				next := bs[i+1]
				room = min(room, next.left-opt.LabelGap)
				if bs[i].right+opt.LabelGap > next.left+eps {
					t.Errorf("lane %d row %d: %s (..%v) overlaps %s (%v..)", key[0], key[1], bs[i].what, bs[i].right, next.what, next.left)
				}
			}
			m := bs[i].mark
			if m == nil || opt.Measure == nil || boxes[m.Lane].Collapsed {
				continue
			}
			if m.Left == m.X1 && m.X2-m.X1 >= opt.MarkerSize && m.X2 < opt.MarkerSize {
				// A bar barely reaching into the view from the left.
				if m.Label != "" {
					t.Errorf("%s: label on a bar outside the view", bs[i].what)
				}
				continue
			}
			checkLabel(t, byID[m.ID].Label, m, room-m.LabelX, opt.Measure)
		}
	}
}

// checkLabel verifies that a label is the full text when it fits and
// otherwise a prefix with an ellipsis whose measured width fits the room.
func checkLabel(t *testing.T, full string, m *Mark, room float32, measure Measure) {
	t.Helper()
	if m.Label == full {
		if full != "" && m.LabelWidth != measure(full) {
			t.Errorf("label %q width %v, measures %v", full, m.LabelWidth, measure(full))
		}
		if full != "" && m.LabelWidth > room+eps {
			t.Errorf("label %q (%v px) overflows its room %v", full, m.LabelWidth, room)
		}
		return
	}
	if m.Label != "" {
		prefix, ok := strings.CutSuffix(m.Label, Ellipsis)
		if !ok || !strings.HasPrefix(full, prefix) || prefix == "" {
			t.Errorf("shortened label %q of %q", m.Label, full)
		}
		if w := measure(m.Label); w != m.LabelWidth || w > room+eps {
			t.Errorf("label %q measures %v (reported %v), room %v", m.Label, w, m.LabelWidth, room)
		}
	}
	if measure(full) <= room-eps {
		t.Errorf("label %q shortened to %q although %v px fit in %v", full, m.Label, measure(full), room)
	}
}

func propertyViews(ix *Index, width float32) map[string]Viewport {
	first, last, _ := ix.Extent()
	base := Viewport{Width: width, Height: 1e7}
	all := base.Fit(first, last)
	mid := float64(DaysFromCivil(2023, 3, 10))
	views := map[string]Viewport{"all": all}
	for name, span := range map[string]float64{"2y": 730, "quarter": 91, "month": 31, "week": 7, "day": 1} {
		views[name] = Viewport{Start: mid - span/2, End: mid + span/2, Width: width, Height: 1e7}
	}
	return views
}

func TestLayoutProperties(t *testing.T) {
	measures := map[string]Measure{"fixed": fixedMeasure, "kerned": kernedMeasure, "none": nil}
	for _, seed := range []uint64{1, 2, 3} {
		items, lanes := synthData(3000, seed)
		rng := rand.New(rand.NewPCG(seed, 99))
		for l := range lanes {
			lanes[l].Collapsed = rng.IntN(5) == 0
		}
		ix := NewIndex(items, lanes)
		for _, width := range []float32{1400, 480} {
			for vname, v := range propertyViews(ix, width) {
				for mname, m := range measures {
					for _, rows := range []int{1, 3, 6} {
						opt := DefaultOptions(m)
						opt.MaxRows = rows
						name := fmt.Sprintf("seed%d/%v/%s/%s/rows%d", seed, width, vname, mname, rows)
						t.Run(name, func(t *testing.T) {
							lay := ix.Layout(v, opt)
							checkLayout(t, items, lanes, v, opt, &lay)
						})
					}
				}
			}
		}
	}
}

// Random positions and zooms over data with awkward shapes: long spans
// crossing the view, negative days, many items on the same day.
func TestLayoutPropertiesRandomViews(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	var items []Item
	lanes := make([]Lane, 4)
	for i := range 1500 {
		start := rng.Int64N(4000) - 500
		it := Item{ID: int64(i + 1), Lane: rng.IntN(4), Start: start, End: start, Label: strings.Repeat("x", 1+rng.IntN(30))}
		switch rng.IntN(6) {
		case 0:
			it.End = start + rng.Int64N(3000)
		case 1:
			it.Start, it.End = 1000, 1000
		case 2:
			it.End = start + 1
		}
		items = append(items, it)
	}
	ix := NewIndex(items, lanes)
	var dst Layout
	for i := range 300 {
		span := []float64{1, 3, 20, 200, 2000, 9000}[rng.IntN(6)]
		start := rng.Float64()*5000 - 1000
		v := Viewport{Start: start, End: start + span, Width: float32(200 + rng.IntN(1400)), Height: 1e7}
		opt := DefaultOptions(fixedMeasure)
		opt.MaxRows = 1 + rng.IntN(8)
		ix.LayoutInto(&dst, v, opt)
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkLayout(t, items, lanes, v, opt, &dst) })
	}
}

func TestLayoutReuseMatchesFresh(t *testing.T) {
	items, lanes := synthData(2000, 5)
	ix := NewIndex(items, lanes)
	opt := DefaultOptions(fixedMeasure)
	var reused Layout
	for _, v := range propertyViews(ix, 1000) {
		ix.LayoutInto(&reused, v, opt)
		fresh := ix.Layout(v, opt)
		if !slices.Equal(reused.Marks, fresh.Marks) || !slices.Equal(reused.Clusters, fresh.Clusters) ||
			!slices.Equal(reused.Lanes, fresh.Lanes) || !slices.Equal(reused.Ticks, fresh.Ticks) ||
			!slices.Equal(reused.Links, fresh.Links) || reused.ContentHeight != fresh.ContentHeight {
			t.Fatal("a reused Layout differs from a fresh one")
		}
	}
}

func TestLayoutVerticalScroll(t *testing.T) {
	items, lanes := synthData(3000, 11)
	ix := NewIndex(items, lanes)
	opt := DefaultOptions(fixedMeasure)
	v := propertyViews(ix, 1400)["month"]
	full := ix.Layout(v, opt)
	if full.ContentHeight <= 0 {
		t.Fatal("no content height")
	}
	var sum float32
	for i, b := range full.Lanes {
		sum += b.Height
		if i > 0 {
			sum += opt.LaneGap
			if prev := full.Lanes[i-1]; b.Y != prev.Y+prev.Height+opt.LaneGap {
				t.Errorf("lane %d at %v, want %v", b.Lane, b.Y, prev.Y+prev.Height+opt.LaneGap)
			}
		}
		if want := opt.LaneHeaderHeight + float32(b.Rows)*opt.RowHeight; b.Height != want {
			t.Errorf("lane %d height %v, want %v", b.Lane, b.Height, want)
		}
	}
	if sum != full.ContentHeight {
		t.Errorf("ContentHeight %v, lanes add up to %v", full.ContentHeight, sum)
	}
	v.Height, v.ScrollY = 150, 200
	part := ix.Layout(v, opt)
	if part.ContentHeight != full.ContentHeight {
		t.Errorf("ContentHeight changed with scrolling: %v", part.ContentHeight)
	}
	if len(part.Lanes) == 0 || len(part.Lanes) >= len(full.Lanes) {
		t.Fatalf("%d of %d lanes visible in a 150 px window", len(part.Lanes), len(full.Lanes))
	}
	for _, b := range part.Lanes {
		if b.Y >= v.Height || b.Y+b.Height <= 0 {
			t.Errorf("lane %d at %v..%v is outside the window", b.Lane, b.Y, b.Y+b.Height)
		}
	}
	h := opt.RowHeight / 2
	for _, m := range part.Marks {
		if m.Y+h <= 0 || m.Y-h >= v.Height {
			t.Errorf("mark %d at y %v is outside the window", m.ID, m.Y)
		}
	}
	for _, c := range part.Clusters {
		if c.Y+h <= 0 || c.Y-h >= v.Height {
			t.Errorf("cluster at y %v is outside the window", c.Y)
		}
	}
	// Every mark of the window is one of the full layout, moved up.
	want := map[int64]float32{}
	for _, m := range full.Marks {
		want[m.ID] = m.Y - v.ScrollY
	}
	for _, m := range part.Marks {
		if y, ok := want[m.ID]; !ok || y != m.Y {
			t.Errorf("mark %d at %v, want %v (present %v)", m.ID, m.Y, y, ok)
		}
	}
}

func TestLayoutCollapsedLane(t *testing.T) {
	day := DaysFromCivil(2023, 3, 1)
	var items []Item
	for i := range 40 {
		items = append(items, Item{ID: int64(i + 1), Lane: i % 2, Start: day + int64(i/4), End: day + int64(i/4), Label: "Something happened"})
	}
	lanes := []Lane{{Key: "a", Title: "A"}, {Key: "b", Title: "B", Collapsed: true}}
	ix := NewIndex(items, lanes)
	v := Viewport{Start: float64(day) - 1, End: float64(day) + 12, Width: 800, Height: 1000}
	lay, opt := checkedLayout(t, ix, items, lanes, v)
	a, b := lay.Lanes[0], lay.Lanes[1]
	if a.Rows < 2 || b.Rows != 1 || !b.Collapsed || b.Title != "B" || b.Key != "b" {
		t.Fatalf("lanes %+v %+v", a, b)
	}
	if b.Height != opt.LaneHeaderHeight+opt.RowHeight {
		t.Errorf("collapsed height %v", b.Height)
	}
	labels := 0
	for _, m := range lay.Marks {
		if m.Lane == 1 && m.Label != "" {
			t.Errorf("collapsed lane shows label %q", m.Label)
		}
		if m.Lane == 0 && m.Label != "" {
			labels++
		}
	}
	if labels == 0 {
		t.Error("expanded lane shows no labels")
	}
	// Expanding it again needs no new Index.
	ix.SetCollapsed(1, false)
	if lay2 := ix.Layout(v, opt); lay2.Lanes[1].Rows < 2 || lay2.Lanes[1].Collapsed {
		t.Errorf("expanded lane %+v", lay2.Lanes[1])
	}
}

func TestLayoutLinks(t *testing.T) {
	day := DaysFromCivil(2023, 1, 1)
	items := []Item{
		{ID: 1, Lane: 0, Start: day + 40, End: day + 40, Label: "GPT-4 released"},
		{ID: 2, Lane: 1, Start: day, End: day + 30, Kind: KindPrediction, State: 2, Label: "GPT-4 by March", LinkTo: 1},
		{ID: 3, Lane: 1, Start: day + 5, End: day + 20, Kind: KindPrediction, Label: "Out of view target", LinkTo: 4},
		{ID: 4, Lane: 0, Start: day + 400, End: day + 400, Label: "Far away"},
		{ID: 5, Lane: 1, Start: day + 50, End: day + 60, Kind: KindPrediction, Label: "Missing target", LinkTo: 999},
	}
	lanes := []Lane{{Title: "Events"}, {Title: "Predictions"}}
	ix := NewIndex(items, lanes)
	v := Viewport{Start: float64(day) - 5, End: float64(day) + 90, Width: 1200, Height: 600}
	opt := DefaultOptions(fixedMeasure)
	lay := ix.Layout(v, opt)
	if len(lay.Links) != 1 {
		t.Fatalf("links %+v", lay.Links)
	}
	marks := map[int64]Mark{}
	for _, m := range lay.Marks {
		marks[m.ID] = m
	}
	l, from, to := lay.Links[0], marks[2], marks[1]
	if l.FromID != 2 || l.ToID != 1 || l.X1 != from.X2 || l.Y1 != from.Y || l.X2 != to.X1 || l.Y2 != to.Y {
		t.Errorf("link %+v between %+v and %+v", l, from, to)
	}
	if from.Kind != KindPrediction || from.State != 2 {
		t.Errorf("prediction fields lost: %+v", from)
	}
	// Scrolled so that the event lane is above the window: no link.
	v.ScrollY = lay.Lanes[1].Y
	v.Height = lay.Lanes[1].Height
	if lay2 := ix.Layout(v, opt); len(lay2.Links) != 0 {
		t.Errorf("link to an undrawn mark: %+v", lay2.Links)
	}
}

func TestLayoutEmpty(t *testing.T) {
	v := Viewport{Start: 19000, End: 19400, Width: 1000, Height: 500}
	opt := DefaultOptions(fixedMeasure)
	ix := NewIndex(nil, nil)
	if ix.Len() != 0 {
		t.Fatal("empty index has items")
	}
	if _, _, ok := ix.Extent(); ok {
		t.Error("empty index has an extent")
	}
	lay := ix.Layout(v, opt)
	if len(lay.Lanes)+len(lay.Marks)+len(lay.Clusters)+len(lay.Links) != 0 || lay.ContentHeight != 0 {
		t.Errorf("empty index laid out as %+v", lay)
	}
	if len(lay.Ticks) == 0 {
		t.Error("the axis needs ticks even without items")
	}
	withLanes := NewIndex(nil, []Lane{{Title: "A"}, {Title: "B"}})
	lay = withLanes.Layout(v, opt)
	// An empty lane shrinks to its header.
	if len(lay.Lanes) != 2 || lay.Lanes[0].Rows != 0 || lay.Lanes[1].Count != 0 || lay.Lanes[0].Height != opt.LaneHeaderHeight {
		t.Errorf("empty lanes: %+v", lay.Lanes)
	}
	if want := 2*opt.LaneHeaderHeight + opt.LaneGap; lay.ContentHeight != want {
		t.Errorf("ContentHeight %v, want %v", lay.ContentHeight, want)
	}
	if bad := withLanes.Layout(Viewport{}, opt); len(bad.Lanes)+len(bad.Ticks) != 0 {
		t.Error("an unusable viewport should lay out nothing")
	}
}

func TestLayoutOneItem(t *testing.T) {
	day := DaysFromCivil(2024, 5, 13)
	items := []Item{{ID: 7, Start: day, End: day, Label: "Launch"}}
	ix := NewIndex(items, []Lane{{Title: "Only"}})
	first, last, ok := ix.Extent()
	if !ok || first != day || last != day {
		t.Fatalf("extent %d..%d %v", first, last, ok)
	}
	v := Viewport{Width: 900, Height: 300}.Fit(first, last)
	lay := ix.Layout(v, DefaultOptions(fixedMeasure))
	if len(lay.Marks) != 1 || len(lay.Clusters) != 0 {
		t.Fatalf("marks %+v clusters %+v", lay.Marks, lay.Clusters)
	}
	m := lay.Marks[0]
	if m.ID != 7 || m.Label != "Launch" || m.LabelWidth != fixedMeasure("Launch") {
		t.Errorf("mark %+v", m)
	}
	if want := v.X(float64(day) + 0.5); m.X1 != want || m.X2 != want {
		t.Errorf("point at %v, want the middle of its day %v", m.X1, want)
	}
	if m.LabelX != m.Right+DefaultOptions(nil).LabelGap {
		t.Errorf("label at %v, marker ends at %v", m.LabelX, m.Right)
	}
}

func TestLayoutAllOnOneDay(t *testing.T) {
	day := DaysFromCivil(2023, 11, 17)
	for _, n := range []int{5, 40, 2000} {
		var items []Item
		for i := range n {
			items = append(items, Item{ID: int64(i + 1), Start: day, End: day, Label: fmt.Sprintf("Item %d", i)})
		}
		lanes := []Lane{{Title: "Busy"}}
		ix := NewIndex(items, lanes)
		opt := DefaultOptions(fixedMeasure)
		for _, span := range []float64{1, 30, 3650} {
			v := Viewport{Width: 1000, Height: 1e6}.CenterOn(float64(day) + 0.5)
			v = v.Zoom(v.Span()/span, 500)
			lay := ix.Layout(v, opt)
			checkLayout(t, items, lanes, v, opt, &lay)
			if n > opt.MaxRows && len(lay.Clusters) == 0 {
				t.Errorf("%d items on one day, %v days: no cluster", n, span)
			}
			if len(lay.Marks) > opt.MaxRows {
				t.Errorf("%d items on one day: %d marks in %d rows", n, len(lay.Marks), opt.MaxRows)
			}
		}
	}
}

func TestLayoutOutputBounded(t *testing.T) {
	items, lanes := synthData(100000, 3)
	ix := NewIndex(items, lanes)
	opt := DefaultOptions(fixedMeasure)
	for name, v := range propertyViews(ix, 1400) {
		lay := ix.Layout(v, opt)
		perRow := int(v.Width/opt.MinClusterSpacing) + 3
		if got, bound := len(lay.Marks)+len(lay.Clusters), len(lanes)*opt.MaxRows*perRow; got > bound {
			t.Errorf("%s: %d marks and clusters, bound %d", name, got, bound)
		}
		if name == "all" {
			// Zoomed out, every lane is dense: a row of clusters each.
			if got := len(lay.Marks) + len(lay.Clusters); got > len(lanes)*perRow {
				t.Errorf("all: %d entries for %d lanes of %d slots", got, len(lanes), perRow)
			}
		}
	}
}

func TestOptionsNormalized(t *testing.T) {
	o := Options{LaneGap: -3, MaxRows: -1}.normalized()
	d := DefaultOptions(nil)
	if o.RowHeight != d.RowHeight || o.MarkerSize != d.MarkerSize || o.MinClusterSpacing != d.MinClusterSpacing ||
		o.MaxRows != d.MaxRows || o.LaneGap != 0 || o.MinTickSpacing != d.MinTickSpacing {
		t.Errorf("normalized %+v", o)
	}
	keep := Options{RowHeight: 30, MarkerSize: 8, MinClusterSpacing: 50, MinTickSpacing: 90, MaxRows: 2, LaneGap: 1}
	if got := keep.normalized(); got.RowHeight != 30 || got.MarkerSize != 8 || got.MaxRows != 2 || got.LaneGap != 1 {
		t.Errorf("valid options changed: %+v", got)
	}
}

// TestBadgeRoomBeforePredictionLabels: a prediction's label starts after
// the room kept for its state mark, an event's does not, and packing keeps
// the mark clear of the next item in the row.
func TestBadgeRoomBeforePredictionLabels(t *testing.T) {
	items := []Item{
		{ID: 1, Lane: 0, Start: 100, End: 100, Kind: KindPrediction, Label: "forecast"},
		{ID: 2, Lane: 1, Start: 100, End: 100, Kind: KindEvent, Label: "event"},
	}
	lanes := []Lane{{Key: "p", Title: "P"}, {Key: "e", Title: "E"}}
	measure := func(s string) float32 { return float32(len(s)) * 7 }
	plain, badged := DefaultOptions(measure), DefaultOptions(measure)
	badged.BadgeWidth = 14
	v := Viewport{Start: 90, End: 130, Width: 800, Height: 400}
	a := NewIndex(items, lanes).Layout(v, plain)
	b := NewIndex(items, lanes).Layout(v, badged)
	pa, pb := markOf(t, &a, 1), markOf(t, &b, 1)
	if pb.LabelX-pa.LabelX != 14 || pb.Label != "forecast" {
		t.Errorf("prediction label at %v (plain %v), %q; want 14 px further", pb.LabelX, pa.LabelX, pb.Label)
	}
	if ea, eb := markOf(t, &a, 2), markOf(t, &b, 2); ea.LabelX != eb.LabelX {
		t.Errorf("an event's label moved: %v → %v", ea.LabelX, eb.LabelX)
	}
	// A prediction with three marks (state, kind, retrospective) keeps
	// room for all three.
	items[0].Badges = 3
	c := NewIndex(items, lanes).Layout(v, badged)
	if pc := markOf(t, &c, 1); pc.LabelX-pa.LabelX != 42 || pc.Badges != 3 {
		t.Errorf("three marks: label at %v (plain %v), badges %d; want 42 px further", pc.LabelX, pa.LabelX, pc.Badges)
	}
}

func markOf(t *testing.T, l *Layout, id int64) Mark {
	t.Helper()
	for _, m := range l.Marks {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("no mark %d in %+v", id, l.Marks)
	return Mark{}
}
