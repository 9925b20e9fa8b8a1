package pgtest

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// A TLS server keeps its key to its own user, accepts a role's password
// over TLS on its loopback port, and rejects a connection without TLS
// there.
func TestTLSServerAcceptsOnlyTLSOnItsLoopbackPort(t *testing.T) {
	s := StartOwnTLS(t)
	key, err := os.Stat(filepath.Join(s.SocketDir(), "data", "server.key"))
	if err != nil {
		t.Fatal(err)
	}
	if key.Mode().Perm() != 0o600 {
		t.Errorf("the server's key has mode %v; PostgreSQL wants 0600", key.Mode().Perm())
	}
	if uid, ok := ownerOf(key); ok && os.Geteuid() == 0 && uid == 0 {
		t.Error("the server's key belongs to root, not to the server's user")
	}
	if _, err := os.Stat(s.CAFile()); err != nil {
		t.Fatalf("no authority's certificate for clients: %v", err)
	}

	ctx := context.Background()
	u, err := url.Parse(s.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	db := u.Path[1:]
	if err := s.Exec(ctx, "postgres", "CREATE ROLE tls_tester LOGIN PASSWORD 'secret-over-tls'"); err != nil {
		t.Fatal(err)
	}
	verified := url.Values{"sslmode": {"verify-full"}, "sslrootcert": {s.CAFile()}}
	conn, err := pgx.Connect(ctx, s.TCPURL(TLSHost, db, "tls_tester", "secret-over-tls", verified))
	if err != nil {
		t.Fatalf("verify-full with the server's authority: %v", err)
	}
	defer conn.Close(ctx)
	var ssl bool
	var listen string
	if err := conn.QueryRow(ctx, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").Scan(&ssl); err != nil || !ssl {
		t.Errorf("the connection is not TLS (ssl %v, %v)", ssl, err)
	}
	if err := conn.QueryRow(ctx, "SHOW listen_addresses").Scan(&listen); err != nil || listen != "127.0.0.1" {
		t.Errorf("listen_addresses = %q, %v; want 127.0.0.1", listen, err)
	}

	_, err = pgx.Connect(ctx, s.TCPURL("127.0.0.1", db, "tls_tester", "secret-over-tls", url.Values{"sslmode": {"disable"}}))
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "28000" {
		t.Errorf("a connection without TLS on the loopback port: %v; want pg_hba's rejection (28000)", err)
	}
}
