package timeline

import (
	"math"
	"strconv"
	"strings"
)

// Unit is the calendar unit between two axis ticks.
type Unit uint8

// Units from the coarsest to the finest.
const (
	UnitDecade Unit = iota
	UnitYear
	UnitQuarter
	UnitMonth
	UnitWeek
	UnitDay
)

func (u Unit) String() string {
	switch u {
	case UnitDecade:
		return "decade"
	case UnitYear:
		return "year"
	case UnitQuarter:
		return "quarter"
	case UnitMonth:
		return "month"
	case UnitWeek:
		return "week"
	case UnitDay:
		return "day"
	}
	return "unit(" + strconv.Itoa(int(u)) + ")"
}

// unitMinDays is the shortest possible length of each unit, so that a unit
// chosen for its spacing never puts two ticks closer than asked (February,
// a non-leap first quarter, a decade with two leap years).
var unitMinDays = [...]float64{
	UnitDecade:  3652,
	UnitYear:    365,
	UnitQuarter: 90,
	UnitMonth:   28,
	UnitWeek:    7,
	UnitDay:     1,
}

// yearSteps are the tick steps, in years, used once every year is too
// dense: every 2 or 5 years, then decades and on to millennia.
var yearSteps = [...]int{2, 5, 10, 20, 50, 100, 200, 500, 1000}

// Tick is one axis tick at the start of a calendar unit.
type Tick struct {
	Day   float64 // first day of the unit
	X     float32 // pixel in the viewport
	Unit  Unit
	Major bool // also a boundary of the next coarser unit (January among months, Monday among days, ...)
}

// TickUnit returns the finest unit whose ticks are at least minSpacingPx
// apart in v.
func TickUnit(v Viewport, minSpacingPx float32) Unit {
	u, _ := tickStep(v, minSpacingPx)
	return u
}

// tickStep returns the tick unit and, for years and decades, the step in
// years.
func tickStep(v Viewport, minSpacingPx float32) (Unit, int) {
	ppd := v.PxPerDay()
	minPx := math.Max(float64(minSpacingPx), 1)
	for u := UnitDay; u > UnitYear; u-- {
		if unitMinDays[u]*ppd >= minPx {
			return u, 0
		}
	}
	if unitMinDays[UnitYear]*ppd >= minPx {
		return UnitYear, 1
	}
	for _, years := range yearSteps {
		if float64(years)*365*ppd >= minPx {
			if years < 10 {
				return UnitYear, years
			}
			return UnitDecade, years
		}
	}
	return UnitDecade, yearSteps[len(yearSteps)-1]
}

// Ticks returns the ticks of the finest unit that keeps them at least
// minSpacingPx apart, for the days visible in v.
func Ticks(v Viewport, minSpacingPx float32) []Tick {
	return AppendTicks(nil, v, minSpacingPx)
}

// AppendTicks is Ticks appending to dst, so a caller can reuse its buffer.
func AppendTicks(dst []Tick, v Viewport, minSpacingPx float32) []Tick {
	if !v.valid() {
		return dst
	}
	unit, years := tickStep(v, minSpacingPx)
	lo := clampDay(math.Ceil(v.Start))
	hi := clampDay(math.Floor(v.End))
	add := func(d int64, major bool) {
		dst = append(dst, Tick{Day: float64(d), X: v.X(float64(d)), Unit: unit, Major: major})
	}
	switch unit {
	case UnitDay:
		for d := lo; d <= hi; d++ {
			add(d, weekday(d) == 0)
		}
	case UnitWeek:
		for d := lo + int64((7-weekday(lo))%7); d <= hi; d += 7 {
			_, _, day := CivilFromDays(d)
			add(d, day <= 7) // the first Monday of a month
		}
	case UnitMonth, UnitQuarter:
		step := 1
		if unit == UnitQuarter {
			step = 3
		}
		y, m, _ := CivilFromDays(lo)
		m = (m-1)/step*step + 1
		for {
			d := DaysFromCivil(y, m, 1)
			if d > hi {
				break
			}
			if d >= lo {
				add(d, m == 1)
			}
			if m += step; m > 12 {
				m -= 12
				y++
			}
		}
	default: // years and decades
		majorEvery := 10
		if years == 0 {
			years = 1
		}
		if unit == UnitDecade {
			majorEvery = 100
			if years >= 100 {
				majorEvery = 1000
			}
		}
		y0, _, _ := CivilFromDays(lo)
		for y := int(floorDiv(int64(y0), int64(years))) * years; ; y += years {
			d := DaysFromCivil(y, 1, 1)
			if d > hi {
				break
			}
			if d >= lo {
				add(d, floorMod(int64(y), int64(majorEvery)) == 0)
			}
		}
	}
	return dst
}

// clampDay converts a view day to int64 within a range the calendar math
// handles without overflow, whatever the viewport was panned to.
func clampDay(d float64) int64 {
	const limit = 1 << 40
	if !(d > -limit) { // also catches NaN
		return -limit
	}
	if d > limit {
		return limit
	}
	return int64(d)
}

var monthAbbr = [...]string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

var zhQuarter = [...]string{"", "第一季度", "第二季度", "第三季度", "第四季度"}

// TickLabel returns the text of a tick in the UI language lang (a BCP 47 tag
// such as "en", "zh" or "zh-CN"; languages without their own format use
// English). Major month and quarter ticks are labelled with their year so
// the axis always shows which year it is in.
func TickLabel(t Tick, lang string) string {
	y, m, d := CivilFromDays(clampDay(math.Floor(t.Day)))
	zh := isChinese(lang)
	year := strconv.Itoa(y)
	if zh {
		year += "年"
	}
	switch t.Unit {
	case UnitDecade, UnitYear:
		return year
	case UnitQuarter:
		if t.Major {
			return year
		}
		q := (m-1)/3 + 1
		if zh {
			return zhQuarter[q]
		}
		return "Q" + strconv.Itoa(q)
	case UnitMonth:
		if t.Major {
			return year
		}
		if zh {
			return strconv.Itoa(m) + "月"
		}
		return monthAbbr[m]
	}
	if zh {
		return strconv.Itoa(m) + "月" + strconv.Itoa(d) + "日"
	}
	return strconv.Itoa(d) + " " + monthAbbr[m]
}

func isChinese(lang string) bool {
	if len(lang) < 2 || !strings.EqualFold(lang[:2], "zh") {
		return false
	}
	return len(lang) == 2 || lang[2] == '-' || lang[2] == '_'
}
