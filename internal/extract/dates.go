package extract

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/internal/when"
)

// The pieces of the date patterns. English month names must be
// capitalised ("May" the month, not "may" the verb); the other words are
// matched in any case.
const (
	enMonth  = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`
	enDay    = `\d{1,2}(?:st|nd|rd|th)?`
	enYear   = `(?:1[89]\d\d|20\d\d)`
	enYearRe = `(?:` + enYear + `|'\d\d|(?i:this|last|next) year)`
	enSeason = `(?i:spring|summer|autumn|fall|winter)`
	enPart   = `(?i:early|mid|late|the (?:start|beginning|end|middle) of|the (?:first|second) half of|the (?:first|second|third|fourth) quarter of|(?:the )?(?:start|beginning|end|middle) of)`
	enCount  = `(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty|forty|fifty|\d{1,3}(?:\.5)?|half a|a couple of|a few)`

	zhNum    = `(?:\d{1,2}|[一二三四五六七八九十]{1,3})`
	zhCount  = `(?:\d{1,3}|[一二两三四五六七八九十半]{1,3})`
	zhSub    = `(?:` + zhNum + `月份?(?:` + zhNum + `[日号])?|第?[一二三四1-4]季度|[上下]半年|年?[初中底末]|[春夏秋冬][季天]?)`
	zhYear   = `(?:大前年|前年|去年|今年|本年|明年|后年|大后年)`
	zhPoints = `(?:公元)?\d{4}年` + zhSub + `?|\d{2}年` + zhSub + `?|` + zhYear + zhSub + `?|[上下]个?月|本月|这个?月|` +
		zhNum + `月份?(?:` + zhNum + `[日号])?|年[初中底末]|[上下]半年|` + zhCount + `(?:年|个月)(?:前|之前|以前)`
)

// Point dates: a day, month, part of a year or year, absolute or relative.
var pointPattern = strings.Join([]string{
	enDay + ` (?:of )?` + enMonth + `,? ` + enYear,
	enMonth + ` ` + enDay + `,? ` + enYear,
	enMonth + `,? ` + enYear,
	enPart + `[- ]?(?:of )?` + enYearRe,
	`(?i:Q[1-4]|H[12]) ` + enYearRe,
	enSeason + ` (?:of )?` + enYearRe,
	`(?i:earlier|later|early|late) (?i:this|last|next) year`,
	`(?i:this|last|next) (?i:year|month|quarter)`,
	`(?i:the year before last|the year after next)`,
	`(?i:this|last|next) ` + enSeason,
	`(?i:last|this|next) ` + enMonth,
	enCount + ` (?i:years?|months?) (?i:ago)`,
	`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}`,
	enMonth + ` ` + enDay,
	enDay + ` ` + enMonth,
	enMonth,
	`(?i:the )?` + enSeason,
	enYear,
	`(?:(?i:last|next|this|on) )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?i:yesterday)`,
	zhPoints,
	`昨天|前天|(?:周|星期)[一二三四五六日天]`,
}, "|")

// Deadline phrases that stand on their own (a point after "by" is found
// by extending a point date).
var deadlinePattern = strings.Join([]string{
	`(?i:within|in|over) (?i:the )?(?i:next |coming |following )?` + enCount + `[- ](?i:years?|months?|decades?)`,
	`(?i:within|in) (?i:the )?(?i:next|coming) (?i:year|decade)`,
	`(?i:by|before) (?i:the )?(?i:end of )?(?i:the|this|next) (?i:year|decade)`,
	`(?i:by next year|this decade)`,
	`(?:未来|今后|接下来的?)?` + zhCount + `(?:年半?|个月)(?:之内|以内|内)`,
	`(?:未来|今后|接下来的?)` + zhCount + `(?:年|个月)`,
	`(?:今年|明年)年?底?(?:之前|以前|以内|之内|前|内)|年底?(?:之前|以前|以内|之内|前|内)`,
}, "|")

// The patterns are tried only where a date can start (see dateStart),
// anchored there: searching the whole text with them is slow.
var (
	rePointDateAt = longest(`^(?:` + pointPattern + `)`)
	reDeadlineAt  = longest(`^(?:` + deadlinePattern + `)`)
)

// maxDatePhrase bounds the text a date phrase is looked for in.
const maxDatePhrase = 80

// Words before a point date that make it a deadline, and (in Chinese)
// after it.
var (
	reEnglishDeadlinePrefix = regexp.MustCompile(`(?i)(?:\b(?:by|before|no later than|not later than|not before|no earlier than|not until|after)(?: the end of)?)\s+$`)
	reChineseDeadlinePrefix = regexp.MustCompile(`(?:到|不晚于|最迟|不早于|从|自)$`)
	reChineseDeadlineSuffix = regexp.MustCompile(`^(?:年?底|月底)?(?:之前|以前|以内|之内|以后|之后|前|内|后|起|开始)`)
)

func longest(pattern string) *regexp.Regexp {
	re := regexp.MustCompile(pattern)
	re.Longest()
	return re
}

// mention is a date phrase found in the text, before it is read.
type mention struct {
	span
	deadline bool
}

// findDates finds the date phrases in the readable parts of text. At
// each place a date can start, the longest point date or deadline phrase
// there is taken.
func findDates(text string, readable []span) []mention {
	var out []mention
	for _, part := range readable {
		for i := part.Start; i < part.End; {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !dateStart(text, i, r) {
				i += n
				continue
			}
			window := text[i:min(part.End, i+maxDatePhrase)]
			var best mention
			if m := rePointDateAt.FindStringIndex(window); m != nil {
				if s, ok := acceptPoint(text, span{Start: i, End: i + m[1]}); ok {
					best = extendToDeadline(text, part, mention{span: s})
				}
			}
			if m := reDeadlineAt.FindStringIndex(window); m != nil && i+m[1] > best.End {
				if s := (span{Start: i, End: i + m[1]}); acceptDeadline(text, s) {
					best = mention{span: s, deadline: true}
				}
			}
			if best.Empty() {
				i += n
				continue
			}
			// A deadline word before the date ("by 2025") may start
			// before i; drop what it overlaps.
			for len(out) > 0 && out[len(out)-1].End > best.Start {
				out = out[:len(out)-1]
			}
			out = append(out, best)
			i = max(best.End, i+n)
		}
	}
	return out
}

// Words an English date phrase can start with.
var dateStartWords = map[string]bool{
	"early": true, "mid": true, "late": true, "the": true, "start": true, "beginning": true, "end": true,
	"middle": true, "spring": true, "summer": true, "autumn": true, "fall": true, "winter": true,
	"earlier": true, "later": true, "this": true, "last": true, "next": true, "a": true, "an": true, "one": true,
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "eight": true, "nine": true,
	"ten": true, "eleven": true, "twelve": true, "fifteen": true, "eighteen": true, "twenty": true, "thirty": true,
	"forty": true, "fifty": true, "half": true, "within": true, "in": true, "over": true, "by": true, "before": true,
	"on": true, "yesterday": true, "q": true, "h": true,
}

// Chinese characters a date phrase can start with.
const zhDateStart = "公大前去今本明后上下这年未接周星昨第春夏秋冬一二三四五六七八九十两半〇"

// dateStart reports whether a date phrase could start at text[i] (r).
func dateStart(text string, i int, r rune) bool {
	if r >= utf8.RuneSelf {
		return strings.ContainsRune(zhDateStart, r)
	}
	if !isWordRune(r) {
		return false
	}
	if prev := runeBefore(text, i); prev < utf8.RuneSelf && isWordRune(prev) {
		return false // inside a word
	}
	if r >= '0' && r <= '9' {
		return true
	}
	j := i
	for j < len(text) && j-i < 12 && text[j] < utf8.RuneSelf && unicode.IsLetter(rune(text[j])) {
		j++
	}
	word := strings.ToLower(text[i:j])
	if _, isMonth := monthNames[word]; isMonth || dateStartWords[word] {
		return true
	}
	if _, isWeekday := weekdayNames[word]; isWeekday {
		return true
	}
	return len(word) == 1 && (word == "q" || word == "h")
}

var monthNames = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
	"jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
	"oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

var weekdayNames = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true}

