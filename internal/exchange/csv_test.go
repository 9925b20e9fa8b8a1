package exchange

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/when"
)

// withoutTimes drops what CSV does not carry: record times and evidence.
func withoutTimes(doc Document) Document {
	out := Document{Events: append([]model.Event(nil), doc.Events...), Predictions: append([]model.Prediction(nil), doc.Predictions...)}
	for i := range out.Events {
		out.Events[i].CreatedAt, out.Events[i].UpdatedAt = time.Time{}, time.Time{}
	}
	for i := range out.Predictions {
		out.Predictions[i].CreatedAt, out.Predictions[i].UpdatedAt = time.Time{}, time.Time{}
		out.Predictions[i].Resolution.Evidence = nil
	}
	return out
}

func TestCSVRoundTrip(t *testing.T) {
	for name, doc := range map[string]Document{"synthetic": synthDocument(500, 100), "seed": seedDocument(t)} {
		want := withoutTimes(doc)
		got := roundTrip(t, FormatCSVEvents, want)
		sameEvents(t, got.Events, want.Events)
		got = roundTrip(t, FormatCSVPredictions, want)
		samePredictions(t, got.Predictions, want.Predictions)
		t.Logf("%s: %d events, %d predictions round-tripped", name, len(want.Events), len(want.Predictions))
	}
}

func TestCSVFormulaGuard(t *testing.T) {
	risky := []string{"=HYPERLINK(\"http://evil\",\"x\")", "+1", "-1", "@SUM(A1)", "\tindented", "'quoted", "''", "'=", "plain", "a=b"}
	var events []model.Event
	for _, s := range risky {
		e := model.Event{Title: "t " + s, Description: s, Actor: s, Date: when.MustParse("-0044-03-15"), Category: model.CategoryOther}
		e.Normalize()
		events = append(events, e)
	}
	var buf bytes.Buffer
	if err := Write(&buf, FormatCSVEvents, Document{Events: events}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF")))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		for _, c := range row {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("cell %q would run as a formula", c)
			}
		}
	}
	if rows[1][1] != "'-0044-03-15" {
		t.Errorf("a BC date is written %q, want it guarded", rows[1][1])
	}
	res, err := Read(&buf, FormatCSVEvents, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sameEvents(t, res.Doc.Events, events)
}

func TestReadCSVEventsByHand(t *testing.T) {
	res := readCounting(t, "events.csv", FormatCSVEvents, 5, 0)
	ev := res.Doc.Events
	want := []model.Event{
		{Date: when.MustParse("2022-11-30"), Title: "OpenAI launches ChatGPT", TitleZh: "OpenAI 发布 ChatGPT", Actor: "OpenAI",
			Category: model.CategoryProduct, Tags: []string{"chatgpt", "openai"}, Description: "A research preview anyone could try.\n\nNotes: first",
			Links: []model.Link{{URL: "https://openai.com/index/chatgpt/"}}},
		{Date: when.MustParse("2023-03-14"), Title: "GPT-4 released", Actor: "OpenAI", Category: model.CategoryModel,
			Tags:        []string{"gpt-4", "multimodal"},
			Description: "OpenAI announced GPT-4.\nIt accepts images and text.\n\nChatGPT Plus subscribers got it first.",
			Links:       []model.Link{{URL: "https://openai.com/research/gpt-4", Quote: `"GPT-4 is a large multimodal model"`}}},
		{Date: when.MustParse("2023-07"), End: when.MustParse("2023-09~"), Title: "Summer of Llama 2", Actor: "Meta",
			Category: model.CategoryModel, Tags: []string{"llama"}},
		{Date: when.MustParse("-0044-03-15"), Title: "=Ides of March", Category: model.CategoryOther, Tags: []string{}},
		{Date: when.MustParse("2023-06-01"), Title: "After the broken row", Category: model.CategoryResearch, Tags: []string{}},
	}
	sameEvents(t, ev, want)

	// A column Hindsight has no field for goes into the description.
	if cols := res.Columns; cols == nil || cols.List[10] != (Column{Name: "Notes", Field: FieldNote}) ||
		cols.List[4] != (Column{Name: "Organisation", Field: FieldOrganizations}) {
		t.Errorf("columns = %+v", cols)
	}
	if p := problemSays(t, res.Problems, "row 4", "date", "someday soon"); p.Line != 7 {
		t.Errorf("bad date problem = %+v", p)
	}
	if p := problemAt(t, res.Problems, "row 6", "title"); p.Line != 9 {
		t.Errorf("empty title problem = %+v", p)
	}
	if p := problemSays(t, res.Problems, "row 8", "", `"`); p.Line != 11 {
		t.Errorf("bare quote problem = %+v", p)
	}
	if p := problemSays(t, res.Problems, "row 1", "Notes", "second description column"); !p.Kept() {
		t.Errorf("second description column = %+v", p)
	}
	if len(res.Problems) != 4 || res.Refused() != 3 {
		t.Errorf("got %d problems, want 4 (3 refusals): %v", len(res.Problems), res.Problems)
	}
}

