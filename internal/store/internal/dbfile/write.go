package dbfile

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

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

// Write runs fn as one write transaction.
// It waits for the check for damage first: nothing is written into a
// damaged file.
func (f *File) Write(ctx context.Context, fn func(*sql.Tx) error) error {
	if err := f.Checked(ctx); err != nil {
		return err
	}
	err := inTx(ctx, f.DB, fn, Wrap)
	// A cancelled context closes the transaction's statements under a
	// write in progress, which then fails with "statement is closed": say
	// what happened instead.
	if err != nil && ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		return fmt.Errorf("%w (%v)", ctx.Err(), err)
	}
	return err
}
