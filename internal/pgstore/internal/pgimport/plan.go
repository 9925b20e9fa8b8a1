// Package pgimport plans an import into Hindsight's PostgreSQL database:
// which of a file's events and periods the database already holds (or the
// file holds whole earlier on), whether the new ones keep the file's ids,
// and how the id sequences move past the ids kept. It reads the database
// in the import's transaction and writes only the sequences.
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

// Events sorts the file's events into new ones and duplicates, noting
// them in report, and decides whether the new ones keep their ids.
func Events(ctx context.Context, tx pgx.Tx, events []model.Event, report *store.ImportReport) ([]model.Event, error) {
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
		if empty, err = NoPredictions(ctx, tx); err != nil {
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

// NoPredictions reports whether the database holds no prediction (none
// can, before the schema that adds them).
func NoPredictions(ctx context.Context, tx pgx.Tx) (bool, error) {
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
