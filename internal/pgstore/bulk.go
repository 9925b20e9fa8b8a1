package pgstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore/pghistory"
	"github.com/hindsight-app/hindsight/internal/store"
)

// AddEvents validates and saves many events in one transaction: all of
// them, or none if any is invalid or a write fails. It returns their ids in
// order. Rows go in with COPY, and the counts by bucket are kept by one
// grouped statement per table (the triggers are per statement). They are
// one change in the history: one undo takes them all back.
func (b *Bulk) AddEvents(ctx context.Context, events []model.Event) ([]int64, error) {
	now := time.Now().UTC().Truncate(time.Second)
	for i := range events {
		events[i].Normalize()
		if err := events[i].Validate(); err != nil {
			return nil, fmt.Errorf("event %d of %d: %w", i+1, len(events), err)
		}
		events[i].CreatedAt, events[i].UpdatedAt = now, now
	}
	var ids []int64
	err := pgx.BeginFunc(ctx, b.s.pool, func(tx pgx.Tx) error {
		var err error
		if ids, err = nextIDs(ctx, tx, "events", len(events)); err != nil {
			return err
		}
		added, err := copyEvents(ctx, tx, events, ids)
		if err != nil {
			return err
		}
		_, err = b.s.History().RecordBatch(ctx, tx, store.ActionAdd, added)
		return err
	})
	if err != nil {
		return nil, writeError(err)
	}
	if err := b.analyzeAfterBulk(ctx, len(events)); err != nil {
		return ids, fmt.Errorf("the events were saved; updating the planner's statistics failed: %w", err)
	}
	return ids, nil
}

// nextIDs takes n new ids of table, so that tags and links can name their
// records before these are written.
func nextIDs(ctx context.Context, tx pgx.Tx, table string, n int) ([]int64, error) {
	rows, err := tx.Query(ctx, "SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)", table, n)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

// copyEvents writes valid, normalised events under ids, with their tags
// and links, and returns their states for the history.
func copyEvents(ctx context.Context, tx pgx.Tx, events []model.Event, ids []int64) ([]pghistory.State, error) {
	tagSet := map[string]bool{}
	for _, e := range events {
		for _, t := range e.Tags {
			tagSet[t] = true
		}
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"events"},
		[]string{"id", "title", "title_zh", "date", "end_date", "earliest", "latest", "actor", "category", "description", "created_at", "updated_at"},
		pgx.CopyFromSlice(len(events), func(i int) ([]any, error) {
			return append([]any{ids[i]}, eventRow(events[i])...), nil
		}))
	if err != nil {
		return nil, fmt.Errorf("save events: %w", err)
	}
	tagIDs, err := ensureTags(ctx, tx, slices.Sorted(func(yield func(string) bool) {
		for t := range tagSet {
			if !yield(t) {
				return
			}
		}
	}))
	if err != nil {
		return nil, err
	}
	var tagRows, linkRows [][]any
	for i, e := range events {
		for _, t := range slices.Compact(slices.Sorted(slices.Values(e.Tags))) {
			tagRows = append(tagRows, []any{ids[i], tagIDs[t]})
		}
		for p, l := range e.Links {
			linkRows = append(linkRows, []any{ids[i], int32(p), l.URL, l.Quote})
		}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"event_tags"}, []string{"event_id", "tag_id"}, pgx.CopyFromRows(tagRows)); err != nil {
		return nil, fmt.Errorf("save tags: %w", err)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"event_links"}, []string{"event_id", "position", "url", "quote"}, pgx.CopyFromRows(linkRows)); err != nil {
		return nil, fmt.Errorf("save links: %w", err)
	}
	added := make([]pghistory.State, len(events))
	for i, e := range events {
		e.ID = ids[i]
		if added[i], err = pghistory.StateOf(store.EntityEvent, e.ID, e); err != nil {
			return nil, err
		}
	}
	return added, nil
}

