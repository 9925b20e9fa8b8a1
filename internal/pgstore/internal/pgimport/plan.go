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
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
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

	eventTarget map[int64]int64 // file id → id in the database
	copyOf      map[int64]int64 // file id of a later copy → file id of the first
	predTarget  map[int64]int64
	predCopyOf  map[int64]int64
}

// PlanRecords sorts the file's events and predictions into new ones and
// duplicates, noting them and the reminders that find their prediction
// in report, and decides whether the new ones keep their ids.
func PlanRecords(ctx context.Context, tx pgx.Tx, events []model.Event, preds []model.Prediction, reminders []model.Reminder,
	report *store.ImportReport) (*Plan, error) {
	existingEvents, err := keyed(ctx, tx, "SELECT id, title, date, actor FROM events", eventKey)
	if err != nil {
		return nil, err
	}
	existingPreds, err := keyed(ctx, tx, `SELECT p.id, p.statement, s.name, p.made FROM predictions p
		JOIN sources s ON s.id = p.source_id`, predictionKeyOf)
	if err != nil {
		return nil, err
	}
	report.KeptIDs = len(existingEvents) == 0 && len(existingPreds) == 0 && uniqueIDs(events, preds)
	if report.KeptIDs {
		// Ids a deleted record had are never given to another: undo
		// finds records by id.
		if report.KeptIDs, err = idsUnused(ctx, tx, events, preds); err != nil {
			return nil, err
		}
	}
	plan := &Plan{eventTarget: map[int64]int64{}, copyOf: map[int64]int64{},
		predTarget: map[int64]int64{}, predCopyOf: map[int64]int64{}}
	firstInFile := map[string]int64{} // whole key → file id of its first copy
	for _, e := range events {
		if id, dup := existingEvents[eventKey(e.Title, e.Date.String(), e.Actor)]; dup {
			report.DuplicateEvents = append(report.DuplicateEvents, e)
			if e.ID > 0 {
				plan.eventTarget[e.ID] = id
			}
			continue
		}
		// Within the file only a whole repeat is a duplicate: two events
		// that share a title, date and actor but differ otherwise are two.
		whole := wholeEventKey(e)
		if first, dup := firstInFile[whole]; dup {
			report.DuplicateEvents = append(report.DuplicateEvents, e)
			plan.copyOf[e.ID] = first
			continue
		}
		firstInFile[whole] = e.ID
		plan.Events = append(plan.Events, e)
	}
	firstPred := map[string]int64{} // key → file id of its first copy
	fileIDs := map[int64]bool{}
	for _, p := range preds {
		fileIDs[p.ID] = true
		key := predictionKeyOf(p.Statement, p.Source, p.Made.String())
		if id, dup := existingPreds[key]; dup {
			report.DuplicatePredictions = append(report.DuplicatePredictions, p)
			if p.ID > 0 {
				plan.predTarget[p.ID] = id
			}
			continue
		}
		if first, dup := firstPred[key]; dup {
			report.DuplicatePredictions = append(report.DuplicatePredictions, p)
			plan.predCopyOf[p.ID] = first
			continue
		}
		firstPred[key] = p.ID
		plan.Predictions = append(plan.Predictions, p)
	}
	plan.Predictions = restatedFirst(plan.Predictions)
	report.AddedEvents, report.AddedPredictions = len(plan.Events), len(plan.Predictions)
	for _, r := range reminders {
		if r.PredictionID > 0 && fileIDs[r.PredictionID] {
			report.Reminders++
		} else {
			report.RemindersUnmatched++
		}
	}
	return plan, nil
}

// EventsSaved notes the ids the new events were saved under, in order.
func (plan *Plan) EventsSaved(ids []int64) {
	for i, e := range plan.Events {
		if e.ID > 0 {
			plan.eventTarget[e.ID] = ids[i]
		}
	}
	for later, first := range plan.copyOf {
		if id, ok := plan.eventTarget[first]; ok {
			plan.eventTarget[later] = id
		}
	}
}

// PointPredictions gives the new predictions, to be saved under ids in
// order, their evidence re-pointed at the saved events (evidence whose
// event was neither saved nor matched is dropped) and their restatement
// at the saved claim: at one saved or matched before it, as the SQLite
// store saves them one by one, and none otherwise.
func (plan *Plan) PointPredictions(ids []int64) []model.Prediction {
	out := make([]model.Prediction, len(plan.Predictions))
	for i, p := range plan.Predictions {
		p.Resolution.Evidence = retarget(p.Resolution.Evidence, plan.eventTarget)
		if p.Restates != 0 {
			if first, ok := plan.predCopyOf[p.Restates]; ok {
				p.Restates = first
			}
			p.Restates = plan.predTarget[p.Restates] // 0 when it names no claim saved or matched
		}
		if p.ID > 0 {
			plan.predTarget[p.ID] = ids[i]
		}
		out[i] = p
	}
	for later, first := range plan.predCopyOf {
		if id, ok := plan.predTarget[first]; ok {
			plan.predTarget[later] = id
		}
	}
	return out
}

// Reminded gives the reminders of the predictions saved or matched, by
// their ids in the database.
func (plan *Plan) Reminded(reminders []model.Reminder) []model.Reminder {
	var out []model.Reminder
	for _, r := range reminders {
		if id, ok := plan.predTarget[r.PredictionID]; ok {
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

func predictionKeyOf(statement, source, made string) string {
	return strings.ToLower(statement) + "\x1f" + strings.ToLower(source) + "\x1f" + made
}

// uniqueIDs reports whether every record has its own positive id, so the
// ids can be kept.
func uniqueIDs(events []model.Event, preds []model.Prediction) bool {
	seen := map[int64]bool{}
	for _, e := range events {
		if e.ID <= 0 || seen[e.ID] {
			return false
		}
		seen[e.ID] = true
	}
	seen = map[int64]bool{}
	for _, p := range preds {
		if p.ID <= 0 || seen[p.ID] {
			return false
		}
		seen[p.ID] = true
	}
	return true
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
	for _, e := range events {
		if e.ID <= usedEvents {
			return false, nil
		}
	}
	for _, p := range preds {
		if p.ID <= usedPreds {
			return false, nil
		}
	}
	return true, nil
}

// restatedFirst orders predictions so that each comes after the one of
// preds it restates, keeping the file's order otherwise.
func restatedFirst(preds []model.Prediction) []model.Prediction {
	at := map[int64]int{}
	for i, p := range preds {
		if p.ID > 0 {
			at[p.ID] = i
		}
	}
	out := make([]model.Prediction, 0, len(preds))
	placed := make([]bool, len(preds))
	var place func(i, depth int)
	place = func(i, depth int) {
		if placed[i] {
			return
		}
		placed[i] = true // before its parent: a loop ends here
		if j, ok := at[preds[i].Restates]; ok && depth < len(preds) {
			place(j, depth+1)
		}
		out = append(out, preds[i])
	}
	for i := range preds {
		place(i, 0)
	}
	return out
}

// retarget points evidence at the saved events, dropping any whose event
// was neither saved nor matched, and repeats.
func retarget(evidence []model.Evidence, target map[int64]int64) []model.Evidence {
	out := make([]model.Evidence, 0, len(evidence))
	seen := map[int64]bool{}
	for _, ev := range evidence {
		id, ok := target[ev.EventID]
		if !ok || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, model.Evidence{EventID: id, Role: ev.Role})
	}
	return out
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
