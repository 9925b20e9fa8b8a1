package dbfile

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"

	"github.com/hindsight-app/hindsight/internal/store/schema"
)

// migration upgrades a file by one schema version, inside the transaction
// that Open runs it in, with foreign keys off so that a table can be
// rebuilt (see migrate).
type migration struct {
	// to is the version the file has after this step.
	to int
	// sql is run as one script.
	sql string
}

// migrations upgrade older files step by step. It is append-only: a
// released step is never edited, since files in the wild were made by it.
// New files get schema.NewFile directly and skip them.
var migrations = []migration{
	{to: 2, sql: schema.IDsNeverReused},
	{to: 3, sql: schema.ClaimKinds},
	{to: 4, sql: schema.UserData},
	{to: 5, sql: schema.Periods},
	{to: 6, sql: schema.Buckets},
}

// LatestVersion is the schema version this build writes.
func LatestVersion() int {
	if n := len(migrations); n > 0 {
		return migrations[n-1].to
	}
	return 1
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
	if _, err := s.DB.ExecContext(ctx, "VACUUM INTO ?", backup); err != nil {
		return &OpenError{Path: s.path, Reason: "cannot keep a copy before upgrading it: " + err.Error(),
			Hint: "free some disk space or make its folder writable", Err: err}
	}
	// The pragma holds per connection and only outside a transaction, so
	// the steps run on one connection of their own.
	conn, err := s.DB.Conn(ctx)
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
	if from >= LatestVersion() {
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
		return fmt.Errorf("upgrade to schema %d: a row of %s points at a missing row of %s", LatestVersion(), table, parent)
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	return setVersion(ctx, tx, LatestVersion())
}

func setVersion(ctx context.Context, tx *sql.Tx, version int) error {
	// PRAGMAs take no bound parameters; both values are integers we control.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", schema.ApplicationID)); err != nil {
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
