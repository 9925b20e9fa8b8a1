package timelineview

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/storetest"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/items"
	"github.com/hindsight-app/hindsight/internal/when"
)

// sessionSource reads a real database through the application layer, as
// the window does, and counts the windows it was asked for.
type sessionSource struct {
	s     *app.Session
	reads *atomic.Int64
}

func (src sessionSource) Window(ctx context.Context, from, to when.Day, g Grouping) (app.TimelineData, error) {
	src.reads.Add(1)
	return src.s.Reads().Timeline(ctx, app.TimelineRequest{From: from, To: to, Dim: g.Dim()})
}

func (src sessionSource) Extent(ctx context.Context) (when.Day, when.Day, bool, error) {
	return src.s.Reads().Extent(ctx, filter.Filter{})
}

// feedTimeline is a timeline reading n synthetic events from a real file,
// with its reads run in line.
func feedTimeline(t *testing.T, n int) (*View, sessionSource, []model.Event) {
	t.Helper()
	saved := Background
	Background = func(work func()) { work() }
	t.Cleanup(func() { Background = saved })
	path := filepath.Join(t.TempDir(), "big.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Bulk().AddEvents(context.Background(), synth.New(5).Events(n)); err != nil {
		t.Fatal(err)
	}
	all, err := st.Events(context.Background(), store.EventQuery{Brief: true})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	s := storetest.OpenedAt(t, app.Open, path)
	tv, _ := newTestTimeline(t, 1400, 900)
	src := sessionSource{s: s, reads: &atomic.Int64{}}
	tv.SetSource(src, func(err error) { t.Errorf("a read failed: %v", err) })
	return tv, src, all
}

// TestFeedShowsEveryEventAsARowOrACount: zoomed out over everything, the
// timeline stands for every event of the file, read as rows or counted in
// clusters; zoomed in to a month, every event of the month in a lane read
// row by row is a mark of its own.
func TestFeedShowsEveryEventAsARowOrACount(t *testing.T) {
	tv, _, all := feedTimeline(t, 20_000)
	tv.Nav().Fit()
	tv.ensureLayout()
	tv.ensureLayout() // the windows were read in line: lay out from them
	spans := 0
	for _, e := range all {
		if e.Latest() != e.Earliest() {
			spans++
		}
	}
	// A span crossing into the next window may be counted there too.
	if got := tv.index.Records(); got < int64(len(all)) || got > int64(len(all)+spans) {
		t.Fatalf("zoomed out, the timeline stands for %d events of %d", got, len(all))
	}
	if len(tv.lay.Clusters) == 0 {
		t.Error("20,000 events zoomed out are drawn without a cluster")
	}

	first, last := when.DayOf(2023, 3, 1), when.DayOf(2023, 3, 31)
	tv.Nav().ShowRange(first, last)
	tv.ensureLayout()
	tv.ensureLayout()
	marks := 0
	for _, e := range all {
		if e.Latest() < first || e.Earliest() > last {
			continue
		}
		it, ok := tv.index.Item(items.EventID(e.ID))
		if ok {
			marks++
		}
		lane := tv.index.Lane(0)
		if ok {
			lane = tv.index.Lane(it.Lane)
		}
		if !ok && !tv.laneSummarized(e) {
			t.Fatalf("%q (%s) is in view in a lane read row by row, but not on the timeline (lane %q)", e.Title, e.Date, lane.Key)
		}
	}
	if marks < 50 {
		t.Errorf("only %d events of March 2023 were read as rows", marks)
	}
}

// laneSummarized reports whether e's lane is drawn from counts.
func (t *View) laneSummarized(e model.Event) bool {
	key, _ := items.EventLane(&e, t.grouping, t.words)
	for l := 0; l < t.index.LaneCount(); l++ {
		if t.index.Lane(l).Key == key {
			return t.index.Summarized(l)
		}
	}
	return false
}

// TestFeedReadsAhead: the windows beside the view are read with it, so a
// pan by the view's width reads nothing new before it draws.
func TestFeedReadsAhead(t *testing.T) {
	tv, src, _ := feedTimeline(t, 5_000)
	tv.Nav().ShowRange(when.DayOf(2022, 1, 1), when.DayOf(2022, 4, 30))
	tv.ensureLayout()
	tv.ensureLayout()
	before := src.reads.Load()
	if before == 0 {
		t.Fatal("nothing was read")
	}
	tv.Nav().ShowRange(when.DayOf(2022, 5, 1), when.DayOf(2022, 8, 28))
	tv.ensureLayout()
	tv.ensureLayout()
	built := tv.feed.built
	for _, k := range built {
		if w := tv.feed.cache[k]; w == nil || w.loading {
			t.Fatalf("window %+v is not read", k)
		}
	}
	if len(built) == 0 {
		t.Fatal("the panned view was not built from its windows")
	}
	// The pan read only the windows now one further out.
	if extra := src.reads.Load() - before; extra > 2 {
		t.Errorf("a pan by one view read %d windows; those in view were read ahead", extra)
	}
}

// TestFeedRevealsAnEventNotYetRead: selecting an event outside the
// windows read shows it once its window is read.
func TestFeedRevealsAnEventNotYetRead(t *testing.T) {
	tv, _, all := feedTimeline(t, 5_000)
	tv.Nav().ShowRange(when.DayOf(2016, 1, 1), when.DayOf(2016, 1, 31))
	tv.ensureLayout()
	tv.ensureLayout()
	var target model.Event
	for _, e := range all {
		if e.Earliest() > when.DayOf(2025, 6, 1) {
			target = e
			break
		}
	}
	tv.Select(app.EventSelection(target.ID))
	tv.Nav().CenterOn(target.Earliest())
	for range 4 {
		tv.ensureLayout()
	}
	v := tv.nav.viewport()
	if float64(target.Earliest()) > v.End || float64(target.Latest()+1) < v.Start {
		t.Fatalf("the view %v..%v does not show %q (%s)", v.Start, v.End, target.Title, target.Date)
	}
	if _, ok := tv.index.Item(items.EventID(target.ID)); !ok {
		t.Errorf("%q was not read", target.Title)
	}
}

// TestFeedStoppedDropsTheIndexItWasBuilding: when the source goes (the file
// was closed) while an index of its windows is being built, the index is
// not put in place afterwards: the timeline stays empty.
func TestFeedStoppedDropsTheIndexItWasBuilding(t *testing.T) {
	tv, _, _ := feedTimeline(t, 2_000)
	var queued []func()
	Background = func(work func()) { queued = append(queued, work) }
	// runQueued runs the work queued so far, not what that work queues.
	runQueued := func() {
		work := queued
		queued = nil
		for _, w := range work {
			w()
		}
	}
	tv.Nav().ShowRange(when.DayOf(2023, 1, 1), when.DayOf(2023, 12, 31))
	tv.ensureLayout() // asks for the year's windows
	runQueued()       // reads them, and the view starts building their index
	tv.ensureLayout()
	if tv.feed == nil || tv.feed.building == nil || len(queued) == 0 {
		t.Fatal("no index was being built: the test does not reach the case")
	}
	tv.SetSource(nil, nil)
	tv.SetData(nil, nil, nil)
	runQueued() // the build finishes after the source went
	if got := tv.index.Records(); got != 0 {
		t.Errorf("after the source went, the timeline shows %d records of it", got)
	}
}
