package importer

import (
	"context"
	"database/sql"
	"strings"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/internal/dbfile"
)

// copies are the records of a file sorted into the new ones and the
// duplicates, in the file's order.
type copies[R any] struct {
	fresh, dups []R
	// target maps the file id of a record that matches one in the
	// database to that record's id; copyOf, the file id of a later copy
	// within the file to the file id of the first.
	target, copyOf map[int64]int64
}

// sortCopies sorts records: one whose key is in existing duplicates the
// record there; one whose whole key repeats an earlier record's in the file
// is a copy of it; the others are new.
func sortCopies[R any](records []R, existing map[string]int64, id func(R) int64, key, whole func(R) string) copies[R] {
	c := copies[R]{target: map[int64]int64{}, copyOf: map[int64]int64{}}
	firstInFile := map[string]int64{} // whole key → file id of its first copy
	for _, r := range records {
		if dbID, dup := existing[key(r)]; dup {
			c.dups = append(c.dups, r)
			if id(r) > 0 {
				c.target[id(r)] = dbID
			}
			continue
		}
		w := whole(r)
		if first, dup := firstInFile[w]; dup {
			c.dups = append(c.dups, r)
			c.copyOf[id(r)] = first
			continue
		}
		firstInFile[w] = id(r)
		c.fresh = append(c.fresh, r)
	}
	return c
}

// pointCopies points each later copy at the id its first copy was saved
// under, once the new records have their ids in target.
func (c copies[R]) pointCopies() {
	for later, first := range c.copyOf {
		if id, ok := c.target[first]; ok {
			c.target[later] = id
		}
	}
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
		events[eventKeyOf(title, date, actor)] = id
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
		preds[predictionKeyOf(statement, source, made)] = id
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
