package markwhen

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/internal/when"
)

// Markwhen's date grammar beyond plain dates, as its documentation
// (docs.markwhen.com, "Dates and ranges") defines it:
//
//   - now: the day of the import (ReadOptions.Today), recorded in the
//     report for every event that uses it;
//   - relative dates: an amount ("2 weeks", "3 months 4 days", "10 week
//     days") after the previous event's end, or after (or, with "before" or
//     "by", before) an earlier event named by its id ("!Phase1",
//     "!Phase1.start", ".end" for the previous event); "x days - y weeks"
//     starts x days after the previous event and lasts y weeks, and "x
//     years" alone starts right after it and lasts x years;
//   - durations as the end of a range: "2023-04/4 months", "03/2023 - 1
//     year";
//   - times of day on casual dates ("Jan 4 2025 8am") and alone ("3:30pm",
//     on the previous event's day);
//   - recurrences: "every (other | N) unit" followed by "for N times",
//     "for <amount>" or "xN".
//
// A recurrence becomes one event spanning all its occurrences, with the
// rule and the occurrences' count and dates at the top of its description:
// Hindsight's events are things that happen, a rule is one such thing, and
// one record per rule keeps the timeline readable, needs no limit on how
// many events a line may make, and undoes and de-duplicates line by line.
// Nothing is lost: the description says when each occurrence falls.
//
// Ranges are worked out as Markwhen does, as instants from the start of the
// first unit to the end of the last, then written back as the plainest
// Hindsight dates that cover the same days: "2023-04/4 months" is April to
// July 2023.

// maxOccurrences bounds the occurrences a recurrence is counted to; a rule
// that repeats more often is refused, naming its rule.
const maxOccurrences = 100_000

// mwPointKind says what one side of a range is.
type mwPointKind int

const (
	pointDate  mwPointKind = iota // an absolute date
	pointNow                      // "now"
	pointClock                    // a time of day alone
	pointRel                      // an amount and/or an event reference
)

// mwPoint is one side of a date range, as written.
type mwPoint struct {
	kind   mwPointKind
	date   when.Date // pointDate
	clock  int       // pointClock: seconds into the day
	before bool      // "before" or "by": the amount counts back
	ref    string    // an event id; "" with refSet for the previous event
	refSet bool
	edge   string // "start", "end" or "" (the side's default)
	amount mwAmount
}

// mwRange is a date range that needs working out: relative, "now", or with
// a duration for an end.
type mwRange struct {
	from mwPoint
	to   *mwPoint
}

// mwAmount is a length of time as Markwhen writes it.
type mwAmount struct {
	years, months, days, weekdays int
	clock                         time.Duration // hours, minutes, seconds, milliseconds
}

func (a mwAmount) zero() bool {
	return a.years == 0 && a.months == 0 && a.days == 0 && a.weekdays == 0 && a.clock == 0
}

