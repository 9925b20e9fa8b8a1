package timeline

import (
	"fmt"
	"testing"
)

func TestBucketDays(t *testing.T) {
	cases := []struct {
		ppd  float64
		min  float32
		want int64
	}{
		{1, 40, 64},
		{40, 40, 1},
		{100, 40, 1},
		{0.3, 40, 256},
		{1e-12, 40, maxBucketDays},
	}
	for _, c := range cases {
		if got := bucketDays(c.ppd, c.min); got != c.want {
			t.Errorf("bucketDays(%v, %v) = %d, want %d", c.ppd, c.min, got, c.want)
		}
	}
}

// denseLane returns one item a day for n days from 2020-01-01.
func denseLane(n int) ([]Item, []Lane) {
	first := DaysFromCivil(2020, 1, 1)
	items := make([]Item, n)
	for i := range items {
		d := first + int64(i)
		items[i] = Item{ID: int64(i + 1), Start: d, End: d, Label: fmt.Sprintf("Event number %d", i)}
	}
	return items, []Lane{{Title: "Dense"}}
}

// fitAll is a view width pixels wide, and tall enough for every lane,
// that shows all of ix.
func fitAll(ix *Index, width float32) Viewport {
	first, last, _ := ix.Extent()
	return Viewport{Width: width, Height: 1e6}.Fit(first, last)
}

// checkedLayout lays ix, indexed from items and lanes, out in v with the
// default options, and checks what every layout must keep (checkLayout).
func checkedLayout(t *testing.T, ix *Index, items []Item, lanes []Lane, v Viewport) (Layout, Options) {
	t.Helper()
	opt := DefaultOptions(fixedMeasure)
	lay := ix.Layout(v, opt)
	checkLayout(t, items, lanes, v, opt, &lay)
	return lay, opt
}

func TestClustersWhenZoomedOut(t *testing.T) {
	items, lanes := denseLane(400)
	ix := NewIndex(items, lanes)
	v := fitAll(ix, 1000)
	lay, opt := checkedLayout(t, ix, items, lanes, v)
	if len(lay.Clusters) == 0 {
		t.Fatal("a dense lane zoomed out shows no clusters")
	}
	sum := 0
	for _, c := range lay.Clusters {
		sum += c.Count
	}
	if sum+len(lay.Marks) != 400 || len(lay.Marks) > 1 {
		t.Errorf("clusters hold %d items and %d marks remain, want all 400 clustered", sum, len(lay.Marks))
	}
	bucket := bucketDays(v.PxPerDay(), opt.MinClusterSpacing)
	for _, c := range lay.Clusters {
		// A cluster of a bucket holds the items of one aligned bucket.
		if floorDiv(c.Start, bucket) != floorDiv(c.End, bucket) {
			t.Errorf("cluster %d..%d crosses a %d-day bucket boundary", c.Start, c.End, bucket)
		}
	}
}

func TestClustersSplitWhenZoomedIn(t *testing.T) {
	items, lanes := denseLane(400)
	v := Viewport{Width: 1000, Height: 1e6}.Fit(items[100].Start, items[113].Start)
	lay, _ := checkedLayout(t, NewIndex(items, lanes), items, lanes, v)
	if len(lay.Clusters) != 0 || len(lay.Marks) != lay.Lanes[0].Count {
		t.Errorf("two weeks of one item a day: %d marks, %d clusters for %d items", len(lay.Marks), len(lay.Clusters), lay.Lanes[0].Count)
	}
	for _, m := range lay.Marks {
		if m.Label == "" && m.X1 < v.Width-150 { // the edge leaves no room
			t.Errorf("mark %d has no label at this zoom", m.ID)
		}
	}
}

// Buckets are aligned to the calendar, not to the view, so panning keeps
// the clusters in the middle of the view unchanged.
func TestClustersStableWhilePanning(t *testing.T) {
	items, lanes := denseLane(3000)
	ix := NewIndex(items, lanes)
	opt := DefaultOptions(fixedMeasure)
	v := fitAll(ix, 1200)
	key := func(l Layout, v Viewport) map[[2]int64]int {
		m := map[[2]int64]int{}
		for _, c := range l.Clusters {
			if c.X > 200 && c.X+c.Width < v.Width-200 {
				m[[2]int64{c.Start, c.End}] = c.Count
			}
		}
		return m
	}
	a := key(ix.Layout(v, opt), v)
	p := v.Pan(-37)
	b := key(ix.Layout(p, opt), p)
	if len(a) == 0 {
		t.Fatal("no clusters in the middle")
	}
	common := 0
	for k, n := range a {
		if m, ok := b[k]; ok {
			common++
			if m != n {
				t.Errorf("cluster %v: %d items, %d after panning", k, n, m)
			}
		}
	}
	if common < len(a)/2 {
		t.Errorf("only %d of %d clusters survived a small pan", common, len(a))
	}
}

