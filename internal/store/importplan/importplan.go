// Package importplan holds the rules of an import that do not depend on
// the database engine: when a record of a file duplicates one the database
// holds (or one the file holds earlier on), in which order predictions are
// saved so that a restated claim comes before its restatement, whether the
// file's ids can be kept, and where evidence and restatements point once
// the records are saved. The SQLite store's importer and the PostgreSQL
// store's both follow them; each reads its database and writes in its own
// SQL.
package importplan

import (
	"fmt"
	"strings"

	"github.com/hindsight-app/hindsight/internal/model"
)

// Check normalizes and validates the records of a file, naming the first
// one that is not valid.
func Check(events []model.Event, preds []model.Prediction) error {
	for i := range events {
		events[i].Normalize()
		if err := events[i].Validate(); err != nil {
			return fmt.Errorf("event %d of %d (%q): %w", i+1, len(events), events[i].Title, err)
		}
	}
	for i := range preds {
		preds[i].Normalize()
		if err := preds[i].Validate(); err != nil {
			return fmt.Errorf("prediction %d of %d: %w", i+1, len(preds), err)
		}
	}
	return nil
}

// CheckPeriods normalizes and validates the periods of a file, naming the
// first one that is not valid.
func CheckPeriods(periods []model.Period) error {
	for i := range periods {
		periods[i].Normalize()
		if err := periods[i].Validate(); err != nil {
			return fmt.Errorf("period %d of %d (%q): %w", i+1, len(periods), periods[i].Title, err)
		}
	}
	return nil
}

// EventKey and PredictionKey are what makes a record a duplicate of one
// the database holds: an event's title, date and actor, a prediction's
// statement, source and date made, case aside.
func EventKey(e model.Event) string { return EventKeyOf(e.Title, e.Date.String(), e.Actor) }

// EventKeyOf is EventKey from the columns a database keeps.
func EventKeyOf(title, date, actor string) string {
	return strings.ToLower(title) + "\x1f" + date + "\x1f" + strings.ToLower(actor)
}

// PredictionKey: see EventKey.
func PredictionKey(p model.Prediction) string {
	return PredictionKeyOf(p.Statement, p.Source, p.Made.String())
}

// PredictionKeyOf is PredictionKey from the columns a database keeps.
func PredictionKeyOf(statement, source, made string) string {
	return strings.ToLower(statement) + "\x1f" + strings.ToLower(source) + "\x1f" + made
}

// PeriodKey is what makes a period a duplicate: its title, case aside,
// start and end.
func PeriodKey(p model.Period) string { return PeriodKeyOf(p.Title, p.Start.String(), p.End.String()) }

// PeriodKeyOf is PeriodKey from the columns a database keeps.
func PeriodKeyOf(title, start, end string) string {
	return strings.ToLower(title) + "\x1f" + start + "\x1f" + end
}

