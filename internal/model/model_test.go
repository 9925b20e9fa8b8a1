package model

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/when"
)

func TestNormalizeTags(t *testing.T) {
	got := NormalizeTags([]string{" Open Weights ", "open-weights", "", "GPT-4", "百模大战", "  "})
	want := []string{"open-weights", "gpt-4", "百模大战"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("NormalizeTags = %v, want %v", got, want)
	}
}

func TestCheckLink(t *testing.T) {
	for _, ok := range []string{"https://openai.com/research/gpt-4", "http://example.com", " https://a.b/c?d=1 "} {
		if msg := CheckLink(ok); msg != "" {
			t.Errorf("CheckLink(%q) = %q, want accepted", ok, msg)
		}
	}
	for _, bad := range []string{"javascript:alert(1)", "file:///etc/passwd", "openai.com", "https://", "ftp://x.org", "%zz"} {
		if msg := CheckLink(bad); msg == "" {
			t.Errorf("CheckLink(%q) accepted", bad)
		}
	}
}

func TestParseProbability(t *testing.T) {
	cases := map[string]float64{"70%": 0.7, "0.7": 0.7, "70": 0.7, "100%": 1, "0": 0, "1": 1, "12.5 %": 0.125, "70％": 0.7,
		"2": 0.02, "100": 1, "0.25": 0.25}
	for in, want := range cases {
		got, err := ParseProbability(in)
		if err != nil || got == nil || *got != want {
			t.Errorf("ParseProbability(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if got, err := ParseProbability("  "); got != nil || err != nil {
		t.Errorf("empty probability = %v, %v; want nil, nil", got, err)
	}
	for _, bad := range []string{"140%", "-5%", "101", "abc", "0x10", "NaN", "Inf", "1e3", "1.2.3"} {
		if _, err := ParseProbability(bad); err == nil {
			t.Errorf("ParseProbability(%q) accepted", bad)
		}
	}
	// A bare number above 1 that is not a whole percentage is a slip, not
	// a tiny probability: 1.4 would otherwise be stored as 1.4 %. The
	// message shows both forms that are read.
	for _, slip := range []string{"1.4", "1.5", "55.5", "99.9"} {
		_, err := ParseProbability(slip)
		if err == nil || !strings.Contains(err.Error(), "0.7") || !strings.Contains(err.Error(), "70%") {
			t.Errorf("ParseProbability(%q) = %v; want a refusal showing 0.7 and 70%%", slip, err)
		}
	}
}

func TestEventValidationNamesEveryBadField(t *testing.T) {
	e := Event{
		Title: "", Date: when.MustParse("2023-05"), End: when.MustParse("2023-01"), Category: "gossip",
		Tags:  []string{strings.Repeat("x", MaxTagRunes+1)},
		Links: []Link{{URL: "https://ok.example"}, {URL: "javascript:void(0)"}},
	}
	err := e.Validate()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Validate() = %v, want a ValidationError", err)
	}
	for _, field := range []string{"title", "end", "category", "tags[0]", "links[1].url"} {
		if _, ok := ve.For(field); !ok {
			t.Errorf("no problem reported for %s in %v", field, err)
		}
	}
	if _, ok := ve.For("links[0].url"); ok {
		t.Error("a good link was reported")
	}
}

func TestEventNormalizeAndLatest(t *testing.T) {
	e := Event{Title: "  GPT-4  ", Date: when.MustParse("2023-03"), End: when.MustParse("2023-06-15"),
		Links: []Link{{URL: " "}, {URL: " https://x.org ", Quote: " q "}}}
	e.Normalize()
	if e.Title != "GPT-4" || e.Category != CategoryOther || len(e.Links) != 1 || e.Links[0] != (Link{URL: "https://x.org", Quote: "q"}) {
		t.Errorf("Normalize: %+v", e)
	}
	if e.Earliest() != when.DayOf(2023, 3, 1) || e.Latest() != when.DayOf(2023, 6, 15) {
		t.Errorf("extent %v..%v", e.Earliest(), e.Latest())
	}
	if err := e.Validate(); err != nil {
		t.Errorf("valid event refused: %v", err)
	}
}

func TestPredictionValidation(t *testing.T) {
	over := 1.4
	p := Prediction{Statement: " ", Source: "", Probability: &over, Links: []SourceLink{{URL: "file:///x"}},
		Resolution: Resolution{State: StatePartly, Fraction: 1.5, On: when.MustParse("2020")}, Made: when.MustParse("2023")}
	err := p.Validate()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Validate() = %v", err)
	}
	for _, field := range []string{"statement", "source", "probability", "links[0].url", "resolved_on", "fraction"} {
		if _, ok := ve.For(field); !ok {
			t.Errorf("no problem for %s in %v", field, err)
		}
	}
	fe, _ := ve.For("probability")
	if !strings.Contains(fe.Message, "140%") {
		t.Errorf("probability message %q should quote the value", fe.Message)
	}
}

