package when

import (
	"regexp"
	"strconv"
	"strings"
)

// DeadlineKind says how a deadline bounds the time a prediction has to come true.
type DeadlineKind string

const (
	DeadlineNone       DeadlineKind = ""
	DeadlineBy         DeadlineKind = "by"               // resolves no later than Date.Latest()
	DeadlineNotEarlier DeadlineKind = "not_earlier_than" // won't happen before Date.Earliest()
	DeadlineBetween    DeadlineKind = "between"          // within the interval Date
	DeadlineWithin     DeadlineKind = "within"           // within Months months of the making date
)

// maxWithinMonths bounds "within N": a century is beyond any prediction
// worth scoring, and the bound keeps day arithmetic far from overflow.
const maxWithinMonths = 1200

// Deadline is the time limit a prediction sets itself, as read from a phrase
// such as "by end of 2024", "within two years" or "2025年以后".
type Deadline struct {
	Kind   DeadlineKind
	Date   Date   // for By, NotEarlier, Between
	Months int    // for Within
	Phrase string // the raw phrase as typed, kept for display
}

// IsZero reports whether dl sets no deadline.
func (dl Deadline) IsZero() bool { return dl.Kind == DeadlineNone }

// ParseDeadline reads a deadline phrase. made is the date the prediction was
// made; phrases relative to it ("within two years", "next year", "今年")
// fail with ErrNoMadeDate when it is zero.
func ParseDeadline(phrase string, made Date) (Deadline, error) {
	raw := strings.TrimSpace(phrase)
	if raw == "" {
		return Deadline{}, valueError(phrase, "empty deadline").keyed(KeyEmpty, nil)
	}
	s := strings.Join(strings.Fields(strings.ToLower(foldWidth(raw))), " ")
	dl, err := parseDeadlineText(s, made)
	if err != nil {
		if isSyntax(err) {
			return Deadline{}, unreadableDeadline(raw)
		}
		return Deadline{}, err
	}
	// "before -9999" or "after 9999" name a day that EDTF cannot store.
	if !dl.Date.IsZero() && (dl.Date.start.year < minYear || dl.Date.last().year > maxYear) {
		return Deadline{}, valueError(raw, "deadline %q falls outside the years %d to %d", raw, minYear, maxYear).
			keyed(KeyDeadlineYears, map[string]any{"Input": raw, "Min": minYear, "Max": maxYear})
	}
	dl.Phrase = raw
	return dl, nil
}

// MustParseDeadline is ParseDeadline for literals and tests: it panics on
// an error.
func MustParseDeadline(phrase string, made Date) Deadline {
	dl, err := ParseDeadline(phrase, made)
	if err != nil {
		panic("when.MustParseDeadline(" + strconv.Quote(phrase) + "): " + err.Error())
	}
	return dl
}

// The count is optional: "within the next decade" is one decade.
var reWithinEnglish = regexp.MustCompile(`^(?:within(?: the next| the coming)?|in the next|in the coming|over the next|over the coming) (?:(.+) )?(years?|months?|decades?)$`)

var (
	englishThisYear = map[string]bool{
		"this year": true, "by this year": true, "within this year": true, "later this year": true,
		"by the end of this year": true, "by end of this year": true, "before the end of this year": true,
		"by the end of the year": true, "by end of the year": true, "before the end of the year": true,
		"by year end": true, "by year-end": true, "by the year end": true,
	}
	englishNextYear = map[string]bool{
		"next year": true, "by next year": true, "within next year": true,
		"by the end of next year": true, "by end of next year": true, "before the end of next year": true,
	}
)

// "By the end of the decade" runs to the end of the making date's decade.
var englishThisDecade = map[string]bool{
	"this decade": true, "within this decade": true, "by the end of the decade": true,
	"by the end of this decade": true, "before the end of the decade": true, "before the end of this decade": true,
}

// readDate reads the date inside a deadline phrase. A date written
// relative to the making date ("by next March", "明年3月前", "by Q3") is
// resolved forward from it.
func readDate(s string, made Date) (Date, error) {
	d, err := parseAny(s)
	if err == nil || !isSyntax(err) {
		return d, err
	}
	rd, _, rerr := ParseRelative(s, made, LeanFuture)
	switch {
	case rerr == nil:
		return rd, nil
	case rerr == ErrNoReference:
		return Date{}, ErrNoMadeDate
	case !isSyntax(rerr):
		return Date{}, rerr
	}
	return d, err
}

