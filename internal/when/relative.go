package when

import (
	"regexp"
	"strconv"
	"strings"
)

// Lean says which way a date that leaves out its year is read from the
// day a text was written: "in February", in a review written in January
// 2024, looks back to February 2023; in a forecast, ahead to February 2024.
type Lean uint8

const (
	// LeanNearest takes the nearest such date, before or after.
	LeanNearest Lean = iota
	// LeanPast takes the latest such date that is not after the reference.
	LeanPast
	// LeanFuture takes the first such date that is not before the reference.
	LeanFuture
)

// Anchor says how ParseRelative tied a phrase to the reference date, so
// that a reader can be shown why a phrase became the date it did.
type Anchor uint8

const (
	// AnchorNone: the phrase names its own year ("March 2023").
	AnchorNone Anchor = iota
	// AnchorOffset: counted from the reference ("去年", "last year",
	// "next month", "two years ago", "early this year").
	AnchorOffset
	// AnchorPast: the year was left out and the latest such date not after
	// the reference was taken ("二月份", "in February", "11月6日").
	AnchorPast
	// AnchorFuture: the year was left out and the first such date not
	// before the reference was taken.
	AnchorFuture
	// AnchorNearest: the year was left out and the nearest such date was taken.
	AnchorNearest
	// AnchorTwoDigitYear: a year written with two digits ("22年中", "Q3 '24")
	// was read as the nearest year ending in them.
	AnchorTwoDigitYear
)

func (a Anchor) String() string {
	switch a {
	case AnchorOffset:
		return "offset"
	case AnchorPast:
		return "past"
	case AnchorFuture:
		return "future"
	case AnchorNearest:
		return "nearest"
	case AnchorTwoDigitYear:
		return "two-digit-year"
	}
	return "none"
}

// ErrNoReference is returned by ParseRelative for a phrase such as "last
// year" or "二月份" when the date the text was written is not known.
var ErrNoReference = &Error{Reason: "a relative date needs the date the text was written", Key: KeyNoReference}

// ParseRelative reads a date that may be written relative to ref, the day
// (or month, or year) a text was written: "去年", "last year", "今年年初",
// "early next year", "二月份", "in February", "11月6日", "last March",
// "上个月", "two years ago", "两年前", "22年中". A phrase that leaves out its
// year is resolved the way lean says. Phrases that Parse reads on their own
// come back unchanged with AnchorNone; ref may then be zero.
func ParseRelative(phrase string, ref Date, lean Lean) (Date, Anchor, error) {
	raw := strings.TrimSpace(phrase)
	if raw == "" {
		return Date{}, AnchorNone, valueError(phrase, "empty date").keyed(KeyEmpty, nil)
	}
	d, err := Parse(raw)
	if err == nil || !isSyntax(err) {
		return d, AnchorNone, err
	}
	s := strings.Join(strings.Fields(strings.ToLower(foldWidth(raw))), " ")
	s = strings.TrimPrefix(s, "in ")
	if containsHan(s) {
		s = strings.ReplaceAll(s, " ", "")
	}
	if d, ok := twoDigitYear(s, ref); ok {
		return d, AnchorTwoDigitYear, nil
	}
	if ref.IsZero() {
		if looksRelative(s) {
			return Date{}, AnchorNone, ErrNoReference
		}
		return Date{}, AnchorNone, unreadableDate(raw)
	}
	refYear := ref.Year()
	for _, try := range []func(string, Date, int) (Date, bool, error){offsetYear, offsetMonth, offsetDay, ago, namedRelative} {
		d, ok, err := try(s, ref, refYear)
		if err != nil {
			return Date{}, AnchorNone, err
		}
		if ok {
			return d, AnchorOffset, nil
		}
	}
	if d, ok := yearLeftOut(s, ref, lean); ok {
		return d, [...]Anchor{LeanNearest: AnchorNearest, LeanPast: AnchorPast, LeanFuture: AnchorFuture}[lean], nil
	}
	return Date{}, AnchorNone, unreadableDate(raw)
}

