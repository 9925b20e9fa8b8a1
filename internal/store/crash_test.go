package store

// The crash tests kill a writing process with SIGKILL at a random moment,
// over and over, and check that the file still opens, passes every
// integrity check SQLite has, and holds every write that was acknowledged
// before the kill. The writer is this test binary started again as a child
// process in one of the helper modes below.

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/stresstest"
	"github.com/hindsight-app/hindsight/internal/when"
)

// stressRun reports a stress run (HINDSIGHT_STRESS=1); byStress picks the
// quick count for a plain `go test` and the long one for a stress run.
var stressRun, byStress = stresstest.On, stresstest.Count

// Environment of a helper child process: its mode, the database it works
// on and one mode-specific argument.
const (
	helperModeEnv = "HINDSIGHT_STORE_HELPER"
	helperDBEnv   = "HINDSIGHT_STORE_HELPER_DB"
	helperArgEnv  = "HINDSIGHT_STORE_HELPER_ARG"
)

// helperModes are what a child process can be asked to do. Each returns
// the child's exit code. Files with platform-specific helpers add theirs
// in an init function.
var helperModes = map[string]func(db, arg string) int{
	"write-loop": helperWriteLoop,
	"write-n":    helperWriteN,
}

// TestHelperProcess is not a test of its own: it is the body of the child
// processes the other tests start from this binary. Run normally, it does
// nothing.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperModeEnv)
	if mode == "" {
		return
	}
	fn, ok := helperModes[mode]
	if !ok {
		fmt.Fprintf(os.Stderr, "unknown helper mode %q\n", mode)
		os.Exit(3)
	}
	os.Exit(fn(os.Getenv(helperDBEnv), os.Getenv(helperArgEnv)))
}

// crashEvent is the event a writer saves: tags, a link and a description
// of a few kilobytes, so every write touches several tables, the search
// index and the R*Tree, and the WAL fills up and is checkpointed often.
func crashEvent(title string, i int) model.Event {
	return model.Event{
		Title:       title,
		Date:        when.DayDate(when.DayOf(2020+i%6, 1+i%12, 1+i%28)),
		Actor:       fmt.Sprintf("Lab %d", i%7),
		Category:    model.Categories[i%len(model.Categories)],
		Tags:        []string{"crash", fmt.Sprintf("tag-%d", i%5)},
		Description: strings.Repeat(fmt.Sprintf("Line %d of a long description. ", i), 10),
		Links:       []model.Link{{URL: fmt.Sprintf("https://example.com/%d", i)}},
	}
}

// crashBatch is how many events a bulk write saves at once.
const crashBatch = 20

// helperWriteLoop adds events to db until it is killed, printing
// "ACK\t<id>\t<title>" for each one after the write returned. Every tenth
// write is a bulk write of crashBatch events in one transaction. It gives
// up after a minute, in case the test that started it has gone.
func helperWriteLoop(db, prefix string) int {
	s, err := Open(db)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	deadline := time.Now().Add(time.Minute)
	for i := 0; time.Now().Before(deadline); i++ {
		if i%10 == 9 {
			events := make([]model.Event, crashBatch)
			for k := range events {
				events[k] = crashEvent(fmt.Sprintf("%s batch %d item %d", prefix, i, k), i+k)
			}
			ids, err := s.Bulk().AddEvents(ctx, events)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
			for k, id := range ids {
				fmt.Printf("ACK\t%d\t%s\n", id, events[k].Title)
			}
			continue
		}
		e, err := s.AddEvent(ctx, crashEvent(fmt.Sprintf("%s single %d", prefix, i), i))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Printf("ACK\t%d\t%s\n", e.ID, e.Title)
	}
	return 2
}

// helperWriteN adds n events (arg "prefix:n") one at a time, starting when
// the file db+".go" appears. A write refused as busy is reported as "BUSY\t<title>\t<message>" and the next
// one is tried; any other error ends the process.
func helperWriteN(db, arg string) int {
	start := time.Now()
	prefix, count, _ := strings.Cut(arg, ":")
	n, err := strconv.Atoi(count)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad count:", arg)
		return 3
	}
	s, err := Open(db)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	// Start together with the other writers: say so, then wait for the
	// test to create the go file.
	fmt.Println("READY")
	for _, err := os.Stat(db + ".go"); err != nil; _, err = os.Stat(db + ".go") {
		if time.Since(start) > time.Minute {
			fmt.Fprintln(os.Stderr, "no go file")
			return 1
		}
		time.Sleep(time.Millisecond)
	}
	for i := range n {
		title := fmt.Sprintf("%s %d", prefix, i)
		e, err := s.AddEvent(ctx, crashEvent(title, i))
		switch {
		case errors.Is(err, ErrBusy):
			fmt.Printf("BUSY\t%s\t%s\n", title, strings.ReplaceAll(err.Error(), "\n", " "))
		case err != nil:
			fmt.Fprintln(os.Stderr, err)
			return 1
		default:
			fmt.Printf("ACK\t%d\t%s\n", e.ID, title)
		}
	}
	return 0
}