// A rule turns the date after a prefix word into a deadline.
type deadlineRule func(Date) Deadline

func byRule(d Date) Deadline { return Deadline{Kind: DeadlineBy, Date: d} }

// beforeRule: "before 2025" means by the last day of 2024.
func beforeRule(d Date) Deadline {
	return Deadline{Kind: DeadlineBy, Date: DayDate(d.Earliest() - 1)}
}

// afterRule: "after 2025" means not before the first day of 2026.
func afterRule(d Date) Deadline {
	return Deadline{Kind: DeadlineNotEarlier, Date: DayDate(d.Latest() + 1)}
}

func notBeforeRule(d Date) Deadline { return Deadline{Kind: DeadlineNotEarlier, Date: d} }

var englishPrefixes = []struct {
	prefix string
	rule   deadlineRule
}{
	// "by end of 2024" is by 2024 itself, not by "late 2024".
	{"by the end of ", byRule},
	{"by end of ", byRule},
	{"before the end of ", byRule},
	{"no later than ", byRule},
	{"not later than ", byRule},
	{"by ", byRule},
	{"not before ", notBeforeRule},
	{"not earlier than ", notBeforeRule},
	{"no earlier than ", notBeforeRule},
	{"no sooner than ", notBeforeRule},
	{"not until ", notBeforeRule},
	{"before ", beforeRule},
	{"after ", afterRule},
}

// reEnglishEndOf matches the ways of saying "by the end of X" — "end of
// 2025", "by the end of 2025", "until the end of 2025", "before end of
// 2025", "year-end 2025", "end-2025" — with X in the group. As a deadline
// the end of a year is its last day, not its last months: "end of 2025"
// reads as "by end of 2025", as "2025年底" and "明年底" (said in 2024) do.
var reEnglishEndOf = regexp.MustCompile(`^(?:(?:by|before|until|till|til|up to|no later than|not later than) )?(?:the )?(?:end of (.+)|end-(.+)|year-end ?(.*)|year end ?(.*))$`)

// parseDeadlineText tries the English phrases first, so that an English
// phrase around a Chinese date ("by 2024年3月") reads as English, then the
// Chinese ones.
func parseDeadlineText(s string, made Date) (Deadline, error) {
	switch {
	case englishThisYear[s]:
		return yearDeadline(made, 0)
	case englishNextYear[s]:
		return yearDeadline(made, 1)
	}
	if m := reWithinEnglish.FindStringSubmatch(s); m != nil {
		return englishWithin(s, m[1], m[2], made)
	}
	if englishThisDecade[s] {
		if made.IsZero() {
			return Deadline{}, ErrNoMadeDate
		}
		return byRule(YearDate(made.Year() - made.Year()%10 + 9)), nil
	}
	if m := reEnglishEndOf.FindStringSubmatch(s); m != nil {
		return endOfDeadline(m[1]+m[2]+m[3]+m[4], made)
	}
	for _, p := range englishPrefixes {
		if rest, ok := strings.CutPrefix(s, p.prefix); ok {
			d, err := readDate(rest, made)
			if err != nil {
				return Deadline{}, err
			}
			return p.rule(d), nil
		}
	}
	if containsHan(s) {
		return parseChineseDeadline(s, made)
	}
	return dateDeadline(s)
}

// endOfDeadline reads the X of "end of X" as a deadline by X: a year, a
// month, a quarter, or the year the prediction was made in or the next.
func endOfDeadline(what string, made Date) (Deadline, error) {
	switch strings.TrimSpace(what) {
	case "", "year", "the year", "this year":
		return yearDeadline(made, 0)
	case "next year":
		return yearDeadline(made, 1)
	}
	// "end of next March" and "end of 2025" alike: relative to when it was made.
	d, err := readDate(strings.TrimSpace(what), made)
	if err != nil {
		return Deadline{}, err
	}
	return byRule(d), nil
}

// englishWithin reads the count and unit of "within two years".
func englishWithin(s, count, unit string, made Date) (Deadline, error) {
	if count == "" {
		count = "a"
	}
	halves, ok := parseEnglishCount(count)
	if !ok {
		return Deadline{}, syntaxError(s, "not a count")
	}
	var months int
	switch strings.TrimSuffix(unit, "s") {
	case "decade":
		months = halves * 60
	case "year":
		months = halves * 6
	default:
		if halves%2 != 0 {
			return Deadline{}, valueError(s, "a deadline counts whole months, not %q", count+" "+unit).
				keyed(KeyWholeMonths, map[string]any{"Input": count + " " + unit})
		}
		months = halves / 2
	}
	return withinDeadline(s, months, made)
}

