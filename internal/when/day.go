package when

import (
	"fmt"
	"time"
)

// Day counts days since 1970-01-01 in the proleptic Gregorian calendar. No time zone.
type Day int64

// MaxDay stands for "no upper bound" in a due window (see Deadline.Due).
const MaxDay Day = 1 << 40

// Days between 0000-03-01 and 1970-01-01; the conversions below count from a
// March-based year so that the leap day falls at the end of the year.
const epochShift = 719468

const daysPer400Years = 146097

// DayOf returns the Day of a calendar date. month is 1-12 and day 1-31; the
// input is assumed valid (an overflowing day simply runs into the next month).
func DayOf(year, month, day int) Day {
	y := int64(year)
	m := int64(month)
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yearOfEra := y - era*400
	marchMonth := (m + 9) % 12 // March = 0 … February = 11
	dayOfYear := (153*marchMonth+2)/5 + int64(day) - 1
	dayOfEra := yearOfEra*365 + yearOfEra/4 - yearOfEra/100 + dayOfYear
	return Day(era*daysPer400Years + dayOfEra - epochShift)
}

// Civil returns the calendar date of d. Years use astronomical numbering:
// 0 is 1 BC, -1 is 2 BC.
func (d Day) Civil() (year, month, day int) {
	z := int64(d) + epochShift
	era := floorDiv(z, daysPer400Years)
	dayOfEra := z - era*daysPer400Years
	yearOfEra := (dayOfEra - dayOfEra/1460 + dayOfEra/36524 - dayOfEra/146096) / 365
	y := yearOfEra + era*400
	dayOfYear := dayOfEra - (365*yearOfEra + yearOfEra/4 - yearOfEra/100)
	marchMonth := (5*dayOfYear + 2) / 153
	dd := dayOfYear - (153*marchMonth+2)/5 + 1
	m := marchMonth + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return int(y), int(m), int(dd)
}

// String gives the ISO form, e.g. "2023-03-14" or "-0044-03-15".
func (d Day) String() string {
	y, m, dd := d.Civil()
	return fmt.Sprintf("%s-%02d-%02d", yearString(y), m, dd)
}

// AddMonths moves d by n calendar months, clamping the day to the end of a
// shorter month: Jan 31 + 1 month is Feb 28 (or 29).
func (d Day) AddMonths(n int) Day {
	y, m, dd := d.Civil()
	total := int64(y)*12 + int64(m-1) + int64(n)
	ny := floorDiv(total, 12)
	nm := int(total-ny*12) + 1
	return DayOf(int(ny), nm, min(dd, daysIn(int(ny), nm)))
}

// Today is the local calendar date of time.Now().
func Today() Day { return FromTime(time.Now()) }

// FromTime is the calendar date shown on t's wall clock, in t's own location.
func FromTime(t time.Time) Day {
	y, m, d := t.Date()
	return DayOf(y, int(m), d)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// isLeap works for negative (astronomical) years too: Go's % keeps the
// dividend's sign, so -4 % 4 == 0.
func isLeap(year int) bool {
	return year%4 == 0 && (year%100 != 0 || year%400 == 0)
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if isLeap(year) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// yearString writes a year the EDTF way: four digits, with a leading minus
// for years before 0.
func yearString(y int) string {
	if y < 0 {
		return fmt.Sprintf("-%04d", -y)
	}
	return fmt.Sprintf("%04d", y)
}
