package engine_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/data"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// The conformance cases of the seed a new database starts with.

// withoutTimes is an export with its record times cleared: a seed is
// stamped with the time it was written.
func withoutTimes(events []model.Event, preds []model.Prediction) ([]model.Event, []model.Prediction) {
	for i := range events {
		events[i].CreatedAt, events[i].UpdatedAt = time.Time{}, time.Time{}
	}
	for i := range preds {
		preds[i].CreatedAt, preds[i].UpdatedAt = time.Time{}, time.Time{}
		for j := range preds[i].History {
			preds[i].History[j].SavedAt = time.Time{}
		}
	}
	return events, preds
}

// A new database of either engine opened seeded holds the bundled seed,
// the same records under the same ids on both; the seed is where the
// database starts, not a change to undo; and a database emptied by its
// users is not seeded again.
func TestSeededDatabasesAreTheSameOnBothEngines(t *testing.T) {
	seed, err := data.Load()
	if err != nil {
		t.Fatal(err)
	}
	openLite, openPG := sqliteFull(t, true), postgresFull(t, true)
	lite, pg := openLite(), openPG()
	var exports [2][]model.Prediction
	var events [2][]model.Event
	for i, db := range []fullDB{lite, pg} {
		ev, preds, err := db.exporter.Export(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(ev) != len(seed.Events) || len(preds) != len(seed.Predictions) {
			t.Fatalf("engine %d seeded %d events and %d predictions, want %d and %d", i, len(ev), len(preds),
				len(seed.Events), len(seed.Predictions))
		}
		events[i], exports[i] = withoutTimes(ev, preds)
		if c, ok, err := db.history.NextUndo(ctx); err != nil || ok {
			t.Errorf("engine %d: the seed is in the history: %+v, %v", i, c, err)
		}
	}
	if !reflect.DeepEqual(events[0], events[1]) || !reflect.DeepEqual(exports[0], exports[1]) {
		t.Error("the engines' seeds differ")
	}
	liteSources, _ := lite.claims.SourceDetails(ctx)
	pgSources, _ := pg.claims.SourceDetails(ctx)
	if len(liteSources) == 0 || !reflect.DeepEqual(liteSources, pgSources) {
		t.Errorf("sources: %+v\nand %+v", liteSources, pgSources)
	}

	for i, db := range []fullDB{lite, pg} {
		all, _ := db.events.Events(ctx, store.EventQuery{})
		for _, e := range all {
			if err := db.events.DeleteEvent(ctx, e.ID); err != nil {
				t.Fatal(err)
			}
		}
		again := []func() fullDB{openLite, openPG}[i]()
		if n, _ := again.events.CountEvents(ctx, filter.Filter{}); n != 0 {
			t.Errorf("engine %d: an emptied database was seeded again with %d events", i, n)
		}
	}
}
