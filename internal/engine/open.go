package engine

import (
	"context"

	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/store"
)

// OpenOptions say how Open opens a database.
type OpenOptions struct {
	// Seed fills a database that this open finds new with the bundled
	// seed dataset, as the app's first start does: a SQLite file it
	// creates, or a server database that has never held anything (once,
	// even when several clients start together; see pgstore.OpenSeeded).
	// Copy opens its destination without it.
	Seed bool
	// CheckLater runs an existing SQLite file's check for damage later,
	// beside the reads, from the first Checked or write on (see
	// store.OpenCheckingInBackground and Store.Checked); implies Seed.
	CheckLater bool
	// Client names who a server's changes are recorded as made by: undo
	// takes back a client's own changes only, so a window that keeps its
	// client from one start to the next keeps its history. "" names a new
	// one. Unused on SQLite, whose file has one history.
	Client string
}

// Open opens the database target names: a SQLite file's path (created,
// empty, when missing) or a PostgreSQL server's address (postgres://…,
// postgresql://… or libpq's key=value form). A server's password comes
// from the address, PGPASSWORD or ~/.pgpass; sslmode and every other
// setting of the address are kept. A wrong password, an unreachable host
// and a missing database each give a *store.OpenError that says which,
// and no error, Location or Name ever holds the password.
func Open(ctx context.Context, target string) (Store, error) {
	return OpenWith(ctx, target, OpenOptions{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, target string, opt OpenOptions) (Store, error) {
	if IsServer(target) {
		open := pgstore.OpenAs
		if opt.Seed || opt.CheckLater {
			open = pgstore.OpenSeededAs
		}
		pg, err := open(ctx, withConnectTimeout(target), opt.Client)
		if err != nil {
			return nil, err
		}
		return PostgreSQLStore(pg, Redact(target)), nil
	}
	var st *store.Store
	var err error
	switch {
	case opt.CheckLater:
		st, err = store.OpenCheckingInBackground(target)
	case opt.Seed:
		st, err = store.OpenSeeded(target)
	default:
		st, err = store.Open(target)
	}
	if err != nil {
		return nil, err
	}
	return SQLiteStore(st), nil
}
