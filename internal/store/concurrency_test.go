package store

// The concurrency tests have several processes write one file at once, as
// the app and hindsightctl do, and hold a write transaction open in one
// connection while another tries to write.

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/store/internal/dbfile"
	sqlschema "github.com/hindsight-app/hindsight/internal/store/schema"
)

// busyTimeout is the wait the DSN asks SQLite for before a second writer
// gives up.
const busyTimeout = 5 * time.Second

func TestProcessesWritingAtOnceLoseNothing(t *testing.T) {
	n := byStress(150, 1500)
	path := filepath.Join(t.TempDir(), "shared.db")
	s := openPath(t, path)

	started := time.Now()
	children := []*child{
		startHelper(t, "write-n", path, fmt.Sprintf("child A:%d", n)),
		startHelper(t, "write-n", path, fmt.Sprintf("child B:%d", n)),
	}
	for _, c := range children {
		c.waitReady(t, 30*time.Second)
	}
	if err := os.WriteFile(path+".go", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	// This process writes too, through its own store, at the same time.
	var ownAcked []record
	ownBusy := map[string]string{}
	for i := range n {
		title := fmt.Sprintf("parent %d", i)
		e, err := s.AddEvent(ctx, crashEvent(title, i))
		switch {
		case errors.Is(err, ErrBusy):
			ownBusy[title] = err.Error()
		case err != nil:
			t.Fatal(err)
		default:
			ownAcked = append(ownAcked, record{e.ID, title})
		}
	}

	acked := map[int64]string{}
	busy := ownBusy
	for _, r := range ownAcked {
		acked[r.id] = r.title
	}
	writers := [][]record{ownAcked}
	for _, c := range children {
		if code := c.wait(t, 2*time.Minute); code != 0 {
			t.Fatalf("writer %v exited with %d:\n%s", c.cmd.Env[len(c.cmd.Env)-1], code, c.stderr.String())
		}
		got, refused := c.results(t)
		writers = append(writers, got)
		for _, r := range got {
			if prev, dup := acked[r.id]; dup {
				t.Errorf("id %d acknowledged twice: %q and %q", r.id, prev, r.title)
			}
			acked[r.id] = r.title
		}
		for title, msg := range refused {
			busy[title] = msg
		}
	}
	elapsed := time.Since(started)
	// How often the lock passed from one writer to another (SQLite grants
	// it to whoever asks when it is free, so a busy writer may keep it for
	// a while; with a barrier at the start they all asked at once).
	owner := map[int64]int{}
	for w, rs := range writers {
		for _, r := range rs {
			owner[r.id] = w
		}
	}
	switches := 0
	for id := int64(1); id < int64(len(owner)); id++ {
		if owner[id] != owner[id+1] {
			switches++
		}
	}

	for title, msg := range busy {
		if !strings.Contains(msg, "busy") || !strings.Contains(msg, "try again") {
			t.Errorf("refused write %q: message %q does not say the database is busy and what to do", title, msg)
		}
		if got := countTitles(t, s, title); got != 0 {
			t.Errorf("write %q was refused as busy but saved", title)
		}
	}
	if len(acked)+len(busy) != 3*n {
		t.Errorf("%d acknowledged + %d refused, want %d writes accounted for", len(acked), len(busy), 3*n)
	}
	checkSound(t, s)
	checkAcknowledged(t, s, acked)
	if total, err := s.Summary().CountEvents(ctx, filter.Filter{}); err != nil || total != len(acked) {
		t.Errorf("%d events in the file, %d acknowledged (%v)", total, len(acked), err)
	}
	t.Logf("3 processes × %d writes in %v, the lock changed hands %d times: %d acknowledged, %d refused as busy",
		n, elapsed.Round(time.Millisecond), switches, len(acked), len(busy))
}

// holdWriteLock opens its own connection to path, with the store's DSN,
// and begins a write transaction (BEGIN IMMEDIATE), which it keeps until
// the returned function is called.
func holdWriteLock(t *testing.T, path string) (release func()) {
	t.Helper()
	raw, err := sql.Open("sqlite3", dbfile.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		raw.Close()
		t.Fatal(err)
	}
	// Write something, so the lock is really held by a writer.
	if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO meta (key, value) VALUES ('held', ?)", time.Now().String()); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			if err := tx.Commit(); err != nil {
				t.Error(err)
			}
			raw.Close()
		})
	}
	t.Cleanup(release)
	return release
}

type addResult struct {
	id      int64
	err     error
	elapsed time.Duration
}

