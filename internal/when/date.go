package when

import "cmp"

// Precision says which unit a date point names.
type Precision uint8

const (
	PrecisionNone    Precision = iota // zero Date
	PrecisionYear                     // 2023
	PrecisionHalf                     // EDTF 40/41: 2023-40
	PrecisionQuarter                  // EDTF 33-36: 2023-35
	PrecisionSeason                   // EDTF 21-24: 2023-22
	PrecisionMonth                    // 2023-03
	PrecisionDay                      // 2023-03-14, optionally with a time of day
)

func (p Precision) String() string {
	switch p {
	case PrecisionYear:
		return "year"
	case PrecisionHalf:
		return "half"
	case PrecisionQuarter:
		return "quarter"
	case PrecisionSeason:
		return "season"
	case PrecisionMonth:
		return "month"
	case PrecisionDay:
		return "day"
	}
	return "none"
}

// The years EDTF can write with four digits.
const (
	minYear = -9999
	maxYear = 9999
)

// EDTF codes for sub-year groupings.
const (
	codeSpring   = 21 // 21-24: spring, summer, autumn, winter
	codeQuarter1 = 33 // 33-36: Q1-Q4
	codeHalf1    = 40 // 40-41: first and second half
)

type qualifier uint8

const (
	qualApprox    qualifier = 1 << iota // EDTF ~
	qualUncertain                       // EDTF ?
)

type clockKind uint8

const (
	clockNone    clockKind = iota
	clockMinutes           // T10:30
	clockSeconds           // T10:30:05, kept apart so that the text round-trips
)

// point is one end of a Date. Keeping every field that the text carries
// (even whether seconds were written) makes String/Parse an exact round trip
// and keeps Date comparable with ==.
type point struct {
	year   int32
	month  uint8 // 1-12 for month and day precision, the EDTF code for half, quarter and season
	day    uint8
	prec   Precision
	qual   qualifier
	clock  clockKind
	hour   uint8
	minute uint8
	second uint8
}

// Date is a possibly fuzzy calendar date or a closed interval of two such
// dates. The zero value means "no date". Dates are comparable with ==, which
// is true when both have the same canonical text.
type Date struct {
	start point
	end   point // zero unless the Date is an interval
}

// DayDate returns a day-precision Date.
func DayDate(d Day) Date {
	y, m, dd := d.Civil()
	return Date{start: point{year: int32(y), month: uint8(m), day: uint8(dd), prec: PrecisionDay}}
}

// YearDate returns a year-precision Date.
func YearDate(year int) Date {
	return Date{start: point{year: int32(year), prec: PrecisionYear}}
}

// MonthDate returns a month-precision Date; month is assumed to be 1-12.
func MonthDate(year, month int) Date {
	return Date{start: point{year: int32(year), month: uint8(month), prec: PrecisionMonth}}
}

// Interval joins two dates into a closed interval running from the start of
// from to the end of to. It fails when to ends before from starts.
func Interval(from, to Date) (Date, error) {
	if from.IsZero() || to.IsZero() {
		return Date{}, valueError("", "an interval needs both a start and an end")
	}
	return makeInterval(from.start, to.last())
}

func makeInterval(start, end point) (Date, error) {
	if endsBefore(end, start) {
		return Date{}, valueError(start.String()+"/"+end.String(),
			"interval ends (%s) before it starts (%s)", end.String(), start.String()).
			keyed(KeyEndsBeforeStart, map[string]any{"Start": start.String(), "End": end.String()})
	}
	return Date{start: start, end: end}, nil
}

// endsBefore reports whether end is wholly before start, so that the
// interval between them would be empty.
func endsBefore(end, start point) bool {
	endDay, startDay := end.latest(), start.earliest()
	if endDay != startDay {
		return endDay < startDay
	}
	if end.clock == clockNone || start.clock == clockNone {
		return false
	}
	return end.secondOfDay() < start.secondOfDay()
}

func (p point) secondOfDay() int {
	return int(p.hour)*3600 + int(p.minute)*60 + int(p.second)
}

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d.start.prec == PrecisionNone }

