package dbfile

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/hindsight-app/hindsight/internal/store/schema"
)

// opener is a File being opened: the checks of the file's identity,
// version and soundness, and the creation or upgrade of its schema, which
// run before anything else may use it.
type opener struct {
	*File
	Options
}

// prepare checks the file's identity and version, then creates or migrates
// the schema, and checks an existing file for damage.
func (s opener) prepare() error {
	ctx := context.Background()
	created, err := s.identify(ctx)
	if err != nil || created {
		close(s.checked)
		return err
	}
	if !s.CheckLater {
		s.checkErr = s.quickCheck(ctx, s.DB)
		close(s.checked)
		return s.checkErr
	}
	// The check waits until something waits for it: a write, or the
	// caller once its first screen is drawn. It reads the whole file and,
	// run at once, would take a core from the first screen. Then a second
	// connection reads the file while the first serves the caller; WAL
	// lets both read at once.
	s.startCheck = sync.OnceFunc(func() {
		go func() {
			defer close(s.checked)
			checker, err := sql.Open("sqlite3", DSN(s.path))
			if err != nil {
				s.checkErr = s.openError(err)
				return
			}
			defer checker.Close()
			s.checkErr = s.quickCheck(ctx, checker)
		}()
	})
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
func (s opener) identify(ctx context.Context) (created bool, err error) {
	for attempt := 0; ; attempt++ {
		var appID, version int
		if err := s.DB.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
			return false, s.openError(err)
		}
		if err := s.DB.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
			return false, s.openError(err)
		}
		if appID == 0 && version == 0 {
			var tables int
			if err := s.DB.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
				return false, s.openError(err)
			}
			if tables > 0 {
				return false, &OpenError{Path: s.path, Reason: "it is a SQLite database of another program",
					Hint: "choose another file, or a new file name to start a new database", Err: ErrNotHindsight}
			}
			err := s.create(ctx)
			if errors.Is(err, errCreatedMeanwhile) {
				if attempt == 0 {
					continue // look again at what the other process made
				}
				return false, s.openError(err)
			}
			return err == nil, err
		}
		if appID != schema.ApplicationID {
			return false, &OpenError{Path: s.path, Reason: "it is a SQLite database of another program",
				Hint: "choose another file, or a new file name to start a new database", Err: ErrNotHindsight}
		}
		latest := LatestVersion()
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

// create makes the schema (and fills the file, when Fill is set) in one
// transaction. The write lock is taken first and the file looked at again,
// since another process may have created it while this one waited.
func (s opener) create(ctx context.Context) error {
	s.choosePageSize(ctx)
	err := inTx(ctx, s.DB, func(tx *sql.Tx) error {
		var tables int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return err
		}
		if tables > 0 {
			return errCreatedMeanwhile
		}
		if _, err := tx.ExecContext(ctx, schema.NewFile); err != nil {
			return fmt.Errorf("create schema: %w", err)
		}
		if err := setVersion(ctx, tx, LatestVersion()); err != nil {
			return err
		}
		if s.Fill != nil {
			return s.Fill(ctx, tx)
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

// NewPageSize is the page size of a new file. SQLite's default, 4 KiB,
// makes a million-event file a third of a million pages, each written
// through its own system call when a bulk write changes it; 16 KiB pages
// cut those calls by four and keep a window's rows on fewer pages.
const NewPageSize = 16384

// choosePageSize gives a new, empty file NewPageSize. WAL fixes the page
// size, so the file leaves WAL for the moment it takes to rebuild the empty
// file. Another process opening the same new file can make this fail;
// then the file keeps the default size, which only costs speed.
func (s opener) choosePageSize(ctx context.Context) {
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	var size int
	if conn.QueryRowContext(ctx, "PRAGMA page_size").Scan(&size) != nil || size == NewPageSize {
		return
	}
	for _, stmt := range []string{"PRAGMA journal_mode = DELETE",
		fmt.Sprintf("PRAGMA page_size = %d", NewPageSize), "VACUUM"} {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			break
		}
	}
	// Back to WAL whatever happened: every connection expects it.
	_, _ = conn.ExecContext(ctx, "PRAGMA journal_mode = WAL")
}

func (s opener) openError(err error) error {
	var oe *OpenError
	if errors.As(err, &oe) {
		return err
	}
	wrapped := Wrap(err)
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