// add moves t by the amount, forwards or (sign -1) back.
func (a mwAmount) add(t time.Time, sign int) time.Time {
	t = t.AddDate(sign*a.years, sign*a.months, sign*a.days).Add(time.Duration(sign) * a.clock)
	for n := a.weekdays; n > 0; {
		t = t.AddDate(0, 0, sign)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return t
}

var (
	reClockOnly  = regexp.MustCompile(`^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*(am|pm)?$`)
	reTrailClock = regexp.MustCompile(`^(.*\d)[\s,]+(\d{1,2}(?::\d{2}){0,2}\s*(?:am|pm)|\d{1,2}:\d{2}(?::\d{2})?)$`)
	reRefToken   = regexp.MustCompile(`^!([\p{L}\p{N}_-]+)(?:\.(start|end))?$`)
	reRecurrence = regexp.MustCompile(`^every\s+(?:(other)\s+|(\d{1,6})\s*)?([a-z]+(?:\s+days?)?)(?:\s+(?:for\s+(\d{1,7})\s+times?|for\s+(.+?)|x\s*(\d{1,7})))?$`)
)

// unitWords maps the words of an amount to what they count.
var unitWords = map[string]string{
	"year": "y", "years": "y", "y": "y",
	"month": "mo", "months": "mo",
	"week": "w", "weeks": "w", "w": "w",
	"day": "d", "days": "d", "d": "d",
	"weekday": "wd", "weekdays": "wd", "week day": "wd", "week days": "wd", "work day": "wd", "work days": "wd",
	"workday": "wd", "workdays": "wd", "business day": "wd", "business days": "wd",
	"hour": "h", "hours": "h", "h": "h",
	"minute": "min", "minutes": "min", "min": "min", "mins": "min",
	"second": "s", "seconds": "s", "sec": "s", "secs": "s", "s": "s",
	"millisecond": "ms", "milliseconds": "ms", "ms": "ms",
}

// parseAmount reads "3 weeks 2 days", "10 business days", "1 year".
func parseAmount(s string) (mwAmount, bool) {
	var a mwAmount
	words := strings.Fields(strings.ToLower(strings.ReplaceAll(s, ",", " ")))
	if len(words) == 0 {
		return a, false
	}
	for i := 0; i < len(words); {
		n, err := strconv.Atoi(words[i])
		if err != nil || i+1 >= len(words) {
			return a, false
		}
		unit, used := words[i+1], 2
		if i+2 < len(words) && (words[i+2] == "day" || words[i+2] == "days") {
			if u, ok := unitWords[unit+" "+words[i+2]]; ok && u == "wd" {
				unit, used = unit+" "+words[i+2], 3
			}
		}
		if !a.addUnit(n, unit) {
			return a, false
		}
		i += used
	}
	return a, !a.zero() || true
}

// addUnit adds n of a unit word; false for a word that is not a unit.
func (a *mwAmount) addUnit(n int, unit string) bool {
	switch unitWords[unit] {
	case "y":
		a.years += n
	case "mo":
		a.months += n
	case "w":
		a.days += 7 * n
	case "d":
		a.days += n
	case "wd":
		a.weekdays += n
	case "h":
		a.clock += time.Duration(n) * time.Hour
	case "min":
		a.clock += time.Duration(n) * time.Minute
	case "s":
		a.clock += time.Duration(n) * time.Second
	case "ms":
		a.clock += time.Duration(n) * time.Millisecond
	default:
		return false
	}
	return true
}

// parseClock reads a time of day ("8am", "3:30pm", "06:30") as seconds.
func parseClock(s string) (int, bool) {
	m := reClockOnly.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil || m[2] == "" && m[4] == "" {
		return 0, false // a bare number is not a time
	}
	h, _ := strconv.Atoi(m[1])
	mins, _ := strconv.Atoi(m[2])
	secs, _ := strconv.Atoi(m[3])
	switch m[4] {
	case "am":
		if h < 1 || h > 12 {
			return 0, false
		}
		h %= 12
	case "pm":
		if h < 1 || h > 12 {
			return 0, false
		}
		h = h%12 + 12
	}
	if h > 23 || mins > 59 || secs > 59 {
		return 0, false
	}
	return h*3600 + mins*60 + secs, true
}

// withClock reads a casual date followed by a time of day ("Jan 4 2025
// 8am", "November 9, 2023, 10am") as a day with its time.
func withClock(s string, european bool) (when.Date, bool) {
	m := reTrailClock.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return when.Date{}, false
	}
	secs, ok := parseClock(m[2])
	if !ok {
		return when.Date{}, false
	}
	d, err := markwhenDate(strings.TrimRight(m[1], " ,"), european)
	if err != nil || d.IsInterval() || d.Precision() != when.PrecisionDay || d.HasTime() {
		return when.Date{}, false
	}
	return dateAtClock(d.Earliest(), secs)
}

// dateAtClock is a day with a time of day, in EDTF.
func dateAtClock(day when.Day, secs int) (when.Date, bool) {
	text := fmt.Sprintf("%sT%02d:%02d", day, secs/3600, secs/60%60)
	if secs%60 != 0 {
		text += fmt.Sprintf(":%02d", secs%60)
	}
	d, err := when.ParseEDTF(text)
	return d, err == nil
}

// parsePoint reads one side of a range: a date, "now", a time of day, or a
// relative date.
func parsePoint(s string, european bool) (mwPoint, bool) {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	switch {
	case s == "":
		return mwPoint{}, false
	case low == "now":
		return mwPoint{kind: pointNow}, true
	}
	if d, err := markwhenDate(s, european); err == nil && !d.IsInterval() {
		return mwPoint{kind: pointDate, date: d}, true
	}
	if d, ok := withClock(s, european); ok {
		return mwPoint{kind: pointDate, date: d}, true
	}
	if secs, ok := parseClock(low); ok {
		return mwPoint{kind: pointClock, clock: secs}, true
	}
	p := mwPoint{kind: pointRel}
	words := strings.Fields(low)
	if len(words) > 0 {
		switch words[0] {
		case "after":
			words = words[1:]
		case "before", "by":
			p.before, words = true, words[1:]
		}
	}
	if len(words) > 0 {
		orig := strings.Fields(s)[len(strings.Fields(s))-len(words)]
		switch {
		case reRefToken.MatchString(orig):
			m := reRefToken.FindStringSubmatch(orig)
			p.ref, p.refSet, p.edge, words = m[1], true, m[2], words[1:]
		case words[0] == ".start" || words[0] == ".end":
			p.refSet, p.edge, words = true, words[0][1:], words[1:]
		}
	}
	if len(words) > 0 {
		a, ok := parseAmount(strings.Join(words, " "))
		if !ok {
			return mwPoint{}, false
		}
		p.amount = a
	} else if !p.refSet {
		return mwPoint{}, false
	}
	return p, true
}

