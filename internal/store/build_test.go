package store

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hindsight-app/hindsight/data"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/synth"
)

// schemaOf lists a file's tables, indexes and triggers with their SQL.
func schemaOf(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.db.Query("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY type, name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		out = append(out, line)
	}
	return out
}

// A built file holds what was given, indexed, counted and searchable like
// a file written record by record, and with the same schema.
func TestBuildMakesAFileLikeOneWrittenRecordByRecord(t *testing.T) {
	dir := t.TempDir()
	seed, err := data.Load()
	if err != nil {
		t.Fatal(err)
	}
	g := synth.New(7)
	events := append(g.Events(3000), g.Events(2000)...)
	preds := g.Predictions(40)
	path := filepath.Join(dir, "built.db")
	err = Build(ctx, path, seed, func(b *Builder) error {
		var seen []int
		b.OnAdded(func(events, _ int) { seen = append(seen, events) })
		if err := b.AddEvents(slices.Clone(events[:3000])); err != nil {
			return err
		}
		if err := b.AddEvents(slices.Clone(events[3000:])); err != nil {
			return err
		}
		if !slices.Equal(seen, []int{3000, 5000}) {
			t.Errorf("progress %v, want [3000 5000]", seen)
		}
		return b.AddPredictions(preds)
	})
	if err != nil {
		t.Fatal(err)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, "*.building-*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o644 {
		t.Fatalf("built file: %v, %v", info, err)
	}

	built := openPath(t, path)
	verdict, err := built.Check(ctx)
	if err != nil || verdict != "ok" {
		t.Fatalf("integrity %q, %v", verdict, err)
	}
	var mode string
	if err := built.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode %q, %v; want wal", mode, err)
	}

	written := openSeeded(t, filepath.Join(dir, "written.db"))
	if _, err := written.Bulk().AddEvents(ctx, slices.Clone(events)); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(schemaOf(t, built), schemaOf(t, written)) {
		t.Errorf("schemas differ:\nbuilt   %q\nwritten %q", schemaOf(t, built), schemaOf(t, written))
	}

	n, err := built.Summary().CountEvents(ctx, filter.Filter{})
	if err != nil || n != len(seed.Events)+len(events) {
		t.Errorf("%d events, %v; want %d", n, err, len(seed.Events)+len(events))
	}
	checkBuckets(t, built, "after a build")
	for _, q := range []string{events[4321].Title, "董事会"} {
		got, err := built.Events(ctx, EventQuery{Search: q, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		want, err := written.Events(ctx, EventQuery{Search: q, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || len(got) != len(want) {
			t.Errorf("search %q: %d found in the built file, %d in the written one", q, len(got), len(want))
		}
	}
	window := &Window{From: events[10].Earliest(), To: events[10].Latest()}
	inWindow, err := built.Events(ctx, EventQuery{Window: window, Brief: true})
	if err != nil || !slices.ContainsFunc(inWindow, func(e model.Event) bool { return e.Title == events[10].Title }) {
		t.Errorf("window read: %d events, %v; want %q among them", len(inWindow), err, events[10].Title)
	}
	gotPreds, err := built.Predictions(ctx, PredictionQuery{})
	if err != nil || len(gotPreds) != len(seed.Predictions)+len(preds) {
		t.Errorf("%d predictions, %v; want %d", len(gotPreds), err, len(seed.Predictions)+len(preds))
	}
	// What a build adds is where the file starts, like its seed.
	if _, ok, err := built.History().NextUndo(ctx); err != nil || ok {
		t.Errorf("a built file has something to undo (%v, %v)", ok, err)
	}
	// The file takes ordinary writes afterwards, indexed by the triggers.
	added := mustEvent(t, built, "Written after the build", "2031-05-06")
	found, err := built.Events(ctx, EventQuery{Search: "after the build"})
	if err != nil || len(found) != 1 || found[0].ID != added.ID {
		t.Errorf("search after a later write: %v, %v", found, err)
	}
	checkBuckets(t, built, "after a later write")
}

func TestBuildRefusesAnExistingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "there.db")
	if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	called := false
	err := Build(ctx, path, nil, func(*Builder) error { called = true; return nil })
	if err == nil || called {
		t.Fatalf("Build over an existing file: err %v, fill called %v", err, called)
	}
	if got, _ := os.ReadFile(path); string(got) != "mine" {
		t.Errorf("the existing file was changed to %q", got)
	}
}

// A build that fails makes no file: not half of one, not a leftover.
func TestFailedBuildLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.db")
	bad := errors.New("the generator broke")
	err := Build(ctx, path, nil, func(b *Builder) error {
		if err := b.AddEvents(synth.New(1).Events(100)); err != nil {
			return err
		}
		return bad
	})
	if !errors.Is(err, bad) {
		t.Fatalf("err %v, want %v", err, bad)
	}
	invalid := Build(ctx, path, nil, func(b *Builder) error {
		return b.AddEvents([]model.Event{{Title: "no date"}})
	})
	if invalid == nil {
		t.Fatal("an invalid event was built into a file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("files left after failed builds: %v", entries)
	}
}
