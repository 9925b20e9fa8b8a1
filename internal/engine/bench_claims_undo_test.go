package engine_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/synth"
)

// benchHistory opens a new, empty database of the engine named, for its
// importer and undo history.
func benchHistory(b *testing.B, name string) (engine.Importer, engine.History, func()) {
	b.Helper()
	if name == "sqlite" {
		s, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		return s.Bulk(), s.History(), func() { s.Close() }
	}
	url, _, err := pgtest.Shared(b).CreateDatabase(ctx)
	if err != nil {
		b.Fatal(err)
	}
	s, err := pgstore.Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	return s.Bulk(), s.History(), s.Close
}

// BenchmarkEngineImportPredictionsUndoRedo measures, on both engines, an
// import of 10k generated predictions into an empty database, its undo
// and its redo.
func BenchmarkEngineImportPredictionsUndoRedo(b *testing.B) {
	const n = 10_000
	for _, eng := range engineNames {
		for _, step := range []string{"import", "undo", "redo"} {
			b.Run(fmt.Sprintf("%s/%dk/%s", eng, n/1000, step), func(b *testing.B) {
				b.StopTimer()
				for range b.N {
					importer, history, done := benchHistory(b, eng)
					preds := synth.New(3).Predictions(n)
					if step == "import" {
						b.StartTimer()
					}
					if _, err := importer.Import(ctx, nil, preds, store.ImportOptions{}); err != nil {
						b.Fatal(err)
					}
					if step == "import" {
						b.StopTimer()
					}
					if step == "undo" {
						b.StartTimer()
					}
					if _, err := history.Undo(ctx); err != nil {
						b.Fatal(err)
					}
					if step == "undo" {
						b.StopTimer()
					}
					if step == "redo" {
						b.StartTimer()
						if _, err := history.Redo(ctx); err != nil {
							b.Fatal(err)
						}
						b.StopTimer()
					}
					done()
				}
			})
		}
	}
}
