package importer

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/history"
	"github.com/hindsight-app/hindsight/internal/store/importplan"
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

// planPeriods validates the file's periods and sorts out the duplicates,
// noting them in report. Ids are kept when the database never had a
// period and the file's ids are positive and unique.
func planPeriods(ctx context.Context, db *sql.DB, periods []model.Period, report *Report) (periodImport, error) {
	var plan periodImport
	if err := importplan.CheckPeriods(periods); err != nil {
		return plan, err
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
		existing[importplan.PeriodKeyOf(title, start, end)] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return plan, dbfile.Wrap(err)
	}
	sorted := importplan.SortPeriods(periods, existing)
	report.DuplicatePeriods = append(report.DuplicatePeriods, sorted.Dups...)
	if sorted.KeepIDs {
		var used sql.NullInt64
		if err := db.QueryRowContext(ctx, "SELECT seq FROM sqlite_sequence WHERE name = 'periods'").Scan(&used); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return plan, dbfile.Wrap(err)
		}
		sorted.Above(used.Int64)
	}
	plan.added, plan.keepIDs = sorted.Added, sorted.KeepIDs
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