func addInBackground(s *Store, title string) <-chan addResult {
	done := make(chan addResult, 1)
	go func() {
		start := time.Now()
		e, err := s.AddEvent(ctx, crashEvent(title, 1))
		done <- addResult{e.ID, err, time.Since(start)}
	}()
	return done
}

func TestWriterWaitsForAHeldLockThenSaves(t *testing.T) {
	path := filepath.Join(t.TempDir(), "held.db")
	s := openPath(t, path)
	release := holdWriteLock(t, path)

	const hold = time.Second
	done := addInBackground(s, "waited for the lock")
	select {
	case r := <-done:
		t.Fatalf("the write returned while another connection held the write lock: %+v", r)
	case <-time.After(hold):
	}
	release()
	var r addResult
	select {
	case r = <-done:
	case <-time.After(busyTimeout):
		t.Fatal("the write did not finish after the lock was released")
	}
	if r.err != nil {
		t.Fatalf("a write that waited %v (less than the busy timeout) failed: %v", r.elapsed, r.err)
	}
	if e, err := s.Event(ctx, r.id); err != nil || e.Title != "waited for the lock" {
		t.Errorf("the waiting write was not saved: %q, %v", e.Title, err)
	}
	checkSound(t, s)
	t.Logf("the write waited %v for the lock, then saved", r.elapsed.Round(time.Millisecond))
}

func TestWriterGivesUpWithBusyErrorAfterTheTimeout(t *testing.T) {
	if !stressRun() {
		t.Skip("waits out the 5 s busy timeout; runs with HINDSIGHT_STRESS=1")
	}
	path := filepath.Join(t.TempDir(), "held.db")
	s := openPath(t, path)
	before, err := s.Summary().CountEvents(ctx, filter.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	release := holdWriteLock(t, path)

	var r addResult
	select {
	case r = <-addInBackground(s, "refused while the lock is held"):
	case <-time.After(busyTimeout + 10*time.Second):
		t.Fatal("the write neither finished nor gave up")
	}
	release()
	if !errors.Is(r.err, ErrBusy) {
		t.Fatalf("got %v, want ErrBusy", r.err)
	}
	if msg := r.err.Error(); !strings.Contains(msg, "busy") || !strings.Contains(msg, "try again") {
		t.Errorf("message %q should say the database is busy and to try again", msg)
	}
	if r.elapsed < busyTimeout-500*time.Millisecond {
		t.Errorf("gave up after %v, before the %v busy timeout", r.elapsed, busyTimeout)
	}
	if after, err := s.Summary().CountEvents(ctx, filter.Filter{}); err != nil || after != before {
		t.Errorf("events went from %d to %d (%v): the refused write left something", before, after, err)
	}
	if n := countTitles(t, s, "refused while the lock is held"); n != 0 {
		t.Error("the refused event was saved")
	}
	checkSound(t, s)
	// The lock is gone: the same store writes again.
	if _, err := s.AddEvent(ctx, crashEvent("after the lock", 2)); err != nil {
		t.Errorf("writing after the lock was released: %v", err)
	}
	t.Logf("gave up after %v with: %v", r.elapsed.Round(time.Millisecond), r.err)
}

// Two first starts at once (the app and a script's hindsightctl, say) both
// find no schema and both try to create it; the one that waits for the
// other's transaction must then open the file the other created.
func TestOpenWaitingForAnotherCreatorOpensItsSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	raw, err := sql.Open("sqlite3", dbfile.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()

	done := make(chan error, 1)
	var opened *Store
	go func() {
		s, err := Open(path)
		opened = s
		done <- err
	}()
	// Let Open read the empty file and queue for the write lock, then
	// create the schema as another Hindsight's first start would.
	time.Sleep(300 * time.Millisecond)
	if _, err := tx.ExecContext(ctx, sqlschema.NewFile); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", sqlschema.ApplicationID)); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", LatestSchemaVersion())); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES ('created by', 'the other process')"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	select {
	case err = <-done:
	case <-time.After(busyTimeout + 5*time.Second):
		t.Fatal("Open did not return")
	}
	if err != nil {
		t.Fatalf("Open after another process created the file: %v", err)
	}
	defer opened.Close()
	if opened.Created() {
		t.Error("Open reports creating a schema another process created")
	}
	var by string
	if err := opened.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'created by'").Scan(&by); err != nil {
		t.Errorf("the other process's file was replaced: %v", err)
	}
	checkSound(t, opened)
}
