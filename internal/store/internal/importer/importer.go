// Package importer adds the records of a file to the store in one write
// transaction: it plans which are new and which duplicate what the
// database (or the file, earlier on) holds, keeps the file's ids when the
// database is empty and never gave them out, re-points evidence and
// restatements at the saved records, and records the whole import as one
// change in the undo history. Package store offers it as Bulk.Import.
package importer

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/history"
	"github.com/hindsight-app/hindsight/internal/store/importplan"
	"github.com/hindsight-app/hindsight/internal/store/internal/dbfile"
	"github.com/hindsight-app/hindsight/internal/store/internal/insert"
	"github.com/hindsight-app/hindsight/internal/store/userdata"
)

// Options tune Run.
type Options struct {
	// DryRun works out what would be added and skipped, writing nothing.
	DryRun bool
	// Progress, when set, is told how many records have been saved so far.
	Progress func(done, total int)
	// Sources are details of the predictions' sources (Chinese name,
	// kind, address), as a Hindsight JSON file carries them. They fill in
	// details the database lacks and never overwrite ones it has.
	Sources []model.Source
	// Views are saved views; one whose name the database already has is
	// skipped (see Report.Views).
	Views []filter.SavedView
	// Reminders name the predictions, by their ids in preds, whose passed
	// deadline was already announced; they are kept for the saved
	// predictions (or the ones in the database that they duplicate).
	Reminders []model.Reminder
	// Periods are the file's periods (eras, sections); one the database
	// already has (same title, start and end) is skipped.
	Periods []model.Period
}

// Report says what an import did (or, for a dry run, would do).
type Report struct {
	AddedEvents      int
	AddedPredictions int
	// Duplicates are records skipped because the database already has one
	// with the same title, date and actor — for a prediction, the same
	// statement, source and date made — or the file has the same record,
	// whole, earlier on.
	DuplicateEvents      []model.Event
	DuplicatePredictions []model.Prediction
	// KeptIDs is true when the database was empty, had never given out
	// the ids of the file's records, and the records kept them, so an
	// export imported into a new database reproduces it exactly.
	KeptIDs bool
	// Change is the import's entry in the undo history (0 for a dry run or
	// when nothing was added); BatchRecords lists its records again.
	Change int64
	// EventIDs and PredictionIDs are the records added, in their order.
	EventIDs, PredictionIDs []int64
	// NewEvents and NewPredictions are the records a dry run would add,
	// in the file's order.
	NewEvents      []model.Event
	NewPredictions []model.Prediction
	NewPeriods     []model.Period
	// Views says which saved views are added and which are skipped.
	Views userdata.ViewsMerged
	// Reminders counts the reminders kept, and RemindersUnmatched those
	// naming a prediction that is not among the imported ones.
	Reminders, RemindersUnmatched int
	// AddedPeriods, DuplicatePeriods and PeriodIDs say the same of the
	// periods.
	AddedPeriods     int
	DuplicatePeriods []model.Period
	PeriodIDs        []int64
}

// CheckEvery is how many records are saved between checks for
// cancellation and progress reports.
const CheckEvery = 1000

