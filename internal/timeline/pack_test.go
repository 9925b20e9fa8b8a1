package timeline

import "testing"

const testGap = 6

// packFixture builds point entries at the given x positions, each with a
// label of the given width, over items on consecutive days.
func packFixture(xs []float32, labelW float32) ([]entry, []Item) {
	es := make([]entry, len(xs))
	items := make([]Item, len(xs))
	for i, x := range xs {
		items[i] = Item{ID: int64(i + 1), Start: int64(i), End: int64(i)}
		es[i] = pointEntry(i, x, labelW)
	}
	return es, items
}

func pointEntry(i int, x, labelW float32) entry {
	return entry{
		item: int32(i), rep: int32(i), count: 1,
		x1: x, x2: x, left: x - 5, right: x + 5,
		labelX: x + 5 + testGap, labelW: labelW, labelCap: noCap,
	}
}

func newTestPacker(rows int) *packer {
	var p packer
	p.reset(rows, testGap, 80, &clusterSizer{labels: newTestCache(0, fixedMeasure), measure: fixedMeasure, marker: 10})
	return &p
}

func TestPackFarApartShareARow(t *testing.T) {
	es, items := packFixture([]float32{10, 200, 400}, 100)
	p := newTestPacker(3)
	p.pack(es, items)
	for i, e := range es {
		if e.row != 0 || e.labelCap != noCap {
			t.Errorf("entry %d row %d cap %v", i, e.row, e.labelCap)
		}
	}
	if p.used() != 1 {
		t.Errorf("%d rows used", p.used())
	}
}

func TestPackLabelsPushToNextRow(t *testing.T) {
	es, items := packFixture([]float32{10, 60, 110, 300}, 100)
	p := newTestPacker(6)
	p.pack(es, items)
	want := []int32{0, 1, 2, 0}
	for i, e := range es {
		if e.row != want[i] {
			t.Errorf("entry %d in row %d, want %d", i, e.row, want[i])
		}
	}
	if p.used() != 3 {
		t.Errorf("%d rows used, want 3", p.used())
	}
}

func TestPackShortensLabelWhenRowsRunOut(t *testing.T) {
	es, items := packFixture([]float32{10, 60}, 100)
	p := newTestPacker(1)
	p.pack(es, items)
	if es[1].row != 0 {
		t.Fatalf("second entry in row %d", es[1].row)
	}
	if want := es[1].left - testGap - es[0].labelX; es[0].labelCap != want {
		t.Errorf("first label capped to %v, want %v", es[0].labelCap, want)
	}
	if es[0].extent()+testGap > es[1].left {
		t.Error("shortened label still overlaps")
	}
}

func TestPackShortensWhereMostTextSurvives(t *testing.T) {
	// Rows end with labels starting at 21 and at 71: an entry at 120 leaves
	// 88 px to the first and 38 px to the second, so it goes after the first.
	es, items := packFixture([]float32{10, 60, 120}, 300)
	p := newTestPacker(2)
	p.pack(es, items)
	if es[2].row != 0 {
		t.Errorf("third entry in row %d, want 0", es[2].row)
	}
	if es[0].labelCap != 88 || es[1].labelCap != noCap {
		t.Errorf("label caps %v and %v, want 88 and none", es[0].labelCap, es[1].labelCap)
	}
}

func TestPackAbsorbsWhenMarkersCollide(t *testing.T) {
	es, items := packFixture([]float32{100, 101, 102, 300}, 50)
	p := newTestPacker(1)
	p.pack(es, items)
	c := es[0]
	if c.item != -1 || c.count != 3 || c.row != 0 || c.labelW != 0 {
		t.Fatalf("cluster %+v", c)
	}
	if es[1].row != -1 || es[2].row != -1 {
		t.Error("absorbed entries still have rows")
	}
	if c.start != 0 || c.end != 2 || c.rep != 0 {
		t.Errorf("cluster covers %d..%d rep %d", c.start, c.end, c.rep)
	}
	if c.right-c.left < 17 { // "3" + marker
		t.Errorf("cluster %v..%v too narrow for its count", c.left, c.right)
	}
	if es[3].row != 0 || c.extent()+testGap > es[3].left {
		t.Error("the far entry should stay clear of the cluster")
	}
}

func TestPackAbsorbStaysBetweenNeighbours(t *testing.T) {
	// Row: [0] at 100 and [1] at 140 with no labels; then two more on top
	// of [1], whose cluster must not grow into [0].
	es, items := packFixture([]float32{100, 140, 140, 141}, 0)
	p := newTestPacker(1)
	p.pack(es, items)
	if es[1].count != 3 {
		t.Fatalf("cluster count %d", es[1].count)
	}
	if es[1].left < es[0].right+testGap {
		t.Errorf("cluster starts at %v, neighbour ends at %v", es[1].left, es[0].right)
	}
}

func TestPackWideSpansLast(t *testing.T) {
	items := []Item{{ID: 1, Start: 0, End: 60}, {ID: 2, Start: 10, End: 10}, {ID: 3, Start: 30, End: 30}}
	es := []entry{
		{item: 0, rep: 0, count: 1, x1: 0, x2: 1000, left: 0, right: 1000, labelX: 6, labelW: 50, labelCap: noCap},
		pointEntry(1, 200, 50),
		pointEntry(2, 600, 50),
	}
	p := newTestPacker(1)
	p.pack(es, items)
	if es[1].row != 0 || es[2].row != 0 || es[0].row != -1 {
		t.Fatalf("rows %d %d %d: the points should keep the row and the bar be absorbed", es[0].row, es[1].row, es[2].row)
	}
	cl, other := es[1], es[2]
	if cl.item != -1 {
		cl, other = other, cl
	}
	if cl.item != -1 || cl.count != 2 || other.item < 0 {
		t.Fatalf("want one cluster of two and one mark: %+v %+v", cl, other)
	}
	if cl.right-cl.left > 100 {
		t.Errorf("absorbing a bar stretched the cluster to %v..%v", cl.left, cl.right)
	}
	if cl.start != 0 || cl.end != 60 || items[cl.rep].ID != 1 {
		t.Errorf("cluster days %d..%d rep %d, want 0..60 represented by the bar", cl.start, cl.end, items[cl.rep].ID)
	}
}
