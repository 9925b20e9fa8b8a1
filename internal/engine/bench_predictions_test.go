package engine_test

import (
	"fmt"
	"testing"

	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/synth"
)

// BenchmarkEnginePredictions measures, on both engines and 10k generated
// predictions, a search of three or more and of two characters, the list
// of open claims by deadline, and a bulk save.
func BenchmarkEnginePredictions(b *testing.B) {
	const n = 10_000
	for _, eng := range engineNames {
		db := emptyDB(b, eng).(claimsEngine)
		defer closeEngine(db)
		if _, err := db.AddPredictions(ctx, synth.New(1).Predictions(n)); err != nil {
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
				rows := 0
				for b.Loop() {
					preds, err := db.Predictions(ctx, q)
					if err != nil {
						b.Fatal(err)
					}
					rows = len(preds)
				}
				b.ReportMetric(float64(rows), "rows")
			})
		}
		b.Run(fmt.Sprintf("%s/%dk/bulk-save", eng, n/1000), func(b *testing.B) {
			g := synth.New(2)
			for b.Loop() {
				b.StopTimer()
				empty := emptyDB(b, eng).(claimsEngine)
				preds := g.Predictions(n)
				b.StartTimer()
				if _, err := empty.AddPredictions(ctx, preds); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				closeEngine(empty)
				b.StartTimer()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/prediction")
		})
	}
}

// closeEngine closes a PostgreSQL store that emptyDB opened (SQLite's
// close with their test).
func closeEngine(db any) {
	if c, ok := db.(interface{ Close() }); ok {
		c.Close()
	}
}