// dateDeadline reads a plain date: a deadline by it, or between its ends.
func dateDeadline(s string) (Deadline, error) {
	d, err := parseAny(s)
	if err != nil {
		return Deadline{}, err
	}
	if d.IsInterval() {
		return Deadline{Kind: DeadlineBetween, Date: d}, nil
	}
	return byRule(d), nil
}

func withinDeadline(s string, months int, made Date) (Deadline, error) {
	if months < 1 || months > maxWithinMonths {
		return Deadline{}, valueError(s, "a deadline of %d months is out of range (1–%d)", months, maxWithinMonths).
			keyed(KeyMonthsRange, map[string]any{"Months": months, "Max": maxWithinMonths})
	}
	if made.IsZero() {
		return Deadline{}, ErrNoMadeDate
	}
	return Deadline{Kind: DeadlineWithin, Months: months}, nil
}

// yearDeadline is "this year" (offset 0) or "next year" (offset 1).
func yearDeadline(made Date, offset int) (Deadline, error) {
	if made.IsZero() {
		return Deadline{}, ErrNoMadeDate
	}
	return byRule(YearDate(made.Year() + offset)), nil
}

var reWithinChinese = regexp.MustCompile(`^(未来|今后|接下来的?)?(.+?)(年|个月|个月份)(半)?(之内|以内|内)?$`)

var (
	chineseThisYear = map[string]bool{
		"今年": true, "今年内": true, "今年以内": true, "今年之内": true, "年内": true, "本年内": true,
		"今年底": true, "今年年底": true, "今年底前": true, "今年年底前": true, "今年底之前": true,
		"今年末": true, "今年年末": true, "年底": true, "年末": true, "年底前": true, "年底之前": true,
	}
	chineseNextYear = map[string]bool{
		"明年": true, "明年内": true, "明年以内": true, "明年之内": true,
		"明年底": true, "明年年底": true, "明年底前": true, "明年年底前": true, "明年底之前": true,
		"明年末": true, "明年年末": true,
	}
)

// chinesePrefixes are read before the date they lead; the "by" ones
// ("截至2025年底", "到2025年底前") may repeat the 前 at the end.
var chinesePrefixes = []struct {
	prefix string
	rule   deadlineRule
	by     bool
}{
	{"不晚于", byRule, true},
	{"最迟", byRule, true},
	{"至迟", byRule, true},
	{"截止到", byRule, true},
	{"截至", byRule, true},
	{"截止", byRule, true},
	{"直到", byRule, true},
	{"到", byRule, true},
	{"不早于", notBeforeRule, false},
}

var chineseSuffixes = []struct {
	suffix string
	rule   deadlineRule
}{
	{"以前", byRule},
	{"之前", byRule},
	{"前", byRule},
	{"以内", byRule},
	{"之内", byRule},
	{"内", byRule},
	{"以后", afterRule},
	{"之后", afterRule},
	{"后", afterRule},
	{"开始", notBeforeRule},
	{"起", notBeforeRule},
}

