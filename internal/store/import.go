package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/history"
	"github.com/hindsight-app/hindsight/internal/store/internal/insert"
	"github.com/hindsight-app/hindsight/internal/store/userdata"
)

// ImportOptions tune Import.
type ImportOptions struct {
	// DryRun works out what would be added and skipped, writing nothing.
	DryRun bool
	// Progress, when set, is told how many records have been saved so far.
	Progress func(done, total int)
	// Sources are details of the predictions' sources (Chinese name,
	// kind, address), as a Hindsight JSON file carries them. They fill in
	// details the database lacks and never overwrite ones it has.
	Sources []model.Source
	// Views are saved views; one whose name the database already has is
	// skipped (see ImportReport.Views).
	Views []filter.SavedView
	// Reminders name the predictions, by their ids in preds, whose passed
	// deadline was already announced; they are kept for the saved
	// predictions (or the ones in the database that they duplicate).
	Reminders []model.Reminder
	// Periods are the file's periods (eras, sections); one the database
	// already has (same title, start and end) is skipped.
	Periods []model.Period
}

// ImportReport says what an import did (or, for a dry run, would do).
type ImportReport struct {
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
	Views ViewsMerged
	// Reminders counts the reminders kept, and RemindersUnmatched those
	// naming a prediction that is not among the imported ones.
	Reminders, RemindersUnmatched int
	// AddedPeriods, DuplicatePeriods and PeriodIDs say the same of the
	// periods.
	AddedPeriods     int
	DuplicatePeriods []model.Period
	PeriodIDs        []int64
}

// importCheckEvery is how many records are saved between checks for
// cancellation and progress reports.
const importCheckEvery = 1000

