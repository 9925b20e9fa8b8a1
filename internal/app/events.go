package app

import (
	"context"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Events are read from the store a page or a window at a time: a table of
// a million events shows the rows in view, sorted by the store, and
// counts with the store's count; the timeline reads a window of days.

// EventReads reads events a page, a window or a search at a time. It is
// safe to use off the UI goroutine.
type EventReads struct{ st engine.Store }

// Reads gives the session's reads of events.
func (s *Session) Reads() EventReads { return EventReads{s.st} }

// EventPage is a page of a sorted list of the events a filter keeps; with
// From..To set, of those that overlap these days. A zero Limit reads them
// all.
type EventPage struct {
	Filter   filter.Filter
	From, To when.Day
	Order    store.EventOrder
	Desc     bool
	Offset   int
	Limit    int
}

// Page reads one page of events, without descriptions and links. It
// runs off the UI goroutine.
func (r EventReads) Page(ctx context.Context, p EventPage) ([]model.Event, error) {
	q := store.EventQuery{Filter: p.Filter, Order: p.Order, Desc: p.Desc, Offset: p.Offset, Limit: p.Limit, Brief: true}
	if p.From != 0 || p.To != 0 {
		q.Window = &store.Window{From: p.From, To: p.To}
	}
	return r.st.Events(ctx, q)
}

// Count counts the events f keeps.
func (r EventReads) Count(ctx context.Context, f filter.Filter) (int, error) {
	return r.st.CountEvents(ctx, f)
}

// Near lists the events that overlap the days from..to, by date,
// without descriptions and links, at most limit of them.
func (r EventReads) Near(ctx context.Context, from, to when.Day, limit int) ([]model.Event, error) {
	return r.st.Events(ctx, store.EventQuery{Window: &store.Window{From: from, To: to}, Limit: limit, Brief: true})
}

// Search finds up to limit events whose text holds every word of
// query, without descriptions and links.
func (r EventReads) Search(ctx context.Context, query string, limit int) ([]model.Event, error) {
	return r.st.Events(ctx, store.EventQuery{Search: query, Limit: limit, Brief: true})
}

// Extent is the first and last day of the events f keeps; ok is
// false when it keeps none.
func (r EventReads) Extent(ctx context.Context, f filter.Filter) (first, last when.Day, ok bool, err error) {
	return r.st.Extent(ctx, f)
}

// ByID reads the events with these ids that still exist, by date, without
// descriptions and links: one query, however many ids.
func (r EventReads) ByID(ctx context.Context, ids []int64) ([]model.Event, error) {
	if len(ids) == 0 {
		return nil, nil // a nil IDs would read every event
	}
	return r.st.Events(ctx, store.EventQuery{IDs: ids, Brief: true})
}
