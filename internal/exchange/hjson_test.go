package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestHindsightJSONRoundTripSeed(t *testing.T) {
	doc := seedDocument(t)
	fixedTimes(&doc)
	doc.Periods = []model.Period{
		{Title: "The ChatGPT year", Start: when.MustParse("2022-11-30"), End: when.MustParse("2023-12")},
		{Title: "2024", Start: when.MustParse("2024")},
	}
	got := roundTrip(t, FormatHindsightJSON, doc)
	if !reflect.DeepEqual(got, doc) {
		sameEvents(t, got.Events, doc.Events)
		samePredictions(t, got.Predictions, doc.Predictions)
		t.Fatalf("groups differ: got %+v, want %+v", got.Periods, doc.Periods)
	}
	resolvedWithEvidence := 0
	for _, p := range got.Predictions {
		if len(p.Resolution.Evidence) > 0 {
			resolvedWithEvidence++
		}
	}
	if resolvedWithEvidence == 0 {
		t.Fatal("the seed data should exercise evidence")
	}
}

func TestHindsightJSONRoundTripSynthetic(t *testing.T) {
	doc := synthDocument(500, 100)
	got := roundTrip(t, FormatHindsightJSON, doc)
	if !reflect.DeepEqual(got, doc) {
		sameEvents(t, got.Events, doc.Events)
		samePredictions(t, got.Predictions, doc.Predictions)
		t.Fatal("documents differ")
	}
}

func TestHindsightJSONShape(t *testing.T) {
	doc := seedDocument(t)
	var buf bytes.Buffer
	if err := Write(&buf, FormatHindsightJSON, doc, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Format      string           `json:"format"`
		Version     int              `json:"version"`
		ExportedAt  time.Time        `json:"exported_at"`
		Events      []map[string]any `json:"events"`
		Predictions []map[string]any `json:"predictions"`
	}
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	if raw.Format != "hindsight" || raw.Version != 2 || time.Since(raw.ExportedAt) > time.Hour {
		t.Fatalf("header = %q %d %v", raw.Format, raw.Version, raw.ExportedAt)
	}
	var withDeadline map[string]any
	for _, p := range raw.Predictions {
		if p["deadline"] != nil {
			withDeadline = p
		}
		if _, ok := p["probability"]; !ok {
			t.Fatalf("probability must be written even when null: %v", p)
		}
	}
	dl, _ := withDeadline["deadline"].(map[string]any)
	if dl["phrase"] == "" || dl["canonical"] == "" {
		t.Fatalf("deadline = %v, want phrase and canonical", withDeadline["deadline"])
	}
	if strings.Contains(buf.String(), `\u003c`) {
		t.Error("text should not be HTML-escaped in Hindsight JSON")
	}
}