func runeBefore(text string, offset int) rune {
	r, _ := utf8.DecodeLastRuneInString(text[:offset])
	return r
}

func runeAfter(text string, offset int) rune {
	r, _ := utf8.DecodeRuneInString(text[offset:])
	return r
}

// wordBefore is the word that ends just before offset (spaces skipped).
func wordBefore(text string, offset int) string {
	s := strings.TrimRightFunc(text[:offset], unicode.IsSpace)
	i := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	return strings.ToLower(s[i+1:])
}

var (
	reBareMonth    = regexp.MustCompile(`^` + enMonth + `$`)
	reBareSeason   = regexp.MustCompile(`^(?i:the )?` + enSeason + `$`)
	reBareYear     = regexp.MustCompile(`^` + enYear + `$`)
	reZhYearless   = regexp.MustCompile(`^` + zhNum + `月`)
	reZhTwoDigit   = regexp.MustCompile(`^\d{2}年`)
	reZhAgo        = regexp.MustCompile(`^` + zhCount + `(?:年|个月)`)
	reZhMidYear    = regexp.MustCompile(`年[初中底末]$`)
	reUnitAfterNum = regexp.MustCompile(`^\s?(?i:%|percent|people|users|tokens|gpus|chips|cards|employees|models|parameters|dollars|times|words|characters|pages|stars|downloads|points|b\b|m\b|k\b|x\b)`)
)

