package pgstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/when"
)

// TestConcurrentWritersLoseNothing: four clients of one server add events
// one by one and in batches, with the same actors, categories and tags,
// and edit each other's events, all at once. Every event arrives exactly
// once, no write fails (no deadlock on the shared counts), and the counts
// by bucket equal a count of the events.
func TestConcurrentWritersLoseNothing(t *testing.T) {
	ctx := context.Background()
	first, dsn := open(t)
	const writers, singles, batches, batchSize = 4, 60, 3, 200
	eachWriter(t, dsn, writers, func(w int, s *pgstore.Store) error {
		g := synth.New(uint64(w + 1))
		for i := 0; i < singles; i++ {
			e := g.Events(1)[0]
			e.Title = fmt.Sprintf("writer %d event %d", w, i)
			saved, err := s.AddEvent(ctx, e)
			if err != nil {
				return fmt.Errorf("writer %d add %d: %w", w, i, err)
			}
			if i%3 == 0 { // an edit that moves the event to another lane
				saved.Actor, saved.Category = fmt.Sprintf("Actor %d", i%5), model.CategoryPolicy
				if _, err := s.UpdateEvent(ctx, saved); err != nil {
					return fmt.Errorf("writer %d edit %d: %w", w, i, err)
				}
			}
			if i%10 == 0 {
				batch := g.Events(batchSize)
				for j := range batch {
					batch[j].Title = fmt.Sprintf("writer %d batch %d event %d", w, i/10, j)
				}
				if i/10 < batches {
					if _, err := s.Bulk().AddEvents(ctx, batch); err != nil {
						return fmt.Errorf("writer %d batch: %w", w, err)
					}
				}
			}
		}
		return nil
	})
	all, err := first.Events(ctx, store.EventQuery{Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, e := range all {
		seen[e.Title]++
	}
	want := writers * (singles + batches*batchSize)
	if len(all) != want || len(seen) != want {
		t.Fatalf("%d events (%d distinct titles), want %d", len(all), len(seen), want)
	}
	if n, err := first.Summary().CountEvents(ctx, filter.Filter{}); err != nil || n != want {
		t.Fatalf("the kept counts add up to %d (%v), want %d", n, err, want)
	}
	for _, dim := range []string{store.DimActor, store.DimCategory} {
		lanes, err := first.Summary().Lanes(ctx, dim, filter.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		counted := map[string]int{}
		for _, e := range all {
			lane := string(e.Category)
			if dim == store.DimActor {
				lane = e.Actor
			}
			counted[lane]++
		}
		kept := map[string]int{}
		for _, l := range lanes {
			kept[l.Lane] = l.N
		}
		if fmt.Sprint(kept) != fmt.Sprint(counted) {
			t.Errorf("by %s: kept %v, counted %v", dim, kept, counted)
		}
	}
}

// TestWritersMovingEventsBetweenLanesDoNotDeadlock: clients move events
// between two lanes in opposite directions at once. Each move takes one
// lane's count down and the other's up; taken in opposite orders, two
// such moves would deadlock. Every move succeeds and the counts end
// right.
func TestWritersMovingEventsBetweenLanesDoNotDeadlock(t *testing.T) {
	ctx := context.Background()
	first, dsn := open(t)
	const writers, moves = 4, 40
	lanes := []string{"Left", "Right"}
	var events []model.Event
	for w := 0; w < writers; w++ {
		e := synth.New(uint64(w + 1)).Events(1)[0]
		e.Actor = lanes[w%2]
		e.Date = events0Date
		saved, err := first.AddEvent(ctx, e)
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, saved)
	}
	eachWriter(t, dsn, writers, func(w int, s *pgstore.Store) error {
		e := events[w]
		for i := 1; i <= moves; i++ {
			e.Actor = lanes[(w+i)%2]
			if _, err := s.UpdateEvent(ctx, e); err != nil {
				return fmt.Errorf("writer %d move %d: %w", w, i, err)
			}
		}
		return nil
	})
	got, err := first.Summary().Lanes(ctx, store.DimActor, filter.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// moves is even: every event is back in the lane it began in.
	if fmt.Sprint(got) != "[{Left 2} {Right 2}]" {
		t.Errorf("lanes after the moves: %v", got)
	}
}

// events0Date puts the moved events in one bucket.
var events0Date = when.MustParse("2023-03-14")

// eachWriter runs write for n writers at once, each on a store of its own
// opened on dsn, and reports what any of them returned.
func eachWriter(t *testing.T, dsn string, n int, write func(w int, s *pgstore.Store) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := pgstore.Open(context.Background(), dsn)
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			if err := write(w, s); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
