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

// buildCacheKiB is the page cache of a file being built (see Rebuilding):
// the rows of one batch stay in memory until the file's pages are written
// once, in order.
const buildCacheKiB = 256 << 10

// BulkIndexing runs insert, which adds n new events in tx, with the
// per-row index triggers off, then indexes the new rows with one statement
// per index: about five times faster than indexing row by row. It is all
// one transaction, so on any error the triggers are back as they were.
func BulkIndexing(ctx context.Context, tx *sql.Tx, n int, insert func() error) error {
	return indexedAfter(ctx, tx, bulkCacheKiB(n), false, insert)
}

// Rebuilding is BulkIndexing for a file being built (see store.Build):
// the secondary indexes of events and their tags are dropped too, and made
// again from the finished tables with one sort each, instead of taking a
// random write for every row. Worth it only when the rows added outnumber
// the rows already there.
func Rebuilding(ctx context.Context, tx *sql.Tx, insert func() error) error {
	return indexedAfter(ctx, tx, buildCacheKiB, true, insert)
}

// indexedAfter runs insert with the indexing deferred (see deferIndexing)
// and indexes the new rows when it is done.
func indexedAfter(ctx context.Context, tx *sql.Tx, cacheKiB int64, dropIndexes bool, insert func() error) error {
	ix, err := deferIndexing(ctx, tx, cacheKiB, dropIndexes)
	if err != nil {
		return err
	}
	defer ix.restoreCache(ctx, tx)
	if err := insert(); err != nil {
		return err
	}
	return ix.finish(ctx, tx)
}

// deferred is the indexing a bulk write put off: the rows above maxBefore
// are new, dropped holds the CREATE INDEX statements to run again.
type deferred struct {
	maxBefore int64
	dropped   []string
	cache     int64
}

// deferIndexing turns the per-row index triggers off (and, with dropIndexes,
// drops the secondary indexes of events and event_tags) and enlarges the page
// cache to cacheKiB: the indexes of a large file outgrow SQLite's default
// 2 MB cache, and each new row would read its index pages back from the file.
func deferIndexing(ctx context.Context, tx *sql.Tx, cacheKiB int64, dropIndexes bool) (*deferred, error) {
	ix := &deferred{}
	// New rows get ids above the largest one (an empty database keeps the
	// ids of an imported file, all above 0).
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM events").Scan(&ix.maxBefore); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, "DROP TRIGGER events_span_insert; DROP TRIGGER events_fts_insert; DROP TRIGGER events_buckets_insert"); err != nil {
		return nil, err
	}
	if dropIndexes {
		if err := ix.dropIndexes(ctx, tx); err != nil {
			return nil, err
		}
	}
	if err := tx.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&ix.cache); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = %d", -cacheKiB)); err != nil {
		return nil, err
	}
	return ix, nil
}

// dropIndexes drops the secondary indexes of events and event_tags,
// keeping their statements as the schema holds them, so they are made
// again exactly as they were.
func (ix *deferred) dropIndexes(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema
		WHERE type = 'index' AND tbl_name IN ('events', 'event_tags') AND sql IS NOT NULL ORDER BY name`)
	if err != nil {
		return err
	}
	var names []string
	for rows.Next() {
		var name, create string
		if err := rows.Scan(&name, &create); err != nil {
			rows.Close()
			return err
		}
		names = append(names, name)
		ix.dropped = append(ix.dropped, create)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `DROP INDEX "`+name+`"`); err != nil {
			return err
		}
	}
	return nil
}

func (ix *deferred) restoreCache(ctx context.Context, tx *sql.Tx) {
	_, _ = tx.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("PRAGMA cache_size = %d", ix.cache))
}

// finish indexes the new rows, one statement per index, and puts the
// triggers (and dropped indexes) back.
func (ix *deferred) finish(ctx context.Context, tx *sql.Tx) error {
	for _, create := range ix.dropped {
		if _, err := tx.ExecContext(ctx, create); err != nil {
			return fmt.Errorf("index the events again: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO events_span (id, earliest, latest)
		SELECT id, earliest, latest FROM events WHERE id > ? ORDER BY earliest`, ix.maxBefore); err != nil {
		return fmt.Errorf("index the new events' dates: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO events_fts (rowid, title, title_zh, description, actor)
		SELECT id, title, title_zh, description, actor FROM events WHERE id > ?`, ix.maxBefore); err != nil {
		return fmt.Errorf("index the new events' text: %w", err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(schema.CountEvents, "e.id > ?"), ix.maxBefore, ix.maxBefore); err != nil {
		return fmt.Errorf("count the new events for the timeline's summaries: %w", err)
	}
	_, err := tx.ExecContext(ctx, schema.EventsSpanInsertTrigger+schema.EventsFTSInsertTrigger+schema.EventsBucketsInsertTrigger)
	return err
}
