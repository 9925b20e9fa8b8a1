package exchange

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/exchange/markwhen"
	"github.com/hindsight-app/hindsight/internal/exchange/record"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The round-trip property of every writer: any document that can be read
// in (valid, normalised records, as an import returns them) survives a
// write and a read unchanged, except for what Plan said, before writing,
// the format cannot carry. Plan's counts are checked too: each loss it
// names changes exactly that many records.

// docGen builds a document of valid records from a stream of bytes,
// favouring the text, dates and links the formats find hardest. The same
// bytes give the same document, so a fuzz input names one; once the bytes
// run out every choice is the first.
type docGen struct {
	data []byte
	pos  int
}

func (g *docGen) intn(n int) int {
	if g.pos >= len(g.data) || n <= 1 {
		return 0
	}
	b := g.data[g.pos]
	g.pos++
	return int(b) % n
}

func pick[T any](g *docGen, list []T) T { return list[g.intn(len(list))] }

// Pieces of text that some format gives a meaning to.
var textPieces = []string{
	"a", "Title", "GPT-4", "OpenAI", " ", "  ", "\t", "\n", "\n\n", "\n\n\n", "\n  ", "\n\t", "\r\n", "\r",
	"#", "#tag", " #1", ":", ": ", "//", " // ", "[", "]", "(", ")", "](", "[q](https://a.example/x)",
	"https://b.example/", "\n[x](https://c.example/)", "\\", "\\\\", ",", ";", "\"", "'", "=", "+", "-", "@",
	"<", ">", "&", "&amp;", "<b>", "</p>", "&nbsp;", "section ", "endSection", "group ", "endGroup",
	"2023-01-01: ", "2023: ", "---", "key: value", "id: 5", "- [ ] ", "* ", "**", "# ", "\n    code",
	"中文", "年底", "，", "；", "\u00a0", "\u3000", "😀", "é", "ß", "x", "\u2028", "\u200b", "\ufeff", "\u202e",
}

var tagPieces = []string{
	"ai", "R&D, policy", "US;EU", `"q"`, `say "hi"`, "c++", "百模大战", "1999", "-x", "'=x", "#x", "a b",
	"x_y", "open-weights", ";", ",", "tag\nline", "中文，标签", "=1+1",
}

var urlPieces = []string{
	"https://a.example/", "https://b.example/x?y=(1)&z=2", "http://c.example/a_b#frag", "https://例子.example/路径",
	"https://d.example/)", "https://e.example/[x]", "https://f.example/a%20b", "https://g.example/\"q\"",
	"https://h.example/<x>&amp;", "https://i.example/a,b;c",
}

var dateTexts = []string{
	"2023", "2023-03", "2023-03-14", "2023-03-14T10:30", "2023-03-14T10:30:05", "2022-08~", "2023?", "2023%",
	"2023-35", "2023-21", "2023-24", "2023-40", "2023-12/2024-01", "2023-05~/2023-08~", "2023-09~/2023-12~",
	"-0044-03-15", "0001", "0000", "9999-12-31", "1999-02-28/2001", "2024-02-29", "1000", "0999-01",
	"2023-03-14T23:59/2023-03-15T00:01", "2024", "2025-06-30", "2024-01", "2023-12~",
}

var deadlinePhrases = []string{
	"within two years", "by end of 2024", "两年内", "2025年底", "end of 2025", "between 2024 and 2025",
	"not before 2026", "this year", "明年底", "by 2025-12-31", "mid-2024", "after March 2025",
	"2024-03 to 2024-06", "by Q3 2024", "~2024", "late 2025", "by\r2025",
}

var dates = func() []when.Date {
	var out []when.Date
	for _, s := range dateTexts {
		out = append(out, when.MustParse(s))
	}
	return out
}()

func (g *docGen) text(pieces int) string {
	var b strings.Builder
	for range g.intn(pieces + 1) {
		b.WriteString(pick(g, textPieces))
	}
	return b.String()
}

// nonEmpty is text that is not blank.
func (g *docGen) nonEmpty(pieces int) string {
	if s := g.text(pieces); strings.TrimSpace(s) != "" {
		return s
	}
	return "t"
}

