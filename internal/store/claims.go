package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/prepare"
	sqlschema "github.com/hindsight-app/hindsight/internal/store/schema"
	"github.com/hindsight-app/hindsight/internal/store/sqltext"
	"github.com/hindsight-app/hindsight/internal/when"
)

// setPredictionLinks replaces a prediction's links, keeping their order.
func setPredictionLinks(ctx context.Context, tx *sql.Tx, id int64, links []model.SourceLink) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM prediction_links WHERE prediction_id = ?", id); err != nil {
		return err
	}
	for i, l := range links {
		if _, err := tx.ExecContext(ctx, `INSERT INTO prediction_links (prediction_id, position, url, quote, published, is_primary)
			VALUES (?, ?, ?, ?, ?, ?)`, id, i, l.URL, l.Quote, l.Published.String(), boolInt(l.Primary)); err != nil {
			return fmt.Errorf("save link: %w", err)
		}
	}
	return nil
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// scanLinks reads the links that predictionColumns gathers as a JSON
// array of [url, quote, published, is_primary].
func scanLinks(text sql.NullString) ([]model.SourceLink, error) {
	links := []model.SourceLink{}
	if !text.Valid || text.String == "" {
		return links, nil
	}
	var rows [][4]any
	if err := json.Unmarshal([]byte(text.String), &rows); err != nil {
		return nil, err
	}
	for _, r := range rows {
		url, _ := r[0].(string)
		quote, _ := r[1].(string)
		published, _ := r[2].(string)
		primary, _ := r[3].(float64)
		l := model.SourceLink{URL: url, Quote: quote, Primary: primary == 1}
		if published != "" {
			d, err := when.ParseEDTF(published)
			if err != nil {
				return nil, fmt.Errorf("unreadable published date %q: %w", published, err)
			}
			l.Published = d
		}
		links = append(links, l)
	}
	return links, nil
}

// restatedBy lists the claims that restate claim id, by id.
func restatedBy(ctx context.Context, tx *sql.Tx, id int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM predictions WHERE restates = ? ORDER BY id", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var r int64
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		ids = append(ids, r)
	}
	return ids, rows.Err()
}

// restatesProblem is a refused restatement, as a form shows it.
func restatesProblem(key, message string) error {
	return &model.ValidationError{Fields: []model.FieldError{{Field: "restates", Key: key, Message: message}}}
}

// RestatedProblem says why p may not restate the claim it names, read as
// found, its source and when it was made (stored as EDTF): that claim must
// exist, be by the same source and be made no later than p. Both engines
// check with it; nil means p may restate it, the loop check aside.
func RestatedProblem(p model.Prediction, found bool, source, made string) error {
	if !found {
		return restatesProblem("error.restates_missing", fmt.Sprintf("prediction %d does not exist", p.Restates))
	}
	if !strings.EqualFold(source, p.Source) {
		return restatesProblem("error.restates_other_source",
			fmt.Sprintf("a claim can only restate one by the same source; prediction %d was made by %s", p.Restates, source))
	}
	if earlier, err := when.ParseEDTF(made); err == nil && !p.Made.IsZero() && p.Made.Latest() < earlier.Earliest() {
		return restatesProblem("error.restates_later",
			fmt.Sprintf("a restatement comes after the claim it restates, which was made %s", earlier))
	}
	return nil
}

// checkRestates checks, in tx, the claim p says it restates: it must exist,
// be by the same source, be made no later than p, and not be p itself
// further up the chain (a chain never loops).
func checkRestates(ctx context.Context, tx *sql.Tx, p model.Prediction) error {
	if p.Restates == 0 {
		return nil
	}
	var source, made string
	err := tx.QueryRowContext(ctx, `SELECT s.name, p.made FROM predictions p JOIN sources s ON s.id = p.source_id
		WHERE p.id = ?`, p.Restates).Scan(&source, &made)
	found := !errors.Is(err, sql.ErrNoRows)
	if found && err != nil {
		return err
	}
	if err := RestatedProblem(p, found, source, made); err != nil {
		return err
	}
	if p.ID == 0 {
		return nil
	}
	// Walk up the chain from the restated claim: meeting p means a loop.
	at := p.Restates
	for steps := 0; at != 0 && steps < 10_000; steps++ {
		if at == p.ID {
			return restatesProblem("error.restates_loop", "this claim is itself a restatement of it: a chain of restatements cannot loop")
		}
		var next sql.NullInt64
		if err := tx.QueryRowContext(ctx, "SELECT restates FROM predictions WHERE id = ?", at).Scan(&next); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return nil
			}
			return err
		}
		at = next.Int64
	}
	return nil
}

// Claims reads and keeps what only claims have: the chain of
// restatements a claim belongs to, and when an open claim was reviewed.
type Claims struct{ s *Store }

// Claims gives the claim operations of s.
func (s *Store) Claims() *Claims { return &Claims{s} }

// Chain lists the moving-target chain a claim belongs to: from the first
// claim of the chain through every restatement of it, oldest first. A
// claim neither restating nor restated gives a chain of one.
func (c *Claims) Chain(ctx context.Context, id int64) ([]model.Prediction, error) {
	s := c.s
	rows, err := s.db.QueryContext(ctx, sqltext.RestatementChain("?")+"SELECT id FROM down", id)
	if err != nil {
		return nil, wrap(err)
	}
	var ids []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, wrap(err)
	}
	if len(ids) == 0 {
		return nil, notFound("prediction", id)
	}
	list, _ := json.Marshal(ids)
	chain, err := queryAll(ctx, s, scanPrediction, "SELECT "+predictionColumns+predictionFrom+
		" WHERE p.id IN (SELECT value FROM json_each(?)) ORDER BY p.made_earliest, p.id", string(list))
	return chain, err
}

// MarkReviewed records that an open claim was looked at again on day, so
// that the Due list stops asking for a review for another six months. It
// is one change in the history.
func (c *Claims) MarkReviewed(ctx context.Context, id int64, day when.Date) (model.Prediction, error) {
	s := c.s
	current, err := s.Prediction(ctx, id)
	if err != nil {
		return model.Prediction{}, err
	}
	if err := current.Review(day); err != nil {
		return model.Prediction{}, err
	}
	now := prepare.Now()
	_, err = s.tracked(ctx, ActionUpdate, EntityPrediction, id, nil, func(tx *sql.Tx) (int64, string, error) {
		_, err := tx.ExecContext(ctx, "UPDATE predictions SET reviewed_on = ?, updated_at = ? WHERE id = ?",
			current.ReviewedOn.String(), sqlschema.FormatTime(now), id)
		return id, current.Statement, err
	})
	if err != nil {
		return model.Prediction{}, err
	}
	return s.Prediction(ctx, id)
}