func TestReadCSVPredictionsByHand(t *testing.T) {
	res := readCounting(t, "predictions.csv", FormatCSVPredictions, 0, 2)
	ps := res.Doc.Predictions
	first := ps[0]
	if first.Statement != "Open models will match GPT-4 within two years" || first.StatementZh != "开源模型两年内追上 GPT-4" ||
		first.Source != "Author of the review post" || first.Made != when.MustParse("2023-12") ||
		first.Deadline != (when.Deadline{Kind: when.DeadlineWithin, Months: 24, Phrase: "within two years"}) ||
		first.Probability == nil || *first.Probability != 0.7 ||
		first.Criteria != "An open-weights model scores at least GPT-4's MMLU, on the same prompt." ||
		!reflect.DeepEqual(first.Tags, []string{"open-weights", "llm"}) ||
		!reflect.DeepEqual(first.Links, []model.SourceLink{{URL: "https://example.com/review", Quote: "they will catch up"}}) ||
		first.Kind != model.KindForecast ||
		first.Resolution.State != model.StateTrue || first.Resolution.On != when.MustParse("2024-07") ||
		first.Resolution.Note != "Llama 3.1 405B matched it." || first.Resolution.Fraction != 0 {
		t.Errorf("first prediction = %s", describe(first))
	}
	second := ps[1]
	if second.Made != when.MustParse("2024-01") || second.Deadline.Canonical() != "by:2024" || *second.Probability != 0.4 ||
		second.Resolution.State != model.StatePartly || second.Resolution.Fraction != 0.5 ||
		second.Resolution.On != when.MustParse("2024-12") || second.Links != nil {
		t.Errorf("second prediction = %s", describe(second))
	}
	problemAt(t, res.Problems, "row 4", "source")
	problemSays(t, res.Problems, "row 5", "deadline", "fortnight")
	problemAt(t, res.Problems, "row 6", "probability")
	if len(res.Problems) != 3 {
		t.Errorf("got %d problems, want 3: %v", len(res.Problems), res.Problems)
	}
}

func TestReadCSVHeaders(t *testing.T) {
	text := "START DATE, Name ,org,url,quote,link_2,quote_2\n2023,Something,Acme,https://a.example/,q1,https://b.example/,q2\n"
	res, err := Read(strings.NewReader(text), FormatCSVEvents, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := model.Event{Date: when.MustParse("2023"), Title: "Something", Actor: "Acme", Category: model.CategoryOther, Tags: []string{},
		Links: []model.Link{{URL: "https://a.example/", Quote: "q1"}, {URL: "https://b.example/", Quote: "q2"}}}
	if len(res.Doc.Events) != 1 || !reflect.DeepEqual(res.Doc.Events[0], want) || len(res.Problems) != 0 {
		t.Fatalf("got %+v, problems %v", res.Doc.Events, res.Problems)
	}

	// A file with no column for the title or date reads no row, and says
	// which to map.
	for text, says := range map[string]string{
		"title,actor\nx,y\n":   "no column is read as the date, so none of the 1 rows",
		"date,actor\n2023,y\n": "no column is read as the title, so none of the 1 rows",
	} {
		res, err := Read(strings.NewReader(text), FormatCSVEvents, ReadOptions{})
		if err != nil || len(res.Doc.Events) != 0 || len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Message, says) {
			t.Errorf("Read(%q) = %+v, %v; want a problem saying %q", text, res, err, says)
		}
	}
	for text, says := range map[string]string{
		"":                         "empty",
		"\"date,title\n2023,x\n":   "header row",
		"statement,made\nx,2023\n": "source column",
	} {
		f := FormatCSVEvents
		if strings.HasPrefix(text, "statement") {
			f = FormatCSVPredictions
		}
		_, err := Read(strings.NewReader(text), f, ReadOptions{})
		if err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("Read(%q) = %v, want an error saying %q", text, err, says)
		}
	}
}

func TestReadCSVUnclosedQuote(t *testing.T) {
	text := "date,title,description\n2023,Fine,ok\n2024,Broken,\"never closed\n2025,Lost,row\n"
	res, err := Read(strings.NewReader(text), FormatCSVEvents, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Doc.Events) != 1 || len(res.Problems) != 1 || res.Problems[0].Line != 3 {
		t.Fatalf("events %+v, problems %v", res.Doc.Events, res.Problems)
	}
}