// rangeSeparators are what may join the two sides of a range, tried in
// this order at each place they occur.
var rangeSeparators = []string{" / ", "/", " - ", " to ", " until ", " – ", " — ", "–", "—", "-"}

// parseRangeSpec reads a range that needs working out; ok is false when s
// is not one.
func parseRangeSpec(s string, european bool) (*mwRange, bool) {
	if p, ok := parsePoint(s, european); ok {
		if p.kind == pointDate {
			return nil, false // a plain date needs nothing worked out
		}
		return &mwRange{from: p}, true
	}
	tries := 0
	for _, sep := range rangeSeparators {
		for off := 0; tries < 4*maxRangeSplits; tries++ {
			k := strings.Index(s[off:], sep)
			if k < 0 {
				break
			}
			k += off
			off = k + len(sep)
			a, okA := parsePoint(s[:k], european)
			if !okA {
				continue
			}
			b, okB := parsePoint(s[k+len(sep):], european)
			if !okB {
				continue
			}
			return &mwRange{from: a, to: &b}, true
		}
	}
	return nil, false
}

// mwRecurrence is "every N unit for …".
type mwRecurrence struct {
	text  string // as written
	step  mwAmount
	count int      // occurrences, when counted
	span  mwAmount // how long it recurs, when given as an amount
	open  bool     // no end given
}

// splitRecurrence takes a recurrence off the end of a date prefix.
func splitRecurrence(prefix string) (core string, r *mwRecurrence, err error) {
	low := strings.ToLower(prefix)
	at := strings.Index(low, " every ")
	if at < 0 {
		return prefix, nil, nil
	}
	text := strings.TrimSpace(prefix[at+1:])
	m := reRecurrence.FindStringSubmatch(strings.Join(strings.Fields(strings.ToLower(text)), " "))
	if m == nil {
		return prefix, nil, fmt.Errorf("cannot read the recurrence %q (write, for example, every 2 weeks for 12 times)", text)
	}
	r = &mwRecurrence{text: text}
	n := 1
	if m[1] == "other" {
		n = 2
	} else if m[2] != "" {
		n, _ = strconv.Atoi(m[2])
	}
	if !r.step.addUnit(n, m[3]) && !r.step.addUnit(n, strings.TrimSuffix(m[3], "s")) {
		return prefix, nil, fmt.Errorf("cannot read %q as a unit of time in the recurrence %q", m[3], text)
	}
	if r.step.zero() {
		return prefix, nil, fmt.Errorf("the recurrence %q does not move on", text)
	}
	switch {
	case m[4] != "":
		r.count, _ = strconv.Atoi(m[4])
	case m[6] != "":
		r.count, _ = strconv.Atoi(m[6])
	case m[5] != "":
		span, ok := parseAmount(m[5])
		if !ok || span.zero() {
			return prefix, nil, fmt.Errorf("cannot read how long the recurrence %q lasts", text)
		}
		r.span = span
	default:
		r.open = true
	}
	return strings.TrimSpace(prefix[:at]), r, nil
}

// mwSpan is a range worked out as instants: from the start of its first
// unit up to (not including) the end of its last; hasClock when a time of
// day was involved.
type mwSpan struct {
	from, to time.Time
	hasClock bool
}

func dayStart(d when.Day) time.Time {
	y, m, dd := d.Civil()
	return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
}

// spanOf is the span a Hindsight date covers; a time of day is an instant.
func spanOf(d when.Date) mwSpan {
	if d.HasTime() {
		t := clockTime(d)
		return mwSpan{from: t, to: t, hasClock: true}
	}
	return mwSpan{from: dayStart(d.Earliest()), to: dayStart(d.Latest() + 1)}
}