// Prepositions that let a bare month or season stand for a date.
var datePrepositions = map[string]bool{
	"in": true, "on": true, "by": true, "since": true, "until": true, "till": true, "before": true,
	"after": true, "from": true, "during": true, "through": true, "early": true, "late": true,
	"mid": true, "of": true, "over": true, "last": true, "next": true, "this": true, "and": true, "to": true,
}

// Characters after 中/初 in "2023年中国…" or "年初创…" that show the
// character belongs to the next word, not to the date.
const zhWordAfterPart = "国文美欧日韩方共央东西南北心间小大外部级型科信华创期步始级"

// acceptPoint filters matches that only look like dates: "may" the verb,
// a year that is a count ("2048 GPUs"), "12年" that is twelve years.
func acceptPoint(text string, s span) (span, bool) {
	phrase := s.Text(text)
	// "in February." at the end of a sentence: the stop is not the
	// abbreviation's ("Feb." keeps it).
	if strings.HasSuffix(phrase, ".") {
		word := phrase[strings.LastIndexAny(phrase, " ")+1 : len(phrase)-1]
		if len(word) > 4 || word == "May" || word == "June" || word == "July" {
			s.End--
			phrase = s.Text(text)
		}
	}
	// "2023年中国…", "今年初创…": the last character starts the next word.
	if reZhMidYear.MatchString(phrase) && strings.ContainsRune(zhWordAfterPart, runeAfter(text, s.End)) {
		_, n := utf8.DecodeLastRuneInString(phrase)
		s.End -= n
		if strings.HasSuffix(s.Text(text), "年年") {
			s.End -= len("年")
		}
		phrase = s.Text(text)
	}
	return s, acceptPointText(text, s, phrase)
}

func acceptPointText(text string, s span, phrase string) bool {
	before, after := runeBefore(text, s.Start), runeAfter(text, s.End)
	if unicode.IsDigit(before) || unicode.IsDigit(after) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(phrase)
	if first < utf8.RuneSelf && (unicode.IsLetter(first) || unicode.IsDigit(first)) && (isWordRune(before) && !unicode.Is(unicode.Han, before)) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(phrase)
	if last < utf8.RuneSelf && isWordRune(last) && isWordRune(after) && !unicode.Is(unicode.Han, after) {
		return false
	}
	switch {
	case reBareMonth.MatchString(phrase), reBareSeason.MatchString(phrase):
		return datePrepositions[wordBefore(text, s.Start)]
	case reBareYear.MatchString(phrase):
		if strings.ContainsRune("$€£¥#@/-–.", before) || unicode.IsLetter(before) && !unicode.Is(unicode.Han, before) {
			return false
		}
		// In Chinese a year carries 年: "2000人" counts people.
		if unicode.Is(unicode.Han, before) || unicode.Is(unicode.Han, after) {
			return false
		}
		return !reUnitAfterNum.MatchString(text[s.End:min(len(text), s.End+12)])
	case reZhTwoDigit.MatchString(phrase):
		if strings.ContainsRune("了过近这那多几第每前后", before) {
			return false
		}
		if len(phrase) == len("00年") && strings.ContainsRune("来多间内前后里以之左半", after) {
			return false // 10年来, 20年前: a count of years
		}
	case reZhYearless.MatchString(phrase):
		if strings.ContainsRune("个几每多数半第", before) {
			return false
		}
	case reZhAgo.MatchString(phrase) && strings.HasSuffix(phrase, "前"):
		if strings.ContainsRune("几多", before) {
			return false
		}
	}
	return true
}

