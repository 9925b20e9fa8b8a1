package pgstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore/pghistory"
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
		newEvents, err := planEvents(ctx, tx, events, &report)
		if err != nil {
			return err
		}
		newPeriods, keepPeriodIDs, err := planPeriods(ctx, tx, opt.Periods, &report)
		if err != nil {
			return err
		}
		if opt.DryRun {
			report.NewEvents, report.NewPeriods = newEvents, newPeriods
			report.Views, _, err = sortViews(ctx, tx, opt.Views)
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
		stamp(&events[i].CreatedAt, &events[i].UpdatedAt, now)
	}
	added, err := copyEvents(ctx, tx, events, ids)
	if err != nil {
		return err
	}
	report.EventIDs = ids
	if err := progress(ctx, opt.Progress, len(events), total); err != nil {
		return err
	}
	for i, p := range periods {
		stamp(&p.CreatedAt, &p.UpdatedAt, now)
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
			if err := progress(ctx, opt.Progress, len(events)+i+1, total); err != nil {
				return err
			}
		}
	}
	if total > 0 {
		if err := progress(ctx, opt.Progress, total, total); err != nil {
			return err
		}
	}
	// Ids kept from the file are ids given out: the sequences move past
	// them, so that no later record is given one.
	for _, table := range []string{"events", "periods"} {
		if err := skipGivenIDs(ctx, tx, table); err != nil {
			return err
		}
	}
	if report.Views, err = mergeViews(ctx, tx, opt.Views); err != nil {
		return err
	}
	report.Change, err = b.s.History().RecordBatch(ctx, tx, store.ActionImport, added)
	return err
}

// skipGivenIDs moves table's sequence past the highest id in it.
func skipGivenIDs(ctx context.Context, tx pgx.Tx, table string) error {
	used, err := lastIDGiven(ctx, tx, table)
	if err != nil {
		return err
	}
	var highest int64
	if err := tx.QueryRow(ctx, "SELECT coalesce(max(id), 0) FROM "+table).Scan(&highest); err != nil {
		return err
	}
	if highest > used {
		_, err = tx.Exec(ctx, "SELECT setval($1::regclass, $2)", sequenceOf(table), highest)
	}
	return err
}

// sequenceOf names the sequence that gives table its ids.
func sequenceOf(table string) string { return table + "_id_seq" }

// progress reports done of total and checks for cancellation.
func progress(ctx context.Context, report func(done, total int), done, total int) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if report != nil && total > 0 {
		report(done, total)
	}
	return nil
}

// stamp fills in missing record times.
func stamp(created, updated *time.Time, now time.Time) {
	if created.IsZero() {
		*created = now
	}
	if updated.IsZero() {
		*updated = *created
	}
	*created, *updated = created.UTC().Truncate(time.Second), updated.UTC().Truncate(time.Second)
}

// eventKey is what makes an event a duplicate of one the database holds:
// its title, date and actor, case aside.
func eventKey(title, date, actor string) string {
	return strings.ToLower(title) + "\x1f" + date + "\x1f" + strings.ToLower(actor)
}

// wholeEventKey tells apart events of one file that differ in anything
// but their id and record times.
func wholeEventKey(e model.Event) string {
	var b strings.Builder
	b.WriteString(eventKey(e.Title, e.Date.String(), e.Actor))
	for _, s := range []string{e.TitleZh, e.End.String(), string(e.Category), e.Description} {
		b.WriteString("\x1f" + s)
	}
	for _, t := range e.Tags {
		b.WriteString("\x1e" + t)
	}
	for _, l := range e.Links {
		b.WriteString("\x1d" + l.URL + "\x1c" + l.Quote)
	}
	return b.String()
}

