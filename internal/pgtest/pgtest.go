// Package pgtest starts a real PostgreSQL server for tests: Debian's
// initdb and pg_ctl in a temporary directory, listening only on a Unix
// socket in that directory. PostgreSQL refuses to run as root, and CI runs
// as root, so as root the server runs as an unprivileged system user
// (created when missing). Each test gets a fresh database of its own.
//
// A package shares one server among its tests through Main in its
// TestMain; a test of a package without one starts its own with Start. A
// test of TLS starts a server of its own with StartOwnTLS, which also
// listens on a loopback port and accepts only TLS there, with a
// certificate signed by a throwaway authority.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// ServerUser is the system user the server runs as when the tests run as
// root.
const ServerUser = "hindsight-pg"

// Superuser is the database role the tests connect as; it needs no
// password on the server's socket.
const Superuser = "hindsight"

// socketPort names the socket file (.s.PGSQL.<port>) of a server that
// opens no TCP port.
const socketPort = 5432

// TLSHost is the one host name a TLS server's certificate names.
const TLSHost = "localhost"

// Missing explains what to do when the server programs are not installed.
const Missing = "PostgreSQL's server programs (initdb, pg_ctl) were not found; `make test` installs them " +
	"(on Debian and Ubuntu: apt-get install postgresql postgresql-contrib)"

// Server is a PostgreSQL server running in a temporary directory.
type Server struct {
	dir    string // holds data/, the socket and the log
	bindir string
	runAs  string // the system user the server runs as; "" for the current one
	port   int    // the socket's number, and a TLS server's loopback port
	tls    bool   // also listens on 127.0.0.1, TLS only
	seq    atomic.Int64
}

// StartServer initialises and starts a server in a new temporary directory.
func StartServer() (*Server, error) { return startServer(false) }

// StartTLSServer starts a server that also listens on a free port of
// 127.0.0.1 with ssl = on. Its certificate names TLSHost only and is
// signed by a throwaway authority whose certificate is in CAFile. On that
// port it accepts TLS connections of roles that give their password
// (scram-sha-256) and rejects any other; the superuser has no password,
// so tests create a role of their own. The Unix socket serves the
// superuser as on any other server.
func StartTLSServer() (*Server, error) { return startServer(true) }

func startServer(tls bool) (*Server, error) {
	bindir, err := findBindir()
	if err != nil {
		return nil, err
	}
	s := &Server{bindir: bindir, port: socketPort, tls: tls}
	if os.Geteuid() == 0 {
		if err := ensureUser(ServerUser); err != nil {
			return nil, err
		}
		s.runAs = ServerUser
	}
	if s.dir, err = os.MkdirTemp("", "hindsight-pg-"); err != nil {
		return nil, err
	}
	if err := s.chown(s.dir); err != nil {
		s.remove()
		return nil, err
	}
	if err := s.start(); err != nil {
		s.remove()
		return nil, err
	}
	return s, nil
}

func (s *Server) start() error {
	data := filepath.Join(s.dir, "data")
	if out, err := s.run("initdb", "--pgdata", data, "--username", Superuser, "--auth-local", "trust",
		"--auth-host", "reject", "--encoding", "UTF8", "--locale", "C.UTF-8", "--no-sync", "--no-instructions"); err != nil {
		return fmt.Errorf("initdb: %w\n%s", err, out)
	}
	// Roles other than the superuser give a password, so that tests can
	// check what a wrong one does.
	hba := "local all " + Superuser + " trust\nlocal all all scram-sha-256\n"
	if s.tls {
		hba += "hostssl all all 127.0.0.1/32 scram-sha-256\nhostnossl all all 127.0.0.1/32 reject\n"
		if err := s.writeCertificates(data); err != nil {
			return err
		}
	}
	if err := s.writeOwned(filepath.Join(data, "pg_hba.conf"), []byte(hba)); err != nil {
		return err
	}
	if !s.tls {
		return s.listen(data, "")
	}
	// The free port found may be taken again before the server binds it:
	// then try another.
	var err error
	for range 3 {
		if s.port, err = freePort(); err != nil {
			return err
		}
		err = s.listen(data, "127.0.0.1")
		if err == nil || !strings.Contains(err.Error(), "could not bind") {
			return err
		}
	}
	return err
}

// listen starts the server on its socket, and on address (with TLS) when
// not empty.
func (s *Server) listen(data, address string) error {
	// A test server needs no durability: fsync off makes creating a
	// database and committing cheap.
	opts := fmt.Sprintf("-c listen_addresses='%s' -c unix_socket_directories='%s' -c port=%d "+
		"-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB",
		address, s.dir, s.port)
	if s.tls {
		opts += " -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key"
	}
	log := filepath.Join(s.dir, "server.log")
	_ = os.Remove(log) // a failed attempt's, whose message was returned
	if out, err := s.run("pg_ctl", "start", "--pgdata", data, "--wait", "--timeout", "60",
		"--log", log, "-o", opts); err != nil {
		text, _ := os.ReadFile(log)
		return fmt.Errorf("pg_ctl start: %w\n%s\n%s", err, out, text)
	}
	return nil
}