func parseChineseDeadline(s string, made Date) (Deadline, error) {
	// "在2025年底前", "于两年内": the leading "in" adds nothing.
	for _, in := range []string{"在", "于"} {
		if rest, ok := strings.CutPrefix(s, in); ok && strings.TrimSpace(rest) != "" {
			s = strings.TrimSpace(rest)
			break
		}
	}
	compact := strings.ReplaceAll(s, " ", "")
	if dl, ok, err := chineseWithin(compact, made); ok || err != nil {
		return dl, err
	}
	switch {
	case chineseThisYear[compact]:
		return yearDeadline(made, 0)
	case chineseNextYear[compact]:
		return yearDeadline(made, 1)
	}
	// The date inside keeps its spaces: it may be English ("不早于Mar 2026").
	for _, p := range chinesePrefixes {
		if rest, ok := strings.CutPrefix(s, p.prefix); ok {
			rest = strings.TrimSpace(rest)
			if p.by && !strings.HasSuffix(rest, "前后") {
				for _, before := range []string{"之前", "以前", "前"} {
					if r, ok := strings.CutSuffix(rest, before); ok {
						rest = strings.TrimSpace(r)
						break
					}
				}
			}
			return chineseRule(rest, p.rule, made)
		}
	}
	// "2024年前后" is "around 2024", not "after 2024年前".
	if !strings.HasSuffix(s, "前后") {
		for _, p := range chineseSuffixes {
			if rest, ok := strings.CutSuffix(s, p.suffix); ok {
				return chineseRule(strings.TrimSpace(rest), p.rule, made)
			}
		}
	}
	if rest, ok := strings.CutSuffix(s, "之间"); ok {
		rest = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(rest), "在"), "介于")
		return dateDeadline(rest)
	}
	// "2025年底" alone is a deadline by the end of 2025, as "end of 2025"
	// is: the same reading as "2025年底前".
	if strings.HasSuffix(s, "底") || strings.HasSuffix(s, "末") {
		return chineseRule(s, byRule, made)
	}
	return dateDeadline(s)
}

// chineseRule reads the date before or after a Chinese deadline word.
// "2024年底前" is by 2024 itself and "2024年3月底前" by March 2024, so a
// trailing 底/末 is read as the whole year or month.
func chineseRule(text string, rule deadlineRule, made Date) (Deadline, error) {
	// "从2026年起", "自2026年开始"
	text = strings.TrimPrefix(strings.TrimPrefix(text, "从"), "自")
	for _, end := range []string{"年年底", "年年末", "年底", "年末"} {
		if rest, ok := strings.CutSuffix(text, end); ok {
			text = rest + "年"
			break
		}
	}
	if rest, ok := strings.CutSuffix(text, "月底"); ok {
		text = rest + "月"
	} else if rest, ok := strings.CutSuffix(text, "月末"); ok {
		text = rest + "月"
	}
	d, err := readDate(text, made)
	if err != nil {
		return Deadline{}, err
	}
	return rule(d), nil
}

// chineseWithin reads 两年内, 十八个月内, 半年内, 一年半内, 未来两年. ok is
// false when the phrase is not of this shape, e.g. 2024年内 (by 2024).
func chineseWithin(s string, made Date) (dl Deadline, ok bool, err error) {
	m := reWithinChinese.FindStringSubmatch(s)
	if m == nil || (m[1] == "" && m[5] == "") {
		return Deadline{}, false, nil
	}
	count, unit, plusHalf := m[2], m[3], m[4] != ""
	var months int
	switch {
	case count == "半" && unit == "年" && !plusHalf:
		months = 6
	default:
		n, isNumber := parseChineseNumber(count)
		if !isNumber || n == 0 || (unit == "年" && len(count) == 4) {
			return Deadline{}, false, nil
		}
		if unit == "年" {
			months = n * 12
		} else {
			months = n
		}
		if plusHalf {
			if unit != "年" {
				return Deadline{}, false, nil
			}
			months += 6
		}
	}
	dl, err = withinDeadline(s, months, made)
	return dl, true, err
}

// Due is the window in which the prediction must come true. ok is false when
// the deadline sets no window. NotEarlier has no end: latest is MaxDay.
// If a By deadline lies before the making date, earliest > latest and the
// window is empty.
func (dl Deadline) Due(made Date) (earliest, latest Day, ok bool) {
	switch dl.Kind {
	case DeadlineWithin:
		if made.IsZero() || dl.Months <= 0 {
			return 0, 0, false
		}
		return made.Earliest(), made.Latest().AddMonths(dl.Months), true
	case DeadlineBy:
		if dl.Date.IsZero() {
			return 0, 0, false
		}
		earliest = dl.Date.Earliest()
		if !made.IsZero() {
			earliest = made.Earliest()
		}
		return earliest, dl.Date.Latest(), true
	case DeadlineNotEarlier:
		if dl.Date.IsZero() {
			return 0, 0, false
		}
		return dl.Date.Earliest(), MaxDay, true
	case DeadlineBetween:
		if dl.Date.IsZero() {
			return 0, 0, false
		}
		return dl.Date.Earliest(), dl.Date.Latest(), true
	}
	return 0, 0, false
}

