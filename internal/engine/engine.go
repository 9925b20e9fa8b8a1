// Package engine names what Hindsight needs of a database engine for its
// events, so that the embedded SQLite file (package store) and a shared
// PostgreSQL server (package pgstore) answer to one interface and one
// conformance suite: the same writes, and the same reads with the same
// results, whichever holds the timeline. Store is a whole database of
// either engine, as the app and the command-line tool use it; Open opens
// one from a file's path or a server's address, and Copy copies one into
// another.
package engine

import (
	"context"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Events are the event operations both engines offer, with the semantics
// documented on package store's methods of the same names.
type Events interface {
	// AddEvent validates and saves a new event, returning it with its id.
	AddEvent(ctx context.Context, e model.Event) (model.Event, error)
	// AddEvents saves many events in one transaction, all or none, and
	// returns their ids in order.
	AddEvents(ctx context.Context, events []model.Event) ([]int64, error)
	// UpdateEvent validates and saves changes to an existing event.
	UpdateEvent(ctx context.Context, e model.Event) (model.Event, error)
	// DeleteEvent removes an event.
	DeleteEvent(ctx context.Context, id int64) error
	// Event reads one event; a missing one is store.ErrNotFound.
	Event(ctx context.Context, id int64) (model.Event, error)
	// Events lists the events q selects (see store.EventQuery).
	Events(ctx context.Context, q store.EventQuery) ([]model.Event, error)
	// CountEvents counts the events f keeps.
	CountEvents(ctx context.Context, f filter.Filter) (int, error)
	// Lanes lists the lanes of a dimension among the events f keeps,
	// busiest first.
	Lanes(ctx context.Context, dim string, f filter.Filter) ([]store.LaneCount, error)
	// Buckets counts the events f keeps per lane and per bucket of days
	// overlapping from..to.
	Buckets(ctx context.Context, dim string, f filter.Filter, from, to when.Day) ([]store.Bucket, error)
	// Extent is the first and last day of the events f keeps.
	Extent(ctx context.Context, f filter.Filter) (first, last when.Day, ok bool, err error)
}

// SQLite gives the event operations of a SQLite store.
func SQLite(s *store.Store) Events { return sqliteRecords(s) }
