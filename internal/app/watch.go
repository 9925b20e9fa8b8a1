package app

import (
	"context"
	"sync"
	"time"

	"github.com/hindsight-app/hindsight/internal/engine"
)

// Watcher follows what happens to the database elsewhere: changes other
// windows, programs and people make, and whether a server still answers.
type Watcher struct{ s *Session }

// Watcher gives what follows the session's database.
func (s *Session) Watcher() Watcher { return Watcher{s} }

// WatchInterval is how often Watch looks for changes made elsewhere in a
// SQLite file: a change shows in the window within about this long. A
// server announces its changes as they are committed.
const WatchInterval = engine.PollInterval

// Watch calls changed, from its own goroutine, whenever another window,
// the command-line tool or another program has written to the database,
// until ctx is done. Writes committed after Watch returns are reported.
// Changes that come together are one call. On SQLite the window's own
// writes do not count (it reloads after them itself); a server announces
// every write, the window's own too, and after a lost connection is made
// again, that anything may have changed.
func (x Watcher) Watch(ctx context.Context, changed func()) {
	x.WatchChanges(ctx, func([]engine.Change) { changed() })
}

// WatchChanges is Watch with what changed, as far as the database says
// (see engine.Change): a window may re-read only those records, and must
// re-read everything after a Change that is Missed.
func (x Watcher) WatchChanges(ctx context.Context, changed func([]engine.Change)) {
	in := x.s.st.Watch(ctx)
	go func() {
		for c := range in {
			batch := []engine.Change{c}
			for more := true; more; {
				select {
				case next, ok := <-in:
					if ok {
						batch = append(batch, next)
					}
					more = ok
				default:
					more = false
				}
			}
			changed(batch)
		}
	}()
}

// ConnectionState is whether the database answers.
type ConnectionState struct {
	Alive bool
	// Err is why the last look failed, while not Alive.
	Err error
	// Since is when the database last began to answer or stopped; zero
	// until the first change.
	Since time.Time
}

// HeartbeatInterval is how often WatchConnection asks a server whether it
// answers, and HeartbeatTimeout how long it waits for the answer.
const (
	HeartbeatInterval = time.Second
	HeartbeatTimeout  = 3 * time.Second
)

// connection is the last known ConnectionState, shared by the heartbeat
// goroutine and its readers.
type connection struct {
	mu    sync.Mutex
	state ConnectionState
}

func (c *connection) get() ConnectionState {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.state
}

// set records whether the database answered; it reports the new state
// when it differs from the last.
func (c *connection) set(err error, now time.Time) (ConnectionState, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	alive := err == nil
	if alive == c.state.Alive {
		if !alive {
			c.state.Err = err
		}
		return c.state, false
	}
	c.state = ConnectionState{Alive: alive, Err: err, Since: now}
	return c.state, true
}

// Connection is the last known state of the connection: alive until
// WatchConnection finds otherwise. A file is always alive.
func (x Watcher) Connection() ConnectionState { return x.s.conn.get() }

// WatchConnection asks a server every HeartbeatInterval whether it
// answers, until ctx is done, and calls changed from its own goroutine
// when the connection is lost and when it is back. The reads and writes
// themselves connect again on their own (the connection pool opens a new
// connection when one is needed); so does Watch, which then reports that
// anything may have changed. On a file it does nothing.
func (x Watcher) WatchConnection(ctx context.Context, changed func(ConnectionState)) {
	if !x.s.st.Shared() {
		return
	}
	go engine.Every(ctx, HeartbeatInterval, func() {
		pingCtx, cancel := context.WithTimeout(ctx, HeartbeatTimeout)
		err := x.s.st.Ping(pingCtx)
		cancel()
		if ctx.Err() != nil {
			return // stopped while asking: no answer to report
		}
		if state, differs := x.s.conn.set(err, time.Now()); differs {
			changed(state)
		}
	})
}