// Format gives the display text of dl in lang ("en" or "zh"):
// "within 2 years" / "两年内", "by Dec 2024" / "2024年12月前",
// "not before 2026" / "不早于2026年", "between 2024 and 2025" /
// "2024年至2025年之间". ParseDeadline reads every text Format writes.
func (dl Deadline) Format(lang string) string {
	zh := isChinese(lang)
	d := dl.Date
	switch dl.Kind {
	case DeadlineWithin:
		return formatWithin(dl.Months, zh)
	case DeadlineBy:
		if d.IsZero() {
			return ""
		}
		// A bare year reads as its end: "by 2024" could be taken for its start.
		if !d.IsInterval() && d.start.prec == PrecisionYear && d.start.qual == 0 {
			if zh {
				return yearChinese(int(d.start.year)) + "底前"
			}
			return "by end of " + yearEnglish(int(d.start.year))
		}
		if zh {
			return d.Format("zh") + "前"
		}
		return "by " + d.Format("en")
	case DeadlineNotEarlier:
		if d.IsZero() {
			return ""
		}
		shown := simplestStart(d)
		if zh {
			return "不早于" + shown.Format("zh")
		}
		return "not before " + shown.Format("en")
	case DeadlineBetween:
		if d.IsZero() {
			return ""
		}
		// "2024年底" as a deadline means by the end of 2024, so the last
		// months of a year are written as a span in Chinese.
		if part := d.namedPart(); part != partNone && !(zh && part == partLate) {
			return d.Format(lang)
		}
		if zh {
			return d.Start().Format("zh") + "至" + d.End().Format("zh") + "之间"
		}
		return "between " + d.Start().Format("en") + " and " + d.End().Format("en")
	}
	return ""
}

// simplestStart shows the start of a "not before" date in its largest
// whole unit: 2026-01-01 reads as 2026 and 2026-03-01 as Mar 2026, which
// name the same first day.
func simplestStart(d Date) Date {
	p := d.start
	if p.prec != PrecisionDay || p.qual != 0 || p.clock != clockNone || p.day != 1 {
		return d.Start()
	}
	if p.month == 1 {
		return YearDate(int(p.year))
	}
	return MonthDate(int(p.year), int(p.month))
}

func formatWithin(months int, zh bool) string {
	years, rest := months/12, months%12
	if zh {
		switch {
		case months == 6:
			return "半年内"
		case rest == 0:
			return chineseCount(years) + "年内"
		case rest == 6:
			return chineseCount(years) + "年半内"
		}
		return chineseCount(months) + "个月内"
	}
	switch {
	case months == 12:
		return "within a year"
	case rest == 0:
		return "within " + strconv.Itoa(years) + " years"
	case months == 1:
		return "within a month"
	}
	return "within " + strconv.Itoa(months) + " months"
}

// Canonical is the stored text of dl, without Phrase: "by:2024",
// "within:24", "between:2024/2025", "not_earlier_than:2026-01-01"; "" when
// dl is zero. ParseCanonicalDeadline reads it back.
func (dl Deadline) Canonical() string {
	switch dl.Kind {
	case DeadlineNone:
		return ""
	case DeadlineWithin:
		return string(dl.Kind) + ":" + strconv.Itoa(dl.Months)
	}
	return string(dl.Kind) + ":" + dl.Date.String()
}

// ParseCanonicalDeadline reads the text written by Canonical; empty text
// gives the zero Deadline.
func ParseCanonicalDeadline(s string) (Deadline, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Deadline{}, nil
	}
	kind, value, found := strings.Cut(s, ":")
	if !found {
		return Deadline{}, valueError(s, "stored deadline %q has no kind (expected e.g. by:2024 or within:24)", s)
	}
	switch DeadlineKind(kind) {
	case DeadlineWithin:
		months, err := strconv.Atoi(value)
		if err != nil || months < 1 || months > maxWithinMonths {
			return Deadline{}, valueError(s, "stored deadline %q needs a number of months from 1 to %d", s, maxWithinMonths)
		}
		return Deadline{Kind: DeadlineWithin, Months: months}, nil
	case DeadlineBy, DeadlineNotEarlier, DeadlineBetween:
		d, err := ParseEDTF(value)
		if err != nil {
			return Deadline{}, valueError(s, "stored deadline %q: %v", s, err)
		}
		return Deadline{Kind: DeadlineKind(kind), Date: d}, nil
	}
	return Deadline{}, valueError(s, "stored deadline %q has unknown kind %q", s, kind)
}