// analyzeAfterBulk refreshes the planner's statistics after a bulk save of
// n events. The statistics of a table that just grew a lot are stale until
// autovacuum comes round: without them the planner reads a window or a
// search by scanning every event. Refreshing them costs about a second at
// 100k events.
func (b *Bulk) analyzeAfterBulk(ctx context.Context, n int) error {
	if n < analyzeAfter {
		return nil
	}
	_, err := b.s.pool.Exec(ctx, "ANALYZE events, event_tags, event_links, tags")
	return err
}

// analyzeAfter is the size of a bulk save after which AddEvents refreshes
// the planner's statistics.
const analyzeAfter = 1000

// ensureTags adds the tags that are missing and returns the id of each.
// It locks them against another client dropping them as unused before
// this transaction commits (see dropUnusedTags); one dropped between the
// add and the lock is added again.
func ensureTags(ctx context.Context, tx pgx.Tx, names []string) (map[string]int64, error) {
	ids := make(map[string]int64, len(names))
	missing := names
	for attempt := 0; len(missing) > 0; attempt++ {
		if attempt == 5 {
			return nil, fmt.Errorf("save tags: %d of them kept being dropped by other clients", len(missing))
		}
		if _, err := tx.Exec(ctx, "INSERT INTO tags (name) SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT (name) DO NOTHING", missing); err != nil {
			return nil, fmt.Errorf("save tags: %w", err)
		}
		rows, err := tx.Query(ctx, "SELECT name, id FROM tags WHERE name = ANY($1) ORDER BY name FOR KEY SHARE", missing)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var name string
			var id int64
			if err := rows.Scan(&name, &id); err != nil {
				rows.Close()
				return nil, err
			}
			ids[name] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		missing = slices.DeleteFunc(slices.Clone(missing), func(n string) bool { return ids[n] != 0 })
	}
	return ids, nil
}

// setTags replaces the tags of record id in table (event_tags,
// prediction_tags, whose record column is column).
func setTags(ctx context.Context, tx pgx.Tx, table, column string, id int64, tags []string, replace bool) error {
	if replace {
		if _, err := tx.Exec(ctx, "DELETE FROM "+table+" WHERE "+column+" = $1", id); err != nil {
			return err
		}
	}
	if len(tags) == 0 {
		return nil
	}
	// Tags are added in name order, so that writers adding the same new
	// tags at once take their locks in one order.
	tags = slices.Compact(slices.Sorted(slices.Values(tags)))
	tagIDs, err := ensureTags(ctx, tx, tags)
	if err != nil {
		return err
	}
	list := make([]int64, len(tags))
	for i, t := range tags {
		list[i] = tagIDs[t]
	}
	if _, err := tx.Exec(ctx, "INSERT INTO "+table+" ("+column+", tag_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING",
		id, list); err != nil {
		return fmt.Errorf("save tags: %w", err)
	}
	return nil
}

// dropUnusedTags removes those of the tags names that no event or
// prediction uses any more, as the SQLite store does after every change,
// so that the tags kept are the tags in use. A tag another client is
// saving just now is locked by it (see ensureTags) and skipped; if one is
// taken into use between the look and the delete, nothing is dropped this
// time: a tag left over costs nothing, and the next change drops it.
func dropUnusedTags(ctx context.Context, tx pgx.Tx, names []string) error {
	if len(names) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, "SAVEPOINT drop_unused_tags")
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `DELETE FROM tags WHERE id IN (SELECT id FROM tags t WHERE name = ANY($1)
		AND NOT EXISTS (SELECT 1 FROM event_tags WHERE tag_id = t.id)
		AND NOT EXISTS (SELECT 1 FROM prediction_tags WHERE tag_id = t.id)
		ORDER BY id FOR UPDATE SKIP LOCKED)`, names)
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23503" { // foreign_key_violation: taken into use meanwhile
		_, err = tx.Exec(ctx, "ROLLBACK TO SAVEPOINT drop_unused_tags")
		return err
	}
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, "RELEASE SAVEPOINT drop_unused_tags")
	return err
}
