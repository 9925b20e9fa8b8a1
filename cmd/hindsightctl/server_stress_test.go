package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/store"
)

// serverWriter is a child process's work in TestWritersAndReadersOnOneServer:
// `hindsightctl events add` singles times, then `hindsightctl import` of
// each CSV file, each a complete command with its own connection. It
// prints "ACK\t<id>\t<title>" after each event added and "IMPORTED\t<n>"
// after each import; any failure ends it.
func serverWriter(args []string) int {
	db, prefix := args[0], args[1]
	singles, err := strconv.Atoi(args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad count:", args[2])
		return 3
	}
	for i := range singles {
		var out, errOut bytes.Buffer
		title := fmt.Sprintf("%s single %d", prefix, i)
		if code := run([]string{"--db", db, "events", "add", "--title", title, "--date", fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28),
			"--actor", prefix, "--category", "research", "--tag", "stress"}, &out, &errOut); code != 0 {
			fmt.Fprint(os.Stderr, errOut.String())
			return code
		}
		fmt.Printf("ACK\t%s\t%s\n", strings.TrimSpace(out.String()), title)
	}
	for _, file := range args[3:] {
		var out, errOut bytes.Buffer
		if code := run([]string{"--db", db, "import", file}, &out, &errOut); code != 0 {
			fmt.Fprint(os.Stderr, errOut.String())
			return code
		}
		fmt.Printf("IMPORTED\t%s\n", strings.TrimSpace(out.String()))
	}
	return 0
}

// writeChunks writes n events titled "<prefix> row <i>" as CSV files of
// at most size rows each, and returns their paths.
func writeChunks(t *testing.T, dir, prefix string, n, size int) []string {
	t.Helper()
	var files []string
	for start := 0; start < n; start += size {
		var b strings.Builder
		b.WriteString("title,date,actor\n")
		for i := start; i < min(start+size, n); i++ {
			fmt.Fprintf(&b, "%s row %d,%d-%02d-%02d,%s\n", prefix, i, 2015+i%10, 1+i%12, 1+i%28, prefix)
		}
		files = append(files, inputFile(t, dir, fmt.Sprintf("%s-%d.csv", strings.ReplaceAll(prefix, " ", "-"), start), b.String()))
	}
	return files
}

// reader is an app session that reloads whenever its Watch fires, as a
// window does, and keeps the event counts it saw.
type reader struct {
	s      *app.Session
	mu     sync.Mutex
	counts []int
	errs   []error
}

func startReader(t *testing.T, ctx context.Context, db string) *reader {
	t.Helper()
	s, err := app.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	r := &reader{s: s}
	var busy sync.Mutex // one reload at a time, as the window's
	s.Watcher().Watch(ctx, func() {
		busy.Lock()
		defer busy.Unlock()
		l, err := s.Load(ctx)
		r.mu.Lock()
		defer r.mu.Unlock()
		if err != nil {
			if ctx.Err() == nil {
				r.errs = append(r.errs, err)
			}
			return
		}
		r.counts = append(r.counts, l.Library.EventCount)
	})

	return r
}

func (r *reader) last() (int, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.counts) == 0 {
		return 0, 0
	}
	return r.counts[len(r.counts)-1], len(r.counts)
}

// Four hindsightctl processes add events to one PostgreSQL database at
// once, one command at a time and by imports, while two app sessions
// watch and reload. Every event arrives exactly once, both sessions
// converge on the final count, and a copy back to a SQLite file exports
// exactly as the server does. `make stress` runs it at 10,000 events a
// writer; `make test` at 250.
func TestWritersAndReadersOnOneServer(t *testing.T) {
	const writers = 4
	perWriter := byStress(250, 10_000)
	singles := byStress(20, 200)
	chunk := byStress(115, 1_000)
	db := emptyServerDB(t) // its schema made before the writers race to
	dir := t.TempDir()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	readers := []*reader{startReader(t, ctx, db), startReader(t, ctx, db)}

	started := time.Now()
	children := make([]*ctlChild, writers)
	for w := range writers {
		prefix := fmt.Sprintf("writer %d", w)
		files := writeChunks(t, dir, prefix, perWriter-singles, chunk)
		children[w] = startChild(t, "server-writer", append([]string{db, prefix, strconv.Itoa(singles)}, files...)...)
	}
	acked := map[int64]string{}
	for w, c := range children {
		if code := c.wait(t, 20*time.Minute); code != 0 {
			t.Fatalf("writer %d exited %d:\n%s", w, code, c.stderr.String())
		}
		got, _, _ := c.results(t)
		for id, title := range got {
			acked[id] = title
		}
	}
	wrote := time.Since(started)
	total := writers * perWriter
	t.Logf("%d writers added %d events in %v (%.0f events/s)", writers, total, wrote.Round(time.Millisecond), float64(total)/wrote.Seconds())

	// Every event arrived exactly once: each title once, every
	// acknowledged id with its title.
	st, err := app.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	events, err := st.Reads().Page(ctx, app.EventPage{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	byID := map[int64]string{}
	for _, e := range events {
		seen[e.Title]++
		byID[e.ID] = e.Title
	}
	for w := range writers {
		for i := range singles {
			if n := seen[fmt.Sprintf("writer %d single %d", w, i)]; n != 1 {
				t.Errorf("writer %d's single %d is there %d times", w, i, n)
			}
		}
		for i := range perWriter - singles {
			if n := seen[fmt.Sprintf("writer %d row %d", w, i)]; n != 1 {
				t.Errorf("writer %d's row %d is there %d times", w, i, n)
			}
		}
	}
	if len(events) != total || len(acked) != writers*singles {
		t.Errorf("the server holds %d events, want %d; %d acknowledged singles", len(events), total, len(acked))
	}
	wantAcknowledged(t, byID, acked)

	// Both readers converge on the final count, having only seen it grow.
	deadline := time.Now().Add(5 * time.Second)
	for _, r := range readers {
		for {
			if n, _ := r.last(); n == total || time.Now().After(deadline) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	cancel()
	for i, r := range readers {
		r.mu.Lock()
		n, reloads := 0, len(r.counts)
		if reloads > 0 {
			n = r.counts[reloads-1]
		}
		for j := 1; j < reloads; j++ {
			if r.counts[j] < r.counts[j-1] {
				t.Errorf("reader %d saw the count fall from %d to %d", i, r.counts[j-1], r.counts[j])
				break
			}
		}
		if len(r.errs) > 0 {
			t.Errorf("reader %d: %d reloads failed, the first: %v", i, len(r.errs), r.errs[0])
		}
		r.mu.Unlock()
		if n != total {
			t.Errorf("reader %d last saw %d events, want %d", i, n, total)
		}
		t.Logf("reader %d reloaded %d times", i, reloads)
	}

	// A copy back to SQLite round-trips.
	file := filepath.Join(dir, "back.db")
	copyStarted := time.Now()
	mustCtl(t, db, "copy", "--to", file)
	t.Logf("copied %d events back to a file in %v", total, time.Since(copyStarted).Round(time.Millisecond))
	if got, want := exportJSON(t, file), exportJSON(t, db); got != want {
		t.Errorf("the file's export differs from the server's (%d and %d bytes)", len(got), len(want))
	}
	back, err := store.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if saved := titles(t, back); len(saved) != total {
		t.Errorf("the copy holds %d events, want %d", len(saved), total)
	}
}
