package dbpath

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// windowsPathNotFound behaves as Windows' ERROR_PATH_NOT_FOUND does in Go:
// it is os.ErrNotExist, and it is also syscall.ENOTDIR, because Go defines
// ENOTDIR as that same number on Windows.
type windowsPathNotFound struct{}

func (windowsPathNotFound) Error() string { return "The system cannot find the path specified." }
func (windowsPathNotFound) Is(target error) bool {
	return target == fs.ErrNotExist || target == syscall.ENOTDIR
}

// fakeFS answers stat from a fixed list of folders and files; anything
// else is missing with the error notThere gives.
type fakeFS struct {
	folders, files map[string]bool
	notThere       error
}

type fakeInfo struct {
	name string
	dir  bool
}

func (i fakeInfo) Name() string       { return i.name }
func (i fakeInfo) Size() int64        { return 0 }
func (i fakeInfo) Mode() fs.FileMode  { return 0o644 }
func (i fakeInfo) ModTime() time.Time { return time.Time{} }
func (i fakeInfo) IsDir() bool        { return i.dir }
func (i fakeInfo) Sys() any           { return nil }

// stat looks paths up with forward slashes, whatever the system writes.
func (f fakeFS) stat(path string) (fs.FileInfo, error) {
	path = filepath.ToSlash(path)
	switch {
	case f.folders[path]:
		return fakeInfo{name: filepath.Base(path), dir: true}, nil
	case f.files[path]:
		return fakeInfo{name: filepath.Base(path)}, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: path, Err: f.notThere}
}

// TestInspectPathWindowsMissingFolderIsCreated is the first start on a
// fresh Windows profile: %AppData% exists, its hindsight folder does not,
// and stat fails with ERROR_PATH_NOT_FOUND (which is also ENOTDIR there).
// That must read as "missing, create it", not as a file in the way.
func TestInspectPathWindowsMissingFolderIsCreated(t *testing.T) {
	fsys := fakeFS{folders: map[string]bool{"/": true, "/AppData": true, "/AppData/Roaming": true},
		notThere: windowsPathNotFound{}}
	kind, _, err := Inspect("/AppData/Roaming/hindsight/hindsight.db", fsys.stat)
	if kind != Missing || err != nil {
		t.Fatalf("got kind %d, %v; want missing (create the folder)", kind, err)
	}
	// The same error with a file where a folder should be is refused.
	fsys.files = map[string]bool{"/AppData/Roaming/hindsight": true}
	kind, _, err = Inspect("/AppData/Roaming/hindsight/hindsight.db", fsys.stat)
	if kind != Blocked || err == nil {
		t.Fatalf("got kind %d, %v; want blocked by the file /AppData/Roaming/hindsight", kind, err)
	}
}

func TestInspectPathOnThisSystem(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want Kind
	}{
		{filepath.Join(dir, "a", "b", "h.db"), Missing},
		{filepath.Join(dir, "h.db"), Missing},
		{file, File},
		{dir, Folder},
		{filepath.Join(file, "h.db"), Blocked},
		{filepath.Join(file, "sub", "h.db"), Blocked},
	} {
		if got, _, _ := Inspect(c.path, os.Stat); got != c.want {
			t.Errorf("Inspect(%s) = %d, want %d", c.path, got, c.want)
		}
	}
	// Any other failure is reported as it is.
	boom := errors.New("input/output error")
	got, _, err := Inspect("/x/h.db", fakeFS{folders: map[string]bool{"/": true, "/x": true}, notThere: boom}.stat)
	if got != Unusable || !errors.Is(err, boom) {
		t.Errorf("an I/O error: got %d, %v", got, err)
	}
}

// TestDefaultPathPerSystem checks the default database's place on each of
// the three systems, whichever this test runs on.
func TestDefaultPathPerSystem(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	for _, c := range []struct {
		goos string
		vars map[string]string
		want string
	}{
		{"windows", map[string]string{"AppData": `C:\Users\ana\AppData\Roaming`}, `C:\Users\ana\AppData\Roaming\hindsight\hindsight.db`},
		{"windows", map[string]string{"AppData": `D:\roam\`}, `D:\roam\hindsight\hindsight.db`},
		{"darwin", map[string]string{"HOME": "/Users/ana"}, "/Users/ana/Library/Application Support/hindsight/hindsight.db"},
		{"linux", map[string]string{"HOME": "/home/ana"}, "/home/ana/.config/hindsight/hindsight.db"},
		{"linux", map[string]string{"HOME": "/home/ana", "XDG_CONFIG_HOME": "/data/cfg"}, "/data/cfg/hindsight/hindsight.db"},
		// A relative XDG_CONFIG_HOME is ignored, as the XDG spec says.
		{"linux", map[string]string{"HOME": "/home/ana", "XDG_CONFIG_HOME": "cfg"}, "/home/ana/.config/hindsight/hindsight.db"},
		{"freebsd", map[string]string{"HOME": "/home/ana"}, "/home/ana/.config/hindsight/hindsight.db"},
		// HINDSIGHT_DB wins everywhere.
		{"windows", map[string]string{"AppData": `C:\x`, "HINDSIGHT_DB": `E:\team.db`}, `E:\team.db`},
		{"darwin", map[string]string{"HINDSIGHT_DB": "/tmp/h.db"}, "/tmp/h.db"},
	} {
		got, err := defaultFor(c.goos, env(c.vars))
		if err != nil || got != c.want {
			t.Errorf("%s %v: got %q, %v; want %q", c.goos, c.vars, got, err, c.want)
		}
	}
	for _, goos := range []string{"windows", "darwin", "linux"} {
		if _, err := defaultFor(goos, env(nil)); err == nil {
			t.Errorf("%s with an empty environment: no error", goos)
		}
	}
}

func TestNoRoomPerSystem(t *testing.T) {
	for _, c := range []struct {
		goos  string
		errno uintptr
		want  bool
	}{
		{"linux", 28, true}, {"linux", 27, true}, {"linux", 122, true}, {"linux", 13, false},
		{"darwin", 28, true}, {"darwin", 69, true}, {"darwin", 122, false},
		{"windows", 112, true}, {"windows", 39, true}, {"windows", 28, false}, {"windows", 5, false},
	} {
		if got := noRoomOn(c.goos, c.errno); got != c.want {
			t.Errorf("noRoomOn(%s, %d) = %v, want %v", c.goos, c.errno, got, c.want)
		}
	}
}
