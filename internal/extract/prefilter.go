package extract

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// literalPrefixes lists strings (in lower case) one of which every match
// of pattern starts with, so that a text containing none of them need not
// be searched; nil when the pattern allows no such list.
func literalPrefixes(pattern string) []string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	return prefixesOf(re.Simplify())
}

func prefixesOf(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}
	case syntax.OpCapture:
		return prefixesOf(re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			switch sub.Op {
			case syntax.OpWordBoundary, syntax.OpBeginLine, syntax.OpBeginText, syntax.OpEmptyMatch:
				continue
			}
			return prefixesOf(sub)
		}
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			p := prefixesOf(sub)
			if p == nil {
				return nil
			}
			out = append(out, p...)
		}
		return out
	case syntax.OpCharClass:
		// A small class of letters: each is a prefix ([？?], [上下]).
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > 8 {
				return nil
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, strings.ToLower(string(r)))
			}
		}
		if len(out) > 24 {
			return nil
		}
		return out
	}
	return nil
}

// filteredRegexp is a regular expression with the literal prefixes that
// let a search be skipped.
type filteredRegexp struct {
	*regexp.Regexp
	prefixes []string
}

func compileFiltered(pattern string) filteredRegexp {
	return filteredRegexp{regexp.MustCompile(pattern), literalPrefixes(pattern)}
}

// mayMatch reports whether lower (the text in lower case) could hold a match.
func (f filteredRegexp) mayMatch(lower string) bool {
	if f.prefixes == nil {
		return true
	}
	for _, p := range f.prefixes {
		if strings.Contains(lower, p) {
			return true
		}
	}
	return false
}
