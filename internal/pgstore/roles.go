package pgstore

import (
	"context"
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

// CanWrite reports whether the role this store connects as may add, change
// and delete events; a viewer's may not, and the app then opens read-only.
func (s *Store) CanWrite(ctx context.Context) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, `SELECT has_table_privilege('events', 'INSERT')
		AND has_table_privilege('events', 'UPDATE') AND has_table_privilege('events', 'DELETE')`).Scan(&ok)
	return ok, err
}

// writeError names a write refused for want of privileges as ErrReadOnly,
// keeping the server's error in the chain.
func writeError(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42501" {
		return fmt.Errorf("%w (%w)", ErrReadOnly, err)
	}
	return err
}
