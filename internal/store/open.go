// Package store keeps Hindsight's records in a SQLite file: the schema and its
// upgrades, reads and writes of events, predictions and periods in transactions,
// search, bulk imports and exports, and the undo history (in store/history).
// Every write is one transaction and is recorded for undo; a file that is
// not Hindsight's, is newer than this build or is damaged is refused before
// anything is written to it.
package store

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

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/hindsight-app/hindsight/data"
)

// Store is an open Hindsight database file.
type Store struct {
	db      *sql.DB
	path    string
	created bool
	// checked is closed once the file has been checked for damage, with
	// checkErr saying what was found; every write waits for it, so none
	// can go into a damaged file (see OpenCheckingInBackground).
	checked  chan struct{}
	checkErr error
}

// dsn builds the connection string. PRAGMAs are per connection, so they go
// in the DSN and every pooled connection gets them: WAL for crash safety
// and concurrent readers, foreign keys, a busy timeout for a second writer
// (the GUI and the CLI share the file), and BEGIN IMMEDIATE so a write
// transaction takes the lock up front instead of failing half-way.
func dsn(path string) string {
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
func Open(path string) (*Store, error) {
	return open(path, nil)
}

// open opens path; a file it creates gets the schema and, when seed is
// set, the seed data in one transaction, so a crash can never leave a new
// file half made.
func open(path string, seed *data.Seed) (*Store, error) {
	return openWith(path, seed, false)
}

// openWith is open, leaving the check for damage to a goroutine of its own
// when checkLater is set.
func openWith(path string, seed *data.Seed, checkLater bool) (*Store, error) {
	if path == "" {
		return nil, errors.New("no database path given")
	}
	kind, info, statErr := inspectPath(path, os.Stat)
	switch kind {
	case pathFolder:
		return nil, &OpenError{Path: path, Reason: "it is a folder, not a file", Hint: "choose a file name inside it"}
	case pathBlocked:
		return nil, &OpenError{Path: path, Reason: "a part of its folder path is a file, not a folder, so the folder cannot be made (" + statErr.Error() + ")",
			Hint: "choose another folder", Err: statErr}
	case pathUnusable:
		return nil, &OpenError{Path: path, Reason: statErr.Error(), Err: statErr}
	case pathMissing:
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, &OpenError{Path: path, Reason: "cannot create its folder: " + err.Error(), Err: err}
		}
	case pathFile:
		// An empty file is a new database; anything else must be SQLite.
		if info.Size() > 0 {
			if err := checkHeader(path); err != nil {
				return nil, err
			}
		}
	}

	db, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		return nil, &OpenError{Path: path, Reason: err.Error(), Err: err}
	}
	// One connection: writes are serialised anyway, and a single connection
	// keeps the busy timeout meaningful between two processes rather than
	// between two goroutines of one.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: path, checked: make(chan struct{})}
	op := opener{Store: s, checkLater: checkLater}
	if err := op.prepare(seed); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// OpenCheckingInBackground is OpenSeeded, except that an existing file's
// check for damage (PRAGMA quick_check, about 0.3 s at 100k events and
// seconds at a million) runs on a connection of its own while the caller
// reads: the first screen need not wait for it. Every write waits for it,
// and a damaged file refuses them all with ErrDamaged; Checked says when
// the check is done and what it found.
func OpenCheckingInBackground(path string) (*Store, error) {
	seed, err := data.Load()
	if err != nil {
		return nil, fmt.Errorf("read the bundled events: %w", err)
	}
	return openWith(path, seed, true)
}

