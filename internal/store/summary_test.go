package store

import (
	"fmt"
	"testing"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/store/storetest/fixture"
	"github.com/hindsight-app/hindsight/internal/synth"
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
	fixture.WriteEventsEachWay(t, s, func(after string) { checkBuckets(t, s, after) })
	g := synth.New(3)
	if _, err := s.Bulk().Import(ctx, g.Events(2000), nil, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	checkBuckets(t, s, "an import")
	if _, err := s.Bulk().AddEvents(ctx, g.Events(500)); err != nil {
		t.Fatal(err)
	}
	checkBuckets(t, s, "a bulk save")
	// Back to before the edit of actor, category and date, and forward.
	for i := 0; i < 5; i++ {
		if _, err := s.History().Undo(ctx); err != nil {
			t.Fatal(err)
		}
		checkBuckets(t, s, fmt.Sprintf("undo %d", i+1))
	}
	for i := 0; i < 5; i++ {
		if _, err := s.History().Redo(ctx); err != nil {
			t.Fatal(err)
		}
		checkBuckets(t, s, fmt.Sprintf("redo %d", i+1))
	}
}
