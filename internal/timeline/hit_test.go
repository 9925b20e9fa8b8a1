package timeline

import "testing"

func TestHitTest(t *testing.T) {
	day := DaysFromCivil(2023, 5, 1)
	var items []Item
	items = append(items, Item{ID: 1, Start: day + 2, End: day + 2, Label: "Point"})
	items = append(items, Item{ID: 2, Start: day + 10, End: day + 14, Label: "Span", Fuzzy: true})
	for i := range 10 {
		items = append(items, Item{ID: int64(100 + i), Lane: 1, Start: day + 20, End: day + 20, Label: "same day"})
	}
	lanes := []Lane{{Title: "A"}, {Title: "B", Collapsed: true}}
	ix := NewIndex(items, lanes)
	v := Viewport{Start: float64(day), End: float64(day + 30), Width: 900, Height: 400}
	lay := ix.Layout(v, DefaultOptions(fixedMeasure))
	marks := map[int64]Mark{}
	for _, m := range lay.Marks {
		marks[m.ID] = m
	}
	p, s := marks[1], marks[2]
	if p.Label == "" || s.X2-s.X1 < 50 || !s.Fuzzy {
		t.Fatalf("fixture: %+v %+v", p, s)
	}
	cases := []struct {
		x, y    float32
		id      int64
		cluster bool
		hit     bool
	}{
		{p.X1, p.Y, 1, false, true},
		{p.Left, p.Y + 5, 1, false, true},
		{p.LabelX + p.LabelWidth - 1, p.Y, 1, false, true},
		{p.LabelX + p.LabelWidth + 3, p.Y, 0, false, false},
		{(s.X1 + s.X2) / 2, s.Y, 2, false, true},
		{p.X1, p.Y - lay.rowHeight, 0, false, false}, // the lane header
		{5, 399, 0, false, false},
	}
	if len(lay.Clusters) != 1 {
		t.Fatalf("clusters %+v", lay.Clusters)
	}
	c := lay.Clusters[0]
	cases = append(cases, struct {
		x, y    float32
		id      int64
		cluster bool
		hit     bool
	}{c.X + c.Width/2, c.Y, c.Representative, true, true})
	for _, tc := range cases {
		h, ok := lay.HitTest(tc.x, tc.y)
		if ok != tc.hit || (ok && (h.ID != tc.id || h.IsCluster != tc.cluster)) {
			t.Errorf("HitTest(%v,%v) = %+v %v, want id %d cluster %v hit %v", tc.x, tc.y, h, ok, tc.id, tc.cluster, tc.hit)
		}
		if ok && tc.cluster && (h.Cluster != 0 || h.Lane != 1) {
			t.Errorf("cluster hit %+v", h)
		}
		if ok && !tc.cluster && h.Cluster != -1 {
			t.Errorf("mark hit with cluster index %d", h.Cluster)
		}
	}
	if c.Count != 10 || c.Representative != 100 {
		t.Errorf("cluster %+v", c)
	}
}

func TestLaneAt(t *testing.T) {
	ix := NewIndex(nil, []Lane{{Key: "a"}, {Key: "b"}})
	lay := ix.Layout(Viewport{Start: 0, End: 10, Width: 100, Height: 500}, DefaultOptions(nil))
	b := lay.Lanes[1]
	if got, ok := lay.LaneAt(b.Y + 1); !ok || got.Key != "b" {
		t.Errorf("LaneAt header of b = %+v %v", got, ok)
	}
	if _, ok := lay.LaneAt(b.Y - 1); ok {
		t.Error("the gap between lanes is no lane")
	}
	if _, ok := lay.LaneAt(-1); ok {
		t.Error("above the lanes")
	}
}
