package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/hindsight-app/hindsight/internal/engine"
)

// What a window needs to follow its connection to a server: whether it
// answers, when it will be asked again after it stopped, and, for a
// failure, whether the connection or the server's answer is to blame.

// Reconnection says when a lost connection will be tried again: the
// first retry after RetryFirst, each next one after twice as long, up to
// RetryMost.
const (
	RetryFirst = time.Second
	RetryMost  = 16 * time.Second
)

// FollowConnection asks a server every HeartbeatInterval whether it
// answers, until ctx is done. When it stops answering it asks again with
// backoff (RetryFirst, doubling up to RetryMost) and calls changed, from
// its own goroutine, after every failed attempt with the time of the next
// one; it calls changed once more when the server answers again. The
// reads and writes themselves reconnect on their own (the connection pool
// opens a new connection when one is needed), and so does Watch. On a
// file it does nothing.
func (x Watcher) FollowConnection(ctx context.Context, changed func(state ConnectionState, next time.Time)) {
	if !x.s.st.Shared() {
		return
	}
	go func() {
		wait := HeartbeatInterval
		retry := RetryFirst
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			pingCtx, cancel := context.WithTimeout(ctx, HeartbeatTimeout)
			err := x.s.st.Ping(pingCtx)
			cancel()
			if ctx.Err() != nil {
				return
			}
			state, differs := x.s.conn.set(err, time.Now())
			if err == nil {
				wait, retry = HeartbeatInterval, RetryFirst
				if differs {
					changed(state, time.Time{})
				}
				continue
			}
			wait = retry
			retry = min(2*retry, RetryMost)
			changed(state, time.Now().Add(wait))
		}
	}()
}

// ConnectProblem is what kept a server's database from opening, or a
// write from reaching it, as far as a person can act on it.
type ConnectProblem int

// The problems ConnectProblemOf tells apart.
const (
	// ProblemOther is any other failure, or none.
	ProblemOther ConnectProblem = iota
	// ProblemPassword: the server refused the password (or there was none).
	ProblemPassword
	// ProblemUnreachable: no server answered at the address.
	ProblemUnreachable
	// ProblemNoDatabase: the server has no database of that name.
	ProblemNoDatabase
	// ProblemNotAllowed: the server does not let the role connect from here.
	ProblemNotAllowed
	// ProblemLost: the connection broke or the server stopped taking
	// connections.
	ProblemLost
)

// ConnectProblemOf tells what err, from opening a server's database or
// from a read or write on it, says went wrong.
func ConnectProblemOf(err error) ConnectProblem {
	if err == nil {
		return ProblemOther
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "28P01":
			return ProblemPassword
		case pe.Code == "28000":
			return ProblemNotAllowed
		case pe.Code == "3D000":
			return ProblemNoDatabase
		case strings.HasPrefix(pe.Code, "08"), pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", pe.Code == "55000":
			// Connection exceptions, a backend terminated or a server
			// shutting down, a database not taking connections.
			return ProblemLost
		}
		return ProblemOther
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		if strings.Contains(ce.Error(), "password") {
			return ProblemPassword // no password given where one is needed
		}
		return ProblemUnreachable
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || pgconn.Timeout(err) || pgconn.SafeToRetry(err) {
		return ProblemLost
	}
	if strings.Contains(err.Error(), "conn closed") {
		return ProblemLost
	}
	return ProblemOther
}

// IsServer reports whether target names a database on a server rather
// than a file (see engine.IsServer).
func IsServer(target string) bool { return engine.IsServer(target) }

// Redact is target without its password (see engine.Redact): what may be
// shown, logged and remembered.
func Redact(target string) string { return engine.Redact(target) }

// ServerOf names the database a server's target opens, for a status bar:
// the database, the role, and the host and port (or the socket's
// directory). Never the password. A target that cannot be read gives
// itself, without its password, as the host.
func ServerOf(target string) (database, user, host string) {
	config, err := pgconn.ParseConfig(target)
	if err != nil {
		return "", "", Redact(target)
	}
	host = config.Host
	if !strings.HasPrefix(host, "/") {
		host = net.JoinHostPort(host, strconv.Itoa(int(config.Port)))
	}
	return config.Database, config.User, host
}

// ServerTarget makes the target of a server's database from what a
// person typed: address is a postgres:// address or key=value settings
// (database and user then fill in only what it leaves out), or a host
// name with an optional port ("db.example.org:5433"), or the directory of
// a Unix socket. A password, when given, is added for this connection
// only: Redact takes it out again for anything kept. Without one the
// driver takes it from PGPASSWORD or ~/.pgpass.
func ServerTarget(address, database, user, password string) (string, error) {
	address, database, user = strings.TrimSpace(address), strings.TrimSpace(database), strings.TrimSpace(user)
	if address == "" {
		return "", errors.New("no server address")
	}
	if engine.IsServer(address) && !strings.Contains(address, "://") {
		// key=value settings: add what they leave out.
		settings := address
		have := func(key string) bool { return strings.Contains(" "+settings, " "+key+"=") }
		for _, kv := range [][2]string{{"dbname", database}, {"user", user}, {"password", password}} {
			if kv[1] != "" && !have(kv[0]) {
				settings += " " + kv[0] + "=" + quoteSetting(kv[1])
			}
		}
		return settings, nil
	}
	var u *url.URL
	if engine.IsServer(address) {
		var err error
		if u, err = url.Parse(address); err != nil {
			return "", fmt.Errorf("cannot read the address: %w", err)
		}
	} else {
		u = &url.URL{Scheme: "postgres"}
		if strings.HasPrefix(address, "/") {
			q := url.Values{}
			q.Set("host", address) // a socket's directory
			u.RawQuery = q.Encode()
		} else {
			u.Host = address
		}
	}
	if strings.Trim(u.Path, "/") == "" && database != "" {
		u.Path = "/" + database
	}
	name := user
	if u.User != nil && u.User.Username() != "" {
		name = u.User.Username()
	}
	switch {
	case password != "" && name != "":
		u.User = url.UserPassword(name, password)
	case password != "":
		q := u.Query()
		q.Set("password", password)
		u.RawQuery = q.Encode()
	case name != "" && u.User == nil:
		u.User = url.User(name)
	}
	return u.String(), nil
}

// quoteSetting quotes a value of libpq's key=value settings.
func quoteSetting(v string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
}