func TestReadHindsightJSONByHand(t *testing.T) {
	res := readCounting(t, "hindsight-export.json", FormatHindsightJSON, 2, 2)
	doc := res.Doc

	gpt4 := doc.Events[0]
	wantGPT4 := model.Event{
		ID: 11, Title: "OpenAI releases GPT-4", TitleZh: "OpenAI 发布 GPT-4", Date: when.MustParse("2023-03-14"),
		Actor: "OpenAI", Category: model.CategoryModel, Tags: []string{"openai", "gpt-4", "multimodal"},
		Description: "A multimodal model.\n\nIt went to ChatGPT Plus first.",
		Links: []model.Link{
			{URL: "https://openai.com/research/gpt-4", Quote: "GPT-4 is a large multimodal model"},
			{URL: "https://arxiv.org/abs/2303.08774"},
		},
		CreatedAt: time.Date(2024, 5, 1, 8, 30, 0, 0, time.UTC),
		UpdatedAt: time.Date(2024, 5, 2, 7, 45, 30, 500000000, time.UTC),
	}
	if !reflect.DeepEqual(gpt4, wantGPT4) {
		t.Errorf("event 11:\n got %+v\nwant %+v", gpt4, wantGPT4)
	}
	llama := doc.Events[1]
	if llama.ID != 12 || llama.Date.String() != "2023-07~" || llama.End.String() != "2023-09" ||
		llama.Category != model.CategoryModel || llama.Links != nil || len(llama.Tags) != 0 || llama.Actor != "" {
		t.Errorf("event 12 = %+v", llama)
	}

	open := doc.Predictions[0]
	if open.ID != 21 || open.Statement != "Open models will catch up with GPT-4 within two years" ||
		open.StatementZh != "开源模型两年内追上 GPT-4" || open.Source != "Author of the review post" ||
		open.Made.String() != "2023-12" || *open.Probability != 0.7 ||
		open.Criteria != "An open-weights model matches GPT-4 on MMLU." || !reflect.DeepEqual(open.Tags, []string{"open-weights"}) ||
		// A version 1 file's one link was "where it was said": primary.
		!reflect.DeepEqual(open.Links, []model.SourceLink{{URL: "https://example.com/review", Quote: "they will catch up", Primary: true}}) ||
		open.Kind != model.KindForecast || open.Provenance != model.ProvenanceUnstated {
		t.Errorf("prediction 21 = %+v", open)
	}
	if open.Deadline != (when.Deadline{Kind: when.DeadlineWithin, Months: 24, Phrase: "within two years"}) {
		t.Errorf("prediction 21 deadline = %+v", open.Deadline)
	}
	wantRes := model.Resolution{State: model.StateTrue, On: when.MustParse("2024-07-23"), Note: "Llama 3.1 405B matched it.",
		Evidence: []model.Evidence{{EventID: 12, Role: model.RoleSupports}}}
	if !reflect.DeepEqual(open.Resolution, wantRes) {
		t.Errorf("prediction 21 resolution = %+v", open.Resolution)
	}

	partly := doc.Predictions[1]
	if partly.ID != 22 || partly.Probability != nil || partly.Resolution.State != model.StatePartly ||
		partly.Resolution.Fraction != 0.5 || partly.Resolution.Evidence != nil || partly.Links != nil ||
		partly.Deadline.Canonical() != "by:2024" || partly.Deadline.Phrase != "by end of 2024" {
		t.Errorf("prediction 22 = %+v", partly)
	}

	if p := problemSays(t, res.Problems, "events[2]", "date", "the day after tomorrow"); p.Line != 31 {
		t.Errorf("bad date problem = %+v", p)
	}
	problemSays(t, res.Problems, "events[3]", "title", "text")
	problemSays(t, res.Problems, "predictions[0]", "resolution.evidence[1]", "event 13")
	problemAt(t, res.Problems, "predictions[2]", "probability")
	problemAt(t, res.Problems, "predictions[2]", "resolved_on")
	if len(res.Problems) != 5 {
		t.Errorf("got %d problems, want 5: %v", len(res.Problems), res.Problems)
	}
}

func TestReadHindsightJSONRefusesUnusableFiles(t *testing.T) {
	deep := `{"format":"hindsight","version":1,"events":[` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `]}`
	cases := []struct {
		name, text string
		want       error
		says       string
	}{
		{"newer version", `{"format":"hindsight","version":3,"events":[]}`, ErrVersion, "version \"3\""},
		{"version 0", `{"format":"hindsight","version":0,"events":[]}`, ErrVersion, "version \"0\""},
		{"no version", `{"format":"hindsight","events":[]}`, ErrVersion, "no version"},
		{"other JSON", `{"events":[{"start_date":{"year":"2023"}}]}`, ErrWrongFormat, "not a Hindsight export"},
		{"truncated", `{"format":"hindsight","version":1,"events":[{"title":"GPT-4"`, ErrMalformed, "truncated"},
		{"garbage after", `{"format":"hindsight","version":1} {}`, ErrMalformed, "after the JSON"},
		{"too deep", deep, ErrTooDeep, "64"},
		{"array", `[1,2,3]`, ErrWrongFormat, "JSON object"},
		{"scalar", `"hindsight"`, ErrWrongFormat, "JSON object"},
		{"empty", ``, ErrMalformed, "empty"},
		{"events not a list", `{"format":"hindsight","version":1,"events":{}}`, ErrWrongFormat, "list"},
		{"duplicate key", `{"format":"hindsight","version":1,"events":[],"events":[]}`, ErrMalformed, "twice"},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00", ErrNotText, "binary"},
		{"latin-1", "{\"format\":\"hindsight\",\"title\":\"caf\xe9\"}", ErrNotText, "UTF-8"},
		{"syntax", "{\n\"format\": hindsight}", ErrMalformed, "line 2"},
	}
	for _, c := range cases {
		_, err := Read(strings.NewReader(c.text), FormatHindsightJSON, ReadOptions{})
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: error %v, want %v saying %q", c.name, err, c.want, c.says)
		}
	}
}

func TestReadHindsightJSONDepthLimit(t *testing.T) {
	nest := func(n int) string {
		// The document object and the events list are two levels.
		return `{"format":"hindsight","version":1,"future":` + strings.Repeat("[", n-1) + strings.Repeat("]", n-1) + `,"events":[]}`
	}
	if _, err := Read(strings.NewReader(nest(MaxJSONDepth)), FormatHindsightJSON, ReadOptions{}); err != nil {
		t.Errorf("depth %d: %v", MaxJSONDepth, err)
	}
	if _, err := Read(strings.NewReader(nest(MaxJSONDepth+1)), FormatHindsightJSON, ReadOptions{}); !errors.Is(err, ErrTooDeep) {
		t.Errorf("depth %d: %v, want ErrTooDeep", MaxJSONDepth+1, err)
	}
}

