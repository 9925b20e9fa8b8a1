package score

import (
	"math"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
)

func TestBinIndexEdges(t *testing.T) {
	cases := []struct {
		p    float64
		want int
	}{
		{0.0, 0}, {0.0999, 0}, {0.1, 1}, {0.3, 3}, {0.6, 6}, {0.7, 7},
		{0.8999, 8}, {0.9, 9}, {0.95, 9}, {1.0, 9},
	}
	for _, c := range cases {
		if got := binIndex(c.p); got != c.want {
			t.Errorf("binIndex(%v) = %d, want %d", c.p, got, c.want)
		}
	}
	// Every whole percentage k% belongs to bin k/10 (bin 9 also takes 100%).
	for k := 0; k <= 100; k++ {
		want := min(k/10, 9)
		if got := binIndex(float64(k) / 100); got != want {
			t.Errorf("binIndex(%d%%) = %d, want %d", k, got, want)
		}
	}
}

// resolved returns a forecast with a probability whose deadline passed long ago.
func resolved(p float64, o model.State) Forecast {
	f := withP(p, o)
	f.DeadlineDay, f.HasDeadline = 10, true
	return f
}

func TestCalibrateBinsAndPlacement(t *testing.T) {
	fs := []Forecast{
		resolved(0.0, model.StateFalse),
		resolved(0.1, model.StateTrue),
		resolved(1.0, model.StateTrue),
		// bin 7: mean forecast (0.70 + 0.75 + 0.71) / 3 = 2.16 / 3 = 0.72,
		// observed 2/3 = 0.666667
		resolved(0.70, model.StateTrue),
		resolved(0.75, model.StateTrue),
		resolved(0.71, model.StateFalse),
	}
	c := Calibrate(fs, CalibrationOptions{Today: 100})
	if c.Included != 6 || c.ExcludedTotal() != 0 {
		t.Errorf("Included %d, excluded %d; want 6, 0", c.Included, c.ExcludedTotal())
	}
	counts := [10]int{1, 1, 0, 0, 0, 0, 0, 3, 0, 1}
	for i, b := range c.Bins {
		if b.Count != counts[i] {
			t.Errorf("bin %d count = %d, want %d", i, b.Count, counts[i])
		}
		// Edges are i/10 and (i+1)/10 whether or not the bin is empty.
		if b.Lower != float64(i)/10 || b.Upper != float64(i+1)/10 {
			t.Errorf("bin %d edges = [%v, %v)", i, b.Lower, b.Upper)
		}
		if b.Count == 0 && (b.MeanForecast != 0 || b.Observed != 0 || b.Low != 0 || b.High != 0) {
			t.Errorf("empty bin %d has a point: %+v", i, b)
		}
	}
	b7 := c.Bins[7]
	if !near(b7.MeanForecast, 0.72) || !near(b7.Observed, 0.666667) {
		t.Errorf("bin 7 at %v observed %v, want 0.72 / 0.666667 (mean forecast, not the 0.75 centre)", b7.MeanForecast, b7.Observed)
	}
	if c.Bins[9].MeanForecast != 1 || c.Bins[9].Observed != 1 {
		t.Errorf("bin 9 = %+v, want the p = 1.0 forecast", c.Bins[9])
	}
	if c.Bins[1].MeanForecast != 0.1 || c.Bins[0].MeanForecast != 0 {
		t.Errorf("edge forecasts misplaced: bin 0 %+v, bin 1 %+v", c.Bins[0], c.Bins[1])
	}
}

func TestCalibrateWilsonInterval(t *testing.T) {
	// Ten forecasts in bin 8, eight came true: observed 8/10 = 0.8.
	// At z = 1.6448536: z² = 2.7055435, z²/n = 0.2705543, 1 + z²/n = 1.2705543
	// centre = (0.8 + 0.1352772) / 1.2705543 = 0.7361174
	// half   = 1.6448536/1.2705543 · √(0.016 + 0.0067639) = 1.2945953 · 0.1508770 = 0.1953246
	// → [0.7361174 − 0.1953246, 0.7361174 + 0.1953246] = [0.5407928, 0.9314420]
	var fs []Forecast
	for i := range 10 {
		o := model.StateTrue
		if i < 2 {
			o = model.StateFalse
		}
		fs = append(fs, resolved(0.8+float64(i)/100, o))
	}
	b := Calibrate(fs, CalibrationOptions{Today: 100}).Bins[8]
	if b.Count != 10 || b.Observed != 0.8 {
		t.Fatalf("bin 8 = %+v, want 10 forecasts observed 0.8", b)
	}
	// mean forecast (0.80 + 0.81 + … + 0.89) / 10 = 8.45 / 10 = 0.845
	if !near(b.MeanForecast, 0.845) || !near(b.Low, 0.540793) || !near(b.High, 0.931442) {
		t.Errorf("bin 8 at %v interval [%v, %v], want 0.845 [0.540793, 0.931442]", b.MeanForecast, b.Low, b.High)
	}
}

