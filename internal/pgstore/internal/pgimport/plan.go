// Package pgimport plans an import into Hindsight's PostgreSQL database,
// by the SQLite store's rules: which of a file's events, predictions and
// periods the database already holds (or the file holds earlier on),
// whether the new ones keep the file's ids, where evidence, restatements
// and reminders point once the records are saved, and how the id
// sequences move past the ids kept. It reads the database in the import's
// transaction and writes only the sequences.
package pgimport

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/importplan"
)

// SkipGivenIDs moves table's sequence past the highest id in it.
func SkipGivenIDs(ctx context.Context, tx pgx.Tx, table string) error {
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

// Progress reports done of total and checks for cancellation.
func Progress(ctx context.Context, report func(done, total int), done, total int) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if report != nil && total > 0 {
		report(done, total)
	}
	return nil
}

// Stamp fills in missing record times.
func Stamp(created, updated *time.Time, now time.Time) {
	if created.IsZero() {
		*created = now
	}
	if updated.IsZero() {
		*updated = *created
	}
	*created, *updated = created.UTC().Truncate(time.Second), updated.UTC().Truncate(time.Second)
}

// Plan is what an import adds and where the file's links then point, as
// the SQLite store's importer works it out: which records are new and
// which duplicate what the database holds (the same title, date and
// actor; for a prediction, statement, source and date made, case aside)
// or, for an event, the file holds whole earlier on; whether the new ones
// keep the file's ids; and, as they are saved, where each file id of an
// event or prediction ends up, for evidence, restatements and reminders.
type Plan struct {
	// Events and Predictions are the new records, events in the file's
	// order, predictions after the claims they restate.
	Events      []model.Event
	Predictions []model.Prediction

	events      importplan.Copies[model.Event]
	predictions importplan.Copies[model.Prediction]
}

// PlanRecords sorts the file's events and predictions into new ones and
// duplicates, noting them and the reminders that find their prediction
// in report, and decides whether the new ones keep their ids.
func PlanRecords(ctx context.Context, tx pgx.Tx, events []model.Event, preds []model.Prediction, reminders []model.Reminder,
	report *store.ImportReport) (*Plan, error) {
	existingEvents, err := keyed(ctx, tx, "SELECT id, title, date, actor FROM events", importplan.EventKeyOf)
	if err != nil {
		return nil, err
	}
	existingPreds, err := keyed(ctx, tx, `SELECT p.id, p.statement, s.name, p.made FROM predictions p
		JOIN sources s ON s.id = p.source_id`, importplan.PredictionKeyOf)
	if err != nil {
		return nil, err
	}
	report.KeptIDs = len(existingEvents) == 0 && len(existingPreds) == 0 && importplan.UniqueIDs(events, preds)
	if report.KeptIDs {
		// Ids a deleted record had are never given to another: undo
		// finds records by id.
		if report.KeptIDs, err = idsUnused(ctx, tx, events, preds); err != nil {
			return nil, err
		}
	}
	plan := &Plan{events: importplan.SortEvents(events, existingEvents),
		predictions: importplan.SortPredictions(preds, existingPreds)}
	plan.Events, plan.Predictions = plan.events.Fresh, plan.predictions.Fresh
	report.DuplicateEvents, report.DuplicatePredictions = plan.events.Dups, plan.predictions.Dups
	report.AddedEvents, report.AddedPredictions = len(plan.Events), len(plan.Predictions)
	report.Reminders, report.RemindersUnmatched = importplan.CountReminders(reminders, preds)
	return plan, nil
}

// EventsSaved notes the ids the new events were saved under, in order.
func (plan *Plan) EventsSaved(ids []int64) {
	for i, e := range plan.Events {
		if e.ID > 0 {
			plan.events.Target[e.ID] = ids[i]
		}
	}
	plan.events.PointCopies()
}

// PointPredictions gives the new predictions, to be saved under ids in
// order, their evidence re-pointed at the saved events (evidence whose
// event was neither saved nor matched is dropped) and their restatement
// at the saved claim: at one saved or matched before it, as the SQLite
// store saves them one by one, and none otherwise.
func (plan *Plan) PointPredictions(ids []int64) []model.Prediction {
	out := make([]model.Prediction, len(plan.Predictions))
	for i, p := range plan.Predictions {
		out[i] = importplan.Repoint(p, plan.events.Target, plan.predictions)
		if p.ID > 0 {
			plan.predictions.Target[p.ID] = ids[i]
		}
	}
	plan.predictions.PointCopies()
	return out
}

// Reminded gives the reminders of the predictions saved or matched, by
// their ids in the database.
func (plan *Plan) Reminded(reminders []model.Reminder) []model.Reminder {
	var out []model.Reminder
	for _, r := range reminders {
		if id, ok := plan.predictions.Target[r.PredictionID]; ok {
			out = append(out, model.Reminder{PredictionID: id, SentAt: r.SentAt})
		}
	}
	return out
}

// keyed reads the id and duplicate key of every record query selects
// (an id and three text columns).
func keyed(ctx context.Context, tx pgx.Tx, query string, key func(a, b, c string) string) (map[string]int64, error) {
	rows, err := tx.Query(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var a, b, c string
		if err := rows.Scan(&id, &a, &b, &c); err != nil {
			return nil, err
		}
		out[key(a, b, c)] = id
	}
	return out, rows.Err()
}

// idsUnused reports whether no event or prediction was ever given any of
// the records' ids.
func idsUnused(ctx context.Context, tx pgx.Tx, events []model.Event, preds []model.Prediction) (bool, error) {
	usedEvents, err := lastIDGiven(ctx, tx, "events")
	if err != nil {
		return false, err
	}
	usedPreds, err := lastIDGiven(ctx, tx, "predictions")
	if err != nil {
		return false, err
	}
	return importplan.Above(events, preds, usedEvents, usedPreds), nil
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

// Periods sorts the file's periods into new ones and duplicates,
// noting them in report. Ids are kept when the database never had a period
// and the new periods' ids are positive and unique.
func Periods(ctx context.Context, tx pgx.Tx, periods []model.Period, report *store.ImportReport) ([]model.Period, bool, error) {
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
		existing[importplan.PeriodKeyOf(title, start, end)] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	sorted := importplan.SortPeriods(periods, existing)
	report.DuplicatePeriods = append(report.DuplicatePeriods, sorted.Dups...)
	if sorted.KeepIDs {
		used, err := lastIDGiven(ctx, tx, "periods")
		if err != nil {
			return nil, false, err
		}
		sorted.Above(used)
	}
	report.AddedPeriods = len(sorted.Added)
	return sorted.Added, sorted.KeepIDs, nil
}
