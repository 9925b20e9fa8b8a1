package score

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
)

// day converts a calendar date to days since 1970-01-01.
func day(year int, month time.Month, d int) int64 {
	return time.Date(year, month, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// assertNoNaN fails on any NaN or infinite float field of a struct.
func assertNoNaN(t *testing.T, v any) {
	t.Helper()
	rv := reflect.ValueOf(v)
	for i := range rv.NumField() {
		field := rv.Field(i)
		if field.Kind() != reflect.Float64 {
			continue
		}
		if x := field.Float(); math.IsNaN(x) || math.IsInf(x, 0) {
			t.Errorf("%s = %v", rv.Type().Field(i).Name, x)
		}
	}
}

func withP(p float64, o model.State) Forecast {
	return Forecast{Probability: p, HasProbability: true, Outcome: o}
}

func TestSummarizeMixedGroup(t *testing.T) {
	partly := withP(0.7, model.StatePartly)
	partly.Fraction = 0.5
	fs := []Forecast{
		withP(0.8, model.StateTrue),
		withP(0.8, model.StateFalse),
		partly,
		{Outcome: model.StateTrue}, // no probability: hit rate only
		withP(0.9, model.StateOpen),
		withP(0.9, model.StateAmbiguous),
		withP(0.9, model.StateAnnulled),
		withP(0.9, model.StateWithdrawn),
	}
	s := Summarize("mixed", fs)

	if s.Label != "mixed" || s.Made != 8 || s.Resolved != 7 || s.Scored != 4 {
		t.Errorf("Made/Resolved/Scored = %d/%d/%d, want 8/7/4", s.Made, s.Resolved, s.Scored)
	}
	if s.Hits != 2 || s.Misses != 1 || s.Partly != 1 {
		t.Errorf("Hits/Misses/Partly = %d/%d/%d, want 2/1/1", s.Hits, s.Misses, s.Partly)
	}
	// 2 hits / (2 hits + 1 miss); PARTLY stays out.
	if !s.HasHitRate || !near(s.HitRate, 0.666667) {
		t.Errorf("HitRate = %v (%v), want 0.666667", s.HitRate, s.HasHitRate)
	}
	// (0.04 + 0.64 + 0.04) / 3 = 0.72 / 3 = 0.24; never-scored outcomes add nothing.
	if s.BrierN != 3 || !s.HasBrier() || !near(s.Brier, 0.24) {
		t.Errorf("Brier = %v over %d, want 0.24 over 3", s.Brier, s.BrierN)
	}
	// (0.678072 − 1.321928 − 0.125769) / 3 = −0.769625 / 3 = −0.256542
	if s.LogN != 3 || !s.HasLogScore() || !near(s.LogScore, -0.256542) {
		t.Errorf("LogScore = %v over %d, want −0.256542 over 3", s.LogScore, s.LogN)
	}
}

func TestSummarizeHitRateWithoutProbabilities(t *testing.T) {
	fs := []Forecast{
		{Outcome: model.StateTrue}, {Outcome: model.StateTrue}, {Outcome: model.StateTrue},
		{Outcome: model.StateFalse}, {Outcome: model.StateOpen},
	}
	s := Summarize("no p", fs)
	// 3 / (3 + 1) = 0.75
	if !s.HasHitRate || s.HitRate != 0.75 || s.Hits != 3 || s.Misses != 1 {
		t.Errorf("hit rate = %v (%d/%d), want 0.75 (3/1)", s.HitRate, s.Hits, s.Misses)
	}
	if s.HasBrier() || s.HasLogScore() || s.Brier != 0 || s.LogScore != 0 {
		t.Errorf("scores without probabilities: Brier %v/%d, log %v/%d", s.Brier, s.BrierN, s.LogScore, s.LogN)
	}
}

func TestSummarizeOnlyPartlyHasNoHitRate(t *testing.T) {
	f := withP(0.6, model.StatePartly)
	f.Fraction = 0.5
	s := Summarize("partly", []Forecast{f})
	if s.HasHitRate || s.HitRate != 0 || s.Partly != 1 || s.Scored != 1 {
		t.Errorf("partly-only: HitRate %v (%v), Partly %d, Scored %d", s.HitRate, s.HasHitRate, s.Partly, s.Scored)
	}
	// (0.6 − 0.5)² = 0.01
	if !near(s.Brier, 0.01) {
		t.Errorf("Brier = %v, want 0.01", s.Brier)
	}
}

func TestSummarizeInvalidProbabilityIsIgnored(t *testing.T) {
	fs := []Forecast{withP(1.2, model.StateTrue), withP(math.NaN(), model.StateFalse), withP(-0.1, model.StateTrue)}
	s := Summarize("bad p", fs)
	if s.HasBrier() || s.HasLogScore() || s.Hits != 2 || s.Misses != 1 {
		t.Errorf("invalid probabilities were scored: %+v", s)
	}
	assertNoNaN(t, s)
}

func TestSummarizeEmpty(t *testing.T) {
	s := Summarize("empty", nil)
	want := Summary{Label: "empty"}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("Summarize(nil) = %+v, want zero summary", s)
	}
	assertNoNaN(t, s)

	// Only never-scored outcomes: still no division by zero.
	s = Summarize("unscored", []Forecast{withP(0.5, model.StateOpen), withP(0.5, model.StateWithdrawn)})
	if s.Made != 2 || s.Resolved != 1 || s.Scored != 0 || s.HasHitRate || s.HasBrier() || s.HasLead() {
		t.Errorf("unscored summary = %+v", s)
	}
	assertNoNaN(t, s)
}

func TestLeadDays(t *testing.T) {
	f := Forecast{Outcome: model.StateTrue, MadeDay: 100, ResolvedDay: 130, HasResolved: true, DeadlineDay: 200, HasDeadline: true}
	// made on day 100, resolved on day 130: 30 days; the deadline plays no part.
	if got, ok := LeadDays(f); !ok || got != 30 {
		t.Errorf("LeadDays = %d, %v; want 30", got, ok)
	}
	late := f
	late.Outcome, late.ResolvedDay = model.StateFalse, 210
	if got, _ := LeadDays(late); got != 110 {
		t.Errorf("late LeadDays = %d, want 110", got)
	}
	noDeadline := f
	noDeadline.HasDeadline = false
	if got, ok := LeadDays(noDeadline); !ok || got != 30 {
		t.Errorf("no-deadline LeadDays = %d, %v", got, ok)
	}
	unresolved := f
	unresolved.HasResolved = false
	if _, ok := LeadDays(unresolved); ok {
		t.Error("an unknown resolution day gave a lead")
	}
	withdrawn := f
	withdrawn.Outcome = model.StateWithdrawn
	if _, ok := LeadDays(withdrawn); ok {
		t.Error("a withdrawn forecast gave a lead")
	}
}

func TestSummarizeLeadMeanMedian(t *testing.T) {
	mk := func(made, resolved, deadline int64) Forecast {
		return Forecast{Outcome: model.StateTrue, MadeDay: made, ResolvedDay: resolved, HasResolved: true,
			DeadlineDay: deadline, HasDeadline: true}
	}
	// leads 20, 50, 10 → mean 80/3 = 26.666667, median 20
	fs := []Forecast{mk(0, 20, 120), mk(0, 50, 60), mk(0, 10, 50)}
	s := Summarize("lead", fs)
	if s.LeadN != 3 || !near(s.MeanLeadDays, 26.666667) || s.MedianLeadDays != 20 {
		t.Errorf("lead = mean %v median %v n %d, want 26.67/20/3", s.MeanLeadDays, s.MedianLeadDays, s.LeadN)
	}
	// Even count: 20, 50, 10, 70 → sorted 10, 20, 50, 70, median 35, mean 37.5
	fs = append(fs, mk(0, 70, 70))
	s = Summarize("lead", fs)
	if s.MedianLeadDays != 35 || !near(s.MeanLeadDays, 37.5) {
		t.Errorf("even lead = mean %v median %v, want 37.5/35", s.MeanLeadDays, s.MedianLeadDays)
	}
}

// Mirrors the seed data: a source whose only resolved forecast is the
// February 2023 forecast of an OpenAI leadership conflict.
func TestSeedOpenAIConflictForecast(t *testing.T) {
	conflict := Forecast{
		ID:          1,
		Source:      "seed source",
		Tags:        []string{"openai", "governance"},
		YearMade:    2023,
		Outcome:     model.StateTrue,
		MadeDay:     day(2023, time.February, 1),
		DeadlineDay: day(2025, time.February, 28),
		HasDeadline: true,
		ResolvedDay: day(2023, time.November, 17),
		HasResolved: true,
	}
	// 2023-02-01 is 53 years after 1970-01-01: 53·365 + 13 leap days (1972…2020) = 19358,
	// plus January's 31 days = 19389.
	if conflict.MadeDay != 19389 {
		t.Fatalf("MadeDay = %d, want 19389", conflict.MadeDay)
	}
	open := Forecast{ID: 2, Source: "seed source", YearMade: 2024, Outcome: model.StateOpen, MadeDay: day(2024, time.March, 1)}

	s := Summarize("seed source", []Forecast{conflict, open})
	if !s.HasHitRate || s.HitRate != 1 || s.Hits != 1 || s.Misses != 0 {
		t.Errorf("hit rate = %v (%d/%d), want 1 (1/0)", s.HitRate, s.Hits, s.Misses)
	}
	if s.HasBrier() || s.HasLogScore() {
		t.Errorf("forecast without probability was scored: Brier n %d, log n %d", s.BrierN, s.LogN)
	}

	lead, _ := LeadDays(conflict)
	// 2023-02-01 → 2023-11-17: to 1 Nov is Feb 28 + Mar 31 + Apr 30 + May 31 + Jun 30
	// + Jul 31 + Aug 31 + Sep 30 + Oct 31 = 273, plus 16 days = 289.
	if lead != 289 || s.MeanLeadDays != 289 || s.MedianLeadDays != 289 {
		t.Errorf("lead = %d (mean %v), want 289", lead, s.MeanLeadDays)
	}
}

func TestBreakdownByTag(t *testing.T) {
	fs := []Forecast{
		{ID: 1, Tags: []string{"chips", "openai"}, Outcome: model.StateTrue},
		{ID: 2, Tags: []string{"openai"}, Outcome: model.StateFalse},
		{ID: 3, Tags: []string{"openai", "openai", "agents"}, Outcome: model.StateTrue},
		{ID: 4, Tags: nil, Outcome: model.StateTrue},
		{ID: 5, Tags: []string{"chips"}, Outcome: model.StateOpen},
	}
	got := Breakdown(fs, ByTag)
	// openai: 1, 2, 3 (3 counted once); chips: 1, 5; agents: 3; untagged "": 4.
	// Ties at one forecast sort by label: "" < "agents".
	want := []struct {
		label              string
		made, hits, misses int
	}{
		{"openai", 3, 2, 1},
		{"chips", 2, 1, 0},
		{"", 1, 1, 0},
		{"agents", 1, 1, 0},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d groups, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Label != w.label || g.Made != w.made || g.Hits != w.hits || g.Misses != w.misses {
			t.Errorf("group %d = %q made %d hits %d misses %d, want %+v", i, g.Label, g.Made, g.Hits, g.Misses, w)
		}
	}
}

func TestBreakdownBySourceAndYear(t *testing.T) {
	fs := []Forecast{
		{Source: "b", YearMade: 2024, Outcome: model.StateTrue},
		{Source: "a", YearMade: 2023, Outcome: model.StateFalse},
		{Source: "c", YearMade: 2024, Outcome: model.StateTrue},
		{Source: "c", YearMade: 2023, Outcome: model.StateOpen},
		{Source: "c", YearMade: 0, Outcome: model.StateTrue},
	}
	labels := func(ss []Summary) []string {
		var out []string
		for _, s := range ss {
			out = append(out, s.Label)
		}
		return out
	}
	// c has 3; a and b have 1 each, ordered by name.
	if got, want := labels(Breakdown(fs, BySource)), []string{"c", "a", "b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("by source = %v, want %v", got, want)
	}
	// 2023 and 2024 have 2 each; the unknown year has 1.
	byYear := Breakdown(fs, ByYear)
	if got, want := labels(byYear), []string{"2023", "2024", ""}; !reflect.DeepEqual(got, want) {
		t.Errorf("by year = %v, want %v", got, want)
	}
	if byYear[1].HitRate != 1 || byYear[0].HasHitRate != true || byYear[0].HitRate != 0 {
		t.Errorf("year hit rates = %v, %v", byYear[0].HitRate, byYear[1].HitRate)
	}
}

func TestBreakdownEmptyAndUnknown(t *testing.T) {
	if got := Breakdown(nil, BySource); len(got) != 0 {
		t.Errorf("Breakdown(nil) = %+v, want empty", got)
	}
	if got := Breakdown([]Forecast{{Source: "a"}}, "colour"); got != nil {
		t.Errorf("unknown grouping = %+v, want nil", got)
	}
}