func TestResolutionRules(t *testing.T) {
	made := when.MustParse("2023-02")
	ok := Resolution{State: StateTrue, On: when.MustParse("2023-11-17"), Evidence: []Evidence{{EventID: 1, Role: RoleResolves}}}
	if err := ok.Validate(made); err != nil {
		t.Errorf("valid resolution refused: %v", err)
	}
	bad := []Resolution{
		{State: "maybe", On: when.MustParse("2024")},
		{State: StateFalse},
		{State: StateTrue, On: when.MustParse("2024"), Fraction: 0.5},
		{State: StatePartly, On: when.MustParse("2024"), Fraction: 1},
		{State: StateTrue, On: when.MustParse("2024"), Evidence: []Evidence{{EventID: 1, Role: "proves"}}},
		{State: StateTrue, On: when.MustParse("2024"), Evidence: []Evidence{{EventID: 1, Role: RoleResolves}, {EventID: 1, Role: RoleSupports}}},
		{State: StateTrue, On: when.MustParse("2024"), Evidence: []Evidence{{EventID: 0, Role: RoleResolves}}},
	}
	for i, r := range bad {
		if err := r.Validate(made); err == nil {
			t.Errorf("case %d accepted: %+v", i, r)
		}
	}
	if (Resolution{}).Resolved() || (Resolution{State: StateOpen}).Resolved() || !(Resolution{State: StateWithdrawn}).Resolved() {
		t.Error("Resolved() wrong")
	}
}

func TestParseStateAndCategory(t *testing.T) {
	if s, err := ParseState(" TRUE "); err != nil || s != StateTrue {
		t.Errorf("ParseState = %v, %v", s, err)
	}
	if _, err := ParseState("yes"); err == nil || !strings.Contains(err.Error(), "partly") {
		t.Errorf("ParseState(yes) = %v; the message should list the states", err)
	}
	if c, err := ParseCategory("Model"); err != nil || c != CategoryModel {
		t.Errorf("ParseCategory = %v, %v", c, err)
	}
	if _, err := ParseCategory("gossip"); err == nil {
		t.Error("unknown category accepted")
	}
}

func TestParseKind(t *testing.T) {
	for in, want := range map[string]Kind{"forecast": KindForecast, " Question ": KindQuestion,
		"hope": KindHope, "intent": KindHope, "OPINION": KindOpinion} {
		got, err := ParseKind(in)
		if err != nil || got != want {
			t.Errorf("ParseKind(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseKind("prophecy"); err == nil {
		t.Error("ParseKind accepted an unknown kind")
	}
	if !KindForecast.Scored() || KindQuestion.Scored() || KindHope.Scored() || KindOpinion.Scored() {
		t.Error("only forecasts are scored")
	}
}

func TestOverdue(t *testing.T) {
	made := when.MustParse("2023-02")
	within, err := when.ParseDeadline("within two years", made)
	if err != nil {
		t.Fatal(err)
	}
	open := Prediction{Statement: "x", Source: "s", Made: made, Deadline: within}
	before, after := when.DayOf(2025, 2, 28), when.DayOf(2025, 3, 1)
	if open.Overdue(before) || !open.Overdue(after) {
		t.Errorf("due by 2025-02-28: overdue on the day %v, the day after %v", open.Overdue(before), open.Overdue(after))
	}
	resolved := open
	resolved.Resolution = Resolution{State: StateTrue, On: when.MustParse("2023-11")}
	if resolved.Overdue(after) {
		t.Error("a resolved prediction is overdue")
	}
	if (Prediction{Statement: "x", Source: "s", Made: made}).Overdue(after) {
		t.Error("a prediction without a deadline is overdue")
	}
}