func acceptDeadline(text string, s span) bool {
	before := runeBefore(text, s.Start)
	if unicode.IsDigit(before) || strings.ContainsRune("几多数", before) {
		return false
	}
	phrase := s.Text(text)
	// A bare 内/前/底 is no deadline; "年内" needs no count but "前" alone does.
	if r := []rune(phrase); len(r) < 2 || phrase == "年前" || phrase == "底前" {
		return false
	}
	if strings.HasPrefix(phrase, "年") && unicode.Is(unicode.Han, before) && !strings.ContainsRune("，,。在到今明", before) {
		return false // 多年内, 每年内…
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// extendToDeadline widens a point date to the deadline phrase around it
// ("by 2025", "before the end of next year", "2026年以后", "到2025年底")
// when the wider phrase reads as a deadline.
func extendToDeadline(text string, part span, m mention) mention {
	start, end := m.Start, m.End
	if loc := reEnglishDeadlinePrefix.FindStringIndex(text[max(part.Start, m.Start-40):m.Start]); loc != nil {
		start = max(part.Start, m.Start-40) + loc[0]
	}
	if loc := reChineseDeadlinePrefix.FindStringIndex(text[max(part.Start, m.Start-12):m.Start]); loc != nil {
		start = max(part.Start, m.Start-12) + loc[0]
	}
	if loc := reChineseDeadlineSuffix.FindStringIndex(text[m.End:min(part.End, m.End+12)]); loc != nil && !strings.HasPrefix(text[m.End:], "前后") {
		end = m.End + loc[1]
	}
	if start == m.Start && end == m.End {
		return m
	}
	// Only the forms the deadline reader knows; a made date far from any
	// real one is enough to tell them apart.
	probe := when.MustParse("2000-06")
	for _, s := range []span{{Start: start, End: end}, {Start: m.Start, End: end}, {Start: start, End: m.End}} {
		if s == m.span {
			continue
		}
		if _, err := when.ParseDeadline(s.Text(text), probe); err == nil {
			return mention{span: s, deadline: true}
		}
	}
	return m
}

// DateMention is a date phrase in the text and what it was read as.
type DateMention struct {
	Span Span   `json:"span"`
	Text string `json:"text"`
	// Deadline is true for a time limit ("within two years", "by 2025",
	// "两年内") rather than a point in time.
	Deadline bool `json:"deadline,omitempty"`
	// Date is the point in time, or the date a deadline names; zero when
	// the phrase could not be read (see Problem) or is a span of time
	// ("within two years").
	Date when.Date `json:"date,omitzero"`
	// Limit is the deadline, for a deadline phrase.
	Limit when.Deadline `json:"-"`
	// Anchor says how a relative phrase was tied to the published date,
	// and Lean which way a phrase without its year was read.
	Anchor when.Anchor `json:"-"`
	Lean   when.Lean   `json:"-"`
	// Reasoning explains, in English, how the phrase was read: "二月份 in
	// a text published 2024-01 → 2023-02 (year left out: the latest such
	// date not after it)". A translated interface builds its own text
	// from Anchor, Lean, Text and Date.
	Reasoning string `json:"reasoning,omitempty"`
	// Problem says why the phrase could not be read, if it could not.
	Problem string `json:"problem,omitempty"`
}

// resolve reads a date phrase against the published date.
func resolve(text string, m mention, published when.Date, lean when.Lean, idx *runeIndex) DateMention {
	phrase := m.Text(text)
	dm := DateMention{Span: idx.span(m.span), Text: phrase, Deadline: m.deadline, Lean: lean}
	if m.deadline {
		dl, err := when.ParseDeadline(phrase, published)
		if err == when.ErrNoMadeDate {
			// "within two years" does not depend on the date; other
			// relative deadlines do, and stay unread.
			if probe, perr := when.ParseDeadline(phrase, when.MustParse("2000")); perr == nil && probe.Kind == when.DeadlineWithin {
				dl, err = probe, nil
			}
		}
		if err != nil {
			dm.Problem = err.Error()
			return dm
		}
		dm.Limit, dm.Date = dl, dl.Date
		if !published.IsZero() && dl.Kind != when.DeadlineWithin && relativeDeadline(phrase) {
			dm.Anchor = when.AnchorOffset
			dm.Reasoning = fmt.Sprintf("%s in a text published %s → %s", phrase, published, dl.Format("en"))
		}
		return dm
	}
	d, anchor, err := when.ParseRelative(phrase, published, lean)
	if err != nil {
		dm.Problem = err.Error()
		return dm
	}
	dm.Date, dm.Anchor = d, anchor
	if anchor != when.AnchorNone {
		dm.Reasoning = reasoning(phrase, published, d, anchor)
	}
	return dm
}

// relativeDeadline reports whether a deadline phrase depends on the date
// it is read against ("by next year", "明年底前").
func relativeDeadline(phrase string) bool {
	_, err := when.ParseDeadline(phrase, when.Date{})
	return err == when.ErrNoMadeDate
}

func reasoning(phrase string, published, d when.Date, anchor when.Anchor) string {
	var how string
	switch anchor {
	case when.AnchorOffset:
		how = "counted from it"
	case when.AnchorPast:
		how = "year left out: the latest such date not after it"
	case when.AnchorFuture:
		how = "year left out: the first such date not before it"
	case when.AnchorNearest:
		how = "year left out: the nearest such date"
	case when.AnchorTwoDigitYear:
		how = "two-digit year: the nearest year ending so"
	}
	if published.IsZero() {
		return fmt.Sprintf("%s → %s (%s)", phrase, d, how)
	}
	return fmt.Sprintf("%s in a text published %s → %s (%s)", phrase, published, d, how)
}
