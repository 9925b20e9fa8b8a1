package pgstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore/internal/pgtags"
	"github.com/hindsight-app/hindsight/internal/pgstore/pghistory"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/prepare"
)

// AddEvents validates and saves many events in one transaction: all of
// them, or none if any is invalid or a write fails. It returns their ids in
// order. Rows go in with COPY, and the counts by bucket are kept by one
// grouped statement per table (the triggers are per statement). They are
// one change in the history: one undo takes them all back.
func (b *Bulk) AddEvents(ctx context.Context, events []model.Event) ([]int64, error) {
	if err := prepare.Events(events, prepare.Now()); err != nil {
		return nil, err
	}
	return b.addInBulk(ctx, "events", eventTables, func(tx pgx.Tx) ([]int64, []pghistory.State, error) {
		ids, err := nextIDs(ctx, tx, "events", len(events))
		if err != nil {
			return nil, nil, err
		}
		added, err := copyEvents(ctx, tx, events, ids)
		return ids, added, err
	})
}

// addInBulk saves new records in one transaction through save, which
// returns their ids and their states, records them as one change, and
// refreshes the planner's statistics of tables; what names the records.
func (b *Bulk) addInBulk(ctx context.Context, what, tables string,
	save func(tx pgx.Tx) ([]int64, []pghistory.State, error)) ([]int64, error) {
	var ids []int64
	err := pgx.BeginFunc(ctx, b.s.pool, func(tx pgx.Tx) error {
		var added []pghistory.State
		var err error
		if ids, added, err = save(tx); err != nil {
			return err
		}
		_, err = b.s.History().RecordBatch(ctx, tx, store.ActionAdd, added)
		return err
	})
	if err != nil {
		return nil, writeError(err)
	}
	if err := b.analyzeAfterBulk(ctx, tables, len(ids)); err != nil {
		return ids, fmt.Errorf("the %s were saved; updating the planner's statistics failed: %w", what, err)
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
	tagIDs, err := pgtags.Ensure(ctx, tx, slices.Sorted(func(yield func(string) bool) {
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

// analyzeAfterBulk refreshes the planner's statistics of tables after a
// bulk save of n records. The statistics of a table that just grew a lot
// are stale until autovacuum comes round: without them the planner reads
// a window or a search by scanning every event. Refreshing them costs
// about a second at 100k events.
func (b *Bulk) analyzeAfterBulk(ctx context.Context, tables string, n int) error {
	if n < analyzeAfter {
		return nil
	}
	_, err := b.s.pool.Exec(ctx, "ANALYZE "+tables)
	return err
}

// The tables a bulk save of events, or of predictions, fills.
const (
	eventTables      = "events, event_tags, event_links, tags"
	predictionTables = "predictions, prediction_tags, prediction_links, prediction_versions, evidence, sources"
)

// analyzeAfter is the size of a bulk save after which AddEvents refreshes
// the planner's statistics.
const analyzeAfter = 1000