// planEvents sorts the file's events into new ones and duplicates, noting
// them in report, and decides whether the new ones keep their ids.
func planEvents(ctx context.Context, tx pgx.Tx, events []model.Event, report *store.ImportReport) ([]model.Event, error) {
	existing := map[string]bool{}
	rows, err := tx.Query(ctx, "SELECT title, date, actor FROM events")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var title, date, actor string
		if err := rows.Scan(&title, &date, &actor); err != nil {
			rows.Close()
			return nil, err
		}
		existing[eventKey(title, date, actor)] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	empty := len(existing) == 0
	if empty {
		if empty, err = noPredictions(ctx, tx); err != nil {
			return nil, err
		}
	}
	firstInFile := map[string]bool{}
	seen := map[int64]bool{}
	report.KeptIDs = empty
	var fresh []model.Event
	for _, e := range events {
		if report.KeptIDs && (e.ID <= 0 || seen[e.ID]) {
			report.KeptIDs = false
		}
		seen[e.ID] = true
		if existing[eventKey(e.Title, e.Date.String(), e.Actor)] {
			report.DuplicateEvents = append(report.DuplicateEvents, e)
			continue
		}
		// Within the file only a whole repeat is a duplicate.
		whole := wholeEventKey(e)
		if firstInFile[whole] {
			report.DuplicateEvents = append(report.DuplicateEvents, e)
			continue
		}
		firstInFile[whole] = true
		fresh = append(fresh, e)
	}
	if report.KeptIDs && len(events) > 0 {
		// Ids a deleted record had are never given to another: undo
		// finds records by id.
		used, err := lastIDGiven(ctx, tx, "events")
		if err != nil {
			return nil, err
		}
		for id := range seen {
			if id <= used {
				report.KeptIDs = false
			}
		}
	}
	report.AddedEvents = len(fresh)
	return fresh, nil
}

// noPredictions reports whether the database holds no prediction (none
// can, before the schema that adds them).
func noPredictions(ctx context.Context, tx pgx.Tx) (bool, error) {
	var has bool
	if err := tx.QueryRow(ctx, "SELECT to_regclass('predictions') IS NOT NULL").Scan(&has); err != nil || !has {
		return true, err
	}
	var any bool
	err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM predictions)").Scan(&any)
	return !any, err
}

// lastIDGiven is the highest id table's sequence gave out, 0 for none.
func lastIDGiven(ctx context.Context, tx pgx.Tx, table string) (int64, error) {
	var last int64
	var called bool
	err := tx.QueryRow(ctx, "SELECT last_value, is_called FROM "+sequenceOf(table)).Scan(&last, &called)
	if !called {
		last = 0
	}
	return last, err
}

func periodKey(title, start, end string) string {
	return strings.ToLower(title) + "\x1f" + start + "\x1f" + end
}

// planPeriods sorts the file's periods into new ones and duplicates,
// noting them in report. Ids are kept when the database never had a period
// and the new periods' ids are positive and unique.
func planPeriods(ctx context.Context, tx pgx.Tx, periods []model.Period, report *store.ImportReport) ([]model.Period, bool, error) {
	existing := map[string]bool{}
	rows, err := tx.Query(ctx, "SELECT title, start, end_date FROM periods")
	if err != nil {
		return nil, false, err
	}
	for rows.Next() {
		var title, start, end string
		if err := rows.Scan(&title, &start, &end); err != nil {
			rows.Close()
			return nil, false, err
		}
		existing[periodKey(title, start, end)] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	var fresh []model.Period
	ids := map[int64]bool{}
	keep := true
	for _, p := range periods {
		key := periodKey(p.Title, p.Start.String(), p.End.String())
		if existing[key] {
			report.DuplicatePeriods = append(report.DuplicatePeriods, p)
			continue
		}
		existing[key] = true
		fresh = append(fresh, p)
		if p.ID <= 0 || ids[p.ID] {
			keep = false
		}
		ids[p.ID] = true
	}
	if keep && len(fresh) > 0 {
		used, err := lastIDGiven(ctx, tx, "periods")
		if err != nil {
			return nil, false, err
		}
		for id := range ids {
			if id <= used {
				keep = false
			}
		}
	}
	report.AddedPeriods = len(fresh)
	return fresh, keep && len(fresh) > 0, nil
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
		none, err := noPredictions(ctx, tx)
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
