package engine_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/storetest/fixture"
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
	benchDBs = map[string]engine.Store{}
)

// emptyDB opens a new, empty database of the engine named, for the
// caller to close.
func emptyDB(b *testing.B, name string) engine.Store {
	b.Helper()
	return emptyDBAt(b, name, filepath.Join(b.TempDir(), "bench.db"))
}

// emptyDBAt is emptyDB with the SQLite file at path.
func emptyDBAt(b *testing.B, name, path string) engine.Store {
	b.Helper()
	if name == "sqlite" {
		s, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		return engine.SQLiteStore(s)
	}
	url, _, err := pgtest.Shared(b).CreateDatabase(ctx)
	if err != nil {
		b.Fatal(err)
	}
	s, err := pgstore.Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	return engine.PostgreSQLStore(s, url)
}

// benchDB is a database of the engine named holding n generated events,
// made once for the run (a SQLite file outlives the benchmark that made
// it) and closed by closeBenchDBs.
func benchDB(b *testing.B, name string, n int) engine.Store {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	key := fmt.Sprint(name, n)
	if db, ok := benchDBs[key]; ok {
		return db
	}
	db := emptyDBAt(b, name, filepath.Join(benchDir(b), fmt.Sprintf("events-%d.db", n)))
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
		db.Close()
	}
	if benchDirOnce.dir != "" {
		os.RemoveAll(benchDirOnce.dir)
	}
}

// BenchmarkEngineWindowQuery measures "which events overlap this window"
// for a day and a month in a quiet and a busy stretch.
func BenchmarkEngineWindowQuery(b *testing.B) {
	for _, eng := range engineNames {
		for _, n := range engineBenchSizes {
			for _, at := range fixture.Stretches() {
				for _, days := range []int{1, 30} {
					b.Run(fmt.Sprintf("%s/%dk/%s/%dd", eng, n/1000, at.Name, days), func(b *testing.B) {
						db := benchDB(b, eng, n)
						q := store.EventQuery{Window: &store.Window{From: at.Day, To: at.Day + when.Day(days-1)}, Brief: true}
						fixture.MeasureRows(b, func() ([]model.Event, error) { return db.Events(ctx, q) })
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
					fixture.MeasureRows(b, func() ([]model.Event, error) {
						return db.Events(ctx, store.EventQuery{Search: q, Limit: 200, Brief: true})
					})
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
					db.Close()
					b.StartTimer()
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/event")
			})
		}
	}
}
