package exchange

import (
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/when"
)

// readMW reads Markwhen text with "now" on 2024-10-04.
func readMW(t *testing.T, text string) Result {
	t.Helper()
	res, err := Read(strings.NewReader(text), FormatMarkwhen, ReadOptions{Today: when.DayOf(2024, 10, 4)})
	if err != nil {
		t.Fatal(err)
	}
	checkValid(t, res)
	return res
}

// Each case is a file; want lists "date | end" of its events in order.
func TestMarkwhenRelativeDatesDurationsAndNow(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"a duration after the previous event, and a buffer then a length",
			"01/01/2023 - 2 weeks: Phase 1\n2 weeks: Phase 2\n1 month: Phase 3\n1 week - 3 days: Phase 4\n",
			[]string{"2023-01-01 | 2023-01-14", "2023-01-15 | 2023-01-28", "2023-01-29 | 2023-02-28", "2023-03-08 | 2023-03-10"}},
		{"after an event's id, old and new syntax",
			"01/01/2023 - 2 weeks: Phase 1 !Phase1\n2023-05-01: Other\nid: other\nafter !Phase1 2 weeks: Phase 2\n!Phase1 1 month: Phase 3\nafter !other 1 day: Next\n",
			[]string{"2023-01-01 | 2023-01-14", "2023-05-01 | ", "2023-01-15 | 2023-01-28", "2023-01-15 | 2023-02-14", "2023-05-02 | "}},
		{"due dates, before and by",
			"2022-12-25: Christmas\nid: Christmas\nbefore !Christmas 1 month: Buy presents\nby !Christmas 2 weeks: Get a tree\nbefore !Christmas 1 week - 1 month: Ends a week before\n",
			[]string{"2022-12-25 | ", "2022-11-25 | 2022-12-24", "2022-12-11 | 2022-12-24", "2022-11-18 | 2022-12-17"}},
		{"dependencies between events, with .start and .end",
			"2025-09-08: School starts\n  id: school\n2025-11-23: Thanksgiving\n  id: thanksgiving\n!school / !thanksgiving: In school\n" +
				"!school.start / !thanksgiving.end: Inclusive\n.start / 2 months: From the previous start\n",
			[]string{"2025-09-08 | ", "2025-11-23 | ", "2025-09-09 | 2025-11-22", "2025-09-08 | 2025-11-23", "2025-09-08 | 2025-11-07"}},
		{"durations as the end of a range",
			"2023-04/4 months: EDTF and a duration\n03/2023 - 1 year: American and a duration\n2018/6 months: Half a year\n",
			[]string{"2023-04 | 2023-07", "2023-03 | 2024-02", "2018-01 | 2018-06"}},
		{"week days",
			"July 13, 2022 - 5 week days: Item estimate\n10 week days: Second part\n",
			[]string{"2022-07-13 | 2022-07-19", "2022-07-20 | 2022-08-02"}},
		{"now, alone and in ranges",
			"now: Today\n2024-01/now: Until today\nnow - 10 days: From today\n",
			[]string{"2024-10-04 | ", "2024-01 | 2024-10-04", "2024-10-04 | 2024-10-13"}},
		{"times of day",
			"Jan 4 2025 8am: Instant\nNovember 8, 2022 9am - November 9, 2023, 10am: Long\n2023-05-01: Day\n3:30pm - 4:30pm: Meeting\n",
			[]string{"2025-01-04T08:00 | ", "2022-11-08T09:00 | 2023-11-09T10:00", "2023-05-01 | ", "2023-05-01T15:30 | 2023-05-01T16:30"}},
		{"relative hours from a time",
			"2023-05-01 9am: Start\n2 hours: Two hours on\n",
			[]string{"2023-05-01T09:00 | ", "2023-05-01T09:00 | 2023-05-01T11:00"}},
	}
	for _, c := range cases {
		res := readMW(t, c.text)
		var got []string
		for _, e := range res.Doc.Events {
			got = append(got, e.Date.String()+" | "+e.End.String())
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q\nproblems %v", c.name, got, c.want, res.Problems)
		}
	}
}