// clockTime reads the instant of a day-precision date with a time.
func clockTime(d when.Date) time.Time {
	t := dayStart(d.Earliest())
	s := d.Start().String()
	if i := strings.IndexByte(s, 'T'); i >= 0 {
		var h, m, sec int
		fmt.Sscanf(s[i+1:], "%d:%d:%d", &h, &m, &sec)
		t = t.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second)
	}
	return t
}

// rangeSpan is the span of an event's dates.
func rangeSpan(start, end when.Date) mwSpan {
	s := spanOf(start)
	if !end.IsZero() {
		e := spanOf(end)
		s.to, s.hasClock = e.to, s.hasClock || e.hasClock
	}
	return s
}

// mwContext is what relative dates are worked out against: the previous
// event, the events with ids, and today.
type mwContext struct {
	today   when.Day
	prev    *mwSpan
	ids     map[string]mwSpan
	usedNow bool
}

// base is the span a relative date counts from: the event named, or the
// previous one.
func (c *mwContext) base(p mwPoint) (mwSpan, error) {
	if p.ref != "" {
		s, ok := c.ids[strings.ToLower(p.ref)]
		if !ok {
			return mwSpan{}, fmt.Errorf("no earlier event has the id %q", p.ref)
		}
		return s, nil
	}
	if c.prev == nil {
		return mwSpan{}, fmt.Errorf("a relative date needs an earlier event to count from, and this is the first")
	}
	return *c.prev, nil
}

// edgeOf picks the instant of span s a reference means.
func edgeOf(s mwSpan, edge, fallback string) time.Time {
	if edge == "" {
		edge = fallback
	}
	if edge == "start" {
		return s.from
	}
	return s.to
}

// start works out the instant a point starts at, as the first side of a
// range.
func (c *mwContext) start(p mwPoint) (time.Time, bool, error) {
	switch p.kind {
	case pointDate:
		s := spanOf(p.date)
		return s.from, s.hasClock, nil
	case pointNow:
		c.usedNow = true
		return dayStart(c.today), false, nil
	case pointClock:
		day := c.today
		if c.prev != nil {
			day = when.FromTime(c.prev.from)
		}
		return dayStart(day).Add(time.Duration(p.clock) * time.Second), true, nil
	}
	b, err := c.base(p)
	if err != nil {
		return time.Time{}, false, err
	}
	if p.before {
		return p.amount.add(edgeOf(b, p.edge, "start"), -1), b.hasClock || p.amount.clock != 0, nil
	}
	return p.amount.add(edgeOf(b, p.edge, "end"), 1), b.hasClock || p.amount.clock != 0, nil
}

// resolve works out a range's span.
func (c *mwContext) resolve(r *mwRange) (mwSpan, error) {
	f := r.from
	if r.to == nil {
		switch f.kind {
		case pointNow:
			c.usedNow = true
			return mwSpan{from: dayStart(c.today), to: dayStart(c.today + 1)}, nil
		case pointRel:
			b, err := c.base(f)
			if err != nil {
				return mwSpan{}, err
			}
			clock := b.hasClock || f.amount.clock != 0
			if f.before { // abuts the event it counts back from
				end := edgeOf(b, f.edge, "start")
				return mwSpan{from: f.amount.add(end, -1), to: end, hasClock: clock}, nil
			}
			from := edgeOf(b, f.edge, "end")
			return mwSpan{from: from, to: f.amount.add(from, 1), hasClock: clock}, nil
		}
		from, clock, err := c.start(f)
		return mwSpan{from: from, to: from, hasClock: clock}, err
	}
	to := *r.to
	if f.kind == pointRel && f.before && to.kind == pointRel && !to.refSet {
		// "before !x 1 week - 1 month": ends a week before x, lasts a month.
		b, err := c.base(f)
		if err != nil {
			return mwSpan{}, err
		}
		end := f.amount.add(edgeOf(b, f.edge, "start"), -1)
		return mwSpan{from: to.amount.add(end, -1), to: end, hasClock: b.hasClock || f.amount.clock != 0 || to.amount.clock != 0}, nil
	}
	from, clock, err := c.start(f)
	if err != nil {
		return mwSpan{}, err
	}
	s := mwSpan{from: from, hasClock: clock}
	switch to.kind {
	case pointDate:
		e := spanOf(to.date)
		s.to, s.hasClock = e.to, s.hasClock || e.hasClock
	case pointNow:
		c.usedNow = true
		s.to = dayStart(c.today + 1)
	case pointClock:
		s.to, s.hasClock = dayStart(when.FromTime(from)).Add(time.Duration(to.clock)*time.Second), true
	default:
		if to.refSet {
			b, err := c.base(to)
			if err != nil {
				return mwSpan{}, err
			}
			s.to = edgeOf(b, to.edge, "start")
			s.hasClock = s.hasClock || b.hasClock
		}
		if to.before {
			s.to = to.amount.add(s.to, -1)
		} else if !to.refSet {
			s.to = to.amount.add(from, 1)
		} else {
			s.to = to.amount.add(s.to, 1)
		}
		s.hasClock = s.hasClock || to.amount.clock != 0
	}
	if s.to.Before(s.from) || to.kind == pointDate && !s.hasClock && !s.to.After(s.from) {
		return s, fmt.Errorf("the range ends (%s) before it starts (%s)", s.to.Format("2006-01-02"), s.from.Format("2006-01-02"))
	}
	return s, nil
}

