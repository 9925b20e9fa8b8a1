package app

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The timeline reads a stretch of days at a time: the rows of the lanes
// with few enough events there to draw one by one, and for the others the
// counts it draws as clusters. What a window costs then follows the
// window and the limits below, not the size of the database.
const (
	// LaneRowLimit is the most events a lane may hold in a window of 32
	// days (the narrowest) and still be read row by row: enough that the
	// busiest lane of a large file shows its events when zoomed in to
	// days (4,000 is 125 a day). A wider window halves it with every
	// doubling, down to MinLaneRowLimit: zoomed out, a lane shows a few
	// hundred marks at most and clusters the rest, which counts draw as
	// well as rows.
	LaneRowLimit    = 4000
	MinLaneRowLimit = 1000
	// WindowRowLimit is the most rows one window reads: the busiest lanes
	// beyond it come as counts.
	WindowRowLimit = 20000
)

// TimelineRequest asks for what the timeline shows of the days From..To,
// with its event lanes standing for Dim (store.DimActor, DimCategory or
// DimTag), of the events Filter keeps.
type TimelineRequest struct {
	From, To when.Day
	Dim      string
	Filter   filter.Filter
}

// TimelineData is what the timeline shows of a stretch of days.
type TimelineData struct {
	From, To when.Day
	// Lanes are every lane of the filtered events, busiest first, so that
	// they keep their places as the view moves.
	Lanes []store.LaneCount
	// Events are the rows of the lanes read one by one, without
	// descriptions and links.
	Events []model.Event
	// Buckets are the counts of the other lanes: events by first day in
	// store.BucketDays-day buckets.
	Buckets []store.Bucket
}

// Timeline reads what the timeline shows of a window of days. It runs off
// the UI goroutine.
func (r EventReads) Timeline(ctx context.Context, req TimelineRequest) (TimelineData, error) {
	d := TimelineData{From: req.From, To: req.To}
	var err error
	if d.Lanes, err = r.st.Lanes(ctx, req.Dim, req.Filter); err != nil {
		return d, err
	}
	counts, err := r.st.Buckets(ctx, req.Dim, req.Filter, req.From, req.To)
	if err != nil {
		return d, err
	}
	rowLanes := chooseRowLanes(d.Lanes, counts, laneRowLimit(req.To-req.From+1))
	if len(rowLanes) > 0 {
		q := store.EventQuery{Filter: req.Filter, Window: &store.Window{From: req.From, To: req.To}, Brief: true}
		if len(rowLanes) < len(d.Lanes) {
			q.Lanes = &store.LaneSet{Dim: req.Dim, Keys: rowLanes}
		}
		if d.Events, err = r.st.Events(ctx, q); err != nil {
			return d, err
		}
	}
	for _, b := range counts {
		if _, rows := slices.BinarySearch(rowLanes, b.Lane); !rows {
			d.Buckets = append(d.Buckets, b)
		}
	}
	return d, nil
}

// laneRowLimit is the most events a lane of a window of so many days may
// hold and be read row by row.
func laneRowLimit(days when.Day) int {
	limit := LaneRowLimit
	for span := when.Day(store.BucketDays); span < days && limit > MinLaneRowLimit; span *= 2 {
		limit /= 2
	}
	return max(limit, MinLaneRowLimit)
}

// chooseRowLanes picks the lanes to read row by row from a window's
// counts: the quietest first, each with at most limit events, until
// WindowRowLimit rows. A lane with no event beginning in the window is
// read too, for its spans from before it. The result is sorted.
func chooseRowLanes(lanes []store.LaneCount, counts []store.Bucket, limit int) []string {
	perLane := make(map[string]int, len(lanes))
	for _, l := range lanes {
		perLane[l.Lane] = 0
	}
	for _, b := range counts {
		perLane[b.Lane] += b.N
	}
	names := make([]string, 0, len(perLane))
	for l := range perLane {
		names = append(names, l)
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(perLane[a], perLane[b]), strings.Compare(a, b))
	})
	var rows []string
	total := 0
	for _, l := range names {
		n := perLane[l]
		if n > limit || total+n > WindowRowLimit {
			break
		}
		rows = append(rows, l)
		total += n
	}
	slices.Sort(rows)
	return rows
}