// Import adds events and predictions read from a file in one transaction:
// all of them, or none if anything fails or ctx is cancelled. Records must
// already be valid (the exchange package returns only valid ones; invalid
// ones are refused here again). Evidence in preds refers to events by the
// ids they have in events; it is re-pointed at the saved events, or at the
// existing events their duplicates match. A prediction's Restates refers to
// another prediction of preds by its id there, and is re-pointed the same
// way; restated claims are saved before their restatements. An import is
// one change in the
// history: one undo takes back every record it added. (Details it filled
// in for known sources stay: see docs/stress.md.)
func (b *Bulk) Import(ctx context.Context, events []model.Event, preds []model.Prediction, opt ImportOptions) (ImportReport, error) {
	s := b.s
	var report ImportReport
	for i := range events {
		events[i].Normalize()
		if err := events[i].Validate(); err != nil {
			return report, fmt.Errorf("event %d of %d (%q): %w", i+1, len(events), events[i].Title, err)
		}
	}
	for i := range preds {
		preds[i].Normalize()
		if err := preds[i].Validate(); err != nil {
			return report, fmt.Errorf("prediction %d of %d: %w", i+1, len(preds), err)
		}
	}
	existingEvents, existingPreds, empty, err := b.existingKeys(ctx)
	if err != nil {
		return report, err
	}
	report.KeptIDs = empty && uniqueIDs(events, preds)
	if report.KeptIDs {
		// Ids a deleted record had are never given to another, even in a
		// file that is empty now: undo finds records by id.
		if report.KeptIDs, err = idsUnused(ctx, s.db, events, preds); err != nil {
			return report, wrap(err)
		}
	}

	// Plan: which records are new, and where evidence should point.
	eventTarget := map[int64]int64{}  // file id → id in the database
	firstInFile := map[string]int64{} // whole key → file id of its first copy
	copyOf := map[int64]int64{}       // file id of a later copy → file id of the first
	var newEvents []model.Event
	for _, e := range events {
		key := eventKey(e)
		if id, dup := existingEvents[key]; dup {
			report.DuplicateEvents = append(report.DuplicateEvents, e)
			if e.ID > 0 {
				eventTarget[e.ID] = id
			}
			continue
		}
		// Within the file only a whole repeat is a duplicate: two events
		// that share a title, date and actor but differ otherwise are two.
		whole := wholeEventKey(e)
		if first, dup := firstInFile[whole]; dup {
			report.DuplicateEvents = append(report.DuplicateEvents, e)
			copyOf[e.ID] = first
			continue
		}
		firstInFile[whole] = e.ID
		newEvents = append(newEvents, e)
	}
	var newPreds []model.Prediction
	predTarget := map[int64]int64{} // file id → id in the database (for reminders)
	firstPred := map[string]int64{} // key → file id of its first copy in the file
	predCopyOf := map[int64]int64{} // file id of a later copy → file id of the first
	fileIDs := map[int64]bool{}
	for _, p := range preds {
		fileIDs[p.ID] = true
		key := predictionKey(p)
		if id, dup := existingPreds[key]; dup {
			report.DuplicatePredictions = append(report.DuplicatePredictions, p)
			if p.ID > 0 {
				predTarget[p.ID] = id
			}
			continue
		}
		if first, dup := firstPred[key]; dup {
			report.DuplicatePredictions = append(report.DuplicatePredictions, p)
			predCopyOf[p.ID] = first
			continue
		}
		firstPred[key] = p.ID
		newPreds = append(newPreds, p)
	}
	newPreds = restatedFirst(newPreds)
	report.AddedEvents, report.AddedPredictions = len(newEvents), len(newPreds)
	for _, r := range opt.Reminders {
		if r.PredictionID > 0 && fileIDs[r.PredictionID] {
			report.Reminders++
		} else {
			report.RemindersUnmatched++
		}
	}
	periods, err := b.planPeriods(ctx, opt.Periods, &report)
	if err != nil {
		return report, err
	}
	if opt.DryRun {
		report.NewEvents, report.NewPredictions, report.NewPeriods = newEvents, newPreds, periods.added
		report.Views, _, err = userdata.SortViews(ctx, s.db, opt.Views)
		return report, wrap(err)
	}

	total := len(newEvents) + len(newPreds) + len(periods.added)
	now := time.Now().UTC().Truncate(time.Second)
	err = s.file.Write(ctx, func(tx *sql.Tx) error {
		if err := mergeSources(ctx, tx, opt.Sources); err != nil {
			return err
		}
		in := insert.New(ctx, tx)
		defer in.Close()
		digests := in.KeepDigests()
		done := 0
		step := func() error {
			done++
			if done%importCheckEvery == 0 || done == total {
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
		for later, first := range copyOf {
			if id, ok := eventTarget[first]; ok {
				eventTarget[later] = id
			}
		}
		for _, p := range newPreds {
			stamp(&p.CreatedAt, &p.UpdatedAt, now)
			p.Resolution.Evidence = retarget(p.Resolution.Evidence, eventTarget)
			if p.Restates != 0 {
				if first, ok := predCopyOf[p.Restates]; ok {
					p.Restates = first
				}
				p.Restates = predTarget[p.Restates] // 0 when it names no claim saved or matched
			}
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
		for later, first := range predCopyOf {
			if id, ok := predTarget[first]; ok {
				predTarget[later] = id
			}
		}
		if err := importReminders(ctx, tx, opt.Reminders, predTarget); err != nil {
			return err
		}
		if report.Views, err = userdata.MergeViews(ctx, tx, opt.Views); err != nil {
			return err
		}
		if report.PeriodIDs, err = periods.save(ctx, tx, in, now, digests, step); err != nil {
			return err
		}
		if err := history.RecordBatch(ctx, tx, ActionImport, digests); err != nil || total == 0 {
			return err
		}
		report.Change, err = history.LastSeq(ctx, tx)
		return err
	})
	if err != nil {
		return ImportReport{}, err
	}
	return report, nil
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
	for _, src := range sources {
		if strings.TrimSpace(src.Name) == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sources (name, name_zh, kind, url) VALUES (?, ?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET
				name_zh = CASE WHEN sources.name_zh = '' THEN excluded.name_zh ELSE sources.name_zh END,
				kind    = CASE WHEN sources.kind = '' THEN excluded.kind ELSE sources.kind END,
				url     = CASE WHEN sources.url = '' THEN excluded.url ELSE sources.url END`,
			src.Name, src.NameZh, src.Kind, src.URL); err != nil {
			return fmt.Errorf("source %q: %w", src.Name, err)
		}
	}
	return nil
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

// retarget points evidence at the saved events, dropping any whose event
// was neither saved nor matched.
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

// eventKey and predictionKey are what makes a record a duplicate of one
// the database holds: an event's title, date and actor, a prediction's
// statement, source and date made, case aside.
func eventKey(e model.Event) string { return eventKeyOf(e.Title, e.Date.String(), e.Actor) }

func eventKeyOf(title, date, actor string) string {
	return strings.ToLower(title) + "\x1f" + date + "\x1f" + strings.ToLower(actor)
}

func predictionKey(p model.Prediction) string {
	return predictionKeyOf(p.Statement, p.Source, p.Made.String())
}

func predictionKeyOf(statement, source, made string) string {
	return strings.ToLower(statement) + "\x1f" + strings.ToLower(source) + "\x1f" + made
}

// existingKeys reads the duplicate keys of what the database holds, and
// whether it holds nothing at all.
func (b *Bulk) existingKeys(ctx context.Context) (events, preds map[string]int64, empty bool, err error) {
	s := b.s
	events, preds = map[string]int64{}, map[string]int64{}
	rows, err := s.db.QueryContext(ctx, "SELECT id, title, date, actor FROM events")
	if err != nil {
		return nil, nil, false, wrap(err)
	}
	for rows.Next() {
		var id int64
		var title, date, actor string
		if err := rows.Scan(&id, &title, &date, &actor); err != nil {
			rows.Close()
			return nil, nil, false, err
		}
		events[eventKeyOf(title, date, actor)] = id
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, `SELECT p.id, p.statement, s.name, p.made FROM predictions p JOIN sources s ON s.id = p.source_id`)
	if err != nil {
		return nil, nil, false, wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var statement, source, made string
		if err := rows.Scan(&id, &statement, &source, &made); err != nil {
			return nil, nil, false, err
		}
		preds[predictionKeyOf(statement, source, made)] = id
	}
	return events, preds, len(events) == 0 && len(preds) == 0, wrap(rows.Err())
}

// idsUnused reports whether no event or prediction ever had any of the
// ids of the records: SQLite keeps the highest id each table gave out.
func idsUnused(ctx context.Context, db *sql.DB, events []model.Event, preds []model.Prediction) (bool, error) {
	used := map[string]int64{}
	rows, err := db.QueryContext(ctx, "SELECT name, seq FROM sqlite_sequence WHERE name IN ('events', 'predictions')")
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var seq int64
		if err := rows.Scan(&name, &seq); err != nil {
			return false, err
		}
		used[name] = seq
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	for _, e := range events {
		if e.ID <= used["events"] {
			return false, nil
		}
	}
	for _, p := range preds {
		if p.ID <= used["predictions"] {
			return false, nil
		}
	}
	return true, nil
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

func shortText(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
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
		w.SavedAt = parseTime(saved)
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

// stamp fills in missing record times.
func stamp(created, updated *time.Time, now time.Time) {
	if created.IsZero() {
		*created = now
	}
	if updated.IsZero() {
		*updated = *created
	}
}
