package score

import (
	"reflect"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestOnlyForecastsAreCounted(t *testing.T) {
	fs := []Forecast{
		{ID: 1, Outcome: model.StateTrue},                                // a forecast ("" kind)
		{ID: 2, Kind: model.KindForecast, Outcome: model.StateFalse},     // a forecast
		{ID: 3, Kind: model.KindQuestion, Outcome: model.StateFalse},     // "will GPTs succeed?" answered no
		{ID: 4, Kind: model.KindHope, Outcome: model.StateTrue},          // a hope that came about
		{ID: 5, Kind: model.KindOpinion, Outcome: model.StateTrue},       // an opinion the record agrees with
		{ID: 6, Kind: model.KindQuestion, Outcome: model.StateOpen},      // an open question
		{ID: 7, Kind: model.KindForecast, Outcome: model.StateOpen},      // an open forecast
		{ID: 8, Outcome: model.StateUnfalsifiable, HasProbability: true}, // never checkable
	}
	sel := Select(fs, Rules{IncludeRetrospective: true, IncludeUnconfirmed: true})
	var ids []int64
	for _, f := range sel.Forecasts {
		ids = append(ids, f.ID)
	}
	if !reflect.DeepEqual(ids, []int64{1, 2, 7, 8}) || !reflect.DeepEqual(sel.Indexes, []int{0, 1, 6, 7}) {
		t.Errorf("counted %v, want the forecasts 1, 2, 7, 8", ids)
	}
	if want := map[LeftOut]int{LeftQuestion: 2, LeftHope: 1, LeftOpinion: 1}; !reflect.DeepEqual(sel.Left, want) {
		t.Errorf("left out %v, want %v", sel.Left, want)
	}
	s := Summarize("", sel.Forecasts)
	// 1 of 2: the question answered "no" is not a miss, the hope and the
	// opinion are not hits, and the unfalsifiable claim is in no rate.
	if s.Hits != 1 || s.Misses != 1 || s.HitRate != 0.5 || s.Made != 4 || s.Scored != 2 || s.Unfalsifiable != 1 || s.BrierN != 0 {
		t.Errorf("summary %+v", s)
	}
}

func TestRetrospectiveAndUnconfirmedAreLeftOutByDefault(t *testing.T) {
	fs := []Forecast{
		{ID: 1, Outcome: model.StateTrue, Retrospective: true, Unconfirmed: true}, // the Feb 2023 forecast of the seed
		{ID: 2, Outcome: model.StateFalse, Unconfirmed: true},
		{ID: 3, Outcome: model.StateTrue},
	}
	cases := []struct {
		name string
		r    Rules
		ids  []int64
		left map[LeftOut]int
	}{
		{"default", Rules{}, []int64{3}, map[LeftOut]int{LeftRetrospective: 1, LeftUnconfirmed: 1}},
		{"with retrospective", Rules{IncludeRetrospective: true}, []int64{3}, map[LeftOut]int{LeftUnconfirmed: 2}},
		{"with unconfirmed", Rules{IncludeUnconfirmed: true}, []int64{2, 3}, map[LeftOut]int{LeftRetrospective: 1}},
		{"with both", Rules{IncludeRetrospective: true, IncludeUnconfirmed: true}, []int64{1, 2, 3}, map[LeftOut]int{}},
	}
	for _, c := range cases {
		sel := Select(fs, c.r)
		var ids []int64
		for _, f := range sel.Forecasts {
			ids = append(ids, f.ID)
		}
		if !reflect.DeepEqual(ids, c.ids) || !reflect.DeepEqual(sel.Left, c.left) || sel.LeftTotal() != 3-len(c.ids) {
			t.Errorf("%s: counted %v left %v, want %v and %v", c.name, ids, sel.Left, c.ids, c.left)
		}
	}
}

// The re-dating rule cannot be gamed: restating a claim just before its
// deadline, or withdrawing it when restating, leaves it a miss.
func TestRedatingDoesNotEraseAMiss(t *testing.T) {
	d := func(y int, m time.Month, dd int) int64 { return day(y, m, dd) }
	agi2025 := Forecast{ID: 1, Source: "Forecaster", Outcome: model.StateOpen, HasDeadline: true, DeadlineDay: d(2025, 12, 31),
		MadeDay: d(2023, 1, 1), Restated: true}
	agi2027 := Forecast{ID: 2, Source: "Forecaster", Outcome: model.StateOpen, HasDeadline: true, DeadlineDay: d(2027, 12, 31),
		MadeDay: d(2025, 12, 20), Restates: 1}
	fs := []Forecast{agi2025, agi2027}

	// Before the first deadline passes, both claims are open.
	before := Select(fs, Rules{Today: d(2025, 12, 31)})
	if s := Summarize("", before.Forecasts); s.Misses != 0 || s.HasHitRate {
		t.Errorf("before the deadline: %+v", s)
	}
	// The day after, the restated claim is a miss; its restatement stays open.
	after := Select(fs, Rules{Today: d(2026, 1, 1)})
	s := Summarize("Forecaster", after.Forecasts)
	if s.Misses != 1 || s.RedatedMisses != 1 || s.HitRate != 0 || s.Redated != 1 || !after.Forecasts[0].RedatedMiss || after.Forecasts[1].Outcome != model.StateOpen {
		t.Errorf("after the deadline: %+v", s)
	}
	// Withdrawing the restated claim does not take it off the record.
	withdrawn := agi2025
	withdrawn.Outcome = model.StateWithdrawn
	if s := Summarize("", Select([]Forecast{withdrawn, agi2027}, Rules{Today: d(2026, 1, 1)}).Forecasts); s.Misses != 1 {
		t.Errorf("withdrawn when restated: %+v", s)
	}
	// A claim settled on its own terms keeps its outcome, and one nobody
	// restated is not touched.
	hit := agi2025
	hit.Outcome = model.StateTrue
	if s := Summarize("", Select([]Forecast{hit}, Rules{Today: d(2030, 1, 1)}).Forecasts); s.Hits != 1 || s.Misses != 0 {
		t.Errorf("a restated claim that came true: %+v", s)
	}
	lone := agi2025
	lone.Restated = false
	if s := Summarize("", Select([]Forecast{lone}, Rules{Today: d(2030, 1, 1)}).Forecasts); s.Misses != 0 {
		t.Errorf("an unrestated open claim past its deadline was scored: %+v", s)
	}
	if got := Redatings(fs); !reflect.DeepEqual(got, map[string]int{"Forecaster": 1}) {
		t.Errorf("Redatings = %v", got)
	}
}

func TestPartlyRules(t *testing.T) {
	partly := withP(0.6, model.StatePartly) // no share stated
	stated := withP(0.6, model.StatePartly)
	stated.Fraction = 0.25
	fs := []Forecast{withP(0.9, model.StateTrue), withP(0.2, model.StateFalse), partly, stated}

	// Default: partly is neither hit nor miss; in the probability scores
	// only the one with a stated share counts.
	s := SummarizeWith("", fs, Rules{})
	if s.Hits != 1 || s.Misses != 1 || s.Partly != 2 || s.HitRate != 0.5 || s.BrierN != 3 {
		t.Errorf("default: %+v", s)
	}
	// (0.01 + 0.04 + 0.1225) / 3
	if !near(s.Brier, 0.1725/3) {
		t.Errorf("default Brier %v", s.Brier)
	}
	// Partly as half: (1 + 2·½) / 4, and the unstated one at 50%.
	h := SummarizeWith("", fs, Rules{PartlyAsHalf: true})
	if h.HitRate != 0.5 || h.BrierN != 4 || !near(h.Brier, (0.1725+0.01)/4) {
		t.Errorf("partly as half: %+v", h)
	}
	h2 := SummarizeWith("", []Forecast{{Outcome: model.StateTrue}, {Outcome: model.StatePartly}}, Rules{PartlyAsHalf: true})
	if h2.HitRate != 0.75 {
		t.Errorf("1 hit and 1 partly as half: hit rate %v, want 0.75", h2.HitRate)
	}
	if by := BreakdownWith(fs, BySource, Rules{PartlyAsHalf: true}); len(by) != 1 || by[0].HitRate != 0.5 || by[0].BrierN != 4 {
		t.Errorf("breakdown with partly as half: %+v", by)
	}
	cal := Calibrate(fs, CalibrationOptions{IncludeEarly: true})
	half := Calibrate(fs, CalibrationOptions{IncludeEarly: true, PartlyAsHalf: true})
	if cal.Included != 3 || half.Included != 4 {
		t.Errorf("calibration takes %d, and %d with partly as half; want 3 and 4", cal.Included, half.Included)
	}
}

func TestFromPredictionsCarriesClaims(t *testing.T) {
	made := when.MustParse("2023-02")
	preds := []model.Prediction{
		{ID: 1, Source: "A", Made: made, Kind: model.KindForecast, Provenance: model.ProvenanceRetrospective,
			Links: []model.SourceLink{{URL: "https://x.example", Primary: false}}, Interest: "works at 01.AI"},
		{ID: 2, Source: "A", Made: made, Kind: model.KindQuestion, Restates: 1,
			Links: []model.SourceLink{{URL: "https://y.example", Primary: true}}},
	}
	fs := FromPredictions(preds)
	if !fs[0].Retrospective || !fs[0].Unconfirmed || !fs[0].Restated || fs[0].Interest != "works at 01.AI" {
		t.Errorf("first: %+v", fs[0])
	}
	if fs[1].Kind != model.KindQuestion || fs[1].Unconfirmed || fs[1].Restates != 1 || fs[1].Restated {
		t.Errorf("second: %+v", fs[1])
	}
	if got := Interests(fs); !reflect.DeepEqual(got, map[string][]string{"A": {"works at 01.AI"}}) {
		t.Errorf("Interests = %v", got)
	}
	// A question restating a claim is no re-dated forecast.
	if got := Redatings(fs); len(got) != 0 {
		t.Errorf("Redatings = %v", got)
	}
}
