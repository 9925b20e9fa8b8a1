package tables

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/storetest"
)

// seeded opens a new, seeded database.
func seeded(t *testing.T) *app.Session {
	t.Helper()
	s := storetest.Opened(t, app.Open)
	return s
}

// inLine runs a read at once, as Fyne's test driver runs fyne.Do.
func inLine(work func()) { work() }

// TestEventsReadsPagesInTheStoresOrder: the table counts what the filter
// keeps, reads the rows it shows from the store, and a tap on a header
// sorts there, a second tap the other way.
func TestEventsReadsPagesInTheStoresOrder(t *testing.T) {
	test.NewTempApp(t)
	s := seeded(t)
	var tapped []int64
	table := NewEvents(func(id int64) { tapped = append(tapped, id) }, inLine)
	f := filter.Filter{Actors: []string{"OpenAI"}}
	table.Show(s.Reads(), f)
	want, err := s.Reads().Count(context.Background(), f)
	if err != nil || want < 2 || table.Count() != want {
		t.Fatalf("count %d, the store counts %d (%v)", table.Count(), want, err)
	}
	titles := func() []string {
		var out []string
		for i := range table.Count() {
			e, ok := table.row(i)
			if !ok {
				t.Fatalf("row %d was not read", i)
			}
			if e.Actor != "OpenAI" {
				t.Errorf("row %d is by %q", i, e.Actor)
			}
			out = append(out, strings.ToLower(e.Title))
		}
		return out
	}
	table.row(0) // asks for the first page, read at once
	table.sortBy(1)
	table.row(0)
	if got := titles(); !slices.IsSorted(got) {
		t.Errorf("by title: %q", got)
	}
	table.sortBy(1)
	table.row(0)
	if got := titles(); !slices.IsSortedFunc(got, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("by title, reversed: %q", got)
	}
	table.Show(nil, filter.Filter{})
	if table.Count() != 0 {
		t.Errorf("no source lists %d events", table.Count())
	}
}

// TestPredictionsSortByColumn: the predictions sort by the column tapped,
// and back.
func TestPredictionsSortByColumn(t *testing.T) {
	test.NewTempApp(t)
	loaded, err := seeded(t).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	table := NewPredictions(func(int64) {})
	table.Set(loaded.Library.Predictions)
	if table.Len() != len(loaded.Library.Predictions) || table.Len() < 2 {
		t.Fatalf("%d rows for %d predictions", table.Len(), len(loaded.Library.Predictions))
	}
	made := func() []model.Prediction {
		out := make([]model.Prediction, len(table.rows))
		for i, p := range table.rows {
			out[i] = *p
		}
		return out
	}
	table.sortBy(4) // Made on
	if got := made(); !slices.IsSortedFunc(got, func(a, b model.Prediction) int { return int(a.Made.Earliest() - b.Made.Earliest()) }) {
		t.Error("not sorted by the day made")
	}
	table.sortBy(4)
	if got := made(); !slices.IsSortedFunc(got, func(a, b model.Prediction) int { return int(b.Made.Earliest() - a.Made.Earliest()) }) {
		t.Error("not sorted by the day made, latest first")
	}
}
