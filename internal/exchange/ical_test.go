package exchange

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/hindsight-app/hindsight/internal/exchange/ical"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func icalDoc(t *testing.T) Document {
	prob := 0.7
	updated := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	made := when.MustParse("2023-03-14")
	return Document{
		Predictions: []model.Prediction{
			{ID: 5, Statement: "Open models will match GPT-4, within two years; surely", StatementZh: "开源模型两年内追上 GPT-4",
				Source: "Analyst A", Made: made, Deadline: when.MustParseDeadline("within two years", made), Probability: &prob,
				Links: []model.SourceLink{{URL: "https://example.com/claim"}}, UpdatedAt: updated, Tags: []string{"open-weights"}},
			{ID: 6, Statement: "Ten Chinese models by end of 2024", Source: "Tech Weekly", Made: when.MustParse("2024-01"),
				Deadline:   when.MustParseDeadline("by end of 2024", when.MustParse("2024-01")),
				Resolution: model.Resolution{State: model.StatePartly, Fraction: 0.5, On: when.MustParse("2024-12")}},
			{ID: 7, Statement: "No deadline at all", Source: "Someone", Made: made},
			{ID: 8, Statement: "Not before 2030", Source: "Someone", Made: made, Deadline: when.MustParseDeadline("not before 2030", made)},
		},
		Events: []model.Event{
			{ID: 11, Title: "GPT-4 released", TitleZh: "GPT-4 发布", Date: when.MustParse("2023-03-14"), Actor: "OpenAI",
				Description: "Line one\r\nline two\x07", Links: []model.Link{{URL: "https://openai.com/research/gpt-4"}}, Tags: []string{"gpt-4", "a,b"}},
			{ID: 12, Title: "GPT-4 training finished", Date: when.MustParse("2022-08~")},
			{ID: 13, Title: "A span", Date: when.MustParse("2023-02-24"), End: when.MustParse("2023-07-18")},
			{ID: 14, Title: "Ides of March", Date: when.MustParse("-0044-03-15")},
		},
	}
}

func parseICal(t *testing.T, doc Document, lang string) map[string]*ics.VEvent {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, FormatICal, doc, WriteOptions{Lang: lang}); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("content line longer than 75 octets: %q", line)
		}
	}
	cal, err := ics.ParseCalendar(&buf)
	if err != nil {
		t.Fatal(err)
	}
	byUID := map[string]*ics.VEvent{}
	for _, ev := range cal.Events() {
		byUID[ev.Id()] = ev
	}
	return byUID
}

func prop(ev *ics.VEvent, p ics.ComponentProperty) string {
	if ip := ev.GetProperty(p); ip != nil {
		return ip.Value
	}
	return ""
}

// allDay checks that a property is a DATE value and returns it.
func allDay(t *testing.T, ev *ics.VEvent, p ics.ComponentProperty) string {
	t.Helper()
	ip := ev.GetProperty(p)
	if ip == nil {
		t.Fatalf("%s has no %s", ev.Id(), p)
	}
	if v := ip.ICalParameters["VALUE"]; len(v) != 1 || v[0] != "DATE" {
		t.Errorf("%s %s is not VALUE=DATE: %v", ev.Id(), p, ip.ICalParameters)
	}
	return ip.Value
}

