package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore/internal/pgtags"
	"github.com/hindsight-app/hindsight/internal/pgstore/pghistory"
	"github.com/hindsight-app/hindsight/internal/store"
)

// records reads and writes the records the undo history touches
// (pghistory.Records): events, periods and predictions, in their tables.
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

// RestorePredictions writes back whole predictions under their ids, a
// COPY per table.
func (records) RestorePredictions(ctx context.Context, tx pgx.Tx, preds []model.Prediction, ids []int64) error {
	_, err := insertPredictions(ctx, tx, preds, ids)
	return err
}

// Read reads the records keys as they are now in tx, locking them,
// a statement per kind of record rather than per record; a record that
// does not exist is missing from the answer.
func (records) Read(ctx context.Context, tx pgx.Tx, keys []string) (map[string]pghistory.State, error) {
	ids := map[string][]int64{}
	for _, k := range keys {
		entity, id := pghistory.SplitKey(k)
		if entityTables[entity] == "" {
			return nil, fmt.Errorf("the history keeps no %s", entity)
		}
		ids[entity] = append(ids[entity], id)
	}
	out := make(map[string]pghistory.State, len(keys))
	// Kinds are locked in one order, and records in id order, so that two
	// replays cannot deadlock.
	for _, entity := range []string{store.EntityEvent, store.EntityPeriod, store.EntityPrediction} {
		list := ids[entity]
		if len(list) == 0 {
			continue
		}
		table := entityTables[entity]
		if _, err := tx.Exec(ctx, "SELECT 1 FROM "+table+" WHERE id = ANY($1) ORDER BY id FOR UPDATE", list); err != nil {
			return nil, err
		}
		var found []any
		var err error
		switch entity {
		case store.EntityEvent:
			found, err = readAll(ctx, tx, "SELECT "+eventColumns+" FROM events e WHERE e.id = ANY($1)", list,
				func(r row) (any, error) { e, _, err := scanEvent(r); return e, err })
		case store.EntityPeriod:
			found, err = readAll(ctx, tx, "SELECT "+periodColumns+" FROM periods p WHERE p.id = ANY($1)", list,
				func(r row) (any, error) { p, _, err := scanPeriod(r); return p, err })
		case store.EntityPrediction:
			found, err = readPredictions(ctx, tx, list)
		}
		if err != nil {
			return nil, err
		}
		for _, m := range found {
			var id int64
			switch r := m.(type) {
			case model.Event:
				id = r.ID
			case model.Period:
				id = r.ID
			case model.Prediction:
				id = r.ID
			}
			st, err := pghistory.StateOf(entity, id, m)
			if err != nil {
				return nil, err
			}
			out[pghistory.Key(entity, id)] = st
		}
	}
	return out, nil
}

// readAll reads the records query selects with ids, scanning each.
func readAll(ctx context.Context, tx pgx.Tx, query string, ids []int64, scan func(row) (any, error)) ([]any, error) {
	rows, err := tx.Query(ctx, query, ids)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (any, error) { return scan(r) })
}

// readPredictions reads the predictions ids with every saved wording, as
// the history keeps them.
func readPredictions(ctx context.Context, tx pgx.Tx, ids []int64) ([]any, error) {
	found, err := readAll(ctx, tx, "SELECT "+predictionColumns+predictionFrom+" WHERE p.id = ANY($1)", ids,
		func(r row) (any, error) { p, _, err := scanPrediction(r); return p, err })
	if err != nil {
		return nil, err
	}
	wordings, err := wordingsOf(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	for i, m := range found {
		p := m.(model.Prediction)
		p.History = wordings[p.ID]
		found[i] = p
	}
	return found, nil
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
	case store.EntityPrediction:
		p, err := pghistory.PredictionOf(st)
		if err != nil {
			return err
		}
		if !exists {
			_, err := insertPredictions(ctx, tx, []model.Prediction{p}, []int64{st.ID})
			return err
		}
		return restorePrediction(ctx, tx, st.ID, p)
	}
	return fmt.Errorf("the history cannot restore a %s", st.Entity)
}

