package score

// CalibrationBins is the number of equal-width bins over 0–100%.
const CalibrationBins = 10

// ExclusionReason says why a forecast was left out of the calibration
// chart. The UI translates these into words.
type ExclusionReason string

// Exclusion reasons, checked in this order; a forecast is counted under
// the first that applies.
const (
	// ExcludedNoProbability: no usable probability to place on the chart.
	ExcludedNoProbability ExclusionReason = "no_probability"
	// ExcludedNotScored: open, ambiguous, annulled, unfalsifiable or
	// withdrawn, or partly true with no share stated.
	ExcludedNotScored ExclusionReason = "not_scored_outcome"
	// ExcludedDeadlineNotPassed: resolved while its deadline is still
	// ahead (today or later), when only an early TRUE could be recorded;
	// CalibrationOptions.IncludeEarly takes these in.
	ExcludedDeadlineNotPassed ExclusionReason = "deadline_not_passed"
)

// CalibrationOptions controls which forecasts enter the chart.
type CalibrationOptions struct {
	Today int64 // days since 1970-01-01
	// IncludeEarly takes in forecasts resolved while their deadline is
	// still ahead, which are left out by default.
	IncludeEarly bool
	PartlyAsHalf bool // a partly-true forecast with no share stated counts as 0.5
}

// Bin is one calibration bin holding probabilities in [Lower, Upper);
// the last bin also holds 1.0. With Count 0 the bin has no point and the
// other values are 0.
type Bin struct {
	Lower, Upper float64
	Count        int
	MeanForecast float64 // where the point sits on the forecast axis
	Observed     float64 // mean outcome value; PARTLY counts its fraction
	Low, High    float64 // 90% Wilson interval for Observed
}

// Calibration is the chart data plus an account of what was left out.
type Calibration struct {
	Bins     [CalibrationBins]Bin
	Included int
	// Early counts the included forecasts resolved while their deadline
	// is still ahead (only with IncludeEarly).
	Early    int
	Excluded map[ExclusionReason]int // only reasons that occurred
}

// ExcludedTotal returns how many forecasts were left out for any reason.
func (c Calibration) ExcludedTotal() int { return total(c.Excluded) }

// total adds up the counts of a tally.
func total[K comparable](tally map[K]int) int {
	n := 0
	for _, c := range tally {
		n += c
	}
	return n
}

// Calibrate bins forecasts by probability and compares each bin's mean
// forecast with how often the forecasts in it came true. See the package
// comment for why forecasts whose deadline has not passed are left out by
// default.
func Calibrate(fs []Forecast, opt CalibrationOptions) Calibration {
	c := Calibration{Excluded: map[ExclusionReason]int{}}
	var sumP, sumO [CalibrationBins]float64
	for i := range c.Bins {
		c.Bins[i].Lower = float64(i) / CalibrationBins
		c.Bins[i].Upper = float64(i+1) / CalibrationBins
	}
	for _, f := range fs {
		p, o, reason, ok := calibrationPoint(f, opt)
		if !ok {
			c.Excluded[reason]++
			continue
		}
		if deadlineAhead(f, opt.Today) {
			c.Early++
		}
		i := binIndex(p)
		c.Bins[i].Count++
		sumP[i] += p
		sumO[i] += o
		c.Included++
	}
	for i := range c.Bins {
		b := &c.Bins[i]
		if b.Count == 0 {
			continue
		}
		n := float64(b.Count)
		b.MeanForecast = sumP[i] / n
		b.Observed = sumO[i] / n
		b.Low, b.High = Wilson(b.Observed, b.Count, WilsonZ90)
	}
	return c
}

// calibrationPoint decides whether f enters the chart and, if so, returns
// its probability and outcome value.
func calibrationPoint(f Forecast, opt CalibrationOptions) (p, o float64, reason ExclusionReason, ok bool) {
	p, hasP := probability(f)
	if !hasP {
		return 0, 0, ExcludedNoProbability, false
	}
	o, scored := PartlyValue(f.Outcome, f.Fraction, opt.PartlyAsHalf)
	if !scored {
		return 0, 0, ExcludedNotScored, false
	}
	// Without a deadline a scored outcome is final, so resolution suffices.
	if !opt.IncludeEarly && deadlineAhead(f, opt.Today) {
		return 0, 0, ExcludedDeadlineNotPassed, false
	}
	return p, o, "", true
}

// deadlineAhead reports a deadline that has not passed by today.
func deadlineAhead(f Forecast, today int64) bool { return f.HasDeadline && f.DeadlineDay >= today }

// binIndex returns the bin for p in 0..1. It compares against the same
// i/10 values the bins report as edges, so a probability written as 0.7
// lands in [0.7, 0.8) whatever rounding p*10 suffers.
func binIndex(p float64) int {
	i := int(p * CalibrationBins)
	if i > 0 && p < float64(i)/CalibrationBins {
		i--
	}
	if i < CalibrationBins-1 && p >= float64(i+1)/CalibrationBins {
		i++
	}
	return min(max(i, 0), CalibrationBins-1)
}
