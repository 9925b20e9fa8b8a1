package main

// The crash tests run hindsightctl as a real child process (this test
// binary, acting as the command through TestMain), kill it with SIGKILL at
// random moments, and check that the database it was writing still opens,
// passes SQLite's integrity check and holds every event whose id the
// command printed. Two commands writing at once must both succeed or say
// the database is busy, and lose nothing either way.

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/stresstest"
)

// childEnv tells this binary to act as a child process instead of running
// the tests: "cli" runs hindsightctl with the arguments; "add-loop" and
// "add-n" run `hindsightctl events add` over and over (see addLoop).
const childEnv = "HINDSIGHTCTL_TEST_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		pgtest.Main(m) // runs the tests; stops the PostgreSQL server they started
	case "cli":
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	case "add-loop":
		os.Exit(addLoop(os.Args[1], os.Args[2], -1))
	case "add-n":
		n, err := strconv.Atoi(os.Args[3])
		if err != nil {
			fmt.Fprintln(os.Stderr, "bad count:", os.Args[3])
			os.Exit(3)
		}
		os.Exit(addLoop(os.Args[1], os.Args[2], n))
	case "server-writer":
		os.Exit(serverWriter(os.Args[1:]))
	default:
		fmt.Fprintln(os.Stderr, "unknown child mode", os.Getenv(childEnv))
		os.Exit(3)
	}
}

// stress reports a stress run (HINDSIGHT_STRESS=1, set by `make stress`:
// more rounds, more writes, and the tests that wait out the 5 s busy
// timeout); byStress picks the quick count or the long one.
var stress, byStress = stresstest.On, stresstest.Count

// bulkSize is how many events one `dev generate` in addLoop adds, in one
// transaction.
const bulkSize = 50

// addLoop runs `hindsightctl events add` n times (forever when n < 0, until
// killed) against db, each a complete command with its own open and close.
// After each one that printed an id it prints "ACK\t<id>\t<title>"; a
// command that failed because the database was busy is reported as
// "BUSY\t<title>\t<its error output>" and the loop goes on; any other
// failure ends it. When looping forever, every tenth command is instead
// `dev generate --events 50`, reported as "BULK".
func addLoop(db, prefix string, n int) int {
	deadline := time.Now().Add(time.Minute) // in case the test that started it is gone
	for i := 0; n < 0 || i < n; i++ {
		if time.Now().After(deadline) {
			return 2
		}
		var out, errOut bytes.Buffer
		if n < 0 && i%10 == 9 {
			if code := run([]string{"--db", db, "dev", "generate", "--events", strconv.Itoa(bulkSize), "--seed", strconv.Itoa(i)}, &out, &errOut); code != 0 {
				fmt.Fprint(os.Stderr, errOut.String())
				return code
			}
			fmt.Println("BULK")
			continue
		}
		title := fmt.Sprintf("%s %d", prefix, i)
		code := run([]string{"--db", db, "events", "add", "--title", title, "--date", fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28),
			"--actor", "Crash Lab", "--category", "research", "--tag", "crash", "--source", fmt.Sprintf("https://example.com/%d", i),
			"--description", strings.Repeat("Written while being killed. ", 20)}, &out, &errOut)
		switch {
		case code == 0:
			fmt.Printf("ACK\t%s\t%s\n", strings.TrimSpace(out.String()), title)
		case strings.Contains(errOut.String(), "busy"):
			fmt.Printf("BUSY\t%s\t%s\n", title, strings.ReplaceAll(strings.TrimSpace(errOut.String()), "\n", " "))
		default:
			fmt.Fprint(os.Stderr, errOut.String())
			return code
		}
	}
	return 0
}

// ctlChild is a hindsightctl child process and what it printed.
type ctlChild struct {
	cmd    *exec.Cmd
	out    lockedBuffer
	stderr lockedBuffer
}

func startChild(t *testing.T, mode string, args ...string) *ctlChild {
	t.Helper()
	c := &ctlChild{cmd: exec.Command(os.Args[0], args...)}
	c.cmd.Env = append(os.Environ(), childEnv+"="+mode)
	c.cmd.Stdout, c.cmd.Stderr = &c.out, &c.stderr
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if c.cmd.ProcessState == nil {
			c.cmd.Process.Kill()
			c.cmd.Wait()
		}
	})
	return c
}

func (c *ctlChild) wait(t *testing.T, limit time.Duration) int {
	t.Helper()
	timer := time.AfterFunc(limit, func() { c.cmd.Process.Kill() })
	defer timer.Stop()
	c.cmd.Wait()
	if !timer.Stop() {
		t.Fatalf("%v still running after %v", c.cmd.Args[1:], limit)
	}
	return c.cmd.ProcessState.ExitCode()
}