// writeCertificates makes a throwaway authority, writes its certificate
// to CAFile for clients, and the server's certificate and key, signed by
// it, into the data directory, where the server's user alone may read
// them: PostgreSQL refuses a key that others may read.
func (s *Server) writeCertificates(data string) error {
	ca, err := NewCA("Hindsight test authority")
	if err != nil {
		return err
	}
	cert, key, err := ca.Issue(TLSHost)
	if err != nil {
		return err
	}
	if err := s.writeOwned(filepath.Join(data, "server.crt"), cert); err != nil {
		return err
	}
	if err := s.writeOwned(filepath.Join(data, "server.key"), key); err != nil {
		return err
	}
	return os.WriteFile(s.CAFile(), ca.PEM(), 0o644)
}

// writeOwned writes a file that only the server's user may read.
func (s *Server) writeOwned(path string, content []byte) error {
	if err := os.WriteFile(path, content, 0o600); err != nil {
		return err
	}
	return s.chown(path)
}

// freePort is a loopback port nothing listens on now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Stop stops the server and removes its directory.
func (s *Server) Stop() error {
	out, err := s.run("pg_ctl", "stop", "--pgdata", filepath.Join(s.dir, "data"), "--mode", "immediate", "--wait")
	s.remove()
	if err != nil {
		return fmt.Errorf("pg_ctl stop: %w\n%s", err, out)
	}
	return nil
}

func (s *Server) remove() { _ = os.RemoveAll(s.dir) }

// SocketDir is the directory of the server's Unix socket.
func (s *Server) SocketDir() string { return s.dir }

// URL is a postgres:// address of database db as role (with password, when
// not empty) on this server.
func (s *Server) URL(db, role, password string) string {
	u := url.URL{Scheme: "postgres", Path: "/" + db}
	if password != "" {
		u.User = url.UserPassword(role, password)
	} else {
		u.User = url.User(role)
	}
	q := url.Values{}
	q.Set("host", s.dir)
	q.Set("port", fmt.Sprint(s.port))
	q.Set("sslmode", "disable")
	u.RawQuery = q.Encode()
	return u.String()
}

// Port is the number of the server's socket, and of a TLS server's
// loopback port.
func (s *Server) Port() int { return s.port }

// CAFile is the certificate of the authority that signed a TLS server's
// certificate, for sslrootcert; "" for a server without TLS.
func (s *Server) CAFile() string {
	if !s.tls {
		return ""
	}
	return filepath.Join(s.dir, "ca.pem")
}

// TCPURL is a postgres:// address of database db as role with password
// at host (such as TLSHost or 127.0.0.1) on a TLS server's loopback port,
// with the settings given (sslmode, sslrootcert).
func (s *Server) TCPURL(host, db, role, password string, settings url.Values) string {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(role, password),
		Host: net.JoinHostPort(host, fmt.Sprint(s.port)), Path: "/" + db, RawQuery: settings.Encode()}
	return u.String()
}

// Exec runs SQL as the superuser in database db (such as "postgres").
func (s *Server) Exec(ctx context.Context, db, sql string, args ...any) error {
	conn, err := pgx.Connect(ctx, s.URL(db, Superuser, ""))
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql, args...)
	return err
}

// DatabaseName is the name of the database an address of the server
// names.
func DatabaseName(t testing.TB, address string) string {
	t.Helper()
	u, err := url.Parse(address)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(u.Path, "/")
}

// CutOff takes database db away as an outage would: the server refuses new
// connections to it and ends the open ones. reconnect lets connections in
// again; it also runs when t ends.
func (s *Server) CutOff(t testing.TB, db string) (reconnect func()) {
	t.Helper()
	ctx := context.Background()
	if err := s.Exec(ctx, "postgres", "ALTER DATABASE "+db+" ALLOW_CONNECTIONS false"); err != nil {
		t.Fatal(err)
	}
	reconnect = func() {
		if err := s.Exec(ctx, "postgres", "ALTER DATABASE "+db+" ALLOW_CONNECTIONS true"); err != nil {
			t.Error(err)
		}
	}
	t.Cleanup(reconnect)
	if err := s.Exec(ctx, "postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", db); err != nil {
		t.Fatal(err)
	}
	return reconnect
}

