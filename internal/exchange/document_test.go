package exchange

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/data"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/when"
)

// seedDocument converts the bundled seed dataset into a Document, giving
// events the IDs 1, 2, 3… in file order.
func seedDocument(t testing.TB) Document {
	t.Helper()
	seed, err := data.Load()
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]string{}
	for _, s := range seed.Sources {
		sources[s.Key] = s.Name
	}
	var doc Document
	ids := map[string]int64{}
	for i, se := range seed.Events {
		e := model.Event{
			ID: int64(i + 1), Title: se.Title, TitleZh: se.TitleZh, Actor: se.Actor,
			Category: model.Category(se.Category), Tags: se.Tags, Description: se.Description,
			Date: when.MustParse(se.Date),
		}
		if se.End != "" {
			e.End = when.MustParse(se.End)
		}
		for _, l := range se.Links {
			e.Links = append(e.Links, model.Link{URL: l.URL, Quote: l.Quote})
		}
		ids[se.Key] = e.ID
		doc.Events = append(doc.Events, e)
	}
	for i, sp := range seed.Predictions {
		p := model.Prediction{
			ID: int64(i + 1), Statement: sp.Statement, StatementZh: sp.StatementZh, Source: sources[sp.Source],
			Probability: sp.Probability, Criteria: sp.Criteria, Tags: sp.Tags, Kind: sp.Kind, Provenance: sp.Provenance,
			Interest: sp.Interest, Made: when.MustParse(sp.Made),
		}
		for _, l := range sp.Links {
			link := model.SourceLink{URL: l.URL, Quote: l.Quote, Primary: l.Primary}
			if l.Published != "" {
				link.Published = when.MustParse(l.Published)
			}
			p.Links = append(p.Links, link)
		}
		if sp.Deadline != "" {
			if p.Deadline, err = when.ParseDeadline(sp.Deadline, p.Made); err != nil {
				t.Fatal(err)
			}
		}
		if r := sp.Resolution; r != nil {
			p.Resolution = model.Resolution{State: model.State(r.State), Note: r.Note}
			if r.On != "" {
				p.Resolution.On = when.MustParse(r.On)
			}
			if r.Fraction != nil {
				p.Resolution.Fraction = *r.Fraction
			}
			for _, ev := range r.Evidence {
				p.Resolution.Evidence = append(p.Resolution.Evidence, model.Evidence{EventID: ids[ev.Event], Role: model.Role(ev.Role)})
			}
		}
		doc.Predictions = append(doc.Predictions, p)
	}
	normalize(&doc)
	return doc
}

// synthDocument is a large synthetic document, normalised.
func synthDocument(events, preds int) Document {
	g := synth.New(1)
	doc := Document{Events: g.Events(events), Predictions: g.Predictions(preds)}
	normalize(&doc)
	return doc
}

// eventSets are the sets of events a format's round trip is tried on, by
// name: 500 synthetic events and the seed's.
func eventSets(t testing.TB) map[string][]model.Event {
	return map[string][]model.Event{"synthetic": synthDocument(500, 0).Events, "seed": seedDocument(t).Events}
}

// chatGPTEras are the periods a format's round trip is tried on: before
// and after ChatGPT (after, its title, in characters the format must
// escape), then last.
func chatGPTEras(after string, last model.Period) []model.Period {
	return []model.Period{
		{Title: "Before ChatGPT", Start: when.MustParse("2015"), End: when.MustParse("2022-11-29")},
		{Title: after, Start: when.MustParse("2022-11-30"), End: when.MustParse("2026~")},
		last,
	}
}

func normalize(doc *Document) {
	for i := range doc.Events {
		doc.Events[i].Normalize()
	}
	for i := range doc.Predictions {
		doc.Predictions[i].Normalize()
	}
}

// roundTrip writes doc in format f and reads it back, failing on any error
// or problem.
func roundTrip(t *testing.T, f Format, doc Document) Document {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, f, doc, WriteOptions{}); err != nil {
		t.Fatalf("Write %s: %v", f, err)
	}
	res, err := Read(bytes.NewReader(buf.Bytes()), f, ReadOptions{})
	if err != nil {
		t.Fatalf("Read %s: %v", f, err)
	}
	for _, p := range res.Problems {
		t.Errorf("Read %s: unexpected problem %s", f, p)
	}
	return res.Doc
}

