package form

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/storetest"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/when"
)

// resolveFixture is a prediction about open-weight models and events around
// its resolution in March 2024.
func resolveFixture() (model.Prediction, []model.Event) {
	p := model.Prediction{
		ID: 3, Statement: "An open-weights model will beat GPT-4 on MMLU", Source: "Some forecaster",
		Made: when.MustParse("2023-03"), Tags: []string{"open-weights"},
	}
	events := []model.Event{
		// Near the date, shares a tag.
		{ID: 1, Title: "Mixtral 8x22B released", Actor: "Mistral AI", Date: when.MustParse("2024-04-10"), Tags: []string{"open-weights", "llm"}},
		// Far from the date, shares a tag.
		{ID: 2, Title: "Llama 2 released", Actor: "Meta", Date: when.MustParse("2023-07-18"), Tags: []string{"open-weights"}},
		// Near the date, shares a significant word ("mmlu").
		{ID: 3, Title: "Claude 3 tops MMLU", TitleZh: "Claude 3 在 MMLU 上领先", Actor: "Anthropic", Date: when.MustParse("2024-03-04")},
		// Near the date, shares nothing but common words ("will", "model").
		{ID: 4, Title: "EU parliament will vote on the model rules", Actor: "European Union", Date: when.MustParse("2024-03-13"), Tags: []string{"policy"}},
		// A span that ends within 60 days of the date, sharing a tag.
		{ID: 5, Title: "Open-weights debate", Date: when.MustParse("2023-06"), End: when.MustParse("2024-02"), Tags: []string{"open-weights"}},
	}
	return p, events
}

func ids(events []model.Event) []int64 {
	out := make([]int64, len(events))
	for i, e := range events {
		out[i] = e.ID
	}
	return out
}

func TestSuggestEvidence(t *testing.T) {
	p, events := resolveFixture()
	on := when.MustParse("2024-03-15")
	got := ids(suggestEvidence(p, events, on))
	// Nearest first: Claude 3 (11 days), Mixtral (26 days), the span (15 days
	// after its end in February).
	want := []int64{3, 5, 1}
	if !slices.Equal(got, want) {
		t.Errorf("suggested %v, want %v", got, want)
	}
	if got := suggestEvidence(p, events, when.Date{}); len(got) != 0 {
		t.Errorf("suggested %v with no resolution date", ids(got))
	}
}

func TestSignificantWords(t *testing.T) {
	words := significantWords("GPT-5 will be released by 2025, 将在2025年发布通用人工智能")
	for _, w := range []string{"gpt-5", "通用", "人工", "智能"} {
		if !words[w] {
			t.Errorf("%q missing from %v", w, words)
		}
	}
	for _, w := range []string{"will", "be", "by", "2025", "released", "发布"} {
		if words[w] {
			t.Errorf("%q should not count as significant", w)
		}
	}
}

func TestMatchEvents(t *testing.T) {
	_, events := resolveFixture()
	for q, want := range map[string][]int64{
		"released":  {1, 2},
		"ANTHROPIC": {3},
		"领先":        {3},
		"nothing":   nil,
	} {
		if got := ids(matchEvents(events, q)); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("search %q found %v, want %v", q, got, want)
		}
	}
}

// pickState chooses an outcome in the radio group as a click would.
func pickState(f *ResolveForm, s model.State) {
	f.state.SetSelected(f.state.Options[slices.Index(resolveStates, s)])
}

// fixtureResolveForm builds the resolve form of resolveFixture's
// prediction, which saves into the recorder it gives.
func fixtureResolveForm(t *testing.T) (*ResolveForm, *recorder[model.Resolution]) {
	t.Helper()
	test.NewTempApp(t)
	p, events := resolveFixture()
	rec := &recorder[model.Resolution]{}
	return newResolveForm(p, Events(events), rec.save), rec
}

