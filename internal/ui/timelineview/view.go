package timelineview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/timeline"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/items"
	"github.com/hindsight-app/hindsight/internal/when"
)

// ViewState is what the timeline remembers between runs.
type ViewState struct {
	Start     float64  `json:"start"`
	End       float64  `json:"end"`
	Grouping  Grouping `json:"grouping"`
	Collapsed []string `json:"collapsed,omitempty"` // lane keys
}

// View is the zoomable timeline of events and predictions.
//
// It draws from a timeline.Layout of the visible window only, copied into
// pools of canvas objects, so its cost follows the viewport, not the data.
// It handles its own vertical scrolling of lanes: do not put it in a
// container.Scroll.
type View struct {
	widget.BaseWidget

	// OnSelect is called when a mark is tapped, and with app.SelectNone when a
	// tap on empty space clears the selection.
	OnSelect func(app.Selection)
	// OnViewChanged is called after the view settles (pan, zoom, Back,
	// Forward) and after grouping or collapsed lanes change: everything
	// ViewState reports except through SetViewState.
	OnViewChanged func()
	// AskDate is called for the G key; it calls done with the chosen day.
	AskDate func(done func(when.Day))
	// OnDoubleTap is called with the day under a double tap on empty space.
	OnDoubleTap func(day when.Day)

	events  []model.Event
	preds   []model.Prediction
	periods []model.Period // drawn as bands behind the events
	eventAt map[int64]int  // record ID → index in events
	predAt  map[int64]int

	index     *timeline.Index
	feed      *feeder // reads events a window at a time; nil when SetData holds them all
	grouping  Grouping
	collapsed items.Collapsed

	sel app.Selection
	nav Navigator
	// hits are the items a search found; nil when no search is shown.
	// Other items are dimmed and hits outlined.
	hits map[int64]bool

	// The layout of the current view, shared by the renderer and hit tests.
	lay     timeline.Layout
	layGen  uint64
	gen     uint64 // bumped by every change of what the layout depends on
	laySize fyne.Size
	met     metrics
	sizer   sizer

	// A drag that began on the scroll bar scrolls the lanes; any other
	// drag pans time. dragging is set from the first event of a drag.
	dragging, dragScroll bool

	hovering bool
	hoverPos fyne.Position
	focused  bool
	rend     *renderer

	words Words

	// Seams for tests: the key modifiers held and today's date.
	modifiers func() fyne.KeyModifier
	today     func() when.Day
}

var (
	_ fyne.Widget         = (*View)(nil)
	_ fyne.Tappable       = (*View)(nil)
	_ fyne.DoubleTappable = (*View)(nil)
	_ fyne.Scrollable     = (*View)(nil)
	_ fyne.Draggable      = (*View)(nil)
	_ fyne.Focusable      = (*View)(nil)
	_ fyne.Shortcutable   = (*View)(nil)
	_ desktop.Hoverable   = (*View)(nil)
)

// New returns an empty timeline that speaks words; give it records with
// SetData.
func New(words Words) *View {
	t := &View{
		words:     words,
		collapsed: make(items.Collapsed),
		index:     timeline.NewIndex(nil, nil),
		modifiers: currentModifiers,
		today:     when.Today,
	}
	t.nav = Navigator{t: t, histPos: -1}
	t.sizer.w = t
	t.ExtendBaseWidget(t)
	return t
}

// Nav moves the view through time: zoom, pan, fit, today, Back and Forward.
func (t *View) Nav() *Navigator { return &t.nav }

// ContentHeight is the height that shows every lane at the current width
// and time range: the axis and all lane rows (for exporting an image).
func (t *View) ContentHeight() float32 {
	t.ensureLayout()
	return t.sizer.metrics().axisH + t.lay.ContentHeight
}

// requestFocus gives t the keyboard focus.
func requestFocus(t *View) {
	if a := fyne.CurrentApp(); a != nil {
		if c := a.Driver().CanvasForObject(t); c != nil && c.Focused() != t {
			c.Focus(t)
		}
	}
}

// currentModifiers reads the keys held from the desktop driver: scroll
// events carry no modifiers. Other drivers (mobile, tests) report none.
func currentModifiers() fyne.KeyModifier {
	if a := fyne.CurrentApp(); a != nil {
		if d, ok := a.Driver().(desktop.Driver); ok {
			return d.CurrentKeyModifiers()
		}
	}
	return 0
}

// CreateRenderer implements fyne.Widget.
func (t *View) CreateRenderer() fyne.WidgetRenderer {
	t.rend = newRenderer(t)
	return t.rend
}

// MinSize keeps room for the axis and a lane or two.
func (t *View) MinSize() fyne.Size {
	m := t.sizer.metrics()
	return fyne.NewSize(200, m.axisH+3*m.opt.RowHeight)
}

