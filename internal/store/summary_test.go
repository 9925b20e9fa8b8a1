package store

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/when"
)

// checkBuckets compares the kept counts with a count of the events as they
// are now.
func checkBuckets(t *testing.T, s *Store, when string) {
	t.Helper()
	for _, dim := range []string{DimActor, DimCategory} {
		col := "trim(actor)"
		if dim == DimCategory {
			col = "category"
		}
		want := map[string]int{}
		rows, err := s.db.Query(fmt.Sprintf("SELECT %s, earliest >> %d, count(*) FROM events GROUP BY 1, 2", col, BucketShift))
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var lane string
			var b int64
			var n int
			if err := rows.Scan(&lane, &b, &n); err != nil {
				t.Fatal(err)
			}
			want[fmt.Sprint(lane, "/", b)] = n
		}
		rows.Close()
		got, err := s.Summary().Buckets(ctx, dim, filter.Filter{}, -1<<30, 1<<30)
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]int{}
		for _, b := range got {
			have[fmt.Sprint(b.Lane, "/", b.Bucket)] = b.N
		}
		if len(have) != len(want) {
			t.Errorf("%s, %s: %d buckets kept, %d counted", when, dim, len(have), len(want))
		}
		for k, n := range want {
			if have[k] != n {
				t.Errorf("%s, %s: bucket %s keeps %d, counted %d", when, dim, k, have[k], n)
				return
			}
		}
	}
}

// TestBucketsFollowEveryWrite: the timeline's counts stay equal to a count
// of the events through adds, edits, deletes, an import, bulk saves, and
// undo and redo of each.
func TestBucketsFollowEveryWrite(t *testing.T) {
	s := openTemp(t)
	checkBuckets(t, s, "new file")
	e := mustEvent(t, s, "first", "2024-03-14")
	e2 := mustEvent(t, s, "second", "2024-03")
	checkBuckets(t, s, "two adds")
	e.Actor, e.Category, e.Date = "OpenAI", model.CategoryProduct, when.MustParse("2019-01-01")
	if _, err := s.UpdateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	checkBuckets(t, s, "an edit of actor, category and date")
	if err := s.DeleteEvent(ctx, e2.ID); err != nil {
		t.Fatal(err)
	}
	checkBuckets(t, s, "a delete")
	g := synth.New(3)
	if _, err := s.Bulk().Import(ctx, g.Events(2000), nil, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	checkBuckets(t, s, "an import")
	if _, err := s.Bulk().AddEvents(ctx, g.Events(500)); err != nil {
		t.Fatal(err)
	}
	checkBuckets(t, s, "a bulk save")
	for i := 0; i < 4; i++ {
		if _, err := s.History().Undo(ctx); err != nil {
			t.Fatal(err)
		}
		checkBuckets(t, s, fmt.Sprintf("undo %d", i+1))
	}
	for i := 0; i < 4; i++ {
		if _, err := s.History().Redo(ctx); err != nil {
			t.Fatal(err)
		}
		checkBuckets(t, s, fmt.Sprintf("redo %d", i+1))
	}
}

// laneOf is the lane of e under dim as the timeline draws it.
func laneOf(e model.Event, dim string) string {
	switch dim {
	case DimCategory:
		return string(e.Category)
	case DimTag:
		if len(e.Tags) == 0 {
			return ""
		}
		return slices.Min(e.Tags)
	}
	return strings.TrimSpace(e.Actor)
}

// TestLanesAndBucketsCountWhatTheFilterKeeps: for every dimension, with
// and without a filter, the lanes and the bucket counts of a window equal
// a count of the events Filter.Apply keeps; the rows of some lanes are
// the events of those lanes.
func TestLanesAndBucketsCountWhatTheFilterKeeps(t *testing.T) {
	s := openTemp(t)
	g := synth.New(5)
	events := g.Events(3000)
	events[0].Actor, events[0].Tags = "", nil
	if _, err := s.Bulk().AddEvents(ctx, events); err != nil {
		t.Fatal(err)
	}
	all, err := s.Events(ctx, EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	filters := map[string]filter.Filter{
		"none":     {},
		"category": {Categories: []model.Category{model.CategoryModel, model.CategoryPolicy}},
		"tag":      {Tags: []string{all[7].Tags[0]}},
		"actor":    {Actors: []string{strings.ToUpper(all[3].Actor)}},
		// Parts of a filter for predictions only leave the events whole.
		"states": {States: []model.State{model.StateOpen}, Kinds: []model.Kind{model.KindForecast}},
	}
	from, to := all[len(all)/3].Earliest(), all[2*len(all)/3].Earliest()
	lo, hi := int64(from)>>BucketShift, int64(to)>>BucketShift
	for fname, f := range filters {
		keptEvents, _ := f.Apply(all, nil)
		for _, dim := range []string{DimActor, DimCategory, DimTag} {
			name := fname + "/" + dim
			wantLanes := map[string]int{}
			wantBuckets := map[string]int{}
			for _, e := range keptEvents {
				wantLanes[laneOf(e, dim)]++
				if b := int64(e.Earliest()) >> BucketShift; b >= lo && b <= hi {
					wantBuckets[fmt.Sprint(laneOf(e, dim), "/", b)]++
				}
			}
			lanes, err := s.Summary().Lanes(ctx, dim, f)
			if err != nil {
				t.Fatal(name, err)
			}
			gotLanes := map[string]int{}
			for i, l := range lanes {
				gotLanes[l.Lane] = l.N
				if i > 0 && cmp.Compare(lanes[i-1].N, l.N) < 0 {
					t.Errorf("%s: lanes not busiest first: %v", name, lanes)
				}
			}
			if fmt.Sprint(gotLanes) != fmt.Sprint(wantLanes) {
				t.Errorf("%s: lanes %v, want %v", name, gotLanes, wantLanes)
			}
			buckets, err := s.Summary().Buckets(ctx, dim, f, from, to)
			if err != nil {
				t.Fatal(name, err)
			}
			gotBuckets := map[string]int{}
			for _, b := range buckets {
				gotBuckets[fmt.Sprint(b.Lane, "/", b.Bucket)] = b.N
			}
			if fmt.Sprint(gotBuckets) != fmt.Sprint(wantBuckets) {
				t.Errorf("%s: buckets differ from a count (%d kept, %d counted)", name, len(gotBuckets), len(wantBuckets))
			}
			if len(lanes) < 2 {
				continue
			}
			some := []string{lanes[0].Lane, lanes[len(lanes)-1].Lane}
			rows, err := s.Events(ctx, EventQuery{Filter: f, Brief: true, Lanes: &LaneSet{Dim: dim, Keys: some}})
			if err != nil {
				t.Fatal(name, err)
			}
			want := 0
			for _, e := range keptEvents {
				if slices.Contains(some, laneOf(e, dim)) {
					want++
				}
			}
			for _, e := range rows {
				if !slices.Contains(some, laneOf(e, dim)) {
					t.Errorf("%s: row %d in lane %q, asked for %q", name, e.ID, laneOf(e, dim), some)
				}
			}
			if len(rows) != want {
				t.Errorf("%s: %d rows in lanes %q, want %d", name, len(rows), some, want)
			}
		}
	}
}