func TestICalExport(t *testing.T) {
	events := parseICal(t, icalDoc(t), "en")
	if len(events) != 5 {
		keys := []string{}
		for k := range events {
			keys = append(keys, k)
		}
		t.Fatalf("got %d calendar events %v, want 5 (two deadlines, three events)", len(events), keys)
	}

	due := events["prediction-5@hindsight"]
	if due == nil {
		t.Fatal("no event for prediction 5")
	}
	if got := allDay(t, due, ics.ComponentPropertyDtStart); got != "20250314" {
		t.Errorf("prediction 5 due %s, want 20250314 (two years after 14 Mar 2023)", got)
	}
	if got := allDay(t, due, ics.ComponentPropertyDtEnd); got != "20250315" {
		t.Errorf("prediction 5 DTEND %s", got)
	}
	if got := prop(due, ics.ComponentPropertySummary); got != "Due: Open models will match GPT-4, within two years; surely" {
		t.Errorf("summary %q", got)
	}
	desc := prop(due, ics.ComponentPropertyDescription)
	for _, want := range []string{"Source: Analyst A", "Made: 14 Mar 2023", "Deadline: within two years", "Probability: 70%", "State: open"} {
		if !strings.Contains(desc, want) {
			t.Errorf("description %q lacks %q", desc, want)
		}
	}
	if got := prop(due, ics.ComponentPropertyUrl); got != "https://example.com/claim" {
		t.Errorf("URL %q", got)
	}
	if stamp, err := due.GetDtStampTime(); err != nil || !stamp.Equal(time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)) {
		t.Errorf("DTSTAMP %v, %v", stamp, err)
	}

	byEnd := events["prediction-6@hindsight"]
	if got := allDay(t, byEnd, ics.ComponentPropertyDtStart); got != "20241231" {
		t.Errorf("prediction 6 due %s, want 20241231", got)
	}
	if !strings.Contains(prop(byEnd, ics.ComponentPropertyDescription), "State: partly true") {
		t.Errorf("prediction 6 description %q", prop(byEnd, ics.ComponentPropertyDescription))
	}

	day := events["event-11@hindsight"]
	if allDay(t, day, ics.ComponentPropertyDtStart) != "20230314" || allDay(t, day, ics.ComponentPropertyDtEnd) != "20230315" {
		t.Errorf("day event spans %s–%s", prop(day, ics.ComponentPropertyDtStart), prop(day, ics.ComponentPropertyDtEnd))
	}
	if got := prop(day, ics.ComponentPropertyDescription); got != "Actor: OpenAI\n\nLine one\nline two\n\nhttps://openai.com/research/gpt-4" {
		t.Errorf("day event description %q", got)
	}
	var cats []string
	for _, c := range day.GetProperties(ics.ComponentPropertyCategories) {
		cats = append(cats, c.Value)
	}
	if strings.Join(cats, "|") != "gpt-4|a,b" {
		t.Errorf("categories %q", cats)
	}

	month := events["event-12@hindsight"]
	if allDay(t, month, ics.ComponentPropertyDtStart) != "20220801" || allDay(t, month, ics.ComponentPropertyDtEnd) != "20220901" {
		t.Errorf("month event spans %s–%s", prop(month, ics.ComponentPropertyDtStart), prop(month, ics.ComponentPropertyDtEnd))
	}
	span := events["event-13@hindsight"]
	if allDay(t, span, ics.ComponentPropertyDtStart) != "20230224" || allDay(t, span, ics.ComponentPropertyDtEnd) != "20230719" {
		t.Errorf("span spans %s–%s", prop(span, ics.ComponentPropertyDtStart), prop(span, ics.ComponentPropertyDtEnd))
	}
}

func TestICalExportChinese(t *testing.T) {
	events := parseICal(t, icalDoc(t), "zh")
	due := events["prediction-5@hindsight"]
	if got := prop(due, ics.ComponentPropertySummary); got != "到期：开源模型两年内追上 GPT-4" {
		t.Errorf("summary %q", got)
	}
	if desc := prop(due, ics.ComponentPropertyDescription); !strings.Contains(desc, "来源：Analyst A") || !strings.Contains(desc, "提出：2023年3月14日") {
		t.Errorf("description %q", desc)
	}
	if got := prop(events["event-11@hindsight"], ics.ComponentPropertySummary); got != "GPT-4 发布" {
		t.Errorf("event summary %q", got)
	}
}

func TestICalUnsavedRecordsGetDistinctUIDs(t *testing.T) {
	doc := synthDocument(20, 20)
	events := parseICal(t, doc, "en")
	if len(events) != 40 {
		t.Fatalf("got %d distinct UIDs for 20 events and 20 predictions with deadlines", len(events))
	}
}

