// Package pgschema holds the schema of Hindsight's PostgreSQL database, one
// frozen step per version, and brings a database up to a version: it
// creates the tables of an empty database, upgrades an older one, and
// refuses one that is another program's or newer than this build.
package pgschema

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/hindsight-app/hindsight/internal/store"
)

// application marks a database as Hindsight's in its meta table.
const application = "hindsight"

// Migrate creates the schema of an empty database or upgrades an older
// one up to version target, a step per transaction, and refuses a
// database that is another program's or newer than this build with a
// *store.OpenError (whose Path is left for the caller to fill in). name
// names the database in messages. An advisory lock keeps two clients
// opening a new database at once from both creating it.
func Migrate(ctx context.Context, pool *pgxpool.Pool, name string, target int) error {
	for {
		done, err := migrateStep(ctx, pool, name, target)
		if err != nil || done {
			return err
		}
	}
}

// migrationLock is the advisory lock key taken while the schema changes.
const migrationLock = 0x484E4453 // "HNDS"

// migrateStep applies the next step up to target, if any, in one
// transaction.
func migrateStep(ctx context.Context, pool *pgxpool.Pool, name string, target int) (done bool, err error) {
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
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
			return &store.OpenError{
				Reason: fmt.Sprintf("it was written by a newer Hindsight (schema %d; this version reads up to %d)", version, latest),
				Hint:   "update Hindsight to open it; the database was not changed", Err: store.ErrNewerSchema}
		case version >= target:
			done = true
			return nil
		}
		if _, err := tx.Exec(ctx, migrations[version]); err != nil {
			return fmt.Errorf("upgrade %s to schema %d: %w", name, version+1, err)
		}
		_, err = tx.Exec(ctx, `INSERT INTO meta (key, value) VALUES ('application', $1), ('schema_version', $2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, application, strconv.Itoa(version+1))
		return err
	})
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
