package timeline

import (
	"time"

	"github.com/hindsight-app/hindsight/internal/when"
)

// DaysFromCivil returns the number of days from 1970-01-01 to the given
// proleptic Gregorian date (the when package's calendar). Months outside
// 1..12 carry into the year and days outside the month carry into the
// following or preceding months, which lets callers step by months without
// normalising first.
func DaysFromCivil(year, month, day int) int64 {
	y := int64(year) + floorDiv(int64(month)-1, 12)
	m := floorMod(int64(month)-1, 12) + 1
	return int64(when.DayOf(int(y), int(m), 1)) + int64(day) - 1
}

// CivilFromDays is the inverse of DaysFromCivil: it returns the proleptic
// Gregorian date of a day counted from 1970-01-01.
func CivilFromDays(days int64) (year, month, day int) {
	return when.Day(days).Civil()
}

// DayOf returns the moment t on the timeline's scale: the day of its civil
// date in its own location plus the part of that day already gone, e.g. for
// the "today" line at time.Now().
func DayOf(t time.Time) float64 {
	y, m, d := t.Date()
	h, mi, s := t.Clock()
	secs := float64(h*3600+mi*60+s) + float64(t.Nanosecond())/1e9
	return float64(DaysFromCivil(y, int(m), d)) + secs/86400
}

// weekday returns 0 for Monday through 6 for Sunday; 1970-01-01 was a
// Thursday.
func weekday(days int64) int {
	return int(floorMod(days+3, 7))
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 {
	return a - floorDiv(a, b)*b
}
