package engine_test

import (
	"fmt"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/storetest/fixture"
	"github.com/hindsight-app/hindsight/internal/synth"
)

// BenchmarkEnginePredictions measures, on both engines and 10k generated
// predictions, a search of three or more and of two characters, the list
// of open claims by deadline, and a bulk save.
func BenchmarkEnginePredictions(b *testing.B) {
	const n = 10_000
	for _, eng := range engineNames {
		db := emptyDB(b, eng)
		defer db.Close()
		if _, err := db.Claims().AddPredictions(ctx, synth.New(1).Predictions(n)); err != nil {
			b.Fatal(err)
		}
		queries := map[string]store.PredictionQuery{
			"search/ship":      {Search: "will ship"},
			"search/gp":        {Search: "gp"},
			"search/source":    {Search: "altman"},
			"open-by-deadline": {State: "open", Limit: 200},
		}
		for name, q := range queries {
			b.Run(fmt.Sprintf("%s/%dk/%s", eng, n/1000, name), func(b *testing.B) {
				fixture.MeasureRows(b, func() ([]model.Prediction, error) { return db.Claims().Predictions(ctx, q) })
			})
		}
		b.Run(fmt.Sprintf("%s/%dk/bulk-save", eng, n/1000), func(b *testing.B) {
			g := synth.New(2)
			for b.Loop() {
				b.StopTimer()
				empty := emptyDB(b, eng)
				preds := g.Predictions(n)
				b.StartTimer()
				if _, err := empty.Claims().AddPredictions(ctx, preds); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				empty.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/prediction")
		})
	}
}
