package engine

import (
	"context"
	"time"

	"github.com/hindsight-app/hindsight/internal/store"
)

// PollInterval is how often a SQLite store's Watch looks whether another
// connection (another window, the command-line tool) has written to the
// file: a change shows within about this long.
const PollInterval = 400 * time.Millisecond

// SQLiteStore gives the whole of a SQLite store as a Store; closing it
// closes st.
func SQLiteStore(st *store.Store) Store {
	return sqliteStore{database{sqliteRecords(st), st.Periods(), st.UserData(), st.History(), st.Bulk()}, st}
}

// sqliteStore adds to the records and facets what a whole database offers.
type sqliteStore struct {
	database
	file *store.Store
}

func (s sqliteStore) Location() string { return s.file.Path() }
func (s sqliteStore) Name() string     { return s.file.Path() }
func (s sqliteStore) Shared() bool     { return false }

func (s sqliteStore) Checked(ctx context.Context) error { return s.file.Checked(ctx) }

func (s sqliteStore) Backup(ctx context.Context, path string) error {
	return s.file.Backup(ctx, path)
}

func (s sqliteStore) Close() error { return s.file.Close() }

// Writable is always nil: a file that cannot be written is refused when
// opened.
func (s sqliteStore) Writable(context.Context) error { return nil }

func (s sqliteStore) Ping(ctx context.Context) error {
	_, err := s.file.DataVersion(ctx)
	return err
}

// Watch polls SQLite's data_version, which changes when another
// connection commits and not for this store's own writes. A failed look
// is tried again at the next tick. Changes that come while the last is
// not yet taken are one Change.
func (s sqliteStore) Watch(ctx context.Context) <-chan Change {
	out := make(chan Change, 1)
	last, err := s.file.DataVersion(ctx)
	if err != nil {
		last = -1
	}
	go func() {
		defer close(out)
		Every(ctx, PollInterval, func() {
			v, err := s.file.DataVersion(ctx)
			if err != nil {
				return
			}
			if last >= 0 && v != last {
				select {
				case out <- Change{Missed: true}:
				default: // one is waiting already
				}
			}
			last = v
		})
	}()
	return out
}

// Every calls f every interval until ctx is done, then returns: the loop
// behind a SQLite store's Watch and a window's heartbeat.
func Every(ctx context.Context, interval time.Duration, f func()) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			f()
		}
	}
}
