package pgstore_test

import (
	"context"
	"errors"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
)

// TestAStaleSaveIsRefused: two people open the same event; the first save
// wins and bumps the version, the second is refused with ErrChanged and
// overwrites nothing, and succeeds once it carries the new version.
func TestAStaleSaveIsRefused(t *testing.T) {
	ctx := context.Background()
	s, other := openTwo(t)
	e := add(t, s.AddEvent, gpt4)
	mine, v1, err := s.Versioned().Event(ctx, e.ID)
	if err != nil || v1 != 1 {
		t.Fatalf("a new event is at version %d (%v), want 1", v1, err)
	}
	theirs, tv, err := other.Versioned().Event(ctx, e.ID)
	if err != nil || tv != v1 {
		t.Fatal(tv, err)
	}
	theirs.Title = "GPT-4 (their edit)"
	if _, v2, err := other.Versioned().UpdateEvent(ctx, theirs, tv); err != nil || v2 != 2 {
		t.Fatalf("their save: version %d, %v", v2, err)
	}
	mine.Title = "GPT-4 (my edit)"
	_, _, err = s.Versioned().UpdateEvent(ctx, mine, v1)
	if !errors.Is(err, pgstore.ErrChanged) {
		t.Fatalf("a save over their later save gave %v; want ErrChanged", err)
	}
	now, v, err := s.Versioned().Event(ctx, e.ID)
	if err != nil || now.Title != "GPT-4 (their edit)" || v != 2 {
		t.Fatalf("after the refused save: %q at version %d (%v); want their edit at 2", now.Title, v, err)
	}
	saved, v3, err := s.Versioned().UpdateEvent(ctx, mine, v)
	if err != nil || v3 != 3 || saved.Title != "GPT-4 (my edit)" {
		t.Fatalf("a save at the current version: %q at %d, %v", saved.Title, v3, err)
	}
	// An unconditional save bumps the version too.
	if _, err := other.UpdateEvent(ctx, saved); err != nil {
		t.Fatal(err)
	}
	if _, v, _ := s.Versioned().Event(ctx, e.ID); v != 4 {
		t.Fatalf("after an unconditional save the version is %d, want 4", v)
	}
	checkSaveOfDeleted(t, other.DeleteEvent, e.ID, s.Versioned().UpdateEvent, saved, 4)
}

// TestAViewerReadsAndIsRefusedWrites: a role granted only reads opens the
// database, reads it, is told it cannot write, and every write is refused
// with ErrReadOnly (also store.ErrReadOnly), leaving the events as they
// were.
func TestAViewerReadsAndIsRefusedWrites(t *testing.T) {
	ctx := context.Background()
	s, dsn := open(t)
	e := add(t, s.AddEvent, gpt4)
	viewer := openViewer(t, dsn)
	if ok, err := viewer.CanWrite(ctx); ok || err != nil {
		t.Fatalf("a viewer can write: %v, %v", ok, err)
	}
	if ok, err := s.CanWrite(ctx); !ok || err != nil {
		t.Fatalf("the owner cannot write: %v, %v", ok, err)
	}
	if got, err := viewer.Event(ctx, e.ID); err != nil || got.Title != "GPT-4" {
		t.Fatalf("a viewer reads %+v, %v", got, err)
	}
	changed := e
	changed.Title = "changed by a viewer"
	writes := map[string]error{}
	_, writes["add"] = viewer.AddEvent(ctx, changed)
	_, writes["bulk add"] = viewer.Bulk().AddEvents(ctx, []model.Event{changed})
	_, writes["update"] = viewer.UpdateEvent(ctx, changed)
	writes["delete"] = viewer.DeleteEvent(ctx, e.ID)
	checkReadOnly(t, writes)
	if got, err := s.Event(ctx, e.ID); err != nil || got.Title != "GPT-4" {
		t.Fatalf("after a viewer's writes: %+v, %v", got, err)
	}
}

// checkReadOnly checks that each of a viewer's writes (by what it was)
// was refused with ErrReadOnly, which is also store.ErrReadOnly.
func checkReadOnly(t *testing.T, writes map[string]error) {
	t.Helper()
	for what, err := range writes {
		if !errors.Is(err, pgstore.ErrReadOnly) || !errors.Is(err, store.ErrReadOnly) {
			t.Errorf("a viewer's %s gave %v; want ErrReadOnly", what, err)
		}
	}
}

// openViewer opens the database at dsn as a role with read-only grants
// (made once per server), closed when the test ends.
func openViewer(t *testing.T, dsn string) *pgstore.Store {
	t.Helper()
	ctx := context.Background()
	srv := pgtest.Shared(t)
	db := mustParse(t, dsn).Path[1:]
	ensureRole(t, srv, "viewer", "look-only")
	if err := srv.Exec(ctx, db, "GRANT USAGE ON SCHEMA public TO viewer; GRANT SELECT ON ALL TABLES IN SCHEMA public TO viewer"); err != nil {
		t.Fatal(err)
	}
	viewer, err := pgstore.Open(ctx, srv.URL(db, "viewer", "look-only"))
	if err != nil {
		t.Fatalf("a viewer cannot open the database: %v", err)
	}
	t.Cleanup(viewer.Close)
	return viewer
}
