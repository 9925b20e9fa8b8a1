package form

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/storetest"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/when"
)

// fillValidPrediction types a complete prediction into f.
func fillValidPrediction(f *predictionForm) {
	test.Type(f.statement, "AGI will be achieved ")
	test.Type(f.statementZh, "将实现通用人工智能")
	test.Type(f.source, "Sam Altman")
	test.Type(f.made.entry, "2023-02-28")
	test.Type(f.deadline, "within two years")
	test.Type(f.probability, "70%")
	test.Type(f.criteria, "A lab announces it and most researchers agree.")
	test.Type(f.tags, "AGI, OpenAI")
	test.Type(f.links.rows[0].url, "https://example.com/interview")
	test.Type(f.links.rows[0].quote, "within the next couple of years")
}

func TestPredictionFormSavesValidPrediction(t *testing.T) {
	f, rec := emptyForm(t, newPredictionForm)
	if f.versions.Visible() {
		t.Error("the note about earlier wordings shows on a new prediction")
	}
	wantSaveWhenValid(t, &f.formBase, func() { fillValidPrediction(f) }, f.build)
	made := when.MustParse("2023-02-28")
	p := 0.7
	want := model.Prediction{
		Statement:   "AGI will be achieved",
		StatementZh: "将实现通用人工智能",
		Source:      "Sam Altman",
		Made:        made,
		Deadline:    when.MustParseDeadline("within two years", made),
		Probability: &p,
		Criteria:    "A lab announces it and most researchers agree.",
		Tags:        []string{"agi", "openai"},
		Links:       []model.SourceLink{{URL: "https://example.com/interview", Quote: "within the next couple of years"}},
		Resolution:  model.Resolution{State: model.StateOpen},
		Kind:        model.KindForecast,
	}
	rec.wantSaved(t, want)
}

func TestPredictionFormOptionalFields(t *testing.T) {
	f, rec := emptyForm(t, newPredictionForm)
	test.Type(f.statement, "Open models will match GPT-4")
	test.Type(f.source, "Yann LeCun")
	test.Type(f.made.entry, "2023年6月")
	f.submit()
	want := model.Prediction{
		Statement: "Open models will match GPT-4", Source: "Yann LeCun", Made: when.MustParse("2023-06"),
		Tags: []string{}, Resolution: model.Resolution{State: model.StateOpen}, Kind: model.KindForecast,
	}
	rec.wantSaved(t, want)
}

func TestPredictionFormDeadlinePreview(t *testing.T) {
	test.NewTempApp(t)
	f := newPredictionForm(model.Prediction{}, testSuggestions, (&recorder[model.Prediction]{}).save)
	test.Type(f.made.entry, "2023-02-28")
	for phrase, want := range map[string]string{
		"within two years":      "read as: within 2 years, due by 28 Feb 2025",
		"两年内":                   "read as: within 2 years, due by 28 Feb 2025",
		"by end of 2024":        "read as: by end of 2024, due by 31 Dec 2024",
		"between 2024 and 2025": "read as: between 2024 and 2025, due between 1 Jan 2024 and 31 Dec 2025",
		"not before 2026":       "read as: not before 2026, due from 1 Jan 2026 on",
	} {
		f.deadline.SetText(phrase)
		if !f.deadlinePreview.Visible() || f.deadlinePreview.Text != want {
			t.Errorf("%q: preview %q, want %q", phrase, f.deadlinePreview.Text, want)
		}
		if msg := f.errs["deadline"].text(); msg != "" {
			t.Errorf("%q: error %q", phrase, msg)
		}
	}
}

func TestPredictionFormDeadlinePreviewChinese(t *testing.T) {
	test.NewTempApp(t)
	useChineseForms(t)
	f := newPredictionForm(model.Prediction{}, testSuggestions, (&recorder[model.Prediction]{}).save)
	test.Type(f.made.entry, "2023年2月28日")
	test.Type(f.deadline, "within two years")
	if want := "读作：两年内，2025年2月28日前到期"; f.deadlinePreview.Text != want {
		t.Errorf("preview %q, want %q", f.deadlinePreview.Text, want)
	}
}