func TestClusterOfSpansFromBeforeTheView(t *testing.T) {
	first := DaysFromCivil(2020, 1, 1)
	var items []Item
	for i := range 200 {
		items = append(items, Item{ID: int64(i + 1), Start: first + int64(i), End: first + 1000, Label: "long"})
	}
	for i := range 200 {
		d := first + 500 + int64(i)
		items = append(items, Item{ID: int64(1000 + i), Start: d, End: d, Label: "point"})
	}
	lanes := []Lane{{}}
	v := Viewport{Start: float64(first + 400), End: float64(first + 700), Width: 800, Height: 1e6}
	lay, _ := checkedLayout(t, NewIndex(items, lanes), items, lanes, v)
	var edge *Cluster
	for i := range lay.Clusters {
		if lay.Clusters[i].X == 0 && lay.Clusters[i].Start == first {
			edge = &lay.Clusters[i]
		}
	}
	if edge == nil {
		t.Fatalf("no cluster at the left edge for the spans begun before the view: %+v", lay.Clusters)
	}
	if edge.Count != 200 || edge.End != first+1000 || edge.Representative != 1 {
		t.Errorf("edge cluster %+v", *edge)
	}
}

// summaryLane returns a lane of summaries: for each of n 32-day buckets
// from 2020-01-01, one item standing for weight records.
func summaryLane(n int, weight int32, lane int, firstID int64) []Item {
	first := DaysFromCivil(2020, 1, 1) &^ 31
	items := make([]Item, n)
	for i := range items {
		d := first + int64(i)*32
		items[i] = Item{ID: firstID - int64(i), Lane: lane, Start: d, End: d + 31, Weight: weight}
	}
	return items
}

func TestSummariesAreAlwaysClusters(t *testing.T) {
	summaries := summaryLane(40, 250, 0, -1)
	sparse := []Item{
		{ID: 1, Lane: 1, Start: DaysFromCivil(2020, 3, 1), End: DaysFromCivil(2020, 3, 1), Label: "One"},
		{ID: 2, Lane: 1, Start: DaysFromCivil(2021, 6, 1), End: DaysFromCivil(2021, 6, 1), Label: "Two"},
	}
	items := append(summaries, sparse...)
	lanes := []Lane{{Title: "Dense"}, {Title: "Sparse"}}
	ix := NewIndex(items, lanes)
	if got := ix.Records(); got != 40*250+2 {
		t.Errorf("Records = %d, want %d", got, 40*250+2)
	}
	opt := DefaultOptions(fixedMeasure)
	first, last, _ := ix.Extent()
	for _, span := range []float64{8000, float64(last - first), 365, 60, 10} {
		v := Viewport{Width: 1200, Height: 1e6, Start: float64(first), End: float64(first) + span}
		lay := ix.Layout(v, opt)
		var records int
		for _, c := range lay.Clusters {
			if c.Lane == 0 {
				records += c.Count
			}
		}
		for _, m := range lay.Marks {
			if m.Lane == 0 {
				t.Fatalf("span %v days: summary %d drawn as a mark", span, m.ID)
			}
		}
		want := 0
		for _, it := range summaries {
			if float64(it.End+1) > v.Start && float64(it.Start) < v.End {
				want += int(it.Weight)
			}
		}
		if records != want {
			t.Errorf("span %v days: clusters hold %d records, want %d", span, records, want)
		}
		for _, b := range lay.Lanes {
			if b.Lane == 0 && b.Count != want {
				t.Errorf("span %v days: lane count %d, want %d", span, b.Count, want)
			}
		}
		if span == float64(last-first) {
			marks := 0
			for _, m := range lay.Marks {
				if m.Lane == 1 {
					marks++
				}
			}
			if marks != 2 {
				t.Errorf("the sparse lane beside summaries shows %d marks, want its 2 events", marks)
			}
		}
	}
}
