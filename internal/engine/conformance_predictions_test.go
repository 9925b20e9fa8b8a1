package engine_test

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/storetest/fixture"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The conformance cases of predictions (claims), their sources and the
// names in use, run against both engines by the suite's runner.

// claimsEngine is an engine's events, predictions and names in use.
type claimsEngine interface {
	engine.Events
	engine.Predictions
	engine.Vocabulary
}

// eachClaimsEngine runs check against a new, empty database of each
// engine, as eachEngine does.
func eachClaimsEngine(t *testing.T, check func(t *testing.T, db claimsEngine)) {
	eachEngine(t, func(t *testing.T, db engine.Events) {
		c, ok := db.(claimsEngine)
		if !ok {
			t.Fatalf("%T does not offer the prediction operations", db)
		}
		check(t, c)
	})
}

func mustDeadline(phrase, made string) when.Deadline {
	return when.MustParseDeadline(phrase, when.MustParse(made))
}

func mustPrediction(t *testing.T, db claimsEngine, p model.Prediction) model.Prediction {
	t.Helper()
	got, err := db.AddPrediction(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestPredictionRoundTrip(t *testing.T) {
	eachClaimsEngine(t, func(t *testing.T, db claimsEngine) {
		half := 0.5
		in := model.Prediction{
			Statement: "  AGI by 2027 ", StatementZh: "2027 年实现通用人工智能", Source: "Forecaster",
			Made: when.MustParse("2023-01-05"), Deadline: mustDeadline("by 2027", "2023-01-05"),
			Probability: &half, Criteria: "a model passes the test", Kind: model.KindForecast,
			Provenance: model.ProvenanceContemporaneous, Interest: "sells AGI courses",
			Tags: []string{"AGI", "Big Bets"},
			Links: []model.SourceLink{{URL: "https://example.com/a", Quote: "AGI by 2027", Published: when.MustParse("2023-01-05"), Primary: true},
				{Quote: "reported later"}},
		}
		saved := mustPrediction(t, db, in)
		got, err := db.Prediction(ctx, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, saved) {
			t.Errorf("read back differs from saved:\n got %+v\nsaved %+v", got, saved)
		}
		if got.Statement != "AGI by 2027" || got.StatementZh != in.StatementZh || got.Source != "Forecaster" ||
			got.Criteria != in.Criteria || got.Interest != in.Interest || got.Provenance != in.Provenance ||
			got.Probability == nil || *got.Probability != 0.5 || got.Deadline.Phrase != "by 2027" {
			t.Errorf("fields: %+v", got)
		}
		if !reflect.DeepEqual(got.Tags, []string{"agi", "big-bets"}) {
			t.Errorf("tags = %v", got.Tags)
		}
		if !reflect.DeepEqual(got.Links, in.Links) {
			t.Errorf("links = %+v, want %+v", got.Links, in.Links)
		}
		if got.CreatedAt.IsZero() || got.CreatedAt.Location() != saved.CreatedAt.Location() || !reflect.DeepEqual(got.Resolution.Evidence, []model.Evidence{}) {
			t.Errorf("created %v evidence %v", got.CreatedAt, got.Resolution.Evidence)
		}
		// A source's name is one source whatever the case of its letters.
		other := mustPrediction(t, db, model.Prediction{Statement: "x", Source: "forecaster", Made: when.MustParse("2024")})
		if other.Source != "Forecaster" {
			t.Errorf("source %q, want the first spelling", other.Source)
		}
		if list, _ := db.Predictions(ctx, store.PredictionQuery{Source: "FORECASTER"}); len(list) != 2 {
			t.Errorf("by source: %d", len(list))
		}
		if list, _ := db.Predictions(ctx, store.PredictionQuery{Tag: " Big-Bets "}); len(list) != 1 || list[0].ID != saved.ID {
			t.Errorf("by tag: %v", list)
		}
		checkDeleteLeavesNothing(t, "prediction", saved.ID, saved, db.DeletePrediction, db.Prediction, db.UpdatePrediction)
		if _, err := db.Unresolve(ctx, saved.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unresolving it gave %v", err)
		}
	})
}

func TestPredictionResolveAndUnresolve(t *testing.T) {
	eachClaimsEngine(t, func(t *testing.T, db claimsEngine) {
		fired := mustEvent(t, db, "OpenAI board removes Sam Altman", "2023-11-17")
		p := mustPrediction(t, db, fixture.Prediction("OpenAI's internal conflict will erupt within two years"))
		if p.State() != model.StateOpen || p.Deadline.Phrase != "within two years" {
			t.Errorf("new prediction: state %s deadline %+v", p.State(), p.Deadline)
		}
		if _, latest, ok := p.Due(); !ok || latest != when.DayOf(2025, 2, 28) {
			t.Errorf("due by %v, want 2025-02-28", latest)
		}
		before, _ := db.Prediction(ctx, p.ID)

		resolved, err := db.Resolve(ctx, p.ID, model.Resolution{
			State: model.StateTrue, On: when.MustParse("2023-11-17"), Note: " board fired the CEO ",
			Evidence: []model.Evidence{{EventID: fired.ID, Role: model.RoleResolves}},
		})
		if err != nil {
			t.Fatal(err)
		}
		again, _ := db.Prediction(ctx, p.ID)
		if again.State() != model.StateTrue || again.Resolution.On.String() != "2023-11-17" ||
			!reflect.DeepEqual(again.Resolution.Evidence, []model.Evidence{{EventID: fired.ID, Role: model.RoleResolves}}) {
			t.Errorf("resolution not stored: %+v", again.Resolution)
		}
		if resolved.Resolution.Note != "board fired the CEO" {
			t.Errorf("note = %q", resolved.Resolution.Note)
		}
		citing, _ := db.CitingPredictions(ctx, fired.ID)
		if len(citing) != 1 || citing[0].ID != p.ID {
			t.Errorf("citing predictions = %v", citing)
		}

		reopened, err := db.Unresolve(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if reopened.State() != model.StateOpen || len(reopened.Resolution.Evidence) != 0 || !reopened.Resolution.On.IsZero() {
			t.Errorf("unresolve left %+v", reopened.Resolution)
		}
		reopened.UpdatedAt = before.UpdatedAt // the only field reopening changes
		if !reflect.DeepEqual(reopened, before) {
			t.Errorf("unresolve did not restore the open prediction:\n got %+v\nwant %+v", reopened, before)
		}
		if citing, _ := db.CitingPredictions(ctx, fired.ID); len(citing) != 0 {
			t.Errorf("a reopened prediction still cites the event: %v", citing)
		}
	})
}

func TestResolveRefusesBadInputAndWritesNothing(t *testing.T) {
	eachClaimsEngine(t, func(t *testing.T, db claimsEngine) {
		p := mustPrediction(t, db, fixture.Prediction("x will happen"))
		bad := map[string]model.Resolution{
			"missing event":     {State: model.StateTrue, On: when.MustParse("2023-11"), Evidence: []model.Evidence{{EventID: 999, Role: model.RoleResolves}}},
			"before made":       {State: model.StateFalse, On: when.MustParse("2022-12-31")},
			"partly at 100%":    {State: model.StatePartly, Fraction: 1, On: when.MustParse("2024")},
			"ambiguous no date": {State: model.StateAmbiguous},
			"partly above one":  {State: model.StatePartly, Fraction: 1.4, On: when.MustParse("2024")},
			"no date":           {State: model.StateTrue},
			"open is no result": {State: model.StateOpen, On: when.MustParse("2024")},
		}
		for name, r := range bad {
			if _, err := db.Resolve(ctx, p.ID, r); err == nil {
				t.Errorf("%s: accepted", name)
			}
		}
		var ve *model.ValidationError
		if _, err := db.Resolve(ctx, p.ID, bad["missing event"]); !errors.As(err, &ve) {
			t.Errorf("evidence citing a missing event: %v, want a validation error", err)
		}
		got, _ := db.Prediction(ctx, p.ID)
		if got.State() != model.StateOpen {
			t.Errorf("state after refused resolutions = %s", got.State())
		}
		if _, err := db.Resolve(ctx, 12345, model.Resolution{State: model.StateTrue, On: when.MustParse("2024")}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("resolving a missing prediction: %v", err)
		}
	})
}

func TestPredictionValidationWritesNothing(t *testing.T) {
	eachClaimsEngine(t, func(t *testing.T, db claimsEngine) {
		over, half := 1.4, 0.5
		bad := []model.Prediction{
			{Statement: "", Source: "a", Made: when.MustParse("2023")},
			{Statement: "x", Source: "", Made: when.MustParse("2023")},
			{Statement: "x", Source: "a"},
			{Statement: "x", Source: "a", Made: when.MustParse("2023"), Probability: &over},
			{Statement: "x", Source: "a", Made: when.MustParse("2023"), Links: []model.SourceLink{{URL: "file:///etc/passwd"}}},
			{Statement: "Will it?", Source: "a", Made: when.MustParse("2023"), Kind: model.KindQuestion, Probability: &half},
			{Statement: "x", Source: "a", Made: when.MustParse("2023"), Restates: 99},
		}
		for i, p := range bad {
			if _, err := db.AddPrediction(ctx, p); err == nil {
				t.Errorf("case %d accepted", i)
			}
		}
		if _, err := db.AddPredictions(ctx, []model.Prediction{fixture.Prediction("fine"), bad[3]}); err == nil {
			t.Error("a bulk save with an invalid prediction was accepted")
		}
		if preds, _ := db.Predictions(ctx, store.PredictionQuery{}); len(preds) != 0 {
			t.Errorf("%d predictions written", len(preds))
		}
		if sources, _ := db.Sources(ctx); len(sources) != 0 {
			t.Errorf("sources written: %v", sources)
		}
	})
}

func TestAddPredictionsSavesAllInOrder(t *testing.T) {
	eachClaimsEngine(t, func(t *testing.T, db claimsEngine) {
		e := mustEvent(t, db, "cited", "2024-03-01")
		preds := []model.Prediction{fixture.Prediction("first"), fixture.Prediction("second"), fixture.Prediction("third"), fixture.Prediction("fourth")}
		preds[1].Source, preds[1].Tags = "blog AUTHOR", []string{"b", "a", "b"}
		preds[2].Source = "Another"
		preds[2].Links = []model.SourceLink{{URL: "https://example.com/x", Primary: true}, {Quote: "said on a podcast"}}
		preds[3].Resolution = model.Resolution{State: model.StatePartly, Fraction: 0.5, On: when.MustParse("2024-03"), Note: "half",
			Evidence: []model.Evidence{{EventID: e.ID, Role: model.RoleSupports}}}
		preds[3].History = []model.Wording{
			{Version: 1, Statement: "fourth, first said", SavedAt: time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC)},
			{Version: 2, Statement: "fourth", SavedAt: time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC)}}
		ids, err := db.AddPredictions(ctx, preds)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) != 4 || !slices.IsSorted(ids) {
			t.Fatalf("ids = %v", ids)
		}
		for i, id := range ids {
			got, err := db.Prediction(ctx, id)
			if err != nil || got.Statement != preds[i].Statement || len(got.Links) != len(preds[i].Links) {
				t.Errorf("prediction %d: %+v, %v", id, got, err)
			}
		}
		if sources, _ := db.Sources(ctx); !slices.Equal(sources, []string{"Another", "Blog author"}) {
			t.Errorf("sources = %v, want each once, spelt as first saved", sources)
		}
		if second, _ := db.Prediction(ctx, ids[1]); !slices.Equal(second.Tags, []string{"a", "b"}) {
			t.Errorf("tags = %v", second.Tags)
		}
		if third, _ := db.Prediction(ctx, ids[2]); !reflect.DeepEqual(third.Links, preds[2].Links) {
			t.Errorf("links = %+v", third.Links)
		}
		fourth, _ := db.Prediction(ctx, ids[3])
		if fourth.State() != model.StatePartly || fourth.Resolution.Fraction != 0.5 || fourth.Resolution.Note != "half" ||
			!reflect.DeepEqual(fourth.Resolution.Evidence, preds[3].Resolution.Evidence) {
			t.Errorf("resolution = %+v", fourth.Resolution)
		}
		versions, _ := db.Versions(ctx, ids[3])
		if len(versions) != 2 || versions[0].Statement != "fourth, first said" || !versions[1].SavedAt.Equal(preds[3].History[1].SavedAt) {
			t.Errorf("wordings = %+v", versions)
		}
	})
}

