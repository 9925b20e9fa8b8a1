package pgstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/sqltext"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The counts the timeline draws when zoomed out, with the SQLite store's
// semantics (see store.Summary): lanes are trimmed actors, categories or
// first tags; buckets are 2^store.BucketShift days of the events' first
// days; the counts by actor and category are kept in event_buckets.

// CountEvents returns how many events f keeps (every event for a zero
// filter).
func (sm *Summary) CountEvents(ctx context.Context, f filter.Filter) (int, error) {
	var a args
	where := filterEvents(&a, f)
	query := "SELECT count(*) FROM events e WHERE " + strings.Join(where, " AND ")
	if len(where) == 0 {
		// Every event: the kept counts add up to it, without a scan.
		query = "SELECT coalesce(sum(n), 0)::bigint FROM event_buckets WHERE dim = 'category'"
	}
	var n int
	err := sm.s.pool.QueryRow(ctx, query, a...).Scan(&n)
	return n, err
}

// laneSQL is the lane of an event (as e) under dimension dim.
func laneSQL(dim string) (string, error) {
	switch dim {
	case store.DimActor:
		return "trim(e.actor)", nil
	case store.DimCategory:
		return "e.category", nil
	case store.DimTag:
		return `coalesce((SELECT min(t.name COLLATE "C") FROM event_tags et JOIN tags t ON t.id = et.tag_id
			WHERE et.event_id = e.id), '')`, nil
	}
	return "", fmt.Errorf("pgstore: no lanes of %q", dim)
}

// kept reports whether the counts of dim under f can be read from
// event_buckets, and with which condition on their lanes (see the SQLite
// store's kept).
func kept(a *args, dim string, f filter.Filter) (laneCond string, ok bool) {
	if dim != store.DimActor && dim != store.DimCategory {
		return "", false
	}
	events := filter.Filter{Categories: f.Categories, Actors: f.Actors, Tags: f.Tags, From: f.From, To: f.To, Batch: f.Batch}
	switch {
	case events.IsZero():
		return "true", true
	case dim == store.DimCategory && events.SameAs(filter.Filter{Categories: f.Categories}):
		cats := make([]string, len(f.Categories))
		for i, c := range f.Categories {
			cats[i] = string(c)
		}
		return "lane = ANY(" + a.add(cats) + "::text[])", true
	case dim == store.DimActor && events.SameAs(filter.Filter{Actors: f.Actors}):
		actors := make([]string, len(f.Actors))
		for i, x := range f.Actors {
			actors[i] = asciiLower(strings.TrimSpace(x))
		}
		return "ascii_fold(lane) = ANY(" + a.add(actors) + "::text[])", true
	}
	return "", false
}

// Lanes lists the lanes of dimension dim among the events f keeps, with
// their number of events, most first.
func (sm *Summary) Lanes(ctx context.Context, dim string, f filter.Filter) ([]store.LaneCount, error) {
	var a args
	var query string
	if cond, ok := kept(&a, dim, f); ok {
		query = `SELECT lane, sum(n)::bigint FROM event_buckets WHERE dim = ` + a.add(dim) + ` AND ` + cond + `
			GROUP BY lane ORDER BY sum(n) DESC, lane COLLATE "C"`
	} else {
		lane, err := laneSQL(dim)
		if err != nil {
			return nil, err
		}
		where := filterEvents(&a, f)
		query = "SELECT " + lane + " AS lane, count(*) AS n FROM events e"
		query += sqltext.Where(where)
		query = `SELECT lane, n FROM (` + query + ` GROUP BY 1) l ORDER BY n DESC, lane COLLATE "C"`
	}
	rows, err := sm.s.pool.Query(ctx, query, a...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.LaneCount, error) {
		var l store.LaneCount
		err := r.Scan(&l.Lane, &l.N)
		return l, err
	})
}

// Buckets counts, per lane of dimension dim and per bucket, the events f
// keeps that begin in the buckets overlapping the days from..to.
func (sm *Summary) Buckets(ctx context.Context, dim string, f filter.Filter, from, to when.Day) ([]store.Bucket, error) {
	lo, hi := int64(from)>>store.BucketShift, int64(to)>>store.BucketShift
	var a args
	var query string
	if cond, ok := kept(&a, dim, f); ok {
		query = `SELECT lane, bucket, n FROM event_buckets WHERE dim = ` + a.add(dim) + ` AND bucket BETWEEN ` +
			a.add(lo) + ` AND ` + a.add(hi) + ` AND ` + cond + ` ORDER BY bucket, lane COLLATE "C"`
	} else {
		lane, err := laneSQL(dim)
		if err != nil {
			return nil, err
		}
		where := filterEvents(&a, f)
		where = append(where, "e.earliest BETWEEN "+a.add(lo<<store.BucketShift)+" AND "+a.add((hi+1)<<store.BucketShift-1))
		query = fmt.Sprintf(`SELECT lane, bucket, n FROM (SELECT %s AS lane, e.earliest >> %d AS bucket, count(*) AS n
			FROM events e WHERE %s GROUP BY 1, 2) b ORDER BY bucket, lane COLLATE "C"`,
			lane, store.BucketShift, strings.Join(where, " AND "))
	}
	rows, err := sm.s.pool.Query(ctx, query, a...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Bucket, error) {
		var b store.Bucket
		err := r.Scan(&b.Lane, &b.Bucket, &b.N)
		return b, err
	})
}

// Extent is the first and last day of the events f keeps; ok is false
// when it keeps none.
func (sm *Summary) Extent(ctx context.Context, f filter.Filter) (first, last when.Day, ok bool, err error) {
	var a args
	where := filterEvents(&a, f)
	query := "SELECT min(e.earliest), max(e.latest) FROM events e"
	query += sqltext.Where(where)
	var lo, hi *int64
	if err := sm.s.pool.QueryRow(ctx, query, a...).Scan(&lo, &hi); err != nil {
		return 0, 0, false, err
	}
	if lo == nil || hi == nil {
		return 0, 0, false, nil
	}
	return when.Day(*lo), when.Day(*hi), true, nil
}