// dateFrom is a date whose last day is not before from's first.
func (g *docGen) dateFrom(from when.Date) when.Date {
	for range 4 {
		if d := pick(g, dates); d.Latest() >= from.Earliest() {
			return d
		}
	}
	return from
}

func (g *docGen) timestamp() time.Time {
	if g.intn(3) > 0 {
		return time.Time{}
	}
	return time.Date(2024, 5, 6, 7, g.intn(60), g.intn(60), g.intn(1000)*int(time.Millisecond), time.UTC)
}

func (g *docGen) tags() []string {
	var tags []string
	for range g.intn(4) {
		tags = append(tags, pick(g, tagPieces))
	}
	return tags
}

func (g *docGen) link() model.Link {
	l := model.Link{URL: pick(g, urlPieces)}
	if g.intn(3) > 0 {
		l.Quote = g.text(4)
	}
	if g.intn(8) == 0 {
		l.Quote = l.URL
	}
	return l
}

func (g *docGen) event(id int64) (model.Event, bool) {
	e := model.Event{ID: id, Title: g.nonEmpty(6), Date: pick(g, dates), Category: pick(g, model.Categories), Tags: g.tags()}
	if g.intn(3) == 0 {
		e.End = g.dateFrom(e.Date)
	}
	if g.intn(2) == 0 {
		e.TitleZh = g.text(3)
	}
	if g.intn(2) == 0 {
		e.Actor = g.text(3)
	}
	if g.intn(3) > 0 {
		e.Description = g.text(14)
	}
	for range g.intn(4) {
		e.Links = append(e.Links, g.link())
	}
	e.CreatedAt, e.UpdatedAt = g.timestamp(), g.timestamp()
	e.Normalize()
	if len(e.Links) == 0 {
		e.Links = nil
	}
	return e, e.Validate() == nil
}

var probabilities = []float64{0, 1, 0.7, 0.123456789, 1e-9, 0.5}

// claimLink is a prediction's link: sometimes only a quote, sometimes with
// a published date, sometimes primary.
func (g *docGen) claimLink() model.SourceLink {
	l := model.SourceLink{URL: pick(g, urlPieces)}
	switch g.intn(6) {
	case 0:
		l.URL, l.Quote = "", g.nonEmpty(3)
	case 1, 2:
		l.Quote = g.text(4)
	}
	if g.intn(2) == 0 {
		l.Published = pick(g, dates)
	}
	l.Primary = l.URL != "" && g.intn(2) == 0
	return l
}

func (g *docGen) prediction(id int64, eventIDs []int64, earlier []model.Prediction) (model.Prediction, bool) {
	p := model.Prediction{ID: id, Statement: g.nonEmpty(6), Source: g.nonEmpty(3), Made: pick(g, dates),
		Criteria: g.text(5), Tags: g.tags(), Kind: pick(g, model.Kinds), Provenance: pick(g, model.Provenances)}
	if len(earlier) > 0 && g.intn(3) == 0 {
		// A restatement: the same source, made no earlier.
		q := pick(g, earlier)
		if q.ID > 0 {
			p.Restates, p.Source, p.Made = q.ID, q.Source, g.dateFrom(q.Made)
		}
	}
	if g.intn(3) == 0 {
		p.Interest = g.text(3)
	}
	if g.intn(4) == 0 {
		p.ReviewedOn = g.dateFrom(p.Made)
	}
	if g.intn(2) == 0 {
		p.StatementZh = g.text(3)
	}
	switch g.intn(3) {
	case 1:
		dl, err := when.ParseDeadline(pick(g, deadlinePhrases), p.Made)
		if err == nil {
			p.Deadline = dl
		}
	case 2:
		dl, err := when.ParseDeadline(pick(g, deadlinePhrases), p.Made)
		if err == nil {
			dl.Phrase = "" // a Hindsight file may hold the reading alone
			p.Deadline = dl
		}
	}
	if p.Kind == model.KindForecast && g.intn(2) == 0 {
		v := pick(g, probabilities)
		p.Probability = &v
	}
	for range g.intn(4) {
		p.Links = append(p.Links, g.claimLink())
	}
	p.Resolution.State = pick(g, model.States)
	if p.Resolution.Resolved() {
		if p.Resolution.State != model.StateUnfalsifiable || g.intn(2) == 0 {
			p.Resolution.On = g.dateFrom(p.Made)
		}
		p.Resolution.Note = g.text(4)
		if p.Resolution.State == model.StatePartly {
			p.Resolution.Fraction = pick(g, []float64{0, 0.5, 0.25, 0.123456789})
		}
		for _, id := range eventIDs {
			if g.intn(3) == 0 {
				p.Resolution.Evidence = append(p.Resolution.Evidence, model.Evidence{EventID: id, Role: pick(g, []model.Role{model.RoleResolves, model.RoleSupports, model.RoleContradicts})})
			}
		}
	}
	for v := range g.intn(3) {
		p.History = append(p.History, model.Wording{Version: v + 1, Statement: g.nonEmpty(3), SavedAt: time.Date(2024, 1, v+1, 0, 0, 0, 0, time.UTC)})
	}
	p.CreatedAt, p.UpdatedAt = g.timestamp(), g.timestamp()
	p.Normalize()
	if len(p.Links) == 0 {
		p.Links = nil
	}
	return p, p.Validate() == nil
}

