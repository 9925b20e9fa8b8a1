package pgstore_test

import (
	"context"
	"sync"
	"testing"

	"github.com/hindsight-app/hindsight/data"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Clients starting at once on a new database seed it once between them.
func TestSeedOnceWhenClientsStartTogether(t *testing.T) {
	ctx := context.Background()
	seed, err := data.Load()
	if err != nil {
		t.Fatal(err)
	}
	dsn := pgtest.DB(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			s, err := pgstore.OpenSeeded(ctx, dsn)
			if err == nil {
				s.Close()
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	s, err := pgstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.Summary().CountEvents(ctx, filter.Filter{}); n != len(seed.Events) {
		t.Errorf("%d events, want the seed's %d once", n, len(seed.Events))
	}
	if preds, _ := s.Predictions(ctx, store.PredictionQuery{}); len(preds) != len(seed.Predictions) {
		t.Errorf("%d predictions, want the seed's %d once", len(preds), len(seed.Predictions))
	}
}

// A database that already holds records (a copy made into it, say) is
// never seeded, nor is one opened seeded later.
func TestSeedLeavesADatabaseWithRecordsAlone(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DB(t)
	s := openAt(t, dsn)
	add(t, s.AddEvent, model.Event{Title: "Mine", Date: when.MustParse("2024"), Category: model.CategoryOther})
	if n := eventsOpenedSeeded(t, dsn); n != 1 {
		t.Errorf("a database holding records got the seed: %d events", n)
	}
	if _, err := s.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if n := eventsOpenedSeeded(t, dsn); n != 0 {
		t.Errorf("a database once offered the seed got it later: %d events", n)
	}
}

// eventsOpenedSeeded opens the database at dsn as a client that seeds an
// empty one (closed when the test ends) and counts its events.
func eventsOpenedSeeded(t *testing.T, dsn string) int {
	t.Helper()
	ctx := context.Background()
	s, err := pgstore.OpenSeeded(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	n, _ := s.Summary().CountEvents(ctx, filter.Filter{})
	return n
}
