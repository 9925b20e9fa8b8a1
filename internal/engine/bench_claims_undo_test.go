package engine_test

import (
	"fmt"
	"testing"

	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/synth"
)

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
					db := emptyDB(b, eng)
					preds := synth.New(3).Predictions(n)
					// run does one step, timed when it is the one measured.
					run := func(this string, do func() error) {
						if this == step {
							b.StartTimer()
							defer b.StopTimer()
						}
						if err := do(); err != nil {
							b.Fatal(err)
						}
					}
					run("import", func() error {
						_, err := db.Bulk().Import(ctx, nil, preds, store.ImportOptions{})
						return err
					})
					run("undo", func() error { _, err := db.History().Undo(ctx); return err })
					if step == "redo" {
						run("redo", func() error { _, err := db.History().Redo(ctx); return err })
					}
					db.Close()
				}
			})
		}
	}
}
