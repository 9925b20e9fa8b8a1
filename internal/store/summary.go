package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/store/sqltext"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The timeline, zoomed out over years, draws clusters with counts rather
// than events; at a million events it must not read a million rows for
// that. event_buckets keeps, per lane (an actor or a category) and per
// BucketDays-day bucket of the events' first days, how many events there
// are; every write keeps it (triggers, and one grouped statement per bulk
// write). A view of ten years reads a few hundred numbers per lane. The
// table and its triggers are in package schema (migration6.go).

// BucketShift sets the width of a bucket: 2^BucketShift days (32).
const BucketShift = 5

// BucketDays is the width of a bucket in days.
const BucketDays = 1 << BucketShift

// Dimensions the timeline groups events by. Counts are kept by actor and
// by category; by tag they are counted when asked.
const (
	DimActor    = "actor"
	DimCategory = "category"
	DimTag      = "tag"
)

// Summary reads counts rather than records: how many events a filter
// keeps, which lanes there are and how full, and the bucket counts the
// timeline draws its clusters from when zoomed out.
type Summary struct{ s *Store }

// Summary gives the counts of s.
func (s *Store) Summary() *Summary { return &Summary{s} }

// CountEvents returns how many events f keeps (every event for a zero
// filter).
func (m *Summary) CountEvents(ctx context.Context, f filter.Filter) (int, error) {
	where, args := filterEventsSQL(f)
	query := "SELECT count(*) FROM events e"
	if len(where) == 0 {
		// Every event: the kept counts add up to it, without a scan.
		query = "SELECT coalesce(sum(n), 0) FROM event_buckets WHERE dim = 'category'"
	}
	query += sqltext.Where(where)
	var n int
	err := m.s.db.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, wrap(err)
}

// LaneCount is a lane of a dimension and how many events it holds.
type LaneCount struct {
	Lane string
	N    int
}

// laneSQL is the lane of an event (as e) under dimension dim: the actor
// (trimmed), the category, or the first of its tags in byte order ("" for
// none), as the timeline groups events.
func laneSQL(dim string) (string, error) {
	switch dim {
	case DimActor:
		return "trim(e.actor)", nil
	case DimCategory:
		return "e.category", nil
	case DimTag:
		return `coalesce((SELECT min(t.name) FROM event_tags et JOIN tags t ON t.id = et.tag_id
			WHERE et.event_id = e.id), '')`, nil
	}
	return "", fmt.Errorf("store: no lanes of %q", dim)
}

// kept reports whether the counts of dim under f can be read from
// event_buckets, and with which condition on their lanes: for every event
// by actor or category (the parts of a filter that concern predictions
// only do not count), and for some categories by category or some actors
// by actor. Anything else is counted from the events when asked.
func kept(dim string, f filter.Filter) (laneCond string, args []any, ok bool) {
	if dim != DimActor && dim != DimCategory {
		return "", nil, false
	}
	events := filter.Filter{Categories: f.Categories, Actors: f.Actors, Tags: f.Tags, From: f.From, To: f.To, Batch: f.Batch}
	switch {
	case events.IsZero():
		return "1", nil, true
	case dim == DimCategory && events.SameAs(filter.Filter{Categories: f.Categories}):
		for _, c := range f.Categories {
			args = append(args, string(c))
		}
		return "lane IN (" + placeholders(len(args)) + ")", args, true
	case dim == DimActor && events.SameAs(filter.Filter{Actors: f.Actors}):
		for _, a := range f.Actors {
			args = append(args, strings.TrimSpace(a))
		}
		return "lane COLLATE NOCASE IN (" + placeholders(len(args)) + ")", args, true
	}
	return "", nil, false
}

// Lanes lists the lanes of dimension dim (every actor, category or first
// tag) among the events f keeps, with their number of events, most first.
// For every event by actor or category it reads the kept counts, which
// cost the number of buckets; otherwise it counts the events f keeps.
func (m *Summary) Lanes(ctx context.Context, dim string, f filter.Filter) ([]LaneCount, error) {
	query, args, err := m.lanesQuery(dim, f)
	if err != nil {
		return nil, err
	}
	return queryAll(ctx, m.s, func(r scanner) (LaneCount, error) {
		var l LaneCount
		err := r.Scan(&l.Lane, &l.N)
		return l, err
	}, query, args...)
}

