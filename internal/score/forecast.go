package score

import "math"

// Outcome is how a prediction turned out.
type Outcome string

// Outcome values. Anything else is treated as neither resolved nor scored.
const (
	OutcomeOpen      Outcome = "open"
	OutcomeTrue      Outcome = "true"
	OutcomeFalse     Outcome = "false"
	OutcomePartly    Outcome = "partly"
	OutcomeAmbiguous Outcome = "ambiguous"
	OutcomeAnnulled  Outcome = "annulled"
	OutcomeWithdrawn Outcome = "withdrawn"
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
	Outcome        Outcome
	Fraction       float64 // for OutcomePartly: how much came true, 0..1
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
func OutcomeValue(o Outcome, fraction float64) (value float64, scored bool) {
	switch o {
	case OutcomeTrue:
		return 1, true
	case OutcomeFalse:
		return 0, true
	case OutcomePartly:
		if math.IsNaN(fraction) {
			return 0, false
		}
		return clamp(fraction, 0, 1), true
	}
	return 0, false
}

// isResolved reports whether the outcome is settled one way or another,
// scored or not.
func isResolved(o Outcome) bool {
	switch o {
	case OutcomeTrue, OutcomeFalse, OutcomePartly,
		OutcomeAmbiguous, OutcomeAnnulled, OutcomeWithdrawn:
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
