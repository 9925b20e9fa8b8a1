// Package repofiles finds, for tests, the repository's own files and those
// kept beside it in ../shared (the seed article, real files of other
// timeline projects), which are never copied into the repository.
package repofiles

import (
	"os"
	"path/filepath"
	"testing"
)

// Root is the directory that holds go.mod, found upwards from the test's
// working directory.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}

// Shared is the path of a file kept beside the repository, under
// ../shared; elem names it there ("fixtures", "real", "x.json").
func Shared(t testing.TB, elem ...string) string {
	t.Helper()
	return filepath.Join(append([]string{Root(t), "..", "shared"}, elem...)...)
}
