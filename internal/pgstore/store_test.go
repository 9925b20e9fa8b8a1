package pgstore_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// open opens a fresh database of the shared test server.
func open(t *testing.T) (*pgstore.Store, string) {
	t.Helper()
	dsn := pgtest.DB(t)
	return openAt(t, dsn), dsn
}

// openAt opens a client of the database at dsn, closed when the test ends.
func openAt(t *testing.T, dsn string) *pgstore.Store {
	t.Helper()
	s, err := pgstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// openTwo opens two clients of one new database.
func openTwo(t *testing.T) (first, second *pgstore.Store) {
	t.Helper()
	first, dsn := open(t)
	return first, openAt(t, dsn)
}

// gpt4 is an event the tests add.
var gpt4 = model.Event{Title: "GPT-4", Date: when.MustParse("2023-03-14"), Category: model.CategoryModel}

// add adds v with add (a store's AddEvent or AddPrediction) and gives it
// as saved, failing the test if it cannot.
func add[T any](t *testing.T, add func(context.Context, T) (T, error), v T) T {
	t.Helper()
	saved, err := add(context.Background(), v)
	if err != nil {
		t.Fatal(err)
	}
	return saved
}

// olderDatabase makes a new database at schema version, as an older build
// left it, with the rows that sql writes there; it gives its address.
func olderDatabase(t *testing.T, version int, sql string) string {
	t.Helper()
	ctx := context.Background()
	dsn := pgtest.DB(t)
	old, err := pgstore.OpenAtVersion(ctx, dsn, version)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := old.SchemaVersion(ctx); err != nil || v != version {
		t.Fatalf("version %d, %v; want %d", v, err, version)
	}
	old.Close()
	db := strings.TrimPrefix(mustParse(t, dsn).Path, "/")
	if err := pgtest.Shared(t).Exec(ctx, db, sql); err != nil {
		t.Fatal(err)
	}
	return dsn
}

// checkSaveOfDeleted deletes the record id with del, then checks that a
// save of it (update, at version) is refused with store.ErrNotFound.
func checkSaveOfDeleted[T any](t *testing.T, del func(context.Context, int64) error, id int64,
	update func(context.Context, T, int64) (T, int64, error), saved T, version int64) {
	t.Helper()
	ctx := context.Background()
	if err := del(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, _, err := update(ctx, saved, version); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("saving a deleted %T gave %v; want ErrNotFound", saved, err)
	}
}

// ensureRole makes the login role name with password on the shared test
// server, unless it is there already (from another test).
func ensureRole(t *testing.T, srv *pgtest.Server, name, password string) {
	t.Helper()
	err := srv.Exec(context.Background(), "postgres", "DO $$ BEGIN CREATE ROLE "+name+" LOGIN PASSWORD '"+password+
		"'; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenCreatesTheSchemaOnceAndReopens(t *testing.T) {
	ctx := context.Background()
	s, dsn := open(t)
	v, err := s.SchemaVersion(ctx)
	if err != nil || v != pgstore.LatestVersion() {
		t.Fatalf("schema version %d, %v; want %d", v, err, pgstore.LatestVersion())
	}
	again, err := pgstore.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	again.Close()
}

func TestOpenUpgradesAnOlderSchemaKeepingItsEvents(t *testing.T) {
	ctx := context.Background()
	// This build records every write in the undo history of schema 4, so
	// the event an older build wrote is written as that build would have.
	dsn := olderDatabase(t, 1, `INSERT INTO events (id, title, date, earliest, latest, category, created_at, updated_at)
		VALUES (7, 'kept', '2023', 19358, 19722, 'other', now(), now())`)
	s, err := pgstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(ctx); err != nil || v != pgstore.LatestVersion() {
		t.Fatalf("after the upgrade: version %d, %v", v, err)
	}
	if got, err := s.Event(ctx, 7); err != nil || got.Title != "kept" || got.Date != when.MustParse("2023") {
		t.Fatalf("the event after the upgrade: %+v, %v", got, err)
	}
}

func TestOpenRefusesANewerSchemaAndLeavesItAlone(t *testing.T) {
	ctx := context.Background()
	s, dsn := open(t)
	db := strings.TrimPrefix(mustParse(t, dsn).Path, "/")
	if err := pgtest.Shared(t).Exec(ctx, db, "UPDATE meta SET value = '99' WHERE key = 'schema_version'"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err := pgstore.Open(ctx, dsn)
	var oe *store.OpenError
	if !errors.Is(err, store.ErrNewerSchema) || !errors.As(err, &oe) {
		t.Fatalf("opening a newer schema gave %v; want an OpenError wrapping ErrNewerSchema", err)
	}
	if !strings.Contains(err.Error(), fmt.Sprintf("newer Hindsight (schema 99; this version reads up to %d)", pgstore.LatestVersion())) {
		t.Errorf("message %q does not say which schemas", err)
	}
	if err := pgtest.Shared(t).Exec(ctx, db, "SELECT 1 FROM meta WHERE key = 'schema_version' AND value = '99'"); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesAnotherProgramsDatabase(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DB(t)
	db := strings.TrimPrefix(mustParse(t, dsn).Path, "/")
	if err := pgtest.Shared(t).Exec(ctx, db, "CREATE TABLE invoices (id int)"); err != nil {
		t.Fatal(err)
	}
	_, err := pgstore.Open(ctx, dsn)
	if !errors.Is(err, store.ErrNotHindsight) {
		t.Fatalf("opening another program's database gave %v; want ErrNotHindsight", err)
	}
}

func TestOpenExplainsAWrongPasswordWithoutSayingIt(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Shared(t)
	dsn := pgtest.DB(t)
	db := strings.TrimPrefix(mustParse(t, dsn).Path, "/")
	ensureRole(t, srv, "editor", "right-one")
	_, err := pgstore.Open(ctx, srv.URL(db, "editor", "s3cret-wrong"))
	var oe *store.OpenError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), `refused the password of "editor"`) {
		t.Fatalf("a wrong password gave %v", err)
	}
	if strings.Contains(err.Error(), "s3cret-wrong") {
		t.Fatalf("the message shows the password: %v", err)
	}
	// The right password opens it (the role may create the schema: it is
	// given the database).
	if err := srv.Exec(ctx, "postgres", "ALTER DATABASE "+db+" OWNER TO editor"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Exec(ctx, db, "ALTER SCHEMA public OWNER TO editor"); err != nil {
		t.Fatal(err)
	}
	s, err := pgstore.Open(ctx, srv.URL(db, "editor", "right-one"))
	if err != nil {
		t.Fatalf("the right password: %v", err)
	}
	if strings.Contains(s.Target(), "right-one") {
		t.Fatalf("the target names the password: %s", s.Target())
	}
	s.Close()
}

func TestOpenExplainsAMissingDatabase(t *testing.T) {
	srv := pgtest.Shared(t)
	_, err := pgstore.Open(context.Background(), srv.URL("no_such_db", pgtest.Superuser, ""))
	if err == nil || !strings.Contains(err.Error(), `the server has no database "no_such_db"`) {
		t.Fatalf("a missing database gave %v", err)
	}
}

func TestOpenExplainsAnUnreachableServer(t *testing.T) {
	// A loopback port that nothing listens on: take a free one and close it.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, err = pgstore.Open(context.Background(), "postgres://someone:pw@"+addr+"/db?sslmode=disable&connect_timeout=5")
	if err == nil || !strings.Contains(err.Error(), "cannot be reached") {
		t.Fatalf("an unreachable server gave %v", err)
	}
	if !strings.Contains(err.Error(), addr) || strings.Contains(err.Error(), ":pw@") {
		t.Errorf("the message should name %s and not the password: %v", addr, err)
	}
}

func mustParse(t *testing.T, dsn string) *url.URL {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
