package importer

import (
	"context"
	"database/sql"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/importplan"
	"github.com/hindsight-app/hindsight/internal/store/internal/dbfile"
)

// existingKeys reads the duplicate keys of what the database holds, and
// whether it holds nothing at all.
func existingKeys(ctx context.Context, db *sql.DB) (events, preds map[string]int64, empty bool, err error) {
	events, preds = map[string]int64{}, map[string]int64{}
	rows, err := db.QueryContext(ctx, "SELECT id, title, date, actor FROM events")
	if err != nil {
		return nil, nil, false, dbfile.Wrap(err)
	}
	for rows.Next() {
		var id int64
		var title, date, actor string
		if err := rows.Scan(&id, &title, &date, &actor); err != nil {
			rows.Close()
			return nil, nil, false, err
		}
		events[importplan.EventKeyOf(title, date, actor)] = id
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, `SELECT p.id, p.statement, s.name, p.made FROM predictions p JOIN sources s ON s.id = p.source_id`)
	if err != nil {
		return nil, nil, false, dbfile.Wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var statement, source, made string
		if err := rows.Scan(&id, &statement, &source, &made); err != nil {
			return nil, nil, false, err
		}
		preds[importplan.PredictionKeyOf(statement, source, made)] = id
	}
	return events, preds, len(events) == 0 && len(preds) == 0, dbfile.Wrap(rows.Err())
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
	return importplan.Above(events, preds, used["events"], used["predictions"]), nil
}
