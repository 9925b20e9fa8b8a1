package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/history"
	"github.com/hindsight-app/hindsight/internal/store/internal/importer"
	"github.com/hindsight-app/hindsight/internal/store/internal/insert"
	"github.com/hindsight-app/hindsight/internal/store/prepare"
	sqlschema "github.com/hindsight-app/hindsight/internal/store/schema"
)

// Bulk writes and reads many records at once: imports, exports, the seed
// and bulk saves. Each write is one transaction, recorded as one undoable
// change.
type Bulk struct{ s *Store }

// Bulk gives the bulk operations of s.
func (s *Store) Bulk() *Bulk { return &Bulk{s} }

// AddEvents validates and saves many events in one transaction: all of
// them, or none if any is invalid or a write fails. It returns their ids in
// order. They are one change in the history: one undo takes them all back.
func (b *Bulk) AddEvents(ctx context.Context, events []model.Event) ([]int64, error) {
	s := b.s
	if err := prepare.Events(events, prepare.Now()); err != nil {
		return nil, err
	}
	var ids []int64
	err := s.file.Write(ctx, func(tx *sql.Tx) error {
		in := insert.New(ctx, tx)
		defer in.Close()
		digests := in.KeepDigests()
		var err error
		if ids, err = insert.NextIDs(ctx, tx, "events", len(events)); err != nil {
			return err
		}
		err = insert.BulkIndexing(ctx, tx, len(events), func() error { return in.Events(events, ids, nil) })
		if err != nil {
			return err
		}
		return history.RecordBatch(ctx, tx, ActionAdd, digests)
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// AddPredictions validates and saves many predictions in one transaction,
// all or none, returning their ids in order, as one change in the history.
func (b *Bulk) AddPredictions(ctx context.Context, preds []model.Prediction) ([]int64, error) {
	s := b.s
	if err := prepare.Predictions(preds, prepare.Now()); err != nil {
		return nil, err
	}
	ids := make([]int64, len(preds))
	err := s.file.Write(ctx, func(tx *sql.Tx) error {
		in := insert.New(ctx, tx)
		defer in.Close()
		digests := in.KeepDigests()
		for i, p := range preds {
			id, err := in.Prediction(p, 0)
			if err != nil {
				return fmt.Errorf("prediction %d of %d: %w", i+1, len(preds), err)
			}
			ids[i] = id
		}
		return history.RecordBatch(ctx, tx, ActionAdd, digests)
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// ImportOptions tune Import (see importer.Options).
type ImportOptions = importer.Options

// ImportReport says what an import did or, for a dry run, would do (see
// importer.Report).
type ImportReport = importer.Report

// Import adds events and predictions read from a file in one transaction:
// all of them, or none if anything fails or ctx is cancelled. Records must
// already be valid (the exchange package returns only valid ones; invalid
// ones are refused here again). A record the database already has is
// skipped as a duplicate; evidence and restatements are re-pointed at the
// saved records. An import is one change in the history: one undo takes
// back every record it added. See importer.Run for the details.
func (b *Bulk) Import(ctx context.Context, events []model.Event, preds []model.Prediction, opt ImportOptions) (ImportReport, error) {
	return importer.Run(ctx, b.s.file, events, preds, opt)
}

// SourceDetails lists every source with its details, by name.
func (b *Bulk) SourceDetails(ctx context.Context) ([]model.Source, error) {
	s := b.s
	return queryAll(ctx, s, func(r scanner) (model.Source, error) {
		var src model.Source
		err := r.Scan(&src.Name, &src.NameZh, &src.Kind, &src.URL)
		return src, err
	}, "SELECT name, name_zh, kind, url FROM sources ORDER BY name COLLATE NOCASE")
}

// Export reads every event and prediction with all their fields, and each
// prediction's wording history, for writing to a file.
func (b *Bulk) Export(ctx context.Context) ([]model.Event, []model.Prediction, error) {
	s := b.s
	events, err := s.Events(ctx, EventQuery{})
	if err != nil {
		return nil, nil, err
	}
	preds, err := s.Predictions(ctx, PredictionQuery{})
	if err != nil {
		return nil, nil, err
	}
	history := map[int64][]model.Wording{}
	rows, err := s.db.QueryContext(ctx, `SELECT prediction_id, version, statement, statement_zh, saved_at
		FROM prediction_versions ORDER BY prediction_id, version`)
	if err != nil {
		return nil, nil, wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var w model.Wording
		var saved string
		if err := rows.Scan(&id, &w.Version, &w.Statement, &w.StatementZh, &saved); err != nil {
			return nil, nil, err
		}
		w.SavedAt = sqlschema.ParseTime(saved)
		history[id] = append(history[id], w)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, wrap(err)
	}
	for i := range preds {
		preds[i].History = history[preds[i].ID]
	}
	return events, preds, nil
}
