package engine_test

import (
	"errors"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/storetest"
	"github.com/hindsight-app/hindsight/internal/when"
)

// openStore opens target with engine.Open, to be closed when t ends.
func openStore(t *testing.T, target string) engine.Store {
	t.Helper()
	open := func(target string) (engine.Store, error) { return engine.Open(ctx, target) }
	return storetest.OpenedAt(t, open, target)
}

// dbName is the database an address of the test server names.
func dbName(t *testing.T, address string) string {
	t.Helper()
	u, err := url.Parse(address)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(u.Path, "/")
}

// withRole creates a login role with a password on the shared server,
// once for the package, granted what grants says in database db.
func withRole(t *testing.T, db, role, password, grants string) string {
	t.Helper()
	srv := pgtest.Shared(t)
	if err := srv.Exec(ctx, "postgres", "DO $$ BEGIN CREATE ROLE "+role+" LOGIN PASSWORD '"+password+
		"'; EXCEPTION WHEN duplicate_object THEN NULL; END $$"); err != nil {
		t.Fatal(err)
	}
	if grants != "" {
		if err := srv.Exec(ctx, db, grants); err != nil {
			t.Fatal(err)
		}
	}
	return srv.URL(db, role, password)
}

func TestOpenTellsAFileFromAServer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	file := openStore(t, path)
	if file.Shared() || file.Location() != path || file.Name() != path || file.Writable(ctx) != nil || file.Ping(ctx) != nil {
		t.Errorf("a file: shared %v, location %q, name %q, writable %v", file.Shared(), file.Location(), file.Name(), file.Writable(ctx))
	}
	if n, err := file.CountEvents(ctx, filter.Filter{}); err != nil || n != 0 {
		t.Errorf("engine.Open seeded a new file: %d events, %v", n, err)
	}
	address := pgtest.DB(t)
	server := openStore(t, address)
	if !server.Shared() || server.Location() != address || server.Writable(ctx) != nil || server.Ping(ctx) != nil {
		t.Errorf("a server: shared %v, location %q, writable %v", server.Shared(), server.Location(), server.Writable(ctx))
	}
	if !strings.Contains(server.Name(), dbName(t, address)) {
		t.Errorf("the server's name %q does not name its database", server.Name())
	}
	// libpq's key=value form opens the same database.
	kv := "host=" + pgtest.Shared(t).SocketDir() + " port=5432 user=" + pgtest.Superuser + " dbname=" + dbName(t, address) + " sslmode=disable"
	same := openStore(t, kv)
	e, err := server.AddEvent(ctx, model.Event{Title: "Seen by both", Date: when.MustParse("2023-03-14"), Category: model.CategoryModel})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := same.Event(ctx, e.ID); err != nil || got.Title != e.Title {
		t.Errorf("the key=value form reads %+v, %v", got, err)
	}
}

// A wrong password, an unreachable host and a missing database each give
// a message that says which, and neither the message nor the store's
// location holds the password.
func TestOpenExplainsEachFailureWithoutThePassword(t *testing.T) {
	address := pgtest.DB(t)
	db := dbName(t, address)
	const password = "right-pass-7781"
	openStore(t, address) // the owner creates the schema
	good := withRole(t, db, "appdb_editor", password, "GRANT USAGE ON SCHEMA public TO appdb_editor; "+
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO appdb_editor; "+
		"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO appdb_editor")
	st := openStore(t, good+"&connect_timeout=5")
	if strings.Contains(st.Location(), password) || strings.Contains(st.Name(), password) {
		t.Errorf("the store keeps the password: %q, %q", st.Location(), st.Name())
	}
	if !strings.Contains(st.Location(), "sslmode=disable") {
		t.Errorf("the location lost sslmode: %q", st.Location())
	}

	srv := pgtest.Shared(t)
	// A loopback port nothing listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := l.Addr().(*net.TCPAddr).Port
	l.Close()
	for _, c := range []struct {
		name, target, says string
	}{
		{"wrong password", srv.URL(db, "appdb_editor", "wrong-pass-1234"), `refused the password of "appdb_editor"`},
		{"missing database", srv.URL("no_such_db", "appdb_editor", password), `has no database "no_such_db"`},
		{"unreachable host", "postgres://appdb_editor:" + password + "@127.0.0.1:" + strconv.Itoa(closedPort) + "/" + db + "?sslmode=disable", "cannot be reached"},
	} {
		started := time.Now()
		_, err := engine.Open(ctx, c.target)
		var oe *store.OpenError
		if !errors.As(err, &oe) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v; want an OpenError saying %q", c.name, err, c.says)
			continue
		}
		if strings.Contains(err.Error(), password) || strings.Contains(err.Error(), "wrong-pass") {
			t.Errorf("%s: the message holds the password: %v", c.name, err)
		}
		if time.Since(started) > 15*time.Second {
			t.Errorf("%s took %v", c.name, time.Since(started))
		}
		t.Logf("%s: %v", c.name, err)
	}
}

// A role with a viewer's grants opens the database read-only, and says
// why.
func TestWritableSaysWhyAViewerOnlyReads(t *testing.T) {
	address := pgtest.DB(t)
	owner := openStore(t, address) // creates the schema
	if _, err := owner.AddEvent(ctx, model.Event{Title: "Kept", Date: when.MustParse("2023"), Category: model.CategoryModel}); err != nil {
		t.Fatal(err)
	}
	viewer := openStore(t, withRole(t, dbName(t, address), "appdb_viewer", "look-only",
		"GRANT USAGE ON SCHEMA public TO appdb_viewer; GRANT SELECT ON ALL TABLES IN SCHEMA public TO appdb_viewer"))
	err := viewer.Writable(ctx)
	if !errors.Is(err, engine.ErrReadOnly) || !errors.Is(err, store.ErrReadOnly) {
		t.Fatalf("a viewer's Writable: %v", err)
	}
	if n, err := viewer.CountEvents(ctx, filter.Filter{}); err != nil || n != 1 {
		t.Errorf("a viewer reads %d events, %v", n, err)
	}
	_, err = viewer.AddEvent(ctx, model.Event{Title: "Refused", Date: when.MustParse("2024"), Category: model.CategoryModel})
	if !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("a viewer's write: %v", err)
	}
}
