package prose

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Range is a byte range [Start, End) of a text.
type Range struct{ Start, End int }

// Len is the range's length in bytes.
func (r Range) Len() int { return r.End - r.Start }

// Contains reports whether o lies within r.
func (r Range) Contains(o Range) bool { return r.Start <= o.Start && o.End <= r.End }

// Text is the part of t the range covers.
func (r Range) Text(t string) string { return t[r.Start:r.End] }

// Has reports whether the byte at offset lies within r.
func (r Range) Has(offset int) bool { return r.Start <= offset && offset < r.End }

// Empty reports whether r covers nothing.
func (r Range) Empty() bool { return r.End <= r.Start }

// Sentence is one sentence of a text, with the clauses it splits into at
// its commas, colons and conjunctions.
type Sentence struct {
	Range
	Clauses []Range
	// Heading is a line of its own with no closing punctuation: a title
	// or a section heading.
	Heading bool
	// ListItem is the sentence that opens a numbered or bulleted item.
	ListItem bool
	// Section is the index of the heading the sentence falls under, -1
	// before the first; for a heading, the heading before it.
	Section int
	// Paragraph counts the blocks of text separated by blank lines.
	Paragraph int
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
var ListMarker = regexp.MustCompile(`^(?:\d{1,3}[.)、．]\s*|[(（]\d{1,3}[)）]\s*|[一二三四五六七八九十]{1,3}、\s*|[•·●▪◦*\-–]\s+|[①-⑳]\s*)`)

// Split cuts the readable parts of text into sentences. A blank
// line always ends a sentence, and so does a line break, except inside a
// hard-wrapped English paragraph (the next line goes on in lower case).
func Split(text string, readable []Range) []Sentence {
	var out []Sentence
	section, paragraph := -1, 0
	for _, part := range readable {
		for _, seg := range segments(text, part) {
			if seg.blankBefore {
				paragraph++
			}
			body := seg.Range
			listItem := false
			if m := ListMarker.FindStringIndex(body.Text(text)); m != nil && m[1] < body.Len() {
				body.Start += m[1]
				listItem = true
			}
			sents := sentencesIn(text, body)
			heading := len(sents) == 1 && seg.alone && isHeadingText(text[body.Start:body.End])
			if heading {
				// "二、第二部分": a numbered heading keeps its number.
				sents = []Range{seg.Range}
			}
			for i, s := range sents {
				st := Sentence{Range: s, Section: section, Paragraph: paragraph, ListItem: listItem && i == 0}
				if heading {
					st.Heading = true
					st.ListItem = false
				}
				st.Clauses = clausesIn(text, s)
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
	Range
	blankBefore bool // a blank line (or the start) comes before it
	alone       bool // it is a paragraph of one line
}

// segments cuts part into runs of text that no sentence crosses.
func segments(text string, part Range) []segment {
	var out []segment
	lines := Lines(text, part)
	blank := true
	for i := 0; i < len(lines); i++ {
		ln := Trim(text, lines[i])
		if ln.Empty() {
			blank = true
			continue
		}
		seg := segment{Range: ln, blankBefore: blank}
		// Join a hard-wrapped English paragraph.
		for i+1 < len(lines) {
			next := Trim(text, lines[i+1])
			if next.Empty() || !continuesLine(text, seg.Range, next) {
				break
			}
			seg.End = next.End
			i++
		}
		nextBlank := i+1 >= len(lines) || Trim(text, lines[i+1]).Empty()
		seg.alone = blank && nextBlank
		out = append(out, seg)
		blank = false
	}
	return out
}

func Lines(text string, part Range) []Range {
	var out []Range
	start := part.Start
	for i := part.Start; i < part.End; i++ {
		if text[i] == '\n' {
			out = append(out, Range{Start: start, End: i})
			start = i + 1
		}
	}
	return append(out, Range{Start: start, End: part.End})
}

// continuesLine reports whether next carries on the sentence of prev: an
// English line that stops mid-Sentence, followed by one in lower case.
func continuesLine(text string, prev, next Range) bool {
	last, _ := utf8.DecodeLastRuneInString(prev.Text(text))
	first, _ := utf8.DecodeRuneInString(next.Text(text))
	if strings.ContainsRune(".!?。！？；;:：…", last) || ListMarker.MatchString(next.Text(text)) {
		return false
	}
	return first < utf8.RuneSelf && unicode.IsLower(first)
}

func Trim(text string, s Range) Range {
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) && r != '\uFEFF' {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.End -= n
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
	if HanShare(s) > 0.3 {
		return n <= 50
	}
	return n <= 100
}

var reTrailingBracket = regexp.MustCompile(`^\s*[(（][^()（）\pL]{1,16}[)）]`)

var reInnerStop = regexp.MustCompile(`[.!?;]\s`)

// HanShare is the share of letters in s that are Chinese characters.
func HanShare(s string) float64 {
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
func sentencesIn(text string, seg Range) []Range {
	var out []Range
	start := seg.Start
	s := seg.Text(text)
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
		out = appendSentence(text, out, Range{Start: start, End: seg.Start + end})
		start = seg.Start + end
		i = end
	}
	if start < seg.End {
		out = appendSentence(text, out, Range{Start: start, End: seg.End})
	}
	return out
}

// appendsentence adds s, trimmed; a piece with no letters ("(55%)", "——")
// goes with the sentence before it.
func appendSentence(text string, out []Range, s Range) []Range {
	s = Trim(text, s)
	if s.Empty() {
		return out
	}
	if len(out) > 0 && !HasLetters(s.Text(text)) {
		out[len(out)-1].End = s.End
		return out
	}
	return append(out, s)
}

func HasLetters(s string) bool {
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
func clausesIn(text string, s Range) []Range {
	var cuts []int // byte offsets where a new clause starts
	body := s.Text(text)
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
	var out []Range
	start := 0
	for _, c := range cuts {
		if c <= start || c >= len(body) {
			continue
		}
		if piece := Trim(text, Range{Start: s.Start + start, End: s.Start + c}); !piece.Empty() {
			out = append(out, trimClause(text, piece))
		}
		start = c
	}
	if piece := Trim(text, Range{Start: s.Start + start, End: s.End}); !piece.Empty() {
		out = append(out, trimClause(text, piece))
	}
	return out
}

// trimClause drops the comma or colon a clause ends with.
func trimClause(text string, s Range) Range {
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !strings.ContainsRune(",，:：、", r) {
			break
		}
		s.End -= n
	}
	return Trim(text, s)
}
