package filter_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/storetest"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/when"
)

// filterSeed opens the seed database; its queries serve as a second,
// independent implementation of the simple filters.
func filterSeed(t *testing.T) (*store.Store, []model.Event, []model.Prediction) {
	t.Helper()
	st := storetest.OpenSeeded(t)
	events, preds := storetest.Records(t, st)
	if len(events) < 30 || len(preds) < 5 {
		t.Fatalf("seed has %d events and %d predictions", len(events), len(preds))
	}
	return st, events, preds
}

func filterEventIDs(events []model.Event) []int64 {
	return filterEach(events, func(e model.Event) int64 { return e.ID })
}

func filterPredIDs(preds []model.Prediction) []int64 {
	return filterEach(preds, func(p model.Prediction) int64 { return p.ID })
}

// filterEach is f of every element of list, in order.
func filterEach[T, U any](list []T, f func(T) U) []U {
	out := make([]U, len(list))
	for i, v := range list {
		out[i] = f(v)
	}
	return out
}

func filterSorted(ids []int64) []int64 {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return ids
}

func filterTitles(events []model.Event) []string {
	return filterEach(events, func(e model.Event) string { return e.Title })
}

// queryEvents runs q on the store.
func filterQuery(t *testing.T, st *store.Store, q store.EventQuery) []model.Event {
	t.Helper()
	events, err := st.Events(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return events
}

// Each dimension alone keeps what the store's own query keeps.
func TestFilterEventDimensionsAgreeWithStore(t *testing.T) {
	test.NewTempApp(t)
	st, events, _ := filterSeed(t)
	nov := when.MustParse("2023-11")
	for _, c := range []struct {
		name   string
		filter filter.Filter
		query  store.EventQuery
		min    int
	}{
		{"category model", filter.Filter{Categories: []model.Category{model.CategoryModel}}, store.EventQuery{Filter: filter.Filter{Categories: []model.Category{model.CategoryModel}}}, 10},
		{"category people", filter.Filter{Categories: []model.Category{model.CategoryPeople}}, store.EventQuery{Filter: filter.Filter{Categories: []model.Category{model.CategoryPeople}}}, 5},
		{"actor OpenAI", filter.Filter{Actors: []string{"OpenAI"}}, store.EventQuery{Filter: filter.Filter{Actors: []string{"openai"}}}, 15},
		{"tag open-weights", filter.Filter{Tags: []string{"open-weights"}}, store.EventQuery{Filter: filter.Filter{Tags: []string{"Open-Weights"}}}, 8},
		{"window 2023-11", filter.Filter{From: "2023-11", To: "2023-11"}, store.EventQuery{Window: &store.Window{From: nov.Earliest(), To: nov.Latest()}}, 7},
		{"window 2024", filter.Filter{From: "2024", To: "2024"}, store.EventQuery{Window: &store.Window{From: when.DayOf(2024, 1, 1), To: when.DayOf(2024, 12, 31)}}, 15},
	} {
		got, _ := c.filter.Apply(events, nil)
		want := filterQuery(t, st, c.query)
		if len(got) < c.min {
			t.Errorf("%s: kept only %d events: %q", c.name, len(got), filterTitles(got))
		}
		if !slices.Equal(filterSorted(filterEventIDs(got)), filterSorted(filterEventIDs(want))) {
			t.Errorf("%s: kept %q,\nthe store keeps %q", c.name, filterTitles(got), filterTitles(want))
		}
		for _, e := range got {
			if !c.filter.MatchEvent(e) {
				t.Errorf("%s: Apply kept %q but MatchEvent refuses it", c.name, e.Title)
			}
		}
	}
}

func TestFilterEventsOfOneCategory(t *testing.T) {
	_, events, _ := filterSeed(t)
	got, _ := filter.Filter{Categories: []model.Category{model.CategoryModel}}.Apply(events, nil)
	for _, e := range got {
		if e.Category != model.CategoryModel {
			t.Errorf("%q is %s, not a model event", e.Title, e.Category)
		}
	}
	if !slices.Contains(filterTitles(got), "OpenAI releases GPT-4") || slices.Contains(filterTitles(got), "OpenAI opens the GPT Store") {
		t.Errorf("model events: %q", filterTitles(got))
	}
	// Any of several categories.
	both, _ := filter.Filter{Categories: []model.Category{model.CategoryModel, model.CategoryFunding}}.Apply(events, nil)
	funding, _ := filter.Filter{Categories: []model.Category{model.CategoryFunding}}.Apply(events, nil)
	if len(funding) == 0 || len(both) != len(got)+len(funding) {
		t.Errorf("model or funding: %d events, want %d + %d", len(both), len(got), len(funding))
	}
}

func TestFilterActorIgnoresCase(t *testing.T) {
	_, events, _ := filterSeed(t)
	exact, _ := filter.Filter{Actors: []string{"OpenAI"}}.Apply(events, nil)
	loose, _ := filter.Filter{Actors: []string{" openai "}}.Apply(events, nil)
	if len(exact) < 15 || !slices.Equal(filterEventIDs(exact), filterEventIDs(loose)) {
		t.Errorf("OpenAI: %d events, openai: %d", len(exact), len(loose))
	}
	for _, e := range exact {
		if e.Actor != "OpenAI" {
			t.Errorf("%q is by %q", e.Title, e.Actor)
		}
	}
	two, _ := filter.Filter{Actors: []string{"OpenAI", "DeepSeek"}}.Apply(events, nil)
	deepseek, _ := filter.Filter{Actors: []string{"deepseek"}}.Apply(events, nil)
	if len(deepseek) < 4 || len(two) != len(exact)+len(deepseek) {
		t.Errorf("OpenAI or DeepSeek: %d events, want %d + %d", len(two), len(exact), len(deepseek))
	}
}

func TestFilterTagsMatchAny(t *testing.T) {
	_, events, preds := filterSeed(t)
	f := filter.Filter{Tags: []string{"Open Weights"}} // normalised like a typed tag
	got, gotPreds := f.Apply(events, preds)
	for _, e := range got {
		if !slices.Contains(e.Tags, "open-weights") {
			t.Errorf("%q lacks the tag: %v", e.Title, e.Tags)
		}
	}
	if len(got) < 8 || len(gotPreds) != 0 {
		t.Errorf("open-weights: %d events, %d predictions", len(got), len(gotPreds))
	}
	// Records with either tag; predictions have tags too.
	f = filter.Filter{Tags: []string{"open-weights", "gpts"}}
	got, gotPreds = f.Apply(events, preds)
	gpts, gptsPreds := filter.Filter{Tags: []string{"gpts"}}.Apply(events, preds)
	open, _ := filter.Filter{Tags: []string{"open-weights"}}.Apply(events, nil)
	if len(gpts) < 4 || len(got) != len(gpts)+len(open) { // no seed event has both
		t.Errorf("either tag: %d events, want %d + %d", len(got), len(gpts), len(open))
	}
	for _, e := range got {
		if !slices.Contains(e.Tags, "open-weights") && !slices.Contains(e.Tags, "gpts") {
			t.Errorf("%q has neither tag: %v", e.Title, e.Tags)
		}
	}
	if len(gptsPreds) != 1 || !strings.Contains(gptsPreds[0].Statement, "GPTs") || len(gotPreds) != 1 {
		t.Errorf("predictions tagged gpts: %d, of either tag: %d", len(gptsPreds), len(gotPreds))
	}
}

func TestFilterStates(t *testing.T) {
	st, _, preds := filterSeed(t)
	want, err := st.Predictions(context.Background(), store.PredictionQuery{State: model.StateTrue})
	if err != nil {
		t.Fatal(err)
	}
	_, got := filter.Filter{States: []model.State{model.StateTrue}}.Apply(nil, preds)
	if len(got) != 3 || !slices.Equal(filterSorted(filterPredIDs(got)), filterSorted(filterPredIDs(want))) {
		t.Errorf("resolved true: %v, the store says %v", filterPredIDs(got), filterPredIDs(want))
	}
	for _, p := range got {
		if p.State() != model.StateTrue {
			t.Errorf("%q is %s", p.Statement, p.State())
		}
	}
	// Open predictions are those not resolved yet.
	_, open := filter.Filter{States: []model.State{model.StateOpen}}.Apply(nil, preds)
	_, settled := filter.Filter{States: []model.State{model.StateTrue, model.StateFalse, model.StatePartly}}.Apply(nil, preds)
	if len(open) != 5 || len(settled) != 5 {
		t.Errorf("open %d, true/false/partly %d; want 5 and 5", len(open), len(settled))
	}
	// States say nothing about events.
	e := model.Event{Title: "x", Date: when.MustParse("2023"), Category: model.CategoryModel}
	if !(filter.Filter{States: []model.State{model.StateFalse}}).MatchEvent(e) {
		t.Error("a state filter hides events")
	}
}

// Categories and actors are about events; predictions pass them.
func TestFilterCategoryAndActorDoNotApplyToPredictions(t *testing.T) {
	_, _, preds := filterSeed(t)
	_, got := filter.Filter{Categories: []model.Category{model.CategoryPolicy}, Actors: []string{"Nobody"}}.Apply(nil, preds)
	if len(got) != len(preds) {
		t.Errorf("kept %d of %d predictions", len(got), len(preds))
	}
}

func TestFilterWindow(t *testing.T) {
	_, events, preds := filterSeed(t)
	nov := filter.Filter{From: "2023-11", To: "Nov 2023"}
	got, _ := nov.Apply(events, nil)
	for _, title := range []string{"OpenAI's board removes Sam Altman as CEO", "OpenAI agrees in principle to bring Altman back as CEO",
		"Altman formally reinstated; Microsoft gets a non-voting board observer seat"} {
		if !slices.ContainsFunc(got, func(e model.Event) bool {
			return strings.HasPrefix(title, e.Title) || strings.HasPrefix(e.Title, title)
		}) {
			t.Errorf("November 2023 lacks %q: %q", title, filterTitles(got))
		}
	}
	for _, e := range got {
		if y, m, _ := e.Earliest().Civil(); y != 2023 || m != 11 {
			t.Errorf("November 2023 keeps %q of %s", e.Title, e.Date)
		}
	}
	// The board crisis alone: the window with a tag.
	crisis, _ := filter.Filter{From: "2023-11", To: "2023-11", Tags: []string{"openai-governance"}}.Apply(events, nil)
	if len(crisis) != 3 {
		t.Errorf("board crisis: %q", filterTitles(crisis))
	}

	// A month-precision event overlaps a window that touches its month.
	month := model.Event{Title: "m", Date: when.MustParse("2024-03"), Category: model.CategoryProduct}
	for _, c := range []struct {
		from, to string
		want     bool
	}{
		{"2024-03-31", "2024-05-01", true},
		{"2023-06-01", "2024-03-01", true},
		{"2024-03-15", "", true},
		{"", "2024-03-01", true},
		{"2024-04-01", "", false},
		{"", "2024-02-29", false},
		{"Q1 2024", "Q1 2024", true},
		{"2024年4月", "2024年12月", false},
	} {
		if got := (filter.Filter{From: c.from, To: c.to}).MatchEvent(month); got != c.want {
			t.Errorf("March 2024 in %q–%q: %v, want %v", c.from, c.to, got, c.want)
		}
	}
	// A span counts to its end.
	span := model.Event{Title: "s", Date: when.MustParse("2022"), End: when.MustParse("2024-06"), Category: model.CategoryPolicy}
	if !(filter.Filter{From: "2024-06-30"}).MatchEvent(span) || (filter.Filter{From: "2024-07"}).MatchEvent(span) {
		t.Error("a span is not matched through its end")
	}

	// Predictions cover the time from their making to their deadline.
	_, jan2024 := filter.Filter{From: "2024-01", To: "2024-01"}.Apply(nil, preds)
	_, before := filter.Filter{To: "2022"}.Apply(nil, preds)
	if len(jan2024) != len(preds) || len(before) != 0 {
		t.Errorf("January 2024 keeps %d of %d predictions, 2022 and before %d", len(jan2024), len(preds), len(before))
	}
	// Without a deadline a resolved prediction ends when it was settled
	// (the GPTs question, answered no in April 2024, and the opinion on
	// plugins, borne out on 9 April 2024).
	_, may2024 := filter.Filter{From: "2024-05", To: "2024-05"}.Apply(nil, preds)
	if len(may2024) != len(preds)-2 || slices.ContainsFunc(may2024, func(p model.Prediction) bool {
		return strings.Contains(p.Statement, "GPTs") || strings.Contains(p.Statement, "plugins")
	}) {
		t.Errorf("May 2024 keeps %v", filterPredIDs(may2024))
	}
	// "within two years" from February 2023 runs to February 2025 and no later.
	_, feb2025 := filter.Filter{From: "2025-02-28"}.Apply(nil, preds)
	_, mar2025 := filter.Filter{From: "2025-03"}.Apply(nil, preds)
	if !slices.ContainsFunc(feb2025, func(p model.Prediction) bool { return p.Made.String() == "2023-02" }) ||
		slices.ContainsFunc(mar2025, func(p model.Prediction) bool { return p.Made.String() == "2023-02" }) {
		t.Errorf("made 2023-02 within two years: kept from Feb 2025 %v, from Mar 2025 %v", filterPredIDs(feb2025), filterPredIDs(mar2025))
	}
}

func TestPredictionSpan(t *testing.T) {
	made := when.MustParse("2023-02")
	dl, err := when.ParseDeadline("by end of 2024", made)
	if err != nil {
		t.Fatal(err)
	}
	p := model.Prediction{Statement: "s", Made: made, Deadline: dl}
	if lo, hi := filter.PredictionSpan(&p); lo != when.DayOf(2023, 2, 1) || hi != when.DayOf(2024, 12, 31) {
		t.Errorf("by end of 2024: %s – %s", lo, hi)
	}
	// No deadline: open ones run on, resolved ones end at their resolution.
	p.Deadline = when.Deadline{}
	if _, hi := filter.PredictionSpan(&p); hi != filter.MaxDay {
		t.Errorf("open without deadline ends %s", hi)
	}
	p.Resolution = model.Resolution{State: model.StateFalse, On: when.MustParse("2024-05-10")}
	if _, hi := filter.PredictionSpan(&p); hi != when.DayOf(2024, 5, 10) {
		t.Errorf("resolved without deadline ends %s", hi)
	}
	if (filter.Filter{From: "2024-06"}).MatchPrediction(p) || !(filter.Filter{From: "2024-05"}).MatchPrediction(p) {
		t.Error("window against a resolved prediction without deadline")
	}
}

// An unreadable or reversed window is ignored rather than hiding everything.
func TestFilterUnreadableWindowIgnored(t *testing.T) {
	_, events, preds := filterSeed(t)
	for _, f := range []filter.Filter{
		{From: "not a date"},
		{To: "2023-13-45"},
		{From: "someday", To: "never"},
		{From: "2025", To: "2023"},
	} {
		got, gotPreds := f.Apply(events, preds)
		if len(got) != len(events) || len(gotPreds) != len(preds) {
			t.Errorf("%+v keeps %d events and %d predictions", f, len(got), len(gotPreds))
		}
		if f.Window().Set() {
			t.Errorf("%+v limits the dates: %+v", f, f.Window())
		}
	}
	// The readable end still applies.
	w := filter.Filter{From: "2024", To: "whenever"}.Window()
	if w.ToErr == nil || w.FromErr != nil || w.Lo != when.DayOf(2024, 1, 1) || w.Hi != filter.MaxDay {
		t.Errorf("2024 to an unreadable end: %+v", w)
	}
	if w := (filter.Filter{From: "2025", To: "2023"}).Window(); !w.Reversed || w.Set() {
		t.Errorf("reversed window: %+v", w)
	}
}

func TestFilterCombined(t *testing.T) {
	_, events, preds := filterSeed(t)
	f := filter.Filter{
		Categories: []model.Category{model.CategoryModel},
		Actors:     []string{"DeepSeek", "Alibaba Cloud"},
		Tags:       []string{"open-weights"},
		States:     []model.State{model.StateFalse},
		From:       "2024",
		To:         "mid-2025",
	}
	got, gotPreds := f.Apply(events, preds)
	want := []string{
		"DeepSeek releases DeepSeek-V2, a 236B mixture-of-experts model",
		"Alibaba releases the Qwen2 open-weight family (0.5B to 72B)",
		"DeepSeek releases DeepSeek-V3, a 671B mixture-of-experts model",
		"DeepSeek releases the DeepSeek-R1 reasoning model under the MIT licence",
	}
	if len(got) != len(want) {
		t.Fatalf("kept %q", filterTitles(got))
	}
	for i, e := range got {
		if !strings.HasPrefix(want[i], e.Title) && !strings.HasPrefix(e.Title, want[i][:30]) {
			t.Errorf("event %d is %q, want %q", i, e.Title, want[i])
		}
	}
	// The tag filter leaves no prediction (none is tagged open-weights).
	if len(gotPreds) != 0 {
		t.Errorf("kept predictions %v", filterPredIDs(gotPreds))
	}
	f.Tags = nil
	_, gotPreds = f.Apply(events, preds)
	if len(gotPreds) != 2 {
		t.Errorf("false predictions overlapping 2024 – mid-2025: %v", filterPredIDs(gotPreds))
	}
}

func TestFilterZeroAndOrder(t *testing.T) {
	_, events, preds := filterSeed(t)
	var zero filter.Filter
	if !zero.IsZero() || zero.Window().Set() {
		t.Errorf("zero filter: IsZero %v, window %+v", zero.IsZero(), zero.Window())
	}
	got, gotPreds := zero.Apply(events, preds)
	if !slices.Equal(filterEventIDs(got), filterEventIDs(events)) || !slices.Equal(filterPredIDs(gotPreds), filterPredIDs(preds)) {
		t.Error("the zero filter changes the records")
	}
	// Nothing filtered out: the records come back as they are, not copied.
	if &got[0] != &events[0] || &gotPreds[0] != &preds[0] {
		t.Error("the zero filter copied the records")
	}
	// Order is kept: the kept records appear as they did in the input.
	reversed := slices.Clone(events)
	slices.Reverse(reversed)
	f := filter.Filter{Actors: []string{"OpenAI"}}
	a, _ := f.Apply(events, nil)
	b, _ := f.Apply(reversed, nil)
	slices.Reverse(b)
	if len(a) < 2 || !slices.Equal(filterEventIDs(a), filterEventIDs(b)) {
		t.Error("Apply does not keep the order of the input")
	}
	pos := func(id int64) int { return slices.Index(filterEventIDs(events), id) }
	for i := 1; i < len(a); i++ {
		if pos(a[i-1].ID) > pos(a[i].ID) {
			t.Errorf("%q comes before %q", a[i-1].Title, a[i].Title)
		}
	}
	if (filter.Filter{From: " "}).IsZero() != true || (filter.Filter{To: "x"}).IsZero() {
		t.Error("IsZero with dates")
	}
	// Blank values select nothing rather than hiding everything.
	if got, _ := (filter.Filter{Actors: []string{" "}, Tags: []string{""}}).Apply(events, nil); len(got) != len(events) {
		t.Errorf("blank actor and tag keep %d of %d events", len(got), len(events))
	}
}

func TestFilterSameAs(t *testing.T) {
	a := filter.Filter{Categories: []model.Category{model.CategoryModel, model.CategoryPeople}, Actors: []string{"OpenAI"}, Tags: []string{"llm"}, From: "2023"}
	b := filter.Filter{Categories: []model.Category{model.CategoryPeople, model.CategoryModel}, Actors: []string{"openai"}, Tags: []string{"LLM"}, From: " 2023 "}
	if !a.SameAs(b) {
		t.Error("the same filter written differently is not the same")
	}
	b.To = "2024"
	if a.SameAs(b) {
		t.Error("filters with different windows are the same")
	}
}

// BenchmarkFilterApply100k filters 100,000 synthetic events by category,
// tags and a date window; the bar filters on every change, so this must
// stay well under 20 ms.
func BenchmarkFilterApply100k(b *testing.B) {
	events := synth.New(1).Events(100000)
	preds := synth.New(1).Predictions(2000)
	tags := map[string]int{}
	for _, e := range events[:1000] {
		for _, t := range e.Tags {
			tags[t]++
		}
	}
	var common []string
	for t, n := range tags {
		if n > 20 {
			common = append(common, t)
		}
	}
	slices.Sort(common)
	f := filter.Filter{
		Categories: []model.Category{model.CategoryModel, model.CategoryProduct, model.CategoryResearch},
		Tags:       common[:min(3, len(common))],
		States:     []model.State{model.StateOpen, model.StateTrue},
		From:       "2018",
		To:         "mid-2024",
	}
	kept, _ := f.Apply(events, preds)
	if len(kept) == 0 || len(kept) == len(events) {
		b.Fatalf("the benchmark filter keeps %d of %d events", len(kept), len(events))
	}
	b.ResetTimer()
	for b.Loop() {
		f.Apply(events, preds)
	}
}

// TestFilterByImportBatch: a batch keeps exactly its records once they are
// filled in, nothing before, and survives being saved as JSON by its
// place in the history.
func TestFilterByImportBatch(t *testing.T) {
	_, events, preds := filterSeed(t)
	f := filter.Filter{Batch: &filter.ImportBatch{Change: 7, Label: "models.csv"}}
	if f.IsZero() {
		t.Fatal("a batch filter is zero")
	}
	if got, gotPreds := f.Apply(events, preds); len(got)+len(gotPreds) != 0 {
		t.Errorf("an unresolved batch keeps %d records", len(got)+len(gotPreds))
	}
	f = f.WithBatchRecords([]int64{events[0].ID, events[2].ID}, []int64{preds[1].ID})
	got, gotPreds := f.Apply(events, preds)
	if !slices.Equal(filterEventIDs(got), []int64{events[0].ID, events[2].ID}) || !slices.Equal(filterPredIDs(gotPreds), []int64{preds[1].ID}) {
		t.Errorf("the batch keeps %v %v", filterEventIDs(got), filterPredIDs(gotPreds))
	}
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var back filter.Filter
	if err := json.Unmarshal(data, &back); err != nil || back.Batch == nil || back.Batch.Change != 7 || back.Batch.Resolved() || !back.SameAs(f) {
		t.Errorf("saved as %s, read back %+v, %v", data, back.Batch, err)
	}
	if (filter.Filter{}).SameAs(f) {
		t.Error("a filter without the batch is the same as one with it")
	}
}

// Kinds and a disclosed interest select claims; events pass them.
func TestFilterKindsAndInterest(t *testing.T) {
	_, events, preds := filterSeed(t)
	_, questions := filter.Filter{Kinds: []model.Kind{model.KindQuestion}}.Apply(nil, preds)
	_, notQuestions := filter.Filter{Kinds: []model.Kind{model.KindForecast, model.KindHope, model.KindOpinion}}.Apply(nil, preds)
	if len(questions) != 5 || len(questions)+len(notQuestions) != len(preds) {
		t.Errorf("%d questions and %d others of %d claims", len(questions), len(notQuestions), len(preds))
	}
	for _, p := range questions {
		if p.Kind != model.KindQuestion {
			t.Errorf("%q is a %s", p.Statement, p.Kind)
		}
	}
	// A forecast of an old record ("" kind) is a forecast.
	if !(filter.Filter{Kinds: []model.Kind{model.KindForecast}}).MatchPrediction(model.Prediction{Statement: "x"}) {
		t.Error("a claim with no kind is not taken for a forecast")
	}
	gotEvents, interested := filter.Filter{Interest: true}.Apply(events, preds)
	if len(interested) != 1 || interested[0].Kind != model.KindHope || len(gotEvents) != len(events) {
		t.Errorf("claims with an interest: %d (%+v); events %d of %d", len(interested), interested, len(gotEvents), len(events))
	}
	f := filter.Filter{Kinds: []model.Kind{model.KindHope}, Interest: true}
	if f.IsZero() || !f.SameAs(filter.Filter{Interest: true, Kinds: []model.Kind{model.KindHope}}) || f.SameAs(filter.Filter{Interest: true}) {
		t.Error("IsZero or SameAs ignore kinds or interest")
	}
}
