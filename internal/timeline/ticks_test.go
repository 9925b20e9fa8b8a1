package timeline

import "testing"

func spanView(days float64) Viewport {
	start := float64(DaysFromCivil(2022, 11, 17))
	return Viewport{Start: start, End: start + days, Width: 1400, Height: 600}
}

func TestTickUnitByZoom(t *testing.T) {
	cases := []struct {
		name string
		days float64
		want Unit
	}{
		{"500 years", 500 * 365.25, UnitDecade},
		{"100 years", 100 * 365.25, UnitYear}, // every 5 years
		{"10 years", 10 * 365.25, UnitYear},
		{"3 years", 3 * 365.25, UnitQuarter},
		{"1 year", 365, UnitMonth},
		{"3 months", 91, UnitWeek},
		{"1 month", 30, UnitDay},
		{"1 week", 7, UnitDay},
	}
	for _, c := range cases {
		v := spanView(c.days)
		if got := TickUnit(v, 40); got != c.want {
			t.Errorf("%s: unit %v, want %v", c.name, got, c.want)
		}
		ticks := Ticks(v, 40)
		if len(ticks) < 2 {
			t.Errorf("%s: only %d ticks", c.name, len(ticks))
		}
		for i, tk := range ticks {
			if tk.Unit != c.want {
				t.Errorf("%s: tick %d has unit %v", c.name, i, tk.Unit)
			}
			if tk.Day < v.Start || tk.Day > v.End || tk.X < 0 || tk.X > v.Width {
				t.Errorf("%s: tick %v outside the view", c.name, tk)
			}
			if i > 0 && tk.X-ticks[i-1].X < 40 {
				t.Errorf("%s: ticks %d and %d only %v px apart", c.name, i-1, i, tk.X-ticks[i-1].X)
			}
		}
	}
}

func TestTicksAreUnitBoundaries(t *testing.T) {
	for _, days := range []float64{30, 91, 365, 3 * 365.25, 10 * 365.25, 200 * 365.25} {
		v := spanView(days)
		for _, tk := range Ticks(v, 40) {
			y, m, d := CivilFromDays(int64(tk.Day))
			ok := true
			switch tk.Unit {
			case UnitDay:
				ok = tk.Major == (weekday(int64(tk.Day)) == 0)
			case UnitWeek:
				ok = weekday(int64(tk.Day)) == 0 && tk.Major == (d <= 7)
			case UnitMonth:
				ok = d == 1 && tk.Major == (m == 1)
			case UnitQuarter:
				ok = d == 1 && (m-1)%3 == 0 && tk.Major == (m == 1)
			case UnitYear:
				ok = d == 1 && m == 1 && tk.Major == (y%10 == 0)
			case UnitDecade:
				ok = d == 1 && m == 1 && y%10 == 0 && tk.Major == (y%100 == 0)
			}
			if !ok {
				t.Errorf("%v days: tick %d-%02d-%02d %v major=%v is not a proper boundary", days, y, m, d, tk.Unit, tk.Major)
			}
		}
	}
}

func TestTicksMajorPresent(t *testing.T) {
	// A year from mid-November always crosses one January.
	var majors []string
	for _, tk := range Ticks(spanView(365), 40) {
		if tk.Major {
			majors = append(majors, TickLabel(tk, "en"))
		}
	}
	if len(majors) != 1 || majors[0] != "2023" {
		t.Errorf("major month ticks = %v, want [2023]", majors)
	}
}

func TestTicksDenseSteps(t *testing.T) {
	v := spanView(MaxSpanDays)
	ticks := Ticks(v, 60)
	if len(ticks) < 3 || len(ticks) > int(v.Width/60)+1 {
		t.Fatalf("%d ticks over a millennium", len(ticks))
	}
	for i := 1; i < len(ticks); i++ {
		if ticks[i].X-ticks[i-1].X < 60 {
			t.Fatalf("ticks %d,%d too close", i-1, i)
		}
	}
	if Ticks(Viewport{}, 40) != nil {
		t.Error("an empty viewport has no ticks")
	}
}

