package pgstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore/internal/pgtags"
)

// predictionRowColumns are the columns of a predictions row, in the order
// predictionRow gives them.
var predictionRowColumns = []string{"id", "statement", "statement_zh", "source_id", "made", "made_earliest",
	"deadline", "deadline_phrase", "due_earliest", "due_latest", "probability", "criteria", "kind", "provenance",
	"interest", "restates", "reviewed_on", "state", "fraction", "resolved_on", "resolution_note", "created_at", "updated_at"}

// predictionRow is p's predictions row: a resolution only if it is
// resolved, the kind a forecast unless it says otherwise.
func predictionRow(p model.Prediction, id, sourceID int64) []any {
	r, kind := p.Resolution.OrOpen(), p.KindOrForecast()
	dueEarliest, dueLatest := dueColumns(p)
	return []any{id, p.Statement, p.StatementZh, sourceID, p.Made.String(), int64(p.Made.Earliest()),
		p.Deadline.Canonical(), p.Deadline.Phrase, dueEarliest, dueLatest, p.Probability,
		p.Criteria, string(kind), string(p.Provenance), p.Interest, optionalID(p.Restates), p.ReviewedOn.String(),
		string(r.State), r.Fraction, r.On.String(), r.Note, p.CreatedAt, p.UpdatedAt}
}

// insertPredictions saves new, validated predictions in tx, returning
// their ids in order: each with its wordings (its first one when it has no
// history), tags, links and, if resolved, its resolution and evidence,
// which must name events that exist. ids, when given, are the ids to save
// them under; otherwise they take new ones. Rows go in with COPY, a
// statement per table whatever their number, so that a bulk save is
// announced once (the triggers are per statement). Sources and tags are
// added in name order, so that writers adding the same new ones at once
// take their locks in one order.
func insertPredictions(ctx context.Context, tx pgx.Tx, preds []model.Prediction, ids []int64) ([]int64, error) {
	if len(preds) == 0 {
		return []int64{}, nil
	}
	if ids == nil {
		var err error
		if ids, err = nextIDs(ctx, tx, "predictions", len(preds)); err != nil {
			return nil, err
		}
	}
	sourceIDs, err := ensureSources(ctx, tx, preds)
	if err != nil {
		return nil, err
	}
	rows := make([][]any, len(preds))
	for i, p := range preds {
		rows[i] = predictionRow(p, ids[i], sourceIDs[asciiLower(p.Source)])
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"predictions"}, predictionRowColumns, pgx.CopyFromRows(rows)); err != nil {
		return nil, fmt.Errorf("save predictions: %w", err)
	}
	return ids, writePredictionParts(ctx, tx, preds, ids)
}

// writePredictionParts writes the rows that hang off predictions saved
// under ids, which have none yet: wordings (the first one when a
// prediction has no history), tags, links and, if resolved, evidence.
func writePredictionParts(ctx context.Context, tx pgx.Tx, preds []model.Prediction, ids []int64) error {
	var tagNames []string
	for _, p := range preds {
		tagNames = append(tagNames, p.Tags...)
	}
	slices.Sort(tagNames)
	tagIDs, err := pgtags.Ensure(ctx, tx, slices.Compact(tagNames))
	if err != nil {
		return err
	}
	var wordingRows, tagRows, linkRows, evidenceRows [][]any
	for i, p := range preds {
		id := ids[i]
		wordings := p.History
		if len(wordings) == 0 {
			wordings = []model.Wording{{Version: 1, Statement: p.Statement, StatementZh: p.StatementZh, SavedAt: p.CreatedAt}}
		}
		for _, w := range wordings {
			wordingRows = append(wordingRows, []any{id, int32(w.Version), w.Statement, w.StatementZh, w.SavedAt})
		}
		for _, t := range slices.Compact(slices.Sorted(slices.Values(p.Tags))) {
			tagRows = append(tagRows, []any{id, tagIDs[t]})
		}
		for n, l := range p.Links {
			linkRows = append(linkRows, []any{id, int32(n), l.URL, l.Quote, l.Published.String(), l.Primary})
		}
		if p.Resolution.Resolved() {
			for _, ev := range p.Resolution.Evidence {
				evidenceRows = append(evidenceRows, []any{id, ev.EventID, string(ev.Role)})
			}
		}
	}
	tables := []struct {
		name    string
		columns []string
		rows    [][]any
	}{
		{"prediction_versions", []string{"prediction_id", "version", "statement", "statement_zh", "saved_at"}, wordingRows},
		{"prediction_tags", []string{"prediction_id", "tag_id"}, tagRows},
		{"prediction_links", []string{"prediction_id", "position", "url", "quote", "published", "is_primary"}, linkRows},
		{"evidence", []string{"prediction_id", "event_id", "role"}, evidenceRows},
	}
	for _, t := range tables {
		if len(t.rows) == 0 {
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.columns, pgx.CopyFromRows(t.rows)); err != nil {
			return fmt.Errorf("save %s: %w", t.name, err)
		}
	}
	return nil
}

// ensureSources adds the sources of preds that are missing and returns
// the id of each by its name with ASCII letters lowered: a name is one
// source whatever the case of its ASCII letters, spelt as first saved.
func ensureSources(ctx context.Context, tx pgx.Tx, preds []model.Prediction) (map[string]int64, error) {
	first := map[string]string{} // the first spelling of each name
	for _, p := range preds {
		if key := asciiLower(p.Source); first[key] == "" {
			first[key] = p.Source
		}
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range first {
			if !yield(k) {
				return
			}
		}
	})
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = first[k]
	}
	if _, err := tx.Exec(ctx, `INSERT INTO sources (name) SELECT n FROM unnest($1::text[]) WITH ORDINALITY AS s(n, i)
		ORDER BY i ON CONFLICT ((ascii_fold(name))) DO NOTHING`, names); err != nil {
		return nil, fmt.Errorf("save sources: %w", err)
	}
	rows, err := tx.Query(ctx, "SELECT ascii_fold(name), id FROM sources WHERE ascii_fold(name) = ANY($1)", keys)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := make(map[string]int64, len(keys))
	for rows.Next() {
		var key string
		var id int64
		if err := rows.Scan(&key, &id); err != nil {
			return nil, err
		}
		ids[key] = id
	}
	return ids, rows.Err()
}
