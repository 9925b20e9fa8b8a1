package exchange

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/exchange/markwhen"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func withoutEventTimes(events []model.Event) []model.Event {
	out := append([]model.Event(nil), events...)
	for i := range out {
		out[i].CreatedAt, out[i].UpdatedAt = time.Time{}, time.Time{}
	}
	return out
}

// awkwardEvents are events whose text Markwhen would misread if written
// naively.
func awkwardEvents() []model.Event {
	events := []model.Event{
		{Title: "We're #1 again #really", Date: when.MustParse("2023-03-14T10:30"), Tags: []string{"c++", "百模大战", "x"}},
		{Title: "Title: with a colon // and slashes", Date: when.MustParse("2022-08~"), Category: model.CategoryPeople,
			Description: "2023-01-01: looks like an event\nsection Looks like a section\nendSection\n// looks like a comment\n\\ starts with a backslash\n---\n\nLast line is a link\nhttps://example.com/not-a-link-of-the-event"},
		{Title: "  Quarter  ", Date: when.MustParse("2023-35"), End: when.MustParse("2024-40"), Actor: "Org: The \"Quoted\"",
			TitleZh: "季度", Links: []model.Link{{URL: "https://example.com/a", Quote: "a [quote] (with) brackets"}, {URL: "https://example.com/b?x=(1)"}}},
		{Title: "Uncertain span", Date: when.MustParse("2023-12/2024-01"), Description: "key: value looking line\nnext"},
		{Title: "Long ago", Date: when.MustParse("-0044-03-15"), ID: 99, Description: "[a](https://example.com/x)\nmore text"},
		{Title: "[Link](https://example.com/in-title) in title", Date: when.MustParse("2020"), Tags: []string{"1999"}},
		{Title: "Mar 14 2023: a title that starts like a date", Date: when.MustParse("2023-21")},
		{Title: "Group of researchers", Date: when.MustParse("2019-05"), Description: "group therapy is not a keyword line here\nGroup either"},
	}
	for i := range events {
		events[i].Normalize()
	}
	return events
}

func TestMarkwhenRoundTrip(t *testing.T) {
	groups := chatGPTEras("After ChatGPT // and co", model.Period{Title: "An empty era", Start: when.MustParse("1900")})
	sets := eventSets(t)
	sets["awkward"] = awkwardEvents()
	for name, events := range sets {
		rereadsSame(t, name, FormatMarkwhen, Document{Events: withoutEventTimes(events), Periods: groups})
	}
}

