package dbfile

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
)

var ctx = context.Background()

// withMigrations swaps in a migration list for one test.
func withMigrations(t *testing.T, ms []migration) {
	saved := migrations
	migrations = ms
	t.Cleanup(func() { migrations = saved })
}

// openWithRow opens a new file at path holding one row of meta, and
// closes it again.
func openWithRow(t *testing.T, path, value string) {
	t.Helper()
	f, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	err = f.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES ('kept', ?)", value)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// keptRow reads back the row openWithRow wrote.
func keptRow(db *sql.DB) (string, error) {
	var value string
	err := db.QueryRow("SELECT value FROM meta WHERE key = 'kept'").Scan(&value)
	return value, err
}

func TestOpenMigratesOlderFileAfterBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	openWithRow(t, path, "survives the upgrade")

	from := LatestVersion()
	withMigrations(t, append(slices.Clip(migrations),
		migration{to: from + 1, sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"}))
	f, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.SchemaVersion(); v != from+1 {
		t.Errorf("version after upgrade = %d, want %d", v, from+1)
	}
	if _, err := f.DB.Exec("INSERT INTO notes (body) VALUES ('x')"); err != nil {
		t.Errorf("migration did not run: %v", err)
	}
	if v, err := keptRow(f.DB); err != nil || v != "survives the upgrade" {
		t.Errorf("row after upgrade: %q, %v", v, err)
	}
	// Read the copy without Open, which would upgrade it too.
	backup, err := sql.Open("sqlite3", fmt.Sprintf("file:%s.bak-v%d?mode=ro", path, from))
	if err != nil {
		t.Fatal(err)
	}
	defer backup.Close()
	var version int
	if err := backup.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != from {
		t.Errorf("backup version = %d, %v; want %d", version, err, from)
	}
	if v, err := keptRow(backup); err != nil || v != "survives the upgrade" {
		t.Errorf("backup holds %q, %v; want the row", v, err)
	}
}

func TestFailedMigrationLeavesFileAsItWas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	openWithRow(t, path, "still here")

	from := LatestVersion()
	real := slices.Clip(migrations)
	withMigrations(t, append(real, migration{to: from + 1, sql: "CREATE TABLE ok_table (x); THIS IS NOT SQL"}))
	if _, err := Open(path, Options{}); err == nil {
		t.Fatal("a failing migration should fail Open")
	}
	migrations = real
	f, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.SchemaVersion(); v != from {
		t.Errorf("version = %d after a failed upgrade, want %d", v, from)
	}
	var tables int
	f.DB.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'ok_table'").Scan(&tables)
	if tables != 0 {
		t.Error("part of a failed migration was kept")
	}
	if v, err := keptRow(f.DB); err != nil || v != "still here" {
		t.Errorf("row after a failed upgrade: %q, %v", v, err)
	}
}
