package exchange

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/repofiles"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Real files that other timeline projects publish, kept beside the
// repository in ../shared/fixtures/real (never copied into it; its README
// names each file's source and licence). Each test says, record by record,
// what comes in and what the report lists instead.

// realFile reads a fixture, or skips the test, saying why, when the
// fixtures are not beside the repository.
func realFile(t *testing.T, name string) []byte {
	t.Helper()
	path := repofiles.Shared(t, "fixtures", "real", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("the real file %s is not beside the repository (../shared/fixtures/real): %v", name, err)
	}
	return data
}

// readReal reads a fixture as an import would: the format guessed from its
// name and content, "now" read as 2024-10-04.
func readReal(t *testing.T, name string) Result {
	t.Helper()
	data := realFile(t, name)
	f, r, err := Sniff(name, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	res, err := Read(r, f, ReadOptions{Today: realToday})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	checkValid(t, res)
	return res
}

var realToday = when.DayOf(2024, 10, 4)

// eventLines writes events as "date | end | title", one a line.
func eventLines(res Result) []string {
	var out []string
	for _, e := range res.Doc.Events {
		out = append(out, e.Date.String()+" | "+e.End.String()+" | "+e.Title)
	}
	return out
}

// problemLines writes problems as "kept record field", one a line.
func problemLines(res Result) []string {
	var out []string
	for _, p := range res.Problems {
		kept := "refused"
		if p.Kept() {
			kept = "kept"
		}
		out = append(out, strings.TrimSpace(kept+" "+p.Record+" "+p.Field))
	}
	return out
}

func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

func TestRealTimelineJSMarkTwain(t *testing.T) {
	res := readReal(t, "tljs-marktwain.json")
	// 17 events: the one without a headline key is titled from its text,
	// the three with an empty one from their media's captions.
	sameLines(t, "events", eventLines(res), []string{
		"1908-05-13 |  | Samuel Langhorne Clemens (November 30, 1835 – April 21, 1910), better known by…",
		"2000-01-05T06:45:56 |  | Florida, Missouri",
		"1920-01-05T06:45:56 | 1923-01-05T06:45:56 | Hannibal, Missouri",
		"1900-01-06T06:45:56 |  | a Youtube video",
		"1900-01-06T06:45:56 |  | a tweet",
		"1900-01-06T06:45:56 |  | another youtube video",
		"1915-01-05T06:45:56 |  | Itinerant Printer",
		"1900-01-20T06:45:56 |  | Virginia City Territorial Enterprise",
		"1960-01-05T06:45:56 |  | San Francisco",
		"1963-01-05T06:45:56 |  | Hawaii",
		"1930-01-05T06:45:56 |  | Travels",
		"1935-01-05T06:45:56 |  | Livy",
		"1959-01-05T06:45:56 |  | Married",
		"1990-01-05T06:45:56 |  | Roughing It",
		"1991-01-05T06:45:56 |  | Financial",
		"1900-01-10T06:45:56 |  | Livy dies",
		"2014 |  | Get started!",
	})
	sameLines(t, "problems", problemLines(res), []string{
		"refused title",
		"kept events[0] text.headline", "kept events[3] text.headline", "kept events[4] text.headline", "kept events[5] text.headline",
		"kept events media.credit", "kept events media.thumbnail", "kept events type", "kept events location", "kept events background",
	})
	if p := res.Problems[1]; !strings.Contains(p.Message, "headline is missing") {
		t.Errorf("events[0]: %s", p)
	}
	if len(res.Doc.Periods) != 0 {
		t.Errorf("periods: %+v", res.Doc.Periods)
	}
}

func TestRealTimelineJSEras(t *testing.T) {
	res := readReal(t, "tljs-eras.json")
	if len(res.Doc.Events) != 20 {
		t.Fatalf("%d events, want 20: %v", len(res.Doc.Events), problemLines(res))
	}
	first, last := eventLines(res)[0], eventLines(res)[19]
	if first != "0602 | 0629 | Last great Roman-Persian War." || last != "0698 |  | North South States Period begins in Korea" {
		t.Errorf("first %q, last %q", first, last)
	}
	var eras []string
	for _, p := range res.Doc.Periods {
		eras = append(eras, p.Start.String()+" | "+p.End.String()+" | "+p.Title)
	}
	sameLines(t, "eras", eras, []string{
		"0650 | 0700 | Era Test 650-700", "0600 | 0650 | Era Test 600-650", "0700 | 0720 | Era Test 700-720",
	})
	sameLines(t, "problems", problemLines(res), []string{"refused title", "kept events background"})
}

func TestRealTimelineJSWomenInComputing(t *testing.T) {
	res := readReal(t, "tljs-women_in_computing.json")
	sameLines(t, "events", eventLines(res), []string{
		"1815-12-10 | 1852-11-27 | Ada Lovelace",
		"1948-03-14 |  | Edith Clarke: Bucking the Trend",
		"1943-07 | 1946 | ...And the women who made it work",
		"1943-06-05 |  | The First Computer",
		"1951 |  | Rózsa Péter writes recursion",
		"1952 |  | Grace Hopper invents the compiler",
		"1956 | 1962 | Contributions to space exploration",
		"1958 |  | The First PhD in Computer Science",
		"1972 |  | Karen Spärck Jones makes search possible",
		"1985 |  | \"The Mother of the Internet\"",
	})
	// The blockquote given as media is text, kept in the description.
	if d := res.Doc.Events[1].Description; !strings.Contains(d, "There is no demand for women engineers") {
		t.Errorf("Edith Clarke's description: %q", d)
	}
	for _, e := range res.Doc.Events {
		if e.Actor != "" || strings.ContainsAny(e.Title, "<>") {
			t.Errorf("%q: actor %q (all groups are empty; headlines hold HTML)", e.Title, e.Actor)
		}
	}
	sameLines(t, "problems", problemLines(res), []string{"refused title", "kept events[1] media.url", "kept events media.credit", "kept events background"})
}

func TestRealMarkwhenExample(t *testing.T) {
	res := readReal(t, "mw-test.mw")
	sameLines(t, "events", eventLines(res), []string{
		"2021-01-06 |  | shit be happening yo",
		"2024-10-04 |  | This example timeline showcases some of markwhen's features.",
		"2024-10-04 |  | For more information, view the documentation here or join the discord",
		"2024-10-04 |  | Note that changes you make here are not saved",
		"2023-01 | 2023-03 | Sub task",
		"2023-03 | 2023-06 | Sub task 2",
		"2023-07 |  | Yearly planning",
		"2023-04 | 2023-07 | Larger sub task",
		"2023-03 | 2024-02 | Longer ongoing task",
		"2023-10 | 2023-11 | Holiday season",
		"2024-01 |  | Project kickoff",
		"2024-02 | 2024-04 | Other stuff",
		"2023-01-03 | 2024-01-02 | Biweekly meeting",
		"2024 |  | A year-long event",
		"2024-09 |  | one month",
		"2025-05-05 |  | one day",
		"2025-01-04T08:00 |  | instant",
		"2024 | 2025 | An event that lasts two years",
		"2022-11-08T09:00 | 2023-11-09T10:00 | one year, one day, and one hour",
		"2024-10-04 |  | More documentation",
		"2029-04-25 | 2029-05-03 | Descriptions can be one line",
		"2029-04-25 | 2029-05-03 | Or",
		"2025-01-27 |  | [] An event can have a checkbox for completion",
		"2026-01-27 |  | [x] To mark an event as completed, put an x in the square brackets",
		"2027-01-27 |  | Events can have lists",
		"2028-01-27 | 2029-01-26 | 68% Manually indicate an event's completion with a percentage in the description",
		"2029-01-27 | 2030-01-26 | Links are markdown-style: This is a link",
		"2030-01-27 | 2031-01-26 | Images are also markdown-style:",
		"2031-01-27 | 2032-01-26 | Locations (which are more useful for the map view) can be indicated in a similar way: [Hawaii](location) [Alaska](map)",
		"2024 |  | Refer to other markwhen documents with `@` syntax: @rob",
		"2024-10-04 |  | More documentation",
	})
	// Groups give an actor and their tags; a tag on a line of its own tags
	// its event.
	byTitle := func(title string) int {
		return slices.IndexFunc(res.Doc.Events, func(e model.Event) bool { return e.Title == title })
	}
	if e := res.Doc.Events[byTitle("Sub task 2")]; e.Actor != "Project 1" || !slices.Equal(e.Tags, []string{"michelle", "project1"}) {
		t.Errorf("Sub task 2: %q %v", e.Actor, e.Tags)
	}
	if e := res.Doc.Events[2]; !slices.Equal(e.Tags, []string{"welcome"}) || len(e.Links) != 2 {
		t.Errorf("the event tagged on its own line: %v, %d links", e.Tags, len(e.Links))
	}
	if d := res.Doc.Events[byTitle("Biweekly meeting")].Description; !strings.HasPrefix(d, "Repeats every other week for 1 year: 27 times, the first on 2023-01-03 and the last on 2024-01-02.") {
		t.Errorf("the recurrence's description: %q", d)
	}
	var sections []string
	for _, p := range res.Doc.Periods {
		sections = append(sections, p.Start.String()+" | "+p.End.String()+" | "+p.Title+" | "+p.Color)
	}
	sameLines(t, "sections", sections, []string{"2024-10-04 |  | Welcome | #ffa500", "2023-01 | 2024-04 | All Projects | "})
	sameLines(t, "problems", problemLines(res), []string{
		"kept line 11 date", "kept line 13 date", "kept line 16 date", "kept line 57 date", "kept line 74 date", "kept line 108 date",
		"refused header title", "refused header #project1",
	})
	for _, i := range []int{0, 1, 2, 4, 5} {
		if p := res.Problems[i]; !strings.Contains(p.Message, "“now” was read as 2024-10-04") {
			t.Errorf("now: %s", p)
		}
	}
}

func TestRealMarkwhenHeaderOnly(t *testing.T) {
	res := readReal(t, "mw-small.mw")
	if len(res.Doc.Events) != 0 || len(res.Doc.Periods) != 0 {
		t.Errorf("events %v, periods %v", res.Doc.Events, res.Doc.Periods)
	}
	sameLines(t, "problems", problemLines(res), []string{"refused header title"})
	if !strings.Contains(res.Problems[0].Message, "Hello world") {
		t.Errorf("%s", res.Problems[0])
	}
}

func TestRealTimelineProject(t *testing.T) {
	res := readReal(t, "timeline-versions.timeline")
	if len(res.Doc.Events) != 59 || len(res.Doc.Periods) != 0 {
		t.Fatalf("%d events, %d periods", len(res.Doc.Events), len(res.Doc.Periods))
	}
	tags := map[string]int{}
	described, multiline := 0, 0
	earliest, latest := res.Doc.Events[0].Earliest(), res.Doc.Events[0].Latest()
	for _, e := range res.Doc.Events {
		if len(e.Tags) != 1 || !strings.HasPrefix(e.Title, "Time") {
			t.Errorf("%q: tags %v", e.Title, e.Tags)
		}
		for _, tag := range e.Tags {
			tags[tag]++
		}
		if e.Description != "" {
			described++
		}
		if strings.Contains(e.Description, "\n") {
			multiline++
		}
		earliest, latest = min(earliest, e.Earliest()), max(latest, e.Latest())
	}
	if tags["planned-release"]+tags["correction-release"]+tags["future-release"] != 59 || len(tags) != 3 {
		t.Errorf("categories as tags: %v", tags)
	}
	if described != 58 || multiline != 31 {
		t.Errorf("%d with a description (want 58), %d over several lines (want 31)", described, multiline)
	}
	if earliest != when.DayOf(2009, 4, 11) || latest != when.DayOf(2020, 10, 18) {
		t.Errorf("from %v to %v", earliest, latest)
	}
	if e := res.Doc.Events[0]; e.Title != "Timeline 0.20.0" || e.Date.String() != "2013-03-30T11:16" ||
		!strings.HasPrefix(e.Description, "Timeline 0.20.0, released on 30 March 2013") {
		t.Errorf("first event: %s", describe(e))
	}
	sameLines(t, "problems", problemLines(res), []string{"kept categories color", "refused view", "kept <default_color>"})
}
