package pgstore_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/when"
)

// next waits up to a second for a change.
func next(t *testing.T, changes <-chan pgstore.Change, what string) pgstore.Change {
	t.Helper()
	select {
	case c, ok := <-changes:
		if !ok {
			t.Fatalf("%s: the watch ended", what)
		}
		return c
	case <-time.After(time.Second):
		t.Fatalf("%s: no change seen within 1 s", what)
	}
	panic("unreachable")
}

// TestAnEditInOneStoreIsSeenByAnotherWithinASecond: two clients of one
// server; every add, edit and delete one makes reaches the other's watch
// within a second, naming the event, and the other then reads the edit.
func TestAnEditInOneStoreIsSeenByAnotherWithinASecond(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	writer, reader := openTwo(t)
	changes := reader.Watch(ctx)

	e, err := writer.AddEvent(ctx, model.Event{Title: "GPT-4", Date: when.MustParse("2023-03-14"), Category: model.CategoryModel})
	if err != nil {
		t.Fatal(err)
	}
	if c := next(t, changes, "an add"); c.Table != "events" || c.Op != "insert" || !slices.Equal(c.IDs, []int64{e.ID}) {
		t.Fatalf("an add was seen as %+v", c)
	}
	e.Title = "GPT-4, edited elsewhere"
	if _, err := writer.UpdateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	if c := next(t, changes, "an edit"); c.Op != "update" || !slices.Equal(c.IDs, []int64{e.ID}) {
		t.Fatalf("an edit was seen as %+v", c)
	}
	if got, err := reader.Event(ctx, e.ID); err != nil || got.Title != "GPT-4, edited elsewhere" {
		t.Fatalf("the other client reads %q, %v", got.Title, err)
	}
	if err := writer.DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if c := next(t, changes, "a delete"); c.Op != "delete" || !slices.Equal(c.IDs, []int64{e.ID}) {
		t.Fatalf("a delete was seen as %+v", c)
	}
	// A bulk save too large to list says so: re-read the table.
	if _, err := writer.Bulk().AddEvents(ctx, synth.New(1).Events(500)); err != nil {
		t.Fatal(err)
	}
	if c := next(t, changes, "a bulk save"); c.Op != "insert" || c.IDs != nil {
		t.Fatalf("a bulk save of 500 was seen as %+v (want no ids)", c)
	}
	// A refused write announces nothing.
	if _, err := writer.AddEvent(ctx, model.Event{Title: ""}); err == nil {
		t.Fatal("an empty title was saved")
	}
	select {
	case c := <-changes:
		t.Fatalf("a refused write was announced: %+v", c)
	case <-time.After(200 * time.Millisecond):
	}
	cancel()
	for range changes {
	}
}

// TestWatchReconnectsAndSaysChangesMayBeMissed: when the listening
// connection is cut, the watch connects again, says changes may have
// been missed, and goes on reporting.
func TestWatchReconnectsAndSaysChangesMayBeMissed(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, dsn := open(t)
	changes := s.Watch(ctx)
	db := mustParse(t, dsn).Path[1:]
	if err := pgtest.Shared(t).Exec(ctx, "postgres",
		"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'", db); err != nil {
		t.Fatal(err)
	}
	if c := next(t, changes, "a cut connection"); !c.Missed {
		t.Fatalf("after the connection was cut: %+v, want Missed", c)
	}
	e, err := s.AddEvent(ctx, model.Event{Title: "after", Date: when.MustParse("2024"), Category: model.CategoryOther})
	if err != nil {
		t.Fatal(err)
	}
	if c := next(t, changes, "an add after reconnecting"); !slices.Equal(c.IDs, []int64{e.ID}) {
		t.Fatalf("after reconnecting an add was seen as %+v", c)
	}
}
