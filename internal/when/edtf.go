package when

import (
	"fmt"
	"regexp"
	"strings"
)

// edtfShape is the outline of one EDTF point. Text outside it is not EDTF at
// all (so Parse goes on to the natural forms); text inside it that names an
// impossible value gets a specific error. The time-zone tail is matched only
// so that it can be refused with a clear message.
var edtfShape = regexp.MustCompile(`^-?\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?[~?%]?$`)

// ParseEDTF reads the canonical EDTF subset only (see the package comment).
// Surrounding spaces are ignored.
func ParseEDTF(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, valueError(s, "empty date").keyed(KeyEmpty, nil)
	}
	d, err := parseEDTF(s)
	if err != nil && isSyntax(err) {
		return Date{}, syntaxError(s, "cannot read %q as an EDTF date (expected e.g. 2023, 2023-03, 2023-03-14, 2023-35 or 2023-02/2025-02)", s)
	}
	return d, err
}

// parseEDTF returns a syntax error when s is not shaped like EDTF, and a value
// error when it is but says something impossible (month 13, 30 February).
func parseEDTF(s string) (Date, error) {
	left, right, isInterval := strings.Cut(s, "/")
	if !isInterval {
		p, err := parsePoint(s)
		if err != nil {
			return Date{}, err
		}
		return Date{start: p}, nil
	}
	if openLeft, openRight := isOpenEnd(left), isOpenEnd(right); openLeft || openRight {
		given := left
		if openLeft {
			given = right
		}
		// "garbage/" or "/" is not an interval at all.
		if _, err := parsePoint(given); openLeft == openRight || isSyntax(err) {
			return Date{}, syntaxError(s, "not an interval")
		}
		return Date{}, valueError(s, "open-ended interval %q is not supported: give both ends, e.g. 2023-02/2025-02", s).
			keyed(KeyOpenInterval, map[string]any{"Input": s})
	}
	start, err := parsePoint(left)
	if err != nil {
		return Date{}, err
	}
	end, err := parsePoint(right)
	if err != nil {
		return Date{}, err
	}
	return makeInterval(start, end)
}

func isOpenEnd(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || s == ".."
}

// parsePoint reads one EDTF point: [-]YYYY[-MM[-DD[Thh:mm[:ss]]]][~?%],
// where MM may also be a sub-year code (21-24, 33-36, 40-41).
func parsePoint(s string) (point, error) {
	var p point
	if !edtfShape.MatchString(s) {
		return p, syntaxError(s, "not an EDTF date")
	}
	rest := s
	negative := false
	if strings.HasPrefix(rest, "-") {
		negative = true
		rest = rest[1:]
	}
	year, rest, ok := leadingDigits(rest, 4)
	if !ok {
		return p, syntaxError(s, "a year needs four digits")
	}
	if negative {
		year = -year
	}
	p.year = int32(year)
	p.prec = PrecisionYear

	if code, after, ok := dashNumber(rest); ok {
		rest = after
		switch {
		case code >= 1 && code <= 12:
			p.prec = PrecisionMonth
		case code >= codeSpring && code <= codeSpring+3:
			p.prec = PrecisionSeason
		case code >= codeQuarter1 && code <= codeQuarter1+3:
			p.prec = PrecisionQuarter
		case code >= codeHalf1 && code <= codeHalf1+1:
			p.prec = PrecisionHalf
		default:
			return p, valueError(s, "month %d is out of range (1–12)", code).keyed(KeyMonthRange, map[string]any{"Month": code})
		}
		p.month = uint8(code)
		if day, after, ok := dashNumber(rest); ok {
			if p.prec != PrecisionMonth {
				return p, valueError(s, "a day cannot follow a season, quarter or half (%s)", s).
					keyed(KeyDayAfterPart, map[string]any{"Input": s})
			}
			if err := checkDay(s, year, code, day); err != nil {
				return p, err
			}
			rest = after
			p.day = uint8(day)
			p.prec = PrecisionDay
		}
	}

	if strings.HasPrefix(rest, "T") {
		var err error
		if rest, err = parseClock(s, rest[1:], &p); err != nil {
			return p, err
		}
		if rest != "" && strings.ContainsAny(rest[:1], "Z+-") {
			return p, valueError(s, "time zones are not supported (%s): dates are calendar dates", s).
				keyed(KeyTimeZone, map[string]any{"Input": s})
		}
	}

	switch rest {
	case "":
	case "~":
		p.qual = qualApprox
	case "?":
		p.qual = qualUncertain
	case "%":
		p.qual = qualApprox | qualUncertain
	default:
		return p, syntaxError(s, "unexpected %q", rest)
	}
	return p, nil
}