// rereadsSame writes doc as f, reads it back and fails the test unless its
// events come back the same and its periods the same in any order (what
// names the document in a failure). It returns what was read back, for
// the checks that only some formats pass.
func rereadsSame(t *testing.T, what string, f Format, doc Document) Document {
	t.Helper()
	again := roundTrip(t, f, doc)
	sameEvents(t, again.Events, doc.Events)
	if !samePeriods(again.Periods, doc.Periods) {
		t.Errorf("%s: periods\n got %+v\nwant %+v", what, again.Periods, doc.Periods)
	}
	return again
}

// reimported is what a text read, and what that read back as once written.
type reimported struct {
	Result
	again Document
}

// reimportsSame reads each text as f, checks that what is read is valid
// and writes and reads back the same (rereadsSame), and returns what was
// read by text.
func reimportsSame(t *testing.T, f Format, texts []string) map[string]reimported {
	t.Helper()
	read := map[string]reimported{}
	for _, text := range texts {
		res, err := Read(strings.NewReader(text), f, ReadOptions{})
		if err != nil {
			t.Errorf("%q: %v", text, err)
			continue
		}
		checkValid(t, res)
		read[text] = reimported{res, rereadsSame(t, fmt.Sprintf("%q", text), f, res.Doc)}
	}
	return read
}

// readFuzzed reads fuzzed data as f, at most 1 MiB of it. An error must
// come without a result, and be one of kinds when any are given. ok says
// whether there is a result, checked valid (checkValid), to check further.
func readFuzzed(t *testing.T, data []byte, f Format, opt ReadOptions, kinds ...error) (res Result, ok bool) {
	t.Helper()
	opt.MaxBytes = 1 << 20
	res, err := Read(bytes.NewReader(data), f, opt)
	if err != nil {
		if len(res.Doc.Events)+len(res.Doc.Predictions)+len(res.Problems) > 0 {
			t.Fatalf("an error came with a result: %v", err)
		}
		if len(kinds) > 0 && !slices.ContainsFunc(kinds, func(kind error) bool { return errors.Is(err, kind) }) {
			t.Fatalf("unexpected kind of error: %v", err)
		}
		return res, false
	}
	checkValid(t, res)
	return res, true
}

// sameEvents compares events one by one so that a failure names the first
// difference.
func sameEvents(t *testing.T, got, want []model.Event) {
	t.Helper()
	sameRecords(t, "event", got, want)
}

func samePredictions(t *testing.T, got, want []model.Prediction) {
	t.Helper()
	sameRecords(t, "prediction", got, want)
}

// sameRecords compares records of one kind (what names it) one by one.
func sameRecords[R any](t *testing.T, what string, got, want []R) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d %ss, want %d", len(got), what, len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("%s %d differs:\n got %s\nwant %s", what, i, describe(got[i]), describe(want[i]))
		}
	}
}

func describe(v any) string {
	s := fmt.Sprintf("%+v", v)
	if p, ok := v.(model.Prediction); ok && p.Probability != nil {
		s += fmt.Sprintf(" probability=%v", *p.Probability)
	}
	return s
}

// checkValid is the property every import must keep: what it returns is
// normalised and valid.
func checkValid(t *testing.T, res Result) {
	t.Helper()
	for i, e := range res.Doc.Events {
		n := e
		n.Normalize()
		if err := n.Validate(); err != nil {
			t.Fatalf("event %d is invalid: %v\n%+v", i, err, e)
		}
		if !reflect.DeepEqual(n.Tags, e.Tags) || n.Title != e.Title || n.Category != e.Category {
			t.Fatalf("event %d is not normalised: %+v", i, e)
		}
	}
	for i, p := range res.Doc.Predictions {
		n := p
		n.Normalize()
		if err := n.Validate(); err != nil {
			t.Fatalf("prediction %d is invalid: %v\n%+v", i, err, p)
		}
	}
	for i, g := range res.Doc.Periods {
		if g.Start.IsZero() {
			t.Fatalf("group %d has no start: %+v", i, g)
		}
	}
	for i, p := range res.Problems {
		if p.Message == "" || p.Record == "" {
			t.Fatalf("problem %d does not say what or where: %+v", i, p)
		}
	}
}

// readTestdata reads a file under testdata in format f.
func readTestdata(t *testing.T, name string, f Format) Result {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read(bytes.NewReader(raw), f, ReadOptions{})
	if err != nil {
		t.Fatalf("Read %s: %v", name, err)
	}
	checkValid(t, res)
	return res
}

