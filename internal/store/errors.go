package store

import "github.com/hindsight-app/hindsight/internal/store/internal/dbfile"

// Errors callers can test for with errors.Is.
var (
	ErrNotFound     = dbfile.ErrNotFound
	ErrNotHindsight = dbfile.ErrNotHindsight
	ErrNewerSchema  = dbfile.ErrNewerSchema
	ErrBusy         = dbfile.ErrBusy
	ErrReadOnly     = dbfile.ErrReadOnly
	ErrDiskFull     = dbfile.ErrDiskFull
	ErrDamaged      = dbfile.ErrDamaged
)

// OpenError explains why a database file could not be opened, naming the
// file and what to do about it.
type OpenError = dbfile.OpenError

// wrap turns the driver's errors into sentences a person can act on,
// keeping the original in the chain.
func wrap(err error) error { return dbfile.Wrap(err) }

// notFound names what was missing.
func notFound(kind string, id int64) error { return dbfile.NotFound(kind, id) }
