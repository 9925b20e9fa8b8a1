package importer

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/history"
	"github.com/hindsight-app/hindsight/internal/store/internal/dbfile"
	"github.com/hindsight-app/hindsight/internal/store/internal/insert"
)

// periodImport is the periods an import adds: those the database (or the
// file, earlier on) does not have yet, and whether they keep the file's
// ids.
type periodImport struct {
	added   []model.Period
	keepIDs bool
}

func periodKey(p model.Period) string {
	return strings.ToLower(p.Title) + "\x1f" + p.Start.String() + "\x1f" + p.End.String()
}

// planPeriods validates the file's periods and sorts out the duplicates,
// noting them in report. Ids are kept when the database never had a
// period and the file's ids are positive and unique.
func planPeriods(ctx context.Context, db *sql.DB, periods []model.Period, report *Report) (periodImport, error) {
	var plan periodImport
	for i := range periods {
		periods[i].Normalize()
		if err := periods[i].Validate(); err != nil {
			return plan, fmt.Errorf("period %d of %d (%q): %w", i+1, len(periods), periods[i].Title, err)
		}
	}
	existing := map[string]bool{}
	rows, err := db.QueryContext(ctx, "SELECT title, start, end_date FROM periods")
	if err != nil {
		return plan, dbfile.Wrap(err)
	}
	for rows.Next() {
		var title, start, end string
		if err := rows.Scan(&title, &start, &end); err != nil {
			rows.Close()
			return plan, err
		}
		existing[strings.ToLower(title)+"\x1f"+start+"\x1f"+end] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return plan, dbfile.Wrap(err)
	}
	ids := map[int64]bool{}
	plan.keepIDs = true
	for _, p := range periods {
		key := periodKey(p)
		if existing[key] {
			report.DuplicatePeriods = append(report.DuplicatePeriods, p)
			continue
		}
		existing[key] = true
		plan.added = append(plan.added, p)
		if p.ID <= 0 || ids[p.ID] {
			plan.keepIDs = false
		}
		ids[p.ID] = true
	}
	if plan.keepIDs && len(plan.added) > 0 {
		var used sql.NullInt64
		if err := db.QueryRowContext(ctx, "SELECT seq FROM sqlite_sequence WHERE name = 'periods'").Scan(&used); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return plan, dbfile.Wrap(err)
		}
		for id := range ids {
			if id <= used.Int64 {
				plan.keepIDs = false
			}
		}
	}
	report.AddedPeriods = len(plan.added)
	return plan, nil
}

// save adds the periods in tx through in, fingerprinting them into digests for the
// import's entry in the history, and returns their ids in order.
func (plan periodImport) save(ctx context.Context, tx *sql.Tx, in *insert.Inserter, now time.Time, digests history.Digests, step func() error) ([]int64, error) {
	var ids []int64
	for _, p := range plan.added {
		stamp(&p.CreatedAt, &p.UpdatedAt, now)
		keep := int64(0)
		if plan.keepIDs {
			keep = p.ID
		}
		id, err := in.Period(p, keep)
		if err != nil {
			return nil, fmt.Errorf("period %q: %w", p.Title, err)
		}
		ids = append(ids, id)
		if err := step(); err != nil {
			return nil, err
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	saved, err := history.ReadDigestsOf(ctx, tx, map[string][]int64{history.EntityPeriod: ids})
	if err != nil {
		return nil, err
	}
	for id, sum := range saved[history.EntityPeriod] {
		digests[history.EntityPeriod][id] = sum
	}
	return ids, nil
}

// wholeEventKey tells apart events of one file that differ in anything
// but their id and record times.
func wholeEventKey(e model.Event) string {
	var b strings.Builder
	b.WriteString(eventKey(e))
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
