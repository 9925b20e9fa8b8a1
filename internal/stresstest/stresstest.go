// Package stresstest holds what the stress tests of the store and of the
// command line share: whether this run is a stress run (HINDSIGHT_STRESS=1,
// which `make stress` sets), counts that grow in one, and the random
// source of a randomized test, whose seed is logged so that a failure can
// be replayed.
package stresstest

import (
	"math/rand/v2"
	"os"
	"testing"
	"time"
)

// Env, set to 1, makes the stress tests run longer: more rounds, more
// writes, and the tests that wait out the 5 s busy timeout.
const Env = "HINDSIGHT_STRESS"

// On reports whether this is a stress run.
func On() bool { return os.Getenv(Env) == "1" }

// Count picks the quick count for a plain `go test` and the long one for
// a stress run.
func Count(quick, long int) int {
	if On() {
		return long
	}
	return quick
}

// Rounds gives a randomized test its number of rounds (quick or long, as
// Count picks) and a random source seeded from the clock, and logs both
// with the seed.
func Rounds(t testing.TB, quick, long int) (int, *rand.Rand) {
	t.Helper()
	rounds := Count(quick, long)
	seed := uint64(time.Now().UnixNano())
	t.Logf("%d rounds, random seed %d", rounds, seed)
	return rounds, rand.New(rand.NewPCG(seed, 0))
}