// WholeEventKey tells apart events of one file that differ in anything
// but their id and record times.
func WholeEventKey(e model.Event) string {
	var b strings.Builder
	b.WriteString(EventKey(e))
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

// Copies are the records of a file sorted into the new ones and the
// duplicates, in the file's order.
type Copies[R any] struct {
	Fresh, Dups []R
	// Target maps the file id of a record that matches one in the
	// database to that record's id (and, once they are saved, the file id
	// of a new record to its id); CopyOf, the file id of a later copy
	// within the file to the file id of the first.
	Target, CopyOf map[int64]int64
}

// SortCopies sorts records: one whose key is in existing duplicates the
// record there; one whose whole key repeats an earlier record's in the file
// is a copy of it; the others are new.
func SortCopies[R any](records []R, existing map[string]int64, id func(R) int64, key, whole func(R) string) Copies[R] {
	c := Copies[R]{Target: map[int64]int64{}, CopyOf: map[int64]int64{}}
	firstInFile := map[string]int64{} // whole key → file id of its first copy
	for _, r := range records {
		if dbID, dup := existing[key(r)]; dup {
			c.Dups = append(c.Dups, r)
			if id(r) > 0 {
				c.Target[id(r)] = dbID
			}
			continue
		}
		w := whole(r)
		if first, dup := firstInFile[w]; dup {
			c.Dups = append(c.Dups, r)
			c.CopyOf[id(r)] = first
			continue
		}
		firstInFile[w] = id(r)
		c.Fresh = append(c.Fresh, r)
	}
	return c
}

// SortEvents sorts a file's events by SortCopies: within the file only a
// whole repeat is a duplicate, since two events that share a title, date
// and actor but differ otherwise are two.
func SortEvents(events []model.Event, existing map[string]int64) Copies[model.Event] {
	return SortCopies(events, existing, func(e model.Event) int64 { return e.ID }, EventKey, WholeEventKey)
}

// SortPredictions sorts a file's predictions by SortCopies; they are
// given in the order they are to be saved (see RestatedFirst).
func SortPredictions(preds []model.Prediction, existing map[string]int64) Copies[model.Prediction] {
	c := SortCopies(preds, existing, func(p model.Prediction) int64 { return p.ID }, PredictionKey, PredictionKey)
	c.Fresh = RestatedFirst(c.Fresh)
	return c
}

// PointCopies points each later copy at the id its first copy was saved
// under, once the new records have their ids in Target.
func (c Copies[R]) PointCopies() {
	for later, first := range c.CopyOf {
		if id, ok := c.Target[first]; ok {
			c.Target[later] = id
		}
	}
}

// Repoint points a new prediction's evidence at the saved events (by
// eventTarget) and its restatement at the claim saved or matched before
// it, or at none.
func Repoint(p model.Prediction, eventTarget map[int64]int64, preds Copies[model.Prediction]) model.Prediction {
	p.Resolution.Evidence = Retarget(p.Resolution.Evidence, eventTarget)
	if p.Restates != 0 {
		if first, ok := preds.CopyOf[p.Restates]; ok {
			p.Restates = first
		}
		p.Restates = preds.Target[p.Restates] // 0 when it names no claim saved or matched
	}
	return p
}

// RestatedFirst orders predictions so that each comes after the one of
// preds it restates, keeping the file's order otherwise.
func RestatedFirst(preds []model.Prediction) []model.Prediction {
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

// Retarget points evidence at the saved events, dropping any whose event
// was neither saved nor matched, and repeats.
func Retarget(evidence []model.Evidence, target map[int64]int64) []model.Evidence {
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

// UniqueIDs reports whether every record has its own positive id, so the
// ids can be kept.
func UniqueIDs(events []model.Event, preds []model.Prediction) bool {
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

// Above reports whether every record's id is above the last event and
// prediction ids the database gave out, so that none was ever given.
func Above(events []model.Event, preds []model.Prediction, lastEvent, lastPrediction int64) bool {
	for _, e := range events {
		if e.ID <= lastEvent {
			return false
		}
	}
	for _, p := range preds {
		if p.ID <= lastPrediction {
			return false
		}
	}
	return true
}

// CountReminders counts the reminders that name one of the file's
// predictions, and those that name none.
func CountReminders(reminders []model.Reminder, preds []model.Prediction) (kept, unmatched int) {
	fileIDs := map[int64]bool{}
	for _, p := range preds {
		fileIDs[p.ID] = true
	}
	for _, r := range reminders {
		if r.PredictionID > 0 && fileIDs[r.PredictionID] {
			kept++
		} else {
			unmatched++
		}
	}
	return kept, unmatched
}

// EachSource calls add for each of a file's sources that has a name, and
// names the source whose add fails.
func EachSource(sources []model.Source, add func(model.Source) error) error {
	for _, src := range sources {
		if strings.TrimSpace(src.Name) == "" {
			continue
		}
		if err := add(src); err != nil {
			return fmt.Errorf("source %q: %w", src.Name, err)
		}
	}
	return nil
}

// Periods are a file's periods sorted into the new ones and the
// duplicates.
type Periods struct {
	Added, Dups []model.Period
	// KeepIDs is true when the new periods' ids are positive and unique;
	// the database must also never have given them out (see Above).
	KeepIDs bool
}

// SortPeriods sorts periods: one whose key is in existing, or repeats an
// earlier one's in the file, is a duplicate. existing gains the keys of
// the new ones.
func SortPeriods(periods []model.Period, existing map[string]bool) Periods {
	var out Periods
	ids := map[int64]bool{}
	out.KeepIDs = true
	for _, p := range periods {
		key := PeriodKey(p)
		if existing[key] {
			out.Dups = append(out.Dups, p)
			continue
		}
		existing[key] = true
		out.Added = append(out.Added, p)
		if p.ID <= 0 || ids[p.ID] {
			out.KeepIDs = false
		}
		ids[p.ID] = true
	}
	out.KeepIDs = out.KeepIDs && len(out.Added) > 0
	return out
}

// Above keeps the new periods' ids only when all are above the last
// period id the database gave out.
func (ps *Periods) Above(last int64) {
	for _, p := range ps.Added {
		if p.ID <= last {
			ps.KeepIDs = false
		}
	}
}