// SetData replaces the records shown: events and predictions as marks,
// periods as bands behind them. The view (range, scroll, grouping,
// collapsed lanes, selection) is kept; the first data fit the view when none
// was set. The slices are kept, not copied: do not change them afterwards.
func (t *View) SetData(events []model.Event, preds []model.Prediction, periods []model.Period) {
	t.events, t.preds, t.periods = events, preds, periods
	t.eventAt = make(map[int64]int, len(events))
	for i := range events {
		t.eventAt[events[i].ID] = i
	}
	t.predAt = make(map[int64]int, len(preds))
	for i := range preds {
		t.predAt[preds[i].ID] = i
	}
	t.rebuild()
	if !t.nav.viewSet {
		t.nav.Fit()
	}
}

// SetSource has the view read its events from s, a window of days at a
// time, besides the events SetData gives, which it always shows (the
// events predictions cite, so that lines to evidence are drawn wherever
// it lies). Call it again when the data or the filter changed: every
// window is read anew. A nil s goes back to the events of SetData alone.
// onError hears a read that failed; the view keeps what it has.
func (t *View) SetSource(s Source, onError func(error)) {
	if t.feed != nil {
		t.feed.stop()
		t.feed = nil
	}
	if s != nil {
		t.feed = newFeeder(t, s, onError)
	}
	t.rebuild()
}

// rebuild converts the records again, after the data or grouping changed.
func (t *View) rebuild() {
	if t.feed != nil {
		t.feed.rebuild()
		t.invalidate()
		return
	}
	d := items.Build(t.events, t.preds, t.grouping, t.words, t.today(), t.collapsed)
	t.index = timeline.NewIndex(d.Items, d.Lanes)
	t.invalidate()
}

// invalidate marks the layout stale and redraws.
func (t *View) invalidate() {
	t.gen++
	t.Refresh()
}

// SetGrouping chooses what the event lanes stand for.
func (t *View) SetGrouping(g Grouping) {
	if g < GroupByActor || g > GroupByTag || g == t.grouping {
		return
	}
	t.grouping = g
	t.nav.view.ScrollY = 0
	t.rebuild()
	t.nav.notify()
}

// Hits are the records a search found, to show on the timeline.
type Hits struct {
	Events, Predictions []int64
}

// SetHits shows a search's results on the timeline: every other record is
// dimmed and each hit outlined. nil shows every record as usual.
func (t *View) SetHits(h *Hits) {
	if h == nil {
		t.hits = nil
	} else {
		t.hits = make(map[int64]bool, len(h.Events)+len(h.Predictions))
		for _, id := range h.Events {
			t.hits[items.EventID(id)] = true
		}
		for _, id := range h.Predictions {
			t.hits[items.PredictionID(id)] = true
		}
	}
	t.Refresh()
}

// Select highlights a record, bringing it into view when it is off-screen
// or hidden in a cluster. It does not call OnSelect.
func (t *View) Select(sel app.Selection) {
	if sel.Kind == app.SelectNone {
		sel = app.Selection{}
	}
	t.sel = sel
	if id, ok := items.IDOf(sel); ok {
		if _, held := t.index.Item(id); !held && t.feed != nil {
			// Not read yet: revealed once a window holding it is.
			t.feed.reveal = id
		}
		t.nav.reveal(id)
	} else if sel.Kind == app.SelectPeriod {
		t.nav.revealPeriod(sel.ID)
	}
	t.Refresh()
}

// Selected returns the highlighted record.
func (t *View) Selected() app.Selection { return t.sel }

// ViewState returns the visible range, grouping and collapsed lanes.
func (t *View) ViewState() ViewState {
	vs := ViewState{Start: t.nav.view.Start, End: t.nav.view.End, Grouping: t.grouping}
	for i := 0; i < t.index.LaneCount(); i++ {
		if l := t.index.Lane(i); l.Collapsed {
			vs.Collapsed = append(vs.Collapsed, l.Key)
		}
	}
	vs.Collapsed = t.collapsed.AddKeys(vs.Collapsed)
	return vs
}

// SetViewState restores a state from ViewState. An unusable range (as from
// damaged preferences) is ignored; the rest still applies. It does not
// call OnViewChanged.
func (t *View) SetViewState(v ViewState) {
	t.collapsed = items.CollapsedOf(v.Collapsed)
	if v.Grouping >= GroupByActor && v.Grouping <= GroupByTag {
		t.grouping = v.Grouping
	}
	t.rebuild()
	t.nav.restore(v.Start, v.End)
	t.invalidate()
}

// ensureLayout lays out the current view when anything it depends on
// changed since the last time; otherwise the layout is reused.
func (t *View) ensureLayout() {
	size := t.Size()
	m := t.sizer.metrics()
	if t.layGen == t.gen && t.laySize == size && t.met == m {
		return
	}
	t.met, t.laySize, t.layGen = m, size, t.gen
	v := t.nav.viewport()
	if t.feed != nil {
		t.feed.follow(v)
	}
	opt := layoutOptions(m, t.sizer.measure)
	t.index.LayoutInto(&t.lay, v, opt)
	// The content height depends on the rows the visible items need, so a
	// view scrolled below the new content is pulled back and laid out again.
	if c := v.ClampScroll(t.lay.ContentHeight); c.ScrollY != v.ScrollY {
		t.nav.view.ScrollY = c.ScrollY
		t.index.LayoutInto(&t.lay, c, opt)
	}
}
