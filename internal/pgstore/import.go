package pgstore

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore/internal/pgimport"
	"github.com/hindsight-app/hindsight/internal/pgstore/pghistory"
	"github.com/hindsight-app/hindsight/internal/pgstore/pguserdata"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/importplan"
)

// importLock is the advisory lock key an import holds, so that two
// imports at once do not both take the same record for new.
const importLock = 0x484E4449 // "HNDI"

// Import adds the events, predictions and periods read from a file, with
// its sources' details, saved views and reminders, in one transaction,
// with the SQLite store's semantics (store.Bulk.Import): a record the
// database already has (the same title, date and actor; for a prediction,
// statement, source and date made; for a period, title, start and end) or
// the file has earlier on is skipped and reported; evidence and
// restatements are re-pointed at the saved records; the file's ids are
// kept when the database is empty and never gave them out; the import is
// one change in this client's undo history.
func (b *Bulk) Import(ctx context.Context, events []model.Event, preds []model.Prediction, opt store.ImportOptions) (store.ImportReport, error) {
	var report store.ImportReport
	if err := importplan.Check(events, preds); err != nil {
		return report, err
	}
	if err := importplan.CheckPeriods(opt.Periods); err != nil {
		return report, err
	}
	err := pgx.BeginFunc(ctx, b.s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", importLock); err != nil {
			return err
		}
		plan, err := pgimport.PlanRecords(ctx, tx, events, preds, opt.Reminders, &report)
		if err != nil {
			return err
		}
		newPeriods, keepPeriodIDs, err := pgimport.Periods(ctx, tx, opt.Periods, &report)
		if err != nil {
			return err
		}
		if opt.DryRun {
			report.NewEvents, report.NewPredictions, report.NewPeriods = plan.Events, plan.Predictions, newPeriods
			report.Views, _, err = pguserdata.SortViews(ctx, tx, opt.Views)
			return err
		}
		return b.saveImport(ctx, tx, plan, newPeriods, keepPeriodIDs, opt, &report)
	})
	if err != nil {
		return store.ImportReport{}, writeError(err)
	}
	err = b.analyzeAfterBulk(ctx, eventTables, report.AddedEvents)
	if err == nil {
		err = b.analyzeAfterBulk(ctx, predictionTables, report.AddedPredictions)
	}
	if err != nil {
		return report, fmt.Errorf("the records were imported; updating the planner's statistics failed: %w", err)
	}
	return report, nil
}

