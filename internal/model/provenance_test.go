package model

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/when"
)

func fieldKey(t *testing.T, err error, field string) string {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		return ""
	}
	fe, ok := ve.For(field)
	if !ok {
		return ""
	}
	return fe.Key
}

func TestOnlyForecastsCarryAProbability(t *testing.T) {
	p70 := 0.7
	for _, kind := range []Kind{KindQuestion, KindHope, KindOpinion} {
		p := Prediction{Statement: "Will GPTs succeed?", Source: "s", Made: when.MustParse("2024-01"), Kind: kind, Probability: &p70,
			Resolution: Resolution{State: StateOpen}}
		err := p.Validate()
		if key := fieldKey(t, err, "probability"); key != "error.probability_"+string(kind) {
			t.Errorf("%s with a probability: key %q (%v)", kind, key, err)
		}
		if !strings.Contains(err.Error(), "no probability") {
			t.Errorf("%s: the message should say why: %v", kind, err)
		}
		p.Probability = nil
		if err := p.Validate(); err != nil {
			t.Errorf("%s without a probability refused: %v", kind, err)
		}
	}
	f := Prediction{Statement: "x", Source: "s", Made: when.MustParse("2024-01"), Kind: KindForecast, Probability: &p70,
		Resolution: Resolution{State: StateOpen}}
	if err := f.Validate(); err != nil {
		t.Errorf("forecast with a probability refused: %v", err)
	}
	if key := fieldKey(t, Prediction{Statement: "x", Source: "s", Made: when.MustParse("2024"), Kind: "prophecy"}.Validate(), "kind"); key != "error.kind" {
		t.Errorf("unknown kind: key %q", key)
	}
}

func TestNormalizeMakesAForecastAndDropsEmptyLinks(t *testing.T) {
	p := Prediction{Statement: "x", Source: "s", Made: when.MustParse("2024"), Interest: "  works at 01.AI ",
		Links: []SourceLink{{URL: " "}, {URL: " https://a.example/p ", Quote: " q ", Primary: true}}}
	p.Normalize()
	if p.Kind != KindForecast || p.Interest != "works at 01.AI" || len(p.Links) != 1 || p.Links[0].URL != "https://a.example/p" || p.Links[0].Quote != "q" {
		t.Errorf("Normalize: %+v", p)
	}
	if p.SourceUnconfirmed() {
		t.Error("a claim with a primary link is unconfirmed")
	}
	p.Links[0].Primary = false
	if !p.SourceUnconfirmed() || !(Prediction{}).SourceUnconfirmed() {
		t.Error("a claim with no primary link is confirmed")
	}
}

func TestProvenanceNeedsMatchingDates(t *testing.T) {
	made := when.MustParse("2023-02")
	base := Prediction{Statement: "x", Source: "s", Made: made, Resolution: Resolution{State: StateOpen}}
	cases := []struct {
		name  string
		prov  Provenance
		links []SourceLink
		key   string // "" when valid
	}{
		{"unstated, no links", ProvenanceUnstated, nil, ""},
		{"contemporaneous without a published date", ProvenanceContemporaneous,
			[]SourceLink{{URL: "https://a.example"}}, "error.contemporaneous_unpublished"},
		{"contemporaneous, published later", ProvenanceContemporaneous,
			[]SourceLink{{URL: "https://a.example", Published: when.MustParse("2024-01")}}, "error.contemporaneous_unpublished"},
		{"contemporaneous, published within the month", ProvenanceContemporaneous,
			[]SourceLink{{URL: "https://a.example", Published: when.MustParse("2023-02-10")}}, ""},
		{"contemporaneous, published in that year only", ProvenanceContemporaneous,
			[]SourceLink{{URL: "https://a.example", Published: when.MustParse("2023")}}, "error.contemporaneous_unpublished"},
		{"retrospective, reported a year later", ProvenanceRetrospective,
			[]SourceLink{{URL: "https://a.example", Published: when.MustParse("2024-01")}}, ""},
		{"reported later, but a source was published at the time", ProvenanceReportedLater,
			[]SourceLink{{URL: "https://a.example", Published: when.MustParse("2023-01-30")}}, "error.later_has_early_source"},
	}
	for _, c := range cases {
		p := base
		p.Provenance, p.Links = c.prov, c.links
		err := p.Validate()
		got := fieldKey(t, err, "provenance")
		if got != c.key || c.key == "" && err != nil {
			t.Errorf("%s: key %q, want %q (%v)", c.name, got, c.key, err)
		}
	}
	if _, err := ParseProvenance("hindsight"); err == nil {
		t.Error("ParseProvenance accepted an unknown provenance")
	}
	for in, want := range map[string]Provenance{"reported-later": ProvenanceReportedLater, "Retrospective": ProvenanceRetrospective, "": ProvenanceUnstated, "contemporaneous": ProvenanceContemporaneous} {
		if got, err := ParseProvenance(in); err != nil || got != want {
			t.Errorf("ParseProvenance(%q) = %q, %v", in, got, err)
		}
	}
}

