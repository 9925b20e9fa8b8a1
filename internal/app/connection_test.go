package app

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestServerTargetFromWhatWasTyped(t *testing.T) {
	for _, c := range []struct{ address, database, user, password, want string }{
		{"postgres://ana@db.example.org:5432/team?sslmode=verify-full", "", "", "s3cret",
			"postgres://ana:s3cret@db.example.org:5432/team?sslmode=verify-full"},
		{"postgres://ana@db.example.org/team", "other", "ben", "", "postgres://ana@db.example.org/team"},
		{"db.example.org:5433", "team", "ana", "p@ss word", "postgres://ana:p%40ss%20word@db.example.org:5433/team"},
		{"db.example.org", "team", "", "", "postgres://db.example.org/team"},
		{"/run/postgresql", "team", "ana", "", "postgres://ana@/team?host=%2Frun%2Fpostgresql"},
		{"host=db.example.org sslmode=require", "team", "ana", "it's", `host=db.example.org sslmode=require dbname='team' user='ana' password='it\'s'`},
	} {
		got, err := ServerTarget(c.address, c.database, c.user, c.password)
		if err != nil || got != c.want {
			t.Errorf("ServerTarget(%q, %q, %q, %q) = %q, %v; want %q", c.address, c.database, c.user, c.password, got, err, c.want)
		}
		if c.password != "" && strings.Contains(Redact(got), c.password) {
			t.Errorf("Redact(%q) keeps the password", got)
		}
	}
	if _, err := ServerTarget("  ", "team", "ana", ""); err == nil {
		t.Error("an empty address is taken")
	}
}

func TestServerOfNamesTheDatabase(t *testing.T) {
	database, user, host := ServerOf("postgres://ana:s3cret@db.example.org:5433/team?sslmode=require")
	if database != "team" || user != "ana" || host != "db.example.org:5433" {
		t.Errorf("ServerOf: %q %q %q", database, user, host)
	}
}

// Opening a server's database that refuses tells which problem it was.
func TestConnectProblemOfEachFailure(t *testing.T) {
	srv := pgtest.Shared(t)
	if err := srv.Exec(context.Background(), "postgres", "DO $$ BEGIN CREATE ROLE app_problem LOGIN PASSWORD 'right'; EXCEPTION WHEN duplicate_object THEN NULL; END $$"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		target string
		want   ConnectProblem
	}{
		{srv.URL("postgres", "app_problem", "wrong"), ProblemPassword},
		{srv.URL("no_such_database", pgtest.Superuser, ""), ProblemNoDatabase},
		{strings.Replace(srv.URL("postgres", pgtest.Superuser, ""), "host=", "host="+filepath.Join(t.TempDir(), "x"), 1), ProblemUnreachable},
	} {
		_, err := Open(c.target)
		if err == nil {
			t.Errorf("%s opened", Redact(c.target))
			continue
		}
		if got := ConnectProblemOf(err); got != c.want {
			t.Errorf("%s: problem %d, want %d (%v)", Redact(c.target), got, c.want, err)
		}
	}
}

// A save or delete of a record someone else saved since it was read is
// refused, with nothing written; on a file there are no versions.
func TestSavesAtAVersionRefuseSomeoneElsesLaterSave(t *testing.T) {
	target := pgtest.DB(t)
	mine, theirs := openAt(t, target), openAt(t, target)
	e, v, err := mine.Versions().SaveEventAt(ctx, model.Event{Title: "First", Date: when.MustParse("2024"), Category: model.CategoryOther}, 0)
	if err != nil || v == 0 {
		t.Fatalf("a new event: version %d, %v", v, err)
	}
	other, _, err := theirs.Versions().EventAt(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	other.Title = "Theirs"
	if _, err := theirs.SaveEvent(ctx, other); err != nil {
		t.Fatal(err)
	}
	e.Title = "Mine"
	if _, _, err := mine.Versions().SaveEventAt(ctx, e, v); !errors.Is(err, ErrChanged) {
		t.Fatalf("a save over a later save: %v", err)
	}
	if err := mine.Versions().DeleteEventAt(ctx, e.ID, v); !errors.Is(err, ErrChanged) {
		t.Fatalf("a delete over a later save: %v", err)
	}
	if got, now, err := mine.Versions().EventAt(ctx, e.ID); err != nil || got.Title != "Theirs" || now == v {
		t.Fatalf("after the refusals: %q at %d, %v", got.Title, now, err)
	}
	_, now, _ := mine.Versions().EventAt(ctx, e.ID)
	if _, _, err := mine.Versions().SaveEventAt(ctx, e, now); err != nil {
		t.Fatalf("a save at the current version: %v", err)
	}

	file := openAt(t, filepath.Join(t.TempDir(), "h.db"))
	fe, fv, err := file.Versions().SaveEventAt(ctx, model.Event{Title: "On a file", Date: when.MustParse("2024"), Category: model.CategoryOther}, 0)
	if err != nil || fv != 0 {
		t.Fatalf("a file's event: version %d, %v", fv, err)
	}
	if err := file.Versions().DeleteEventAt(ctx, fe.ID, 0); err != nil {
		t.Fatal(err)
	}
}
