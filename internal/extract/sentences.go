package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a byte range [start, end) of the text.
type span struct{ start, end int }

func (s span) len() int             { return s.end - s.start }
func (s span) contains(o span) bool { return s.start <= o.start && o.end <= s.end }
func (s span) text(t string) string { return t[s.start:s.end] }
func (s span) has(offset int) bool  { return s.start <= offset && offset < s.end }
func (s span) empty() bool          { return s.end <= s.start }

// sentence is one sentence of the text, with the clauses it splits into at
// its commas, colons and conjunctions.
type sentence struct {
	span
	clauses []span
	// heading is a line of its own with no closing punctuation: a title
	// or a section heading.
	heading bool
	// listItem is the sentence that opens a numbered or bulleted item.
	listItem bool
	// section is the index of the heading the sentence falls under, -1
	// before the first; for a heading, the heading before it.
	section int
	// paragraph counts the blocks of text separated by blank lines.
	paragraph int
}

// Closing punctuation that stays with the sentence before it.
const closers = "”’\"')）」』】》]"

// Words before a full stop that do not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true, "st": true,
	"vs": true, "etc": true, "e.g": true, "i.e": true, "inc": true, "ltd": true, "co": true, "corp": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "no": true, "approx": true, "fig": true,
	"u.s": true, "u.k": true, "a.m": true, "p.m": true, "gen": true, "gov": true, "sen": true, "rep": true,
	"est": true, "cf": true, "al": true, "ca": true, "mt": true, "vol": true, "op": true,
}

// List markers at the start of a line: "1.", "2)", "(3)", "（4）", "一、",
// "•", "-", "*", "①".
var reListMarker = regexp.MustCompile(`^(?:\d{1,3}[.)、．]\s*|[(（]\d{1,3}[)）]\s*|[一二三四五六七八九十]{1,3}、\s*|[•·●▪◦*\-–]\s+|[①-⑳]\s*)`)

// splitSentences cuts the readable parts of text into sentences. A blank
// line always ends a sentence, and so does a line break, except inside a
// hard-wrapped English paragraph (the next line goes on in lower case).
func splitSentences(text string, readable []span) []sentence {
	var out []sentence
	section, paragraph := -1, 0
	for _, part := range readable {
		for _, seg := range segments(text, part) {
			if seg.blankBefore {
				paragraph++
			}
			body := seg.span
			listItem := false
			if m := reListMarker.FindStringIndex(body.text(text)); m != nil && m[1] < body.len() {
				body.start += m[1]
				listItem = true
			}
			sents := sentencesIn(text, body)
			heading := len(sents) == 1 && seg.alone && isHeadingText(text[body.start:body.end])
			if heading {
				// "二、第二部分": a numbered heading keeps its number.
				sents = []span{seg.span}
			}
			for i, s := range sents {
				st := sentence{span: s, section: section, paragraph: paragraph, listItem: listItem && i == 0}
				if heading {
					st.heading = true
					st.listItem = false
				}
				st.clauses = clausesIn(text, s)
				out = append(out, st)
			}
			if heading {
				section = len(out) - 1
			}
		}
	}
	return out
}

type segment struct {
	span
	blankBefore bool // a blank line (or the start) comes before it
	alone       bool // it is a paragraph of one line
}

// segments cuts part into runs of text that no sentence crosses.
func segments(text string, part span) []segment {
	var out []segment
	lines := lineSpans(text, part)
	blank := true
	for i := 0; i < len(lines); i++ {
		ln := trimSpan(text, lines[i])
		if ln.empty() {
			blank = true
			continue
		}
		seg := segment{span: ln, blankBefore: blank}
		// Join a hard-wrapped English paragraph.
		for i+1 < len(lines) {
			next := trimSpan(text, lines[i+1])
			if next.empty() || !continuesLine(text, seg.span, next) {
				break
			}
			seg.end = next.end
			i++
		}
		nextBlank := i+1 >= len(lines) || trimSpan(text, lines[i+1]).empty()
		seg.alone = blank && nextBlank
		out = append(out, seg)
		blank = false
	}
	return out
}

func lineSpans(text string, part span) []span {
	var out []span
	start := part.start
	for i := part.start; i < part.end; i++ {
		if text[i] == '\n' {
			out = append(out, span{start, i})
			start = i + 1
		}
	}
	return append(out, span{start, part.end})
}

// continuesLine reports whether next carries on the sentence of prev: an
// English line that stops mid-sentence, followed by one in lower case.
func continuesLine(text string, prev, next span) bool {
	last, _ := utf8.DecodeLastRuneInString(prev.text(text))
	first, _ := utf8.DecodeRuneInString(next.text(text))
	if strings.ContainsRune(".!?。！？；;:：…", last) || reListMarker.MatchString(next.text(text)) {
		return false
	}
	return first < utf8.RuneSelf && unicode.IsLower(first)
}

func trimSpan(text string, s span) span {
	for s.start < s.end {
		r, n := utf8.DecodeRuneInString(text[s.start:s.end])
		if !unicode.IsSpace(r) && r != '\uFEFF' {
			break
		}
		s.start += n
	}
	for s.end > s.start {
		r, n := utf8.DecodeLastRuneInString(text[s.start:s.end])
		if !unicode.IsSpace(r) {
			break
		}
		s.end -= n
	}
	return s
}

// isHeadingText: short and without closing punctuation.
func isHeadingText(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	// A line ending in a colon heads the list after it ("My predictions:").
	if strings.ContainsRune("。.！!？?；;…,，", last) || strings.ContainsAny(s, "。！？；") || reInnerStop.MatchString(s) {
		return false
	}
	n := utf8.RuneCountInString(s)
	if hanShare(s) > 0.3 {
		return n <= 50
	}
	return n <= 100
}