func TestResolveFormDefaultsAndSuggestions(t *testing.T) {
	f, _ := fixtureResolveForm(t)
	if !f.saveButton.Disabled() {
		t.Error("Save enabled before an outcome is chosen")
	}
	if f.errs["state"].text() == "" {
		t.Error("no hint that an outcome must be chosen")
	}
	today := when.DayDate(when.Today())
	if d, err := when.Parse(f.on.entry.Text); err != nil || d != today {
		t.Errorf("resolution date defaults to %q, want today", f.on.entry.Text)
	}
	if !f.fraction.Disabled() {
		t.Error("the fraction slider is enabled before PARTLY is chosen")
	}
	if len(f.state.Options) != 7 || f.state.Options[0] != "True" || f.state.Options[5] != "Unfalsifiable" {
		t.Errorf("outcomes %q", f.state.Options)
	}

	f.on.entry.SetText("2024-03-15")
	if want := []int64{3, 5, 1}; !slices.Equal(f.listed, want) {
		t.Errorf("listed %v for 15 Mar 2024, want %v", f.listed, want)
	}
	if slices.Contains(f.listed, 2) {
		t.Error("an event eight months away is suggested")
	}
	// Searching lists other events; what was checked stays listed first.
	f.rows[1].check.SetChecked(true)
	test.Type(f.search, "meta")
	if want := []int64{1, 2}; !slices.Equal(f.listed, want) {
		t.Errorf("listed %v while searching, want %v", f.listed, want)
	}
	f.search.SetText("")
	if want := []int64{1, 3, 5}; !slices.Equal(f.listed, want) {
		t.Errorf("listed %v after clearing the search, want %v", f.listed, want)
	}
}

func TestResolveFormSavesResolution(t *testing.T) {
	f, rec := fixtureResolveForm(t)
	pickState(f, model.StatePartly)
	if f.fraction.Disabled() {
		t.Fatal("slider disabled for PARTLY")
	}
	f.fraction.SetValue(40)
	if f.fractionLabel.Text != "40%" {
		t.Errorf("fraction shown as %q", f.fractionLabel.Text)
	}
	f.on.entry.SetText("2024-03-15")
	f.rows[3].check.SetChecked(true)
	f.rows[1].check.SetChecked(true)
	f.rows[1].role.SetSelectedIndex(slices.Index(evidenceRoles, model.RoleSupports))
	test.Type(f.note, " Close on MMLU, not above it. ")
	if _, problems := f.build(); f.saveButton.Disabled() {
		t.Fatalf("Save disabled: %v", problems)
	}
	test.Tap(f.saveButton)
	want := model.Resolution{
		State: model.StatePartly, Fraction: 0.4, On: when.MustParse("2024-03-15"),
		Note: "Close on MMLU, not above it.",
		Evidence: []model.Evidence{
			{EventID: 3, Role: model.RoleResolves},
			{EventID: 1, Role: model.RoleSupports},
		},
	}
	rec.wantSaved(t, want)
}

func TestResolveFormRefusesInvalidInput(t *testing.T) {
	test.NewTempApp(t)
	p, events := resolveFixture()
	for _, c := range []struct {
		name, field string
		edit        func(f *ResolveForm)
	}{
		{"partly at 100%", "fraction", func(f *ResolveForm) {
			pickState(f, model.StatePartly)
			f.fraction.SetValue(100)
		}},
		{"impossible date", "resolved_on", func(f *ResolveForm) { f.on.entry.SetText("2023-13-40") }},
		{"no date", "resolved_on", func(f *ResolveForm) { f.on.entry.SetText("") }},
		{"before it was made", "resolved_on", func(f *ResolveForm) { f.on.entry.SetText("2022-12-31") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := &recorder[model.Resolution]{}
			f := newResolveForm(p, Events(events), rec.save)
			pickState(f, model.StateTrue)
			f.on.entry.SetText("2024-03-15")
			wantRefused(t, &f.formBase, f.submit, rec, func() { c.edit(f) })
			if f.errs[c.field].text() == "" {
				t.Errorf("no error under %s", c.field)
			}
		})
	}
}

func TestResolveFormSliderFollowsOutcome(t *testing.T) {
	f, rec := fixtureResolveForm(t)
	pickState(f, model.StatePartly)
	f.fraction.SetValue(60)
	pickState(f, model.StateFalse)
	if !f.fraction.Disabled() || f.fractionLabel.Text != "—" {
		t.Errorf("slider after choosing FALSE: disabled %v, label %q", f.fraction.Disabled(), f.fractionLabel.Text)
	}
	f.submit()
	if len(rec.saved) != 1 || rec.saved[0].Fraction != 0 || rec.saved[0].State != model.StateFalse {
		t.Errorf("saved %#v, want FALSE without a fraction", rec.saved)
	}
}