func TestLinksRestatesAndReview(t *testing.T) {
	p := Prediction{ID: 4, Statement: "x", Source: "s", Made: when.MustParse("2024-01"), Restates: 4,
		Links:      []SourceLink{{Primary: true, Quote: "words"}, {Published: when.MustParse("2024")}},
		ReviewedOn: when.MustParse("2023-05")}
	err := p.Validate()
	for field, key := range map[string]string{"restates": "error.restates_self", "links[0].url": "error.primary_needs_url",
		"links[1].url": "error.link_empty", "reviewed_on": "error.reviewed_before_made"} {
		if got := fieldKey(t, err, field); got != key {
			t.Errorf("%s: key %q, want %q (%v)", field, got, key, err)
		}
	}
}

func TestReviewDue(t *testing.T) {
	created := time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)
	p := Prediction{Statement: "x", Source: "s", Made: when.MustParse("2023-12"), CreatedAt: created}
	if got := p.LastReviewed(); got != when.DayOf(2024, 1, 10) {
		t.Errorf("never reviewed: last reviewed %v, want the day it was recorded", got)
	}
	if p.ReviewDue(when.DayOf(2024, 7, 10)) || !p.ReviewDue(when.DayOf(2024, 7, 11)) {
		t.Error("a review falls due six months after the last one")
	}
	p.ReviewedOn = when.MustParse("2024-06-01")
	if p.ReviewDue(when.DayOf(2024, 7, 11)) {
		t.Error("a claim reviewed last month is due for review")
	}
	p.Resolution = Resolution{State: StateFalse, On: when.MustParse("2024-06")}
	if p.ReviewDue(when.DayOf(2030, 1, 1)) {
		t.Error("a resolved claim is due for review")
	}
}

func TestUnfalsifiableAndPartlyWithoutFraction(t *testing.T) {
	made := when.MustParse("2024-01")
	if err := (Resolution{State: StateUnfalsifiable}).Validate(made); err != nil {
		t.Errorf("unfalsifiable without a date refused: %v", err)
	}
	if err := (Resolution{State: StateUnfalsifiable, Fraction: 0.5}).Validate(made); err == nil {
		t.Error("an unfalsifiable claim took a fraction")
	}
	if err := (Resolution{State: StatePartly, On: when.MustParse("2025")}).Validate(made); err != nil {
		t.Errorf("partly with no stated fraction refused: %v", err)
	}
	if err := (Resolution{State: StateAmbiguous}).Validate(made); err == nil {
		t.Error("ambiguous without a date accepted")
	}
	if s, err := ParseState("Unfalsifiable"); err != nil || s != StateUnfalsifiable || !(Resolution{State: s}).Resolved() {
		t.Errorf("ParseState(unfalsifiable) = %q, %v", s, err)
	}
}

// Review marks an open claim on the day given, or today, and refuses a
// resolved one; both engines save what it sets.
func TestReview(t *testing.T) {
	p := Prediction{Statement: "x", Source: "s", Made: when.MustParse("2023-12"), Resolution: Resolution{State: StateOpen}}
	if err := p.Review(when.MustParse("2024-02-03")); err != nil || p.ReviewedOn.String() != "2024-02-03" {
		t.Fatalf("review on a day: %v, reviewed on %v", err, p.ReviewedOn)
	}
	if err := p.Review(when.Date{}); err != nil || p.ReviewedOn.Earliest() != when.Today() {
		t.Fatalf("review today: %v, reviewed on %v", err, p.ReviewedOn)
	}
	if err := p.Review(when.MustParse("2023-01")); fieldKey(t, err, "reviewed_on") != "error.reviewed_before_made" {
		t.Errorf("a review before the claim was made: %v", err)
	}
	p.Resolution = Resolution{State: StateTrue, On: when.MustParse("2024-03")}
	if err := p.Review(when.MustParse("2024-04")); fieldKey(t, err, "reviewed_on") != "error.reviewed_resolved" {
		t.Errorf("a resolved claim was reviewed: %v", err)
	}
}