// Checked waits until the file has been checked for damage and returns
// what was found: nil for a sound file, an *OpenError wrapping ErrDamaged
// for a damaged one.
func (s *Store) Checked(ctx context.Context) error {
	select {
	case <-s.checked:
		return s.checkErr
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

// opener is a Store being opened: the checks of the file's identity,
// version and soundness, and the creation or upgrade of its schema, which
// run before anything else may use it.
type opener struct {
	*Store
	checkLater bool
}

// prepare checks the file's identity and version, then creates or migrates
// the schema, and checks an existing file for damage.
func (s opener) prepare(seed *data.Seed) error {
	ctx := context.Background()
	created, err := s.identify(ctx, seed)
	if err != nil || created {
		close(s.checked)
		return err
	}
	if !s.checkLater {
		s.checkErr = s.quickCheck(ctx, s.db)
		close(s.checked)
		return s.checkErr
	}
	// A second connection reads the whole file while the first serves the
	// caller; WAL lets both read at once.
	go func() {
		defer close(s.checked)
		checker, err := sql.Open("sqlite3", dsn(s.path))
		if err != nil {
			s.checkErr = s.openError(err)
			return
		}
		defer checker.Close()
		s.checkErr = s.quickCheck(ctx, checker)
	}()
	return nil
}

// quickCheck reads every page of the file through db. A damaged page would
// otherwise go unnoticed until a query tripped on it, and writes would go
// into the damaged file.
func (s opener) quickCheck(ctx context.Context, db *sql.DB) error {
	var verdict string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&verdict); err != nil {
		return s.openError(err)
	}
	if verdict != "ok" {
		return &OpenError{Path: s.path, Reason: "it is damaged (" + verdict + ")",
			Hint: "restore a backup, or choose another file; the file was not changed", Err: ErrDamaged}
	}
	return nil
}

// errCreatedMeanwhile: another process created the schema while this one
// waited for the write lock; the file is then opened as an existing one.
var errCreatedMeanwhile = errors.New("created by another process meanwhile")

// identify creates the schema of a new file (reporting created), or checks
// that an existing file is Hindsight's and of a version this build reads,
// upgrading an older one.
func (s opener) identify(ctx context.Context, seed *data.Seed) (created bool, err error) {
	for attempt := 0; ; attempt++ {
		var appID, version int
		if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
			return false, s.openError(err)
		}
		if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
			return false, s.openError(err)
		}
		if appID == 0 && version == 0 {
			var tables int
			if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
				return false, s.openError(err)
			}
			if tables > 0 {
				return false, &OpenError{Path: s.path, Reason: "it is a SQLite database of another program",
					Hint: "choose another file, or a new file name to start a new database", Err: ErrNotHindsight}
			}
			err := s.create(ctx, seed)
			if errors.Is(err, errCreatedMeanwhile) {
				if attempt == 0 {
					continue // look again at what the other process made
				}
				return false, s.openError(err)
			}
			return err == nil, err
		}
		if appID != applicationID {
			return false, &OpenError{Path: s.path, Reason: "it is a SQLite database of another program",
				Hint: "choose another file, or a new file name to start a new database", Err: ErrNotHindsight}
		}
		latest := latestVersion()
		switch {
		case version > latest:
			return false, &OpenError{Path: s.path,
				Reason: fmt.Sprintf("it was written by a newer Hindsight (schema %d; this version reads up to %d)", version, latest),
				Hint:   "update Hindsight to open it; the file was not changed", Err: ErrNewerSchema}
		case version < latest:
			return false, s.migrate(ctx, version)
		}
		return false, nil
	}
}

// create makes the schema (and fills in seed, when given) in one
// transaction. The write lock is taken first and the file looked at again,
// since another process may have created it while this one waited.
func (s opener) create(ctx context.Context, seed *data.Seed) error {
	s.choosePageSize(ctx)
	err := inTx(ctx, s.db, func(tx *sql.Tx) error {
		var tables int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return err
		}
		if tables > 0 {
			return errCreatedMeanwhile
		}
		if _, err := tx.ExecContext(ctx, schema); err != nil {
			return fmt.Errorf("create schema: %w", err)
		}
		if err := setVersion(ctx, tx, latestVersion()); err != nil {
			return err
		}
		if seed != nil {
			in := newInserter(ctx, tx)
			defer in.close()
			return seedTx(ctx, in, seed)
		}
		return nil
	}, func(err error) error {
		if errors.Is(err, errCreatedMeanwhile) {
			return err
		}
		return s.openError(err)
	})
	if err == nil {
		s.created = true
	}
	return err
}

// newPageSize is the page size of a new file. SQLite's default, 4 KiB,
// makes a million-event file a third of a million pages, each written
// through its own system call when a bulk write changes it; 16 KiB pages
// cut those calls by four and keep a window's rows on fewer pages.
const newPageSize = 16384

// choosePageSize gives a new, empty file newPageSize. WAL fixes the page
// size, so the file leaves WAL for the moment it takes to rebuild the empty
// file. Another process opening the same new file can make this fail;
// then the file keeps the default size, which only costs speed.
func (s opener) choosePageSize(ctx context.Context) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	var size int
	if conn.QueryRowContext(ctx, "PRAGMA page_size").Scan(&size) != nil || size == newPageSize {
		return
	}
	for _, stmt := range []string{"PRAGMA journal_mode = DELETE",
		fmt.Sprintf("PRAGMA page_size = %d", newPageSize), "VACUUM"} {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			break
		}
	}
	// Back to WAL whatever happened: every connection expects it.
	_, _ = conn.ExecContext(ctx, "PRAGMA journal_mode = WAL")
}

// migrate copies the file to <name>.bak-v<N>, then runs every step from
// version `from` up in one transaction: a failure leaves the file as it was.
//
// The steps run with foreign keys off, as SQLite's way of changing a
// table's definition requires: dropping the old table of a rebuilt one must
// not delete the rows that point at it. Before committing, the foreign keys
// are checked all the same.
func (s opener) migrate(ctx context.Context, from int) error {
	backup, err := uniqueName(fmt.Sprintf("%s.bak-v%d", s.path, from))
	if err != nil {
		return s.openError(err)
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", backup); err != nil {
		return &OpenError{Path: s.path, Reason: "cannot keep a copy before upgrading it: " + err.Error(),
			Hint: "free some disk space or make its folder writable", Err: err}
	}
	// The pragma holds per connection and only outside a transaction, so
	// the steps run on one connection of their own.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.openError(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return s.openError(err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return s.openError(err)
	}
	if err := runMigrations(ctx, tx, from); err != nil {
		_ = tx.Rollback()
		return s.openError(err)
	}
	if err := tx.Commit(); err != nil {
		return s.openError(err)
	}
	return nil
}

