package dbfile

import (
	"errors"
	"fmt"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/hindsight-app/hindsight/internal/store/dbpath"
)

// Errors callers can test for with errors.Is.
var (
	ErrNotFound     = errors.New("not found")
	ErrNotHindsight = errors.New("not a Hindsight database")
	ErrNewerSchema  = errors.New("written by a newer Hindsight")
	ErrBusy         = errors.New("the database is busy: another Hindsight window or command is writing to it; try again in a moment")
	ErrReadOnly     = errors.New("the database file is read-only: nothing was saved; check the file's permissions or open a copy")
	ErrDiskFull     = errors.New("the disk is full: nothing was saved; free some space and try again")
	ErrDamaged      = errors.New("the database file is damaged: restore a backup, or open another file")
)

// OpenError explains why a database file could not be opened, naming the
// file and what to do about it.
type OpenError struct {
	Path   string
	Reason string
	Hint   string
	Err    error
}

func (e *OpenError) Error() string {
	msg := fmt.Sprintf("cannot open %s: %s", e.Path, e.Reason)
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return msg
}

func (e *OpenError) Unwrap() error { return e.Err }

// Wrap turns the driver's errors into the sentences above, keeping the
// original in the chain.
func Wrap(err error) error {
	if err == nil {
		return nil
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code {
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return fmt.Errorf("%w (%v)", ErrBusy, err)
	case sqlite3.ErrReadonly:
		return fmt.Errorf("%w (%v)", ErrReadOnly, err)
	case sqlite3.ErrFull:
		return fmt.Errorf("%w (%v)", ErrDiskFull, err)
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		return fmt.Errorf("%w (%v)", ErrDamaged, err)
	case sqlite3.ErrIoErr:
		// SQLite reports a write refused for want of room (a full disk, a
		// quota, a file-size limit) as a generic I/O error.
		if dbpath.NoRoom(se.SystemErrno) {
			return fmt.Errorf("%w (%v)", ErrDiskFull, err)
		}
	}
	return err
}

// NotFound names what was missing.
func NotFound(kind string, id int64) error {
	return fmt.Errorf("%s %d: %w", kind, id, ErrNotFound)
}
