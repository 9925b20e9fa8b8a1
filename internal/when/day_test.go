package when

import "testing"

func TestDayKnownValues(t *testing.T) {
	cases := []struct {
		y, m, d int
		want    Day
		text    string
	}{
		{1970, 1, 1, 0, "1970-01-01"},
		{2000, 3, 1, 11017, "2000-03-01"},
		{1969, 12, 31, -1, "1969-12-31"},
		{2023, 3, 14, 19430, "2023-03-14"},
		{0, 1, 1, -719528, "0000-01-01"},
		{-44, 3, 15, -735525, "-0044-03-15"}, // 44 years (11 of them leap) before 0000-01-01, then 31+29+14 days
	}
	for _, c := range cases {
		got := DayOf(c.y, c.m, c.d)
		if got != c.want {
			t.Errorf("DayOf(%d, %d, %d) = %d, want %d", c.y, c.m, c.d, got, c.want)
		}
		if y, m, d := got.Civil(); y != c.y || m != c.m || d != c.d {
			t.Errorf("Day(%d).Civil() = %d-%d-%d, want %d-%d-%d", got, y, m, d, c.y, c.m, c.d)
		}
		if s := got.String(); s != c.text {
			t.Errorf("Day(%d).String() = %q, want %q", got, s, c.text)
		}
	}
}

// TestDayRoundTrip walks every day from 1001 BC to AD 3000, stepping the
// calendar date by hand, and checks both conversions against it.
func TestDayRoundTrip(t *testing.T) {
	y, m, d := -1000, 1, 1
	first, last := DayOf(-1000, 1, 1), DayOf(3000, 12, 31)
	for day := first; day <= last; day++ {
		if gy, gm, gd := day.Civil(); gy != y || gm != m || gd != d {
			t.Fatalf("Day(%d).Civil() = %d-%d-%d, want %d-%d-%d", day, gy, gm, gd, y, m, d)
		}
		if got := DayOf(y, m, d); got != day {
			t.Fatalf("DayOf(%d, %d, %d) = %d, want %d", y, m, d, got, day)
		}
		d++
		if d > daysIn(y, m) {
			d, m = 1, m+1
			if m > 12 {
				m, y = 1, y+1
			}
		}
	}
	if y != 3001 || m != 1 || d != 1 {
		t.Fatalf("walk ended on %d-%d-%d", y, m, d)
	}
}

func TestLeapYears(t *testing.T) {
	cases := map[int]bool{1900: false, 2000: true, 2023: false, 2024: true, 2100: false, 0: true, -4: true, -1: false, -100: false, -400: true}
	for year, leap := range cases {
		if isLeap(year) != leap {
			t.Errorf("isLeap(%d) = %v", year, !leap)
		}
		want := Day(1)
		if leap {
			want = 2
		}
		if got := DayOf(year, 3, 1) - DayOf(year, 2, 28); got != want {
			t.Errorf("%d: 28 Feb to 1 Mar is %d days, want %d", year, got, want)
		}
	}
}

func TestAddMonths(t *testing.T) {
	cases := []struct {
		from   string
		months int
		want   string
	}{
		{"2023-01-31", 1, "2023-02-28"},
		{"2024-01-31", 1, "2024-02-29"},
		{"2023-03-31", -1, "2023-02-28"},
		{"2023-02-28", 24, "2025-02-28"},
		{"2023-08-15", 5, "2024-01-15"},
		{"0000-01-15", -1, "-0001-12-15"},
		{"-0001-12-31", 2, "0000-02-29"},
		{"2023-05-10", 0, "2023-05-10"},
	}
	for _, c := range cases {
		from := MustParse(c.from).Earliest()
		if got := from.AddMonths(c.months).String(); got != c.want {
			t.Errorf("%s + %d months = %s, want %s", c.from, c.months, got, c.want)
		}
	}
}