var reRelativeWord = regexp.MustCompile(`(last|this|next|ago|year|month|day|yesterday|tomorrow|昨[天日]|[今明前后]天|[今明]日|周[一二三四五六日天]|星期|去年|今年|明年|前年|后年|上个?月|本月|这个?月|下个?月|月份?|年初|年中|年底|年末|半年|季度|[春夏秋冬][季天])`)

// looksRelative tells "last year" (which needs a reference) from text that
// is no date at all, so the error says what is missing.
func looksRelative(s string) bool {
	if reRelativeWord.MatchString(s) {
		return true
	}
	_, isMonth := monthByName(s)
	return isMonth
}

var (
	reEnglishYearWord = regexp.MustCompile(`\b(the year before last|the year after next|last year|this year|next year|the year)\b`)
	reChineseYearWord = regexp.MustCompile(`^(大前年|前年|去年|今年|本年|明年|后年|大后年)(.*)$`)
	chineseYearOffset = map[string]int{"大前年": -3, "前年": -2, "去年": -1, "今年": 0, "本年": 0, "明年": 1, "后年": 2, "大后年": 3}
	englishYearOffset = map[string]int{"the year before last": -2, "last year": -1, "this year": 0, "the year": 0, "next year": 1, "the year after next": 2}
)

// offsetYear reads a phrase built on a year named relative to the
// reference: "last year", "early next year", "the end of the year",
// "去年", "去年年底", "今年3月".
func offsetYear(s string, _ Date, refYear int) (Date, bool, error) {
	if m := reChineseYearWord.FindStringSubmatch(s); m != nil {
		year := refYear + chineseYearOffset[m[1]]
		d, err := parseAny(strconv.Itoa(year) + "年" + m[2])
		return d, err == nil, nil
	}
	loc := reEnglishYearWord.FindStringSubmatchIndex(s)
	if loc == nil {
		return Date{}, false, nil
	}
	word := s[loc[2]:loc[3]]
	before := strings.TrimSpace(s[:loc[0]])
	// "earlier this year" and "later this year" name the year itself.
	if before == "earlier" || before == "later" {
		before = ""
	}
	if word == "the year" && before == "" {
		return Date{}, false, nil // "the year" alone names nothing
	}
	year := refYear + englishYearOffset[word]
	d, err := parseAny(strings.TrimSpace(before + " " + strconv.Itoa(year) + s[loc[1]:]))
	return d, err == nil, nil
}

var chineseMonthOffset = map[string]int{"上个月": -1, "上月": -1, "本月": 0, "这个月": 0, "这月": 0, "当月": 0, "下个月": 1, "下月": 1,
	"last month": -1, "this month": 0, "next month": 1}

// offsetMonth reads "last month", "上个月" and the like; they need a
// reference that names its month.
func offsetMonth(s string, ref Date, _ int) (Date, bool, error) {
	n, ok := chineseMonthOffset[s]
	if !ok {
		return Date{}, false, nil
	}
	if ref.Precision() < PrecisionMonth {
		return Date{}, false, valueError(s, "%q needs the month the text was written, not only %s", s, ref)
	}
	y, m, _ := ref.Earliest().AddMonths(n).Civil()
	return MonthDate(y, m), true, nil
}

var dayWords = map[string]int{"yesterday": -1, "today": 0, "tomorrow": 1, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0,
	"明天": 1, "明日": 1, "前天": -2, "后天": 2}

var weekdays = map[string]int{
	"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
	"周一": 1, "周二": 2, "周三": 3, "周四": 4, "周五": 5, "周六": 6, "周日": 7, "周天": 7,
	"星期一": 1, "星期二": 2, "星期三": 3, "星期四": 4, "星期五": 5, "星期六": 6, "星期日": 7, "星期天": 7,
}