// Every phrasing of one deadline shows the same due day, in either
// language: "end of 2025" and 明年底 (said in 2024) are both due by the
// last day of 2025.
func TestPredictionFormShowsOneReadingPerDeadline(t *testing.T) {
	phrases := []string{"end of 2025", "by end of 2025", "by 2025-12-31", "2025年底", "明年底", "end of next year"}
	check := func(want string) {
		t.Helper()
		f := newPredictionForm(model.Prediction{}, testSuggestions, (&recorder[model.Prediction]{}).save)
		test.Type(f.made.entry, "2024-03-01")
		for _, phrase := range phrases {
			f.deadline.SetText(phrase)
			if !f.deadlinePreview.Visible() || !strings.HasSuffix(f.deadlinePreview.Text, want) {
				t.Errorf("%q: preview %q, want it to end %q", phrase, f.deadlinePreview.Text, want)
			}
		}
	}
	test.NewTempApp(t)
	check(", due by 31 Dec 2025")
	useChineseForms(t)
	check("，2025年12月31日前到期")
}

func TestPredictionFormRefusesInvalidInput(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		name, field, contains string
		edit                  func(f *predictionForm)
	}{
		{"empty statement", "statement", "empty", func(f *predictionForm) { f.statement.SetText("") }},
		{"empty source", "source", "empty", func(f *predictionForm) { f.source.SetText(" ") }},
		{"impossible made date", "made", "month 13", func(f *predictionForm) { f.made.entry.SetText("2023-13-40") }},
		{"deadline without made date", "deadline", "made on", func(f *predictionForm) { f.made.entry.SetText("") }},
		{"deadline with unreadable made date", "deadline", "made on", func(f *predictionForm) { f.made.entry.SetText("2023-02-30") }},
		{"unreadable deadline", "deadline", "soon", func(f *predictionForm) { f.deadline.SetText("soon") }},
		{"deadline before made", "deadline", "before", func(f *predictionForm) { f.deadline.SetText("by 2020") }},
		{"probability 140%", "probability", "between 0% and 100%", func(f *predictionForm) { f.probability.SetText("140%") }},
		{"probability not a number", "probability", "70%", func(f *predictionForm) { f.probability.SetText("likely") }},
		{"question with a probability", "probability", "A question asks", func(f *predictionForm) { f.kind.radio.SetSelected("Question") }},
		{"opinion with a probability", "probability", "opinion", func(f *predictionForm) { f.kind.radio.SetSelected("Opinion or claim of fact") }},
		{"contemporaneous without a published date", "provenance", "published", func(f *predictionForm) {
			f.provenance.sel.SetSelected("Contemporaneous")
		}},
		{"review before made", "reviewed_on", "before it was made", func(f *predictionForm) { f.reviewed.entry.SetText("2020-01-01") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := &recorder[model.Prediction]{}
			f := newPredictionForm(model.Prediction{}, testSuggestions, rec.save)
			fillValidPrediction(f)
			wantRefused(t, &f.formBase, f.submit, rec, func() { c.edit(f) })
			msg := f.errs[c.field].text()
			if !strings.Contains(msg, c.contains) {
				t.Errorf("error under %s %q, want it to mention %q", c.field, msg, c.contains)
			}
			if f.errs[c.field].label.Importance != widget.DangerImportance {
				t.Errorf("error under %s is not red", c.field)
			}
		})
	}
}

func TestPredictionFormProbabilityPreview(t *testing.T) {
	test.NewTempApp(t)
	f := newPredictionForm(model.Prediction{}, testSuggestions, (&recorder[model.Prediction]{}).save)
	for in, want := range map[string]string{"0.7": "read as: 70%", "85": "read as: 85%", "12.5%": "read as: 12.5%"} {
		f.probability.SetText(in)
		if !f.probabilityPreview.Visible() || f.probabilityPreview.Text != want {
			t.Errorf("%q: preview %q, want %q", in, f.probabilityPreview.Text, want)
		}
	}
	f.probability.SetText("")
	if f.probabilityPreview.Visible() || f.errs["probability"].text() != "" {
		t.Error("an empty probability should show neither preview nor error")
	}
}

