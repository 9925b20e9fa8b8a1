package score

import "math"

// LogScoreClamp keeps log scores finite: probabilities are clamped to
// [LogScoreClamp, 1-LogScoreClamp] before taking logarithms.
const LogScoreClamp = 0.001

// WilsonZ90 is the two-sided 90% normal quantile used for calibration
// intervals.
const WilsonZ90 = 1.6448536269514722

// Brier returns one forecast's Brier term (p − o)². Lower is better; 0 is
// perfect and 1 is confidently wrong.
func Brier(p, o float64) float64 {
	d := p - o
	return d * d
}

// LogScore returns o·log2(p) + (1−o)·log2(1−p) + 1 with p clamped to
// [0.001, 0.999]. The +1 puts a coin-flip forecast (p = 0.5) at 0; higher
// is better and the best reachable score is 1+log2(0.999).
func LogScore(p, o float64) float64 {
	p = clamp(p, LogScoreClamp, 1-LogScoreClamp)
	return o*math.Log2(p) + (1-o)*math.Log2(1-p) + 1
}

// Wilson returns the Wilson score interval for an observed frequency
// (p̂ = observed) over n trials at normal quantile z:
//
//	centre = (p̂ + z²/2n) / (1 + z²/n)
//	half   = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²)
//
// Fractional outcomes are fine: observed is then their mean and n the
// count. With n ≤ 0 there is no information and both bounds are 0. The
// bounds are clamped to 0..1 against rounding at the extremes.
func Wilson(observed float64, n int, z float64) (low, high float64) {
	if n <= 0 || math.IsNaN(observed) {
		return 0, 0
	}
	p := clamp(observed, 0, 1)
	fn := float64(n)
	z2 := z * z
	denom := 1 + z2/fn
	centre := (p + z2/(2*fn)) / denom
	half := z / denom * math.Sqrt(p*(1-p)/fn+z2/(4*fn*fn))
	return clamp(centre-half, 0, 1), clamp(centre+half, 0, 1)
}
