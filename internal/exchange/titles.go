package exchange

import (
	"regexp"
	"strings"
	"unicode"
)

// maxMadeTitle is how long a title made from a record's text may be.
const maxMadeTitle = 80

var reMarkdownLinkText = regexp.MustCompile(`\[([^\[\]]*)\]\([^()\s]*\)`)

// titleFromText makes a title from the first line of a record's text, for
// a record that came without one: the line's words, Markdown links reduced
// to their text, cut at a word near maxMadeTitle characters. It is "" when
// the text has no words.
func titleFromText(text string) string {
	for _, line := range strings.Split(text, "\n") {
		line = reMarkdownLinkText.ReplaceAllString(line, "$1")
		line = strings.Trim(line, " \t#*>-_")
		line = strings.Join(strings.Fields(strings.ReplaceAll(line, "**", "")), " ")
		if strings.IndexFunc(line, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) < 0 {
			continue
		}
		return shortText(line, maxMadeTitle)
	}
	return ""
}

// shortText cuts s to at most n characters, at a space when there is one
// in its second half, ending it with "…".
func shortText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n - 1
	if i := strings.LastIndexFunc(string(r[:cut]), unicode.IsSpace); i > 0 && len([]rune(s[:i])) > n/2 {
		return strings.TrimSpace(s[:i]) + "…"
	}
	return string(r[:cut]) + "…"
}
