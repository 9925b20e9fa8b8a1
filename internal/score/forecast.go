package score

import (
	"math"

	"github.com/hindsight-app/hindsight/internal/model"
)

// Forecast is one prediction as scoring sees it. Days count days since
// 1970-01-01; the Has flags say whether the matching day is known. MadeDay
// is always taken as known.
type Forecast struct {
	ID             int64
	Source         string // who made it
	Tags           []string
	YearMade       int
	Probability    float64 // 0..1, meaningful only if HasProbability
	HasProbability bool
	Outcome        model.State // how it turned out; anything but TRUE, FALSE and PARTLY is not scored
	Fraction       float64     // for model.StatePartly: how much came true, 0..1
	MadeDay        int64
	DeadlineDay    int64 // latest day the prediction could come true
	HasDeadline    bool
	ResolvedDay    int64
	HasResolved    bool
}

// OutcomeValue returns the number o a scored outcome stands for in the
// probability scores: 1 for TRUE, 0 for FALSE and the fraction (clamped to
// 0..1) for PARTLY. scored is false for every other outcome, and for a
// PARTLY whose fraction is not a number.
func OutcomeValue(o model.State, fraction float64) (value float64, scored bool) {
	switch o {
	case model.StateTrue:
		return 1, true
	case model.StateFalse:
		return 0, true
	case model.StatePartly:
		if math.IsNaN(fraction) {
			return 0, false
		}
		return clamp(fraction, 0, 1), true
	}
	return 0, false
}

// isResolved reports whether the outcome is settled one way or another,
// scored or not.
func isResolved(o model.State) bool {
	switch o {
	case model.StateTrue, model.StateFalse, model.StatePartly,
		model.StateAmbiguous, model.StateAnnulled, model.StateWithdrawn:
		return true
	}
	return false
}

// probability returns the forecast's probability if it has a usable one.
// A value outside 0..1 or NaN is treated as missing rather than scored,
// so one bad record cannot poison a group's mean.
func probability(f Forecast) (float64, bool) {
	p := f.Probability
	if !f.HasProbability || math.IsNaN(p) || p < 0 || p > 1 {
		return 0, false
	}
	return p, true
}

func clamp(x, lo, hi float64) float64 {
	return math.Min(math.Max(x, lo), hi)
}
