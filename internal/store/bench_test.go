package store

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/storetest/fixture"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/when"
)

var benchSizes = []int{1_000, 10_000, 100_000}

// benchStores caches one generated database per size for the whole run:
// building 100k events takes seconds, and every read benchmark can share it.
var (
	benchMu     sync.Mutex
	benchStores = map[int]*Store{}
	benchDir    string
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, s := range benchStores {
		s.Close()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

func benchStore(b *testing.B, n int) *Store {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if s, ok := benchStores[n]; ok {
		return s
	}
	if benchDir == "" {
		dir, err := os.MkdirTemp("", "hindsight-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
	}
	s, err := Open(filepath.Join(benchDir, fmt.Sprintf("events-%d.db", n)))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Bulk().AddEvents(ctx, synth.New(1).Events(n)); err != nil {
		b.Fatal(err)
	}
	if _, err := s.Bulk().AddPredictions(ctx, synth.New(2).Predictions(n/10)); err != nil {
		b.Fatal(err)
	}
	benchStores[n] = s
	return s
}

// BenchmarkAddEvents measures saving a batch of 1,000 events in one
// transaction into databases of each size.
func BenchmarkAddEvents(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("into-%dk", n/1000), func(b *testing.B) {
			s := benchStore(b, n)
			g := synth.New(99)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				batch := g.Events(1000)
				b.StartTimer()
				if _, err := s.Bulk().AddEvents(ctx, batch); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1000), "ns/event")
		})
	}
}

// BenchmarkWindowQuery measures "which events overlap this window" for a
// day, a week and a month in the busiest stretch of the data.
func BenchmarkWindowQuery(b *testing.B) {
	windows := []struct {
		name  string
		days  int
		brief bool
	}{{"day", 1, false}, {"day-brief", 1, true}, {"week", 7, false}, {"month", 30, false}}
	for _, n := range benchSizes {
		for _, at := range fixture.Stretches() {
			for _, w := range windows {
				b.Run(fmt.Sprintf("%dk/%s/%s", n/1000, at.Name, w.name), func(b *testing.B) {
					s := benchStore(b, n)
					q := EventQuery{Window: &Window{From: at.Day, To: at.Day + when.Day(w.days-1)}, Brief: w.brief}
					rows := fixture.MeasureRows(b, func() ([]model.Event, error) { return s.Events(ctx, q) })
					if rows > 0 {
						b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
					}
				})
			}
		}
	}
}

// BenchmarkSearch measures a full-text search over every event.
func BenchmarkSearch(b *testing.B) {
	for _, n := range benchSizes {
		for _, q := range []string{"technical report", "发布", "Qwen-3"} {
			b.Run(fmt.Sprintf("%dk/%s", n/1000, q), func(b *testing.B) {
				s := benchStore(b, n)
				fixture.MeasureRows(b, func() ([]model.Event, error) { return s.Events(ctx, EventQuery{Search: q, Limit: 200}) })
			})
		}
	}
}

// BenchmarkPredictionsDue measures listing open predictions due before a day.
func BenchmarkPredictionsDue(b *testing.B) {
	day := when.DayOf(2020, 1, 1)
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("%dk-predictions", n/10000), func(b *testing.B) {
			s := benchStore(b, n)
			fixture.MeasureRows(b, func() ([]model.Prediction, error) {
				return s.Predictions(ctx, PredictionQuery{State: model.StateOpen, DueBefore: &day})
			})
		})
	}
}
