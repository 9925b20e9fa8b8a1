package pgstore

import (
	"context"

	"github.com/hindsight-app/hindsight/internal/pgstore/internal/pgerr"
)

// ErrReadOnly is returned by a write when the database role may only read
// (a viewer). It is also store.ErrReadOnly, so callers of either engine
// test for one error.
var ErrReadOnly = pgerr.ErrReadOnly

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
func writeError(err error) error { return pgerr.Write(err) }
