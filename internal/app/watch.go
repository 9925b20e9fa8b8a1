package app

import (
	"context"
	"time"
)

// WatchInterval is how often Watch looks for changes made elsewhere: a
// change shows in the window within about this long.
const WatchInterval = 400 * time.Millisecond

// Watch calls changed, from its own goroutine, whenever another window,
// the command-line tool or another program has written to the database,
// until ctx is done. The window's own writes do not count: it reloads
// after them itself. A failed look is tried again at the next tick.
func (s *Session) Watch(ctx context.Context, changed func()) {
	last, err := s.st.DataVersion(ctx)
	if err != nil {
		last = -1
	}
	ticker := time.NewTicker(WatchInterval)
	go func() {
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
				v, err := s.st.DataVersion(ctx)
				if err != nil {
					continue
				}
				if last >= 0 && v != last {
					changed()
				}
				last = v
			}
		}
	}()
}
