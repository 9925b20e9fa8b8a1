package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	sqlschema "github.com/hindsight-app/hindsight/internal/store/schema"
	"github.com/hindsight-app/hindsight/internal/store/userdata"
)

// Column mappings say how the columns of a CSV file are read: for each
// column name, the field it goes into. They are kept per header (the
// file's column names in order, as the caller joins them), so that the
// next file with that header is read the way a person last mapped it. They
// are settings, not records: saving one is not a change to undo.

// ColumnMapping reads the mapping saved for header; ok is false when none
// was.
func (b *Bulk) ColumnMapping(ctx context.Context, header string) (mapping map[string]string, saved time.Time, ok bool, err error) {
	var text, at string
	err = b.s.db.QueryRowContext(ctx, "SELECT mapping, saved_at FROM column_mappings WHERE header = ?", header).Scan(&text, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, time.Time{}, false, nil
	}
	if err != nil {
		return nil, time.Time{}, false, wrap(err)
	}
	if mapping, err = userdata.ParseMapping(text); err != nil {
		return nil, time.Time{}, false, err
	}
	return mapping, sqlschema.ParseTime(at), true, nil
}

// SaveColumnMapping keeps mapping for header, replacing any saved before.
func (b *Bulk) SaveColumnMapping(ctx context.Context, header string, mapping map[string]string) error {
	text, err := userdata.MappingText(header, mapping)
	if err != nil {
		return err
	}
	return b.s.file.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO column_mappings (header, mapping, saved_at) VALUES (?, ?, ?)
			ON CONFLICT (header) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at`,
			header, text, sqlschema.FormatTime(time.Now()))
		return err
	})
}
