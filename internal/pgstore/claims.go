package pgstore

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/sqltext"
	"github.com/hindsight-app/hindsight/internal/when"
)

// restatesProblem is a refused restatement, as a form shows it.
func restatesProblem(key, message string) error {
	return &model.ValidationError{Fields: []model.FieldError{{Field: "restates", Key: key, Message: message}}}
}

// checkRestates checks, in tx, the claim p says it restates, as the SQLite
// store does: it must exist, be by the same source, be made no later than
// p, and not be p itself further up the chain (a chain never loops).
func checkRestates(ctx context.Context, tx pgx.Tx, p model.Prediction) error {
	if p.Restates == 0 {
		return nil
	}
	var source, made string
	err := tx.QueryRow(ctx, `SELECT s.name, p.made FROM predictions p JOIN sources s ON s.id = p.source_id
		WHERE p.id = $1`, p.Restates).Scan(&source, &made)
	found := !errors.Is(err, pgx.ErrNoRows)
	if found && err != nil {
		return err
	}
	if err := store.RestatedProblem(p, found, source, made); err != nil {
		return err
	}
	if p.ID == 0 {
		return nil
	}
	// Walk up the chain from the restated claim: meeting p means a loop.
	var loops bool
	err = tx.QueryRow(ctx, `WITH RECURSIVE up(id, restates, depth) AS (
			SELECT id, restates, 0 FROM predictions WHERE id = $1
			UNION ALL SELECT p.id, p.restates, up.depth + 1 FROM predictions p JOIN up ON p.id = up.restates
			WHERE up.depth < 10000 AND up.id <> $2)
		SELECT EXISTS (SELECT 1 FROM up WHERE id = $2)`, p.Restates, p.ID).Scan(&loops)
	if err != nil {
		return err
	}
	if loops {
		return restatesProblem("error.restates_loop", "this claim is itself a restatement of it: a chain of restatements cannot loop")
	}
	return nil
}

// Chain lists the moving-target chain a claim belongs to: from the
// first claim of the chain through every restatement of it, oldest first
// (the SQLite store's Claims().Chain). A claim neither restating nor
// restated gives a chain of one.
func (c *Claims) Chain(ctx context.Context, id int64) ([]model.Prediction, error) {
	rows, err := c.s.pool.Query(ctx, sqltext.RestatementChain("$1")+"SELECT DISTINCT id FROM down", id)
	if err != nil {
		return nil, err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, notFound("prediction", id)
	}
	return queryPredictions(ctx, c.s.pool, "SELECT "+predictionColumns+predictionFrom+
		" WHERE p.id = ANY($1) ORDER BY p.made_earliest, p.id", ids)
}

// MarkReviewed records that an open claim was looked at again on day
// (today when zero), so that the Due list stops asking for a review for
// another six months.
func (c *Claims) MarkReviewed(ctx context.Context, id int64, day when.Date) (model.Prediction, error) {
	current, err := c.s.Prediction(ctx, id)
	if err != nil {
		return model.Prediction{}, err
	}
	if err := current.Review(day); err != nil {
		return model.Prediction{}, err
	}
	_, err = c.s.History().Track(ctx, store.ActionUpdate, store.EntityPrediction, id, func(tx pgx.Tx) (int64, string, error) {
		tag, err := tx.Exec(ctx, "UPDATE predictions SET reviewed_on = $1, updated_at = $2 WHERE id = $3",
			current.ReviewedOn.String(), time.Now().UTC().Truncate(time.Second), id)
		if err == nil && tag.RowsAffected() == 0 {
			err = notFound("prediction", id)
		}
		return id, current.Statement, err
	})
	if err != nil {
		return model.Prediction{}, err
	}
	return c.s.Prediction(ctx, id)
}

// Sources lists everyone who has made a prediction, by name, ignoring the
// case of ASCII letters as the SQLite store's NOCASE does.
func (v *Vocabulary) Sources(ctx context.Context) ([]string, error) {
	return v.names(ctx, `SELECT name FROM sources ORDER BY ascii_fold(name) COLLATE "C", name COLLATE "C"`)
}

// Actors lists the actors named by events, by name, from the kept counts
// by lane (one row per actor and bucket, not per event).
func (v *Vocabulary) Actors(ctx context.Context) ([]string, error) {
	return v.names(ctx, `SELECT lane FROM (SELECT DISTINCT lane FROM event_buckets WHERE dim = 'actor' AND lane <> '') l
		ORDER BY ascii_fold(lane) COLLATE "C", lane COLLATE "C"`)
}

// Tags lists every tag in use by an event or a prediction, by name.
func (v *Vocabulary) Tags(ctx context.Context) ([]string, error) {
	return v.names(ctx, `SELECT name FROM tags t
		WHERE EXISTS (SELECT 1 FROM event_tags WHERE tag_id = t.id)
		   OR EXISTS (SELECT 1 FROM prediction_tags WHERE tag_id = t.id)
		ORDER BY name COLLATE "C"`)
}

func (v *Vocabulary) names(ctx context.Context, query string) ([]string, error) {
	rows, err := v.s.pool.Query(ctx, query)
	if err != nil {
		return nil, err
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if names == nil && err == nil {
		names = []string{}
	}
	return names, err
}

// SourceDetails lists every source with its details, by name.
func (b *Bulk) SourceDetails(ctx context.Context) ([]model.Source, error) {
	rows, err := b.s.pool.Query(ctx, `SELECT name, name_zh, kind, url FROM sources
		ORDER BY ascii_fold(name) COLLATE "C", name COLLATE "C"`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Source, error) {
		var src model.Source
		err := r.Scan(&src.Name, &src.NameZh, &src.Kind, &src.URL)
		return src, err
	})
}
