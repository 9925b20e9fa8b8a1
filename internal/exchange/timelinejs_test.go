package exchange

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// carriedByTimeline keeps what TimelineJS carries of each event.
func carriedByTimeline(events []model.Event) []model.Event {
	out := make([]model.Event, len(events))
	for i, e := range events {
		out[i] = model.Event{ID: e.ID, Title: e.Title, Date: e.Date, End: e.End, Actor: e.Actor,
			Description: e.Description, Links: e.Links, Category: model.CategoryOther, Tags: []string{}}
	}
	return out
}

func TestTimelineJSRoundTrip(t *testing.T) {
	groups := chatGPTEras("After <ChatGPT> & co", model.Period{Title: "Q3 2023", Start: when.MustParse("2023-35")})
	for name, events := range eventSets(t) {
		want := Document{Events: carriedByTimeline(events), Periods: groups}
		// TimelineJS keeps the eras' order too.
		if got := rereadsSame(t, name, FormatTimelineJS, want); !reflect.DeepEqual(got.Periods, want.Periods) {
			t.Errorf("%s: groups\n got %+v\nwant %+v", name, got.Periods, want.Periods)
		}
	}
}

func TestTimelineJSFuzzyDates(t *testing.T) {
	for _, s := range []string{"2023", "2023-03", "2023-03-14", "2023-03-14T09:05", "2023-03-14T09:05:07", "2022-08~",
		"2023?", "2023-35", "2023-40", "2023-24", "2023-12/2024-01", "-0044-03-15", "0001"} {
		e := model.Event{Title: "x", Date: when.MustParse(s), Category: model.CategoryOther, Tags: []string{}}
		got := roundTrip(t, FormatTimelineJS, Document{Events: []model.Event{e}})
		if len(got.Events) != 1 || got.Events[0].Date != e.Date || !got.Events[0].End.IsZero() {
			t.Errorf("%s came back as %+v", s, got.Events)
		}
	}
}

func TestTimelineJSWritesTheDocumentedShape(t *testing.T) {
	e := model.Event{ID: 7, Title: "GPT-4 <released>", Date: when.MustParse("2023-03-14"), Actor: "OpenAI",
		Description: "First line\nsecond line\n\nNew paragraph & more",
		Links:       []model.Link{{URL: "https://openai.com/research/gpt-4", Quote: "A quote"}, {URL: "https://arxiv.org/abs/2303.08774"}}}
	var buf bytes.Buffer
	if err := Write(&buf, FormatTimelineJS, Document{Events: []model.Event{e}}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Events []map[string]any `json:"events"`
	}
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	got := raw.Events[0]
	want := map[string]any{
		"start_date": map[string]any{"year": "2023", "month": "3", "day": "14"},
		"text": map[string]any{"headline": "GPT-4 &lt;released&gt;",
			"text": `<p>First line<br>second line</p><p>New paragraph &amp; more</p><p><a href="https://arxiv.org/abs/2303.08774">https://arxiv.org/abs/2303.08774</a></p>`},
		"media":     map[string]any{"url": "https://openai.com/research/gpt-4", "caption": "A quote"},
		"group":     "OpenAI",
		"unique_id": "hindsight-event-7",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("event JSON\n got %v\nwant %v", got, want)
	}
}