func TestPredictionFormPrefillsForEditing(t *testing.T) {
	test.NewTempApp(t)
	made := when.MustParse("2022-11")
	p := 0.9
	initial := model.Prediction{
		ID: 7, Statement: "GPT-5 will be released", StatementZh: "GPT-5 将发布", Source: "Sam Altman",
		Made: made, Deadline: when.MustParseDeadline("by end of 2024", made), Probability: &p,
		Criteria: "OpenAI ships a model called GPT-5.", Tags: []string{"gpt-5", "openai"},
		Links: []model.SourceLink{{URL: "https://example.com/talk", Quote: "next year, probably", Primary: true,
			Published: when.MustParse("2022-11-10")}, {URL: "https://example.com/report"}},
		Resolution: model.Resolution{State: model.StateFalse, On: when.MustParse("2025-01-01"), Evidence: []model.Evidence{}},
		CreatedAt:  time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC),
		Kind:       model.KindForecast, Provenance: model.ProvenanceContemporaneous, Interest: "runs the lab",
		ReviewedOn: when.MustParse("2024-06-01"),
	}
	rec := &recorder[model.Prediction]{}
	f := newPredictionForm(initial, testSuggestions, rec.save)
	wantPrefilled(t, map[string][2]string{
		"statement":    {f.statement.Text, initial.Statement},
		"statement_zh": {f.statementZh.Text, initial.StatementZh},
		"source":       {f.source.Text, initial.Source},
		"made":         {f.made.entry.Text, "Nov 2022"},
		"deadline":     {f.deadline.Text, "by end of 2024"},
		"probability":  {f.probability.Text, "90%"},
		"criteria":     {f.criteria.Text, initial.Criteria},
		"tags":         {f.tags.Text, "gpt-5, openai"},
		"link":         {f.links.rows[0].url.Text, initial.Links[0].URL},
		"quote":        {f.links.rows[0].quote.Text, initial.Links[0].Quote},
		"published":    {f.links.rows[0].published.entry.Text, "10 Nov 2022"},
		"second link":  {f.links.rows[1].url.Text, initial.Links[1].URL},
		"kind":         {f.kind.radio.Selected, "Forecast"},
		"provenance":   {f.provenance.sel.Selected, "Contemporaneous"},
		"interest":     {f.interest.Text, initial.Interest},
		"reviewed":     {f.reviewed.entry.Text, "1 Jun 2024"},
	})
	if !f.versions.Visible() {
		t.Error("no note that earlier wordings are kept")
	}
	f.submit()
	rec.wantSaved(t, initial)
}

