package store

import (
	"encoding/json"
	"strings"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
)

// filterEventsSQL turns what f says of events into conditions on the
// events table (as e) and their arguments: the same records that f.Apply
// keeps in memory. An unreadable or reversed date window is ignored, as
// Filter ignores it; an unresolved import batch keeps nothing.
func filterEventsSQL(f filter.Filter) (where []string, args []any) {
	if len(f.Categories) > 0 {
		where = append(where, "e.category IN ("+placeholders(len(f.Categories))+")")
		for _, c := range f.Categories {
			args = append(args, string(c))
		}
	}
	if actors := filter.NonEmpty(f.Actors); len(actors) > 0 {
		where = append(where, "lower(trim(e.actor)) IN ("+placeholders(len(actors))+")")
		for _, a := range actors {
			args = append(args, strings.ToLower(a))
		}
	}
	if tags := model.NormalizeTags(f.Tags); len(tags) > 0 {
		where = append(where, "e.id IN (SELECT et.event_id FROM event_tags et JOIN tags t ON t.id = et.tag_id WHERE t.name IN ("+placeholders(len(tags))+"))")
		for _, t := range tags {
			args = append(args, t)
		}
	}
	if w := f.Window(); w.Set() {
		where = append(where, "e.id IN (SELECT id FROM events_span WHERE earliest <= ? AND latest >= ?)")
		args = append(args, dayArg(int64(w.Hi)), dayArg(int64(w.Lo)))
	}
	if f.Batch != nil {
		ids, _ := json.Marshal(f.Batch.EventIDs())
		where = append(where, "e.id IN (SELECT value FROM json_each(?))")
		args = append(args, string(ids))
	}
	return where, args
}

// dayArg keeps an open end of a window within what the R*Tree's 32-bit
// columns compare against correctly.
func dayArg(d int64) int64 { return min(max(d, -1<<31), 1<<31-1) }

// placeholders is "?, ?, …" for n arguments.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