// offsetDay reads "yesterday", "昨天" and weekdays ("on Tuesday", "last
// Friday", "上周三" is left out: a week is no unit here). A weekday is the
// nearest one not after the reference, or the next one for "next"; both
// need a reference that names its day.
func offsetDay(s string, ref Date, _ int) (Date, bool, error) {
	s = strings.TrimPrefix(s, "on ")
	n, isDay := dayWords[s]
	which, name, _ := strings.Cut(s, " ")
	if name == "" {
		which, name = "", s
	}
	wd, isWeekday := weekdays[name]
	if !isDay && (!isWeekday || which != "" && which != "last" && which != "next" && which != "this") {
		return Date{}, false, nil
	}
	if ref.Precision() != PrecisionDay || ref.IsInterval() {
		return Date{}, false, valueError(s, "%q needs the day the text was written, not only %s", s, ref)
	}
	day := ref.Earliest()
	if isDay {
		return DayDate(day + Day(n)), true, nil
	}
	// 1970-01-01 was a Thursday (weekday 4).
	today := int((int64(day)%7+7+3)%7) + 1
	back := (today - wd + 7) % 7
	switch which {
	case "next":
		ahead := (wd - today + 7) % 7
		if ahead == 0 {
			ahead = 7
		}
		return DayDate(day + Day(ahead)), true, nil
	case "last":
		if back == 0 {
			back = 7
		}
	}
	return DayDate(day - Day(back)), true, nil
}

var (
	reEnglishAgo = regexp.MustCompile(`^(.+) (years?|months?) ago$`)
	reChineseAgo = regexp.MustCompile(`^(.+?)(年|个月)(前|之前|以前)$`)
)

// ago reads "two years ago", "18 months ago", "两年前", "三个月前". Counts
// stop at 99, so that "2025年前" stays a deadline and is not read as ago.
func ago(s string, ref Date, refYear int) (Date, bool, error) {
	var count int
	var years bool
	if m := reEnglishAgo.FindStringSubmatch(s); m != nil {
		halves, ok := parseEnglishCount(m[1])
		if !ok || halves%2 != 0 {
			return Date{}, false, nil
		}
		count, years = halves/2, strings.HasPrefix(m[2], "year")
	} else if m := reChineseAgo.FindStringSubmatch(s); m != nil {
		n, ok := parseChineseNumber(m[1])
		if !ok || len(m[1]) > 2 && isASCIIDigits(m[1]) {
			return Date{}, false, nil
		}
		count, years = n, m[2] == "年"
	} else {
		return Date{}, false, nil
	}
	if count < 1 || count > 99 {
		return Date{}, false, nil
	}
	if years {
		return YearDate(refYear - count), true, nil
	}
	if ref.Precision() < PrecisionMonth {
		return Date{}, false, valueError(s, "%q needs the month the text was written, not only %s", s, ref)
	}
	y, m, _ := ref.Earliest().AddMonths(-count).Civil()
	return MonthDate(y, m), true, nil
}

func isASCIIDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

var reLastThisNext = regexp.MustCompile(`^(last|this|next) (.+)$`)

// namedRelative reads "last March", "this summer", "next quarter": the
// last such unit before the reference, the one of the reference's year, or
// the first after it.
func namedRelative(s string, ref Date, refYear int) (Date, bool, error) {
	m := reLastThisNext.FindStringSubmatch(s)
	if m == nil {
		return Date{}, false, nil
	}
	which, unit := m[1], m[2]
	if unit == "quarter" {
		if ref.Precision() < PrecisionMonth {
			return Date{}, false, valueError(s, "%q needs the month the text was written, not only %s", s, ref)
		}
		y, month, _ := ref.Earliest().Civil()
		q := y*4 + (month-1)/3 + map[string]int{"last": -1, "this": 0, "next": 1}[which]
		d, err := quarterDate(s, q/4, q%4+1)
		return d, err == nil, nil
	}
	var candidates []Date
	for year := refYear - 1; year <= refYear+1; year++ {
		d, err := parseAny(unit + " " + strconv.Itoa(year))
		if err != nil || d.IsInterval() {
			return Date{}, false, nil
		}
		candidates = append(candidates, d)
	}
	switch which {
	case "this":
		return candidates[1], true, nil
	case "last":
		for i := len(candidates) - 1; i >= 0; i-- {
			if candidates[i].Latest() < ref.Earliest() {
				return candidates[i], true, nil
			}
		}
	case "next":
		for _, d := range candidates {
			if d.Earliest() > ref.Latest() {
				return d, true, nil
			}
		}
	}
	return Date{}, false, nil
}