// samePeriods compares periods in any order, record times aside: Markwhen
// sections come back in the order they appear in the file.
func samePeriods(a, b []model.Period) bool {
	sorted := func(gs []model.Period) []string {
		var out []string
		for _, g := range gs {
			out = append(out, markwhen.SectionKey(g))
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(sorted(a), sorted(b))
}

func TestMarkwhenWritesPlainLines(t *testing.T) {
	events := []model.Event{
		{ID: 3, Title: "GPT-4 released", Date: when.MustParse("2023-03-14"), Tags: []string{"gpt-4", "openai"},
			Category: model.CategoryModel, Actor: "OpenAI", Description: "A multimodal model.",
			Links: []model.Link{{URL: "https://openai.com/research/gpt-4", Quote: "announcement"}}},
		{Title: "Llama 2", Date: when.MustParse("2023-02"), End: when.MustParse("2023-07"), Category: model.CategoryModel},
	}
	var buf bytes.Buffer
	if err := Write(&buf, FormatMarkwhen, Document{Events: events}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: Hindsight\n---\n\n" +
		"// The key: value lines under an event keep what Markwhen has no syntax for.\n\n" +
		"2023-03-14: GPT-4 released #gpt-4 #openai\nid: 3\nactor: OpenAI\ncategory: model\n\nA multimodal model.\n[announcement](https://openai.com/research/gpt-4)\n\n" +
		"2023-02/2023-07: Llama 2\ncategory: model\n\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestReadMarkwhenByHand(t *testing.T) {
	res := readTestdata(t, "markwhen-sample.mw", FormatMarkwhen)
	want := []model.Event{
		{Date: when.MustParse("2022-11-30"), Title: "ChatGPT opens to the public", Tags: []string{"openai", "chatgpt"},
			Category: model.CategoryOther, Description: "OpenAI's research preview.\nIt reached a million users in five days.",
			Links: []model.Link{{URL: "https://openai.com/index/chatgpt/"}}},
		{Date: when.MustParse("2023-03-14"), Title: "GPT-4 released", Tags: []string{"gpt-4", "multimodal"}, Actor: "OpenAI",
			Category: model.CategoryOther, Links: []model.Link{{URL: "https://openai.com/research/gpt-4", Quote: "OpenAI's announcement"}}},
		{Date: when.MustParse("2023-02"), End: when.MustParse("2023-07"), Title: "From LLaMA to Llama 2", TitleZh: "从 LLaMA 到 Llama 2",
			Tags: []string{"llama", "open-weights"}, Actor: "Meta", Category: model.CategoryModel,
			Description: "Two releases, five months apart."},
		{Date: when.MustParse("2022-08"), End: when.MustParse("2022-09"), Title: "GPT-4 finishes training", Tags: []string{"gpt-4"},
			Category: model.CategoryOther},
		{Date: when.MustParse("2023-03-14"), Title: "Claude launched by Anthropic", Tags: []string{"anthropic"},
			Category: model.CategoryOther, Links: []model.Link{{URL: "https://www.anthropic.com/"}}},
		{Date: when.MustParse("2023-03-14"), Title: "A day written d/M/y, as the header asks", Tags: []string{},
			Category: model.CategoryOther},
	}
	sameEvents(t, res.Doc.Events, want)
	wantGroups := []model.Period{{Title: "The ChatGPT year", Start: when.MustParse("2022-11-30"), End: when.MustParse("2023-07")}}
	if !reflect.DeepEqual(res.Doc.Periods, wantGroups) {
		t.Errorf("groups = %+v", res.Doc.Periods)
	}
	problemSays(t, res.Problems, "line 33", "date", "after !gpt4 2 weeks")
	problemAt(t, res.Problems, "line 35", "date")
	problemAt(t, res.Problems, "line 36", "title")
	problemSays(t, res.Problems, "line 37", "", "endSection")
	problemSays(t, res.Problems, "header", "title", "AI in 2023")
	problemSays(t, res.Problems, "header", "#openai", "#008000")
	if len(res.Problems) != 6 {
		t.Errorf("got %d problems, want 6: %v", len(res.Problems), res.Problems)
	}
}

func TestReadMarkwhenDates(t *testing.T) {
	cases := map[string][2]string{
		"2023":                       {"2023", ""},
		"1964/2008":                  {"1964", "2008"},
		"2004-06 / 2006-08":          {"2004-06", "2006-08"},
		"2012-2013":                  {"2012", "2013"},
		"08/2015-05/2017":            {"2015-08", "2017-05"},
		"12/25/2022":                 {"2022-12-25", ""},
		"11/11/2024-12/12/2024":      {"2024-11-11", "2024-12-12"},
		"1 Jan 1998 to 11/11/2011":   {"1998-01-01", "2011-11-11"},
		"2022-02-22T16:27:08.369Z":   {"2022-02-22", ""},
		"2021-01-02T06:27:00Z-2022":  {"2021-01-02", "2022"},
		"2023-03-14 10:30":           {"2023-03-14T10:30", ""},
		"March 2023 – May 2023":      {"2023-03", "2023-05"},
		"Q3 2023":                    {"2023-35", ""},
		"2022-08~":                   {"2022-08~", ""},
		"-0044-03-15":                {"-0044-03-15", ""},
		"2023年3月14日":                 {"2023-03-14", ""},
		"Feb 2023 - Feb 2025":        {"2023-02", "2025-02"},
		"14 March 2023 - 2 Apr 2023": {"2023-03-14", "2023-04-02"},
	}
	for in, want := range cases {
		res, err := Read(strings.NewReader(in+": Event"), FormatMarkwhen, ReadOptions{})
		if err != nil || len(res.Doc.Events) != 1 {
			t.Errorf("%q: %v, problems %v", in, err, res.Problems)
			continue
		}
		e := res.Doc.Events[0]
		if e.Date.String() != want[0] || e.End.String() != want[1] || e.Title != "Event" {
			t.Errorf("%q: date %q end %q title %q, want %q %q", in, e.Date, e.End, e.Title, want[0], want[1])
		}
	}
	for _, in := range []string{"2 weeks", "after !x 1 day", "2025/2024", "Mar 45 2023"} {
		res, err := Read(strings.NewReader(in+": Event\nIts description"), FormatMarkwhen, ReadOptions{})
		if err != nil || len(res.Doc.Events) != 0 || len(res.Problems) != 1 || res.Problems[0].Field != "date" {
			t.Errorf("%q: events %+v, problems %v, %v", in, res.Doc.Events, res.Problems, err)
		}
	}
}

func TestReadMarkwhenRefusesOtherText(t *testing.T) {
	for _, text := range []string{"Just some prose.\nNo events here.", "date,title\n2023,x\n"} {
		if _, err := Read(strings.NewReader(text), FormatMarkwhen, ReadOptions{}); err == nil {
			t.Errorf("Read(%q) found a timeline", text)
		}
	}
	res, err := Read(strings.NewReader("---\ntitle: Empty\n---\n// nothing yet\n"), FormatMarkwhen, ReadOptions{})
	if err != nil || len(res.Doc.Events) != 0 {
		t.Errorf("an empty timeline: %+v, %v", res, err)
	}
}

// Files written by hand in odd ways import, export and import again to the
// same records.
func TestMarkwhenReimportIsStable(t *testing.T) {
	reimportsSame(t, FormatMarkwhen, []string{
		"  2023: indented\n    2024: not an event? \n  \\foo\n\tTabbed line\nless\n",
		"2023: ends with backslash \\\n",
		"2023: digits #123 tag #abc\nID: 5\nLOCATION: Seattle\nnext: line\n\nbody",
		"2023: t\nlocation: Seattle\n\nbody\n",
		"2023: t #OpenAI #a- #_ #-x\n",
		"2023: [x](https://a.example/) and [y](https://b.example/)\nhttps://c.example/\n",
		"section   \n2023: t\nendSection\nsection A\nstart: 2023\nend: 2024\nendSection\nsection A\nstart: 2023\nend: 2024\nendSection\n",
		"group G\n2023: t\nactor: H\nendGroup\n2024: u\n",
		"2023: t\n\n\n\nbody\n\n\n\nmore\n\n",
		"2023: t\n[q](https://a.example/)\n\\[not](https://b.example/)\n",
		"2023: t\n   https://a.example/   \n",
		"2023: t\ndate: 2023-35\nend: 2024\n",
		"2023: t\ntags: \n",
		"2023: t\ntags: [\"a b\", \"C\"]\n",
		"2023: t\ntitle:\n",
		"2023: t\ntitle: \"\\u0000x\"\n",
		"2023: t \"quoted\" title with ]( brackets\n",
		"2023: a\n- [ ] task\n- [x] done\n",
		"2023: a\ncategory: MODEL\n",
		"2023:  spaced   title  \n",
		"2023: t\nkey: value: with colon\n",
		"2023: t\nx: \"unterminated\n",
		"2023: t\n\n#notatag line\n",
		"2023: t\n\n2023-13-01: bad\n",
		"2023: t\n  section inside\n",
		"2023: t\r\nwindows\r\n",
		"2023: t\n\\\n",
		"2023: x\n\\\\\n",
		"2023: x\n[](https://a.example/)\n",
		"2023: x\n[a](https://a.example/)b\n",
		"2023: t\nbody line\nhttps://a.example/\n\nhttps://b.example/\n",
	})
}

func FuzzReadMarkwhen(f *testing.F) { reimportFuzz{format: FormatMarkwhen}.run(f) }