func TestTickLabels(t *testing.T) {
	day := func(y, m, d int) float64 { return float64(DaysFromCivil(y, m, d)) }
	cases := []struct {
		tick   Tick
		en, zh string
	}{
		{Tick{Day: day(2020, 1, 1), Unit: UnitDecade, Major: false}, "2020", "2020年"},
		{Tick{Day: day(2023, 1, 1), Unit: UnitYear}, "2023", "2023年"},
		{Tick{Day: day(2023, 4, 1), Unit: UnitQuarter}, "Q2", "第二季度"},
		{Tick{Day: day(2023, 1, 1), Unit: UnitQuarter, Major: true}, "2023", "2023年"},
		{Tick{Day: day(2023, 3, 1), Unit: UnitMonth}, "Mar", "3月"},
		{Tick{Day: day(2023, 1, 1), Unit: UnitMonth, Major: true}, "2023", "2023年"},
		{Tick{Day: day(2023, 3, 13), Unit: UnitWeek}, "13 Mar", "3月13日"},
		{Tick{Day: day(2023, 3, 14), Unit: UnitDay}, "14 Mar", "3月14日"},
	}
	for _, c := range cases {
		if got := TickLabel(c.tick, "en"); got != c.en {
			t.Errorf("en %v = %q, want %q", c.tick, got, c.en)
		}
		for _, lang := range []string{"zh", "zh-CN", "ZH_tw"} {
			if got := TickLabel(c.tick, lang); got != c.zh {
				t.Errorf("%s %v = %q, want %q", lang, c.tick, got, c.zh)
			}
		}
		for _, lang := range []string{"", "de", "zhx"} {
			if got := TickLabel(c.tick, lang); got != c.en {
				t.Errorf("%q falls back to %q, want %q", lang, got, c.en)
			}
		}
	}
}

func TestUnitString(t *testing.T) {
	if UnitQuarter.String() != "quarter" || Unit(42).String() != "unit(42)" {
		t.Error("Unit.String")
	}
}

// TestYearStepsBetweenYearsAndDecades: when every year is too dense, ticks
// fall every 2 or 5 years before they fall every decade, so a view of a
// few decades still names several years.
func TestYearStepsBetweenYearsAndDecades(t *testing.T) {
	for _, c := range []struct {
		years, step int
	}{{20, 1}, {40, 2}, {90, 5}, {180, 10}, {250, 20}} {
		ticks := Ticks(spanView(float64(c.years)*365.25), 60)
		if len(ticks) < 3 {
			t.Fatalf("%d years: %d ticks", c.years, len(ticks))
		}
		y0, _, _ := CivilFromDays(int64(ticks[0].Day))
		y1, _, _ := CivilFromDays(int64(ticks[1].Day))
		if y1-y0 != c.step || y0%c.step != 0 {
			t.Errorf("%d years: ticks at %d and %d, want every %d years", c.years, y0, y1, c.step)
		}
	}
}

// TestSpansFrameTheTicks: the upper tier covers the whole view with whole
// units one size above the ticks, and says which ones.
func TestSpansFrameTheTicks(t *testing.T) {
	for _, c := range []struct {
		days  float64
		unit  Unit
		years int
		first string
		zh    string
	}{
		{30, UnitMonth, 0, "Nov 2022", "2022年11月"},
		{365, UnitYear, 0, "2022", "2022年"},
		{10 * 365.25, UnitDecade, 10, "2020s", "2020年代"},
		{400 * 365.25, UnitDecade, 100, "2000–2099", "2000–2099年"},
		{3000 * 365.25, UnitDecade, 1000, "2000–2999", "2000–2999年"},
	} {
		v := spanView(c.days)
		spans := AppendSpans(nil, v, 60)
		if len(spans) == 0 {
			t.Fatalf("%v days: no upper tier", c.days)
		}
		if spans[0].Start > v.Start || spans[len(spans)-1].End < v.End {
			t.Errorf("%v days: spans %v..%v do not cover the view %v..%v", c.days, spans[0].Start, spans[len(spans)-1].End, v.Start, v.End)
		}
		for i, s := range spans {
			if s.Unit != c.unit || s.Years != c.years || s.End <= s.Start || (i > 0 && s.Start != spans[i-1].End) {
				t.Errorf("%v days: span %d is %+v", c.days, i, s)
			}
		}
		if got := SpanLabel(spans[0], "en"); got != c.first {
			t.Errorf("%v days: first span %q, want %q", c.days, got, c.first)
		}
		if got := SpanLabel(spans[0], "zh"); got != c.zh {
			t.Errorf("%v days: first span %q, want %q", c.days, got, c.zh)
		}
	}
}

func TestMinorLabels(t *testing.T) {
	day := float64(DaysFromCivil(2024, 3, 14))
	jan := float64(DaysFromCivil(2024, 1, 1))
	for _, c := range []struct {
		tick   Tick
		en, zh string
	}{
		{Tick{Day: day, Unit: UnitDay}, "14", "14日"},
		{Tick{Day: day, Unit: UnitWeek}, "14", "14日"},
		{Tick{Day: jan, Unit: UnitMonth, Major: true}, "Jan", "1月"},
		{Tick{Day: day, Unit: UnitQuarter}, "Q1", "第一季度"},
		{Tick{Day: jan, Unit: UnitYear}, "2024", "2024年"},
		{Tick{Day: float64(DaysFromCivil(2020, 1, 1)), Unit: UnitDecade}, "2020", "2020年"},
	} {
		if got := MinorLabel(c.tick, "en"); got != c.en {
			t.Errorf("%v: %q, want %q", c.tick, got, c.en)
		}
		if got := MinorLabel(c.tick, "zh-CN"); got != c.zh {
			t.Errorf("%v zh: %q, want %q", c.tick, got, c.zh)
		}
	}
}
