package engine

import (
	"context"

	"github.com/hindsight-app/hindsight/internal/store"
)

// Store is a whole Hindsight database, a SQLite file or a PostgreSQL
// server: what the app and the command-line tool need of it, whichever
// engine holds it. Open gives one; SQLiteStore and PostgreSQLStore wrap a
// store opened by hand.
type Store interface {
	Events
	// Claims are the predictions and the other claims kept beside them;
	// Vocabulary the names in use; Periods, UserData and History the
	// store's facets of the same names; Bulk its import, export and
	// column mappings.
	Claims() Predictions
	Vocabulary() Vocabulary
	Periods() Periods
	UserData() UserData
	History() History
	Bulk() Bulk

	// Location is where the database is: a file's path, or the server's
	// address with its password taken out, as Open takes it again (the
	// password then comes from PGPASSWORD or ~/.pgpass).
	Location() string
	// Name names the database for messages: the path, or the database,
	// role and server. Never a password.
	Name() string
	// Shared reports whether the database is on a server, shared with
	// other people, rather than a file of this machine.
	Shared() bool
	// Writable is nil when this connection may change records, and says
	// why not otherwise (an error that is store.ErrReadOnly): a
	// PostgreSQL role with a viewer's grants only reads. A SQLite file
	// that cannot be written is refused when opened.
	Writable(ctx context.Context) error
	// Ping asks the database something small: nil while it answers.
	Ping(ctx context.Context) error
	// Watch reports changes committed to the database by others until
	// ctx is done, then closes the channel (see Change).
	Watch(ctx context.Context) <-chan Change
	// Checked waits for a SQLite file's check for damage (see
	// OpenOptions.CheckLater), starting a check left for later, and says
	// what it found; nil on a server.
	Checked(ctx context.Context) error
	// Backup writes a consistent copy of the database to a new SQLite
	// file at path, which must not exist; it is safe while others write.
	// A server's copy is made with Copy, so it holds what an export
	// holds (not the undo history).
	Backup(ctx context.Context, path string) error
	// Close closes the database; on SQLite it checkpoints the file, and a
	// failure means the last writes may not be in the main file yet.
	Close() error
}

// Bulk is a store's import, export and column mappings (store.Bulk and
// pgstore.Bulk).
type Bulk interface {
	Importer
	Exporter
	ColumnMappings
}

// Change is a write committed to the database that a window should show.
// On SQLite, where the file only tells that it changed, every Change is
// Missed; on PostgreSQL the server names the table, the operation and the
// records (see pgstore.Change), and Missed is set after the listening
// connection was lost and made again.
type Change struct {
	// Table is "events", "predictions", "periods", … ("" when Missed).
	Table string
	// Op is "insert", "update" or "delete".
	Op string
	// IDs are the records written; nil when too many to list.
	IDs []int64
	// Missed says that anything may have changed: re-read everything.
	Missed bool
}

// ErrReadOnly is the reason Writable gives for a PostgreSQL role that may
// only read; errors.Is(err, store.ErrReadOnly) holds for it, as for a
// write such a role attempts.
var ErrReadOnly error = readOnlyRole{}

type readOnlyRole struct{}

func (readOnlyRole) Error() string {
	return "your database role may only read this timeline; ask its administrator for an editor's grants"
}

func (readOnlyRole) Is(target error) bool { return target == store.ErrReadOnly }
