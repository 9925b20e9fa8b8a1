// Package pgstore keeps Hindsight's events in a PostgreSQL database, for a
// team sharing one timeline: the same reads and writes, with the same
// results, as the SQLite store (package store), whose query types, errors
// and models it uses. It adds what a shared database needs: every event
// carries a version, so a save over someone else's later save is refused
// (ErrChanged), and every write is announced to the other clients
// (Watch). Passwords come from the address, PGPASSWORD or ~/.pgpass, and
// are never logged or kept.
package pgstore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/hindsight-app/hindsight/internal/store"
)

// ErrChanged is returned when a save carries an event's version from
// before someone else's save: the save is refused, nothing is
// overwritten.
var ErrChanged = errors.New("it was changed by someone else since it was read")

// application marks a database as Hindsight's in its meta table.
const application = "hindsight"

// Store is an open Hindsight database on a PostgreSQL server.
type Store struct {
	pool   *pgxpool.Pool
	config *pgxpool.Config
	name   string // the database as people name it, without a password
	client string // who this store's changes are recorded as made by
}

// Open connects to the database at url (postgres://user@host:port/db?…, or
// libpq's key=value form), checks it is Hindsight's or empty, and creates
// or upgrades its schema. sslmode and every other setting of url are kept.
// A wrong password, an unreachable server or a missing database give a
// *store.OpenError that says which, and never the password.
func Open(ctx context.Context, url string) (*Store, error) {
	return OpenAs(ctx, url, "")
}

// OpenAs opens url like Open, recording the changes it makes as client's:
// undo takes back a client's own changes only (see History). A client
// kept from one session to the next keeps its history; "" names a new
// one, the role and a random part.
func OpenAs(ctx context.Context, url, client string) (*Store, error) {
	config, err := parseConfig(url)
	if err != nil {
		return nil, err
	}
	s, err := connect(ctx, config, LatestVersion())
	if err != nil {
		return nil, err
	}
	s.client = client
	if client == "" {
		s.client = newClient(config.ConnConfig.User)
	}
	return s, nil
}

func parseConfig(url string) (*pgxpool.Config, error) {
	config, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message quotes the address; it is not repeated here, in
		// case it holds a password pgx cannot recognise.
		return nil, &store.OpenError{Path: "the database address", Reason: "it is not a PostgreSQL address",
			Hint: "write it as postgres://user@host:5432/database", Err: errors.Unwrap(err)}
	}
	return config, nil
}

// connect connects and brings the schema up to version.
func connect(ctx context.Context, config *pgxpool.Config, version int) (*Store, error) {
	s := &Store{config: config, name: describe(config.ConnConfig)}
	var err error
	if s.pool, err = pgxpool.NewWithConfig(ctx, config); err != nil {
		return nil, s.openError(err)
	}
	if err := s.pool.Ping(ctx); err != nil {
		s.pool.Close()
		return nil, s.openError(err)
	}
	if err := s.migrate(ctx, version); err != nil {
		s.pool.Close()
		return nil, err
	}
	return s, nil
}

// describe names a database for messages: role, database, host and port;
// never the password.
func describe(c *pgx.ConnConfig) string {
	host := c.Host
	if !strings.HasPrefix(host, "/") {
		host = net.JoinHostPort(host, strconv.Itoa(int(c.Port)))
	} else {
		host = "the socket in " + host
	}
	return fmt.Sprintf("database %q as %q on %s", c.Database, c.User, host)
}

// Target names the database, without its password.
func (s *Store) Target() string { return s.name }

// Close closes every connection.
func (s *Store) Close() { s.pool.Close() }

