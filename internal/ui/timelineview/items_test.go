package timelineview

import (
	"testing"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/timeline"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/items"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestTimelineItemIDs(t *testing.T) {
	for _, sel := range []app.Selection{app.EventSelection(1), app.EventSelection(42), app.PredictionSelection(1), app.PredictionSelection(42)} {
		id, ok := items.IDOf(sel)
		if !ok || items.SelectionOf(id) != sel {
			t.Errorf("%v → item %d → %v", sel, id, items.SelectionOf(id))
		}
	}
	if items.EventID(7) == items.PredictionID(7) {
		t.Error("event 7 and prediction 7 share an item ID")
	}
	if _, ok := items.IDOf(app.Selection{}); ok {
		t.Error("app.SelectNone maps to an item")
	}
}

func day(y, m, d int) when.Day { return when.DayOf(y, m, d) }

func TestTimelineBuildItems(t *testing.T) {
	ev := func(id int64, date, actor string, cat model.Category, tags ...string) model.Event {
		return model.Event{ID: id, Title: "event " + date, TitleZh: "事件", Date: when.MustParse(date), Actor: actor, Category: cat, Tags: tags}
	}
	events := []model.Event{
		ev(1, "2023-03-14", "OpenAI", model.CategoryModel, "gpt-4", "openai"),
		ev(2, "2023-08", "Meta", model.CategoryModel, "llama"),
		ev(3, "2023-07-05~", "OpenAI", model.CategoryOther),
		ev(4, "2023-11-17", "Anthropic", model.CategoryPeople, "safety"),
		ev(5, "2024-01-10", "Meta", model.CategoryProduct, "llama"),
		ev(6, "2024-02-01", "OpenAI", "", "openai"),
		ev(7, "2024-03-01", "", model.CategoryPolicy),
	}
	events[4].End = when.MustParse("2024-01-20")

	made := when.MustParse("2023-01")
	by2024, err := when.ParseDeadline("by 2024", made)
	if err != nil {
		t.Fatal(err)
	}
	preds := []model.Prediction{
		{ID: 1, Statement: "resolved", Source: "B", Made: made, Deadline: by2024,
			Resolution: model.Resolution{State: model.StateTrue, On: when.MustParse("2023-11-17"),
				Evidence: []model.Evidence{{EventID: 1, Role: model.RoleSupports}, {EventID: 4, Role: model.RoleResolves}}}},
		{ID: 2, Statement: "overdue", Source: "A", Made: made, Deadline: by2024},
		{ID: 3, Statement: "open, no deadline", Source: "A", Made: made},
		{ID: 4, Statement: "partly, no deadline", StatementZh: "部分", Source: "A", Made: made,
			Resolution: model.Resolution{State: model.StatePartly, Fraction: 0.5, On: when.MustParse("2025-02-27")}},
		{ID: 5, Statement: "no date at all", Source: "A"},
	}
	today := day(2025, 6, 1)

	d := items.Build(events, preds, GroupByActor, words("en"), today, map[string]bool{items.LaneKeyActor + "Meta": true})
	var keys []string
	for _, l := range d.Lanes {
		keys = append(keys, l.Key)
	}
	// Prediction lanes first, each group busiest first, then by name.
	want := []string{"pred:A", "pred:B", "actor:OpenAI", "actor:Meta", "actor:Anthropic", "actor:"}
	if len(keys) != len(want) {
		t.Fatalf("lanes %q, want %q", keys, want)
	}
	for i := range want {
		if keys[i] != want[i] {
			t.Fatalf("lanes %q, want %q", keys, want)
		}
	}
	if !d.Lanes[3].Collapsed || d.Lanes[2].Collapsed {
		t.Error("the collapsed set was not applied by key")
	}
	if d.Lanes[0].Title != "Predictions · A" || d.Lanes[5].Title != "No actor" {
		t.Errorf("titles %q, %q", d.Lanes[0].Title, d.Lanes[5].Title)
	}

	byID := map[int64]timeline.Item{}
	for _, it := range d.Items {
		byID[it.ID] = it
	}
	if len(byID) != len(events)+len(preds)-1 {
		t.Fatalf("%d items, want every record but the undated prediction", len(byID))
	}
	if _, ok := byID[items.PredictionID(5)]; ok {
		t.Error("an undated prediction was placed")
	}

	// Events: points, spans, and fuzzy dates over their extent.
	if it := byID[items.EventID(1)]; it.Start != int64(day(2023, 3, 14)) || it.End != it.Start || it.Fuzzy {
		t.Errorf("day event: %+v", it)
	}
	if it := byID[items.EventID(2)]; it.Start != int64(day(2023, 8, 1)) || it.End != int64(day(2023, 8, 31)) || !it.Fuzzy {
		t.Errorf("month event should be a fuzzy span over August: %+v", it)
	}
	if it := byID[items.EventID(3)]; !it.Fuzzy {
		t.Errorf("approximate day should be fuzzy: %+v", it)
	}
	if it := byID[items.EventID(5)]; it.End != int64(day(2024, 1, 20)) || it.Fuzzy {
		t.Errorf("span event: %+v", it)
	}

	// Predictions: made → deadline, state with glyph, overdue, link.
	p1 := byID[items.PredictionID(1)]
	if p1.Start != int64(day(2023, 1, 1)) || p1.End != int64(day(2024, 12, 31)) || p1.Kind != timeline.KindPrediction {
		t.Errorf("prediction with a deadline: %+v", p1)
	}
	if p1.LinkTo != items.EventID(4) {
		t.Errorf("link goes to %d, want the resolving event %d", p1.LinkTo, items.EventID(4))
	}
	if s, over := items.StateOf(p1.State); s != model.StateTrue || over || p1.Label != "resolved" {
		t.Errorf("resolved prediction: state %v overdue %v label %q", s, over, p1.Label)
	}
	if s, over := items.StateOf(byID[items.PredictionID(2)].State); s != model.StateOpen || !over {
		t.Errorf("open past its deadline should be overdue: %v %v", s, over)
	}
	if it := byID[items.PredictionID(3)]; it.Start != it.End || it.Label != "open, no deadline" {
		t.Errorf("open without deadline should be a point: %+v", it)
	}
	if it := byID[items.PredictionID(4)]; it.End != int64(day(2025, 2, 27)) {
		t.Errorf("resolved without deadline should run to its resolution: %+v", it)
	}

	// Chinese labels where there is a Chinese title.
	zh := items.Build(events, preds, GroupByActor, words("zh"), today, nil)
	for _, it := range zh.Items {
		if it.ID == items.EventID(1) && it.Label != "事件" || it.ID == items.PredictionID(4) && it.Label != "部分" {
			t.Errorf("zh label %q for item %d", it.Label, it.ID)
		}
	}

	// Categories translate; a missing category counts as other.
	cat := items.Build(events, nil, GroupByCategory, words("en"), today, nil)
	titles := map[string]string{}
	for _, l := range cat.Lanes {
		titles[l.Key] = l.Title
	}
	if titles["cat:model"] != "Models" || titles["cat:other"] != "Other" || len(titles) != 5 {
		t.Errorf("category lanes %v", titles)
	}

	// Tags: the first tag only.
	tag := items.Build(events, nil, GroupByTag, words("en"), today, nil)
	lanes := map[int64]string{}
	for _, it := range tag.Items {
		lanes[it.ID] = tag.Lanes[it.Lane].Key
	}
	// "#llama" and "No tag" hold two events each and sort by name.
	if lanes[items.EventID(1)] != "tag:gpt-4" || lanes[items.EventID(3)] != "tag:" || tag.Lanes[0].Key != "tag:llama" || tag.Lanes[1].Key != "tag:" {
		t.Errorf("tag lanes %v (first %q)", lanes, tag.Lanes[0].Key)
	}
}

func BenchmarkTimelineSetData(b *testing.B) {
	events, preds := synthData(100_000)
	tv, _ := newTestTimeline(b, 1400, 900)
	b.ResetTimer()
	for range b.N {
		tv.SetData(events, preds, nil)
	}
}

// words speaks the translations loaded in the test (English unless a test
// loads others) and says the interface language is its value.
type words string

func (w words) T(key, fallback string) string { return i18n.T(key, fallback) }
func (w words) TF(key, fallback string, data map[string]any) string {
	return i18n.TF(key, fallback, data)
}
func (w words) Lang() string { return string(w) }
