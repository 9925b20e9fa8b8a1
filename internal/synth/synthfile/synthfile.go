// Package synthfile keeps database files of synthetic events for the
// benchmarks that measure Hindsight at 10k, 100k and 1M events. Making the
// 1M file takes half a minute, so each file is kept in the system's
// temporary folder, named for its size and schema, and reused by the next
// run of any benchmark.
package synthfile

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/synth"
)

// Sizes are the database sizes the scale benchmarks run at.
var Sizes = []int{10_000, 100_000, 1_000_000}

// SizeName names a size as the benchmarks do: 10k, 100k, 1M.
func SizeName(n int) string {
	if n >= 1_000_000 {
		return fmt.Sprintf("%dM", n/1_000_000)
	}
	return fmt.Sprintf("%dk", n/1000)
}

// Path is the file of n synthetic events (seed 1, no seed dataset), made
// the first time it is asked for.
func Path(tb testing.TB, n int) string {
	tb.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("hindsight-bench-%s-schema%d.db", SizeName(n), store.LatestSchemaVersion()))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	g := synth.New(1)
	err := store.Build(context.Background(), path, nil, func(b *store.Builder) error {
		for done := 0; done < n; done += 100_000 {
			if err := b.AddEvents(g.Events(min(100_000, n-done))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return path
}
