package pgstore

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"
)

// ChangesChannel is the channel every write is announced on (see the
// schema's notify_changes).
const ChangesChannel = "hindsight_changes"

// Change is a write some client committed.
type Change struct {
	// Table is what changed ("events", "predictions"). A prediction
	// whose evidence was dropped with a deleted event is reported as an
	// update of it.
	Table string `json:"table"`
	// Op is "insert", "update" or "delete".
	Op string `json:"op"`
	// IDs are the records written; nil when there were too many to list:
	// re-read the table.
	IDs []int64 `json:"ids"`
	// Missed is set, alone, after the connection that listens was lost
	// and made again: changes may have been missed meanwhile, so re-read
	// everything.
	Missed bool `json:"-"`
}

// Watch reports every write committed to the database, by any client
// (this one included), until ctx is done; then the channel is closed. It
// listens on a connection of its own; when that connection is lost, it
// connects again, waiting longer after each failure (up to 30 s), and then
// sends a Change with Missed set.
func (s *Store) Watch(ctx context.Context) <-chan Change {
	out := make(chan Change, 64)
	ready := make(chan struct{})
	go func() {
		defer close(out)
		first := true
		for backoff := 100 * time.Millisecond; ctx.Err() == nil; {
			conn, err := listen(ctx, s.config.ConnConfig)
			if err != nil {
				if first {
					first = false
					close(ready)
				}
				select {
				case <-ctx.Done():
					return
				case <-time.After(backoff):
				}
				backoff = min(2*backoff, 30*time.Second)
				continue
			}
			if first {
				first = false
				close(ready)
			} else if !send(ctx, out, Change{Missed: true}) {
				conn.Close(context.WithoutCancel(ctx))
				return
			}
			backoff = 100 * time.Millisecond
			relay(ctx, conn, out)
			conn.Close(context.WithoutCancel(ctx))
		}
	}()
	// Writes committed after Watch returns are reported: it returns once
	// it listens (or has failed to connect for the first time).
	select {
	case <-ready:
	case <-ctx.Done():
	}
	return out
}

// listen opens a connection that listens on ChangesChannel.
func listen(ctx context.Context, config *pgx.ConnConfig) (*pgx.Conn, error) {
	conn, err := pgx.ConnectConfig(ctx, config.Copy())
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+ChangesChannel); err != nil {
		conn.Close(ctx)
		return nil, err
	}
	return conn, nil
}

// relay sends the notifications conn receives until it fails or ctx is
// done.
func relay(ctx context.Context, conn *pgx.Conn, out chan<- Change) {
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return
		}
		var c Change
		if err := json.Unmarshal([]byte(n.Payload), &c); err != nil {
			// Not one of ours (someone else notified on the channel):
			// say something changed rather than drop it.
			c = Change{Missed: true}
		}
		if !send(ctx, out, c) {
			return
		}
	}
}

func send(ctx context.Context, out chan<- Change, c Change) bool {
	select {
	case out <- c:
		return true
	case <-ctx.Done():
		return false
	}
}