func (g *docGen) period(id int64) (model.Period, bool) {
	p := model.Period{ID: id, Title: g.nonEmpty(3), Start: pick(g, dates), Description: g.text(4),
		Lane: g.text(2), Color: pick(g, []string{"", "#d336b1", "#ABC", "teal"})}
	if g.intn(2) == 0 {
		if end := g.dateFrom(p.Start); end != p.Start {
			p.End = end
		}
	}
	for range g.intn(3) {
		p.Links = append(p.Links, model.Link{URL: pick(g, urlPieces), Quote: g.text(2)})
	}
	p.CreatedAt, p.UpdatedAt = g.timestamp(), g.timestamp()
	var rp record.Collector
	return p, rp.FinishPeriod(&p)
}

func (g *docGen) document() Document {
	var doc Document
	var ids []int64
	for i := range g.intn(6) {
		id := int64(i + 1)
		switch g.intn(5) {
		case 0:
			id = 0
		case 1:
			id = -id // a CSV file may say so
		}
		if e, ok := g.event(id); ok {
			doc.Events = append(doc.Events, e)
			if id > 0 {
				ids = append(ids, id)
			}
		}
	}
	for i := range g.intn(5) {
		if p, ok := g.prediction(int64(i+1), ids, doc.Predictions); ok {
			doc.Predictions = append(doc.Predictions, p)
		}
	}
	for i := range g.intn(3) {
		id := int64(i + 1)
		if g.intn(3) == 0 {
			id = 0
		}
		if p, ok := g.period(id); ok {
			doc.Periods = append(doc.Periods, p)
		}
	}
	names := map[string]bool{}
	for range g.intn(3) {
		v := g.view()
		if !names[v.Name] {
			names[v.Name] = true
			doc.Views = append(doc.Views, v)
		}
	}
	for _, p := range doc.Predictions {
		if g.intn(2) == 1 {
			doc.Reminders = append(doc.Reminders, model.Reminder{PredictionID: p.ID, SentAt: g.timestamp()})
		}
	}
	return doc
}

// view is a saved view as a window saves one: a trimmed name and any
// filter.
func (g *docGen) view() filter.SavedView {
	v := filter.SavedView{Name: strings.TrimSpace(g.nonEmpty(3))}
	if v.Name == "" {
		v.Name = "v"
	}
	for range g.intn(3) {
		v.Filter.Categories = append(v.Filter.Categories, pick(g, model.Categories))
	}
	for range g.intn(3) {
		v.Filter.States = append(v.Filter.States, pick(g, model.States))
	}
	for range g.intn(3) {
		v.Filter.Actors = append(v.Filter.Actors, g.nonEmpty(2))
	}
	for range g.intn(3) {
		v.Filter.Tags = append(v.Filter.Tags, pick(g, tagPieces))
	}
	v.Filter.From, v.Filter.To = g.text(2), g.text(2)
	return v
}

// checkWriters holds every format to the round-trip property for doc, in
// both languages.
func checkWriters(t *testing.T, doc Document) {
	t.Helper()
	for _, lang := range []string{"en", "zh"} {
		for _, f := range []Format{FormatHindsightJSON, FormatCSVEvents, FormatCSVPredictions, FormatTimelineJS, FormatMarkwhen} {
			checkWriter(t, f, lang, doc)
		}
		checkICal(t, doc, lang) // export only: read back by a real iCalendar reader
	}
}

