package app

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/storetest"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/when"
)

// TestTimelineReadsRowsOrCounts: for any window, every event that begins
// in it is either read as a row or counted in its lane's buckets, never
// both; the rows stay within the limits; and a quiet window is read
// whole, row by row.
func TestTimelineReadsRowsOrCounts(t *testing.T) {
	s := openSession(t)
	events := synth.New(11).Events(30_000)
	if _, err := s.st.AddEvents(ctx, events); err != nil {
		t.Fatal(err)
	}
	all, err := s.st.Events(ctx, store.EventQuery{Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	windows := []struct{ from, to when.Day }{
		{when.DayOf(2000, 1, 1), when.DayOf(2030, 12, 31)}, // everything: the busy lanes as counts
		{when.DayOf(2023, 1, 1), when.DayOf(2023, 12, 31)},
		{when.DayOf(2024, 3, 1), when.DayOf(2024, 3, 10)}, // a few days: every row
	}
	for _, dim := range []string{store.DimActor, store.DimCategory, store.DimTag} {
		for _, f := range []filter.Filter{{}, {Categories: []model.Category{model.CategoryModel, model.CategoryFunding}}} {
			for _, w := range windows {
				d, err := s.Reads().Timeline(ctx, TimelineRequest{From: w.from, To: w.to, Dim: dim, Filter: f})
				if err != nil {
					t.Fatal(err)
				}
				if len(d.Events) > WindowRowLimit {
					t.Errorf("%s %v: %d rows, over the limit", dim, w, len(d.Events))
				}
				rows := map[int64]bool{}
				rowLanes := map[string]int{}
				for _, e := range d.Events {
					rows[e.ID] = true
					rowLanes[storetest.LaneOf(e, dim)]++
				}
				counted := map[string]int{}
				for _, b := range d.Buckets {
					if _, both := rowLanes[b.Lane]; both {
						t.Fatalf("%s %v: lane %q is both read and counted", dim, w, b.Lane)
					}
					counted[b.Lane] += b.N
				}
				wantCounted := map[string]int{}
				for _, e := range all {
					if !f.MatchEvent(e) {
						if rows[e.ID] {
							t.Fatalf("%s %v: %q is read but the filter hides it", dim, w, e.Title)
						}
						continue
					}
					begins := e.Earliest() >= w.from>>store.BucketShift<<store.BucketShift && e.Earliest() <= (w.to>>store.BucketShift+1)<<store.BucketShift-1
					overlaps := e.Earliest() <= w.to && e.Latest() >= w.from
					lane := storetest.LaneOf(e, dim)
					if _, read := rowLanes[lane]; read || counted[lane] == 0 {
						if overlaps && !rows[e.ID] && rowLanes[lane] > 0 {
							t.Fatalf("%s %v: %q overlaps the window in a lane read row by row, but is not read", dim, w, e.Title)
						}
						continue
					}
					if begins {
						wantCounted[lane]++
					}
				}
				for lane, n := range wantCounted {
					if counted[lane] != n {
						t.Errorf("%s %v: lane %q counted %d, want %d", dim, w, lane, counted[lane], n)
					}
				}
				if w.to-w.from < 30 && len(d.Buckets) > 0 {
					t.Errorf("%s %v: a quiet window has counts: %v", dim, w, d.Buckets[:min(3, len(d.Buckets))])
				}
				// Every lane of the filtered events, busiest first.
				if len(d.Lanes) == 0 || !slices.IsSortedFunc(d.Lanes, func(a, b store.LaneCount) int { return b.N - a.N }) {
					t.Errorf("%s: lanes %v", dim, d.Lanes[:min(5, len(d.Lanes))])
				}
			}
		}
	}
}

func TestChooseRowLanesKeepsToTheLimits(t *testing.T) {
	lanes := []store.LaneCount{{Lane: "busy", N: 3 * LaneRowLimit}, {Lane: "mid", N: 900}, {Lane: "quiet", N: 3}, {Lane: "empty", N: 1}}
	counts := []store.Bucket{{Lane: "busy", N: LaneRowLimit + 1}, {Lane: "mid", N: 900}, {Lane: "quiet", N: 3}}
	got := chooseRowLanes(lanes, counts, LaneRowLimit)
	if !slices.Equal(got, []string{"empty", "mid", "quiet"}) {
		t.Errorf("row lanes %v: want the lanes under the limit, and the lane with nothing beginning here", got)
	}
	// Lanes are taken quietest first until the window's limit.
	var many []store.LaneCount
	var full []store.Bucket
	for i := range 10 {
		lane := fmt.Sprintf("lane %d", i)
		many = append(many, store.LaneCount{Lane: lane, N: LaneRowLimit})
		full = append(full, store.Bucket{Lane: lane, N: LaneRowLimit - i})
	}
	got = chooseRowLanes(many, full, LaneRowLimit)
	total := 0
	for _, b := range full {
		if slices.Contains(got, b.Lane) {
			total += b.N
		}
	}
	if total > WindowRowLimit || len(got) == 0 || slices.Contains(got, "lane 0") {
		t.Errorf("row lanes %v hold %d rows: want the quietest, within %d", got, total, WindowRowLimit)
	}
	// Wider windows read fewer rows a lane.
	for days, want := range map[when.Day]int{32: LaneRowLimit, 64: LaneRowLimit / 2, 128: MinLaneRowLimit, 5000: MinLaneRowLimit} {
		if got := laneRowLimit(days); got != want {
			t.Errorf("a window of %d days reads lanes of up to %d rows, want %d", days, got, want)
		}
	}
}
