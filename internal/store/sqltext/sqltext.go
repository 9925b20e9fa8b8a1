// Package sqltext holds the SQL text that both database engines write
// alike: WHERE from conditions, ORDER BY from terms, LIMIT and OFFSET, and
// the standard SQL of a recursive walk of restatements. What differs
// between their dialects (placeholders, collations, functions) stays with
// each engine.
package sqltext

import (
	"fmt"
	"strings"
)

// Where is " WHERE " and the conditions joined by AND, or nothing when
// there are none.
func Where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// OrderBy is " ORDER BY " and the terms, each descending when desc.
func OrderBy(desc bool, terms ...string) string {
	if desc {
		terms = append([]string(nil), terms...)
		for i := range terms {
			terms[i] += " DESC"
		}
	}
	return " ORDER BY " + strings.Join(terms, ", ")
}

// Page is " LIMIT limit OFFSET offset" (a negative offset read as 0), or
// nothing when limit is not positive.
func Page(limit, offset int) string {
	if limit <= 0 {
		return ""
	}
	return fmt.Sprintf(" LIMIT %d OFFSET %d", limit, max(offset, 0))
}

// Limit is " LIMIT limit", or nothing when limit is not positive.
func Limit(limit int) string {
	if limit <= 0 {
		return ""
	}
	return fmt.Sprintf(" LIMIT %d", limit)
}

// RestatementChain is a WITH RECURSIVE clause that walks the restatements
// of the claim whose id is the parameter param: up to the first claim of
// its chain, then down through every claim restating it. It ends with the
// table down(id, depth), for the engine's SELECT; depth is capped so that
// a loop ends.
func RestatementChain(param string) string {
	return `WITH RECURSIVE
		up(id, restates, depth) AS (
			SELECT id, restates, 0 FROM predictions WHERE id = ` + param + `
			UNION SELECT p.id, p.restates, up.depth + 1 FROM predictions p JOIN up ON p.id = up.restates
			WHERE up.depth < 10000),
		root(id) AS (SELECT id FROM up ORDER BY depth DESC LIMIT 1),
		down(id, depth) AS (
			SELECT id, 0 FROM root
			UNION SELECT p.id, down.depth + 1 FROM predictions p JOIN down ON p.restates = down.id
			WHERE down.depth < 10000)
		`
}
