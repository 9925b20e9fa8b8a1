package timeline

import (
	"math"
	"strconv"
)

// Span is one cell of the axis's upper tier: the coarser unit around the
// ticks below it (the year above months, the month above days, the decade
// above years), so that the axis says where it is at every zoom.
type Span struct {
	Start, End float64 // the unit's first day and the first day after it
	X1, X2     float32 // where those days are in the viewport
	Unit       Unit    // UnitMonth, UnitYear, or UnitDecade for longer spans
	Years      int     // for UnitDecade: 10, 100 or 1000
}

// contextOf is the unit of the upper tier above ticks of unit u every step
// years; ok is false above millennia.
func contextOf(u Unit, step int) (unit Unit, years int, ok bool) {
	switch {
	case u == UnitDay || u == UnitWeek:
		return UnitMonth, 0, true
	case u == UnitMonth || u == UnitQuarter:
		return UnitYear, 0, true
	case u == UnitYear:
		return UnitDecade, 10, true
	case step < 100:
		return UnitDecade, 100, true
	case step < 1000:
		return UnitDecade, 1000, true
	}
	return 0, 0, false
}

// AppendSpans appends the upper tier of the axis for the days visible in
// v, above ticks chosen with minSpacingPx, and returns dst.
func AppendSpans(dst []Span, v Viewport, minSpacingPx float32) []Span {
	if !v.valid() {
		return dst
	}
	unit, years, ok := contextOf(tickStep(v, minSpacingPx))
	if !ok {
		return dst
	}
	lo := clampDay(math.Floor(v.Start))
	hi := clampDay(math.Ceil(v.End))
	y, m, _ := CivilFromDays(lo)
	start := DaysFromCivil(y, m, 1) // a month
	switch {
	case unit == UnitYear:
		start = DaysFromCivil(y, 1, 1)
	case unit == UnitDecade:
		y = int(floorDiv(int64(y), int64(years))) * years
		start = DaysFromCivil(y, 1, 1)
	}
	for start < hi {
		var end int64
		switch unit {
		case UnitMonth:
			if m++; m > 12 {
				m, y = 1, y+1
			}
			end = DaysFromCivil(y, m, 1)
		case UnitYear:
			y++
			end = DaysFromCivil(y, 1, 1)
		default:
			y += years
			end = DaysFromCivil(y, 1, 1)
		}
		dst = append(dst, Span{Start: float64(start), End: float64(end),
			X1: v.X(float64(start)), X2: v.X(float64(end)), Unit: unit, Years: years})
		start = end
	}
	return dst
}

// SpanLabel is the text of an upper-tier cell in the UI language lang:
// "Mar 2024" or "2024年3月", "2024", "2020s" or "2020年代", "2000–2099".
func SpanLabel(s Span, lang string) string {
	y, m, _ := CivilFromDays(clampDay(math.Floor(s.Start)))
	zh := isChinese(lang)
	year := strconv.Itoa(y)
	switch s.Unit {
	case UnitMonth:
		if zh {
			return year + "年" + strconv.Itoa(m) + "月"
		}
		return monthAbbr[m] + " " + year
	case UnitYear:
		if zh {
			return year + "年"
		}
		return year
	}
	if s.Years == 10 {
		if zh {
			return year + "年代"
		}
		return year + "s"
	}
	last := strconv.Itoa(y + s.Years - 1)
	if zh {
		return year + "–" + last + "年"
	}
	return year + "–" + last
}

// MinorLabel is the text of a tick on the axis's lower tier, which needs
// only what the upper tier does not say: "14" under "Mar 2024", "Mar"
// under "2024", "2024" under "2020s".
func MinorLabel(t Tick, lang string) string {
	y, m, d := CivilFromDays(clampDay(math.Floor(t.Day)))
	zh := isChinese(lang)
	switch t.Unit {
	case UnitDay, UnitWeek:
		if zh {
			return strconv.Itoa(d) + "日"
		}
		return strconv.Itoa(d)
	case UnitMonth:
		if zh {
			return strconv.Itoa(m) + "月"
		}
		return monthAbbr[m]
	case UnitQuarter:
		q := (m-1)/3 + 1
		if zh {
			return zhQuarter[q]
		}
		return "Q" + strconv.Itoa(q)
	}
	if zh {
		return strconv.Itoa(y) + "年"
	}
	return strconv.Itoa(y)
}