// Files written by hand in odd ways import, export and import again to the
// same records.
func TestCSVReimportIsStable(t *testing.T) {
	read := reimportsSame(t, FormatCSVEvents, []string{
		"date,title,description\n2023,x,\"a\rb\"\n", "date,title,description\n2023,x,\"a\r\rb\r\n\"\n", "date,title\n2023,\"a\rb\"\n", "date,title,tags\n2023,x,\"a b;c\"\n",
		"date,title,description\n2023,\x1b[31mred\x1b[0m,\"\x01x\x7f\"\n",
		"date,title,url,quote\n2023,x, https://a.example/ , q \n",
		"date,title\n2023,\"'\r=x\"\n",
		"date,title,end\n2023-03-14T10:30,x,2023-03-14T09:00\n",
	})
	if len(read) != 8 {
		t.Fatalf("%d of 8 files read", len(read))
	}
	for in, res := range read {
		if len(res.Doc.Events) != 1 {
			t.Errorf("%q: %+v %v", in, res.Doc.Events, res.Problems)
		}
	}
}

func BenchmarkReadCSVEvents100k(b *testing.B) {
	var buf bytes.Buffer
	if err := Write(&buf, FormatCSVEvents, Document{Events: synth.New(1).Events(100_000)}, WriteOptions{}); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		res, err := Read(bytes.NewReader(data), FormatCSVEvents, ReadOptions{})
		if err != nil || len(res.Doc.Events) != 100_000 {
			b.Fatalf("read %d events, %v", len(res.Doc.Events), err)
		}
	}
}

func fuzzCSV(f *testing.F, format Format) {
	reimportFuzz{format: format, kinds: []error{ErrWrongFormat, ErrMalformed, ErrNotText},
		check: func(t *testing.T, read Result, again Document) {
			samePredictions(t, again.Predictions, read.Doc.Predictions)
		}}.run(f)
}

func FuzzReadCSVEvents(f *testing.F)      { fuzzCSV(f, FormatCSVEvents) }
func FuzzReadCSVPredictions(f *testing.F) { fuzzCSV(f, FormatCSVPredictions) }

// Any tag survives a CSV round trip, commas, semicolons and quotes
// included; the example came back as four tags.
func TestCSVTagsSurvive(t *testing.T) {
	tags := []string{"r&d, policy", "US;EU", `say "hi"`, `"quoted"`, `a""b`, ",", ";", `"`, `";"`, "plain", "中文，标签；二"}
	e := model.Event{Title: "Tagged", Date: when.MustParse("2024"), Tags: tags}
	e.Normalize()
	got := roundTrip(t, FormatCSVEvents, Document{Events: []model.Event{e}})
	sameEvents(t, got.Events, []model.Event{e})
	if len(got.Events[0].Tags) != len(tags) {
		t.Errorf("%d tags came back as %d: %q", len(tags), len(got.Events[0].Tags), got.Events[0].Tags)
	}

	p := model.Prediction{Statement: "s", Source: "x", Made: when.MustParse("2024"), Tags: tags}
	p.Normalize()
	back := roundTrip(t, FormatCSVPredictions, Document{Predictions: []model.Prediction{p}})
	samePredictions(t, back.Predictions, []model.Prediction{p})
}

// A second column for the same field is named in the report, never
// dropped without a word.
func TestCSVDuplicateColumns(t *testing.T) {
	text := "date,title,Title,headline,url,link,quote,quote\n2023,first,second,third,https://a.example/,https://b.example/,q1,q2\n"
	res, err := Read(strings.NewReader(text), FormatCSVEvents, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Both link columns give links; the second title, headline and quote
	// go into the description, and the report says so.
	if len(res.Doc.Events) != 1 || res.Doc.Events[0].Title != "first" ||
		!reflect.DeepEqual(res.Doc.Events[0].Links, []model.Link{{URL: "https://a.example/", Quote: "q1"}, {URL: "https://b.example/"}}) ||
		res.Doc.Events[0].Description != "Title: second\nheadline: third\nquote: q2" {
		t.Fatalf("events %+v", res.Doc.Events)
	}
	for _, want := range []struct{ field, says string }{
		{"Title", `column 3 is a second title column (the first is column 2, "title")`},
		{"headline", `column 4 is a second title column`},
		{"quote", `column 8 is a second quote column (the first is column 7, "quote")`},
	} {
		if p := problemSays(t, res.Problems, "row 1", want.field, "description"); p.Line != 1 || !strings.Contains(p.Message, want.says) {
			t.Errorf("problem for %s = %+v, want it to say %q", want.field, p, want.says)
		}
	}
	if len(res.Problems) != 3 {
		t.Errorf("got %d problems, want 3: %v", len(res.Problems), res.Problems)
	}

	res, err = Read(strings.NewReader("statement,source,made,by\nx,a,2023,b\n"), FormatCSVPredictions, ReadOptions{})
	if err != nil || len(res.Doc.Predictions) != 1 || res.Doc.Predictions[0].Source != "a" {
		t.Fatalf("predictions %+v, %v", res.Doc.Predictions, err)
	}
	problemAt(t, res.Problems, "row 1", "by")
}
