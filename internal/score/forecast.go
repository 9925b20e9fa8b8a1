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

	// What sort of claim it is and how it is known (see Select): only
	// forecasts are scored; "" is read as a forecast.
	Kind          model.Kind
	Retrospective bool // known only from a record written after its outcome
	Unconfirmed   bool // no primary source
	Interest      string
	// Restates is the ID of the claim this one restates with a new
	// deadline (0 for none); Restated says a later claim restates this one.
	Restates int64
	Restated bool
	// RedatedMiss is set by Select on a restated forecast it counts as a
	// miss because its deadline passed unsettled.
	RedatedMiss bool
}

func (f Forecast) kind() model.Kind {
	if f.Kind == "" {
		return model.KindForecast
	}
	return f.Kind
}

// OutcomeValue returns the number o a scored outcome stands for in the
// probability scores: 1 for TRUE, 0 for FALSE and, for PARTLY, the share
// that came true (clamped to 0..1) when one is stated. scored is false for
// every other outcome, and for a PARTLY with no share stated (0) or one
// that is not a number: nothing says how true it was (but see
// PartlyValue).
func OutcomeValue(o model.State, fraction float64) (value float64, scored bool) {
	return PartlyValue(o, fraction, false)
}

// PartlyValue is OutcomeValue with the "partly counts as half" rule: with
// half set, a PARTLY with no share stated stands for 0.5.
func PartlyValue(o model.State, fraction float64, half bool) (value float64, scored bool) {
	switch o {
	case model.StateTrue:
		return 1, true
	case model.StateFalse:
		return 0, true
	case model.StatePartly:
		switch {
		case math.IsNaN(fraction):
			return 0, false
		case fraction == 0 && half:
			return 0.5, true
		case fraction == 0:
			return 0, false
		}
		return clamp(fraction, 0, 1), true
	}
	return 0, false
}

// settled reports a true, false or partly outcome: the ones hit rates
// and lead times count.
func settled(o model.State) bool {
	return o == model.StateTrue || o == model.StateFalse || o == model.StatePartly
}

// isResolved reports whether the outcome is settled one way or another,
// scored or not.
func isResolved(o model.State) bool {
	switch o {
	case model.StateTrue, model.StateFalse, model.StatePartly,
		model.StateAmbiguous, model.StateAnnulled, model.StateUnfalsifiable, model.StateWithdrawn:
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