func TestCalibratePartly(t *testing.T) {
	partly := resolved(0.3, model.StatePartly)
	partly.Fraction = 0.25
	c := Calibrate([]Forecast{partly, resolved(0.35, model.StateTrue)}, CalibrationOptions{Today: 100})
	b := c.Bins[3]
	// observed (0.25 + 1) / 2 = 0.625, mean forecast (0.3 + 0.35) / 2 = 0.325
	if b.Count != 2 || !near(b.Observed, 0.625) || !near(b.MeanForecast, 0.325) {
		t.Errorf("bin 3 = %+v, want 2 forecasts, observed 0.625 at 0.325", b)
	}
	// Wilson with the count as n and the mean as p̂.
	low, high := Wilson(0.625, 2, WilsonZ90)
	if b.Low != low || b.High != high {
		t.Errorf("bin 3 interval [%v, %v], want [%v, %v]", b.Low, b.High, low, high)
	}
}

func TestCalibrateExclusions(t *testing.T) {
	const today = 1000
	// Deadline today has not passed yet: DeadlineDay < Today is required.
	dueToday := withP(0.6, model.StateTrue)
	dueToday.DeadlineDay, dueToday.HasDeadline = today, true
	dueLater := withP(0.6, model.StateFalse)
	dueLater.DeadlineDay, dueLater.HasDeadline = today+30, true
	passed := withP(0.6, model.StateFalse)
	passed.DeadlineDay, passed.HasDeadline = today-1, true
	noDeadline := withP(0.6, model.StateTrue)
	openNoP := Forecast{Outcome: model.StateOpen} // both reasons apply; the first wins

	fs := []Forecast{
		{Outcome: model.StateTrue}, // no probability
		withP(math.NaN(), model.StateTrue),
		withP(1.5, model.StateFalse),
		openNoP,
		withP(0.6, model.StateOpen),
		withP(0.6, model.StateAmbiguous),
		withP(0.6, model.StateAnnulled),
		withP(0.6, model.StateWithdrawn),
		dueToday,
		dueLater,
		passed,
		noDeadline,
	}

	c := Calibrate(fs, CalibrationOptions{Today: today})
	// Included: passed (deadline yesterday) and noDeadline (resolved, no deadline).
	if c.Included != 2 || c.Early != 0 || c.Bins[6].Count != 2 {
		t.Errorf("Included = %d (bin 6 %d), want 2", c.Included, c.Bins[6].Count)
	}
	want := map[ExclusionReason]int{
		ExcludedNoProbability:     4, // plain, NaN, 1.5, open without p
		ExcludedNotScored:         4, // open, ambiguous, annulled, withdrawn
		ExcludedDeadlineNotPassed: 2, // deadline today, deadline in 30 days
	}
	for reason, n := range want {
		if c.Excluded[reason] != n {
			t.Errorf("Excluded[%s] = %d, want %d", reason, c.Excluded[reason], n)
		}
	}
	if c.ExcludedTotal()+c.Included != len(fs) {
		t.Errorf("excluded %d + included %d != %d forecasts", c.ExcludedTotal(), c.Included, len(fs))
	}

	// IncludeEarly takes the early ones in but still no unscored or probability-less ones.
	c = Calibrate(fs, CalibrationOptions{Today: today, IncludeEarly: true})
	if c.Included != 4 || c.Early != 2 || c.Excluded[ExcludedDeadlineNotPassed] != 0 ||
		c.Excluded[ExcludedNoProbability] != 4 || c.Excluded[ExcludedNotScored] != 4 {
		t.Errorf("IncludeEarly: included %d, excluded %v", c.Included, c.Excluded)
	}
	// observed (dueToday TRUE + dueLater FALSE + passed FALSE + noDeadline TRUE) / 4 = 0.5
	if c.Bins[6].Observed != 0.5 {
		t.Errorf("IncludeEarly bin 6 observed %v, want 0.5", c.Bins[6].Observed)
	}
}

// The early-resolution rule is calibration-only: Summarize still scores
// a TRUE whose deadline lies ahead.
func TestEarlyRuleDoesNotAffectSummary(t *testing.T) {
	early := withP(0.8, model.StateTrue)
	early.DeadlineDay, early.HasDeadline = 500, true
	if c := Calibrate([]Forecast{early}, CalibrationOptions{Today: 100}); c.Included != 0 {
		t.Fatalf("early forecast entered calibration")
	}
	s := Summarize("early", []Forecast{early})
	if s.Hits != 1 || s.BrierN != 1 || !near(s.Brier, 0.04) {
		t.Errorf("early forecast not scored in summary: %+v", s)
	}
}

func TestCalibrateEmpty(t *testing.T) {
	c := Calibrate(nil, CalibrationOptions{Today: 100})
	if c.Included != 0 || c.ExcludedTotal() != 0 || c.Excluded == nil {
		t.Errorf("empty calibration = %+v", c)
	}
	for i, b := range c.Bins {
		if b.Count != 0 {
			t.Errorf("bin %d count %d", i, b.Count)
		}
		assertNoNaN(t, b)
	}
}
