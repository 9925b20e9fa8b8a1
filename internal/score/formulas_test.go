package score

import (
	"math"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
)

// tolerance for comparing hand-computed values written to 6 decimals.
const tolerance = 5e-6

func near(got, want float64) bool { return math.Abs(got-want) <= tolerance }

// ruleCase is a scoring rule's value for forecast p and outcome o, worked
// out by hand in comment.
type ruleCase struct {
	name    string
	p, o    float64
	want    float64
	comment string
}

// checkRule checks a scoring rule against values worked out by hand.
func checkRule(t *testing.T, name string, rule func(p, o float64) float64, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		if got := rule(c.p, c.o); !near(got, c.want) {
			t.Errorf("%s %s = %v, want %v (%s)", name, c.name, got, c.want, c.comment)
		}
	}
}

func TestBrier(t *testing.T) {
	checkRule(t, "Brier", Brier, []ruleCase{
		{"0.8 true", 0.8, 1, 0.04, "(0.8−1)² = 0.2² = 0.04"},
		{"0.8 false", 0.8, 0, 0.64, "(0.8−0)² = 0.64"},
		{"0.7 partly 0.5", 0.7, 0.5, 0.04, "(0.7−0.5)² = 0.2² = 0.04"},
		{"0.5 true", 0.5, 1, 0.25, "(0.5−1)² = 0.25"},
		{"1.0 true", 1, 1, 0, "(1−1)² = 0"},
		{"0.0 true", 0, 1, 1, "(0−1)² = 1"},
	})
}

func TestLogScore(t *testing.T) {
	checkRule(t, "LogScore", LogScore, []ruleCase{
		{"0.5 true", 0.5, 1, 0, "1·log2(0.5) + 0 + 1 = −1 + 1 = 0"},
		{"0.5 false", 0.5, 0, 0, "0 + 1·log2(0.5) + 1 = 0"},
		{"0.8 true", 0.8, 1, 0.678072, "log2(0.8) + 1 = −0.321928 + 1"},
		{"0.8 false", 0.8, 0, -1.321928, "log2(0.2) + 1 = −2.321928 + 1"},
		{"0.7 partly 0.5", 0.7, 0.5, -0.125769,
			"0.5·log2(0.7) + 0.5·log2(0.3) + 1 = 0.5·(−0.514573) + 0.5·(−1.736966) + 1"},
		{"1.0 true clamps", 1, 1, 0.998557, "p → 0.999: log2(0.999) + 1 = −0.001443 + 1"},
		{"0.0 true clamps", 0, 1, -8.965784, "p → 0.001: log2(0.001) + 1 = −9.965784 + 1"},
		{"1.0 false clamps", 1, 0, -8.965784, "1−p → 0.001: log2(0.001) + 1"},
	})
}

func TestWilson(t *testing.T) {
	// 8 of 10 at z = 1.6449, with
	//   centre = (p̂ + z²/2n) / (1 + z²/n),  half = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²):
	// z² = 2.705696, z²/n = 0.270570, 1 + z²/n = 1.270570
	// centre = (0.8 + 0.135285) / 1.270570 = 0.935285 / 1.270570 = 0.736115
	// half   = 1.6449/1.270570 · √(0.016 + 0.006764) = 1.294616 · 0.150878 = 0.195329
	// → [0.736115 − 0.195329, 0.736115 + 0.195329] = [0.540786, 0.931444]
	low, high := Wilson(0.8, 10, 1.6449)
	if !near(low, 0.540786) || !near(high, 0.931444) {
		t.Errorf("Wilson(0.8, 10, 1.6449) = [%v, %v], want [0.540786, 0.931444]", low, high)
	}

	// 0 of 5 at the 90% z: with p̂ = 0 the half width equals the centre, so
	// low = 0 and high = 2·centre = (z²/n)/(1 + z²/n) = 0.541109/1.541109 = 0.351117.
	low, high = Wilson(0, 5, WilsonZ90)
	if low != 0 || !near(high, 0.351117) {
		t.Errorf("Wilson(0, 5, z90) = [%v, %v], want [0, 0.351117]", low, high)
	}
	// Mirror image: 5 of 5 → [1 − 0.351117, 1] = [0.648883, 1].
	low, high = Wilson(1, 5, WilsonZ90)
	if !near(low, 0.648883) || high != 1 {
		t.Errorf("Wilson(1, 5, z90) = [%v, %v], want [0.648883, 1]", low, high)
	}

	for _, n := range []int{0, -1} {
		if low, high := Wilson(0.5, n, WilsonZ90); low != 0 || high != 0 {
			t.Errorf("Wilson with n=%d = [%v, %v], want [0, 0]", n, low, high)
		}
	}
}

func TestOutcomeValue(t *testing.T) {
	cases := []struct {
		outcome  model.State
		fraction float64
		value    float64
		scored   bool
	}{
		{model.StateTrue, 0.3, 1, true},
		{model.StateFalse, 0.3, 0, true},
		{model.StatePartly, 0.3, 0.3, true},
		{model.StatePartly, 1.5, 1, true},
		{model.StatePartly, math.NaN(), 0, false},
		{model.StateOpen, 0, 0, false},
		{model.StateAmbiguous, 0, 0, false},
		{model.StateAnnulled, 0, 0, false},
		{model.StateWithdrawn, 0, 0, false},
		{"", 0, 0, false},
	}
	for _, c := range cases {
		value, scored := OutcomeValue(c.outcome, c.fraction)
		if value != c.value || scored != c.scored {
			t.Errorf("OutcomeValue(%q, %v) = %v, %v; want %v, %v",
				c.outcome, c.fraction, value, scored, c.value, c.scored)
		}
	}
}
