package app

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/storetest"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// openAt opens a session on target, closed when t ends.
func openAt(t *testing.T, target string) *Session {
	t.Helper()
	return storetest.OpenedAt(t, Open, target)
}

// eachTarget runs check with the target of a new database of each engine:
// a file in t.TempDir() and a fresh database of a real PostgreSQL server.
func eachTarget(t *testing.T, check func(t *testing.T, target string)) {
	t.Run("sqlite", func(t *testing.T) { check(t, filepath.Join(t.TempDir(), "shared.db")) })
	t.Run("postgres", func(t *testing.T) { check(t, pgtest.DB(t)) })
}

// watched watches s and returns a channel that hears each call.
func watched(t *testing.T, s *Session) <-chan struct{} {
	changes := make(chan struct{}, 100)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	s.Watcher().Watch(ctx, func() { changes <- struct{}{} })
	return changes
}

// within waits for changes to hear something, within limit, and says how
// long it took.
func within(t *testing.T, changes <-chan struct{}, limit time.Duration, what string) time.Duration {
	t.Helper()
	started := time.Now()
	select {
	case <-changes:
		return time.Since(started)
	case <-time.After(limit):
		t.Fatalf("%s was not seen within %v", what, limit)
		return 0
	}
}

// drain empties changes of what earlier writes announced.
func drain(changes <-chan struct{}) {
	for {
		select {
		case <-changes:
		case <-time.After(50 * time.Millisecond):
			return
		}
	}
}

