package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/data"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// OpenSeeded opens url like Open and, the first time a store is opened
// seeded on a database that holds no records and never held any, fills it
// with the bundled seed dataset: the same sources, events and predictions
// as a new SQLite file (store.OpenSeeded), with the same ids. A database
// is seeded once: one emptied by its users, or filled by an import
// before, is never seeded. The seed and the mark that it was done are one
// transaction, under the lock an import takes, so two clients starting at
// once on an empty server seed it once, and a client stopped half-way
// leaves it empty (seeded at the next start). The seed is where the
// database starts, not an undoable change. A role that may not write it
// (a viewer, or an editor without INSERT on meta) opens an unseeded
// database as it is; the next editor to open it seeded seeds it.
func OpenSeeded(ctx context.Context, url string) (*Store, error) {
	return OpenSeededAs(ctx, url, "")
}

// OpenSeededAs is OpenSeeded for a named client (see OpenAs).
func OpenSeededAs(ctx context.Context, url, client string) (*Store, error) {
	seed, err := data.Load()
	if err != nil {
		return nil, fmt.Errorf("read the bundled events: %w", err)
	}
	s, err := OpenAs(ctx, url, client)
	if err != nil {
		return nil, err
	}
	if _, err := s.seedOnce(ctx, seed); err != nil {
		s.Close()
		return nil, fmt.Errorf("seed %s: %w", s.name, err)
	}
	return s, nil
}

// seedMark is the meta key that records that a database was offered the
// seed: its value says when, and whether it took it.
const seedMark = "seeded"

// seedOnce seeds the database if it was never offered the seed and has
// never held a record, and marks it offered either way. It reports
// whether it seeded.
func (s *Store) seedOnce(ctx context.Context, seed *data.Seed) (bool, error) {
	var offered bool
	err := s.pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM meta WHERE key = $1)", seedMark).Scan(&offered)
	if err != nil || offered {
		return false, err
	}
	sources, events, preds, err := store.SeedRecords(seed)
	if err != nil {
		return false, err
	}
	seeded := false
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", importLock); err != nil {
			return err
		}
		var offeredBefore bool
		if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM meta WHERE key = $1)", seedMark).Scan(&offeredBefore); err != nil || offeredBefore {
			return err // another client got here first
		}
		var pristine bool
		err := tx.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM predictions)
			AND NOT EXISTS (SELECT 1 FROM periods) AND NOT EXISTS (SELECT 1 FROM sources)
			AND NOT EXISTS (SELECT 1 FROM changes)
			AND NOT (SELECT is_called FROM events_id_seq) AND NOT (SELECT is_called FROM predictions_id_seq)`).Scan(&pristine)
		if err != nil {
			return err
		}
		mark := "not seeded: it held records at " + time.Now().UTC().Format(time.RFC3339)
		if pristine {
			if err := writeSeed(ctx, tx, sources, events, preds); err != nil {
				return err
			}
			seeded, mark = true, "seeded at "+time.Now().UTC().Format(time.RFC3339)
		}
		_, err = tx.Exec(ctx, "INSERT INTO meta (key, value) VALUES ($1, $2)", seedMark, mark)
		return err
	})
	if errors.Is(writeError(err), ErrReadOnly) {
		return false, nil // a viewer reads the database as it is
	}
	return seeded, err
}

// writeSeed writes the seed's records in tx, outside the history: sources
// with their details, then events and predictions under new ids (those of
// a new SQLite file, in a database that never gave any), their evidence
// and restatements pointed at them.
func writeSeed(ctx context.Context, tx pgx.Tx, sources []model.Source, events []model.Event, preds []model.Prediction) error {
	for _, src := range sources {
		if _, err := tx.Exec(ctx, `INSERT INTO sources (name, name_zh, kind, url) VALUES ($1, $2, $3, $4)
			ON CONFLICT ((ascii_fold(name))) DO UPDATE SET name_zh = excluded.name_zh, kind = excluded.kind, url = excluded.url`,
			src.Name, src.NameZh, src.Kind, src.URL); err != nil {
			return fmt.Errorf("source %q: %w", src.Name, err)
		}
	}
	now := time.Now().UTC().Truncate(time.Second)
	eventIDs, err := nextIDs(ctx, tx, "events", len(events))
	if err != nil {
		return err
	}
	for i := range events {
		events[i].CreatedAt, events[i].UpdatedAt = now, now
	}
	if _, err := copyEvents(ctx, tx, events, eventIDs); err != nil {
		return err
	}
	predIDs, err := nextIDs(ctx, tx, "predictions", len(preds))
	if err != nil {
		return err
	}
	for i := range preds {
		p := &preds[i]
		p.CreatedAt, p.UpdatedAt = now, now
		for j := range p.Resolution.Evidence {
			p.Resolution.Evidence[j].EventID = eventIDs[p.Resolution.Evidence[j].EventID-1]
		}
		if p.Restates != 0 {
			p.Restates = predIDs[p.Restates-1]
		}
	}
	_, err = insertPredictions(ctx, tx, preds, predIDs)
	return err
}