// dates writes a span as the plainest Hindsight dates that cover its days:
// a year or a month when it is exactly one, months or years when it runs
// from the start of one to the start of another, else days (with times of
// day when a time was involved).
func (s mwSpan) dates() (start, end when.Date, err error) {
	last := s.to
	if last.After(s.from) {
		last = last.Add(-time.Nanosecond)
	}
	if s.hasClock {
		if start, err = instantDate(s.from); err != nil || !s.to.After(s.from) {
			return start, when.Date{}, err
		}
		end, err = instantDate(s.to)
		return start, end, err
	}
	first, final := when.FromTime(s.from), when.FromTime(last)
	fy, fm, fd := first.Civil()
	ty, tm, td := when.FromTime(s.to).Civil()
	aligned := s.to.After(s.from) && fd == 1 && td == 1
	switch {
	case aligned && fm == 1 && tm == 1:
		start = when.YearDate(fy)
		if ty-1 != fy {
			end = when.YearDate(ty - 1)
		}
	case aligned:
		start = when.MonthDate(fy, fm)
		if ly, lm, _ := final.Civil(); ly != fy || lm != fm {
			end = when.MonthDate(ly, lm)
		}
	default:
		start = when.DayDate(first)
		if final != first {
			end = when.DayDate(final)
		}
	}
	if y := fy; y < -9999 || y > 9999 || ty < -9999 || ty > 10000 {
		return when.Date{}, when.Date{}, fmt.Errorf("it falls outside the years Hindsight can store (-9999 to 9999)")
	}
	return start, end, nil
}

// instantDate is an instant as a day with its time of day.
func instantDate(t time.Time) (when.Date, error) {
	if y := t.Year(); y < -9999 || y > 9999 {
		return when.Date{}, fmt.Errorf("year %d is outside the years Hindsight can store (-9999 to 9999)", y)
	}
	d, ok := dateAtClock(when.FromTime(t), t.Hour()*3600+t.Minute()*60+t.Second())
	if !ok {
		return when.Date{}, fmt.Errorf("cannot write %s as a date", t.Format(time.RFC3339))
	}
	return d, nil
}

// expand works out the occurrences of a recurrence of span s: how many,
// and the span from the first's start to the last's end.
func (r *mwRecurrence) expand(s mwSpan) (n int, all mwSpan, err error) {
	length := s.to.Sub(s.from)
	all = s
	switch {
	case r.open:
		return 1, s, nil
	case r.count > 0:
		if r.count > maxOccurrences {
			return 0, s, fmt.Errorf("the recurrence %q repeats more than %d times", r.text, maxOccurrences)
		}
		n = r.count
	default:
		until := r.span.add(s.from, 1)
		for at := s.from; at.Before(until); at = r.step.add(at, 1) {
			if n++; n > maxOccurrences {
				return 0, s, fmt.Errorf("the recurrence %q repeats more than %d times", r.text, maxOccurrences)
			}
		}
	}
	last := s.from
	for range n - 1 {
		last = r.step.add(last, 1)
	}
	all.to = last.Add(length)
	return n, all, nil
}

// describe is the line a recurring event's description starts with.
func (r *mwRecurrence) describe(n int, s, all mwSpan) string {
	if r.open {
		return fmt.Sprintf("Repeats %s, with no end given; imported as its first occurrence.", r.text)
	}
	first, _, _ := s.dates()
	lastStart := all.to.Add(-s.to.Sub(s.from))
	last, _, _ := mwSpan{from: lastStart, to: all.to, hasClock: s.hasClock}.dates()
	return fmt.Sprintf("Repeats %s: %d times, the first on %s and the last on %s.", r.text, n, first, last)
}