// readCounting reads a file of testdata as readTestdata does and stops
// the test unless it holds the number of events and predictions given.
func readCounting(t *testing.T, name string, f Format, events, preds int) Result {
	t.Helper()
	res := readTestdata(t, name, f)
	if len(res.Doc.Events) != events || len(res.Doc.Predictions) != preds {
		t.Fatalf("%s: %d events and %d predictions, want %d and %d; problems %v",
			name, len(res.Doc.Events), len(res.Doc.Predictions), events, preds, res.Problems)
	}
	return res
}

// reimportFuzz is the fuzz target of an importer: what it reads from a
// file (readFuzzed) writes as rereadAs and reads back the same
// (rereadsSame).
type reimportFuzz struct {
	format   Format
	opt      ReadOptions
	kinds    []error // the kinds of error a file may be refused with; any when none
	rereadAs Format  // format when not set
	// check, when set, is what else must hold of what was read and what
	// it read back as.
	check func(t *testing.T, read Result, again Document)
}

func (z reimportFuzz) run(f *testing.F) {
	if z.rereadAs == "" {
		z.rereadAs = z.format
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, ok := readFuzzed(t, data, z.format, z.opt, z.kinds...)
		if !ok {
			return
		}
		again := rereadsSame(t, "fuzzed", z.rereadAs, res.Doc)
		if z.check != nil {
			z.check(t, res, again)
		}
	})
}

// problemAt finds the problem reported for record and field.
func problemAt(t *testing.T, problems []Problem, record, field string) Problem {
	t.Helper()
	for _, p := range problems {
		if p.Record == record && p.Field == field {
			return p
		}
	}
	t.Fatalf("no problem for %s %q among %v", record, field, problems)
	return Problem{}
}

// problemSays finds the problem reported for record and field, as
// problemAt does, and fails the test unless its message says says.
func problemSays(t *testing.T, problems []Problem, record, field, says string) Problem {
	t.Helper()
	p := problemAt(t, problems, record, field)
	if !strings.Contains(p.Message, says) {
		t.Errorf("the problem for %s %q does not say %q: %+v", record, field, says, p)
	}
	return p
}

func TestReadRefusesUnknownAndExportOnlyFormats(t *testing.T) {
	for _, f := range []Format{"docx", FormatICal} {
		_, err := Read(strings.NewReader("BEGIN:VCALENDAR"), f, ReadOptions{})
		if !errors.Is(err, ErrUnsupported) {
			t.Errorf("Read(%q) = %v, want ErrUnsupported", f, err)
		}
	}
	if err := Write(&bytes.Buffer{}, "docx", Document{}, WriteOptions{}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("Write(docx) = %v, want ErrUnsupported", err)
	}
}

func TestReadStopsWhenCancelled(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, FormatCSVEvents, synthDocument(5000, 0), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := Read(bytes.NewReader(buf.Bytes()), FormatCSVEvents, ReadOptions{
		Context:  ctx,
		Progress: func(done, total int) { calls++; cancel() },
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Read after cancel = %v, want context.Canceled", err)
	}
	if calls != 1 {
		t.Errorf("progress called %d times before the import stopped, want 1", calls)
	}

	_, err = Read(bytes.NewReader(buf.Bytes()), FormatCSVEvents, ReadOptions{Context: ctx})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Read with a cancelled context = %v, want context.Canceled", err)
	}
}

func TestReadReportsProgress(t *testing.T) {
	doc := synthDocument(2500, 600)
	for _, f := range []Format{FormatHindsightJSON, FormatCSVEvents, FormatTimelineJS, FormatMarkwhen} {
		var buf bytes.Buffer
		if err := Write(&buf, f, doc, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		var seen [][2]int
		_, err := Read(&buf, f, ReadOptions{Progress: func(done, total int) { seen = append(seen, [2]int{done, total}) }})
		if err != nil {
			t.Fatal(err)
		}
		total := 2500
		if f == FormatHindsightJSON || f == FormatMarkwhen { // both carry the predictions
			total = 3100
		}
		want := [][2]int{{1000, total}, {2000, total}}
		if total > 3000 {
			want = append(want, [2]int{3000, total})
		}
		want = append(want, [2]int{total, total})
		if !reflect.DeepEqual(seen, want) {
			t.Errorf("%s: progress %v, want %v", f, seen, want)
		}
	}
}

func TestReadRefusesLargeFiles(t *testing.T) {
	big := strings.Repeat("x", 2048)
	_, err := Read(strings.NewReader(big), FormatMarkwhen, ReadOptions{MaxBytes: 1024})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "1 KiB") {
		t.Fatalf("Read of 2 KiB with a 1 KiB limit = %v", err)
	}
	if _, err := Read(strings.NewReader(big[:1024]), FormatMarkwhen, ReadOptions{MaxBytes: 1024}); errors.Is(err, ErrTooLarge) {
		t.Fatalf("a file of exactly the limit was refused: %v", err)
	}
}