func checkWriter(t *testing.T, f Format, lang string, doc Document) {
	t.Helper()
	losses := Plan(f, doc, WriteOptions{Lang: lang})
	want := expectedAfter(t, f, lang, doc, losses)

	var buf bytes.Buffer
	if err := Write(&buf, f, doc, WriteOptions{Lang: lang}); err != nil {
		t.Fatalf("%s/%s: Write: %v", f, lang, err)
	}
	res, err := Read(bytes.NewReader(buf.Bytes()), f, ReadOptions{})
	if err != nil {
		t.Fatalf("%s/%s: Read: %v\n%s", f, lang, err, buf.String())
	}
	for _, p := range res.Problems {
		t.Fatalf("%s/%s: a problem reading what was written: %s\n%s", f, lang, p, buf.String())
	}
	got := res.Doc
	where := string(f) + "/" + lang
	if len(got.Events) != len(want.Events) {
		t.Fatalf("%s: %d events came back, want %d\n%s", where, len(got.Events), len(want.Events), buf.String())
	}
	for i := range want.Events {
		if !reflect.DeepEqual(got.Events[i], want.Events[i]) {
			t.Fatalf("%s: event %d differs (plan %v):\n got %s\nwant %s\nfile:\n%s", where, i, losses, describe(got.Events[i]), describe(want.Events[i]), buf.String())
		}
	}
	if len(got.Predictions) != len(want.Predictions) {
		t.Fatalf("%s: %d predictions came back, want %d", where, len(got.Predictions), len(want.Predictions))
	}
	for i := range want.Predictions {
		if !reflect.DeepEqual(got.Predictions[i], want.Predictions[i]) {
			t.Fatalf("%s: prediction %d differs (plan %v):\n got %s\nwant %s\nfile:\n%s", where, i, losses, describe(got.Predictions[i]), describe(want.Predictions[i]), buf.String())
		}
	}
	sameOrder := f != FormatMarkwhen // Markwhen sections come back in file order
	if sameOrder && !reflect.DeepEqual(got.Periods, want.Periods) || !sameOrder && !samePeriods(got.Periods, want.Periods) {
		t.Fatalf("%s: periods\n got %+v\nwant %+v\nfile:\n%s", where, got.Periods, want.Periods, buf.String())
	}
	if !reflect.DeepEqual(got.Sources, want.Sources) {
		t.Fatalf("%s: sources\n got %+v\nwant %+v", where, got.Sources, want.Sources)
	}
	if !reflect.DeepEqual(got.Views, want.Views) {
		t.Fatalf("%s: saved views\n got %+v\nwant %+v", where, got.Views, want.Views)
	}
	if !reflect.DeepEqual(got.Reminders, want.Reminders) {
		t.Fatalf("%s: reminders\n got %+v\nwant %+v", where, got.Reminders, want.Reminders)
	}
}

