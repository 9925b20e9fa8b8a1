package app

import (
	"context"
	"fmt"
	"testing"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/synth/synthfile"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The scale benchmarks read databases of 10k, 100k and 1M synthetic
// events through the application layer, as the window does (the files are
// kept between runs: see synthfile).
var scaleSizes = synthfile.Sizes

var sizeName = synthfile.SizeName

// scaleSession opens the benchmark database of n events.
func scaleSession(b *testing.B, n int) *Session {
	b.Helper()
	s, err := Open(synthfile.Path(b, n))
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