// child is a helper process and everything it printed.
type child struct {
	cmd    *exec.Cmd
	out    *lineCollector
	stderr bytes.Buffer
}

// startHelper starts this test binary as a child process in mode.
func startHelper(t *testing.T, mode, db, arg string) *child {
	t.Helper()
	return startHelperCmd(t, helperCommand(mode, db, arg))
}

func helperCommand(mode, db, arg string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperModeEnv+"="+mode, helperDBEnv+"="+db, helperArgEnv+"="+arg)
	return cmd
}

func startHelperCmd(t *testing.T, cmd *exec.Cmd) *child {
	t.Helper()
	c := &child{cmd: cmd, out: newLineCollector()}
	cmd.Stdout = c.out
	cmd.Stderr = &c.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return c
}

// wait waits for the child to end by itself and returns its exit code.
func (c *child) wait(t *testing.T, limit time.Duration) int {
	t.Helper()
	done := make(chan struct{})
	go func() {
		c.cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(limit):
		c.cmd.Process.Kill()
		<-done
		t.Fatalf("child %v still running after %v; stderr:\n%s", c.cmd.Args, limit, c.stderr.String())
	}
	return c.cmd.ProcessState.ExitCode()
}

// kill ends the child with SIGKILL (on Windows, TerminateProcess): no
// deferred function, no Close, no checkpoint runs.
func (c *child) kill(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	c.cmd.Wait()
}

// lineCollector keeps a child's output lines and signals its first ACK.
type lineCollector struct {
	mu       sync.Mutex
	partial  []byte
	lines    []string
	firstAck chan struct{}
	acked    bool
	ready    chan struct{}
}

func newLineCollector() *lineCollector {
	return &lineCollector{firstAck: make(chan struct{}), ready: make(chan struct{})}
}

func (l *lineCollector) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.partial = append(l.partial, p...)
	for {
		i := bytes.IndexByte(l.partial, '\n')
		if i < 0 {
			break
		}
		line := string(l.partial[:i])
		l.partial = l.partial[i+1:]
		l.lines = append(l.lines, line)
		if line == "READY" {
			close(l.ready)
		}
		if !l.acked && strings.HasPrefix(line, "ACK\t") {
			l.acked = true
			close(l.firstAck)
		}
	}
	return len(p), nil
}

// waitFirstAck waits until the child has acknowledged one write.
func (c *child) waitFirstAck(t *testing.T, limit time.Duration) {
	t.Helper()
	c.awaitSignal(t, c.out.firstAck, limit, "no write acknowledged")
}

// waitReady waits until the child says it is ready to start.
func (c *child) waitReady(t *testing.T, limit time.Duration) {
	t.Helper()
	c.awaitSignal(t, c.out.ready, limit, "child not ready")
}

// awaitSignal waits until signal closes, failing t with what went wrong,
// and the child's stderr, when limit passes first.
func (c *child) awaitSignal(t *testing.T, signal <-chan struct{}, limit time.Duration, what string) {
	t.Helper()
	select {
	case <-signal:
	case <-time.After(limit):
		t.Fatalf("%s within %v; stderr:\n%s", what, limit, c.stderr.String())
	}
}

// record is an acknowledged write: the id the store returned and the title
// that was saved under it.
type record struct {
	id    int64
	title string
}

// results splits the child's complete lines into acknowledged writes and
// the titles refused as busy (with their messages). A line cut short by a
// kill has no newline and is not counted.
func (c *child) results(t *testing.T) (acked []record, busy map[string]string) {
	t.Helper()
	c.out.mu.Lock()
	defer c.out.mu.Unlock()
	busy = map[string]string{}
	for _, line := range c.out.lines {
		fields := strings.SplitN(line, "\t", 3)
		switch {
		case len(fields) == 3 && fields[0] == "ACK":
			id, err := strconv.ParseInt(fields[1], 10, 64)
			if err != nil {
				t.Fatalf("bad ACK line %q", line)
			}
			acked = append(acked, record{id, fields[2]})
		case len(fields) == 3 && fields[0] == "BUSY":
			busy[fields[1]] = fields[2]
		}
	}
	return acked, busy
}