// openError turns a failure to connect into a sentence a person can act on.
func (s *Store) openError(err error) error {
	c := s.config.ConnConfig
	e := &store.OpenError{Path: s.name, Err: err}
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &pe) && pe.Code == "28P01":
		e.Reason = fmt.Sprintf("the server refused the password of %q", c.User)
		e.Hint = "check the password in PGPASSWORD or ~/.pgpass"
	case errors.As(err, &pe) && pe.Code == "28000":
		e.Reason = fmt.Sprintf("the server does not let %q connect from here", c.User)
		e.Hint = "ask its administrator to allow the role in pg_hba.conf"
	case errors.As(err, &pe) && pe.Code == "3D000":
		e.Reason = fmt.Sprintf("the server has no database %q", c.Database)
		e.Hint = "create it (createdb " + c.Database + ") or check its name"
	case errors.As(err, &pe):
		e.Reason = "the server refused the connection: " + pe.Message
	case isUnreachable(err):
		e.Reason = "the server cannot be reached"
		e.Hint = "check the host and port, and that PostgreSQL is running there"
	default:
		e.Reason = "the connection failed: " + err.Error()
	}
	return e
}

// isUnreachable reports a failure to reach the server at all, as opposed
// to the server's answer.
func isUnreachable(err error) bool {
	var ne net.Error
	var ce *pgconn.ConnectError
	return errors.As(err, &ne) || (errors.As(err, &ce) && !errors.As(err, new(*pgconn.PgError)))
}

// migrate creates the schema of an empty database or upgrades an older
// one up to version target, a step per transaction, and refuses a
// database that is another program's or newer than this build. An
// advisory lock keeps two clients opening a new database at once from
// both creating it.
func (s *Store) migrate(ctx context.Context, target int) error {
	for {
		done, err := s.migrateStep(ctx, target)
		if err != nil || done {
			return err
		}
	}
}

// migrationLock is the advisory lock key taken while the schema changes.
const migrationLock = 0x484E4453 // "HNDS"

// migrateStep applies the next step up to target, if any, in one
// transaction.
func (s *Store) migrateStep(ctx context.Context, target int) (done bool, err error) {
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrationLock); err != nil {
			return err
		}
		version, err := schemaVersion(ctx, tx)
		if err != nil {
			return err
		}
		latest := LatestVersion()
		switch {
		case version > latest:
			return &store.OpenError{Path: s.name,
				Reason: fmt.Sprintf("it was written by a newer Hindsight (schema %d; this version reads up to %d)", version, latest),
				Hint:   "update Hindsight to open it; the database was not changed", Err: store.ErrNewerSchema}
		case version >= target:
			done = true
			return nil
		}
		if _, err := tx.Exec(ctx, migrations[version]); err != nil {
			return fmt.Errorf("upgrade %s to schema %d: %w", s.name, version+1, err)
		}
		_, err = tx.Exec(ctx, `INSERT INTO meta (key, value) VALUES ('application', $1), ('schema_version', $2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, application, strconv.Itoa(version+1))
		return err
	})
	if err != nil {
		var oe *store.OpenError
		if !errors.As(err, &oe) {
			err = s.openError(err)
		} else if oe.Path == "" {
			oe.Path = s.name
		}
	}
	return done, err
}

// schemaVersion reads the database's schema version: 0 for an empty
// database, an error for one that holds another program's tables.
func schemaVersion(ctx context.Context, tx pgx.Tx) (int, error) {
	var hasMeta bool
	if err := tx.QueryRow(ctx, "SELECT to_regclass('meta') IS NOT NULL").Scan(&hasMeta); err != nil {
		return 0, err
	}
	if !hasMeta {
		var tables int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()`).Scan(&tables); err != nil {
			return 0, err
		}
		if tables > 0 {
			return 0, notHindsight()
		}
		return 0, nil
	}
	var app, version string
	err := tx.QueryRow(ctx, `SELECT coalesce(max(value) FILTER (WHERE key = 'application'), ''),
		coalesce(max(value) FILTER (WHERE key = 'schema_version'), '') FROM meta`).Scan(&app, &version)
	if err != nil {
		return 0, err
	}
	n, convErr := strconv.Atoi(version)
	if app != application || convErr != nil {
		return 0, notHindsight()
	}
	return n, nil
}

func notHindsight() error {
	return &store.OpenError{Reason: "it holds the tables of another program",
		Hint: "choose another database, or create an empty one for Hindsight", Err: store.ErrNotHindsight}
}

// SchemaVersion is the database's schema version.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v string
	err := s.pool.QueryRow(ctx, "SELECT value FROM meta WHERE key = 'schema_version'").Scan(&v)
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(v)
}
