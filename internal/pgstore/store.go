// Package pgstore keeps Hindsight's events, periods and predictions in a
// PostgreSQL database, for a team sharing one timeline: the same reads and
// writes, imports, exports and seed, with the same results, as the SQLite
// store (package store), whose query types, errors and models it uses. It adds what a shared database needs: every event
// carries a version, so a save over someone else's later save is refused
// (ErrChanged), and every write is announced to the other clients
// (Watch). Passwords come from the address, PGPASSWORD or ~/.pgpass, and
// are never logged or kept.
package pgstore

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/hindsight-app/hindsight/internal/pgstore/pghistory"
	"github.com/hindsight-app/hindsight/internal/pgstore/pgschema"
	"github.com/hindsight-app/hindsight/internal/store"
)

// ErrChanged is returned when a save carries an event's version from
// before someone else's save: the save is refused, nothing is
// overwritten.
var ErrChanged = errors.New("it was changed by someone else since it was read")

// Store is an open Hindsight database on a PostgreSQL server.
type Store struct {
	pool   *pgxpool.Pool
	config *pgxpool.Config
	name   string // the database as people name it, without a password
	client string // who this store's changes are recorded as made by
}

// Open connects to the database at url (postgres://user@host:port/db?…, or
// libpq's key=value form), checks it is Hindsight's or empty, and creates
// or upgrades its schema. sslmode and every other setting of url are kept.
// A wrong password, an unreachable server or a missing database give a
// *store.OpenError that says which, and never the password.
func Open(ctx context.Context, url string) (*Store, error) {
	return OpenAs(ctx, url, "")
}

// OpenAs opens url like Open, recording the changes it makes as client's:
// undo takes back a client's own changes only (see History). A client
// kept from one session to the next keeps its history; "" names a new
// one, the role and a random part.
func OpenAs(ctx context.Context, url, client string) (*Store, error) {
	config, err := parseConfig(url)
	if err != nil {
		return nil, err
	}
	s, err := connect(ctx, config, pgschema.LatestVersion())
	if err != nil {
		return nil, err
	}
	s.client = client
	if client == "" {
		s.client = pghistory.NewClient(config.ConnConfig.User)
	}
	return s, nil
}

func parseConfig(url string) (*pgxpool.Config, error) {
	config, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message quotes the address; it is not repeated here, in
		// case it holds a password pgx cannot recognise. What it found
		// wrong with the TLS settings names a setting or a file, not the
		// address, and is said.
		cause := errors.Unwrap(err)
		if cause != nil && strings.HasSuffix(err.Error(), ": failed to configure TLS ("+cause.Error()+")") {
			return nil, &store.OpenError{Path: "the database address", Reason: "its TLS settings cannot be used: " + cause.Error(),
				Hint: "check sslmode, and that sslrootcert, sslcert and sslkey name readable files", Err: cause}
		}
		return nil, &store.OpenError{Path: "the database address", Reason: "it is not a PostgreSQL address",
			Hint: "write it as postgres://user@host:5432/database", Err: cause}
	}
	return config, nil
}

// connect connects and brings the schema up to version.
func connect(ctx context.Context, config *pgxpool.Config, version int) (*Store, error) {
	s := &Store{config: config, name: describe(config.ConnConfig)}
	var err error
	if s.pool, err = pgxpool.NewWithConfig(ctx, config); err != nil {
		return nil, openError(config.ConnConfig, s.name, err)
	}
	if err := s.pool.Ping(ctx); err != nil {
		s.pool.Close()
		return nil, openError(config.ConnConfig, s.name, err)
	}
	if err := pgschema.Migrate(ctx, s.pool, s.name, version); err != nil {
		s.pool.Close()
		var oe *store.OpenError
		if !errors.As(err, &oe) {
			return nil, openError(config.ConnConfig, s.name, err)
		}
		if oe.Path == "" {
			oe.Path = s.name
		}
		return nil, err
	}
	return s, nil
}

// describe names a database for messages: role, database, host and port;
// never the password.
func describe(c *pgx.ConnConfig) string {
	host := c.Host
	if !strings.HasPrefix(host, "/") {
		host = net.JoinHostPort(host, strconv.Itoa(int(c.Port)))
	} else {
		host = "the socket in " + host
	}
	return fmt.Sprintf("database %q as %q on %s", c.Database, c.User, host)
}

// LatestVersion is the schema version this build writes.
func LatestVersion() int { return pgschema.LatestVersion() }

// Target names the database, without its password.
func (s *Store) Target() string { return s.name }

// Close closes every connection.
func (s *Store) Close() { s.pool.Close() }

// openError turns a failure to connect into a sentence a person can act on.
func openError(c *pgx.ConnConfig, name string, err error) error {
	e := &store.OpenError{Path: name, Err: err}
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &pe) && pe.Code == "28P01":
		e.Reason = fmt.Sprintf("the server refused the password of %q", c.User)
		e.Hint = "check the password in PGPASSWORD or ~/.pgpass"
	case errors.As(err, &pe) && pe.Code == "28000":
		e.Reason = fmt.Sprintf("the server does not let %q connect from here", c.User)
		e.Hint = "ask its administrator to allow the role in pg_hba.conf"
	case errors.As(err, &pe) && pe.Code == "3D000":
		e.Reason = fmt.Sprintf("the server has no database %q", c.Database)
		e.Hint = "create it (createdb " + c.Database + ") or check its name"
	case errors.As(err, &pe):
		e.Reason = "the server refused the connection: " + pe.Message
	case errors.As(err, new(*tls.CertificateVerificationError)):
		// The server answered, so it is reachable: it is its
		// certificate that this connection does not trust.
		e.Reason, e.Hint = untrustedCertificate(err)
	case isUnreachable(err):
		e.Reason = "the server cannot be reached"
		e.Hint = "check the host and port, and that PostgreSQL is running there"
	default:
		e.Reason = "the connection failed: " + err.Error()
	}
	return e
}

// untrustedCertificate says why the server's certificate failed the check
// sslmode asks for (verify-ca, verify-full, or require with sslrootcert).
func untrustedCertificate(err error) (reason, hint string) {
	var host x509.HostnameError
	var authority x509.UnknownAuthorityError
	switch {
	case errors.As(err, &host):
		return fmt.Sprintf("the server's certificate is for %s, not for %q", certificateNames(host.Certificate), host.Host),
			"connect with a host name the certificate names, as sslmode=verify-full requires"
	case errors.As(err, &authority):
		return "the server's certificate is not signed by an authority this connection trusts",
			"set sslrootcert to the certificate of the authority that signed the server's; its administrator has it"
	}
	var ve *tls.CertificateVerificationError
	errors.As(err, &ve)
	return "the server's certificate cannot be trusted: " + ve.Err.Error(), "check sslmode and sslrootcert"
}

// certificateNames lists the hosts a certificate is for.
func certificateNames(c *x509.Certificate) string {
	names := slices.Clone(c.DNSNames)
	for _, ip := range c.IPAddresses {
		names = append(names, ip.String())
	}
	if len(names) == 0 {
		return "no host name"
	}
	return strings.Join(names, ", ")
}

// isUnreachable reports a failure to reach the server at all, as opposed
// to the server's answer.
func isUnreachable(err error) bool {
	var ne net.Error
	var ce *pgconn.ConnectError
	return errors.As(err, &ne) || (errors.As(err, &ce) && !errors.As(err, new(*pgconn.PgError)))
}

// SchemaVersion is the database's schema version.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v string
	err := s.pool.QueryRow(ctx, "SELECT value FROM meta WHERE key = 'schema_version'").Scan(&v)
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(v)
}