// A prediction saved through the form into a real store and read back
// fills the form again; changing its statement saves a new version.
func TestPredictionFormWithStore(t *testing.T) {
	test.NewTempApp(t)
	st := storetest.Open(t)
	ctx := context.Background()
	var stored model.Prediction
	f := newPredictionForm(model.Prediction{}, testSuggestions, storing(&stored, st.AddPrediction))
	fillValidPrediction(f)
	back := submitAndReadBack(t, f.submit, &stored.ID, st.Prediction)
	sources, err := st.Vocabulary().Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var updated model.Prediction
	g := newPredictionForm(back, Suggestions{Sources: sources}, storing(&updated, st.UpdatePrediction))
	if g.made.entry.Text != "28 Feb 2023" || g.deadline.Text != "within two years" || g.probability.Text != "70%" {
		t.Errorf("pre-filled made %q, deadline %q, probability %q", g.made.entry.Text, g.deadline.Text, g.probability.Text)
	}
	g.statement.SetText("AGI will be achieved by some lab")
	g.submit()
	if updated.Statement != "AGI will be achieved by some lab" || !reflect.DeepEqual(updated.Deadline, back.Deadline) {
		t.Errorf("updated %#v", updated)
	}
	versions, err := st.Versions(ctx, stored.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(versions) < 2 {
		t.Errorf("%d versions kept after changing the statement", len(versions))
	}
}

// The kind is chosen with its one-line explanation, and the probability
// of a question is refused with the reason.
func TestPredictionFormKinds(t *testing.T) {
	f, rec := emptyForm(t, newPredictionForm)
	if f.kind.value() != model.KindForecast || !strings.Contains(f.kind.help.Text, "scored") {
		t.Errorf("a new claim is a %s, explained %q", f.kind.value(), f.kind.help.Text)
	}
	for _, k := range model.Kinds {
		f.kind.radio.SetSelected(i18n.KindName(k))
		if f.kind.value() != k || f.kind.help.Text != i18n.KindHelp(k) || strings.Contains(f.kind.help.Text, "\n") {
			t.Errorf("%s: explained %q", k, f.kind.help.Text)
		}
	}
	test.Type(f.statement, "Will GPTs succeed?")
	test.Type(f.source, "Blog author")
	test.Type(f.made.entry, "2024-01")
	f.kind.radio.SetSelected(i18n.KindName(model.KindQuestion))
	test.Type(f.probability, "60%")
	if !f.saveButton.Disabled() || !strings.Contains(f.errs["probability"].text(), "no probability") {
		t.Errorf("a question with a probability: Save disabled %v, %q", f.saveButton.Disabled(), f.errs["probability"].text())
	}
	f.probability.SetText("")
	f.submit()
	if len(rec.saved) != 1 || rec.saved[0].Kind != model.KindQuestion || rec.saved[0].Probability != nil {
		t.Errorf("saved %+v", rec.saved)
	}
}

// Sources carry their published date and primary mark; a restatement is
// chosen among the same source's claims.
func TestPredictionFormSourcesAndRestates(t *testing.T) {
	test.NewTempApp(t)
	earlier := model.Prediction{ID: 3, Statement: "AGI by 2025", Source: "Futurist", Made: when.MustParse("2023-01")}
	other := model.Prediction{ID: 4, Statement: "Something else", Source: "Someone", Made: when.MustParse("2023-01")}
	known := testSuggestions
	known.Claims = []model.Prediction{earlier, other}
	rec := &recorder[model.Prediction]{}
	f := newPredictionForm(model.Prediction{}, known, rec.save)
	test.Type(f.statement, "AGI by 2027")
	test.Type(f.source, "Futurist")
	test.Type(f.made.entry, "2025-12-20")
	if got := f.restates.sel.Options; len(got) != 2 || !strings.Contains(got[1], "AGI by 2025") {
		t.Fatalf("claims offered to restate: %q", got)
	}
	f.restates.sel.SetSelected(f.restates.sel.Options[1])
	row := f.links.rows[0]
	test.Type(row.url, "https://example.com/agi-2027")
	test.Type(row.published.entry, "2025-12-20")
	row.primary.SetChecked(true)
	f.provenance.sel.SetSelected(i18n.ProvenanceName(model.ProvenanceContemporaneous))
	test.Tap(f.links.add)
	test.Type(f.links.rows[1].quote, "reported by a newspaper")
	test.Type(f.interest, "runs an AGI fund")
	f.submit()
	if len(rec.saved) != 1 {
		t.Fatalf("not saved: %v", f.general.text())
	}
	got := rec.saved[0]
	want := []model.SourceLink{{URL: "https://example.com/agi-2027", Published: when.MustParse("2025-12-20"), Primary: true},
		{Quote: "reported by a newspaper"}}
	if got.Restates != 3 || !reflect.DeepEqual(got.Links, want) || got.Provenance != model.ProvenanceContemporaneous ||
		got.Interest != "runs an AGI fund" || got.SourceUnconfirmed() {
		t.Errorf("saved %+v", got)
	}
	// A primary source with no address is refused under its row.
	test.Type(f.links.rows[1].url, "")
	f.links.rows[1].primary.SetChecked(true)
	if !f.saveButton.Disabled() || !strings.Contains(f.links.rows[1].err.text(), "address") {
		t.Errorf("a primary source without an address: %q", f.links.rows[1].err.text())
	}
}
