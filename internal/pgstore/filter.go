package pgstore

import (
	"strings"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
)

// filterEvents turns what f says of events into conditions on the events
// table (as e), keeping the records f.Apply keeps in memory and the SQLite
// store keeps: an unreadable or reversed date window is ignored, an
// unresolved import batch keeps nothing.
func filterEvents(a *args, f filter.Filter) []string {
	var where []string
	if len(f.Categories) > 0 {
		cats := make([]string, len(f.Categories))
		for i, c := range f.Categories {
			cats[i] = string(c)
		}
		where = append(where, "e.category = ANY("+a.add(cats)+"::text[])")
	}
	if actors := filter.NonEmpty(f.Actors); len(actors) > 0 {
		// As the SQLite store compares them: its lower() folds ASCII only.
		for i, x := range actors {
			actors[i] = strings.ToLower(x)
		}
		where = append(where, "ascii_fold(trim(e.actor)) = ANY("+a.add(actors)+"::text[])")
	}
	if tags := model.NormalizeTags(f.Tags); len(tags) > 0 {
		where = append(where, "e.id IN (SELECT et.event_id FROM event_tags et JOIN tags t ON t.id = et.tag_id WHERE t.name = ANY("+a.add(tags)+"::text[]))")
	}
	if w := f.Window(); w.Set() {
		where = append(where, overlaps(a, int64(w.Lo), int64(w.Hi)))
	}
	if f.Batch != nil {
		ids := f.Batch.EventIDs()
		if ids == nil {
			ids = []int64{}
		}
		where = append(where, "e.id = ANY("+a.add(ids)+"::bigint[])")
	}
	return where
}

// overlaps keeps the events whose days overlap from..to, through the GiST
// index of their spans. An open end is clamped to the days the SQLite
// store compares (32 bits), which also keeps the range's bounds in range.
func overlaps(a *args, from, to int64) string {
	return "int8range(e.earliest, e.latest, '[]') && int8range(" + a.add(dayArg(from)) + "::bigint, " + a.add(dayArg(to)) + "::bigint, '[]')"
}

func dayArg(d int64) int64 { return min(max(d, -1<<31), 1<<31-1) }

// searchCondition keeps events whose text holds every word of query, as
// the SQLite store finds them: a word of three or more characters
// anywhere in one field, ignoring case (its trigram full-text index; here
// the trigram index of event_text, with ILIKE); a shorter word, common in
// Chinese, as SQLite's LIKE finds it, ignoring the case of ASCII letters
// only. "" when query has no words.
func searchCondition(a *args, query string) string {
	var conds []string
	for _, word := range strings.Fields(query) {
		pattern := "%" + escapeLike(word) + "%"
		if utf8.RuneCountInString(word) >= 3 {
			conds = append(conds, "event_text(e.title, e.title_zh, e.description, e.actor) ILIKE "+a.add(pattern))
			continue
		}
		if !hasASCIILetter(word) {
			// Folding ASCII letters cannot change whether a word without
			// them occurs: skip the fold, which costs more than the match.
			conds = append(conds, "event_text(e.title, e.title_zh, e.description, e.actor) LIKE "+a.add(pattern))
			continue
		}
		conds = append(conds, "ascii_fold(event_text(e.title, e.title_zh, e.description, e.actor)) LIKE "+a.add(asciiLower(pattern)))
	}
	return strings.Join(conds, " AND ")
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// asciiLower lowers ASCII letters only, as ascii_fold does in the database.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
}

func hasASCIILetter(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' })
}
