// Package store keeps Hindsight's records in a SQLite file: reads and
// writes of events, predictions and periods in transactions, search, bulk
// imports and exports, and the undo history (in store/history). Every write
// is one transaction and is recorded for undo. Opening the file, with its
// schema and upgrades and the refusal of a file that is not Hindsight's,
// is newer than this build or is damaged, is in store/internal/dbfile.
package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/hindsight-app/hindsight/data"
	"github.com/hindsight-app/hindsight/internal/store/dbpath"
	"github.com/hindsight-app/hindsight/internal/store/internal/dbfile"
)

// Store is an open Hindsight database file.
type Store struct {
	file *dbfile.File
	// db is the file's connection, for reads; writes go through
	// file.Write.
	db *sql.DB
}

// Open opens the database at path, creating it (and its directory) if it
// does not exist, and upgrading an older schema after keeping a copy of
// the file. A file that is not SQLite, belongs to another program, or was
// written by a newer Hindsight is refused and left untouched.
func Open(path string) (*Store, error) {
	return open(path, nil, false)
}

// OpenSeeded opens path like Open and, when this call created the file,
// fills it with the bundled seed dataset. An existing file is never
// re-seeded, even if its user has deleted every event.
//
// The schema and the seed are written in one transaction, so a new file
// killed half-way through its first start is either still empty (and
// seeded at the next start) or complete.
func OpenSeeded(path string) (*Store, error) {
	seed, err := data.Load()
	if err != nil {
		return nil, fmt.Errorf("read the bundled events: %w", err)
	}
	return open(path, seed, false)
}

// OpenCheckingInBackground is OpenSeeded, except that an existing file's
// check for damage (PRAGMA quick_check, about 0.5 s of a core at 100k
// events and seconds at a million) runs later, on a connection of its
// own, while the caller reads: the first screen need not wait for it, nor
// share the machine with it. It starts at the first call of Checked, which
// the caller makes once its first screen is drawn and every write makes
// before writing; a damaged file refuses all writes with ErrDamaged.
func OpenCheckingInBackground(path string) (*Store, error) {
	seed, err := data.Load()
	if err != nil {
		return nil, fmt.Errorf("read the bundled events: %w", err)
	}
	return open(path, seed, true)
}

// open opens path; a file it creates gets the seed, when given, in the
// transaction that creates its schema.
func open(path string, seed *data.Seed, checkLater bool) (*Store, error) {
	opt := dbfile.Options{CheckLater: checkLater}
	if seed != nil {
		opt.Fill = func(ctx context.Context, tx *sql.Tx) error { return seedNewFile(ctx, tx, seed) }
	}
	f, err := dbfile.Open(path, opt)
	if err != nil {
		return nil, err
	}
	return &Store{file: f, db: f.DB}, nil
}

// DefaultPath is where the app and the command-line tool keep their shared
// database unless told otherwise: $HINDSIGHT_DB, else hindsight/hindsight.db
// in the user's configuration folder (see package dbpath).
func DefaultPath() (string, error) { return dbpath.Default() }

// LatestSchemaVersion is the schema version this build writes.
func LatestSchemaVersion() int { return dbfile.LatestVersion() }

// Checked waits until the file has been checked for damage and returns
// what was found: nil for a sound file, an *OpenError wrapping ErrDamaged
// for a damaged one.
func (s *Store) Checked(ctx context.Context) error { return s.file.Checked(ctx) }

// DataVersion is SQLite's data_version of the file: it changes when
// another connection (another window, the command-line tool) commits a
// change, and not for this store's own writes.
func (s *Store) DataVersion(ctx context.Context) (int64, error) { return s.file.DataVersion(ctx) }

// Path is the file this store reads and writes.
func (s *Store) Path() string { return s.file.Path() }

// Created reports whether this Open created the file's schema, i.e. the
// database is brand new.
func (s *Store) Created() bool { return s.file.Created() }

// SchemaVersion is the file's schema version.
func (s *Store) SchemaVersion() (int, error) { return s.file.SchemaVersion() }

// Close checkpoints and closes the file.
func (s *Store) Close() error { return s.file.Close() }

// Check runs SQLite's integrity check and returns its verdict ("ok" when
// the file is sound).
func (s *Store) Check(ctx context.Context) (string, error) { return s.file.Check(ctx) }

// Backup writes a consistent copy of the database to path, which must not
// exist. It is safe while the app is writing: SQLite copies one snapshot.
func (s *Store) Backup(ctx context.Context, path string) error { return s.file.Backup(ctx, path) }