// NewDatabase creates an empty database for t and returns its address (as
// the superuser); it is dropped when t ends.
func (s *Server) NewDatabase(t testing.TB) string {
	t.Helper()
	url, name, err := s.CreateDatabase(context.Background())
	if err != nil {
		t.Fatalf("create a test database: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Exec(context.Background(), "postgres", "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	return url
}

// CreateDatabase creates an empty database that lasts as long as the
// server (a benchmark's data shared by several benchmarks), and returns
// its address and name.
func (s *Server) CreateDatabase(ctx context.Context) (url, name string, err error) {
	name = fmt.Sprintf("test_%d_%d", os.Getpid(), s.seq.Add(1))
	if err := s.Exec(ctx, "postgres", "CREATE DATABASE "+name+" TEMPLATE template0"); err != nil {
		return "", "", err
	}
	return s.URL(name, Superuser, ""), name, nil
}

// run runs one of the server's programs, as the server's user.
func (s *Server) run(program string, args ...string) ([]byte, error) {
	bin := filepath.Join(s.bindir, program)
	var cmd *exec.Cmd
	if s.runAs != "" {
		cmd = exec.Command("runuser", append([]string{"-u", s.runAs, "--", bin}, args...)...)
	} else {
		cmd = exec.Command(bin, args...)
	}
	// The server must not inherit the tests' libpq settings.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PG") && !strings.HasPrefix(kv, "LC_") && !strings.HasPrefix(kv, "LANG") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "LC_ALL=C.UTF-8")
	cmd.Dir = s.dir
	return cmd.CombinedOutput()
}

// chown gives path to the server's user.
func (s *Server) chown(path string) error {
	if s.runAs == "" {
		return nil
	}
	u, err := user.Lookup(s.runAs)
	if err != nil {
		return err
	}
	var uid, gid int
	fmt.Sscan(u.Uid, &uid)
	fmt.Sscan(u.Gid, &gid)
	return os.Chown(path, uid, gid)
}

// findBindir finds the directory of initdb and pg_ctl: pg_config's, else
// the newest of Debian's /usr/lib/postgresql/*/bin.
func findBindir() (string, error) {
	var candidates []string
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		candidates = append(candidates, strings.TrimSpace(string(out)))
	}
	debian, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(debian, func(i, j int) bool { return versionOf(debian[i]) > versionOf(debian[j]) })
	candidates = append(candidates, debian...)
	for _, dir := range candidates {
		if isFile(filepath.Join(dir, "initdb")) && isFile(filepath.Join(dir, "pg_ctl")) {
			return dir, nil
		}
	}
	return "", errors.New(Missing)
}

// versionOf is the major version in a path like /usr/lib/postgresql/15/bin.
func versionOf(bindir string) int {
	var v int
	fmt.Sscan(filepath.Base(filepath.Dir(bindir)), &v)
	return v
}

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}

// ensureUser creates the unprivileged system user the server runs as. Test
// binaries of several packages may race to create it; whichever wins, the
// user exists afterwards.
func ensureUser(name string) error {
	for attempt := 0; ; attempt++ {
		if _, err := user.Lookup(name); err == nil {
			return nil
		}
		out, err := exec.Command("useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
			"--shell", "/usr/sbin/nologin", name).CombinedOutput()
		if err == nil {
			return nil
		}
		if attempt == 10 {
			return fmt.Errorf("create the system user %s to run PostgreSQL as (it refuses to run as root): %w\n%s", name, err, out)
		}
		time.Sleep(200 * time.Millisecond) // /etc/passwd may be locked by a concurrent useradd
	}
}

// shared is the server of a package whose TestMain calls Main.
var shared struct {
	sync.Mutex
	server *Server
	err    error
}

// Main runs a package's tests with one server shared among them, started
// at the first test that asks for it and stopped after the last, once the
// functions after have run. Use it as
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
func Main(m *testing.M, after ...func()) {
	code := m.Run()
	for _, f := range after {
		f()
	}
	shared.Lock()
	if shared.server != nil {
		if err := shared.server.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	shared.Unlock()
	os.Exit(code)
}

// Shared returns the package's shared server, starting it at the first
// call (see Main, which stops it). It fails t when no server can start.
func Shared(t testing.TB) *Server {
	t.Helper()
	shared.Lock()
	defer shared.Unlock()
	if shared.server == nil && shared.err == nil {
		shared.server, shared.err = StartServer()
	}
	if shared.err != nil {
		t.Fatalf("start PostgreSQL: %v", shared.err)
	}
	return shared.server
}

// DB returns the address of a fresh database on the package's shared
// server (see Main), dropped when t ends.
func DB(t testing.TB) string {
	t.Helper()
	return Shared(t).NewDatabase(t)
}

// Start starts a server of t's own, stopped when t ends, and returns the
// address of a fresh database on it. Prefer Main and DB in a package with
// many tests: a server takes about a second to start.
func Start(t testing.TB) string {
	t.Helper()
	s := StartOwn(t)
	return s.NewDatabase(t)
}

// StartOwn starts a server of t's own, stopped when t ends.
func StartOwn(t testing.TB) *Server {
	t.Helper()
	return startOwn(t, StartServer)
}

// StartOwnTLS starts a server of t's own that also listens on a loopback
// port, TLS only (see StartTLSServer), stopped when t ends.
func StartOwnTLS(t testing.TB) *Server {
	t.Helper()
	return startOwn(t, StartTLSServer)
}

func startOwn(t testing.TB, start func() (*Server, error)) *Server {
	t.Helper()
	s, err := start()
	if err != nil {
		t.Fatalf("start PostgreSQL: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Errorf("stop PostgreSQL: %v", err)
		}
	})
	return s
}
