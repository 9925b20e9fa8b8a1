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