// saveImport writes what the plan found new, and records it as one change.
func (b *Bulk) saveImport(ctx context.Context, tx pgx.Tx, plan *pgimport.Plan, periods []model.Period, keepPeriodIDs bool,
	opt store.ImportOptions, report *store.ImportReport) error {
	now := time.Now().UTC().Truncate(time.Second)
	events := plan.Events
	total := len(events) + len(plan.Predictions) + len(periods)
	if err := mergeSources(ctx, tx, opt.Sources); err != nil {
		return err
	}
	ids, err := b.importIDs(ctx, tx, "events", report.KeptIDs, len(events), func(i int) int64 { return events[i].ID })
	if err != nil {
		return err
	}
	for i := range events {
		pgimport.Stamp(&events[i].CreatedAt, &events[i].UpdatedAt, now)
	}
	added, err := copyEvents(ctx, tx, events, ids)
	if err != nil {
		return err
	}
	report.EventIDs = ids
	plan.EventsSaved(ids)
	done := len(events)
	if err := pgimport.Progress(ctx, opt.Progress, done, total); err != nil {
		return err
	}

	predIDs, err := b.importIDs(ctx, tx, "predictions", report.KeptIDs, len(plan.Predictions),
		func(i int) int64 { return plan.Predictions[i].ID })
	if err != nil {
		return err
	}
	preds := plan.PointPredictions(predIDs)
	for i := range preds {
		p := &preds[i]
		pgimport.Stamp(&p.CreatedAt, &p.UpdatedAt, now)
		p.History = append([]model.Wording(nil), p.History...)
		for j := range p.History {
			p.History[j].SavedAt = p.History[j].SavedAt.UTC().Truncate(time.Second)
		}
	}
	if _, err := insertPredictions(ctx, tx, preds, predIDs); err != nil {
		return err
	}
	if len(predIDs) > 0 {
		report.PredictionIDs = predIDs
	}
	savedPreds, err := statesOf(ctx, tx, store.EntityPrediction, predIDs)
	if err != nil {
		return err
	}
	added = append(added, savedPreds...)
	done += len(preds)
	if err := pgimport.Progress(ctx, opt.Progress, done, total); err != nil {
		return err
	}
	for _, r := range plan.Reminded(opt.Reminders) {
		if err := pguserdata.InsertReminders(ctx, tx, []int64{r.PredictionID}, r.SentAt); err != nil {
			return err
		}
	}
	if report.Views, err = pguserdata.MergeViews(ctx, tx, opt.Views); err != nil {
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
			if err := pgimport.Progress(ctx, opt.Progress, done+i+1, total); err != nil {
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
	for _, table := range []string{"events", "predictions", "periods"} {
		if err := pgimport.SkipGivenIDs(ctx, tx, table); err != nil {
			return err
		}
	}
	report.Change, err = b.s.History().RecordBatch(ctx, tx, store.ActionImport, added)
	return err
}

// importIDs gives the ids n new records of table are saved under: the
// file's (fileID) when kept, new ones otherwise.
func (b *Bulk) importIDs(ctx context.Context, tx pgx.Tx, table string, keep bool, n int, fileID func(int) int64) ([]int64, error) {
	if !keep {
		return nextIDs(ctx, tx, table, n)
	}
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = fileID(i)
	}
	return ids, nil
}

// mergeSources adds the file's sources and fills in the details of known
// ones that have none, never overwriting one they have, as the SQLite
// store does. A name is one source whatever the case of its ASCII letters.
func mergeSources(ctx context.Context, tx pgx.Tx, sources []model.Source) error {
	return importplan.EachSource(sources, func(src model.Source) error {
		_, err := tx.Exec(ctx, `INSERT INTO sources (name, name_zh, kind, url) VALUES ($1, $2, $3, $4)
			ON CONFLICT ((ascii_fold(name))) DO UPDATE SET
				name_zh = CASE WHEN sources.name_zh = '' THEN excluded.name_zh ELSE sources.name_zh END,
				kind    = CASE WHEN sources.kind = '' THEN excluded.kind ELSE sources.kind END,
				url     = CASE WHEN sources.url = '' THEN excluded.url ELSE sources.url END`,
			src.Name, src.NameZh, src.Kind, src.URL)
		return err
	})
}

// Export reads every event and prediction with all their fields, and each
// prediction's wording history, for writing to a file, as store.Bulk.Export
// does: events by date, predictions by deadline, from one snapshot.
func (b *Bulk) Export(ctx context.Context) ([]model.Event, []model.Prediction, error) {
	var events []model.Event
	var preds []model.Prediction
	err := pgx.BeginTxFunc(ctx, b.s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, "SELECT "+eventColumns+" FROM events e ORDER BY e.earliest, e.latest, e.id")
		if err != nil {
			return err
		}
		events, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Event, error) {
			e, _, err := scanEvent(r)
			return e, err
		})
		if err != nil {
			return err
		}
		rows, err = tx.Query(ctx, "SELECT "+predictionColumns+predictionFrom+
			" ORDER BY p.due_latest IS NULL, p.due_latest, p.made_earliest, p.id")
		if err != nil {
			return err
		}
		preds, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Prediction, error) {
			p, _, err := scanPrediction(r)
			return p, err
		})
		if err != nil || len(preds) == 0 {
			return err
		}
		ids := make([]int64, len(preds))
		for i, p := range preds {
			ids[i] = p.ID
		}
		wordings, err := wordingsOf(ctx, tx, ids)
		for i := range preds {
			preds[i].History = wordings[preds[i].ID]
		}
		return err
	})
	if len(events) == 0 {
		events = nil
	}
	if len(preds) == 0 {
		preds = nil
	}
	return events, preds, err
}
