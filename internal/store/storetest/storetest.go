// Package storetest opens real stores for the tests of other packages: a
// new SQLite file in the test's temporary folder, closed when the test
// ends. Tests use real stores, never stand-ins.
package storetest

import (
	"context"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// Open opens a new, empty database.
func Open(t testing.TB) *store.Store {
	t.Helper()
	return Opened(t, store.Open)
}

// OpenSeeded opens a new database holding the seed timeline, as the app
// makes on its first run.
func OpenSeeded(t testing.TB) *store.Store {
	t.Helper()
	return Opened(t, store.OpenSeeded)
}

// Records reads every event and prediction of st, failing t when it
// cannot.
func Records(t testing.TB, st *store.Store) ([]model.Event, []model.Prediction) {
	t.Helper()
	ctx := context.Background()
	events, err := st.Events(ctx, store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	preds, err := st.Predictions(ctx, store.PredictionQuery{})
	if err != nil {
		t.Fatal(err)
	}
	return events, preds
}

// LaneOf is the lane of e under dim (store.DimActor, DimCategory or
// DimTag) as the store counts it and the timeline draws it: the actor
// trimmed, the category, or the first tag in order ("" for none).
func LaneOf(e model.Event, dim string) string {
	switch dim {
	case store.DimCategory:
		return string(e.Category)
	case store.DimTag:
		if len(e.Tags) == 0 {
			return ""
		}
		return slices.Min(e.Tags)
	}
	return strings.TrimSpace(e.Actor)
}

// Opened opens a new database with open (store.Open, or what wraps it),
// to be closed, and the closing checked, when the test ends.
func Opened[T io.Closer](t testing.TB, open func(path string) (T, error)) T {
	t.Helper()
	return OpenedAt(t, open, filepath.Join(t.TempDir(), "test.db"))
}

// OpenedAt is Opened for the database at path, new or not.
func OpenedAt[T io.Closer](t testing.TB, open func(path string) (T, error), path string) T {
	t.Helper()
	st, err := open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	})
	return st
}
