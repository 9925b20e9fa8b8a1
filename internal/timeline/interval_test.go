package timeline

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestMaxTreeMatchesScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	for _, n := range []int{0, 1, 2, 7, 64, 100, 1000} {
		v := make([]int64, n)
		for i := range v {
			v[i] = rng.Int64N(1000) - 300
		}
		tree := newMaxTree(v)
		for range 300 {
			a := rng.IntN(n + 1)
			b := a + rng.IntN(n-a+1)
			x := rng.Int64N(1400) - 400
			want := int64(math.MinInt64)
			var at []int32
			for i := a; i < b; i++ {
				want = max(want, v[i])
				if v[i] >= x {
					at = append(at, int32(i))
				}
			}
			if got := tree.max(a, b); got != want {
				t.Fatalf("n=%d max(%d,%d) = %d, want %d", n, a, b, got, want)
			}
			if got := tree.appendAtLeast(nil, a, b, x, n); !slices.Equal(got, at) {
				t.Fatalf("n=%d appendAtLeast(%d,%d,%d) = %v, want %v", n, a, b, x, got, at)
			}
			if len(at) > 2 {
				if got := tree.appendAtLeast(nil, a, b, x, 2); !slices.Equal(got, at[:2]) {
					t.Fatalf("limit 2 gave %v, want %v", got, at[:2])
				}
			}
			first := -1
			if len(at) > 0 {
				first = int(at[0])
			}
			if got := tree.firstAtLeast(a, b, x); got != first {
				t.Fatalf("firstAtLeast = %d, want %d", got, first)
			}
		}
	}
}