// restorePrediction writes p back over the prediction id, with its
// wordings, tags, links and evidence. Its version moves on (a trigger
// counts every save).
func restorePrediction(ctx context.Context, tx pgx.Tx, id int64, p model.Prediction) error {
	sourceID, err := ensureSource(ctx, tx, p.Source)
	if err != nil {
		return err
	}
	row := predictionRow(p, id, sourceID)
	sets := make([]string, 0, len(predictionRowColumns)-1)
	for i, c := range predictionRowColumns[1:] {
		sets = append(sets, fmt.Sprintf("%s = $%d", c, i+2))
	}
	if _, err := tx.Exec(ctx, "UPDATE predictions SET "+strings.Join(sets, ", ")+" WHERE id = $1", row...); err != nil {
		return fmt.Errorf("restore prediction: %w", err)
	}
	for _, table := range []string{"prediction_versions", "prediction_tags", "prediction_links", "evidence"} {
		if _, err := tx.Exec(ctx, "DELETE FROM "+table+" WHERE prediction_id = $1", id); err != nil {
			return err
		}
	}
	return writePredictionParts(ctx, tx, []model.Prediction{p}, []int64{id})
}

// wordingsOf reads every saved wording of the predictions ids, the first
// first, by prediction.
func wordingsOf(ctx context.Context, q interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}, ids []int64) (map[int64][]model.Wording, error) {
	rows, err := q.Query(ctx, `SELECT prediction_id, version, statement, statement_zh, saved_at FROM prediction_versions
		WHERE prediction_id = ANY($1) ORDER BY prediction_id, version`, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]model.Wording{}
	for rows.Next() {
		var id int64
		var w model.Wording
		if err := rows.Scan(&id, &w.Version, &w.Statement, &w.StatementZh, &w.SavedAt); err != nil {
			return nil, err
		}
		w.SavedAt = w.SavedAt.UTC()
		out[id] = append(out[id], w)
	}
	return out, rows.Err()
}

// entityTables names the table of each kind of record the history keeps.
var entityTables = map[string]string{store.EntityEvent: "events", store.EntityPeriod: "periods",
	store.EntityPrediction: "predictions"}

// Exist says which of the records ids of one kind exist.
func (records) Exist(ctx context.Context, tx pgx.Tx, entity string, ids []int64) (map[int64]bool, error) {
	table := entityTables[entity]
	if table == "" {
		return nil, fmt.Errorf("the history keeps no %s", entity)
	}
	rows, err := tx.Query(ctx, "SELECT id FROM "+table+" WHERE id = ANY($1)", ids)
	if err != nil {
		return nil, err
	}
	found, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	exist := make(map[int64]bool, len(found))
	for _, id := range found {
		exist[id] = true
	}
	return exist, err
}

// CitedBy finds a prediction, other than those of except, that cites one
// of events as evidence.
func (records) CitedBy(ctx context.Context, tx pgx.Tx, events, except []int64) (event, prediction int64, label string, ok bool, err error) {
	if except == nil {
		except = []int64{}
	}
	err = tx.QueryRow(ctx, `SELECT ev.event_id, ev.prediction_id, p.statement FROM evidence ev
		JOIN predictions p ON p.id = ev.prediction_id
		WHERE ev.event_id = ANY($1) AND ev.prediction_id <> ALL($2) ORDER BY ev.event_id, ev.prediction_id LIMIT 1`,
		events, except).Scan(&event, &prediction, &label)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, 0, "", false, nil
	}
	return event, prediction, label, err == nil, err
}

// DropUnusedTags removes those of the tags names no record uses any more.
func (records) DropUnusedTags(ctx context.Context, tx pgx.Tx, names []string) error {
	return pgtags.DropUnused(ctx, tx, names)
}

// Remove deletes the records a replay takes away.
func (records) Remove(ctx context.Context, tx pgx.Tx, entity string, ids []int64) error {
	table := entityTables[entity]
	if table == "" {
		return fmt.Errorf("the history cannot remove a %s", entity)
	}
	_, err := tx.Exec(ctx, "DELETE FROM "+table+" WHERE id = ANY($1)", ids)
	return err
}

// Skip drops from the history the change seq, which must be this
