package insert

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/hindsight-app/hindsight/internal/store/schema"
)

// bulkCacheKiB is the page cache of a bulk write of n events, in KiB:
// room for the index pages the rows touch, 2 KiB a row, at least SQLite's
// default and at most 64 MiB (measured: 300k events in batches of 100k
// ran as fast with 32 or 64 MiB as with 256, and a larger cache only
// costs memory and page faults).
func bulkCacheKiB(n int) int64 { return min(max(2*int64(n), 2<<10), 64<<10) }

// BulkIndexing runs insert, which adds n new events in tx, with the
// per-row index triggers off, then indexes the new rows with one statement
// per index: about five times faster than indexing row by row. It is all
// one transaction, so on any error the triggers are back as they were.
func BulkIndexing(ctx context.Context, tx *sql.Tx, n int, insert func() error) error {
	// New rows get ids above the largest one (an empty database keeps the
	// ids of an imported file, all above 0).
	var maxBefore int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM events").Scan(&maxBefore); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DROP TRIGGER events_span_insert; DROP TRIGGER events_fts_insert; DROP TRIGGER events_buckets_insert"); err != nil {
		return err
	}
	// The indexes of a large file outgrow SQLite's default 2 MB page
	// cache, and each new row then reads its index pages back from the
	// file: a bulk write gets a larger cache while it runs.
	var cache int64
	if err := tx.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cache); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = %d", -bulkCacheKiB(n))); err != nil {
		return err
	}
	defer tx.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("PRAGMA cache_size = %d", cache))
	if err := insert(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO events_span (id, earliest, latest)
		SELECT id, earliest, latest FROM events WHERE id > ? ORDER BY earliest`, maxBefore); err != nil {
		return fmt.Errorf("index the new events' dates: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO events_fts (rowid, title, title_zh, description, actor)
		SELECT id, title, title_zh, description, actor FROM events WHERE id > ?`, maxBefore); err != nil {
		return fmt.Errorf("index the new events' text: %w", err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(schema.CountEvents, "e.id > ?"), maxBefore, maxBefore); err != nil {
		return fmt.Errorf("count the new events for the timeline's summaries: %w", err)
	}
	_, err := tx.ExecContext(ctx, schema.EventsSpanInsertTrigger+schema.EventsFTSInsertTrigger+schema.EventsBucketsInsertTrigger)
	return err
}
