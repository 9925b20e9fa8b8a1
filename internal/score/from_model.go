package score

import (
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// FromPrediction is the prediction as the track-record maths sees it. A fuzzy
// date counts from its first day (made, resolved) or its last (deadline):
// "made in February 2023" was made by Feb 1 at the earliest, and "within
// two years" can still come true on its last day.
func FromPrediction(p model.Prediction) Forecast {
	f := Forecast{
		ID:       p.ID,
		Source:   p.Source,
		Tags:     p.Tags,
		YearMade: p.Made.Year(),
		Outcome:  p.State(),
		Fraction: p.Resolution.Fraction,
		MadeDay:  int64(p.Made.Earliest()),

		Kind:          p.Kind,
		Retrospective: p.Retrospective(),
		Unconfirmed:   p.SourceUnconfirmed(),
		Interest:      p.Interest,
		Restates:      p.Restates,
	}
	if p.Probability != nil {
		f.Probability, f.HasProbability = *p.Probability, true
	}
	if _, latest, ok := p.Due(); ok && latest != when.MaxDay {
		f.DeadlineDay, f.HasDeadline = int64(latest), true
	}
	if p.Resolution.Resolved() && !p.Resolution.On.IsZero() {
		f.ResolvedDay, f.HasResolved = int64(p.Resolution.On.Earliest()), true
	}
	return f
}

// FromPredictions converts many predictions, marking those that another
// of them restates.
func FromPredictions(preds []model.Prediction) []Forecast {
	restated := map[int64]bool{}
	for _, p := range preds {
		if p.Restates != 0 {
			restated[p.Restates] = true
		}
	}
	out := make([]Forecast, len(preds))
	for i, p := range preds {
		out[i] = FromPrediction(p)
		out[i].Restated = p.ID != 0 && restated[p.ID]
	}
	return out
}
