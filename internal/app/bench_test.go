package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The scale benchmarks read databases of 10k, 100k and 1M synthetic
// events through the application layer, as the window does. Making the 1M
// file takes about a minute, so the files are kept in the system's
// temporary directory, named for their size and schema, and reused by the
// next run.
var scaleSizes = []int{10_000, 100_000, 1_000_000}

func sizeName(n int) string {
	if n >= 1_000_000 {
		return fmt.Sprintf("%dM", n/1_000_000)
	}
	return fmt.Sprintf("%dk", n/1000)
}

// scaleSession opens (making it the first time) the benchmark database
// of n events.
func scaleSession(b *testing.B, n int) *Session {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("hindsight-bench-%s-schema%d.db", sizeName(n), store.LatestSchemaVersion()))
	if _, err := os.Stat(path); err != nil {
		tmp := path + ".making"
		os.Remove(tmp)
		st, err := store.Open(tmp)
		if err != nil {
			b.Fatal(err)
		}
		g := synth.New(1)
		for done := 0; done < n; done += 100_000 {
			if _, err := st.Bulk().AddEvents(context.Background(), g.Events(min(100_000, n-done))); err != nil {
				b.Fatal(err)
			}
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
	}
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkTimelineWindow reads what the timeline shows of one window:
// zoomed out over every year (counts for the busy lanes: the cluster
// summaries), a year, and a month, by actor and, with a filter, by
// category.
func BenchmarkTimelineWindow(b *testing.B) {
	windows := []struct {
		name     string
		from, to when.Day
	}{
		{"all-years", when.DayOf(2014, 1, 1), when.DayOf(2027, 12, 31)},
		{"one-year", when.DayOf(2023, 1, 1), when.DayOf(2023, 12, 31)},
		{"one-month", when.DayOf(2023, 3, 1), when.DayOf(2023, 3, 31)},
	}
	filters := []struct {
		name string
		dim  string
		f    filter.Filter
	}{
		{"by-actor", store.DimActor, filter.Filter{}},
		{"models-by-category", store.DimCategory, filter.Filter{Categories: []model.Category{model.CategoryModel}}},
	}
	for _, w := range windows {
		for _, f := range filters {
			for _, n := range scaleSizes {
				b.Run(fmt.Sprintf("%s/%s/%s", w.name, f.name, sizeName(n)), func(b *testing.B) {
					s := scaleSession(b, n)
					var d TimelineData
					for b.Loop() {
						var err error
						if d, err = s.Reads().Timeline(context.Background(), TimelineRequest{From: w.from, To: w.to, Dim: f.dim, Filter: f.f}); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(len(d.Events)), "rows")
					b.ReportMetric(float64(len(d.Buckets)), "counts")
				})
			}
		}
	}
}

// BenchmarkTimelineColdPan pans a month at a time across four years,
// each window read for the first time: what a pan costs when the
// timeline's windows are cold (SQLite's page cache is what it is after
// the earlier reads).
func BenchmarkTimelineColdPan(b *testing.B) {
	for _, n := range scaleSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			s := scaleSession(b, n)
			day := when.DayOf(2021, 1, 1)
			for b.Loop() {
				// The timeline's windows are aligned powers of two: a month
				// view reads 64-day windows.
				if _, err := s.Reads().Timeline(context.Background(), TimelineRequest{From: day, To: day + 63, Dim: store.DimActor}); err != nil {
					b.Fatal(err)
				}
				if day += 64; day > when.DayOf(2025, 1, 1) {
					day = when.DayOf(2021, 1, 1)
				}
			}
		})
	}
}

// BenchmarkLoad reads what the window holds whole at start: predictions,
// periods, cited events, counts, the filter's choices.
func BenchmarkLoad(b *testing.B) {
	for _, n := range scaleSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			s := scaleSession(b, n)
			for b.Loop() {
				if _, err := s.Load(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEventsTablePage reads one page of the events table, sorted by
// date and by title, at the start and deep in the list.
func BenchmarkEventsTablePage(b *testing.B) {
	for _, order := range []store.EventOrder{store.OrderDate, store.OrderTitle} {
		for _, n := range scaleSizes {
			name := string(order)
			if name == "" {
				name = "date"
			}
			b.Run(fmt.Sprintf("%s/%s", name, sizeName(n)), func(b *testing.B) {
				s := scaleSession(b, n)
				for b.Loop() {
					if _, err := s.Reads().Page(context.Background(), EventPage{Order: order, Offset: n / 2, Limit: 200}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
