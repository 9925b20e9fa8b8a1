package shareddb

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// The servers connected to are remembered without their passwords.
func TestRecentServersAreKeptWithoutPasswords(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := a.Preferences()
	Remember(prefs, "postgres://ana:s3cret@db.example.org:5432/hindsight?sslmode=verify-full")
	Remember(prefs, "host=db.example.org dbname=team user=ben password='s3cret too' sslmode=require")
	Remember(prefs, "postgres://ana:other-s3cret@db.example.org:5432/hindsight?sslmode=verify-full")
	recent := Recent(prefs)
	want := []string{"postgres://ana@db.example.org:5432/hindsight?sslmode=verify-full",
		"host=db.example.org dbname=team user=ben sslmode=require"}
	if strings.Join(recent, "\n") != strings.Join(want, "\n") {
		t.Errorf("recent servers:\n%s\nwant\n%s", strings.Join(recent, "\n"), strings.Join(want, "\n"))
	}
	for _, r := range recent {
		if strings.Contains(r, "s3cret") {
			t.Errorf("a password was kept: %q", r)
		}
	}
}

// A server's client name is made once and kept, without the password, so
// that undo after a restart still finds the changes made before it; a
// different server or role gets a name of its own.
func TestClientNamesAreKeptPerServer(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := a.Preferences()
	first := ClientFor(prefs, "postgres://ana:s3cret@db.example.org/hindsight?sslmode=verify-full")
	if !strings.HasPrefix(first, "ana#") {
		t.Errorf("client %q does not name the role", first)
	}
	if again := ClientFor(prefs, "postgres://ana:changed@db.example.org/hindsight?sslmode=verify-full"); again != first {
		t.Errorf("the same server gave %q, then %q", first, again)
	}
	if other := ClientFor(prefs, "postgres://ben@db.example.org/hindsight?sslmode=verify-full"); other == first || !strings.HasPrefix(other, "ben#") {
		t.Errorf("another role got %q (ana's is %q)", other, first)
	}
	if saved := prefs.String(prefClients); strings.Contains(saved, "s3cret") || strings.Contains(saved, "changed") {
		t.Errorf("a password was kept: %s", saved)
	}
}
