package timeline

import (
	"math/rand/v2"
	"testing"
)

func TestNewIndexSortsAndCopies(t *testing.T) {
	items := []Item{
		{ID: 1, Lane: 1, Start: 30, End: 30},
		{ID: 2, Lane: 0, Start: 20, End: 25},
		{ID: 3, Lane: 1, Start: 10, End: 40},
		{ID: 4, Lane: 0, Start: 20, End: 20},
		{ID: 5, Lane: 0, Start: 5, End: 3}, // End before Start: a point
		{ID: 6, Lane: -1, Start: 1, End: 1},
		{ID: 7, Lane: 3, Start: 50, End: 50},
	}
	ix := NewIndex(items, []Lane{{Key: "a"}, {Key: "b"}})
	items[0].Start = 999 // the Index must not share the caller's slice
	if ix.Len() != 6 {
		t.Fatalf("Len %d, want 6 (negative lane dropped)", ix.Len())
	}
	if ix.LaneCount() != 4 || ix.Lane(0).Key != "a" || ix.Lane(3).Key != "" {
		t.Errorf("lanes %d: %+v", ix.LaneCount(), ix.lanes)
	}
	var order []int64
	for _, it := range ix.items {
		order = append(order, it.ID)
	}
	// Lane 0: point on day 5, span from day 20 (half day 40) before the point
	// on day 20 (41); lane 1: span from 10, point on 30; lane 3.
	want := []int64{5, 2, 4, 3, 1, 7}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("order %v, want %v", order, want)
		}
	}
	if it, ok := ix.Item(5); !ok || it.End != 5 {
		t.Errorf("item 5 = %+v, End should be raised to Start", it)
	}
	if it, ok := ix.Item(1); !ok || it.Start != 30 {
		t.Errorf("item 1 = %+v %v", it, ok)
	}
	if _, ok := ix.Item(6); ok {
		t.Error("an item of a negative lane was kept")
	}
	if _, ok := ix.Item(42); ok {
		t.Error("found a missing ID")
	}
	if first, last, ok := ix.Extent(); !ok || first != 5 || last != 50 {
		t.Errorf("extent %d..%d %v", first, last, ok)
	}
	ix.SetCollapsed(1, true)
	ix.SetCollapsed(99, true) // ignored
	if !ix.Lane(1).Collapsed || ix.Lane(0).Collapsed {
		t.Error("SetCollapsed")
	}
}

func TestHalfDays(t *testing.T) {
	for _, c := range []struct {
		start, end, lo, hi int64
	}{
		{10, 10, 21, 21},
		{10, 11, 20, 24},
		{-3, -3, -5, -5},
		{-3, 0, -6, 2},
	} {
		lo, hi := halfDays(c.start, c.end)
		if lo != c.lo || hi != c.hi {
			t.Errorf("halfDays(%d,%d) = %d,%d want %d,%d", c.start, c.end, lo, hi, c.lo, c.hi)
		}
		if endFromHalf(hi) != c.end {
			t.Errorf("endFromHalf(%d) = %d, want %d", hi, endFromHalf(hi), c.end)
		}
	}
}

// window must agree with a scan of the items for any window.
func TestIndexWindowMatchesScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var items []Item
	for i := range 2000 {
		s := rng.Int64N(1000) - 200
		e := s
		if rng.IntN(3) == 0 {
			e += rng.Int64N(300)
		}
		items = append(items, Item{ID: int64(i), Lane: rng.IntN(3), Start: s, End: e})
	}
	ix := NewIndex(items, nil)
	for range 500 {
		a2 := rng.Int64N(2600) - 600
		b2 := a2 + rng.Int64N(400)
		for l := range 3 {
			base, lo, hi, count := ix.window(l, a2, b2)
			want, starting := 0, 0
			for _, it := range items {
				if it.Lane != l {
					continue
				}
				ilo, ihi := halfDays(it.Start, it.End)
				if ilo <= b2 && ihi >= a2 {
					want++
					if ilo >= a2 {
						starting++
					}
				}
			}
			if count != want || hi-lo != starting || base != ix.laneOff[l] {
				t.Fatalf("window(%d,%d,%d) = count %d, starting %d; want %d, %d", l, a2, b2, count, hi-lo, want, starting)
			}
		}
	}
}

func TestLowerBound(t *testing.T) {
	s := []int64{1, 3, 3, 5}
	for x, want := range map[int64]int{0: 0, 1: 0, 2: 1, 3: 1, 4: 3, 5: 3, 6: 4} {
		if got := lowerBound(s, x); got != want {
			t.Errorf("lowerBound(%d) = %d, want %d", x, got, want)
		}
	}
	if lowerBound(nil, 3) != 0 {
		t.Error("lowerBound(nil)")
	}
}
