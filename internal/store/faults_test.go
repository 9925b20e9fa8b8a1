//go:build linux

package store

// The fault tests give Open files and folders that are damaged, not
// databases, read-only, missing, impossible to create or on a full disk,
// and check that each is explained (the file named, and what to do) and
// that the file is never changed or "repaired" behind the user's back.
// Read-only and full-disk faults need Linux tools (chattr, tmpfs,
// RLIMIT_FSIZE), hence the build tag.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/storetest/fixture"
	"github.com/hindsight-app/hindsight/internal/when"
)

func init() {
	helperModes["probe"] = helperProbe
	helperModes["fill-to-limit"] = helperFillToLimit
}

// seededBytes returns the bytes of a freshly seeded, closed database (all
// of it in the main file: closing checkpoints the WAL).
func seededBytes(t *testing.T) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "seeded.db")
	s, err := OpenSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wantOpenError checks that err is an OpenError naming path, saying what
// to do, and that the file's bytes are still want.
func wantOpenError(t *testing.T, err error, path string, want []byte) {
	t.Helper()
	var oe *OpenError
	if !errors.As(err, &oe) {
		t.Fatalf("got %v (%T), want an *OpenError", err, err)
	}
	if oe.Path != path || !strings.Contains(err.Error(), path) {
		t.Errorf("the error does not name the file %s: %v", path, err)
	}
	if oe.Hint == "" {
		t.Errorf("the error does not say what to do: %v", err)
	}
	if want != nil {
		wantUnchanged(t, path, want)
	}
}

func wantUnchanged(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading %s back: %v", path, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s was changed (%d bytes before, %d after)", filepath.Base(path), len(want), len(got))
	}
}

func TestDamagedFilesAreRefusedUnchanged(t *testing.T) {
	seeded := seededBytes(t)
	// Fixed "random" bytes, so a failure can be reproduced.
	rng := rand.NewChaCha8([32]byte{'h', 'i', 'n', 'd', 's', 'i', 'g', 'h', 't'})
	noise := make([]byte, 64<<10)
	rng.Read(noise)

	cut := seeded[:len(seeded)/2]
	garbled := fixture.GarbleMiddlePage(t, seeded, rng)

	cases := []struct {
		name    string
		content []byte
	}{
		{name: "random bytes", content: noise},
		{name: "SQLite header then random bytes", content: append([]byte("SQLite format 3\x00"), noise...)},
		{name: "a text file", content: []byte("title,date\nGPT-4,2023-03-14\n")},
		{name: "database cut to half its length", content: cut},
		{name: "database with a page of garbage in its middle", content: garbled},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "damaged.db")
			if err := os.WriteFile(path, c.content, 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Open(path)
			if err == nil {
				verdict, checkErr := s.Check(ctx)
				_, addErr := s.AddEvent(ctx, crashEvent("written into a damaged file", 1))
				s.Close()
				t.Fatalf("a damaged file opened (integrity_check: %q, %v; a write afterwards returned %v)", verdict, checkErr, addErr)
			}
			wantOpenError(t, err, path, c.content)
			t.Logf("%v", err)
		})
	}
}

// probeResult is what a store does with a file it may not be able to
// write: how Open failed, or how many events it read and how a write
// failed.
type probeResult struct {
	OpenError   string `json:"open_error,omitempty"`
	OpenPath    string `json:"open_path,omitempty"`
	OpenHint    string `json:"open_hint,omitempty"`
	Events      int    `json:"events"`
	AddError    string `json:"add_error,omitempty"`
	AddReadOnly bool   `json:"add_read_only"`
}

func probe(path string) probeResult {
	var r probeResult
	s, err := Open(path)
	if err != nil {
		r.OpenError = err.Error()
		var oe *OpenError
		if errors.As(err, &oe) {
			r.OpenPath, r.OpenHint = oe.Path, oe.Hint
		}
		return r
	}
	defer s.Close()
	r.Events, err = s.Summary().CountEvents(ctx, filter.Filter{})
	if err != nil {
		r.Events = -1
	}
	if _, err := s.AddEvent(ctx, crashEvent("written into a read-only file", 1)); err != nil {
		r.AddError, r.AddReadOnly = err.Error(), errors.Is(err, ErrReadOnly)
	}
	return r
}

