package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore/internal/pgimport"
	"github.com/hindsight-app/hindsight/internal/pgstore/pghistory"
	"github.com/hindsight-app/hindsight/internal/pgstore/pguserdata"
	"github.com/hindsight-app/hindsight/internal/store"
)

// ErrPredictionsNotYet refuses an import that holds predictions or their
// sources: this engine does not keep predictions yet, and an import never
// leaves out part of a file without saying so first.
var ErrPredictionsNotYet = errors.New("this database cannot take predictions or their sources yet: nothing was imported")

// importLock is the advisory lock key an import holds, so that two
// imports at once do not both take the same record for new.
const importLock = 0x484E4449 // "HNDI"

// Import adds the events and periods read from a file, with its saved
// views and reminders, in one transaction, with the SQLite store's
// semantics (store.Bulk.Import): a record the database already has (the
// same title, date and actor; for a period, title, start and end) or the
// file has whole earlier on is skipped and reported; the file's ids are
// kept when the database is empty and never gave them out; the import is
// one change in this client's undo history. Predictions are refused for
// now (ErrPredictionsNotYet).
func (b *Bulk) Import(ctx context.Context, events []model.Event, preds []model.Prediction, opt store.ImportOptions) (store.ImportReport, error) {
	var report store.ImportReport
	if len(preds) > 0 || len(opt.Sources) > 0 {
		return report, ErrPredictionsNotYet
	}
	for i := range events {
		events[i].Normalize()
		if err := events[i].Validate(); err != nil {
			return report, fmt.Errorf("event %d of %d (%q): %w", i+1, len(events), events[i].Title, err)
		}
	}
	for i := range opt.Periods {
		opt.Periods[i].Normalize()
		if err := opt.Periods[i].Validate(); err != nil {
			return report, fmt.Errorf("period %d of %d (%q): %w", i+1, len(opt.Periods), opt.Periods[i].Title, err)
		}
	}
	// No prediction comes in, so no reminder finds its prediction.
	report.RemindersUnmatched = len(opt.Reminders)
	err := pgx.BeginFunc(ctx, b.s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", importLock); err != nil {
			return err
		}
		newEvents, err := pgimport.Events(ctx, tx, events, &report)
		if err != nil {
			return err
		}
		newPeriods, keepPeriodIDs, err := pgimport.Periods(ctx, tx, opt.Periods, &report)
		if err != nil {
			return err
		}
		if opt.DryRun {
			report.NewEvents, report.NewPeriods = newEvents, newPeriods
			report.Views, _, err = pguserdata.SortViews(ctx, tx, opt.Views)
			return err
		}
		return b.saveImport(ctx, tx, newEvents, newPeriods, keepPeriodIDs, opt, &report)
	})
	if err != nil {
		return store.ImportReport{}, writeError(err)
	}
	if err := b.analyzeAfterBulk(ctx, report.AddedEvents); err != nil {
		return report, fmt.Errorf("the records were imported; updating the planner's statistics failed: %w", err)
	}
	return report, nil
}

// saveImport writes what the plan found new, and records it as one change.
func (b *Bulk) saveImport(ctx context.Context, tx pgx.Tx, events []model.Event, periods []model.Period, keepPeriodIDs bool,
	opt store.ImportOptions, report *store.ImportReport) error {
	now := time.Now().UTC().Truncate(time.Second)
	total := len(events) + len(periods)
	var ids []int64
	if report.KeptIDs {
		for _, e := range events {
			ids = append(ids, e.ID)
		}
	} else {
		var err error
		if ids, err = nextIDs(ctx, tx, "events", len(events)); err != nil {
			return err
		}
	}
	for i := range events {
		pgimport.Stamp(&events[i].CreatedAt, &events[i].UpdatedAt, now)
	}
	added, err := copyEvents(ctx, tx, events, ids)
	if err != nil {
		return err
	}
	report.EventIDs = ids
	if err := pgimport.Progress(ctx, opt.Progress, len(events), total); err != nil {
		return err
	}
	for i, p := range periods {
		pgimport.Stamp(&p.CreatedAt, &p.UpdatedAt, now)
		keep := int64(0)
		if keepPeriodIDs {
			keep = p.ID
		}
		id, err := insertPeriod(ctx, tx, p, keep)
		if err != nil {
			return fmt.Errorf("period %q: %w", p.Title, err)
		}
		p.ID = id
		st, err := pghistory.StateOf(store.EntityPeriod, id, p)
		if err != nil {
			return err
		}
		added = append(added, st)
		report.PeriodIDs = append(report.PeriodIDs, id)
		if (i+1)%1000 == 0 {
			if err := pgimport.Progress(ctx, opt.Progress, len(events)+i+1, total); err != nil {
				return err
			}
		}
	}
	if total > 0 {
		if err := pgimport.Progress(ctx, opt.Progress, total, total); err != nil {
			return err
		}
	}
	// Ids kept from the file are ids given out: the sequences move past
	// them, so that no later record is given one.
	for _, table := range []string{"events", "periods"} {
		if err := pgimport.SkipGivenIDs(ctx, tx, table); err != nil {
			return err
		}
	}
	if report.Views, err = pguserdata.MergeViews(ctx, tx, opt.Views); err != nil {
		return err
	}
	report.Change, err = b.s.History().RecordBatch(ctx, tx, store.ActionImport, added)
	return err
}

// ErrPredictionsNotExported refuses an export of a database that holds
// predictions, which this build cannot read yet: an export never leaves
// records out without saying so.
var ErrPredictionsNotExported = errors.New("this database holds predictions, which this build cannot export yet: nothing was exported")

// Export reads every event with all its fields, for writing to a file, as
// store.Bulk.Export does. The database holds no predictions (nil); if it
// does, the export is refused (ErrPredictionsNotExported).
func (b *Bulk) Export(ctx context.Context) ([]model.Event, []model.Prediction, error) {
	var events []model.Event
	err := pgx.BeginTxFunc(ctx, b.s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		none, err := pgimport.NoPredictions(ctx, tx)
		if err != nil {
			return err
		}
		if !none {
			return ErrPredictionsNotExported
		}
		rows, err := tx.Query(ctx, "SELECT "+eventColumns+" FROM events e ORDER BY e.earliest, e.latest, e.id")
		if err != nil {
			return err
		}
		events, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Event, error) {
			e, _, err := scanEvent(r)
			return e, err
		})
		return err
	})
	if len(events) == 0 {
		events = nil
	}
	return events, nil, err
}
