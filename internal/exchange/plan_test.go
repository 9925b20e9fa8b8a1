package exchange

import (
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// lossOf finds the loss Plan gives for records and field.
func lossOf(losses []Loss, records, field string) (Loss, bool) {
	for _, l := range losses {
		if l.Records == records && l.Field == field {
			return l, true
		}
	}
	return Loss{}, false
}

// The seed dataset exported to each format: Hindsight JSON keeps all of
// it, and every other format says what it leaves out, with counts.
func TestPlanOfTheSeed(t *testing.T) {
	doc := seedDocument(t)
	fixedTimes(&doc)
	doc.Sources = []model.Source{{Name: "Blog author", NameZh: "博主"}}
	events, preds := len(doc.Events), len(doc.Predictions)

	if losses := Plan(FormatHindsightJSON, doc, WriteOptions{}); len(losses) != 0 {
		t.Errorf("Hindsight JSON loses %v", losses)
	}
	for _, c := range []struct {
		f              Format
		records, field string
		count          int
		says           string
	}{
		{FormatMarkwhen, "sources", LossRecords, 1, "of 1 source are left out"},
		{FormatMarkwhen, "events", LossTimes, events, "created and updated times"},
		{FormatTimelineJS, "predictions", LossRecords, preds, "TimelineJS holds events only"},
		{FormatTimelineJS, "events", LossTags, events, "the tags of"},
		{FormatCSVEvents, "predictions", LossRecords, preds, "export csv-predictions for them"},
		{FormatCSVPredictions, "events", LossRecords, events, "export csv-events for them"},
		{FormatCSVPredictions, "predictions", LossEvidence, countEvidence(doc), "the evidence of"},
		{FormatICal, "predictions", LossRecords, preds - countDeadlines(doc), "with no deadline"},
	} {
		l, ok := lossOf(Plan(c.f, doc, WriteOptions{}), c.records, c.field)
		if !ok || l.Count != c.count || !strings.Contains(l.Message, c.says) {
			t.Errorf("%s: %s %q: got %+v (found %v), want count %d saying %q", c.f, c.records, c.field, l, ok, c.count, c.says)
		}
	}
}

func countEvidence(doc Document) int {
	n := 0
	for _, p := range doc.Predictions {
		if len(p.Resolution.Evidence) > 0 {
			n++
		}
	}
	return n
}

func countDeadlines(doc Document) int {
	n := 0
	for _, p := range doc.Predictions {
		if !p.Deadline.IsZero() {
			n++
		}
	}
	return n
}

// Records that no import gives (they are kept unique on the way in) are
// still reported rather than lost without a word.
func TestPlanReportsRepeatedIDs(t *testing.T) {
	e := model.Event{ID: 4, Title: "x", Date: when.MustParse("2023"), Category: model.CategoryOther, Tags: []string{}}
	doc := Document{Events: []model.Event{e, e, e}}
	for _, f := range []Format{FormatHindsightJSON, FormatCSVEvents, FormatTimelineJS, FormatMarkwhen} {
		l, ok := lossOf(Plan(f, doc, WriteOptions{}), "events", LossID)
		if !ok || l.Count != 2 {
			t.Errorf("%s: %+v, %v", f, l, ok)
		}
		got := roundTripLoose(t, f, doc)
		if len(got.Events) != 3 || got.Events[0].ID != 4 || got.Events[1].ID != 0 || got.Events[2].ID != 0 {
			t.Errorf("%s: read back %+v", f, got.Events)
		}
	}
}

// roundTripLoose writes and reads doc, allowing problems.
func roundTripLoose(t *testing.T, f Format, doc Document) Document {
	t.Helper()
	var b strings.Builder
	if err := Write(&b, f, doc, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	res, err := Read(strings.NewReader(b.String()), f, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Doc
}

// A phrase that reads otherwise today (an export made before "end of
// 2025" read as "by 2025") is named before a CSV export: its import will
// take the phrase.
func TestPlanReportsPhrasesThatReadOtherwise(t *testing.T) {
	made := when.MustParse("2024-03-01")
	old, err := when.ParseCanonicalDeadline("between:2025-09~/2025-12~")
	if err != nil {
		t.Fatal(err)
	}
	old.Phrase = "end of 2025"
	p := model.Prediction{Statement: "s", Source: "x", Made: made, Deadline: old}
	p.Normalize()
	l, ok := lossOf(Plan(FormatCSVPredictions, Document{Predictions: []model.Prediction{p}}, WriteOptions{}), "predictions", LossDeadline)
	if !ok || l.Count != 1 {
		t.Fatalf("plan %+v, %v", l, ok)
	}
	got := roundTripLoose(t, FormatCSVPredictions, Document{Predictions: []model.Prediction{p}})
	if c := got.Predictions[0].Deadline.Canonical(); c != "by:2025" {
		t.Errorf("read back as %s", c)
	}
}

func TestLossMessagesCountRight(t *testing.T) {
	one := Plan(FormatTimelineJS, Document{Predictions: make([]model.Prediction, 1)}, WriteOptions{})
	many := Plan(FormatTimelineJS, Document{Predictions: make([]model.Prediction, 3)}, WriteOptions{})
	if len(one) != 1 || one[0].String() != "1 prediction is left out: TimelineJS holds events only" {
		t.Errorf("one: %v", one)
	}
	if len(many) != 1 || many[0].String() != "3 predictions are left out: TimelineJS holds events only" {
		t.Errorf("many: %v", many)
	}
}

// Periods travel as eras and sections, with what each format cannot carry
// counted, and are left out of CSV and calendars with a word.
func TestPlanReportsPeriods(t *testing.T) {
	doc := Document{Periods: []model.Period{
		{ID: 1, Title: "百模大战", Start: when.MustParse("2023-03"), End: when.MustParse("2023-12"), Color: "#ffa500", Lane: "国内"},
		{ID: 2, Title: "After ChatGPT", Start: when.MustParse("2022-11-30"), Description: "The year everyone shipped."},
	}}
	for _, f := range []Format{FormatCSVEvents, FormatCSVPredictions, FormatICal} {
		if l, ok := lossOf(Plan(f, doc, WriteOptions{}), "periods", LossRecords); !ok || l.Count != 2 {
			t.Errorf("%s: %+v, %v", f, l, ok)
		}
	}
	tl := Plan(FormatTimelineJS, doc, WriteOptions{})
	for _, field := range []string{LossColor, LossLane} {
		if l, ok := lossOf(tl, "periods", field); !ok || l.Count != 1 {
			t.Errorf("timelinejs %s: %+v, %v", field, l, ok)
		}
	}
	if got := roundTrip(t, FormatTimelineJS, doc); len(got.Periods) != 2 || got.Periods[0].Title != "百模大战" ||
		got.Periods[0].ID != 1 || got.Periods[1].Description != "The year everyone shipped." {
		t.Errorf("timelinejs: read back %+v", got.Periods)
	}
	if mw := Plan(FormatMarkwhen, doc, WriteOptions{}); len(mw) != 0 {
		t.Errorf("markwhen carries periods whole, yet plans %v", mw)
	}
	if got := roundTrip(t, FormatMarkwhen, doc); !samePeriods(got.Periods, doc.Periods) {
		t.Errorf("markwhen: read back %+v", got.Periods)
	}
}
