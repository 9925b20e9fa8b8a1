package engine_test

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The database and its owner on the TLS server, who signs in with a
// password as on a real server: the superuser has none over TCP.
const (
	tlsDB       = "tls_timeline"
	tlsOwner    = "tls_owner"
	tlsPassword = "over-tls-5531"
)

// A server address with sslmode=verify-full opens over TLS when
// sslrootcert names the authority that signed the server's certificate
// and the host is one the certificate names; another authority or another
// host name is refused with a message that says so, and is neither a
// wrong password nor an unreachable server.
func TestVerifyFullChecksTheServersCertificate(t *testing.T) {
	srv := pgtest.StartOwnTLS(t)
	if err := srv.Exec(ctx, "postgres", "CREATE ROLE "+tlsOwner+" LOGIN PASSWORD '"+tlsPassword+"'"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Exec(ctx, "postgres", "CREATE DATABASE "+tlsDB+" OWNER "+tlsOwner+" TEMPLATE template0"); err != nil {
		t.Fatal(err)
	}
	verifyFull := func(host, rootCert string) string {
		return srv.TCPURL(host, tlsDB, tlsOwner, tlsPassword, url.Values{"sslmode": {"verify-full"}, "sslrootcert": {rootCert}})
	}

	t.Run("the server's authority and host", func(t *testing.T) {
		address := verifyFull(pgtest.TLSHost, srv.CAFile())
		st := openStore(t, address)
		e, err := st.AddEvent(ctx, model.Event{Title: "Sent over TLS", Date: when.MustParse("2024-05-13"), Category: model.CategoryModel})
		if err != nil {
			t.Fatal(err)
		}
		again := openStore(t, address)
		if got, err := again.Event(ctx, e.ID); err != nil || got.Title != e.Title {
			t.Errorf("read back %+v, %v", got, err)
		}
		// The address opens TLS connections, and so do the stores'
		// own: every connection of the owner is encrypted.
		conn, err := pgx.Connect(ctx, address)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		var own bool
		var all bool
		var n int
		if err := conn.QueryRow(ctx, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").Scan(&own); err != nil || !own {
			t.Errorf("the connection is not TLS (ssl %v, %v)", own, err)
		}
		if err := conn.QueryRow(ctx, "SELECT bool_and(s.ssl), count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) "+
			"WHERE a.usename = $1", tlsOwner).Scan(&all, &n); err != nil || !all || n < 3 {
			t.Errorf("the owner's %d connections are all TLS: %v, %v; want the stores' and this one, all TLS", n, all, err)
		}

		// Neither the store's location nor the redacted address holds
		// the password; both keep how to check the server.
		for _, kept := range []string{st.Location(), engine.Redact(address)} {
			if strings.Contains(kept, tlsPassword) {
				t.Errorf("%q holds the password", kept)
			}
			q := mustQuery(t, kept)
			if q.Get("sslmode") != "verify-full" || q.Get("sslrootcert") != srv.CAFile() {
				t.Errorf("%q lost sslmode or sslrootcert", kept)
			}
		}
		if strings.Contains(st.Name(), tlsPassword) {
			t.Errorf("the store's name %q holds the password", st.Name())
		}
	})

	t.Run("another authority", func(t *testing.T) {
		other, err := pgtest.NewCA("Another authority")
		if err != nil {
			t.Fatal(err)
		}
		otherFile := filepath.Join(t.TempDir(), "other-ca.pem")
		if err := os.WriteFile(otherFile, other.PEM(), 0o644); err != nil {
			t.Fatal(err)
		}
		err = refused(t, verifyFull(pgtest.TLSHost, otherFile))
		if !strings.Contains(err.Error(), "certificate is not signed by an authority this connection trusts") ||
			!strings.Contains(err.Error(), "sslrootcert") {
			t.Errorf("another authority: %v; want it to say the certificate's authority is not trusted, and name sslrootcert", err)
		}
	})

	t.Run("a host the certificate does not name", func(t *testing.T) {
		err := refused(t, verifyFull("127.0.0.1", srv.CAFile()))
		if !strings.Contains(err.Error(), `the server's certificate is for localhost, not for "127.0.0.1"`) {
			t.Errorf("another host name: %v; want it to name the certificate's host and the one asked for", err)
		}
	})
}

// An sslrootcert that names no file, or an sslmode misspelt, is said to
// be what is wrong, not the whole address.
func TestOpenSaysWhichTLSSettingIsWrong(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-ca.pem")
	for _, c := range []struct{ settings, says string }{
		{"sslmode=verify-full&sslrootcert=" + url.QueryEscape(missing), "its TLS settings cannot be used: unable to read CA file: open " + missing},
		{"sslmode=verify_full", "its TLS settings cannot be used: sslmode is invalid"},
	} {
		_, err := engine.Open(ctx, "postgres://ana:"+tlsPassword+"@localhost:5432/hindsight?"+c.settings)
		var oe *store.OpenError
		if !errors.As(err, &oe) || !strings.Contains(err.Error(), c.says) || strings.Contains(err.Error(), "not a PostgreSQL address") {
			t.Errorf("%s: %v; want an OpenError saying %q", c.settings, err, c.says)
		}
		if err != nil && strings.Contains(err.Error(), tlsPassword) {
			t.Errorf("%s: the message holds the password: %v", c.settings, err)
		}
		t.Logf("the user sees: %v", err)
	}
}

// refused opens address, which must fail with an OpenError that is not
// another failure's message and holds no password, and returns it.
func refused(t *testing.T, address string) error {
	t.Helper()
	st, err := engine.Open(ctx, address)
	if err == nil {
		st.Close()
		t.Fatal("opened")
	}
	t.Logf("the user sees: %v", err)
	var oe *store.OpenError
	if !errors.As(err, &oe) {
		t.Errorf("%v is not an OpenError", err)
	}
	for _, other := range []string{"refused the password", "cannot be reached", "has no database", "not a PostgreSQL address", tlsPassword} {
		if strings.Contains(err.Error(), other) {
			t.Errorf("the message says %q: %v", other, err)
		}
	}
	return err
}

// mustQuery is the query settings of an address.
func mustQuery(t *testing.T, address string) url.Values {
	t.Helper()
	u, err := url.Parse(address)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}