// yearLeftOut reads a date written without its year ("二月份", "11月6日",
// "in February", "March 14", "Q3", "年底") in the years around the
// reference and picks one the way lean says.
func yearLeftOut(s string, ref Date, lean Lean) (Date, bool) {
	if !namesPartOfYear(s) {
		return Date{}, false
	}
	refYear := ref.Year()
	var candidates []Date
	for year := refYear - 1; year <= refYear+1; year++ {
		// "二月份" → "2023年二月份", "年底" → "2023年底", "in February" → "february 2023"
		text := s + " " + strconv.Itoa(year)
		if containsHan(s) {
			text = strconv.Itoa(year) + "年" + strings.TrimPrefix(s, "年")
		}
		d, err := parseAny(text)
		if err != nil {
			return Date{}, false
		}
		candidates = append(candidates, d)
	}
	switch lean {
	case LeanPast:
		for i := len(candidates) - 1; i >= 0; i-- {
			if candidates[i].Earliest() <= ref.Latest() {
				return candidates[i], true
			}
		}
	case LeanFuture:
		for _, d := range candidates {
			if d.Latest() >= ref.Earliest() {
				return d, true
			}
		}
	default:
		best, bestGap := Date{}, Day(-1)
		for _, d := range candidates {
			gap := Day(0)
			switch {
			case d.Latest() < ref.Earliest():
				gap = ref.Earliest() - d.Latest()
			case d.Earliest() > ref.Latest():
				gap = d.Earliest() - ref.Latest()
			}
			if bestGap < 0 || gap < bestGap {
				best, bestGap = d, gap
			}
		}
		return best, true
	}
	return Date{}, false
}

var (
	reChinesePartOfYear = regexp.MustCompile(`月|季|[春夏秋冬]|^年[初中底末]$|^[上下]半年$`)
	reEnglishPartOfYear = regexp.MustCompile(`^(?:[qh][1-4]|half|quarter|spring|summer|autumn|fall|winter)$`)
)

// namesPartOfYear reports whether s names a month, season, quarter or
// other part of a year, so that a year can be supplied for it.
func namesPartOfYear(s string) bool {
	if containsHan(s) {
		return reChinesePartOfYear.MatchString(s)
	}
	for _, word := range strings.Fields(strings.NewReplacer(",", " ", "-", " ").Replace(s)) {
		if _, ok := monthByName(word); ok || reEnglishPartOfYear.MatchString(word) {
			return true
		}
	}
	return false
}

var (
	reChineseTwoDigitYear = regexp.MustCompile(`^(\d{2})年(.*)$`)
	reEnglishTwoDigitYear = regexp.MustCompile(`(^|[\s-])'(\d{2})$`)
)

// twoDigitYear reads "22年中", "23年3月" and "Q3 '24": the year is the
// one ending in those digits nearest the reference, or in this century
// when there is no reference.
func twoDigitYear(s string, ref Date) (Date, bool) {
	var digits, text string
	if m := reChineseTwoDigitYear.FindStringSubmatch(s); m != nil {
		digits = m[1]
		text = "%d年" + m[2]
	} else if loc := reEnglishTwoDigitYear.FindStringSubmatchIndex(s); loc != nil {
		digits = s[loc[4]:loc[5]]
		text = s[:loc[3]] + "%d"
	} else {
		return Date{}, false
	}
	yy := atoi(digits)
	center := 2000
	if !ref.IsZero() {
		center = ref.Year()
	}
	year := (center/100)*100 + yy
	for _, alt := range []int{year - 100, year + 100} {
		if abs(alt-center) < abs(year-center) {
			year = alt
		}
	}
	d, err := parseAny(strings.Replace(text, "%d", strconv.Itoa(year), 1))
	return d, err == nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
