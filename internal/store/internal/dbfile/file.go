// Package dbfile is the SQLite file under the store. It opens one,
// refusing a file that is not Hindsight's, is newer than this build or is
// damaged before anything is written to it; creates or upgrades its
// schema; and is the handle every read and write goes through: one write
// transaction at a time, with the driver's errors worded for people.
// Package store builds the records on top of it.
package dbfile

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/hindsight-app/hindsight/internal/store/dbpath"
)

// File is an open Hindsight database file.
type File struct {
	// DB reads the file; writes go through Write.
	DB      *sql.DB
	path    string
	created bool
	// checked is closed once the file has been checked for damage, with
	// checkErr saying what was found; every write waits for it, so none
	// can go into a damaged file (see Options.CheckLater).
	checked  chan struct{}
	checkErr error
	// startCheck, set when the check is left for later, starts it; the
	// first Checked calls it.
	startCheck func()
}

// Options tune Open.
type Options struct {
	// Fill, when set, fills a file this Open creates, in the transaction
	// that creates its schema, so a crash can never leave a new file half
	// made.
	Fill func(context.Context, *sql.Tx) error
	// CheckLater leaves the check of an existing file for damage to a
	// goroutine of its own, started by the first Checked (every write
	// calls it), so the caller can read meanwhile and choose when the
	// check takes its share of the machine; Checked says when it is done.
	CheckLater bool
}

// DSN builds the connection string. PRAGMAs are per connection, so they go
// in the DSN and every pooled connection gets them: WAL for crash safety
// and concurrent readers, foreign keys, a busy timeout for a second writer
// (the GUI and the CLI share the file), and BEGIN IMMEDIATE so a write
// transaction takes the lock up front instead of failing half-way.
func DSN(path string) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "5000")
	q.Set("_txlock", "immediate")
	q.Set("_synchronous", "NORMAL")
	return "file:" + escapePath(path) + "?" + q.Encode()
}

// escapePath keeps '?' and '#' in a file name from being read as the start
// of the DSN's query.
func escapePath(path string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return r.Replace(path)
}

// Open opens the database at path, creating it (and its directory) if it
// does not exist, and upgrading an older schema after keeping a copy of
// the file. A file that is not SQLite, belongs to another program, or was
// written by a newer Hindsight is refused and left untouched.
func Open(path string, opt Options) (*File, error) {
	if path == "" {
		return nil, errors.New("no database path given")
	}
	kind, info, statErr := dbpath.Inspect(path, os.Stat)
	switch kind {
	case dbpath.Folder:
		return nil, &OpenError{Path: path, Reason: "it is a folder, not a file", Hint: "choose a file name inside it"}
	case dbpath.Blocked:
		return nil, &OpenError{Path: path, Reason: "a part of its folder path is a file, not a folder, so the folder cannot be made (" + statErr.Error() + ")",
			Hint: "choose another folder", Err: statErr}
	case dbpath.Unusable:
		return nil, &OpenError{Path: path, Reason: statErr.Error(), Err: statErr}
	case dbpath.Missing:
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, &OpenError{Path: path, Reason: "cannot create its folder: " + err.Error(), Err: err}
		}
	case dbpath.File:
		// An empty file is a new database; anything else must be SQLite.
		if info.Size() > 0 {
			if err := checkHeader(path); err != nil {
				return nil, err
			}
		}
	}

	db, err := sql.Open("sqlite3", DSN(path))
	if err != nil {
		return nil, &OpenError{Path: path, Reason: err.Error(), Err: err}
	}
	// One connection: writes are serialised anyway, and a single connection
	// keeps the busy timeout meaningful between two processes rather than
	// between two goroutines of one.
	db.SetMaxOpenConns(1)
	f := &File{DB: db, path: path, checked: make(chan struct{})}
	op := opener{File: f, Options: opt}
	if err := op.prepare(); err != nil {
		db.Close()
		return nil, err
	}
	return f, nil
}

// Checked waits until the file has been checked for damage and returns
// what was found: nil for a sound file, an *OpenError wrapping ErrDamaged
// for a damaged one. A check left for later starts now.
func (f *File) Checked(ctx context.Context) error {
	if f.startCheck != nil {
		f.startCheck()
	}
	select {
	case <-f.checked:
		return f.checkErr
	case <-ctx.Done():
		return ctx.Err()
	}
}

// checkHeader refuses a file that is not a SQLite database before the
// driver touches it: opening one in WAL mode would otherwise try to write.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return &OpenError{Path: path, Reason: err.Error(), Err: err}
	}
	defer f.Close()
	header := make([]byte, 16)
	// ReadFull: a bare Read may return fewer bytes than the file holds.
	if _, err := io.ReadFull(f, header); err != nil || string(header) != "SQLite format 3\x00" {
		return &OpenError{Path: path, Reason: "it is not a Hindsight database (not a SQLite file)",
			Hint: "choose another file, or a new file name to start a new database", Err: ErrNotHindsight}
	}
	return nil
}

// DataVersion is SQLite's data_version of the file: it changes when
// another connection (another window, the command-line tool) commits a
// change, and not for this store's own writes.
func (f *File) DataVersion(ctx context.Context) (int64, error) {
	var v int64
	err := f.DB.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	return v, Wrap(err)
}

// Path is the file this store reads and writes.
func (f *File) Path() string { return f.path }

// Created reports whether this Open created the file's schema, i.e. the
// database is brand new.
func (f *File) Created() bool { return f.created }

// SchemaVersion is the file's schema version.
func (f *File) SchemaVersion() (int, error) {
	var v int
	err := f.DB.QueryRow("PRAGMA user_version").Scan(&v)
	return v, err
}

// Close checkpoints and closes the file.
func (f *File) Close() error { return f.DB.Close() }

// Check runs SQLite's integrity check and returns its verdict ("ok" when
// the file is sound).
func (f *File) Check(ctx context.Context) (string, error) {
	var verdict string
	err := f.DB.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&verdict)
	return verdict, err
}

// Backup writes a consistent copy of the database to path, which must not
// exist. It is safe while the app is writing: SQLite copies one snapshot.
func (f *File) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists; choose a new file name", path)
	}
	_, err := f.DB.ExecContext(ctx, "VACUUM INTO ?", path)
	return Wrap(err)
}
