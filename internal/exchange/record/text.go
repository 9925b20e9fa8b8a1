package record

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// maxMadeTitle is how long a title made from a record's text may be.
const maxMadeTitle = 80

var reMarkdownLinkText = regexp.MustCompile(`\[([^\[\]]*)\]\([^()\s]*\)`)

// TitleFromText makes a title from the first line of a record's text, for
// a record that came without one: the line's words, Markdown links reduced
// to their text, cut at a word near maxMadeTitle characters. It is "" when
// the text has no words.
func TitleFromText(text string) string {
	for _, line := range strings.Split(text, "\n") {
		line = reMarkdownLinkText.ReplaceAllString(line, "$1")
		line = strings.Trim(line, " \t#*>-_")
		line = strings.Join(strings.Fields(strings.ReplaceAll(line, "**", "")), " ")
		if strings.IndexFunc(line, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) < 0 {
			continue
		}
		return ShortText(line, maxMadeTitle)
	}
	return ""
}

// ShortText cuts s to at most n characters, at a space when there is one
// in its second half, ending it with "…".
func ShortText(s string, n int) string {
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

// isControl reports control characters other than tab and line ends.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r >= 0x80 && r <= 0x9f
}

// CleanText drops control characters: no title or note needs them, and
// they could drive a terminal that prints the text (escape sequences) or
// break a line-based format on the next export.
func CleanText(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

func cleanAll(fields ...*string) {
	for _, f := range fields {
		*f = CleanText(*f)
	}
}

// UnixNewlines turns CRLF and lone CR line ends into LF, for the formats
// whose writers cannot keep a CR as it is.
func UnixNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

var recordNouns = map[string][2]string{
	"events": {"event", "events"}, "predictions": {"prediction", "predictions"},
	"periods": {"period", "periods"}, "sources": {"source", "sources"},
	"views": {"saved view", "saved views"}, "reminders": {"reminder sent", "reminders sent"},
}

// Counted writes "1 event" or "3 events" for a kind of record: events,
// predictions, periods, sources, views or reminders.
func Counted(n int, records string) string {
	noun := recordNouns[records]
	if n == 1 {
		return "1 " + noun[0]
	}
	return fmt.Sprintf("%d %s", n, noun[1])
}
