package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/internal/dbfile"
	sqlschema "github.com/hindsight-app/hindsight/internal/store/schema"
	"github.com/hindsight-app/hindsight/internal/when"
)

var ctx = context.Background()

// openTemp opens a new, empty (unseeded) database in a temporary folder.
func openTemp(t testing.TB) *Store {
	t.Helper()
	return openPath(t, filepath.Join(t.TempDir(), "test.db"))
}

// openPath opens the database at path, new or not, until the test ends.
func openPath(t testing.TB, path string) *Store {
	t.Helper()
	return openedWith(t, Open, path)
}

// openSeeded opens a new database holding the seed timeline, as the app
// makes on its first run, at path, until the test ends.
func openSeeded(t testing.TB, path string) *Store {
	t.Helper()
	return openedWith(t, OpenSeeded, path)
}

// openedWith opens the database at path with open, until the test ends.
func openedWith(t testing.TB, open func(path string) (*Store, error), path string) *Store {
	t.Helper()
	s, err := open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustEvent(t testing.TB, s *Store, title, date string) model.Event {
	t.Helper()
	e, err := s.AddEvent(ctx, model.Event{Title: title, Date: when.MustParse(date), Category: model.CategoryModel})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestOpenCreatesVersionedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "h.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Created() {
		t.Error("a new file should report Created")
	}
	v, err := s.SchemaVersion()
	if err != nil || v != LatestSchemaVersion() {
		t.Errorf("schema version = %d, %v; want %d", v, err, LatestSchemaVersion())
	}
	var appID int
	if err := s.db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil || appID != sqlschema.ApplicationID {
		t.Errorf("application_id = %x, %v", appID, err)
	}
	var mode string
	if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	var fk int
	if err := s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d, %v; want 1", fk, err)
	}
	var pageSize int
	if err := s.db.QueryRow("PRAGMA page_size").Scan(&pageSize); err != nil || pageSize != dbfile.NewPageSize {
		t.Errorf("page_size = %d, %v; want %d", pageSize, err, dbfile.NewPageSize)
	}
	s.Close()

	again := openPath(t, path)
	if again.Created() {
		t.Error("reopening an existing file should not report Created")
	}
}

func TestOpenRefusesForeignFilesAndLeavesThemAlone(t *testing.T) {
	dir := t.TempDir()
	cases := map[string][]byte{
		"text.db":      []byte("these are my notes, not a database\n"),
		"random.db":    bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 2048),
		"truncated.db": []byte("SQLite format 3\x00\x10\x00"),
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, content, 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatal("opening a file that is not a Hindsight database should fail")
			}
			var oe *OpenError
			if !errors.As(err, &oe) || oe.Path != path {
				t.Errorf("error should be an OpenError naming the file, got %v", err)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(after, content) {
				t.Error("the file was changed")
			}
		})
	}
}

// reopenTampered makes a new database, lets tamper write to it behind the
// store's back (fill, then run pragma), closes it and opens it again. It
// returns whether the file came out of that opening unchanged, and its
// error.
func reopenTampered(t *testing.T, fill func(*Store), pragma string) (bool, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tampered.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	fill(s)
	if _, err := s.db.Exec(pragma); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, _ := os.ReadFile(path)
	_, err = Open(path)
	after, _ := os.ReadFile(path)
	return bytes.Equal(before, after), err
}

func TestOpenRefusesAnotherProgramsDatabase(t *testing.T) {
	// Make it look like a database Hindsight did not write.
	_, err := reopenTampered(t, func(*Store) {}, "PRAGMA application_id = 12345")
	if !errors.Is(err, ErrNotHindsight) {
		t.Fatalf("got %v, want ErrNotHindsight", err)
	}
}

func TestOpenRefusesNewerSchemaUnchanged(t *testing.T) {
	unchanged, err := reopenTampered(t, func(s *Store) { mustEvent(t, s, "Kept", "2023") }, "PRAGMA user_version = 99")
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("got %v, want ErrNewerSchema", err)
	}
	if !unchanged {
		t.Error("a newer file must not be changed")
	}
}

func TestOpenSeededFillsOnlyANewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seeded.db")
	s, err := OpenSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := s.Summary().CountEvents(ctx, filter.Filter{})
	if n < 31 {
		t.Fatalf("seeded %d events, want at least 31", n)
	}
	events, _ := s.Events(ctx, EventQuery{})
	for _, e := range events {
		if err := s.DeleteEvent(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	s, err = OpenSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.Summary().CountEvents(ctx, filter.Filter{}); n != 0 {
		t.Errorf("a user's emptied database was re-seeded with %d events", n)
	}
}

func TestSeedFacts(t *testing.T) {
	s := openSeeded(t, filepath.Join(t.TempDir(), "seeded.db"))
	gpt4, err := s.Events(ctx, EventQuery{Search: "releases GPT-4"})
	if err != nil || len(gpt4) == 0 {
		t.Fatalf("GPT-4 release not found: %v", err)
	}
	if got := gpt4[0].Date.String(); got != "2023-03-14" {
		t.Errorf("GPT-4 release date = %s, want 2023-03-14", got)
	}
	preds, err := s.Predictions(ctx, PredictionQuery{Search: "OpenAI", State: model.StateTrue})
	if err != nil {
		t.Fatal(err)
	}
	var conflict *model.Prediction
	for i := range preds {
		if preds[i].Made.String() == "2023-02" {
			conflict = &preds[i]
		}
	}
	if conflict == nil {
		t.Fatal("the February 2023 forecast of OpenAI's internal conflict is missing or not resolved true")
	}
	if conflict.SourceZh == "" || conflict.DisplaySource("zh") != conflict.SourceZh || conflict.DisplaySource("en") != conflict.Source {
		t.Errorf("the seed's source should have a Chinese name for the Chinese interface: %q / %q", conflict.Source, conflict.SourceZh)
	}
	if conflict.Resolution.On.String() != "2023-11-17" {
		t.Errorf("resolved on %s, want 2023-11-17", conflict.Resolution.On)
	}
	found := false
	for _, ev := range conflict.Resolution.Evidence {
		e, err := s.Event(ctx, ev.EventID)
		if err == nil && ev.Role == model.RoleResolves && e.Date.String() == "2023-11-17" {
			found = true
		}
	}
	if !found {
		t.Error("the board's firing of Sam Altman should be the resolving evidence")
	}
}
