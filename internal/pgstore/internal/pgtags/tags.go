// Package pgtags keeps the tags of Hindsight's PostgreSQL database: a
// name each, shared by the events and predictions that use it, and
// dropped when the last record using it lets it go, as the SQLite store
// drops it. Clients taking a tag into use and dropping it at once lose
// nothing: a writer locks the tags it uses, and a tag dropped under it is
// made again.
package pgtags

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Ensure adds the tags that are missing and returns the id of each.
// It locks them against another client dropping them as unused before
// this transaction commits (see DropUnused); one dropped between the
// add and the lock is added again.
func Ensure(ctx context.Context, tx pgx.Tx, names []string) (map[string]int64, error) {
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

// Set replaces the tags of record id in table (event_tags,
// prediction_tags, whose record column is column).
func Set(ctx context.Context, tx pgx.Tx, table, column string, id int64, tags []string, replace bool) error {
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
	tagIDs, err := Ensure(ctx, tx, tags)
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

// DropUnused removes those of the tags names that no event or
// prediction uses any more, as the SQLite store does after every change,
// so that the tags kept are the tags in use. A tag another client is
// saving just now is locked by it (see Ensure) and skipped; if one is
// taken into use between the look and the delete, nothing is dropped this
// time: a tag left over costs nothing, and the next change drops it.
func DropUnused(ctx context.Context, tx pgx.Tx, names []string) error {
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