var reTrailingBracket = regexp.MustCompile(`^\s*[(（][^()（）\pL]{1,16}[)）]`)

var reInnerStop = regexp.MustCompile(`[.!?;]\s`)

// hanShare is the share of letters in s that are Chinese characters.
func hanShare(s string) float64 {
	han, letters := 0, 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
			letters++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(han) / float64(letters)
}

// sentencesIn cuts one segment at its sentence ends.
func sentencesIn(text string, seg span) []span {
	var out []span
	start := seg.start
	s := seg.text(text)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		end := -1
		switch {
		case strings.ContainsRune("。！？!?；;", r):
			end = i + n
		case r == '…':
			end = i + n
		case r == '.':
			if isFullStop(s, i) {
				end = i + n
			}
		}
		if end < 0 {
			i += n
			continue
		}
		// Take repeated marks and closing quotes along: "？！", "……", "。”",
		// and a bracket with no words after it: "… 2025. (55%)".
		for end < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[end:])
			if !strings.ContainsRune("。！？!?…."+closers, r2) {
				break
			}
			end += n2
		}
		if m := reTrailingBracket.FindStringIndex(s[end:]); m != nil {
			end += m[1]
		}
		out = appendSentence(text, out, span{start, seg.start + end})
		start = seg.start + end
		i = end
	}
	if start < seg.end {
		out = appendSentence(text, out, span{start, seg.end})
	}
	return out
}

// appendSentence adds s, trimmed; a piece with no letters ("(55%)", "——")
// goes with the sentence before it.
func appendSentence(text string, out []span, s span) []span {
	s = trimSpan(text, s)
	if s.empty() {
		return out
	}
	if len(out) > 0 && !hasLetters(s.text(text)) {
		out[len(out)-1].end = s.end
		return out
	}
	return append(out, s)
}

func hasLetters(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// isFullStop decides whether the '.' at s[i] ends a sentence: not in 3.5
// or openai.com, not after an abbreviation or an initial, and not when the
// text goes on in lower case. Before a Chinese character it always does.
func isFullStop(s string, i int) bool {
	next, _ := utf8.DecodeRuneInString(s[i+1:])
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if i+1 >= len(s) {
		return true
	}
	if unicode.Is(unicode.Han, next) {
		return !(unicode.IsDigit(prev) && unicode.IsDigit(next))
	}
	if !unicode.IsSpace(next) && !strings.ContainsRune(closers, next) && next != '.' {
		return false // 3.5, openai.com, U.S.
	}
	if next == '.' {
		return false // an ellipsis "...": decided at its last dot
	}
	word := lastWord(s[:i])
	if abbreviations[strings.ToLower(word)] {
		return false
	}
	if r := []rune(word); len(r) == 1 && unicode.IsUpper(r[0]) {
		return false // an initial: "J. R. R. Tolkien"
	}
	rest := strings.TrimLeftFunc(s[i+1:], func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(closers, r) })
	if first, _ := utf8.DecodeRuneInString(rest); unicode.IsLower(first) {
		return false
	}
	return true
}

// lastWord is the run of letters, digits and inner dots before the end of s.
func lastWord(s string) string {
	end := len(s)
	start := end
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:start])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.') || unicode.Is(unicode.Han, r) {
			break
		}
		start -= n
	}
	return strings.Trim(s[start:end], ".")
}

// English conjunctions that open a new clause after a comma.
var reEnglishClauseBreak = regexp.MustCompile(`(?i),\s+(?:and|but|while|though|although|whereas|yet|so|when|which|because|since|or)\b|;\s+|\s+[–—]+\s+|:\s+`)

// clausesIn cuts a sentence into clauses: at every Chinese comma or colon
// (and an ASCII comma next to a Chinese character), and in English text at
// a comma before a conjunction, a dash or a colon.
func clausesIn(text string, s span) []span {
	var cuts []int // byte offsets where a new clause starts
	body := s.text(text)
	for i := 0; i < len(body); {
		r, n := utf8.DecodeRuneInString(body[i:])
		switch r {
		case '，', '：', '；':
			cuts = append(cuts, i+n)
		case ',', ':':
			prev, _ := utf8.DecodeLastRuneInString(strings.TrimRight(body[:i], " "))
			next, _ := utf8.DecodeRuneInString(strings.TrimLeft(body[i+n:], " "))
			if unicode.Is(unicode.Han, prev) || unicode.Is(unicode.Han, next) {
				cuts = append(cuts, i+n)
			}
		}
		i += n
	}
	for _, m := range reEnglishClauseBreak.FindAllStringIndex(body, -1) {
		// Cut before the conjunction, after the comma: ", and …" starts with "and".
		cut := m[0] + 1
		if body[m[0]] != ',' {
			cut = m[1]
		}
		cuts = append(cuts, cut)
	}
	slices.Sort(cuts)
	var out []span
	start := 0
	for _, c := range cuts {
		if c <= start || c >= len(body) {
			continue
		}
		if piece := trimSpan(text, span{s.start + start, s.start + c}); !piece.empty() {
			out = append(out, trimClause(text, piece))
		}
		start = c
	}
	if piece := trimSpan(text, span{s.start + start, s.end}); !piece.empty() {
		out = append(out, trimClause(text, piece))
	}
	return out
}

// trimClause drops the comma or colon a clause ends with.
func trimClause(text string, s span) span {
	for s.end > s.start {
		r, n := utf8.DecodeLastRuneInString(text[s.start:s.end])
		if !strings.ContainsRune(",，:：、", r) {
			break
		}
		s.end -= n
	}
	return trimSpan(text, s)
}
