package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hindsight-app/hindsight/data"
	"github.com/hindsight-app/hindsight/internal/store"
)

// countEvents counts the events `events list` prints.
func countEvents(t *testing.T, db string) int {
	t.Helper()
	var events []json.RawMessage
	if err := json.Unmarshal([]byte(mustCtl(t, db, "events", "list", "--json")), &events); err != nil {
		t.Fatal(err)
	}
	return len(events)
}

// `dev generate` builds a new file whole (seed and generated records, with
// nothing to undo) and adds to an existing one as an undoable change.
func TestDevGenerateBuildsANewFileAndAddsToAnOldOne(t *testing.T) {
	seed, err := data.Load()
	if err != nil {
		t.Fatal(err)
	}
	db := tempDB(t)
	mustCtl(t, db, "dev", "generate", "--events", "1500", "--predictions", "20")
	if n := countEvents(t, db); n != len(seed.Events)+1500 {
		t.Fatalf("%d events in the new file, want %d", n, len(seed.Events)+1500)
	}
	if hasUndo(t, db) {
		t.Fatal("a freshly generated file has something to undo")
	}
	mustCtl(t, db, "dev", "generate", "--events", "700", "--seed", "2")
	if n := countEvents(t, db); n != len(seed.Events)+2200 {
		t.Fatalf("%d events after adding to the file, want %d", n, len(seed.Events)+2200)
	}
	if !hasUndo(t, db) {
		t.Fatal("adding to an existing file left nothing to undo")
	}
}

// hasUndo reports whether db's history has a change to undo.
func hasUndo(t *testing.T, db string) bool {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, ok, err := st.History().NextUndo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ok
}