// checkICal holds the iCalendar export of doc to what a real reader gives
// back: every content line folded to 75 octets without splitting a
// character, and every text — summary, description, categories, address
// — read back exactly as it was meant, whatever commas, semicolons,
// backslashes, line ends or long lines of Chinese it holds. The calendar
// has an entry for each record Plan does not leave out.
func checkICal(t *testing.T, doc Document, lang string) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, FormatICal, doc, WriteOptions{Lang: lang}); err != nil {
		t.Fatalf("ical/%s: Write: %v", lang, err)
	}
	text := buf.String()
	if !strings.HasSuffix(text, "\r\n") {
		t.Fatalf("ical/%s: the file does not end with CRLF", lang)
	}
	for _, line := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if len(line) > 75 || !utf8.ValidString(line) || strings.ContainsAny(line, "\r\n") {
			t.Fatalf("ical/%s: content line not folded right (%d octets): %q", lang, len(line), line)
		}
	}
	cal, err := ics.ParseCalendar(strings.NewReader(text))
	if err != nil {
		t.Fatalf("ical/%s: the reader refuses the file: %v\n%s", lang, err, text)
	}
	byUID := map[string]*ics.VEvent{}
	for _, ev := range cal.Events() {
		if byUID[ev.Id()] != nil {
			t.Fatalf("ical/%s: UID %s twice", lang, ev.Id())
		}
		byUID[ev.Id()] = ev
	}

	type entry struct {
		summary, description, url string
		categories                []string
		start, end                when.Day
	}
	want := map[string]entry{}
	for i, p := range doc.Predictions {
		_, due, ok := p.Due()
		if !ok || due == when.MaxDay || !ical.Writable(due) || !ical.Writable(due+1) {
			continue
		}
		summary := "Due: " + p.Statement
		if lang == "zh" {
			summary = "到期：" + p.DisplayStatement("zh")
		}
		e := entry{summary: ical.Text(summary), description: ical.Text(ical.PredictionNotes(p, lang)), start: due, end: due + 1}
		if l := p.FirstLink(); l.URL != "" {
			e.url = l.URL
		}
		e.categories = nonEmptyTexts(p.Tags)
		want[fmt.Sprintf("prediction-unsaved-%d@hindsight", i+1)] = e
		if p.ID != 0 {
			want[fmt.Sprintf("prediction-%d@hindsight", p.ID)] = e
			delete(want, fmt.Sprintf("prediction-unsaved-%d@hindsight", i+1))
		}
	}
	for i, ev := range doc.Events {
		if !ical.Writable(ev.Earliest()) || !ical.Writable(ev.Latest()+1) {
			continue
		}
		e := entry{summary: ical.Text(ev.DisplayTitle(lang)), description: ical.Text(ical.EventNotes(ev, lang)),
			categories: nonEmptyTexts(ev.Tags), start: ev.Earliest(), end: ev.Latest() + 1}
		if len(ev.Links) > 0 {
			e.url = ev.Links[0].URL
		}
		uid := fmt.Sprintf("event-%d@hindsight", ev.ID)
		if ev.ID == 0 {
			uid = fmt.Sprintf("event-unsaved-%d@hindsight", i+1)
		}
		want[uid] = e
	}
	left := 0
	for _, l := range Plan(FormatICal, doc, WriteOptions{Lang: lang}) {
		if l.Records == "events" || l.Records == "predictions" {
			left += l.Count
		}
	}
	if len(byUID) != len(want) || len(want)+left != len(doc.Events)+len(doc.Predictions) {
		t.Fatalf("ical/%s: %d entries, want %d; the plan leaves out %d of %d records", lang, len(byUID), len(want), left,
			len(doc.Events)+len(doc.Predictions))
	}
	for uid, w := range want {
		ev := byUID[uid]
		if ev == nil {
			t.Fatalf("ical/%s: no entry %s", lang, uid)
		}
		var cats []string
		for _, c := range ev.GetProperties(ics.ComponentPropertyCategories) {
			cats = append(cats, c.Value)
		}
		got := entry{summary: prop(ev, ics.ComponentPropertySummary), description: prop(ev, ics.ComponentPropertyDescription),
			url: prop(ev, ics.ComponentPropertyUrl), categories: cats}
		if w.description == "" {
			w.description = got.description // an event with nothing to say has no description
		}
		day := func(p ics.ComponentProperty) when.Day {
			v := allDay(t, ev, p)
			d, err := time.Parse("20060102", v)
			if err != nil {
				t.Fatalf("%s %s = %q: %v", uid, p, v, err)
			}
			return when.FromTime(d)
		}
		got.start, got.end = day(ics.ComponentPropertyDtStart), day(ics.ComponentPropertyDtEnd)
		if !reflect.DeepEqual(got, w) {
			t.Fatalf("ical/%s: %s reads back as\n%#v\nwant\n%#v\nfile:\n%s", lang, uid, got, w, text)
		}
	}
}

func nonEmptyTexts(list []string) []string {
	var out []string
	for _, s := range list {
		if s = ical.Text(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func TestICalReadsBack(t *testing.T) {
	checkICal(t, icalDoc(t), "en")
	checkICal(t, icalDoc(t), "zh")
	long := model.Event{ID: 1, Title: strings.Repeat("百模大战，", 40) + "\\;,:\"end", Date: when.MustParse("2023"),
		Description: strings.Repeat("é", 200) + "\r\n\ttab\\n not a line end; a, b", Tags: []string{"a,b", `c;d\e`},
		Links: []model.Link{{URL: "https://a.example/" + strings.Repeat("x,y;", 40)}}}
	checkICal(t, Document{Events: []model.Event{long}}, "en")
}