func (m *Summary) lanesQuery(dim string, f filter.Filter) (string, []any, error) {
	if cond, args, ok := kept(dim, f); ok {
		return `SELECT lane, sum(n) FROM event_buckets WHERE dim = ? AND ` + cond + `
			GROUP BY lane ORDER BY sum(n) DESC, lane`, append([]any{dim}, args...), nil
	}
	lane, err := laneSQL(dim)
	if err != nil {
		return "", nil, err
	}
	where, args := filterEventsSQL(f)
	query := "SELECT " + lane + " AS lane, count(*) AS n FROM events e"
	query += sqltext.Where(where)
	return query + " GROUP BY 1 ORDER BY 2 DESC, 1", args, nil
}

// Bucket is how many events of a lane begin in one bucket.
type Bucket struct {
	Lane   string
	Bucket int64 // first day >> BucketShift
	N      int
}

// BucketStart is the first day of bucket b.
func BucketStart(b int64) when.Day { return when.Day(b << BucketShift) }

// Buckets counts, per lane of dimension dim and per bucket, the events f
// keeps that begin in the buckets overlapping the days from..to. For every
// event by actor or category it reads the kept counts: a few hundred rows
// per lane for a view of years, whatever the number of events. Otherwise
// it counts the events, at a cost that grows with those in the window.
func (m *Summary) Buckets(ctx context.Context, dim string, f filter.Filter, from, to when.Day) ([]Bucket, error) {
	lo, hi := int64(from)>>BucketShift, int64(to)>>BucketShift
	var query string
	var args []any
	if cond, cargs, ok := kept(dim, f); ok {
		query = `SELECT lane, bucket, n FROM event_buckets
			WHERE dim = ? AND bucket BETWEEN ? AND ? AND ` + cond + ` ORDER BY bucket, lane`
		args = append([]any{dim, lo, hi}, cargs...)
	} else {
		lane, err := laneSQL(dim)
		if err != nil {
			return nil, err
		}
		where, fargs := filterEventsSQL(f)
		where = append(where, "e.earliest BETWEEN ? AND ?")
		fargs = append(fargs, lo<<BucketShift, (hi+1)<<BucketShift-1)
		query = fmt.Sprintf("SELECT %s, e.earliest >> %d, count(*) FROM events e WHERE %s GROUP BY 1, 2 ORDER BY 2, 1",
			lane, BucketShift, strings.Join(where, " AND "))
		args = fargs
	}
	return queryAll(ctx, m.s, func(r scanner) (Bucket, error) {
		var b Bucket
		err := r.Scan(&b.Lane, &b.Bucket, &b.N)
		return b, err
	}, query, args...)
}

// Extent is the first and last day of the events f keeps; ok is false
// when it keeps none.
func (m *Summary) Extent(ctx context.Context, f filter.Filter) (first, last when.Day, ok bool, err error) {
	where, args := filterEventsSQL(f)
	query := "SELECT min(e.earliest), max(e.latest) FROM events e"
	query += sqltext.Where(where)
	var lo, hi sql.NullInt64
	if err := m.s.db.QueryRowContext(ctx, query, args...).Scan(&lo, &hi); err != nil {
		return 0, 0, false, wrap(err)
	}
	return when.Day(lo.Int64), when.Day(hi.Int64), lo.Valid && hi.Valid, nil
}

// laneWindowSQL selects (as ids) the events of some lanes that overlap the
// days from..to, through an index rather than through every event of the
// window: those of the lanes that begin in the window (by lane and day),
// and any that began before it and still run on its first day (a point
// query of the date index). The caller keeps the lanes' events of the
// second part. ok is false for a dimension with no such index.
func laneWindowSQL(dim string, n int) (query string, ok bool) {
	if dim != DimActor {
		// A category or tag lane is rarely quiet in a large file; its rows
		// come from the window's events.
		return "", false
	}
	// The index ignores case, as the filter by actor does; the caller's
	// lane condition keeps the exact names.
	return "e.id IN (SELECT id FROM events WHERE actor COLLATE NOCASE IN (" + placeholders(n) + `) AND earliest BETWEEN ? AND ?
		UNION ALL SELECT id FROM events_span WHERE earliest <= ? AND latest >= ?)`, true
}
