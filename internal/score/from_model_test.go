package score

import (
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestForecastOfTheSeedsOpenAIPrediction(t *testing.T) {
	made := when.MustParse("2023-02")
	deadline, err := when.ParseDeadline("within two years", made)
	if err != nil {
		t.Fatal(err)
	}
	p := model.Prediction{
		ID: 7, Source: "Blog author", Made: made, Deadline: deadline, Tags: []string{"openai"},
		Resolution: model.Resolution{State: model.StateTrue, On: when.MustParse("2023-11-17")},
	}
	f := FromPrediction(p)
	want := Forecast{
		ID: 7, Source: "Blog author", Tags: []string{"openai"}, YearMade: 2023, Outcome: model.StateTrue,
		MadeDay:     int64(when.DayOf(2023, 2, 1)),
		DeadlineDay: int64(when.DayOf(2025, 2, 28)), HasDeadline: true,
		ResolvedDay: int64(when.DayOf(2023, 11, 17)), HasResolved: true,
	}
	if f.ID != want.ID || f.Source != want.Source || f.YearMade != want.YearMade || f.Outcome != want.Outcome ||
		f.MadeDay != want.MadeDay || f.DeadlineDay != want.DeadlineDay || !f.HasDeadline ||
		f.ResolvedDay != want.ResolvedDay || !f.HasResolved || f.HasProbability {
		t.Errorf("Forecast() = %+v\nwant %+v", f, want)
	}
	s := Summarize("Blog author", []Forecast{f})
	if !s.HasHitRate || s.HitRate != 1 || s.Hits != 1 || s.BrierN != 0 {
		t.Errorf("summary = %+v, want one hit and no Brier score", s)
	}
}

func TestForecastOfAnOpenPredictionWithProbability(t *testing.T) {
	prob := 0.7
	p := model.Prediction{Made: when.MustParse("2024-05-01"), Probability: &prob}
	f := FromPrediction(p)
	if f.Outcome != model.StateOpen || !f.HasProbability || f.Probability != 0.7 || f.HasDeadline || f.HasResolved {
		t.Errorf("Forecast() = %+v", f)
	}
}
