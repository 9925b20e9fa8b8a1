// Package storetest opens real stores for the tests of other packages: a
// new SQLite file in the test's temporary folder, closed when the test
// ends. Tests use real stores, never stand-ins.
package storetest

import (
	"path/filepath"
	"testing"

	"github.com/hindsight-app/hindsight/internal/store"
)

// Open opens a new, empty database.
func Open(t testing.TB) *store.Store {
	t.Helper()
	return opened(t, store.Open)
}

// OpenSeeded opens a new database holding the seed timeline, as the app
// makes on its first run.
func OpenSeeded(t testing.TB) *store.Store {
	t.Helper()
	return opened(t, store.OpenSeeded)
}

func opened(t testing.TB, open func(path string) (*store.Store, error)) *store.Store {
	t.Helper()
	st, err := open(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	})
	return st
}
