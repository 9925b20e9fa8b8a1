package engine_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The same benchmarks on both engines, at 10k and 100k events generated
// as package store's benchmarks generate them: the PostgreSQL figures sit
// beside the SQLite ones in one run. The server is the test server
// (fsync off), on a Unix socket of the same machine.

var engineBenchSizes = []int{10_000, 100_000}

var engineNames = []string{"sqlite", "postgres"}

// benchDBs caches one filled database per engine and size for the run.
var (
	benchMu  sync.Mutex
	benchDBs = map[string]engine.Events{}
)

// emptyDB opens a new, empty database of the engine named, kept until the
// end of the run.
func emptyDB(b *testing.B, name string) engine.Events {
	b.Helper()
	switch name {
	case "sqlite":
		s, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return engine.SQLite(s)
	default:
		url, _, err := pgtest.Shared(b).CreateDatabase(ctx)
		if err != nil {
			b.Fatal(err)
		}
		s, err := pgstore.Open(ctx, url)
		if err != nil {
			b.Fatal(err)
		}
		return engine.PostgreSQL(s)
	}
}

func benchDB(b *testing.B, name string, n int) engine.Events {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	key := fmt.Sprint(name, n)
	if db, ok := benchDBs[key]; ok {
		return db
	}
	var db engine.Events
	if name == "sqlite" {
		// A file that outlives the benchmark that made it.
		s, err := store.Open(filepath.Join(benchDir(b), fmt.Sprintf("events-%d.db", n)))
		if err != nil {
			b.Fatal(err)
		}
		db = engine.SQLite(s)
	} else {
		db = emptyDB(b, name)
	}
	if _, err := db.AddEvents(ctx, synth.New(1).Events(n)); err != nil {
		b.Fatal(err)
	}
	benchDBs[key] = db
	return db
}

var benchDirOnce struct {
	sync.Once
	dir string
	err error
}

// benchDir holds the SQLite files of benchDB, removed by closeBenchDBs.
func benchDir(b *testing.B) string {
	benchDirOnce.Do(func() { benchDirOnce.dir, benchDirOnce.err = os.MkdirTemp("", "hindsight-engine-bench-") })
	if benchDirOnce.err != nil {
		b.Fatal(benchDirOnce.err)
	}
	return benchDirOnce.dir
}

// closeBenchDBs closes the databases benchDB kept and removes their files.
func closeBenchDBs() {
	for _, db := range benchDBs {
		if c, ok := db.(interface{ Close() error }); ok {
			c.Close()
		}
		if c, ok := db.(interface{ Close() }); ok {
			c.Close()
		}
	}
	if benchDirOnce.dir != "" {
		os.RemoveAll(benchDirOnce.dir)
	}
}

// BenchmarkEngineWindowQuery measures "which events overlap this window"
// for a day and a month in a quiet and a busy stretch.
func BenchmarkEngineWindowQuery(b *testing.B) {
	starts := []struct {
		name string
		day  when.Day
	}{{"quiet", when.DayOf(2021, 6, 1)}, {"busy", when.DayOf(2023, 3, 1)}}
	for _, eng := range engineNames {
		for _, n := range engineBenchSizes {
			for _, at := range starts {
				for _, days := range []int{1, 30} {
					b.Run(fmt.Sprintf("%s/%dk/%s/%dd", eng, n/1000, at.name, days), func(b *testing.B) {
						db := benchDB(b, eng, n)
						q := store.EventQuery{Window: &store.Window{From: at.day, To: at.day + when.Day(days-1)}, Brief: true}
						rows := 0
						b.ResetTimer()
						for i := 0; i < b.N; i++ {
							events, err := db.Events(ctx, q)
							if err != nil {
								b.Fatal(err)
							}
							rows = len(events)
						}
						b.ReportMetric(float64(rows), "rows")
					})
				}
			}
		}
	}
}

// BenchmarkEngineSearch measures a search over every event, in English and
// Chinese, of three or more and of two characters.
func BenchmarkEngineSearch(b *testing.B) {
	for _, eng := range engineNames {
		for _, n := range engineBenchSizes {
			for _, q := range []string{"technical report", "发布", "Qwen-3"} {
				b.Run(fmt.Sprintf("%s/%dk/%s", eng, n/1000, q), func(b *testing.B) {
					db := benchDB(b, eng, n)
					rows := 0
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						events, err := db.Events(ctx, store.EventQuery{Search: q, Limit: 200, Brief: true})
						if err != nil {
							b.Fatal(err)
						}
						rows = len(events)
					}
					b.ReportMetric(float64(rows), "rows")
				})
			}
		}
	}
}

// BenchmarkEngineBulkInsert measures saving 10k and 100k events in one
// bulk write into an empty database.
func BenchmarkEngineBulkInsert(b *testing.B) {
	for _, eng := range engineNames {
		for _, n := range engineBenchSizes {
			b.Run(fmt.Sprintf("%s/%dk", eng, n/1000), func(b *testing.B) {
				g := synth.New(1)
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					db := emptyDB(b, eng)
					events := g.Events(n)
					b.StartTimer()
					if _, err := db.AddEvents(ctx, events); err != nil {
						b.Fatal(err)
					}
					b.StopTimer()
					if c, ok := db.(interface{ Close() }); ok {
						c.Close()
					}
					b.StartTimer()
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/event")
			})
		}
	}
}
