package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/history"
	"github.com/hindsight-app/hindsight/internal/store/internal/insert"
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
	now := time.Now().UTC().Truncate(time.Second)
	for i := range events {
		events[i].Normalize()
		if err := events[i].Validate(); err != nil {
			return nil, fmt.Errorf("event %d of %d: %w", i+1, len(events), err)
		}
		events[i].CreatedAt, events[i].UpdatedAt = now, now
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
	now := time.Now().UTC().Truncate(time.Second)
	for i := range preds {
		preds[i].Normalize()
		if err := preds[i].Validate(); err != nil {
			return nil, fmt.Errorf("prediction %d of %d: %w", i+1, len(preds), err)
		}
		preds[i].CreatedAt, preds[i].UpdatedAt = now, now
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
