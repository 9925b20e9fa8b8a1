package timeline

import "time"

// The conversions below follow Howard Hinnant's "chrono-compatible low-level
// date algorithms": they work on 400-year eras so they need no tables and are
// exact for any day in the int64 range used by the view.

// DaysFromCivil returns the number of days from 1970-01-01 to the given
// proleptic Gregorian date. Months outside 1..12 carry into the year and days
// outside the month carry into the following or preceding months, which lets
// callers step by months without normalising first.
func DaysFromCivil(year, month, day int) int64 {
	y := int64(year) + floorDiv(int64(month)-1, 12)
	m := floorMod(int64(month)-1, 12) + 1
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400                     // [0, 399]
	mp := (m + 9) % 12                     // March = 0
	doy := (153*mp+2)/5 + int64(day) - 1   // day of the year starting in March
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return era*146097 + doe - 719468
}

// CivilFromDays is the inverse of DaysFromCivil: it returns the proleptic
// Gregorian date of a day counted from 1970-01-01.
func CivilFromDays(days int64) (year, month, day int) {
	z := days + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return int(y), int(m), int(d)
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