func TestResolveFormPrefillsExistingResolution(t *testing.T) {
	test.NewTempApp(t)
	p, events := resolveFixture()
	p.Resolution = model.Resolution{
		State: model.StatePartly, Fraction: 0.25, On: when.MustParse("2024-03"), Note: "Only on some benchmarks.",
		Evidence: []model.Evidence{{EventID: 2, Role: model.RoleContradicts}, {EventID: 3, Role: model.RoleResolves}},
	}
	rec := &recorder[model.Resolution]{}
	f := newResolveForm(p, Events(events), rec.save)
	if f.selectedState() != model.StatePartly || f.fraction.Value != 25 || f.fraction.Disabled() {
		t.Errorf("state %q, fraction %v (disabled %v)", f.selectedState(), f.fraction.Value, f.fraction.Disabled())
	}
	if f.on.entry.Text != "Mar 2024" || f.note.Text != "Only on some benchmarks." {
		t.Errorf("date %q, note %q", f.on.entry.Text, f.note.Text)
	}
	if !f.rows[2].check.Checked || f.rows[2].role.Selected != i18n.RoleName(model.RoleContradicts) {
		t.Errorf("cited event 2: checked %v, role %q", f.rows[2].check.Checked, f.rows[2].role.Selected)
	}
	if len(f.listed) < 2 || f.listed[0] != 2 || f.listed[1] != 3 {
		t.Errorf("cited events not listed first: %v", f.listed)
	}
	f.submit()
	rec.wantSaved(t, p.Resolution)
}

// Resolving through the form writes to a real store; the events offered
// are the store's.
func TestResolveFormWithStore(t *testing.T) {
	test.NewTempApp(t)
	st := storetest.Open(t)
	ctx := context.Background()
	p, events := resolveFixture()
	p.ID = 0
	var err error
	for i := range events {
		events[i].ID = 0
		if events[i], err = st.AddEvent(ctx, events[i]); err != nil {
			t.Fatal(err)
		}
	}
	if p, err = st.AddPrediction(ctx, p); err != nil {
		t.Fatal(err)
	}
	all, err := st.Events(ctx, store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	f := newResolveForm(p, Events(all), func(r model.Resolution) error {
		_, err := st.Resolve(ctx, p.ID, r)
		return err
	})
	pickState(f, model.StateTrue)
	f.on.entry.SetText("2024-03-15")
	claude := events[2].ID
	if !slices.Contains(f.listed, claude) {
		t.Fatalf("stored Claude 3 event %d not suggested: %v", claude, f.listed)
	}
	f.rows[claude].check.SetChecked(true)
	f.submit()
	back, err := st.Prediction(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if back.State() != model.StateTrue || len(back.Resolution.Evidence) != 1 || back.Resolution.Evidence[0].EventID != claude {
		t.Errorf("stored resolution %#v", back.Resolution)
	}
}

// Partly true needs no share unless a source gives one, and an
// unfalsifiable claim needs no date.
func TestResolveFormPartlyAndUnfalsifiable(t *testing.T) {
	test.NewTempApp(t)
	p := model.Prediction{ID: 1, Statement: "x", Source: "s", Made: when.MustParse("2023-01")}
	rec := &recorder[model.Resolution]{}
	f := newResolveForm(p, Events(nil), rec.save)
	pickState(f, model.StatePartly)
	f.on.entry.SetText("2024-03-15")
	if f.saveButton.Disabled() || f.fractionLabel.Text != "not stated" {
		t.Errorf("partly with no share: Save disabled %v, label %q", f.saveButton.Disabled(), f.fractionLabel.Text)
	}
	f.submit()
	pickState(f, model.StateUnfalsifiable)
	f.on.entry.SetText("")
	if f.saveButton.Disabled() {
		t.Errorf("unfalsifiable without a date: %q", f.errs["resolved_on"].text())
	}
	f.submit()
	if len(rec.saved) != 2 || rec.saved[0].State != model.StatePartly || rec.saved[0].Fraction != 0 ||
		rec.saved[1].State != model.StateUnfalsifiable || !rec.saved[1].On.IsZero() {
		t.Errorf("saved %+v", rec.saved)
	}
}