// helperProbe runs probe in a child process and prints its result as JSON.
func helperProbe(db, _ string) int {
	json.NewEncoder(os.Stdout).Encode(probe(db))
	return 0
}

// wantRefusedWrite checks a probe of a file that cannot be written: either
// Open explained it (naming the file and what to do), or the file opened,
// its events could be read, and the write failed with ErrReadOnly.
func wantRefusedWrite(t *testing.T, r probeResult, path string, events int) {
	t.Helper()
	if r.OpenError != "" {
		if r.OpenPath != path || !strings.Contains(r.OpenError, path) || r.OpenHint == "" {
			t.Errorf("Open failed without naming the file and what to do: %s", r.OpenError)
		}
		t.Logf("Open: %s", r.OpenError)
		return
	}
	if r.Events != events {
		t.Errorf("read %d events, want %d", r.Events, events)
	}
	if r.AddError == "" {
		t.Fatal("a write to a read-only file succeeded")
	}
	if !r.AddReadOnly || !strings.Contains(r.AddError, "read-only") {
		t.Errorf("the failed write should be ErrReadOnly saying so, got %s", r.AddError)
	}
	t.Logf("write: %s", r.AddError)
}

// readOnly makes files and folders read-only for a store, in whichever way
// this machine allows, and probes them.
type readOnly struct {
	how string
	// protect makes path read-only (for the store that will probe it).
	protect func(t *testing.T, path string)
	// probe runs probe on path where the protection applies.
	probe func(t *testing.T, path string) probeResult
}

