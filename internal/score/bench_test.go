package score

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
)

// benchmarkForecasts builds n varied forecasts from a fixed seed so runs
// are comparable.
func benchmarkForecasts(n int) []Forecast {
	rng := rand.New(rand.NewPCG(1, 2))
	outcomes := []model.State{model.StateOpen, model.StateTrue, model.StateFalse, model.StatePartly,
		model.StateAmbiguous, model.StateAnnulled, model.StateWithdrawn}
	tags := []string{"openai", "chips", "agents", "policy", "robotics", "benchmarks"}
	fs := make([]Forecast, n)
	for i := range fs {
		made := int64(17000 + rng.IntN(3000))
		fs[i] = Forecast{
			ID:             int64(i),
			Source:         "source " + strconv.Itoa(rng.IntN(200)),
			Tags:           []string{tags[rng.IntN(len(tags))], tags[rng.IntN(len(tags))]},
			YearMade:       2016 + rng.IntN(10),
			Probability:    rng.Float64(),
			HasProbability: rng.IntN(4) != 0,
			Outcome:        outcomes[rng.IntN(len(outcomes))],
			Fraction:       rng.Float64(),
			MadeDay:        made,
			DeadlineDay:    made + int64(rng.IntN(1500)),
			HasDeadline:    rng.IntN(5) != 0,
			ResolvedDay:    made + int64(rng.IntN(1000)),
			HasResolved:    true,
		}
	}
	return fs
}

func BenchmarkBreakdown(b *testing.B) {
	fs := benchmarkForecasts(10_000)
	for _, by := range []GroupBy{BySource, ByTag, ByYear} {
		b.Run(string(by), func(b *testing.B) {
			for b.Loop() {
				Breakdown(fs, by)
			}
		})
	}
}

func BenchmarkCalibrate(b *testing.B) {
	fs := benchmarkForecasts(10_000)
	opt := CalibrationOptions{Today: 19000}
	for b.Loop() {
		Calibrate(fs, opt)
	}
}