// IsInterval reports whether d is a closed interval start/end.
func (d Date) IsInterval() bool { return d.end.prec != PrecisionNone }

// Start returns the start point of d as a Date (d itself when it is not an interval).
func (d Date) Start() Date { return Date{start: d.start} }

// End returns the end point of d as a Date (d itself when it is not an interval).
func (d Date) End() Date { return Date{start: d.last()} }

func (d Date) last() point {
	if d.IsInterval() {
		return d.end
	}
	return d.start
}

// Precision is the precision of the start point.
func (d Date) Precision() Precision { return d.start.prec }

// Approximate reports whether any end is marked ~ or %.
func (d Date) Approximate() bool {
	return (d.start.qual|d.end.qual)&qualApprox != 0
}

// Uncertain reports whether any end is marked ? or %.
func (d Date) Uncertain() bool {
	return (d.start.qual|d.end.qual)&qualUncertain != 0
}

// HasTime reports whether d names a time of day (only day-precision points can).
func (d Date) HasTime() bool {
	return d.start.clock != clockNone || d.end.clock != clockNone
}

// Earliest is the first day d can mean: the start of the start point's unit.
// Approximate dates are not widened. It is 0 for the zero Date.
func (d Date) Earliest() Day {
	if d.IsZero() {
		return 0
	}
	return d.start.earliest()
}

// Latest is the last day d can mean, inclusive: the end of the end point's
// unit. It is 0 for the zero Date.
func (d Date) Latest() Day {
	if d.IsZero() {
		return 0
	}
	return d.last().latest()
}

// Year is the year of the earliest day, handy for grouping; 0 for the zero Date.
func (d Date) Year() int {
	if d.IsZero() {
		return 0
	}
	y, _, _ := d.Earliest().Civil()
	return y
}

// Compare orders dates by Earliest, then Latest, returning -1, 0 or 1. The
// zero Date sorts before every other date.
func (d Date) Compare(o Date) int {
	switch {
	case d.IsZero() || o.IsZero():
		return compareBool(!d.IsZero(), !o.IsZero())
	case d.Earliest() != o.Earliest():
		return cmp.Compare(d.Earliest(), o.Earliest())
	}
	return cmp.Compare(d.Latest(), o.Latest())
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case b:
		return -1
	}
	return 1
}

// MarshalText gives the canonical EDTF text (empty for the zero Date).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads canonical EDTF text; empty text gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	parsed, err := ParseEDTF(string(b))
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// withQualifier marks every end of d.
func (d Date) withQualifier(q qualifier) Date {
	d.start.qual |= q
	if d.IsInterval() {
		d.end.qual |= q
	}
	return d
}

// monthSpan gives the first month and the number of months a point covers,
// for every precision coarser than a day. Winter starts in December and
// runs into the next year.
func (p point) monthSpan() (first, count int) {
	switch p.prec {
	case PrecisionHalf:
		return 1 + 6*int(p.month-codeHalf1), 6
	case PrecisionQuarter:
		return 1 + 3*int(p.month-codeQuarter1), 3
	case PrecisionSeason:
		return 3 + 3*int(p.month-codeSpring), 3
	case PrecisionMonth:
		return int(p.month), 1
	}
	return 1, 12
}

func (p point) earliest() Day {
	if p.prec == PrecisionDay {
		return DayOf(int(p.year), int(p.month), int(p.day))
	}
	first, _ := p.monthSpan()
	return DayOf(int(p.year), first, 1)
}

func (p point) latest() Day {
	if p.prec == PrecisionDay {
		return DayOf(int(p.year), int(p.month), int(p.day))
	}
	first, count := p.monthSpan()
	return monthStart(int(p.year), first+count) - 1
}

// monthStart is the first day of month m of year y, where m may run past 12
// into the following years.
func monthStart(y, m int) Day {
	y += (m - 1) / 12
	m = (m-1)%12 + 1
	return DayOf(y, m, 1)
}