// chooseReadOnly picks how to make files read-only: permission bits for an
// ordinary user; for root, whom permission bits do not stop, the immutable
// attribute (chattr +i) where the file system supports it, else a child
// process running as the unprivileged user nobody.
func chooseReadOnly(t *testing.T, dir string) readOnly {
	t.Helper()
	inProcess := func(t *testing.T, path string) probeResult { return probe(path) }
	if os.Geteuid() != 0 {
		return readOnly{
			how: "permission bits",
			protect: func(t *testing.T, path string) {
				info, err := os.Stat(path)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(path, info.Mode().Perm()&^0o222); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { os.Chmod(path, info.Mode().Perm()) })
			},
			probe: inProcess,
		}
	}
	if chattr, err := exec.LookPath("chattr"); err == nil {
		trial := filepath.Join(dir, "chattr-trial")
		if err := os.WriteFile(trial, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(chattr, "+i", trial).CombinedOutput()
		if err == nil {
			exec.Command(chattr, "-i", trial).Run()
			os.Remove(trial)
			return readOnly{
				how: "chattr +i",
				protect: func(t *testing.T, path string) {
					if out, err := exec.Command(chattr, "+i", path).CombinedOutput(); err != nil {
						t.Fatalf("chattr +i %s: %v %s", path, err, out)
					}
					t.Cleanup(func() { exec.Command(chattr, "-i", path).Run() })
				},
				probe: inProcess,
			}
		}
		t.Logf("chattr +i is not available here (%s), trying a child process as nobody", strings.TrimSpace(string(out)))
		os.Remove(trial)
	}
	// As nobody, a root-owned file or folder with mode 0644 or 0755 is
	// read-only; only the test binary and the folders leading to the files
	// must be reachable.
	bin := filepath.Join(dir, "probe.test")
	if err := copyFile(os.Args[0], bin, 0o755); err != nil {
		t.Fatal(err)
	}
	for p := dir; p != "/" && p != "."; p = filepath.Dir(p) {
		if info, err := os.Stat(p); err == nil && info.Mode().Perm()&0o005 != 0o005 {
			if !strings.HasPrefix(p, os.TempDir()) || p == os.TempDir() {
				t.Skipf("root cannot use chattr here and %s is not reachable by nobody", p)
			}
			if err := os.Chmod(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	const nobody = 65534
	trial := exec.Command(bin, "-test.run=^$")
	trial.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	if out, err := trial.CombinedOutput(); err != nil {
		t.Skipf("root cannot use chattr here and cannot run a child as nobody either: %v %s", err, out)
	}
	return readOnly{
		how: "a child process as nobody",
		protect: func(t *testing.T, path string) {
			// Owned by root, without write permission for others: read-only
			// for nobody.
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, info.Mode().Perm()&^0o022); err != nil {
				t.Fatal(err)
			}
		},
		probe: func(t *testing.T, path string) probeResult {
			cmd := helperCommand("probe", path, "")
			cmd.Path, cmd.Args[0] = bin, bin
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("probe as nobody: %v\n%s", err, out)
			}
			var r probeResult
			if err := json.Unmarshal(bytes.TrimSpace(out), &r); err != nil {
				t.Fatalf("probe output %q: %v", out, err)
			}
			return r
		},
	}
}

func copyFile(from, to string, mode os.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func TestReadOnlyFileAndFolder(t *testing.T) {
	seeded := seededBytes(t)
	base := t.TempDir()
	ro := chooseReadOnly(t, base)
	t.Logf("read-only by %s", ro.how)
	var seedEvents int
	{
		s, err := Open(writeFile(t, filepath.Join(t.TempDir(), "count.db"), seeded, 0o644))
		if err != nil {
			t.Fatal(err)
		}
		seedEvents, _ = s.Summary().CountEvents(ctx, filter.Filter{})
		s.Close()
	}
	// A child running as nobody may write only what it is given.
	writable := os.FileMode(0o644)
	if ro.how == "a child process as nobody" {
		writable = 0o666
	}

	t.Run("read-only file", func(t *testing.T) {
		dir := mkdir(t, filepath.Join(base, "file"), 0o777)
		path := writeFile(t, filepath.Join(dir, "h.db"), seeded, 0o644)
		ro.protect(t, path)
		wantRefusedWrite(t, ro.probe(t, path), path, seedEvents)
		wantUnchanged(t, path, seeded)
	})
	t.Run("read-only folder", func(t *testing.T) {
		dir := mkdir(t, filepath.Join(base, "folder"), 0o755)
		path := writeFile(t, filepath.Join(dir, "h.db"), seeded, writable)
		ro.protect(t, dir)
		wantRefusedWrite(t, ro.probe(t, path), path, seedEvents)
		wantUnchanged(t, path, seeded)
	})
	t.Run("new file in a read-only folder", func(t *testing.T) {
		dir := mkdir(t, filepath.Join(base, "empty"), 0o755)
		ro.protect(t, dir)
		path := filepath.Join(dir, "h.db")
		r := ro.probe(t, path)
		if r.OpenError == "" {
			t.Fatal("a database was opened in a folder where it cannot be created")
		}
		wantRefusedWrite(t, r, path, 0)
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("something was left at %s: %v", path, err)
		}
	})
}

func writeFile(t *testing.T, path string, content []byte, mode os.FileMode) string {
	t.Helper()
	if err := os.WriteFile(path, content, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // not narrowed by the umask
		t.Fatal(err)
	}
	return path
}

func mkdir(t *testing.T, path string, mode os.FileMode) string {
	t.Helper()
	if err := os.Mkdir(path, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestMissingAndUncreatableFolders(t *testing.T) {
	dir := t.TempDir()
	t.Run("missing folders are created", func(t *testing.T) {
		path := filepath.Join(dir, "not", "there", "yet", "h.db")
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		e, err := s.AddEvent(ctx, crashEvent("in a new folder", 1))
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		s, err = Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if got, err := s.Event(ctx, e.ID); err != nil || got.Title != e.Title {
			t.Errorf("reopened: %q, %v", got.Title, err)
		}
	})
	t.Run("a folder under a regular file", func(t *testing.T) {
		plain := writeFile(t, filepath.Join(dir, "notes.txt"), []byte("my notes\n"), 0o644)
		path := filepath.Join(plain, "sub", "h.db")
		_, err := Open(path)
		wantUnchanged(t, plain, []byte("my notes\n"))
		var oe *OpenError
		if errors.As(err, &oe) && oe.Hint == "" {
			t.Errorf("no hint on what to do: %v", err)
		}
		wantOpenError(t, err, path, nil)
		if !strings.Contains(err.Error(), "folder") {
			t.Errorf("the error should say the folder cannot be made: %v", err)
		}
		t.Logf("%v", err)
	})
	t.Run("a folder given as the file", func(t *testing.T) {
		_, err := Open(dir)
		wantOpenError(t, err, dir, nil)
		t.Logf("%v", err)
	})
}

// bigEvent fills a few kilobytes, so a small disk fills in a few writes.
func bigEvent(title string) model.Event {
	return model.Event{Title: title, Date: when.MustParse("2024-05-13"), Category: model.CategoryOther,
		Description: strings.Repeat(title+" takes room. ", 8<<10/len(title+" takes room. "))}
}

// TestFullDisk fills an 8 MB tmpfs (needs root and mount; skipped with the
// reason otherwise): the write that finds the disk full fails with
// ErrDiskFull and leaves nothing, every earlier write is intact, and after
// space is freed writing works again.
func TestFullDisk(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mount("hindsight-test", dir, "tmpfs", 0, "size=8m"); err != nil {
		t.Skipf("cannot mount an 8 MB tmpfs to fill (%v); TestWriteBeyondFileSizeLimit covers a refused write without it", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	path := filepath.Join(dir, "h.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	// Keep some space back, to free once the disk is full.
	reserve := writeFile(t, filepath.Join(dir, "reserve"), make([]byte, 1<<20), 0o644)

	acked := map[int64]string{}
	var failed string
	var failure error
	for i := 0; i < 1000 && failure == nil; i++ {
		title := fmt.Sprintf("write %d", i)
		e, err := s.AddEvent(ctx, bigEvent(title))
		if err != nil {
			failed, failure = title, err
			break
		}
		acked[e.ID] = title
	}
	if failure == nil {
		t.Fatal("1000 writes of 8 KB fitted on an 8 MB disk")
	}
	if !errors.Is(failure, ErrDiskFull) || !strings.Contains(failure.Error(), "disk is full") {
		t.Errorf("the write on a full disk failed with %v, want ErrDiskFull saying so", failure)
	}
	t.Logf("after %d writes: %v", len(acked), failure)
	if n := countTitles(t, s, failed); n != 0 {
		t.Errorf("the failed write %q left %d rows", failed, n)
	}
	if total, err := s.Summary().CountEvents(ctx, filter.Filter{}); err != nil || total != len(acked) {
		t.Errorf("%d events, %d acknowledged (%v)", total, len(acked), err)
	}
	checkAcknowledged(t, s, acked)

	// Free space, as the message says, and try again.
	if err := os.Remove(reserve); err != nil {
		t.Fatal(err)
	}
	e, err := s.AddEvent(ctx, bigEvent(failed))
	if err != nil {
		t.Fatalf("writing after space was freed: %v", err)
	}
	acked[e.ID] = failed
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	checkSound(t, s)
	checkAcknowledged(t, s, acked)
}

// helperFillToLimit limits the size of any file this process writes to
// arg bytes (RLIMIT_FSIZE; SIGXFSZ ignored, so the write fails with EFBIG
// instead of killing the process) and adds events to db until one fails,
// printing "ACK\t<id>\t<title>" for each success and then
// "FAIL\t<title>\t<is ErrDiskFull>\t<message>". It then lifts the limit and
// writes once more, printing "AFTER\t<id>\t<title>".
func helperFillToLimit(db, arg string) int {
	limit, err := strconv.ParseUint(arg, 10, 64)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad limit:", arg)
		return 3
	}
	signal.Ignore(syscall.SIGXFSZ)
	s, err := Open(db)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: old.Max}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for i := 0; ; i++ {
		title := fmt.Sprintf("limited %d", i)
		e, err := s.AddEvent(ctx, bigEvent(title))
		if err != nil {
			fmt.Printf("FAIL\t%s\t%v\t%s\n", title, errors.Is(err, ErrDiskFull), err)
			break
		}
		fmt.Printf("ACK\t%d\t%s\n", e.ID, title)
		if i == 10000 {
			fmt.Fprintln(os.Stderr, "the limit never stopped a write")
			return 1
		}
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	e, err := s.AddEvent(ctx, bigEvent("after the limit"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "after lifting the limit:", err)
		return 1
	}
	fmt.Printf("AFTER\t%d\t%s\n", e.ID, e.Title)
	return 0
}

// TestWriteBeyondFileSizeLimit makes writes fail the way a full disk, a
// quota or a FAT32 stick's 4 GB limit does, without root: a child process
// whose file size limit (RLIMIT_FSIZE) lets the WAL grow to 512 KB.
func TestWriteBeyondFileSizeLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "limited.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	before, err := s.AddEvent(ctx, bigEvent("before the limit"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	limit := max(info.Size(), 512<<10)

	c := startHelper(t, "fill-to-limit", path, strconv.FormatInt(limit, 10))
	if code := c.wait(t, time.Minute); code != 0 {
		t.Fatalf("child exited with %d:\n%s", code, c.stderr.String())
	}
	acked, _ := c.results(t)
	var failLine, afterLine []string
	c.out.mu.Lock()
	for _, line := range c.out.lines {
		fields := strings.SplitN(line, "\t", 4)
		switch fields[0] {
		case "FAIL":
			failLine = fields
		case "AFTER":
			afterLine = fields
		}
	}
	c.out.mu.Unlock()
	if len(failLine) != 4 || len(afterLine) != 3 {
		t.Fatalf("child output lacks FAIL or AFTER:\n%s", strings.Join(c.out.lines, "\n"))
	}

	s = openPath(t, path)
	checkSound(t, s)
	want := map[int64]string{before.ID: before.Title}
	for _, r := range acked {
		want[r.id] = r.title
	}
	afterID, _ := strconv.ParseInt(afterLine[1], 10, 64)
	want[afterID] = afterLine[2]
	checkAcknowledged(t, s, want)
	if n := countTitles(t, s, failLine[1]); n != 0 {
		t.Errorf("the failed write %q left %d rows", failLine[1], n)
	}
	if total, _ := s.Summary().CountEvents(ctx, filter.Filter{}); total != len(want) {
		t.Errorf("%d events, want the %d acknowledged", total, len(want))
	}
	t.Logf("after %d writes: %s", len(acked), failLine[3])
	if failLine[2] != "true" {
		t.Errorf("a write refused with EFBIG reads %q, want ErrDiskFull's \"the disk is full: nothing was saved…\"", failLine[3])
	}
}

// The frozen version-1 file: made once by TestWriteFrozenV1File with the
// schema-1 code and committed, so every later schema proves it still opens
// what the first release wrote.
const (
	frozenV1      = "testdata/v1.db"
	writeFrozenV1 = "HINDSIGHT_WRITE_TESTDATA"
)

func TestWriteFrozenV1File(t *testing.T) {
	if os.Getenv(writeFrozenV1) != "1" {
		t.Skipf("writes %s only when %s=1 (and only with schema 1)", frozenV1, writeFrozenV1)
	}
	if LatestSchemaVersion() != 1 {
		t.Fatalf("this build writes schema %d; the frozen file must stay the one schema 1 wrote", LatestSchemaVersion())
	}
	s := openTemp(t)
	if _, err := s.AddEvent(ctx, model.Event{
		Title: "OpenAI releases GPT-4", TitleZh: "OpenAI 发布 GPT-4", Date: when.MustParse("2023-03-14"),
		Actor: "OpenAI", Category: model.CategoryModel, Tags: []string{"gpt-4", "openai"},
		Description: "A large **multimodal** model.",
		Links:       []model.Link{{URL: "https://openai.com/research/gpt-4", Quote: "GPT-4 is here"}},
	}); err != nil {
		t.Fatal(err)
	}
	fired, err := s.AddEvent(ctx, model.Event{
		Title: "OpenAI's board fires Sam Altman", TitleZh: "OpenAI 董事会解雇 Sam Altman",
		Date: when.MustParse("2023-11-17"), Actor: "OpenAI", Category: model.CategoryPeople,
		Tags: []string{"openai", "governance"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEvent(ctx, model.Event{
		Title: "EU AI Act trilogue", Date: when.MustParse("2023-06-14"), End: when.MustParse("2023-12-08"),
		Actor: "European Union", Category: model.CategoryPolicy, Tags: []string{"regulation"},
	}); err != nil {
		t.Fatal(err)
	}
	made := when.MustParse("2023-02")
	within, err := when.ParseDeadline("within two years", made)
	if err != nil {
		t.Fatal(err)
	}
	p70 := 0.7
	conflict, err := s.AddPrediction(ctx, model.Prediction{
		Statement: "OpenAI's internal conflict erupts", Source: "Blog author", Made: made,
		Deadline: within, Probability: &p70, Tags: []string{"openai"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Resolve(ctx, conflict.ID, model.Resolution{State: model.StateTrue, On: when.MustParse("2023-11-17"),
		Note: "The board fired the CEO.", Evidence: []model.Evidence{{EventID: fired.ID, Role: model.RoleResolves}}}); err != nil {
		t.Fatal(err)
	}
	by2025, err := when.ParseDeadline("by end of 2024", when.MustParse("2023-06-01"))
	if err != nil {
		t.Fatal(err)
	}
	open, err := s.AddPrediction(ctx, model.Prediction{
		Statement: "GPT-5 comes out in 2024", Source: "Forecaster", Made: when.MustParse("2023-06-01"), Deadline: by2025,
	})
	if err != nil {
		t.Fatal(err)
	}
	open.Statement = "GPT-5 is released before 2025"
	if _, err := s.UpdatePrediction(ctx, open); err != nil {
		t.Fatal(err)
	}
	// One change undone, so the file also carries a redo stack.
	if _, err := s.AddEvent(ctx, model.Event{Title: "Undone addition", Date: when.MustParse("2024"), Category: model.CategoryOther}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	os.Remove(frozenV1)
	if err := s.Backup(ctx, frozenV1); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(frozenV1)
	t.Logf("wrote %s (%d bytes)", frozenV1, info.Size())
}

func TestFrozenV1FileOpensIntact(t *testing.T) {
	path, frozen := copyFrozen(t, frozenV1)
	s, err := Open(path)
	if err != nil {
		t.Fatalf("a schema-1 file does not open: %v", err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(); err != nil || v != LatestSchemaVersion() {
		t.Errorf("schema %d (%v) after opening, want %d", v, err, LatestSchemaVersion())
	}
	if LatestSchemaVersion() > 1 {
		if _, err := os.Stat(path + ".bak-v1"); err != nil {
			t.Errorf("upgrading kept no copy of the schema-1 file: %v", err)
		}
	}
	checkSound(t, s)

	events, err := s.Events(ctx, EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	byTitle := map[string]model.Event{}
	for _, e := range events {
		byTitle[e.Title] = e
	}
	if len(events) != 3 {
		t.Errorf("%d events, want 3", len(events))
	}
	gpt4 := byTitle["OpenAI releases GPT-4"]
	if gpt4.TitleZh != "OpenAI 发布 GPT-4" || gpt4.Date.String() != "2023-03-14" || gpt4.Actor != "OpenAI" ||
		strings.Join(gpt4.Tags, ",") != "gpt-4,openai" {
		t.Errorf("GPT-4 event: %+v", gpt4)
	}
	if full, err := s.Event(ctx, gpt4.ID); err != nil || len(full.Links) != 1 || full.Links[0].Quote != "GPT-4 is here" ||
		full.Description != "A large **multimodal** model." {
		t.Errorf("GPT-4 details: %+v, %v", full, err)
	}
	if span := byTitle["EU AI Act trilogue"]; span.End.String() != "2023-12-08" {
		t.Errorf("span end = %q", span.End)
	}
	if found, err := s.Events(ctx, EventQuery{Search: "董事会"}); err != nil || len(found) != 1 {
		t.Errorf("searching Chinese text found %d, %v", len(found), err)
	}

	resolved, err := s.Predictions(ctx, PredictionQuery{State: model.StateTrue})
	if err != nil || len(resolved) != 1 {
		t.Fatalf("resolved predictions: %d, %v", len(resolved), err)
	}
	p := resolved[0]
	fired := byTitle["OpenAI's board fires Sam Altman"]
	if p.Source != "Blog author" || p.Made.String() != "2023-02" || p.Probability == nil || *p.Probability != 0.7 ||
		p.Deadline.Phrase != "within two years" || p.Resolution.On.String() != "2023-11-17" ||
		len(p.Resolution.Evidence) != 1 || p.Resolution.Evidence[0].EventID != fired.ID {
		t.Errorf("resolved prediction: %+v", p)
	}
	open, err := s.Predictions(ctx, PredictionQuery{State: model.StateOpen})
	if err != nil || len(open) != 1 || open[0].Statement != "GPT-5 is released before 2025" {
		t.Fatalf("open predictions: %+v, %v", open, err)
	}
	if versions, err := s.Versions(ctx, open[0].ID); err != nil || len(versions) != 2 || versions[0].Statement != "GPT-5 comes out in 2024" {
		t.Errorf("versions: %+v, %v", versions, err)
	}

	// The history came along: the undone addition can be redone, and the
	// wording change undone.
	if c, err := s.History().Redo(ctx); err != nil || c.Label != "Undone addition" {
		t.Errorf("redo: %+v, %v", c, err)
	}
	if _, err := s.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if c, err := s.History().Undo(ctx); err != nil || c.EntityID != open[0].ID {
		t.Errorf("undo of the wording change: %+v, %v", c, err)
	}
	// And it takes new writes.
	if _, err := s.AddEvent(ctx, crashEvent("written after opening a v1 file", 1)); err != nil {
		t.Errorf("writing: %v", err)
	}
	checkSound(t, s)
	wantUnchanged(t, frozenV1, frozen)
}

// TestBackgroundCheckRefusesWritesToADamagedFile: with the check for
// damage left to a goroutine, a damaged file may open and be read, but no
// write reaches it: each waits for the check and is refused, and the file
// is left as it was.
func TestBackgroundCheckRefusesWritesToADamagedFile(t *testing.T) {
	seeded := seededBytes(t)
	garbled := fixture.GarbleMiddlePage(t, seeded, rand.NewChaCha8([32]byte{'l', 'a', 't', 'e', 'r'}))
	path := filepath.Join(t.TempDir(), "damaged.db")
	if err := os.WriteFile(path, garbled, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := OpenCheckingInBackground(path)
	if err != nil {
		t.Fatalf("the damage was found at once (%v): the background check was not reached", err)
	}
	_, addErr := s.AddEvent(ctx, crashEvent("written into a damaged file", 1))
	checkErr := s.Checked(ctx)
	s.Close()
	if !errors.Is(addErr, ErrDamaged) || !errors.Is(checkErr, ErrDamaged) {
		t.Errorf("write: %v; check: %v; want both to say the file is damaged", addErr, checkErr)
	}
	wantUnchanged(t, path, garbled)

	// A sound file checked in the background takes writes once checked.
	sound := filepath.Join(t.TempDir(), "sound.db")
	if err := os.WriteFile(sound, seeded, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = OpenCheckingInBackground(sound)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.AddEvent(ctx, crashEvent("written after the check", 2)); err != nil || s.Checked(ctx) != nil {
		t.Errorf("a sound file: write %v, check %v", err, s.Checked(ctx))
	}
}