func TestProblemString(t *testing.T) {
	cases := []struct {
		p    Problem
		want string
	}{
		{Problem{Line: 12, Record: "row 12", Field: "date", Message: "bad"}, "row 12, date: bad"},
		{Problem{Line: 40, Record: "events[3]", Field: "title", Message: "empty"}, "events[3] (line 40), title: empty"},
		{Problem{Record: "line 7", Line: 7, Message: "stray endSection"}, "line 7: stray endSection"},
		{Problem{Record: "row 8", Line: 11, Message: "bare quote"}, "row 8 (line 11): bare quote"},
	}
	for _, c := range cases {
		if got := c.p.String(); got != c.want {
			t.Errorf("%+v.String() = %q, want %q", c.p, got, c.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		got, err := ParseFormat(" " + strings.ToUpper(string(f)) + " ")
		if err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
		if f.Extension() == "" {
			t.Errorf("%s has no extension", f)
		}
		if f.Readable() == (f == FormatICal) {
			t.Errorf("%s.Readable() = %v", f, f.Readable())
		}
	}
	// The names people type.
	for alias, want := range map[string]Format{"json": FormatHindsightJSON, "ICS": FormatICal, "mw": FormatMarkwhen} {
		if got, err := ParseFormat(alias); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %s", alias, got, err, want)
		}
	}
	if _, err := ParseFormat("xlsx"); err == nil || !strings.Contains(err.Error(), "markwhen") {
		t.Errorf("ParseFormat(xlsx) = %v, want an error listing the formats", err)
	}
}

// fixedTimes gives records created and updated times, as the store does.
func fixedTimes(doc *Document) {
	base := time.Date(2024, 5, 6, 7, 8, 9, 123000000, time.UTC)
	for i := range doc.Events {
		doc.Events[i].CreatedAt = base.Add(time.Duration(i) * time.Minute)
		doc.Events[i].UpdatedAt = base.Add(time.Duration(i) * time.Hour)
	}
	for i := range doc.Predictions {
		doc.Predictions[i].CreatedAt = base.Add(time.Duration(i) * time.Second)
		doc.Predictions[i].UpdatedAt = base.Add(time.Duration(i) * 2 * time.Second)
	}
}

// TestProblemsSayWhatBecameOfTheRecord: a record left out, a record kept
// without a part, and a part of the file passed over are told apart, and a
// bad date keeps its cause for the reader to word.
func TestProblemsSayWhatBecameOfTheRecord(t *testing.T) {
	// A column with no header is not lost: its cells go into the
	// description.
	csvFile := "title,date,category,\nA,2023-02-30,model,red\nB,2023,model,blue\n"
	res, err := Read(strings.NewReader(csvFile), FormatCSVEvents, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	effects := map[Effect]int{}
	for _, p := range res.Problems {
		effects[p.Effect]++
		if p.Effect == RecordLeftOut {
			var we *when.Error
			if !errors.As(p.Cause, &we) || we.Key != when.KeyMonthDays {
				t.Errorf("the bad date's cause: %#v", p.Cause)
			}
		}
	}
	if effects[RecordLeftOut] != 1 || len(res.Problems) != 1 || len(res.Doc.Events) != 1 || res.Doc.Events[0].Description != "blue" {
		t.Errorf("effects %v, %d events: %v", effects, len(res.Doc.Events), res.Problems)
	}

	jsonFile := `{"format": "hindsight", "version": 1, "events": [], "predictions": [{"id": 1, "statement": "S", "source": "A",
		"made": "2023", "resolution": {"state": "true", "on": "2024", "evidence": [{"event_id": 7, "role": "resolves"}]}}]}`
	res, err = Read(strings.NewReader(jsonFile), FormatHindsightJSON, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || res.Problems[0].Effect != PartLeftOut || len(res.Doc.Predictions) != 1 ||
		!strings.HasSuffix(res.Problems[0].String(), "(the rest of the record was imported)") {
		t.Errorf("evidence left out: %+v", res.Problems)
	}
}