// Run adds events and predictions read from a file in one transaction:
// all of them, or none if anything fails or ctx is cancelled. Records must
// already be valid (the exchange package returns only valid ones; invalid
// ones are refused here again). Evidence in preds refers to events by the
// ids they have in events; it is re-pointed at the saved events, or at the
// existing events their duplicates match. A prediction's Restates refers to
// another prediction of preds by its id there, and is re-pointed the same
// way; restated claims are saved before their restatements. An import is
// one change in the history: one undo takes back every record it added.
// (Details it filled in for known sources stay: see docs/stress.md.)
func Run(ctx context.Context, f *dbfile.File, events []model.Event, preds []model.Prediction, opt Options) (Report, error) {
	var report Report
	if err := importplan.Check(events, preds); err != nil {
		return report, err
	}
	existingEvents, existingPreds, empty, err := existingKeys(ctx, f.DB)
	if err != nil {
		return report, err
	}
	report.KeptIDs = empty && importplan.UniqueIDs(events, preds)
	if report.KeptIDs {
		// Ids a deleted record had are never given to another, even in a
		// file that is empty now: undo finds records by id.
		if report.KeptIDs, err = idsUnused(ctx, f.DB, events, preds); err != nil {
			return report, dbfile.Wrap(err)
		}
	}

	// Plan: which records are new, and where evidence should point.
	// Within the file only a whole repeat of an event is a duplicate: two
	// events that share a title, date and actor but differ otherwise are
	// two.
	evs := importplan.SortEvents(events, existingEvents)
	report.DuplicateEvents = evs.Dups
	newEvents, eventTarget := evs.Fresh, evs.Target
	ps := importplan.SortPredictions(preds, existingPreds)
	report.DuplicatePredictions = ps.Dups
	newPreds, predTarget := ps.Fresh, ps.Target // predTarget also serves the reminders
	report.AddedEvents, report.AddedPredictions = len(newEvents), len(newPreds)
	report.Reminders, report.RemindersUnmatched = importplan.CountReminders(opt.Reminders, preds)
	periods, err := planPeriods(ctx, f.DB, opt.Periods, &report)
	if err != nil {
		return report, err
	}
	if opt.DryRun {
		report.NewEvents, report.NewPredictions, report.NewPeriods = newEvents, newPreds, periods.added
		report.Views, _, err = userdata.SortViews(ctx, f.DB, opt.Views)
		return report, dbfile.Wrap(err)
	}

	total := len(newEvents) + len(newPreds) + len(periods.added)
	now := time.Now().UTC().Truncate(time.Second)
	err = f.Write(ctx, func(tx *sql.Tx) error {
		if err := mergeSources(ctx, tx, opt.Sources); err != nil {
			return err
		}
		in := insert.New(ctx, tx)
		defer in.Close()
		digests := in.KeepDigests()
		done := 0
		step := func() error {
			done++
			if done%CheckEvery == 0 || done == total {
				if err := ctx.Err(); err != nil {
					return err
				}
				if opt.Progress != nil {
					opt.Progress(done, total)
				}
			}
			return nil
		}
		ids, err := insert.NextIDs(ctx, tx, "events", len(newEvents))
		if err != nil {
			return err
		}
		for i := range newEvents {
			e := &newEvents[i]
			stamp(&e.CreatedAt, &e.UpdatedAt, now)
			if report.KeptIDs {
				ids[i] = e.ID
			}
			if e.ID > 0 {
				eventTarget[e.ID] = ids[i]
			}
		}
		err = insert.BulkIndexing(ctx, tx, len(newEvents), func() error {
			return in.Events(newEvents, ids, func(saved int) error {
				for done < saved {
					if err := step(); err != nil {
						return err
					}
				}
				return nil
			})
		})
		if err != nil {
			return err
		}
		report.EventIDs = ids
		evs.PointCopies()
		for _, p := range newPreds {
			stamp(&p.CreatedAt, &p.UpdatedAt, now)
			p = importplan.Repoint(p, eventTarget, ps)
			keep := int64(0)
			if report.KeptIDs {
				keep = p.ID
			}
			id, err := in.Prediction(p, keep)
			if err != nil {
				return fmt.Errorf("prediction %q: %w", shortText(p.Statement), err)
			}
			if p.ID > 0 {
				predTarget[p.ID] = id
			}
			report.PredictionIDs = append(report.PredictionIDs, id)
			if err := step(); err != nil {
				return err
			}
		}
		ps.PointCopies()
		if err := importReminders(ctx, tx, opt.Reminders, predTarget); err != nil {
			return err
		}
		if report.Views, err = userdata.MergeViews(ctx, tx, opt.Views); err != nil {
			return err
		}
		if report.PeriodIDs, err = periods.save(ctx, tx, in, now, digests, step); err != nil {
			return err
		}
		if err := history.RecordBatch(ctx, tx, history.ActionImport, digests); err != nil || total == 0 {
			return err
		}
		report.Change, err = history.LastSeq(ctx, tx)
		return err
	})
	if err != nil {
		return Report{}, err
	}
	return report, nil
}

// importReminders keeps the reminders of the predictions saved or matched,
// under their ids in the database.
func importReminders(ctx context.Context, tx *sql.Tx, reminders []model.Reminder, target map[int64]int64) error {
	for _, r := range reminders {
		if id, ok := target[r.PredictionID]; ok {
			if err := userdata.InsertReminders(ctx, tx, []int64{id}, r.SentAt); err != nil {
				return err
			}
		}
	}
	return nil
}

// mergeSources adds sources and fills in the details of known ones that
// have none.
func mergeSources(ctx context.Context, tx *sql.Tx, sources []model.Source) error {
	return importplan.EachSource(sources, func(src model.Source) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sources (name, name_zh, kind, url) VALUES (?, ?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET
				name_zh = CASE WHEN sources.name_zh = '' THEN excluded.name_zh ELSE sources.name_zh END,
				kind    = CASE WHEN sources.kind = '' THEN excluded.kind ELSE sources.kind END,
				url     = CASE WHEN sources.url = '' THEN excluded.url ELSE sources.url END`,
			src.Name, src.NameZh, src.Kind, src.URL)
		return err
	})
}

// stamp fills in missing record times.
func stamp(created, updated *time.Time, now time.Time) {
	if created.IsZero() {
		*created = now
	}
	if updated.IsZero() {
		*updated = *created
	}
}

func shortText(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}