func TestReadTimelineJSByHand(t *testing.T) {
	res := readTestdata(t, "timelinejs-knightlab.json", FormatTimelineJS)
	want := []model.Event{
		{Date: when.MustParse("2023-03-14"), Title: "GPT-4 released", Actor: "OpenAI", Category: model.CategoryOther, Tags: []string{},
			Description: "OpenAI announced GPT-4 & its [technical report](https://arxiv.org/abs/2303.08774).\n\nSecond paragraph\nwith a break.",
			Links:       []model.Link{{URL: "https://openai.com/research/gpt-4", Quote: "OpenAI's announcement"}}},
		{Date: when.MustParse("2023-07"), End: when.MustParse("2023-09"), Title: "Llama 2 summer", Actor: "Meta",
			Category: model.CategoryOther, Tags: []string{}, Description: "an embedded tweet"},
		{Date: when.MustParse("2022"), Title: "The year of diffusion", Category: model.CategoryOther, Tags: []string{},
			Description: "- Stable Diffusion\n- DALL·E 2\n\nclick me"},
		{Date: when.MustParse("2024"), Title: "An event without a headline", Category: model.CategoryOther, Tags: []string{},
			Description: "An event without a headline"},
		{Date: when.MustParse("2023-22"), Title: "A season, as display_date says", Category: model.CategoryOther, Tags: []string{}},
	}
	sameEvents(t, res.Doc.Events, want)
	wantGroups := []model.Period{{Title: "The ChatGPT year", Start: when.MustParse("2022-11-30"), End: when.MustParse("2023-12")}}
	if !reflect.DeepEqual(res.Doc.Periods, wantGroups) {
		t.Errorf("groups = %+v", res.Doc.Periods)
	}
	if p := problemSays(t, res.Problems, "events[1]", "media.url", "added to the description"); !p.Kept() {
		t.Errorf("media problem = %+v", p)
	}
	if p := problemSays(t, res.Problems, "events[3]", "start_date", "month 13"); p.Line != 62 {
		t.Errorf("bad month problem = %+v", p)
	}
	// The event with an empty headline is kept, titled from its text, and
	// the report says so; the title slide is reported, not imported.
	if p := problemSays(t, res.Problems, "events[4]", "text.headline", "titled from its text"); !p.Kept() {
		t.Errorf("headline problem = %+v", p)
	}
	if p := problemSays(t, res.Problems, "title", "", "AI in 2023"); p.Kept() {
		t.Errorf("title slide problem = %+v", p)
	}
	// What the slides hold besides dates, text, group and media is named.
	for _, key := range []string{"background", "display_date", "media.credit"} {
		if p := problemAt(t, res.Problems, "events", key); !p.Kept() {
			t.Errorf("%s: %+v", key, p)
		}
	}
	if len(res.Problems) != 7 || res.Refused() != 2 {
		t.Errorf("got %d problems (%d refusals), want 7 (2): %v", len(res.Problems), res.Refused(), res.Problems)
	}
}

func TestReadTimelineJSRefusesOtherJSON(t *testing.T) {
	for text, says := range map[string]string{
		`{"title":{"text":{"headline":"x"}}}`:                  `"events"`,
		`{"format":"hindsight","version":1,"events":[]}`:       "Hindsight JSON",
		`{"events":"none"}`:                                    "list",
		`{"events":[{"start_date":{"year":"2023"}}]`:           "truncated",
		`{"events":[{"start_date":{"year":"2023"}}]}` + "\x00": "binary",
	} {
		_, err := Read(strings.NewReader(text), FormatTimelineJS, ReadOptions{})
		if err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("Read(%q) = %v, want an error saying %q", text, err, says)
		}
	}
}

// Files written by hand in odd ways import, export and import again to the
// same records.
func TestTimelineJSReimportIsStable(t *testing.T) {
	ev := func(text string) string {
		return `{"events":[{"start_date":{"year":"2023"},"text":{"headline":"h","text":` + text + `}}]}`
	}
	read := reimportsSame(t, FormatTimelineJS, []string{
		ev(`"<pre>  code   here  </pre>"`),
		ev(`"<a href=\"https://x.example/\">[a](https://y.example/)</a>"`),
		ev(`"<a href=\"https://x.example/\">outer <a href=\"https://y.example/\">inner</a></a>"`),
		ev(`"text<br>https://a.example/"`),
		ev(`"<p>x</p><p><a href=\"https://a.example/\">multi<br>line</a></p>"`),
		ev(`"<a href=\"https://a.example/\">  spaced  </a>"`),
		ev(`"<b></b><i></i>"`),
		ev(`"a &lt;b&gt; &amp;amp; &nbsp;c"`),
		ev(`"<p>\\\\ back</p>"`),
		ev(`"<a href=\"https://a.example/\">x</a> <a href=\"https://b.example/\">y</a>"`),
		ev(`"<p>[q](https://a.example/)</p><p>https://b.example/</p>"`),
		ev(`"# heading like"`),
		ev(`"<a href=\"https://a.example/x)y\">t</a>"`),
		ev(`"<a href=\"https://a.example/ x\">t</a>"`),
		`{"events":[{"start_date":{"year":"2023","display_date":"~2023"},"text":{"headline":"a\u00a0b"}}]}`,
		`{"events":[{"start_date":{"year":"2023","month":"2"},"end_date":{"year":"2023","month":"2"},"text":{"headline":"same"}}]}`,
		`{"events":[{"start_date":{"year":"2023","hour":"5"},"text":{"headline":"hour without day"}}]}`,
		`{"events":[{"start_date":{"year":"2023","month":"1","day":"1","hour":"5"},"text":{"headline":"hour without minute"}}]}`,
		`{"events":[{"start_date":{"year":"2023"},"media":{"url":"https://a.example/","caption":"https://a.example/"},"text":{"headline":"x"}}]}`,
		`{"events":[],"eras":[{"start_date":{"year":"2023"},"end_date":{"year":"2023"},"text":{"headline":"e"}}, {"start_date":{"year":"2023","month":"3","display_date":"Q1 2023"},"end_date":{"year":"2023","month":"3"},"text":{"headline":"q"}}]}`,
	})
	for in, r := range read {
		if !reflect.DeepEqual(r.again.Periods, r.Doc.Periods) {
			t.Errorf("%q: groups %+v then %+v", in, r.Doc.Periods, r.again.Periods)
		}
	}
}

