package timeline

import (
	"testing"
	"time"
)

func TestCivilKnownDates(t *testing.T) {
	cases := []struct {
		y, m, d int
		days    int64
	}{
		{1970, 1, 1, 0},
		{1969, 12, 31, -1},
		{2000, 3, 1, 11017},
		{2023, 3, 14, 19430},
		{1600, 2, 29, -135081},
	}
	for _, c := range cases {
		if got := DaysFromCivil(c.y, c.m, c.d); got != c.days {
			t.Errorf("DaysFromCivil(%d,%d,%d) = %d, want %d", c.y, c.m, c.d, got, c.days)
		}
		y, m, d := CivilFromDays(c.days)
		if y != c.y || m != c.m || d != c.d {
			t.Errorf("CivilFromDays(%d) = %d-%d-%d, want %d-%d-%d", c.days, y, m, d, c.y, c.m, c.d)
		}
	}
}

// The standard library implements the same calendar, so it is an independent
// oracle over a wide range of days.
func TestCivilMatchesTimePackage(t *testing.T) {
	epoch := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	for days := int64(-800000); days <= 800000; days += 37 {
		tm := epoch.AddDate(0, 0, int(days))
		y, m, d := CivilFromDays(days)
		if y != tm.Year() || m != int(tm.Month()) || d != tm.Day() {
			t.Fatalf("CivilFromDays(%d) = %d-%d-%d, want %s", days, y, m, d, tm.Format("2006-01-02"))
		}
		if back := DaysFromCivil(y, m, d); back != days {
			t.Fatalf("round trip of %d gave %d", days, back)
		}
		if wd := weekday(days); wd != (int(tm.Weekday())+6)%7 {
			t.Fatalf("weekday(%d) = %d, want %d", days, wd, (int(tm.Weekday())+6)%7)
		}
	}
}

func TestDaysFromCivilCarries(t *testing.T) {
	if got, want := DaysFromCivil(2023, 13, 1), DaysFromCivil(2024, 1, 1); got != want {
		t.Errorf("month 13 = %d, want %d", got, want)
	}
	if got, want := DaysFromCivil(2023, 0, 1), DaysFromCivil(2022, 12, 1); got != want {
		t.Errorf("month 0 = %d, want %d", got, want)
	}
	if got, want := DaysFromCivil(2023, -11, 1), DaysFromCivil(2022, 1, 1); got != want {
		t.Errorf("month -11 = %d, want %d", got, want)
	}
	if got, want := DaysFromCivil(2023, 2, 29), DaysFromCivil(2023, 3, 1); got != want {
		t.Errorf("Feb 29 2023 = %d, want %d", got, want)
	}
}

func TestFloorDivMod(t *testing.T) {
	for _, c := range [][4]int64{{7, 2, 3, 1}, {-7, 2, -4, 1}, {-8, 2, -4, 0}, {7, -2, -4, -1}, {0, 5, 0, 0}} {
		if q, r := floorDiv(c[0], c[1]), floorMod(c[0], c[1]); q != c[2] || r != c[3] {
			t.Errorf("floorDiv/Mod(%d,%d) = %d,%d want %d,%d", c[0], c[1], q, r, c[2], c[3])
		}
	}
}

func TestDayOf(t *testing.T) {
	noon := time.Date(2023, 3, 14, 12, 0, 0, 0, time.UTC)
	if got := DayOf(noon); got != 19430.5 {
		t.Errorf("DayOf(noon) = %v, want 19430.5", got)
	}
	// The civil date in the time's own location counts, not UTC's.
	east := time.FixedZone("UTC+8", 8*3600)
	early := time.Date(2023, 3, 14, 6, 0, 0, 0, east) // still March 13 in UTC
	if got := DayOf(early); got != 19430.25 {
		t.Errorf("DayOf(06:00 +08:00) = %v, want 19430.25", got)
	}
}
