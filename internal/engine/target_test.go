package engine_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/engine"
)

// checkEach checks that f gives each case's want, naming f as name in
// what it reports.
func checkEach[In, Out comparable](t *testing.T, name string, f func(In) Out, cases map[In]Out) {
	t.Helper()
	for in, want := range cases {
		if got := f(in); got != want {
			t.Errorf("%s(%#v) = %#v, want %#v", name, in, got, want)
		}
	}
}

func TestIsServer(t *testing.T) {
	checkEach(t, "IsServer", engine.IsServer, map[string]bool{
		"postgres://ana@db.example.org/hindsight":              true,
		"PostgreSQL://ana@db.example.org:5433/hindsight":       true,
		"host=db.example.org dbname=hindsight sslmode=require": true,
		"  dbname = hindsight":                                 true,
		"/home/ana/.config/hindsight/hindsight.db":             false,
		"timeline.db": false,
		"a=b.db":      false,
		`C:\Users\ana\AppData\Roaming\hindsight\hindsight.db`: false,
		"postgres.db": false,
		"":            false,
	})
}

// Redact takes out the password wherever an address may carry one, and
// keeps everything else, sslmode above all.
func TestRedactKeepsEverythingButThePassword(t *testing.T) {
	cases := map[string]string{
		"postgres://ana:s3cret@db.example.org:5432/hindsight?sslmode=verify-full":         "postgres://ana@db.example.org:5432/hindsight?sslmode=verify-full",
		"postgresql://ana@db.example.org/hindsight?password=s3cret&sslmode=require":       "postgresql://ana@db.example.org/hindsight?sslmode=require",
		"postgres://ana:p%40ss%2Fw0rd@db.example.org/hindsight":                           "postgres://ana@db.example.org/hindsight",
		"postgres://db.example.org/hindsight?sslmode=verify-full&sslrootcert=/etc/ca.pem": "postgres://db.example.org/hindsight?sslmode=verify-full&sslrootcert=/etc/ca.pem",
		"host=db.example.org password=s3cret dbname=hindsight sslmode=verify-full":        "host=db.example.org dbname=hindsight sslmode=verify-full",
		"host=db.example.org password='s3 cr\\'et' user=ana":                              "host=db.example.org user=ana",
		"host=db.example.org password = s3cret user=ana":                                  "host=db.example.org user=ana",
		"/tmp/hindsight.db": "/tmp/hindsight.db",
		// Not an address url.Parse reads: the whole user part goes.
		"postgres://ana:s3cret@db.example.org:port/x": "postgres://db.example.org:port/x",
	}
	checkEach(t, "Redact", engine.Redact, cases)
	for in := range cases {
		if got := engine.Redact(in); strings.Contains(got, "s3") || strings.Contains(got, "p%40ss") {
			t.Errorf("Redact(%q) kept the password: %q", in, got)
		}
	}
}

// FuzzRedact: whatever the password, Redact takes it out of an address
// and of key=value settings whole, and keeps the rest; no target makes it
// fail.
func FuzzRedact(f *testing.F) {
	for _, seed := range []string{"s3cret", "p@ss/w:rd", "with space", `quote'and\backslash`, "密码", "%41", "?sslmode=disable"} {
		f.Add(seed, "postgres://ana:"+seed+"@db.example.org/hindsight")
	}
	f.Fuzz(func(t *testing.T, password, target string) {
		engine.Redact(target) // must not panic, whatever it is
		if password == "" {
			return
		}
		u := url.URL{Scheme: "postgres", User: url.UserPassword("ana", password), Host: "db.example.org:5432", Path: "/hindsight",
			RawQuery: "sslmode=verify-full"}
		quoted := "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(password) + "'"
		kv := "host=db.example.org password=" + quoted + " dbname=hindsight sslmode=verify-full"
		checkEach(t, "Redact", engine.Redact, map[string]string{
			u.String(): "postgres://ana@db.example.org:5432/hindsight?sslmode=verify-full",
			kv:         "host=db.example.org dbname=hindsight sslmode=verify-full",
		})
	})
}
