package engine

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
)

// A target names a database: a file's path, a postgres:// or
// postgresql:// address, or libpq's key=value form
// ("host=db.example.org dbname=hindsight user=ana sslmode=verify-full").

// IsServer reports whether target names a database on a PostgreSQL server
// rather than a file.
func IsServer(target string) bool {
	return isURL(target) || isKeyValue(target)
}

func isURL(target string) bool {
	lower := strings.ToLower(strings.TrimSpace(target))
	return strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://")
}

// libpqKeys are the connection keywords that make a target read as
// key=value settings rather than a file name with "=" in it.
var libpqKeys = map[string]bool{
	"host": true, "hostaddr": true, "port": true, "dbname": true, "user": true, "password": true,
	"passfile": true, "service": true, "sslmode": true, "connect_timeout": true, "application_name": true,
	"sslrootcert": true, "sslcert": true, "sslkey": true, "options": true, "target_session_attrs": true,
}

// isKeyValue reports whether target is libpq's key=value form: its first
// word is a connection keyword followed by "=".
func isKeyValue(target string) bool {
	t := strings.TrimSpace(target)
	i := strings.IndexByte(t, '=')
	if i <= 0 {
		return false
	}
	return libpqKeys[strings.ToLower(strings.TrimSpace(t[:i]))]
}

// Redact is target without its password: the path of a file unchanged, an
// address without the password of its user part or its password
// parameter, key=value settings without password=…. Everything else
// (sslmode above all) is kept, so the result opens the same database when
// the password comes from PGPASSWORD or ~/.pgpass.
func Redact(target string) string {
	switch {
	case isURL(target):
		return redactURL(target)
	case isKeyValue(target):
		return redactKeyValue(target)
	}
	return target
}

// userInfo matches the user part of an address that url.Parse cannot
// read, to take it out whole.
var userInfo = regexp.MustCompile(`^([a-zA-Z]+://)[^@/]*@`)

func redactURL(target string) string {
	u, err := url.Parse(strings.TrimSpace(target))
	if err != nil {
		// Keep nothing that may be a password: drop the whole user part.
		return userInfo.ReplaceAllString(strings.TrimSpace(target), "$1")
	}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.User(u.User.Username())
		}
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// redactKeyValue drops the password=… setting of libpq's key=value form,
// whose values may be quoted ('a b') with backslash escapes.
func redactKeyValue(target string) string {
	var kept []string
	for _, kv := range splitKeyValues(target) {
		key, _, _ := strings.Cut(kv, "=")
		if strings.EqualFold(strings.TrimSpace(key), "password") {
			continue
		}
		kept = append(kept, kv)
	}
	return strings.Join(kept, " ")
}

// splitKeyValues splits key=value settings into "key=value" pieces, each
// value as written (quotes and escapes kept).
func splitKeyValues(s string) []string {
	var out []string
	r := []rune(strings.TrimSpace(s))
	for i := 0; i < len(r); {
		for i < len(r) && unicode.IsSpace(r[i]) {
			i++
		}
		start := i
		for i < len(r) && r[i] != '=' && !unicode.IsSpace(r[i]) {
			i++
		}
		key := string(r[start:i])
		for i < len(r) && unicode.IsSpace(r[i]) {
			i++
		}
		if i >= len(r) || r[i] != '=' {
			if key != "" {
				out = append(out, key)
			}
			continue
		}
		i++ // the '='
		for i < len(r) && unicode.IsSpace(r[i]) {
			i++
		}
		vstart := i
		if i < len(r) && r[i] == '\'' {
			for i++; i < len(r) && r[i] != '\''; i++ {
				if r[i] == '\\' {
					i++
				}
			}
			i++ // the closing quote
		} else {
			for i < len(r) && !unicode.IsSpace(r[i]) {
				if r[i] == '\\' {
					i++
				}
				i++
			}
		}
		i = min(i, len(r))
		out = append(out, key+"="+string(r[vstart:i]))
	}
	return out
}

// ConnectTimeout is how long, in seconds, opening a server database waits
// for the server to answer when the target does not say
// (connect_timeout): an unreachable host is reported after this long
// rather than after the system's TCP timeout of minutes.
const ConnectTimeout = "10"

// withConnectTimeout adds connect_timeout to a server target that has
// none.
func withConnectTimeout(target string) string {
	if isKeyValue(target) {
		for _, kv := range splitKeyValues(target) {
			if key, _, _ := strings.Cut(kv, "="); strings.EqualFold(key, "connect_timeout") {
				return target
			}
		}
		return strings.TrimSpace(target) + " connect_timeout=" + ConnectTimeout
	}
	u, err := url.Parse(strings.TrimSpace(target))
	if err != nil {
		return target // pgx says what is wrong with it
	}
	q := u.Query()
	if q.Has("connect_timeout") {
		return target
	}
	q.Set("connect_timeout", ConnectTimeout)
	u.RawQuery = q.Encode()
	return u.String()
}