// checkSound runs, on an open store, SQLite's integrity check and the
// consistency checks of the search indexes, the R*Tree and the foreign
// keys.
func checkSound(t *testing.T, s *Store) {
	t.Helper()
	verdict, err := s.Check(ctx)
	if err != nil || verdict != "ok" {
		t.Fatalf("integrity_check = %q, %v; want ok", verdict, err)
	}
	for _, fts := range []string{"events_fts", "predictions_fts"} {
		if _, err := s.db.ExecContext(ctx, fmt.Sprintf("INSERT INTO %[1]s (%[1]s) VALUES ('integrity-check')", fts)); err != nil {
			t.Errorf("search index %s disagrees with its table: %v", fts, err)
		}
	}
	var rtree string
	if err := s.db.QueryRowContext(ctx, "SELECT rtreecheck('events_span')").Scan(&rtree); err != nil || rtree != "ok" {
		t.Errorf("rtreecheck(events_span) = %q, %v", rtree, err)
	}
	rows, err := s.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Error("foreign_key_check found rows pointing at nothing")
	}
}

// checkAcknowledged fails for every acknowledged write whose record is
// missing or has another title. It reads every title in one pass, so a
// stress run can check tens of thousands of writes after every kill.
func checkAcknowledged(t *testing.T, s *Store, acked map[int64]string) {
	t.Helper()
	rows, err := s.db.QueryContext(ctx, "SELECT id, title FROM events")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	saved := map[int64]string{}
	for rows.Next() {
		var id int64
		var title string
		if err := rows.Scan(&id, &title); err != nil {
			t.Fatal(err)
		}
		saved[id] = title
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	missing := 0
	for id, title := range acked {
		if got, ok := saved[id]; !ok || got != title {
			missing++
			if missing <= 5 {
				t.Errorf("acknowledged event %d %q: found %q (present: %v)", id, title, got, ok)
			}
		}
	}
	if missing > 0 {
		t.Fatalf("%d of %d acknowledged events lost", missing, len(acked))
	}
}

func countTitles(t *testing.T, s *Store, like string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM events WHERE title LIKE ?", like).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestKillDuringWritesKeepsEveryAcknowledgedWrite(t *testing.T) {
	rounds, rng := stresstest.Rounds(t, 5, 50)
	path := filepath.Join(t.TempDir(), "crash.db")
	acked := map[int64]string{}
	started := time.Now()
	for round := 1; round <= rounds; round++ {
		prefix := fmt.Sprintf("round %d", round)
		c := startHelper(t, "write-loop", path, prefix)
		c.waitFirstAck(t, 30*time.Second)
		time.Sleep(time.Duration(rng.IntN(500)) * time.Millisecond)
		c.kill(t)
		got, _ := c.results(t)
		for _, r := range got {
			acked[r.id] = r.title
		}

		s, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: the file does not open after the kill: %v", round, err)
		}
		checkSound(t, s)
		checkAcknowledged(t, s, acked)
		// At most the write in flight at the kill may have committed without
		// being acknowledged: one event, or one whole batch.
		if n := countTitles(t, s, prefix+" %"); n < len(got) || n > len(got)+crashBatch {
			t.Errorf("round %d: %d events saved, %d acknowledged", round, n, len(got))
		}
		// A batch is one transaction: all of it or none survives.
		var partial int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT substr(title, 1, instr(title, ' item ')) AS batch
			FROM events WHERE title LIKE '% batch % item %' GROUP BY batch HAVING count(*) <> ?)`, crashBatch).Scan(&partial); err != nil || partial != 0 {
			t.Errorf("round %d: %d batches only partly saved (%v)", round, partial, err)
		}
		// An event and its undo record are written in one transaction.
		var orphans int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE title LIKE '% single %'
			AND id NOT IN (SELECT entity_id FROM changes WHERE entity = 'event')`).Scan(&orphans); err != nil || orphans != 0 {
			t.Errorf("round %d: %d events without their undo record (%v)", round, orphans, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if t.Failed() {
			t.Fatalf("round %d failed; the kill came after %d acknowledged writes", round, len(got))
		}
		t.Logf("round %d: killed after %d acknowledged writes; all %d kept", round, len(got), len(acked))
	}
	t.Logf("%d acknowledged writes over %d kills, all kept (%v)", len(acked), rounds, time.Since(started).Round(time.Millisecond))
}
