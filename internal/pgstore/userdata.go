package pgstore

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/pgstore/pguserdata"
	"github.com/hindsight-app/hindsight/internal/store/userdata"
)

// UserData is what the people of a team keep in the database besides the
// records (see package pguserdata).
type UserData = pguserdata.UserData

// UserData gives the user data of s.
func (s *Store) UserData() *UserData { return pguserdata.New(s.pool) }

// ColumnMapping reads the mapping saved for a CSV header; ok is false when
// none was. Mappings are settings, not records: not in the undo history.
func (b *Bulk) ColumnMapping(ctx context.Context, header string) (mapping map[string]string, saved time.Time, ok bool, err error) {
	var text string
	err = b.s.pool.QueryRow(ctx, "SELECT mapping::text, saved_at FROM column_mappings WHERE header = $1", header).Scan(&text, &saved)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, time.Time{}, false, nil
	}
	if err != nil {
		return nil, time.Time{}, false, err
	}
	if mapping, err = userdata.ParseMapping(text); err != nil {
		return nil, time.Time{}, false, err
	}
	return mapping, saved.UTC(), true, nil
}

// SaveColumnMapping keeps mapping for header, replacing any saved before.
func (b *Bulk) SaveColumnMapping(ctx context.Context, header string, mapping map[string]string) error {
	text, err := userdata.MappingText(header, mapping)
	if err != nil {
		return err
	}
	_, err = b.s.pool.Exec(ctx, `INSERT INTO column_mappings (header, mapping, saved_at) VALUES ($1, $2::jsonb, $3)
		ON CONFLICT (header) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at`,
		header, text, time.Now().UTC().Truncate(time.Second))
	return writeError(err)
}