// parseClock reads hh:mm or hh:mm:ss into p and returns what follows.
func parseClock(input, s string, p *point) (string, error) {
	hour, rest, ok := leadingDigits(s, 2)
	if !ok || !strings.HasPrefix(rest, ":") {
		return s, syntaxError(input, "a time of day is written hh:mm")
	}
	minute, rest, ok := leadingDigits(rest[1:], 2)
	if !ok {
		return s, syntaxError(input, "a time of day is written hh:mm")
	}
	second, kind := 0, clockMinutes
	if strings.HasPrefix(rest, ":") {
		if second, rest, ok = leadingDigits(rest[1:], 2); !ok {
			return s, syntaxError(input, "a time of day is written hh:mm:ss")
		}
		kind = clockSeconds
	}
	if err := checkClock(input, hour, minute, second); err != nil {
		return s, err
	}
	p.clock, p.hour, p.minute, p.second = kind, uint8(hour), uint8(minute), uint8(second)
	return rest, nil
}

func checkClock(input string, hour, minute, second int) error {
	switch {
	case hour > 23:
		return valueError(input, "hour %d is out of range (0–23)", hour).keyed(KeyClockRange, map[string]any{"Input": input})
	case minute > 59:
		return valueError(input, "minute %d is out of range (0–59)", minute).keyed(KeyClockRange, map[string]any{"Input": input})
	case second > 59:
		return valueError(input, "second %d is out of range (0–59)", second).keyed(KeyClockRange, map[string]any{"Input": input})
	}
	return nil
}

func checkMonth(input string, month int) error {
	if month < 1 || month > 12 {
		return valueError(input, "month %d is out of range (1–12)", month).keyed(KeyMonthRange, map[string]any{"Month": month})
	}
	return nil
}

// checkDay assumes a valid month.
func checkDay(input string, year, month, day int) error {
	if day < 1 || day > 31 {
		return valueError(input, "day %d is out of range (1–31)", day).keyed(KeyDayRange, map[string]any{"Day": day})
	}
	if n := daysIn(year, month); day > n {
		return valueError(input, "%s %s has %d days, not %d", monthNames[month-1], yearEnglish(year), n, day).
			keyed(KeyMonthDays, map[string]any{"Year": year, "Month": month, "Days": n, "Day": day})
	}
	return nil
}

// dashNumber reads "-NN" (exactly two digits) from the front of s.
func dashNumber(s string) (int, string, bool) {
	if !strings.HasPrefix(s, "-") {
		return 0, s, false
	}
	n, rest, ok := leadingDigits(s[1:], 2)
	if !ok {
		return 0, s, false
	}
	return n, rest, true
}

// leadingDigits reads exactly width ASCII digits from the front of s.
func leadingDigits(s string, width int) (int, string, bool) {
	if len(s) < width {
		return 0, s, false
	}
	n := 0
	for i := range width {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, s, false
		}
		n = n*10 + int(c-'0')
	}
	return n, s[width:], true
}

// String gives the canonical EDTF text; "" for the zero Date.
// Parse(d.String()) reproduces d exactly.
func (d Date) String() string {
	switch {
	case d.IsZero():
		return ""
	case d.IsInterval():
		return d.start.String() + "/" + d.end.String()
	}
	return d.start.String()
}

func (p point) String() string {
	var b strings.Builder
	b.WriteString(yearString(int(p.year)))
	if p.prec != PrecisionYear {
		fmt.Fprintf(&b, "-%02d", p.month)
	}
	if p.prec == PrecisionDay {
		fmt.Fprintf(&b, "-%02d", p.day)
	}
	switch p.clock {
	case clockMinutes:
		fmt.Fprintf(&b, "T%02d:%02d", p.hour, p.minute)
	case clockSeconds:
		fmt.Fprintf(&b, "T%02d:%02d:%02d", p.hour, p.minute, p.second)
	}
	switch p.qual {
	case qualApprox:
		b.WriteByte('~')
	case qualUncertain:
		b.WriteByte('?')
	case qualApprox | qualUncertain:
		b.WriteByte('%')
	}
	return b.String()
}
