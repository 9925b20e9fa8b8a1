package when

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Parse reads a date written either in the canonical EDTF subset or in one
// of the English or Chinese forms people type: "14 Mar 2023", "mid-2022",
// "Q3 2023", "circa 2023", "Feb 2023 - Feb 2025", "2023年3月14日",
// "2023年下半年", "约2023年", full-width digits and so on. Case and extra
// spaces do not matter.
func Parse(s string) (Date, error) {
	text := strings.TrimSpace(foldWidth(s))
	if text == "" {
		return Date{}, valueError(s, "empty date").keyed(KeyEmpty, nil)
	}
	d, err := parseAny(text)
	if err != nil && isSyntax(err) {
		return Date{}, unreadableDate(strings.TrimSpace(s))
	}
	return d, err
}

// MustParse is Parse for literals and tests: it panics on an error.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic("when.MustParse(" + strconv.Quote(s) + "): " + err.Error())
	}
	return d
}

func parseAny(text string) (Date, error) {
	d, err := parseEDTF(text)
	if err == nil || !isSyntax(err) {
		return d, err
	}
	return parseNatural(text)
}

var (
	// 2023-2025 as a span of years; EDTF has no four-digit month, so this
	// cannot clash with it.
	reYearRange = regexp.MustCompile(`^(\d{4}) ?- ?(\d{4})$`)
	// 2023/03/14, 2023.3.14, 2023-3-14, 2023/3
	reNumericDate = regexp.MustCompile(`^(\d{4})[./-](\d{1,2})(?:[./-](\d{1,2}))?$`)
	reClock       = regexp.MustCompile(`^(\d{1,2}):(\d{2})(?::(\d{2}))?$`)
	reDayNumber   = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?$`)
	reNamedDash   = regexp.MustCompile(`\b(mid|early|late)-`)
	reShortNumber = regexp.MustCompile(`^\d{1,4}$`)
	reBCNumber    = regexp.MustCompile(`^\d{1,5}$`) // 10000 BC is year -9999, the first EDTF can write
	reYear4       = regexp.MustCompile(`^\d{4}$`)
	reQuarterOrH  = regexp.MustCompile(`^([qh])(\d{1,2})$`)
	// The year at the end of the English side of a range, lent to the side
	// that leaves it out: "Feb – Aug 2023".
	reTrailingYear = regexp.MustCompile(`(\d{1,5} (?:bc|bce|b\.c\.|b\.c\.e\.)|(?:ad|a\.d\.) \d{1,4}|\d{1,4} (?:ad|ce|a\.d\.|c\.e\.)|\d{4})[?~]?$`)

	reZhYear        = regexp.MustCompile(`^(公元前|公元)?(\d{1,5})年(.*)$`)
	reZhLeadingYear = regexp.MustCompile(`^(?:约|大约|大概)?((?:公元前|公元)?\d{1,5}年)`)
	reZhQuarter     = regexp.MustCompile(`^(?:第(\d{1,2}|[一二三四五六七八九十]{1,2})季度?|(\d{1,2}|[一二三四五六七八九十]{1,2})季度|q(\d{1,2}))$`)
	reZhSeason      = regexp.MustCompile(`^(春|夏|秋|冬)(?:季|天)?$`)
	reZhMonth       = regexp.MustCompile(`^(\d{1,2}|[一二三四五六七八九十]{1,3})月份?(?:(\d{1,2}|[一二三四五六七八九十]{1,3})[日号](\d{1,2}:\d{2}(?::\d{2})?)?)?$`)
)

// Separators between the two ends of a written range, tried in order.
var rangeSeparators = []string{" to ", " until ", " through ", " till ", "–", "—", " - ", "至", "到", "/"}

func parseNatural(text string) (Date, error) {
	s := strings.Join(strings.Fields(strings.ToLower(text)), " ")
	if m := reYearRange.FindStringSubmatch(s); m != nil {
		return makeInterval(YearDate(atoi(m[1])).start, YearDate(atoi(m[2])).start)
	}
	single, singleErr := parseSide(s)
	if singleErr == nil || !isSyntax(singleErr) {
		return single, singleErr
	}
	if rest, ok := strings.CutPrefix(s, "between "); ok {
		if left, right, found := strings.Cut(rest, " and "); found {
			return joinSides(left, right)
		}
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "from "), "从")
	separators := rangeSeparators
	if containsHan(s) {
		// "2023年3月-2024年5月": a bare hyphen can only be a range here.
		separators = append(separators[:len(separators):len(separators)], "-")
	}
	for _, sep := range separators {
		left, right, found := strings.Cut(s, sep)
		if !found {
			continue
		}
		d, err := joinSides(left, right)
		if err == nil || !isSyntax(err) {
			return d, err
		}
	}
	return Date{}, singleErr
}

// joinSides reads the two ends of a range. A side that leaves out the year
// borrows it from the other: "Feb – Aug 2023", "2023年2月–8月".
func joinSides(left, right string) (Date, error) {
	left, right = strings.TrimSpace(left), strings.TrimSpace(right)
	if left == "" || right == "" {
		return Date{}, syntaxError(left+right, "a range needs two ends")
	}
	from, errFrom := parseSide(left)
	to, errTo := parseSide(right)
	if isSyntax(errFrom) && errTo == nil && !containsHan(right) {
		if m := reTrailingYear.FindStringSubmatch(right); m != nil {
			from, errFrom = parseSide(left + " " + m[1])
		}
	}
	if isSyntax(errTo) && errFrom == nil && !strings.Contains(right, "年") {
		if m := reZhLeadingYear.FindStringSubmatch(strings.ReplaceAll(left, " ", "")); m != nil {
			to, errTo = parseSide(m[1] + right)
		}
	}
	if errFrom != nil {
		return Date{}, errFrom
	}
	if errTo != nil {
		return Date{}, errTo
	}
	return makeInterval(from.start, to.last())
}

var (
	approxPrefixes = []string{
		"approximately ", "approx. ", "approx ", "roughly ", "around ", "about ",
		"circa ", "circa", "ca. ", "ca.", "ca ", "c. ", "c.", "~",
		"大约", "大概", "约莫", "约",
	}
	approxSuffixes = []string{"左右", "前后", "~"}
)

// parseSide reads one date with its own qualifiers ("circa 2023", "2024?").
func parseSide(s string) (Date, error) {
	s, q := stripQualifiers(strings.TrimSpace(s))
	if s == "" {
		return Date{}, syntaxError(s, "no date")
	}
	d, err := parseBare(s)
	if err != nil {
		return Date{}, err
	}
	return d.withQualifier(q), nil
}

func stripQualifiers(s string) (string, qualifier) {
	var q qualifier
	for changed := true; changed; {
		changed = false
		for _, p := range approxPrefixes {
			if rest, ok := strings.CutPrefix(s, p); ok {
				s, q, changed = strings.TrimSpace(rest), q|qualApprox, true
			}
		}
		for _, suffix := range approxSuffixes {
			if rest, ok := strings.CutSuffix(s, suffix); ok {
				s, q, changed = strings.TrimSpace(rest), q|qualApprox, true
			}
		}
		if rest, ok := strings.CutSuffix(s, "?"); ok {
			s, q, changed = strings.TrimSpace(rest), q|qualUncertain, true
		}
	}
	return s, q
}

// parseBare reads one date without qualifier words around it.
func parseBare(s string) (Date, error) {
	if containsHan(s) {
		return parseChinese(strings.ReplaceAll(s, " ", ""))
	}
	// The text was lowercased; EDTF wants an upper-case T.
	d, err := parseEDTF(strings.ToUpper(s))
	if err == nil || !isSyntax(err) {
		return d, err
	}
	return parseEnglish(s)
}

// Words that carry no meaning in "the first half of 2023" or "the end of 2023".
var fillerWords = map[string]bool{"the": true, "of": true, "in": true, "year": true}

func parseEnglish(s string) (Date, error) {
	input := s
	s = reNamedDash.ReplaceAllString(s, "$1 ")
	s = strings.ReplaceAll(s, ",", " ")
	var tokens []string
	for _, t := range strings.Fields(s) {
		if !fillerWords[t] {
			tokens = append(tokens, t)
		}
	}
	if len(tokens) == 0 {
		return Date{}, syntaxError(input, "no date")
	}
	var clock point
	if m := reClock.FindStringSubmatch(tokens[len(tokens)-1]); m != nil && len(tokens) > 1 {
		if _, err := parseClock(input, clockText(m), &clock); err != nil {
			return Date{}, err
		}
		tokens = tokens[:len(tokens)-1]
	}
	d, err := parseEnglishTokens(input, tokens)
	if err != nil || clock.clock == clockNone {
		return d, err
	}
	return withClock(input, d, clock)
}

// clockText pads "9:05" to "09:05" for parseClock.
func clockText(m []string) string {
	text := m[1]
	if len(text) == 1 {
		text = "0" + text
	}
	text += ":" + m[2]
	if m[3] != "" {
		text += ":" + m[3]
	}
	return text
}

func withClock(input string, d Date, clock point) (Date, error) {
	if d.IsInterval() || d.start.prec != PrecisionDay || d.start.clock != clockNone {
		return Date{}, valueError(input, "a time of day needs a full date (%s)", input).keyed(KeyClockNeedsDay, map[string]any{"Input": input})
	}
	d.start.clock, d.start.hour, d.start.minute, d.start.second = clock.clock, clock.hour, clock.minute, clock.second
	return d, nil
}

func parseEnglishTokens(input string, tokens []string) (Date, error) {
	if len(tokens) == 1 {
		return parseNumeric(input, tokens[0])
	}
	year, rest, ok := takeTrailingYear(tokens)
	if !ok {
		// "2023 Q3", "2023 H1"
		if len(tokens) != 2 || !reYear4.MatchString(tokens[0]) {
			return Date{}, syntaxError(input, "no year")
		}
		year, rest = atoi(tokens[0]), tokens[1:]
	}
	return parseBeforeYear(input, year, rest)
}

// parseNumeric reads a date written as one token of digits.
func parseNumeric(input, token string) (Date, error) {
	d, err := parseEDTF(strings.ToUpper(token))
	if err == nil || !isSyntax(err) {
		return d, err
	}
	m := reNumericDate.FindStringSubmatch(token)
	if m == nil {
		return Date{}, syntaxError(input, "not a date")
	}
	year, month := atoi(m[1]), atoi(m[2])
	if err := checkMonth(input, month); err != nil {
		return Date{}, err
	}
	if m[3] == "" {
		return MonthDate(year, month), nil
	}
	return dayDate(input, year, month, atoi(m[3]))
}

func dayDate(input string, year, month, day int) (Date, error) {
	if err := checkDay(input, year, month, day); err != nil {
		return Date{}, err
	}
	return Date{start: point{year: int32(year), month: uint8(month), day: uint8(day), prec: PrecisionDay}}, nil
}

// takeTrailingYear takes the year off the end of the tokens: "2023",
// "44 bc", "ad 800" or "800 ad". Years before 1000 need the era word so
// that a day number is not read as a year.
func takeTrailingYear(tokens []string) (int, []string, bool) {
	n := len(tokens)
	last := tokens[n-1]
	if n >= 2 && reBCNumber.MatchString(tokens[n-2]) {
		switch y := atoi(tokens[n-2]); last {
		case "bc", "bce", "b.c.", "b.c.e.":
			if y >= 1 && y <= 10000 {
				return 1 - y, tokens[:n-2], true
			}
		case "ad", "ce", "a.d.", "c.e.":
			if y >= 1 && y <= 9999 {
				return y, tokens[:n-2], true
			}
		}
	}
	if n >= 2 && (tokens[n-2] == "ad" || tokens[n-2] == "a.d.") && reShortNumber.MatchString(last) {
		if y := atoi(last); y > 0 {
			return y, tokens[:n-2], true
		}
	}
	if reYear4.MatchString(last) {
		return atoi(last), tokens[:n-1], true
	}
	return 0, nil, false
}

var (
	seasonWords = map[string]int{"spring": 0, "summer": 1, "autumn": 2, "fall": 2, "winter": 3}
	ordinals    = map[string]int{"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
)

// Parts of a year with a name of their own; each is stored as an interval of
// approximate months.
type namedPart uint8

const (
	partNone namedPart = iota
	partEarly
	partMid
	partLate
)

var partWords = map[string]namedPart{
	"early": partEarly, "beginning": partEarly, "start": partEarly,
	"mid": partMid, "middle": partMid, "midyear": partMid,
	"late": partLate, "end": partLate,
}

// partMonths gives the approximate months each named part stands for.
var partMonths = [...][2]int{partEarly: {1, 4}, partMid: {5, 8}, partLate: {9, 12}}

func namedDate(year int, part namedPart) Date {
	months := partMonths[part]
	return Date{
		start: point{year: int32(year), month: uint8(months[0]), prec: PrecisionMonth, qual: qualApprox},
		end:   point{year: int32(year), month: uint8(months[1]), prec: PrecisionMonth, qual: qualApprox},
	}
}

// namedPart reports which named part of a year d is exactly, if any.
func (d Date) namedPart() namedPart {
	s, e := d.start, d.end
	if !d.IsInterval() || s.year != e.year || s.prec != PrecisionMonth || e.prec != PrecisionMonth ||
		s.qual != qualApprox || e.qual != qualApprox {
		return partNone
	}
	for part := partEarly; part <= partLate; part++ {
		if months := partMonths[part]; int(s.month) == months[0] && int(e.month) == months[1] {
			return part
		}
	}
	return partNone
}

func subYear(year int, prec Precision, code int) Date {
	return Date{start: point{year: int32(year), month: uint8(code), prec: prec}}
}

func quarterDate(input string, year, q int) (Date, error) {
	if q < 1 || q > 4 {
		return Date{}, valueError(input, "quarter %d is out of range (1–4)", q).keyed(KeyQuarterRange, map[string]any{"Quarter": q})
	}
	return subYear(year, PrecisionQuarter, codeQuarter1+q-1), nil
}

func halfDate(input string, year, h int) (Date, error) {
	if h < 1 || h > 2 {
		return Date{}, valueError(input, "half %d is out of range (1–2)", h).keyed(KeyHalfRange, map[string]any{"Half": h})
	}
	return subYear(year, PrecisionHalf, codeHalf1+h-1), nil
}

// parseBeforeYear reads what comes with the year: "march", "14 march",
// "q3", "first half", "summer", "mid".
func parseBeforeYear(input string, year int, rest []string) (Date, error) {
	switch len(rest) {
	case 0:
		return YearDate(year), nil
	case 1:
		word := rest[0]
		if month, ok := monthByName(word); ok {
			return MonthDate(year, month), nil
		}
		if m := reQuarterOrH.FindStringSubmatch(word); m != nil {
			if m[1] == "q" {
				return quarterDate(input, year, atoi(m[2]))
			}
			return halfDate(input, year, atoi(m[2]))
		}
		if season, ok := seasonWords[word]; ok {
			return subYear(year, PrecisionSeason, codeSpring+season), nil
		}
		if part, ok := partWords[word]; ok {
			return namedDate(year, part), nil
		}
	case 2:
		first, second := rest[0], rest[1]
		if n, ok := ordinals[first]; ok {
			switch second {
			case "half":
				return halfDate(input, year, n)
			case "quarter":
				return quarterDate(input, year, n)
			}
		}
		if month, ok := monthByName(first); ok {
			if m := reDayNumber.FindStringSubmatch(second); m != nil {
				return dayDate(input, year, month, atoi(m[1]))
			}
		}
		if month, ok := monthByName(second); ok {
			if m := reDayNumber.FindStringSubmatch(first); m != nil {
				return dayDate(input, year, month, atoi(m[1]))
			}
		}
	}
	return Date{}, syntaxError(input, "not a date")
}

var monthNames = [12]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// monthByName knows full names, three-letter abbreviations, "sept" and a
// trailing dot ("Mar.").
func monthByName(word string) (int, bool) {
	word = strings.TrimSuffix(word, ".")
	if len(word) < 3 {
		return 0, false
	}
	if word == "sept" {
		return 9, true
	}
	for i, name := range monthNames {
		name = strings.ToLower(name)
		if word == name || word == name[:3] {
			return i + 1, true
		}
	}
	return 0, false
}

func parseChinese(s string) (Date, error) {
	m := reZhYear.FindStringSubmatch(s)
	if m == nil {
		return Date{}, syntaxError(s, "no year")
	}
	era, digits, rest := m[1], m[2], m[3]
	n := atoi(digits)
	var year int
	switch {
	case era == "公元前" && n >= 1 && n <= 10000:
		year = 1 - n
	case era == "公元" && n >= 1 && n <= 9999:
		year = n
	case era == "" && len(digits) == 4:
		year = n
	default:
		return Date{}, syntaxError(s, "not a year")
	}
	switch rest {
	case "":
		return YearDate(year), nil
	case "初", "年初":
		return namedDate(year, partEarly), nil
	case "中", "年中":
		return namedDate(year, partMid), nil
	case "底", "末", "年底", "年末":
		return namedDate(year, partLate), nil
	case "上半年":
		return subYear(year, PrecisionHalf, codeHalf1), nil
	case "下半年":
		return subYear(year, PrecisionHalf, codeHalf1+1), nil
	}
	if q := reZhQuarter.FindStringSubmatch(rest); q != nil {
		n, ok := parseChineseNumber(q[1] + q[2] + q[3])
		if !ok {
			return Date{}, syntaxError(s, "not a quarter")
		}
		return quarterDate(s, year, n)
	}
	if season := reZhSeason.FindStringSubmatch(rest); season != nil {
		code := codeSpring + strings.Index("春夏秋冬", season[1])/len("春")
		return subYear(year, PrecisionSeason, code), nil
	}
	md := reZhMonth.FindStringSubmatch(rest)
	if md == nil {
		return Date{}, syntaxError(s, "not a date")
	}
	month, ok := parseChineseNumber(md[1])
	if !ok {
		return Date{}, syntaxError(s, "not a month")
	}
	if err := checkMonth(s, month); err != nil {
		return Date{}, err
	}
	if md[2] == "" {
		return MonthDate(year, month), nil
	}
	day, ok := parseChineseNumber(md[2])
	if !ok {
		return Date{}, syntaxError(s, "not a day")
	}
	d, err := dayDate(s, year, month, day)
	if err != nil || md[3] == "" {
		return d, err
	}
	var clock point
	if _, err := parseClock(s, clockText(reClock.FindStringSubmatch(md[3])), &clock); err != nil {
		return Date{}, err
	}
	return withClock(s, d, clock)
}

func containsHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// foldWidth turns full-width ASCII (２０２３, Ｑ３, ～) and the ideographic
// space into their ASCII forms, and the Unicode hyphens and minus into '-'.
// The en and em dashes stay: they separate the ends of a range.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '！' && r <= '～':
			return r - '！' + '!'
		case r == '\u3000':
			return ' '
		case r == '\u2010' || r == '\u2011' || r == '\u2212' || r == '\ufe63':
			return '-'
		}
		return r
	}, s)
}

// atoi is for text already matched as a short run of ASCII digits.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
