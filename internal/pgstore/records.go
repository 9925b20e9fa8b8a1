package pgstore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore/pghistory"
	"github.com/hindsight-app/hindsight/internal/store"
)

// records reads and writes the records the undo history touches
// (pghistory.Records): events and periods, in their tables.
type records struct{}

// Client is the name this store's changes are recorded under: its undo
// history is the changes made under that name.
func (s *Store) Client() string { return s.client }

// History is the undo history of the client a store was opened as.
type History = pghistory.History

// OtherClientError is an undo or redo refused because another client
// changed a record of it later: it names that client.
type OtherClientError = pghistory.OtherClientError

// History gives the undo history of s's client.
func (s *Store) History() *History { return pghistory.New(s.pool, s.client, records{}) }

// RestoreEvents writes back whole events under their ids, in one COPY.
func (records) RestoreEvents(ctx context.Context, tx pgx.Tx, events []model.Event, ids []int64) error {
	_, err := copyEvents(ctx, tx, events, ids)
	return err
}

// Read reads the records keys as they are now in tx, locking them,
// a statement per kind of record rather than per record; a record that
// does not exist is missing from the answer.
func (records) Read(ctx context.Context, tx pgx.Tx, keys []string) (map[string]pghistory.State, error) {
	ids := map[string][]int64{}
	for _, k := range keys {
		entity, id := pghistory.SplitKey(k)
		ids[entity] = append(ids[entity], id)
	}
	out := make(map[string]pghistory.State, len(keys))
	for entity, list := range ids {
		var table, query string
		var scan func(row) (any, error)
		switch entity {
		case store.EntityEvent:
			table, query = "events", "SELECT "+eventColumns+" FROM events e WHERE e.id = ANY($1)"
			scan = func(r row) (any, error) { e, _, err := scanEvent(r); return e, err }
		case store.EntityPeriod:
			table, query = "periods", "SELECT "+periodColumns+" FROM periods p WHERE p.id = ANY($1)"
			scan = func(r row) (any, error) { p, _, err := scanPeriod(r); return p, err }
		default:
			return nil, fmt.Errorf("the history cannot yet hold a %s", entity)
		}
		// Locked in id order, so that two replays cannot deadlock.
		if _, err := tx.Exec(ctx, "SELECT 1 FROM "+table+" WHERE id = ANY($1) ORDER BY id FOR UPDATE", list); err != nil {
			return nil, err
		}
		rows, err := tx.Query(ctx, query, list)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			m, err := scan(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			var id int64
			switch r := m.(type) {
			case model.Event:
				id = r.ID
			case model.Period:
				id = r.ID
			}
			st, err := pghistory.StateOf(entity, id, m)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[pghistory.Key(entity, id)] = st
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Restore writes a record back as st has it, under its id: over the
// record when it exists, or anew. Its version moves on, so that a form
// opened before the undo cannot save over it.
func (records) Restore(ctx context.Context, tx pgx.Tx, st pghistory.State, exists bool) error {
	switch st.Entity {
	case store.EntityEvent:
		var e model.Event
		if err := json.Unmarshal(st.Record, &e); err != nil {
			return err
		}
		if !exists {
			_, err := tx.Exec(ctx, `INSERT INTO events (id, title, title_zh, date, end_date, earliest, latest, actor,
				category, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
				append([]any{st.ID}, eventRow(e)...)...)
			if err != nil {
				return err
			}
			return writeEventDetails(ctx, tx, st.ID, e, false)
		}
		_, err := tx.Exec(ctx, `UPDATE events SET title = $2, title_zh = $3, date = $4, end_date = $5, earliest = $6,
			latest = $7, actor = $8, category = $9, description = $10, created_at = $11, updated_at = $12,
			version = version + 1 WHERE id = $1`, append([]any{st.ID}, eventRow(e)...)...)
		if err != nil {
			return err
		}
		return writeEventDetails(ctx, tx, st.ID, e, true)
	case store.EntityPeriod:
		var p model.Period
		if err := json.Unmarshal(st.Record, &p); err != nil {
			return err
		}
		if !exists {
			_, err := insertPeriod(ctx, tx, p, st.ID)
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE periods SET title = $2, start = $3, end_date = $4, earliest = $5, latest = $6,
			color = $7, lane = $8, description = $9, created_at = $10, updated_at = $11, version = version + 1
			WHERE id = $1`, st.ID, p.Title, p.Start.String(), p.End.String(), int64(p.Earliest()), int64(p.Latest()),
			p.Color, p.Lane, p.Description, p.CreatedAt, p.UpdatedAt)
		if err != nil {
			return err
		}
		return writeLinks(ctx, tx, "period_links", "period_id", st.ID, p.Links, true)
	}
	return fmt.Errorf("the history cannot yet restore a %s", st.Entity)
}

// Remove deletes the records a replay takes away.
func (records) Remove(ctx context.Context, tx pgx.Tx, entity string, ids []int64) error {
	table := map[string]string{store.EntityEvent: "events", store.EntityPeriod: "periods"}[entity]
	if table == "" {
		return fmt.Errorf("the history cannot yet remove a %s", entity)
	}
	_, err := tx.Exec(ctx, "DELETE FROM "+table+" WHERE id = ANY($1)", ids)
	return err
}

// Skip drops from the history the change seq, which must be this
