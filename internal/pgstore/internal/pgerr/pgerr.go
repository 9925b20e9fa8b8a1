// Package pgerr names the PostgreSQL server's refusals of a write in the
// store's terms, for the store and its history alike.
package pgerr

import (
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/hindsight-app/hindsight/internal/store"
)

// ErrReadOnly is returned by a write when the database role may only read
// (a viewer). It is also store.ErrReadOnly, so callers of either engine
// test for one error.
var ErrReadOnly error = readOnlyError{}

type readOnlyError struct{}

func (readOnlyError) Error() string {
	return "your database role may only read this timeline: nothing was saved; ask its administrator for an editor's grants"
}

func (readOnlyError) Is(target error) bool { return target == store.ErrReadOnly }

// Write names a write refused for want of privileges as ErrReadOnly,
// keeping the server's error in the chain.
func Write(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42501" {
		return fmt.Errorf("%w (%w)", ErrReadOnly, err)
	}
	return err
}