func TestReadHindsightJSONUTF16(t *testing.T) {
	var buf bytes.Buffer
	doc := synthDocument(3, 2)
	if err := Write(&buf, FormatHindsightJSON, doc, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, bigEndian := range []bool{false, true} {
		res, err := Read(bytes.NewReader(utf16Bytes(buf.String(), bigEndian)), FormatHindsightJSON, ReadOptions{})
		if err != nil {
			t.Fatalf("big endian %v: %v", bigEndian, err)
		}
		sameEvents(t, res.Doc.Events, doc.Events)
	}
}

func FuzzReadHindsightJSON(f *testing.F) {
	reimportFuzz{format: FormatHindsightJSON, check: func(t *testing.T, read Result, again Document) {
		ids := map[int64]bool{}
		for _, e := range read.Doc.Events {
			ids[e.ID] = true
		}
		for _, p := range read.Doc.Predictions {
			for _, ev := range p.Resolution.Evidence {
				if !ids[ev.EventID] {
					t.Fatalf("evidence names event %d, which is not in the document", ev.EventID)
				}
			}
		}
		// Everything read writes and reads back unchanged.
		if !reflect.DeepEqual(again, read.Doc) {
			samePredictions(t, again.Predictions, read.Doc.Predictions)
			t.Fatalf("the documents differ:\n got %+v\nwant %+v", again, read.Doc)
		}
	}}.run(f)
}

// TestHindsightJSONSavedViewsAndReminders: saved views and reminders sent
// travel in the file; a view with an unknown category or a taken name and
// a reminder of a prediction not in the file are reported, not kept.
func TestHindsightJSONSavedViewsAndReminders(t *testing.T) {
	file := `{"format": "hindsight", "version": 1,
	"events": [],
	"predictions": [{"id": 4, "statement": "S", "source": "A", "made": "2023", "resolution": {"state": "open"}}],
	"saved_views": [
		{"name": " Open models ", "filter": {"categories": ["model"], "states": ["open"], "tags": ["llm"], "from": "2023"}},
		{"name": "Open models", "filter": {}},
		{"name": "Odd", "filter": {"categories": ["weather"]}},
		{"name": "", "filter": {}}
	],
	"reminders_sent": [{"prediction_id": 4, "sent_at": "2025-01-02T03:04:05Z"}, {"prediction_id": 9}]}`
	res, err := Read(strings.NewReader(file), FormatHindsightJSON, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantView := filter.SavedView{Name: "Open models", Filter: filter.Filter{Categories: []model.Category{model.CategoryModel},
		States: []model.State{model.StateOpen}, Tags: []string{"llm"}, From: "2023"}}
	if len(res.Doc.Views) != 1 || !reflect.DeepEqual(res.Doc.Views[0], wantView) {
		t.Errorf("views %+v", res.Doc.Views)
	}
	wantReminder := model.Reminder{PredictionID: 4, SentAt: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}
	if len(res.Doc.Reminders) != 1 || res.Doc.Reminders[0] != wantReminder {
		t.Errorf("reminders %+v", res.Doc.Reminders)
	}
	var problems []string
	for _, p := range res.Problems {
		problems = append(problems, p.String())
	}
	joined := strings.Join(problems, "\n")
	for _, want := range []string{"saved_views[1]", "also called", "saved_views[2]", "weather", "saved_views[3]", "needs a name",
		"reminders_sent[1]", "prediction 9 is not among"} {
		if !strings.Contains(joined, want) {
			t.Errorf("problems lack %q:\n%s", want, joined)
		}
	}

	// Written again, they come back the same; other formats say they are
	// left out.
	if got := roundTrip(t, FormatHindsightJSON, res.Doc); !reflect.DeepEqual(got.Views, res.Doc.Views) || !reflect.DeepEqual(got.Reminders, res.Doc.Reminders) {
		t.Errorf("round trip: %+v %+v", got.Views, got.Reminders)
	}
	var said []string
	for _, l := range Plan(FormatCSVPredictions, res.Doc, WriteOptions{}) {
		said = append(said, l.Message)
	}
	if !slices.Contains(said, "1 saved view is left out: only Hindsight JSON carries saved views") ||
		!slices.Contains(said, "1 reminder sent is left out: only Hindsight JSON carries which passed deadlines were already announced") {
		t.Errorf("plan for CSV: %q", said)
	}
}