func TestTimelineJSLinksParagraph(t *testing.T) {
	text := `{"events":[{"start_date":{"year":"2023"},"text":{"headline":"h","text":` +
		`"<p>Typed [q](https://a.example/) stays text.</p><p><a href=\"https://b.example/\">B</a><br><a href=\"https://c.example/\">https://c.example/</a></p>"}}]}`
	res, err := Read(strings.NewReader(text), FormatTimelineJS, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	e := res.Doc.Events[0]
	want := []model.Link{{URL: "https://b.example/", Quote: "B"}, {URL: "https://c.example/"}}
	if e.Description != "Typed [q](https://a.example/) stays text." || !reflect.DeepEqual(e.Links, want) {
		t.Errorf("description %q, links %+v", e.Description, e.Links)
	}
}

func FuzzReadTimelineJS(f *testing.F) {
	reimportFuzz{format: FormatTimelineJS, check: func(t *testing.T, read Result, again Document) {
		// TimelineJS keeps the eras' order too.
		if !reflect.DeepEqual(again.Periods, read.Doc.Periods) {
			t.Fatalf("groups\n got %+v\nwant %+v", again.Periods, read.Doc.Periods)
		}
	}}.run(f)
}

func TestReadTimelineJSEndBeforeStart(t *testing.T) {
	text := `{"events":[{"start_date":{"year":"2024"},"end_date":{"year":"2023"},"text":{"headline":"backwards"}}]}`
	res, err := Read(strings.NewReader(text), FormatTimelineJS, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Doc.Events) != 0 {
		t.Fatalf("a span that ends before it starts was imported: %+v", res.Doc.Events)
	}
	problemAt(t, res.Problems, "events[0]", "end_date")
}

// White space that matters survives: indented Markdown, repeated blank
// lines, a tab in a title, two spaces in a quote or an actor. Text whose
// white space HTML keeps anyway is still written as plain paragraphs.
func TestTimelineJSKeepsWhiteSpace(t *testing.T) {
	e := model.Event{ID: 3, Title: "GPT-4\treleased", Date: when.MustParse("2023-03-14"), Actor: "R&D  lab",
		Description: "intro\n  2024: indented\n    - nested\n\n\n\nafter three blank lines",
		Links:       []model.Link{{URL: "https://a.example/", Quote: "first  quote"}, {URL: "https://b.example/", Quote: "second  quote"}},
		Category:    model.CategoryOther, Tags: []string{}}
	got := roundTrip(t, FormatTimelineJS, Document{Events: []model.Event{e}})
	sameEvents(t, got.Events, []model.Event{e})

	var buf bytes.Buffer
	plain := e
	plain.Title, plain.Actor, plain.Description, plain.Links = "GPT-4 released", "OpenAI", "One paragraph.\n\nAnother.", nil
	if err := Write(&buf, FormatTimelineJS, Document{Events: []model.Event{plain}}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "white-space") || !strings.Contains(buf.String(), "<p>One paragraph.</p><p>Another.</p>") {
		t.Errorf("plain text written as\n%s", buf.String())
	}
}
