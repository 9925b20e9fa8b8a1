package store

import (
	"strings"
	"unicode/utf8"
)

// searchCondition builds a WHERE clause matching records that contain every
// word of query. Words of three or more characters use the trigram
// full-text index; shorter ones (common in Chinese: "套壳" is two
// characters) fall back to LIKE over likeColumns, since a trigram index
// cannot look up fewer than three characters.
func searchCondition(idColumn, ftsTable string, likeColumns []string, query string) (string, []any) {
	var conds []string
	var args []any
	for _, word := range strings.Fields(query) {
		if utf8.RuneCountInString(word) >= 3 {
			conds = append(conds, idColumn+" IN (SELECT rowid FROM "+ftsTable+" WHERE "+ftsTable+" MATCH ?)")
			args = append(args, ftsPhrase(word))
			continue
		}
		pattern := "%" + escapeLike(word) + "%"
		var ors []string
		for _, c := range likeColumns {
			ors = append(ors, c+` LIKE ? ESCAPE '\'`)
			args = append(args, pattern)
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if len(conds) == 0 {
		return "1", nil
	}
	return strings.Join(conds, " AND "), args
}

// ftsPhrase quotes a word as an FTS5 string so that its characters are
// searched for literally, never read as query syntax (AND, NEAR, *, -).
func ftsPhrase(word string) string {
	return `"` + strings.ReplaceAll(word, `"`, `""`) + `"`
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}