// lockedBuffer is written by the copying goroutine of os/exec and read by
// the test while the child runs.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// results reads the complete lines the child printed: the events it
// acknowledged, the titles refused as busy with their messages, and the
// bulk writes acknowledged.
func (c *ctlChild) results(t *testing.T) (acked map[int64]string, busy map[string]string, bulks int) {
	t.Helper()
	acked, busy = map[int64]string{}, map[string]string{}
	text := c.out.String()
	if i := strings.LastIndexByte(text, '\n'); i >= 0 {
		text = text[:i+1] // a line cut short by the kill is not an acknowledgement
	} else {
		text = ""
	}
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		fields := strings.SplitN(line, "\t", 3)
		switch {
		case fields[0] == "BULK":
			bulks++
		case len(fields) == 3 && fields[0] == "ACK":
			id, err := strconv.ParseInt(fields[1], 10, 64)
			if err != nil {
				t.Fatalf("events add printed %q instead of an id", fields[1])
			}
			acked[id] = fields[2]
		case len(fields) == 3 && fields[0] == "BUSY":
			busy[fields[1]] = fields[2]
		}
	}
	return acked, busy, bulks
}

// titles reads every event's title straight from the store.
func titles(t *testing.T, st *store.Store) map[int64]string {
	t.Helper()
	events, err := st.Events(context.Background(), store.EventQuery{Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	m := make(map[int64]string, len(events))
	for _, e := range events {
		m[e.ID] = e.Title
	}
	return m
}

// openChecked opens db with the store, as the app would, and fails unless
// SQLite's integrity check says ok.
func openChecked(t *testing.T, db string) *store.Store {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatalf("the database does not open: %v", err)
	}
	if verdict, err := st.Check(context.Background()); err != nil || verdict != "ok" {
		st.Close()
		t.Fatalf("integrity_check = %q, %v", verdict, err)
	}
	return st
}

func wantAcknowledged(t *testing.T, saved, acked map[int64]string) {
	t.Helper()
	lost := 0
	for id, title := range acked {
		if saved[id] != title {
			lost++
			if lost <= 5 {
				t.Errorf("event %d %q was acknowledged but the file has %q", id, title, saved[id])
			}
		}
	}
	if lost > 0 {
		t.Fatalf("%d of %d acknowledged events lost", lost, len(acked))
	}
}

// seedCount is how many events a new database starts with.
func seedCount(t *testing.T) int {
	t.Helper()
	st, err := store.OpenSeeded(tempDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.Summary().CountEvents(context.Background(), filter.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestKillCommandsDuringWritesKeepsEveryPrintedID(t *testing.T) {
	rounds, rng := stresstest.Rounds(t, 5, 50)
	db := tempDB(t)
	seeded := seedCount(t)
	acked := map[int64]string{}
	bulks := 0
	started := time.Now()
	for round := 1; round <= rounds; round++ {
		prefix := fmt.Sprintf("killed round %d", round)
		c := startChild(t, "add-loop", db, prefix)
		for deadline := time.Now().Add(30 * time.Second); !strings.Contains(c.out.String(), "ACK\t"); {
			if time.Now().After(deadline) {
				t.Fatalf("round %d: nothing acknowledged in 30 s; stderr:\n%s", round, c.stderr.String())
			}
			time.Sleep(2 * time.Millisecond)
		}
		time.Sleep(time.Duration(rng.IntN(600)) * time.Millisecond)
		if err := c.cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		c.cmd.Wait()
		got, _, b := c.results(t)
		for id, title := range got {
			acked[id] = title
		}
		bulks += b

		st := openChecked(t, db)
		saved := titles(t, st)
		st.Close()
		wantAcknowledged(t, saved, acked)
		// Besides the seed and the acknowledged events, only whole bulk
		// writes (and at most the one command in flight) may be there.
		extra := len(saved) - seeded - len(acked) - bulks*bulkSize
		if extra != 0 && extra != 1 && extra != bulkSize {
			t.Fatalf("round %d: %d events beyond the seed, the %d acknowledged and %d bulk writes", round, extra, len(acked), bulks)
		}
		if extra != 0 {
			// Count the one in flight from now on, so the next round's sum works.
			seeded += extra
		}
		t.Logf("round %d: killed after %d acknowledged commands; all %d kept", round, len(got), len(acked))
	}

	// The command itself still reads the file after all the kills.
	code, out, errOut := ctl(t, db, "events", "list", "--search", "killed round", "--json")
	if code != 0 {
		t.Fatalf("events list after the kills: exit %d: %s", code, errOut)
	}
	for id := range acked {
		if !strings.Contains(out, fmt.Sprintf(`"id": %d,`, id)) {
			t.Fatalf("events list --search does not find acknowledged event %d", id)
		}
	}
	t.Logf("%d acknowledged commands and %d bulk writes over %d kills, all kept (%v)",
		len(acked), bulks, rounds, time.Since(started).Round(time.Millisecond))
}

// A command killed during the first start, while it creates and fills a
// new file, must leave either nothing or a complete, seeded database; a
// file with the schema but without the seed would stay empty for good,
// since an existing file is never seeded.
func TestKillDuringFirstStartLeavesNoHalfSeededFile(t *testing.T) {
	tries := byStress(20, 100)
	seeded := seedCount(t)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	// Time one whole first start, to kill the others somewhere inside one.
	start := time.Now()
	if code := startChild(t, "cli", "--db", tempDB(t), "events", "list").wait(t, time.Minute); code != 0 {
		t.Fatalf("a first start failed with exit %d", code)
	}
	whole := time.Since(start)
	empty := 0
	for try := range tries {
		db := tempDB(t)
		c := startChild(t, "cli", "--db", db, "events", "list")
		time.Sleep(time.Duration(rng.Int64N(int64(whole))))
		c.cmd.Process.Kill()
		c.cmd.Wait()
		if c.cmd.ProcessState.Success() {
			continue // finished before the kill
		}
		// The next start, which creates the file if the kill came first.
		code, out, errOut := ctl(t, db, "events", "list", "--json")
		if code != 0 {
			t.Fatalf("try %d: events list after a kill during the first start: exit %d: %s", try, code, errOut)
		}
		st := openChecked(t, db)
		st.Close()
		if n := strings.Count(out, `"id":`); n == 0 {
			empty++
		} else if n != seeded {
			t.Fatalf("try %d: %d events after a kill during the first start, want 0 or the %d of the seed", try, n, seeded)
		}
	}
	if empty > 0 {
		t.Errorf("%d of %d first starts killed mid-way left a database that has the schema but never gets the seed", empty, tries)
	}
	t.Logf("%d first starts killed within the %v one takes, none left half made", tries, whole.Round(time.Millisecond))
}

func TestTwoCommandsWritingAtOnceLoseNothing(t *testing.T) {
	n := byStress(100, 500)
	db := tempDB(t)
	ctl(t, db, "events", "list") // create and seed it first
	seeded := seedCount(t)
	started := time.Now()
	children := []*ctlChild{
		startChild(t, "add-n", db, "first writer", strconv.Itoa(n)),
		startChild(t, "add-n", db, "second writer", strconv.Itoa(n)),
	}
	acked := map[int64]string{}
	busy := map[string]string{}
	for _, c := range children {
		if code := c.wait(t, 3*time.Minute); code != 0 {
			t.Fatalf("writer exited with %d:\n%s", code, c.stderr.String())
		}
		got, refused, _ := c.results(t)
		for id, title := range got {
			if prev, dup := acked[id]; dup {
				t.Errorf("id %d printed for %q and %q", id, prev, title)
			}
			acked[id] = title
		}
		for title, msg := range refused {
			busy[title] = msg
		}
	}
	st := openChecked(t, db)
	defer st.Close()
	saved := titles(t, st)
	wantAcknowledged(t, saved, acked)
	for title, msg := range busy {
		if !strings.Contains(msg, "database is busy") || !strings.Contains(msg, "try again") {
			t.Errorf("refused command for %q said %q, not that the database is busy and what to do", title, msg)
		}
		for _, savedTitle := range saved {
			if savedTitle == title {
				t.Errorf("the command for %q failed as busy but its event was saved", title)
			}
		}
	}
	if len(acked)+len(busy) != 2*n {
		t.Errorf("%d acknowledged + %d busy, want %d", len(acked), len(busy), 2*n)
	}
	if len(saved) != seeded+len(acked) {
		t.Errorf("%d events, want the %d of the seed and the %d acknowledged", len(saved), seeded, len(acked))
	}
	t.Logf("2 processes × %d commands in %v: %d acknowledged, %d refused as busy",
		n, time.Since(started).Round(time.Millisecond), len(acked), len(busy))
}

func TestCommandSaysBusyWhileAnotherHoldsTheWriteLock(t *testing.T) {
	if !stress() {
		t.Skip("waits out the 5 s busy timeout; runs with HINDSIGHT_STRESS=1")
	}
	db := tempDB(t)
	ctl(t, db, "events", "list")
	// Another connection, as the app would have, in the middle of a write.
	q := url.Values{"_journal_mode": {"WAL"}, "_busy_timeout": {"5000"}, "_txlock": {"immediate"}}
	raw, err := sql.Open("sqlite3", "file:"+db+"?"+q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	tx, err := raw.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('held', 'yes')"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	c := startChild(t, "cli", "--db", db, "events", "add", "--title", "Refused while busy", "--date", "2024-01-02")
	code := c.wait(t, time.Minute)
	elapsed := time.Since(start)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	msg := c.stderr.String()
	if code != 1 || !strings.Contains(msg, "error: the database is busy") || !strings.Contains(msg, "try again") {
		t.Errorf("exit %d, stderr %q; want exit 1 saying the database is busy and to try again", code, msg)
	}
	if c.out.String() != "" {
		t.Errorf("printed %q although nothing was saved", c.out.String())
	}
	if elapsed < 4500*time.Millisecond {
		t.Errorf("gave up after %v, before the 5 s busy timeout", elapsed)
	}
	st := openChecked(t, db)
	defer st.Close()
	for _, title := range titles(t, st) {
		if title == "Refused while busy" {
			t.Error("the refused event was saved")
		}
	}
	t.Logf("after %v: %s", elapsed.Round(time.Millisecond), strings.TrimSpace(msg))
}