func TestStatementEditsKeepVersions(t *testing.T) {
	eachClaimsEngine(t, func(t *testing.T, db claimsEngine) {
		p := mustPrediction(t, db, fixture.Prediction("First wording"))
		p.Statement = "Second wording"
		if _, err := db.UpdatePrediction(ctx, p); err != nil {
			t.Fatal(err)
		}
		p.Criteria = "only criteria changed"
		p.Tags = []string{"changed"}
		updated, err := db.UpdatePrediction(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if updated.Criteria != "only criteria changed" || !slices.Equal(updated.Tags, []string{"changed"}) {
			t.Errorf("update not stored: %+v", updated)
		}
		p.StatementZh = "第三种说法"
		if _, err := db.UpdatePrediction(ctx, p); err != nil {
			t.Fatal(err)
		}
		versions, err := db.Versions(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(versions) != 3 || versions[0].Statement != "First wording" || versions[1].Statement != "Second wording" ||
			versions[2].StatementZh != "第三种说法" || versions[0].Version != 1 || versions[2].Version != 3 ||
			versions[0].SavedAt.IsZero() || versions[0].SavedAt.Location() != time.UTC {
			t.Errorf("versions = %+v", versions)
		}
		if tags, _ := db.Tags(ctx); !slices.Equal(tags, []string{"changed"}) {
			t.Errorf("tags in use = %v", tags)
		}
	})
}

func TestDueBeforeAndStateFilters(t *testing.T) {
	eachClaimsEngine(t, func(t *testing.T, db claimsEngine) {
		early := fixture.Prediction("due 2025")
		late := fixture.Prediction("due 2030")
		late.Deadline = mustDeadline("by 2030", "2023-02")
		none := fixture.Prediction("no deadline")
		none.Deadline = when.Deadline{}
		for _, p := range []model.Prediction{late, early, none} {
			mustPrediction(t, db, p)
		}
		day := when.DayOf(2026, 1, 1)
		due, err := db.Predictions(ctx, store.PredictionQuery{DueBefore: &day})
		if err != nil {
			t.Fatal(err)
		}
		if len(due) != 1 || due[0].Statement != "due 2025" {
			t.Errorf("due before 2026: %v", due)
		}
		all, _ := db.Predictions(ctx, store.PredictionQuery{State: model.StateOpen})
		if len(all) != 3 || all[0].Statement != "due 2025" || all[2].Statement != "no deadline" {
			t.Errorf("order by deadline, none last: %v", all)
		}
		if two, _ := db.Predictions(ctx, store.PredictionQuery{Limit: 2}); len(two) != 2 || two[1].Statement != "due 2030" {
			t.Errorf("limit 2: %v", two)
		}
		if resolved, _ := db.Predictions(ctx, store.PredictionQuery{State: model.StateTrue}); len(resolved) != 0 {
			t.Errorf("resolved: %v", resolved)
		}
	})
}

func TestDeleteEventDropsEvidence(t *testing.T) {
	eachClaimsEngine(t, func(t *testing.T, db claimsEngine) {
		e := mustEvent(t, db, "evidence", "2023-11-17")
		p := mustPrediction(t, db, fixture.Prediction("x"))
		if _, err := db.Resolve(ctx, p.ID, model.Resolution{State: model.StateTrue, On: when.MustParse("2023-11-17"),
			Evidence: []model.Evidence{{EventID: e.ID, Role: model.RoleResolves}}}); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteEvent(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := db.Prediction(ctx, p.ID)
		if len(got.Resolution.Evidence) != 0 || got.State() != model.StateTrue {
			t.Errorf("after deleting the event: %+v", got.Resolution)
		}
	})
}

func TestRestatesIsChecked(t *testing.T) {
	eachClaimsEngine(t, func(t *testing.T, db claimsEngine) {
		first := mustPrediction(t, db, model.Prediction{Statement: "AGI by 2025", Source: "A", Made: when.MustParse("2023-01")})
		second := mustPrediction(t, db, model.Prediction{Statement: "AGI by 2027", Source: "a", Made: when.MustParse("2024-12"), Restates: first.ID})
		cases := map[string]struct {
			p   model.Prediction
			key string
		}{
			"missing":      {model.Prediction{Statement: "x", Source: "A", Made: when.MustParse("2025"), Restates: 999}, "error.restates_missing"},
			"other source": {model.Prediction{Statement: "x", Source: "B", Made: when.MustParse("2025"), Restates: first.ID}, "error.restates_other_source"},
			"earlier":      {model.Prediction{Statement: "x", Source: "A", Made: when.MustParse("2022"), Restates: first.ID}, "error.restates_later"},
		}
		for name, c := range cases {
			_, err := db.AddPrediction(ctx, c.p)
			var ve *model.ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("%s: %v, want a refusal", name, err)
				continue
			}
			if fe, ok := ve.For("restates"); !ok || fe.Key != c.key {
				t.Errorf("%s: %+v, want %s", name, ve, c.key)
			}
		}
		// A loop: the first cannot restate its own restatement.
		loop := first
		loop.Restates = second.ID
		loop.Made = when.MustParse("2024-12")
		_, err := db.UpdatePrediction(ctx, loop)
		var ve *model.ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("a loop of restatements: %v, want a refusal", err)
		}
		if fe, ok := ve.For("restates"); !ok || fe.Key != "error.restates_loop" {
			t.Errorf("a loop: %+v", ve)
		}
		if n, _ := db.Predictions(ctx, store.PredictionQuery{}); len(n) != 2 {
			t.Errorf("%d predictions after the refusals, want 2", len(n))
		}
	})
}

func TestClaimChainAndDeletingARestatedClaim(t *testing.T) {
	eachClaimsEngine(t, func(t *testing.T, db claimsEngine) {
		first := mustPrediction(t, db, model.Prediction{Statement: "AGI by 2025", Source: "A", Made: when.MustParse("2023-01")})
		second := mustPrediction(t, db, model.Prediction{Statement: "AGI by 2027", Source: "A", Made: when.MustParse("2024-12"), Restates: first.ID})
		third := mustPrediction(t, db, model.Prediction{Statement: "AGI by 2030", Source: "A", Made: when.MustParse("2026-12"), Restates: second.ID})
		alone := mustPrediction(t, db, model.Prediction{Statement: "Alone", Source: "A", Made: when.MustParse("2024")})
		want := []int64{first.ID, second.ID, third.ID}
		for _, id := range want {
			chain, err := db.ClaimChain(ctx, id)
			if err != nil || !slices.Equal(idsOf(chain), want) {
				t.Errorf("chain of %d: %v, %v; want %v", id, idsOf(chain), err, want)
			}
		}
		if chain, err := db.ClaimChain(ctx, alone.ID); err != nil || !slices.Equal(idsOf(chain), []int64{alone.ID}) {
			t.Errorf("chain of one: %v, %v", idsOf(chain), err)
		}
		if _, err := db.ClaimChain(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("chain of a missing claim: %v", err)
		}
		if err := db.DeletePrediction(ctx, second.ID); err != nil {
			t.Fatal(err)
		}
		if orphan, _ := db.Prediction(ctx, third.ID); orphan.Restates != 0 {
			t.Errorf("the restatement still restates a deleted claim: %d", orphan.Restates)
		}
		if chain, _ := db.ClaimChain(ctx, first.ID); !slices.Equal(idsOf(chain), []int64{first.ID}) {
			t.Errorf("chain after the deletion: %v", idsOf(chain))
		}
	})
}

func TestQueriesByKindInterestAndReview(t *testing.T) {
	eachClaimsEngine(t, func(t *testing.T, db claimsEngine) {
		mustPrediction(t, db, model.Prediction{Statement: "Will GPTs succeed?", Source: "A", Made: when.MustParse("2024-01"), Kind: model.KindQuestion})
		hope := mustPrediction(t, db, model.Prediction{Statement: "A GPT-4-class model this year", Source: "A", Made: when.MustParse("2024-01"),
			Kind: model.KindHope, Interest: "works at 01.AI"})
		mustPrediction(t, db, model.Prediction{Statement: "Scaling continues", Source: "B", Made: when.MustParse("2024-01")})
		if got, _ := db.Predictions(ctx, store.PredictionQuery{Kind: model.KindQuestion}); len(got) != 1 || got[0].Kind != model.KindQuestion {
			t.Errorf("by kind: %+v", got)
		}
		if got, _ := db.Predictions(ctx, store.PredictionQuery{WithInterest: true}); len(got) != 1 || got[0].ID != hope.ID {
			t.Errorf("with an interest: %+v", got)
		}
		if got, _ := db.Predictions(ctx, store.PredictionQuery{Search: "01.AI"}); len(got) != 1 {
			t.Errorf("searching the interest: %d", len(got))
		}
		reviewed, err := db.MarkReviewed(ctx, hope.ID, when.MustParse("2024-07-01"))
		if err != nil || reviewed.ReviewedOn.String() != "2024-07-01" {
			t.Fatalf("mark reviewed: %+v, %v", reviewed.ReviewedOn, err)
		}
		if today, err := db.MarkReviewed(ctx, hope.ID, when.Date{}); err != nil || today.ReviewedOn.String() != when.DayDate(when.Today()).String() {
			t.Errorf("mark reviewed today: %v, %v", today.ReviewedOn, err)
		}
		if _, err := db.Resolve(ctx, hope.ID, model.Resolution{State: model.StateTrue, On: when.MustParse("2024-05")}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.MarkReviewed(ctx, hope.ID, when.Date{}); err == nil {
			t.Error("a resolved claim was marked reviewed")
		}
		if _, err := db.MarkReviewed(ctx, 9999, when.Date{}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("reviewing a missing claim: %v", err)
		}
	})
}

// Predictions are searched in their statement (both languages), criteria,
// source and interest, every word anywhere, with words of 1, 2 and 3+
// characters, in English and Chinese, finding the same on both engines.
func TestSearchPredictions(t *testing.T) {
	eachClaimsEngine(t, func(t *testing.T, db claimsEngine) {
		ids := map[string]int64{}
		for key, p := range map[string]model.Prediction{
			"wrapper": {Statement: "Chinese labs will ship GPT wrappers", StatementZh: "国内大模型都是套壳", Source: "Critic", Made: when.MustParse("2023-05")},
			"agi":     {Statement: "AGI by 2027", Source: "Sam Altman", Made: when.MustParse("2024-01"), Criteria: "a model passes the bar 100%"},
			"open":    {Statement: "Open weights catch up", StatementZh: "开源模型追上闭源", Source: "Yann LeCun", Made: when.MustParse("2024-02"), Interest: "works at Meta"},
		} {
			ids[key] = mustPrediction(t, db, p).ID
		}
		cases := map[string][]string{
			"套壳":           {"wrapper"},
			"套":            {"wrapper"},
			"开源模型":         {"open"},
			"模型":           {"open", "wrapper"},
			"gpt":          {"wrapper"},
			"AgI":          {"agi"},
			"ag":           {"agi"},
			"altman 2027":  {"agi"},
			"meta":         {"open"},
			"lecun 追上":     {"open"},
			"100%":         {"agi"},
			"%":            {"agi"},
			"_":            {},
			"critic":       {"wrapper"},
			"model":        {"agi"},
			"nothing here": {},
		}
		for query, want := range cases {
			got, err := db.Predictions(ctx, store.PredictionQuery{Search: query})
			if err != nil {
				t.Fatalf("%q: %v", query, err)
			}
			var wantIDs []int64
			for _, k := range want {
				wantIDs = append(wantIDs, ids[k])
			}
			slices.Sort(wantIDs)
			gotIDs := idsOf(got)
			slices.Sort(gotIDs)
			if !slices.Equal(gotIDs, wantIDs) {
				t.Errorf("search %q: %v, want %v (%v)", query, gotIDs, wantIDs, want)
			}
		}
	})
}

func TestVocabularyListsTheNamesInUse(t *testing.T) {
	eachClaimsEngine(t, func(t *testing.T, db claimsEngine) {
		for _, e := range []model.Event{
			{Title: "a", Date: when.MustParse("2023"), Actor: "openai", Category: model.CategoryModel, Tags: []string{"llm"}},
			{Title: "b", Date: when.MustParse("2023"), Actor: "Anthropic", Category: model.CategoryModel},
			{Title: "c", Date: when.MustParse("2024"), Actor: " Anthropic ", Category: model.CategoryModel},
			{Title: "d", Date: when.MustParse("2024"), Category: model.CategoryModel},
		} {
			if _, err := db.AddEvent(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		for _, p := range []model.Prediction{
			{Statement: "x", Source: "zeta", Made: when.MustParse("2023"), Tags: []string{"agi"}},
			{Statement: "y", Source: "Alpha", Made: when.MustParse("2023")},
			{Statement: "z", Source: "ALPHA", Made: when.MustParse("2023")},
		} {
			mustPrediction(t, db, p)
		}
		if got, err := db.Actors(ctx); err != nil || !slices.Equal(got, []string{"Anthropic", "openai"}) {
			t.Errorf("actors = %v, %v", got, err)
		}
		if got, err := db.Sources(ctx); err != nil || !slices.Equal(got, []string{"Alpha", "zeta"}) {
			t.Errorf("sources = %v, %v", got, err)
		}
		if got, err := db.Tags(ctx); err != nil || !slices.Equal(got, []string{"agi", "llm"}) {
			t.Errorf("tags = %v, %v", got, err)
		}
		details, err := db.SourceDetails(ctx)
		if err != nil || !reflect.DeepEqual(details, []model.Source{{Name: "Alpha"}, {Name: "zeta"}}) {
			t.Errorf("source details = %+v, %v", details, err)
		}
	})
}

func TestVocabularyOfAnEmptyDatabase(t *testing.T) {
	eachClaimsEngine(t, func(t *testing.T, db claimsEngine) {
		for name, list := range map[string]func() ([]string, error){"sources": func() ([]string, error) { return db.Sources(ctx) },
			"actors": func() ([]string, error) { return db.Actors(ctx) }, "tags": func() ([]string, error) { return db.Tags(ctx) }} {
			if got, err := list(); err != nil || got == nil || len(got) != 0 {
				t.Errorf("%s: %#v, %v; want an empty list", name, got, err)
			}
		}
	})
}

// TestSearchPredictionsFindsTheSameOnBothEngines: many queries of one, two
// and three or more characters, English and Chinese, over the same
// predictions, find the same predictions on both engines.
func TestSearchPredictionsFindsTheSameOnBothEngines(t *testing.T) {
	zh := []string{"大模型将套壳", "开源模型追上闭源", "通用人工智能三年内到来", "百模大战结束"}
	en := []string{"AGI by 2027", "Open weights catch up", "GPT-5 this summer", "Scaling hits a wall été"}
	preds := synth.New(5).Predictions(300)
	for i := range preds {
		switch {
		case i%3 == 0:
			preds[i].StatementZh = zh[i%len(zh)]
		case i%4 == 0:
			preds[i].Statement = en[i%len(en)] + fmt.Sprint(" ", i)
		case i%5 == 0:
			preds[i].Criteria = zh[(i+1)%len(zh)] + " " + en[(i+2)%len(en)]
		case i%7 == 0:
			preds[i].Interest = "works at 零一万物 (01.AI)"
		}
	}
	sqlite, pg := openSQLite(t).(claimsEngine), openPostgres(t).(claimsEngine)
	for _, db := range []claimsEngine{sqlite, pg} {
		if _, err := db.AddPredictions(ctx, slices.Clone(preds)); err != nil {
			t.Fatal(err)
		}
	}
	queries := []string{"大", "模", "套壳", "模型", "大模型", "开源模型", "零一万物", "a", "A", "ai", "AI", "01", "01.AI",
		"agi", "AGI 2027", "gpt", "GPT-5", "open", "Open weights", "wall", "été", "ÉTÉ", "x", "-", "%", "_", "开源 wall"}
	found := 0
	for _, q := range queries {
		a, err := sqlite.Predictions(ctx, store.PredictionQuery{Search: q})
		if err != nil {
			t.Fatal(err)
		}
		b, err := pg.Predictions(ctx, store.PredictionQuery{Search: q})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(idsOf(a), idsOf(b)) {
			t.Errorf("search %q: SQLite finds %d predictions, PostgreSQL %d (%v / %v)", q, len(a), len(b), idsOf(a), idsOf(b))
		}
		if len(a) > 0 {
			found++
		}
	}
	if found < len(queries)*3/4 {
		t.Errorf("only %d of %d queries found anything: the corpus does not exercise the search", found, len(queries))
	}
}
