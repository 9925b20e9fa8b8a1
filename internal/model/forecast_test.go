package model

import (
	"testing"

	"github.com/hindsight-app/hindsight/internal/score"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestForecastOfTheSeedsOpenAIPrediction(t *testing.T) {
	made := when.MustParse("2023-02")
	deadline, err := when.ParseDeadline("within two years", made)
	if err != nil {
		t.Fatal(err)
	}
	p := Prediction{
		ID: 7, Source: "Blog author", Made: made, Deadline: deadline, Tags: []string{"openai"},
		Resolution: Resolution{State: StateTrue, On: when.MustParse("2023-11-17")},
	}
	f := p.Forecast()
	want := score.Forecast{
		ID: 7, Source: "Blog author", Tags: []string{"openai"}, YearMade: 2023, Outcome: score.OutcomeTrue,
		MadeDay:     int64(when.DayOf(2023, 2, 1)),
		DeadlineDay: int64(when.DayOf(2025, 2, 28)), HasDeadline: true,
		ResolvedDay: int64(when.DayOf(2023, 11, 17)), HasResolved: true,
	}
	if f.ID != want.ID || f.Source != want.Source || f.YearMade != want.YearMade || f.Outcome != want.Outcome ||
		f.MadeDay != want.MadeDay || f.DeadlineDay != want.DeadlineDay || !f.HasDeadline ||
		f.ResolvedDay != want.ResolvedDay || !f.HasResolved || f.HasProbability {
		t.Errorf("Forecast() = %+v\nwant %+v", f, want)
	}
	s := score.Summarize("Blog author", []score.Forecast{f})
	if !s.HasHitRate || s.HitRate != 1 || s.Hits != 1 || s.BrierN != 0 {
		t.Errorf("summary = %+v, want one hit and no Brier score", s)
	}
}

func TestForecastOfAnOpenPredictionWithProbability(t *testing.T) {
	prob := 0.7
	p := Prediction{Made: when.MustParse("2024-05-01"), Probability: &prob}
	f := p.Forecast()
	if f.Outcome != score.OutcomeOpen || !f.HasProbability || f.Probability != 0.7 || f.HasDeadline || f.HasResolved {
		t.Errorf("Forecast() = %+v", f)
	}
}
