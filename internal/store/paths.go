package store

import (
	"os"
	"syscall"

	"github.com/hindsight-app/hindsight/internal/store/dbpath"
)

// DefaultPath is where the app and the command-line tool keep their shared
// database unless told otherwise: $HINDSIGHT_DB, else hindsight/hindsight.db
// in the user's configuration folder (see package dbpath).
func DefaultPath() (string, error) { return dbpath.Default() }

// What stands at a database path before it is opened (see dbpath.Kind).
type pathKind = dbpath.Kind

const (
	pathMissing  = dbpath.Missing
	pathFile     = dbpath.File
	pathFolder   = dbpath.Folder
	pathBlocked  = dbpath.Blocked
	pathUnusable = dbpath.Unusable
)

// inspectPath says what stands at path; stat is os.Stat outside tests.
func inspectPath(path string, stat func(string) (os.FileInfo, error)) (pathKind, os.FileInfo, error) {
	return dbpath.Inspect(path, stat)
}

// noRoom reports whether errno, on this system, means there is no room.
func noRoom(errno syscall.Errno) bool { return dbpath.NoRoom(errno) }