// expectedAfter is doc as format f should give it back, given the losses
// Plan announced. It fails the test when a loss is not one the format may
// have, when a kind of record the format does not write goes unannounced,
// or when a loss's count is not the number of records it changes.
func expectedAfter(t *testing.T, f Format, lang string, doc Document, losses []Loss) Document {
	t.Helper()
	c := carried[f]
	want := Document{}
	announced := map[string]Loss{}
	for _, l := range losses {
		if l.Count < 1 || l.Message == "" || !strings.Contains(l.Message, strconv.Itoa(l.Count)) {
			t.Fatalf("%s/%s: loss without a count or message: %+v", f, lang, l)
		}
		key := l.Records + "." + l.Field
		if _, dup := announced[key]; dup {
			t.Fatalf("%s/%s: loss announced twice: %+v", f, lang, l)
		}
		announced[key] = l
	}
	kinds := []struct {
		name    string
		n       int
		carried bool
	}{{"events", len(doc.Events), c.events}, {"predictions", len(doc.Predictions), c.predictions},
		{"periods", len(doc.Periods), c.periods}, {"sources", len(doc.Sources), c.sources},
		{"views", len(doc.Views), c.views}, {"reminders", len(doc.Reminders), c.reminders}}
	for _, k := range kinds {
		l, ok := announced[k.name+"."]
		switch {
		case !k.carried && k.n > 0 && (!ok || l.Count != k.n):
			t.Fatalf("%s/%s: %d %s are not written, and the plan says %+v", f, lang, k.n, k.name, l)
		case k.carried && ok:
			t.Fatalf("%s/%s: %s are written, yet the plan says %+v", f, lang, k.name, l)
		}
		delete(announced, k.name+".")
	}
	if c.events {
		want.Events = append([]model.Event(nil), doc.Events...)
	}
	if c.predictions {
		want.Predictions = append([]model.Prediction(nil), doc.Predictions...)
	}
	if c.periods {
		want.Periods = append([]model.Period(nil), doc.Periods...)
	}
	if c.sources {
		want.Sources = doc.Sources
	}
	if c.views {
		want.Views = doc.Views
	}
	if c.reminders {
		want.Reminders = doc.Reminders
	}

	// Each field loss, applied to the records it concerns, must change as
	// many of them as it says.
	apply := func(records, field string, change func(i int) bool) bool {
		l, ok := announced[records+"."+field]
		if !ok {
			return false
		}
		delete(announced, records+"."+field)
		changed := 0
		n := map[string]int{"events": len(want.Events), "predictions": len(want.Predictions), "periods": len(want.Periods)}[records]
		for i := range n {
			if change(i) {
				changed++
			}
		}
		if changed != l.Count {
			t.Fatalf("%s/%s: the plan says %q, but it changes %d", f, lang, l.Message, changed)
		}
		return true
	}
	events, preds := want.Events, want.Predictions
	apply("events", LossLineEnds, func(i int) bool {
		e := &events[i]
		before := describe(*e)
		if f == FormatMarkwhen {
			e.Description = record.UnixNewlines(e.Description) // its other text travels as JSON
		} else {
			for _, s := range []*string{&e.Title, &e.TitleZh, &e.Actor, &e.Description} {
				*s = record.UnixNewlines(*s)
			}
			e.Links = slices.Clone(e.Links)
			for j := range e.Links {
				e.Links[j].Quote = record.UnixNewlines(e.Links[j].Quote)
			}
		}
		return describe(*e) != before
	})
	apply("predictions", LossLineEnds, func(i int) bool {
		p := &preds[i]
		before := describe(*p)
		for _, s := range []*string{&p.Statement, &p.StatementZh, &p.Source, &p.Criteria, &p.Interest, &p.Resolution.Note, &p.Deadline.Phrase} {
			*s = record.UnixNewlines(*s)
		}
		p.Links = slices.Clone(p.Links)
		for j := range p.Links {
			p.Links[j].Quote = record.UnixNewlines(p.Links[j].Quote)
		}
		return describe(*p) != before
	})
	periods := want.Periods
	apply("periods", LossLineEnds, func(i int) bool {
		g := &periods[i]
		before := markwhen.SectionKey(*g)
		for _, s := range []*string{&g.Title, &g.Lane, &g.Description} {
			*s = record.UnixNewlines(*s)
		}
		g.Links = slices.Clone(g.Links)
		for j := range g.Links {
			g.Links[j].Quote = record.UnixNewlines(g.Links[j].Quote)
		}
		return markwhen.SectionKey(*g) != before
	})
	apply("periods", LossTimes, func(i int) bool { return dropTimes(&periods[i].CreatedAt, &periods[i].UpdatedAt) })
	apply("periods", LossColor, func(i int) bool { return reset(&periods[i].Color, "") })
	apply("periods", LossLane, func(i int) bool { return reset(&periods[i].Lane, "") })
	apply("periods", LossLinkQuote, func(i int) bool {
		g := &periods[i]
		before := markwhen.SectionKey(*g)
		g.Links = slices.Clone(g.Links)
		for j := range g.Links {
			l := &g.Links[j]
			if strings.ContainsAny(l.Quote, "\r\n") {
				l.Quote = strings.Join(strings.Fields(l.Quote), " ")
			}
			if l.Quote == l.URL {
				l.Quote = ""
			}
		}
		return markwhen.SectionKey(*g) != before
	})
	apply("periods", LossID, func(i int) bool {
		for j := range i {
			if periods[j].ID != 0 && periods[j].ID == periods[i].ID {
				periods[i].ID = 0
				return true
			}
		}
		return false
	})
	apply("events", LossTimes, func(i int) bool { return dropTimes(&events[i].CreatedAt, &events[i].UpdatedAt) })
	apply("predictions", LossTimes, func(i int) bool { return dropTimes(&preds[i].CreatedAt, &preds[i].UpdatedAt) })
	apply("events", LossTags, func(i int) bool {
		had := len(events[i].Tags) > 0
		events[i].Tags = []string{}
		return had
	})
	apply("events", LossCategory, func(i int) bool { return reset(&events[i].Category, model.CategoryOther) })
	apply("events", LossTitleZh, func(i int) bool { return reset(&events[i].TitleZh, "") })
	apply("events", LossTitle, func(i int) bool {
		e := &events[i]
		had := e.TitleZh != ""
		if had {
			e.Title, e.TitleZh = e.TitleZh, ""
		}
		return had
	})
	apply("events", LossDate, func(i int) bool {
		had := spanAndSameEnd(events[i].Date, events[i].End)
		if had {
			events[i].End = when.Date{}
		}
		return had
	})
	apply("periods", LossDate, func(i int) bool {
		g := &periods[i]
		had := spanAndSameEnd(g.Start, g.End)
		if had {
			g.End = when.Date{}
		}
		return had
	})
	apply("events", LossLinkQuote, func(i int) bool {
		e := &events[i]
		before := describe(*e)
		e.Links = slices.Clone(e.Links)
		for j := 1; j < len(e.Links); j++ {
			l := &e.Links[j]
			if strings.ContainsAny(l.Quote, "\r\n") {
				l.Quote = strings.Join(strings.Fields(l.Quote), " ")
			}
			if l.Quote == l.URL {
				l.Quote = ""
			}
		}
		return describe(*e) != before
	})
	apply("predictions", LossEvidence, func(i int) bool {
		had := len(preds[i].Resolution.Evidence) > 0
		preds[i].Resolution.Evidence = nil
		return had
	})
	apply("predictions", LossHistory, func(i int) bool {
		had := len(preds[i].History) > 0
		preds[i].History = nil
		return had
	})
	apply("predictions", LossDeadline, func(i int) bool {
		p := &preds[i]
		if !phraseReadsOtherwise(*p) {
			return false
		}
		p.Deadline, _ = when.ParseDeadline(p.Deadline.Phrase, p.Made)
		return true
	})
	if apply("periods", LossDuplicate, func(i int) bool {
		return slices.IndexFunc(want.Periods, func(g model.Period) bool { return markwhen.SectionKey(g) == markwhen.SectionKey(want.Periods[i]) }) < i
	}) {
		var once []model.Period
		seen := map[string]bool{}
		for _, g := range want.Periods {
			if !seen[markwhen.SectionKey(g)] {
				seen[markwhen.SectionKey(g)] = true
				once = append(once, g)
			}
		}
		want.Periods = once
	}
	for key, l := range announced {
		t.Fatalf("%s/%s: the plan names a loss the format does not have (%s): %+v", f, lang, key, l)
	}
	return want
}

// TestWritersRoundTrip runs the property over documents built from random
// bytes, and over the seed and synthetic data.
func TestWritersRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 2025))
	n := 400
	if testing.Short() {
		n = 50
	}
	for range n {
		data := make([]byte, 64+rng.IntN(512))
		for i := range data {
			data[i] = byte(rng.UintN(256))
		}
		checkWriters(t, (&docGen{data: data}).document())
	}
	seed := seedDocument(t)
	fixedTimes(&seed)
	checkWriters(t, seed)
	checkWriters(t, synthDocument(300, 100))
}

// FuzzWriteRoundTrip lets the fuzzer pick the documents.
func FuzzWriteRoundTrip(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		checkWriters(t, (&docGen{data: data}).document())
	})
}

// dropTimes clears a record's stamps and says whether it had any.
func dropTimes(created, updated *time.Time) bool {
	had := !created.IsZero() || !updated.IsZero()
	*created, *updated = time.Time{}, time.Time{}
	return had
}

// reset sets *v to to and says whether it held something else.
func reset[V comparable](v *V, to V) bool {
	had := *v != to
	*v = to
	return had
}