func TestMarkwhenRecurrences(t *testing.T) {
	res := readMW(t, "October 7, 1989 every year for 10 years: Yearly\n"+
		"2025-03-04 every week for 12 weeks: Weekly\n"+
		"2022-01/2022-03 every 2 years x9: Every other year\n"+
		"Feb 1 2023 every 6 months for 10 times: Twice a year\n"+
		"2023-01-03 every other week for 1 year: Biweekly\n"+
		"2024-05-01 every day: Open-ended\n"+
		"2024-05-01 every fortnight x2: Unknown unit\n"+
		"2024-05-01 every 1 ms for 1000 years: Too many\n")
	want := []struct{ date, end, first string }{
		{"1989-10-07", "1998-10-07", "Repeats every year for 10 years: 10 times, the first on 1989-10-07 and the last on 1998-10-07."},
		{"2025-03-04", "2025-05-20", "Repeats every week for 12 weeks: 12 times"},
		{"2022-01", "2038-03", "Repeats every 2 years x9: 9 times, the first on 2022-01 and the last on 2038-01."},
		{"2023-02-01", "2027-08-01", "Repeats every 6 months for 10 times: 10 times"},
		{"2023-01-03", "2024-01-02", "Repeats every other week for 1 year: 27 times"},
		{"2024-05-01", "", "Repeats every day, with no end given; imported as its first occurrence."},
	}
	if len(res.Doc.Events) != len(want) {
		t.Fatalf("%d events, want %d: %v", len(res.Doc.Events), len(want), res.Problems)
	}
	for i, w := range want {
		e := res.Doc.Events[i]
		if e.Date.String() != w.date || e.End.String() != w.end || !strings.HasPrefix(e.Description, w.first) {
			t.Errorf("%q: %s–%s %q, want %s–%s %q", e.Title, e.Date, e.End, e.Description, w.date, w.end, w.first)
		}
	}
	if p := problemSays(t, res.Problems, "line 7", "date", "fortnight"); p.Kept() {
		t.Errorf("unknown unit: %+v", p)
	}
	if p := problemSays(t, res.Problems, "line 8", "date", "more than 100000 times"); p.Kept() {
		t.Errorf("too many: %+v", p)
	}
	if p := problemSays(t, res.Problems, "line 1", "date", "one event spanning its 10 occurrences"); !p.Kept() {
		t.Errorf("the report of a recurrence: %+v", p)
	}
}

// What cannot be worked out is refused, naming the line and why; the
// events after it count from the last one that could be.
func TestMarkwhenRelativeDatesThatCannotBeWorkedOut(t *testing.T) {
	res := readMW(t, "2 weeks: Nothing before it\nafter !nowhere 1 day: Unknown id\n2023: Known\n1 year: After it\n")
	if len(res.Doc.Events) != 2 || res.Doc.Events[1].Date.String() != "2024" {
		t.Fatalf("events %v", eventLines(res))
	}
	problemSays(t, res.Problems, "line 1", "date", "first")
	problemSays(t, res.Problems, "line 2", "date", `"nowhere"`)
}

// Sections are periods, coloured as the header colours their tags; groups
// give an actor and their tags; properties of sections are read.
func TestMarkwhenSectionsAndGroups(t *testing.T) {
	res := readMW(t, "---\ntitle: Two years\n#launch: teal\n---\n"+
		"section Launches #launch\n"+
		"group Lab X #x\n2023-03: One\n2023-05: Two\nendGroup\n"+
		"endSection\n"+
		"section Hand made\nid: 7\nstart: 2022\nend: 2022-06\ncolor: #abc\nlane: Lab X\ndescription: \"A \\\"period\\\"\"\nlinks: [{\"url\":\"https://a.example/\"}]\nowner: me\n"+
		"endSection\n"+
		"section Empty\nendSection\n")
	if len(res.Doc.Events) != 2 || res.Doc.Events[0].Actor != "Lab X" || strings.Join(res.Doc.Events[0].Tags, ",") != "x" {
		t.Fatalf("events %+v", res.Doc.Events)
	}
	if len(res.Doc.Periods) != 2 {
		t.Fatalf("periods %+v", res.Doc.Periods)
	}
	launches, hand := res.Doc.Periods[0], res.Doc.Periods[1]
	if launches.Title != "Launches" || launches.Start.String() != "2023-03" || launches.End.String() != "2023-05" || launches.Color != "#008080" {
		t.Errorf("launches: %+v", launches)
	}
	if hand.ID != 7 || hand.Start.String() != "2022" || hand.End.String() != "2022-06" || hand.Color != "#aabbcc" || hand.Lane != "Lab X" ||
		hand.Description != `A "period"` || len(hand.Links) != 1 {
		t.Errorf("hand made: %+v", hand)
	}
	if p := problemAt(t, res.Problems, "line 11", "owner"); !p.Kept() {
		t.Errorf("unknown property: %+v", p)
	}
	if p := problemSays(t, res.Problems, "line 21", "start", "no dated event"); p.Kept() {
		t.Errorf("empty section: %+v", p)
	}
}
