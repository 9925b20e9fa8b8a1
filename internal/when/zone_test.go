package when

import (
	"testing"
	"time"
	_ "time/tzdata" // the zones below must load on machines without a zone database
)

// TestNoTimeZoneShift runs with the local zone far west and far east of UTC:
// a calendar date must never move by a day.
func TestNoTimeZoneShift(t *testing.T) {
	saved := time.Local
	defer func() { time.Local = saved }()

	texts := []string{"2023-03-14", "2023-03-14T23:30", "14 Mar 2023", "2023年3月14日", "1969-12-31", "mid-2022"}
	type shown struct{ canonical, en, zh, earliest string }
	want := map[string]shown{}
	time.Local = time.UTC
	for _, text := range texts {
		d := MustParse(text)
		want[text] = shown{d.String(), d.Format("en"), d.Format("zh"), d.Earliest().String()}
	}

	for _, name := range []string{"America/Los_Angeles", "Pacific/Kiritimati", "Asia/Shanghai"} {
		zone, err := time.LoadLocation(name)
		if err != nil {
			t.Fatalf("LoadLocation(%s): %v", name, err)
		}
		time.Local = zone

		for _, text := range texts {
			d := MustParse(text)
			if got := (shown{d.String(), d.Format("en"), d.Format("zh"), d.Earliest().String()}); got != want[text] {
				t.Errorf("%s: %q reads as %+v, in UTC %+v", name, text, got, want[text])
			}
		}

		// Late evening and just after midnight, local wall clock: the UTC
		// date differs, the calendar date must not.
		for _, hour := range []int{0, 23} {
			wall := time.Date(2023, 3, 14, hour, 30, 0, 0, time.Local)
			if got := FromTime(wall); got != DayOf(2023, 3, 14) {
				t.Errorf("%s: FromTime(%v) = %s, want 2023-03-14", name, wall, got)
			}
			if got := DayDate(FromTime(wall)).Format("en"); got != "14 Mar 2023" {
				t.Errorf("%s: DayDate(FromTime(%v)).Format = %q", name, wall, got)
			}
		}

		// Today can step over midnight between the two readings.
		before := FromTime(time.Now())
		today := Today()
		after := FromTime(time.Now())
		if today != before && today != after {
			t.Errorf("%s: Today() = %s, time.Now() says %s", name, today, before)
		}
	}
}