// runMigrations runs the steps after version from in tx, checks the
// foreign keys and sets the new version. Another process may have upgraded
// the file while this one waited for the write lock; then there is nothing
// left to do.
func runMigrations(ctx context.Context, tx *sql.Tx, from int) error {
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&from); err != nil {
		return err
	}
	if from >= latestVersion() {
		return nil
	}
	for _, m := range migrations {
		if m.to <= from {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("upgrade to schema %d: %w", m.to, err)
		}
	}
	var table string
	var rowid sql.NullInt64
	var parent string
	var fkid int
	err := tx.QueryRowContext(ctx, "PRAGMA foreign_key_check").Scan(&table, &rowid, &parent, &fkid)
	switch {
	case err == nil:
		return fmt.Errorf("upgrade to schema %d: a row of %s points at a missing row of %s", latestVersion(), table, parent)
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	return setVersion(ctx, tx, latestVersion())
}

func setVersion(ctx context.Context, tx *sql.Tx, version int) error {
	// PRAGMAs take no bound parameters; both values are integers we control.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version))
	return err
}

// uniqueName returns path, or path.2, path.3… if it is taken, so an earlier
// backup is never overwritten.
func uniqueName(path string) (string, error) {
	candidate := path
	for i := 2; i < 1000; i++ {
		if _, err := os.Stat(candidate); errors.Is(err, os.ErrNotExist) {
			return candidate, nil
		}
		candidate = fmt.Sprintf("%s.%d", path, i)
	}
	return "", fmt.Errorf("too many backups named %s.*", path)
}

// DataVersion is SQLite's data_version of the file: it changes when
// another connection (another window, the command-line tool) commits a
// change, and not for this store's own writes.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	var v int64
	err := s.db.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	return v, s.wrap(err)
}

// Path is the file this store reads and writes.
func (s *Store) Path() string { return s.path }

// Created reports whether this Open created the file's schema, i.e. the
// database is brand new.
func (s *Store) Created() bool { return s.created }

// SchemaVersion is the file's schema version.
func (s *Store) SchemaVersion() (int, error) {
	var v int
	err := s.db.QueryRow("PRAGMA user_version").Scan(&v)
	return v, err
}

// Close checkpoints and closes the file.
func (s *Store) Close() error { return s.db.Close() }

// Check runs SQLite's integrity check and returns its verdict ("ok" when
// the file is sound).
func (s *Store) Check(ctx context.Context) (string, error) {
	var verdict string
	err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&verdict)
	return verdict, err
}

// Backup writes a consistent copy of the database to path, which must not
// exist. It is safe while the app is writing: SQLite copies one snapshot.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists; choose a new file name", path)
	}
	_, err := s.db.ExecContext(ctx, "VACUUM INTO ?", path)
	return s.wrap(err)
}

// inTx runs fn in one transaction on db, committing only if it returns
// nil. wrapErr turns driver errors into messages a person can act on.
func inTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error, wrapErr func(error) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return wrapErr(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return wrapErr(err)
	}
	if err := tx.Commit(); err != nil {
		return wrapErr(err)
	}
	return nil
}

// write runs fn as one write transaction.
// It waits for the check for damage first: nothing is written into a
// damaged file.
func (s *Store) write(ctx context.Context, fn func(*sql.Tx) error) error {
	if err := s.Checked(ctx); err != nil {
		return err
	}
	err := inTx(ctx, s.db, fn, s.wrap)
	// A cancelled context closes the transaction's statements under a
	// write in progress, which then fails with "statement is closed": say
	// what happened instead.
	if err != nil && ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		return fmt.Errorf("%w (%v)", ctx.Err(), err)
	}
	return err
}

func (s opener) openError(err error) error {
	var oe *OpenError
	if errors.As(err, &oe) {
		return err
	}
	wrapped := s.wrap(err)
	reason := wrapped.Error()
	hint := ""
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrNotADB, sqlite3.ErrCorrupt:
			reason = "it is damaged or not a database (" + se.Error() + ")"
			hint = "restore a backup, or choose another file; the file was not changed"
		case sqlite3.ErrReadonly, sqlite3.ErrCantOpen, sqlite3.ErrPerm:
			hint = "check that the file and its folder can be written"
		}
	}
	return &OpenError{Path: s.path, Reason: reason, Hint: hint, Err: wrapped}
}
