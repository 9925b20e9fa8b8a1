package pgtest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { Main(m) }

func TestServerGivesEachTestAFreshDatabase(t *testing.T) {
	ctx := context.Background()
	first, second := DB(t), DB(t)
	if first == second {
		t.Fatalf("two tests share the database %s", first)
	}
	conn, err := pgx.Connect(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE TABLE t (x int); INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	other, err := pgx.Connect(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close(ctx)
	var n int
	if err := other.QueryRow(ctx, "SELECT count(*) FROM pg_tables WHERE tablename = 't'").Scan(&n); err != nil || n != 0 {
		t.Fatalf("the second database sees the first one's table (n=%d, err=%v)", n, err)
	}
	// The search index needs pg_trgm from postgresql-contrib.
	if _, err := conn.Exec(ctx, "CREATE EXTENSION pg_trgm"); err != nil {
		t.Fatalf("pg_trgm: %v", err)
	}
	var enc string
	if err := conn.QueryRow(ctx, "SHOW server_encoding").Scan(&enc); err != nil || enc != "UTF8" {
		t.Fatalf("server encoding %q, %v; want UTF8", enc, err)
	}
}

func TestServerRunsUnprivilegedOnASocketOnly(t *testing.T) {
	s := Shared(t)
	fi, err := os.Stat(filepath.Join(s.SocketDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	if uid, ok := ownerOf(fi); ok && os.Geteuid() == 0 && uid == 0 {
		t.Fatal("the data directory belongs to root: the server would refuse to start")
	}
	if _, err := os.Stat(filepath.Join(s.SocketDir(), ".s.PGSQL.5432")); err != nil {
		t.Fatalf("no socket in the server's directory: %v", err)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, DB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var listen string
	if err := conn.QueryRow(ctx, "SHOW listen_addresses").Scan(&listen); err != nil || listen != "" {
		t.Fatalf("listen_addresses = %q, %v; want none (no TCP)", listen, err)
	}
}

func TestStartOwnServerStopsAndRemovesItsDirectory(t *testing.T) {
	var dir string
	t.Run("own", func(t *testing.T) {
		s := StartOwn(t)
		dir = s.SocketDir()
		conn, err := pgx.Connect(context.Background(), s.NewDatabase(t))
		if err != nil {
			t.Fatal(err)
		}
		conn.Close(context.Background())
	})
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("the server's directory %s is still there after the test: %v", dir, err)
	}
}