// Two windows on one database: what one adds, edits, resolves or deletes
// appears in the other within a second (its Watch fires, and a reload
// shows it).
func TestTwoSessionsSeeEachOthersEditsWithinASecond(t *testing.T) {
	eachTarget(t, func(t *testing.T, target string) {
		writer, reader := openAt(t, target), openAt(t, target)
		changes := watched(t, reader)
		drain(changes)
		before, err := reader.Load(ctx) // a new file holds the seed
		if err != nil {
			t.Fatal(err)
		}

		e, err := writer.SaveEvent(ctx, model.Event{Title: "Added by the writer", Date: when.MustParse("2024-02-15"), Actor: "OpenAI", Category: model.CategoryModel})
		if err != nil {
			t.Fatal(err)
		}
		took := within(t, changes, time.Second, "an added event")
		if got, err := reader.Event(ctx, e.ID); err != nil || got.Title != e.Title {
			t.Fatalf("the reader reads %+v, %v", got, err)
		}
		t.Logf("an added event was announced after %v", took)

		drain(changes)
		e.Title = "Edited by the writer"
		if _, err := writer.SaveEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
		within(t, changes, time.Second, "an edit")
		page, err := reader.Reads().Search(ctx, "Edited", 10)
		if err != nil || len(page) != 1 || page[0].ID != e.ID {
			t.Fatalf("the reader finds %+v, %v", page, err)
		}

		drain(changes)
		p, err := writer.SavePrediction(ctx, model.Prediction{Statement: "A GPT-5 by 2025", Source: "Blog", Made: when.MustParse("2024-01"),
			Deadline: mustDeadline(t, "by end of 2025")})
		if err != nil {
			t.Fatal(err)
		}
		if err := writer.Resolve(ctx, p.ID, model.Resolution{State: model.StateTrue, On: when.MustParse("2025-08-07"),
			Evidence: []model.Evidence{{EventID: e.ID, Role: model.RoleResolves}}}); err != nil {
			t.Fatal(err)
		}
		within(t, changes, time.Second, "a resolved prediction")
		l, err := reader.Load(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := l.Library.Prediction(p.ID)
		if !ok || got.Resolution.State != model.StateTrue || len(l.Library.Citing(e.ID)) != 1 {
			t.Fatalf("the reader's library holds %+v (%v)", got, ok)
		}

		drain(changes)
		if _, err := writer.SavePeriod(ctx, model.Period{Title: "Shared era", Start: when.MustParse("2024")}); err != nil {
			t.Fatal(err)
		}
		if err := writer.DeleteEvent(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		within(t, changes, time.Second, "a period and a deleted event")
		// Both writes are committed before the reader looks: wait for the
		// second's announcement too, then read.
		time.Sleep(2 * WatchInterval)
		if l, err = reader.Load(ctx); err != nil {
			t.Fatal(err)
		}
		if len(l.Library.Periods) != len(before.Library.Periods)+1 || l.Library.EventCount != before.Library.EventCount {
			t.Fatalf("the reader holds %d periods and %d events", len(l.Library.Periods), l.Library.EventCount)
		}
	})
}

func mustDeadline(t *testing.T, phrase string) when.Deadline {
	t.Helper()
	d, err := when.ParseDeadline(phrase, when.MustParse("2024-01"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSharedTellsAServerFromAFile(t *testing.T) {
	eachTarget(t, func(t *testing.T, target string) {
		s := openAt(t, target)
		if s.Shared() != engine.IsServer(target) || s.Path() != target {
			t.Errorf("shared %v, path %q", s.Shared(), s.Path())
		}
		if ro, reason := s.ReadOnly(); ro || reason != nil {
			t.Errorf("the owner's session is read-only: %v", reason)
		}
		if c := s.Watcher().Connection(); !c.Alive {
			t.Errorf("a new session's connection: %+v", c)
		}
	})
}

// A role with a viewer's grants opens a read-only session that says why,
// loads everything without an error, and has its writes refused with
// nothing written.
func TestAViewersSessionIsReadOnlyAndLoads(t *testing.T) {
	address := pgtest.DB(t)
	owner := openAt(t, address)
	before, err := owner.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := owner.SaveEvent(ctx, model.Event{Title: "Visible", Date: when.MustParse("2023"), Category: model.CategoryOther}); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(address)
	if err != nil {
		t.Fatal(err)
	}
	db := strings.TrimPrefix(u.Path, "/")
	srv := pgtest.Shared(t)
	if err := srv.Exec(ctx, "postgres", "DO $$ BEGIN CREATE ROLE app_viewer LOGIN PASSWORD 'look-only'; EXCEPTION WHEN duplicate_object THEN NULL; END $$"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Exec(ctx, db, "GRANT USAGE ON SCHEMA public TO app_viewer; GRANT SELECT ON ALL TABLES IN SCHEMA public TO app_viewer"); err != nil {
		t.Fatal(err)
	}
	viewer := openAt(t, srv.URL(db, "app_viewer", "look-only"))
	if strings.Contains(viewer.Path(), "look-only") {
		t.Errorf("the session's path holds the password: %q", viewer.Path())
	}
	ro, reason := viewer.ReadOnly()
	if !ro || !errors.Is(reason, store.ErrReadOnly) {
		t.Fatalf("the viewer's session: read-only %v, %v", ro, reason)
	}
	l, err := viewer.Load(ctx)
	if err != nil || l.Library.EventCount != before.Library.EventCount+1 {
		t.Fatalf("the viewer loads %d events, %v", l.Library.EventCount, err)
	}
	if _, err := viewer.SaveEvent(ctx, model.Event{Title: "Refused", Date: when.MustParse("2024"), Category: model.CategoryOther}); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("a viewer's save: %v", err)
	}
}

// When the server stops taking connections the session says the
// connection is lost, and says it is back when it is; Watch then says
// anything may have changed.
func TestConnectionStateFollowsTheServer(t *testing.T) {
	address := pgtest.DB(t)
	u, err := url.Parse(address)
	if err != nil {
		t.Fatal(err)
	}
	db := strings.TrimPrefix(u.Path, "/")
	srv := pgtest.Shared(t)
	s := openAt(t, address)
	changes := watched(t, s)
	states := make(chan ConnectionState, 10)
	watchCtx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.Watcher().WatchConnection(watchCtx, func(c ConnectionState) { states <- c })

	if err := srv.Exec(ctx, "postgres", "ALTER DATABASE "+db+" ALLOW_CONNECTIONS false"); err != nil {
		t.Fatal(err)
	}
	allow := func() {
		if err := srv.Exec(ctx, "postgres", "ALTER DATABASE "+db+" ALLOW_CONNECTIONS true"); err != nil {
			t.Error(err)
		}
	}
	defer allow()
	if err := srv.Exec(ctx, "postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", db); err != nil {
		t.Fatal(err)
	}
	drain(changes)
	limit := HeartbeatInterval + HeartbeatTimeout + time.Second
	select {
	case c := <-states:
		if c.Alive || c.Err == nil {
			t.Fatalf("after the server stopped taking connections: %+v", c)
		}
		t.Logf("lost: %v", c.Err)
	case <-time.After(limit):
		t.Fatalf("a lost connection was not noticed within %v", limit)
	}
	if c := s.Watcher().Connection(); c.Alive {
		t.Errorf("Connection says alive: %+v", c)
	}
	allow()
	select {
	case c := <-states:
		if !c.Alive {
			t.Fatalf("after the server took connections again: %+v", c)
		}
	case <-time.After(limit):
		t.Fatalf("a connection back was not noticed within %v", limit)
	}
	// The watch listens again (it waits up to its backoff) and says
	// anything may have changed.
	within(t, changes, 5*time.Second, "the watch's reconnection")
	if _, err := s.SaveEvent(ctx, model.Event{Title: "After", Date: when.MustParse("2024"), Category: model.CategoryOther}); err != nil {
		t.Errorf("a save after the connection came back: %v", err)
	}
}

// A window that opens a server again under the client name it used before
// can undo what it did before the restart; under a new name it cannot,
// as it must not undo someone else's changes.
func TestUndoAfterARestartUnderTheSameClient(t *testing.T) {
	ctx := context.Background()
	target := pgtest.DB(t)
	client := NewClientName(target)
	before, err := OpenCheckingAs(target, client)
	if err != nil {
		t.Fatal(err)
	}
	e, err := before.SaveEvent(ctx, model.Event{Title: "Before the restart", Date: when.MustParse("2024-05"), Category: model.CategoryOther})
	if err != nil {
		t.Fatal(err)
	}
	if err := before.Close(); err != nil {
		t.Fatal(err)
	}

	stranger, err := OpenCheckingAs(target, NewClientName(target))
	if err != nil {
		t.Fatal(err)
	}
	defer stranger.Close()
	if l, err := stranger.Load(ctx); err != nil || l.Undo.OK {
		t.Fatalf("a new client may undo %+v (%v)", l.Undo, err)
	}

	after, err := OpenCheckingAs(target, client)
	if err != nil {
		t.Fatal(err)
	}
	defer after.Close()
	l, err := after.Load(ctx)
	if err != nil || !l.Undo.OK {
		t.Fatalf("after the restart there is nothing to undo (%v)", err)
	}
	if _, err := after.Replay(ctx, true); err != nil {
		t.Fatal(err)
	}
	if _, err := after.Event(ctx, e.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the event added before the restart is still there after its undo (%v)", err)
	}
}
