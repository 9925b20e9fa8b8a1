package ui

import (
	"context"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview"
	"github.com/hindsight-app/hindsight/internal/when"
)

// timelineSource gives the timeline the events of a session that a filter
// keeps, a window of days at a time.
type timelineSource struct {
	session *app.Session
	filter  filter.Filter
}

func (s timelineSource) Window(ctx context.Context, from, to when.Day, g timelineview.Grouping) (app.TimelineData, error) {
	return s.session.Reads().Timeline(ctx, app.TimelineRequest{From: from, To: to, Dim: g.Dim(), Filter: s.filter})
}

func (s timelineSource) Extent(ctx context.Context) (first, last when.Day, ok bool, err error) {
	return s.session.Reads().Extent(ctx, s.filter)
}
