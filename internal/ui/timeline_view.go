package ui

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/timeline"
	"github.com/hindsight-app/hindsight/internal/when"
)

// ViewState is what the timeline remembers between runs.
type ViewState struct {
	Start     float64  `json:"start"`
	End       float64  `json:"end"`
	Grouping  Grouping `json:"grouping"`
	Collapsed []string `json:"collapsed,omitempty"` // lane keys
}

// Tuning of the movements.
const (
	tlHistoryCap   = 100                    // settled views kept for Back/Forward
	tlSettleDelay  = 300 * time.Millisecond // quiet time after which a wheel or key pan counts as settled
	tlKeyZoomStep  = 1.5                    // factor of one +/- key press
	tlKeyPanShare  = 0.125                  // share of the width one arrow press pans
	tlWheelZoomPer = 0.01                   // zoom exponent per scroll pixel with Ctrl/Cmd held
	tlWheelPanPer  = 2                      // pixels panned per scroll pixel: a wheel notch is only 10–25
	tlRevealZooms  = 16                     // zoom steps Select may take to get a clustered item out
)

// TimelineView is the zoomable timeline of events and predictions.
//
// It draws from a timeline.Layout of the visible window only, copied into
// pools of canvas objects, so its cost follows the viewport, not the data.
// It handles its own vertical scrolling of lanes: do not put it in a
// container.Scroll.
type TimelineView struct {
	widget.BaseWidget

	// OnSelect is called when a mark is tapped, and with SelectNone when a
	// tap on empty space clears the selection.
	OnSelect func(Selection)
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
	eventAt map[int64]int // record ID → index in events
	predAt  map[int64]int

	index     *timeline.Index
	grouping  Grouping
	collapsed map[string]bool

	view    timeline.Viewport // Start, End and ScrollY; the size comes from the widget
	viewSet bool
	sel     Selection

	hist    []tlViewKey
	histPos int
	moving  bool // the view moved since it last settled
	timer   *time.Timer

	// The layout of the current view, shared by the renderer and hit tests.
	lay      timeline.Layout
	layGen   uint64
	gen      uint64 // bumped by every change of what the layout depends on
	laySize  fyne.Size
	met      tlMetrics
	measure  timeline.Measure
	measured float32 // text size measure was made for

	hovering bool
	hoverPos fyne.Position
	focused  bool
	rend     *tlRenderer

	// Seams for tests: the key modifiers held and today's date.
	modifiers func() fyne.KeyModifier
	today     func() when.Day
}

type tlViewKey struct{ start, end float64 }

var (
	_ fyne.Widget         = (*TimelineView)(nil)
	_ fyne.Tappable       = (*TimelineView)(nil)
	_ fyne.DoubleTappable = (*TimelineView)(nil)
	_ fyne.Scrollable     = (*TimelineView)(nil)
	_ fyne.Draggable      = (*TimelineView)(nil)
	_ fyne.Focusable      = (*TimelineView)(nil)
	_ fyne.Shortcutable   = (*TimelineView)(nil)
	_ desktop.Hoverable   = (*TimelineView)(nil)
)

// NewTimelineView returns an empty timeline; give it records with SetData.
func NewTimelineView() *TimelineView {
	t := &TimelineView{
		collapsed: make(map[string]bool),
		histPos:   -1,
		index:     timeline.NewIndex(nil, nil),
		modifiers: tlCurrentModifiers,
		today:     when.Today,
	}
	t.ExtendBaseWidget(t)
	return t
}

// tlCurrentModifiers reads the keys held from the desktop driver: scroll
// events carry no modifiers. Other drivers (mobile, tests) report none.
func tlCurrentModifiers() fyne.KeyModifier {
	if a := fyne.CurrentApp(); a != nil {
		if d, ok := a.Driver().(desktop.Driver); ok {
			return d.CurrentKeyModifiers()
		}
	}
	return 0
}

// CreateRenderer implements fyne.Widget.
func (t *TimelineView) CreateRenderer() fyne.WidgetRenderer {
	t.rend = newTLRenderer(t)
	return t.rend
}

// MinSize keeps room for the axis and a lane or two.
func (t *TimelineView) MinSize() fyne.Size {
	m := t.metrics()
	return fyne.NewSize(200, m.axisH+3*m.opt.RowHeight)
}

// SetData replaces the records shown. The view (range, scroll, grouping,
// collapsed lanes, selection) is kept; the first data fit the view when none
// was set. The slices are kept, not copied: do not change them afterwards.
func (t *TimelineView) SetData(events []model.Event, preds []model.Prediction) {
	t.events, t.preds = events, preds
	t.eventAt = make(map[int64]int, len(events))
	for i := range events {
		t.eventAt[events[i].ID] = i
	}
	t.predAt = make(map[int64]int, len(preds))
	for i := range preds {
		t.predAt[preds[i].ID] = i
	}
	t.rebuild()
	if !t.viewSet {
		t.Fit()
	}
}

// rebuild converts the records again, after the data or grouping changed.
func (t *TimelineView) rebuild() {
	d := tlBuildItems(t.events, t.preds, t.grouping, Lang(), t.today(), t.collapsed)
	t.index = timeline.NewIndex(d.items, d.lanes)
	t.invalidate()
}

// invalidate marks the layout stale and redraws.
func (t *TimelineView) invalidate() {
	t.gen++
	t.Refresh()
}

// SetGrouping chooses what the event lanes stand for.
func (t *TimelineView) SetGrouping(g Grouping) {
	if g < GroupByActor || g > GroupByTag || g == t.grouping {
		return
	}
	t.grouping = g
	t.view.ScrollY = 0
	t.rebuild()
	t.notify()
}

// Grouping returns what the event lanes stand for.
func (t *TimelineView) Grouping() Grouping { return t.grouping }

// Select highlights a record, bringing it into view when it is off-screen
// or hidden in a cluster. It does not call OnSelect.
func (t *TimelineView) Select(sel Selection) {
	if sel.Kind == SelectNone {
		sel = Selection{}
	}
	t.sel = sel
	if id, ok := tlItemIDOf(sel); ok {
		t.reveal(id)
	}
	t.Refresh()
}

// Selected returns the highlighted record.
func (t *TimelineView) Selected() Selection { return t.sel }

// CenterOn keeps the zoom and puts day in the middle.
func (t *TimelineView) CenterOn(day when.Day) {
	t.jump(t.view.CenterOn(float64(day) + 0.5))
}

// ZoomBy zooms around the centre; factor > 1 zooms in.
func (t *TimelineView) ZoomBy(factor float64) {
	t.jump(t.view.Zoom(factor, t.viewport().Width/2))
}

// Fit shows everything, or the last year when there is nothing.
func (t *TimelineView) Fit() {
	first, last, ok := t.index.Extent()
	if !ok {
		today := int64(t.today())
		first, last = today-365, today+30
	}
	t.jump(t.view.Fit(first, last))
}

// ShowRange shows exactly the days first..last.
func (t *TimelineView) ShowRange(first, last when.Day) {
	if last < first {
		first, last = last, first
	}
	v := t.view
	v.Start, v.End = float64(first), float64(last)+1
	t.jump(v)
}

// GoToToday centres today.
func (t *TimelineView) GoToToday() { t.CenterOn(t.today()) }

// Back returns to the previous settled view; false when there is none.
func (t *TimelineView) Back() bool {
	if t.moving {
		t.settle()
	}
	if t.histPos <= 0 {
		return false
	}
	t.histPos--
	t.applyKey(t.hist[t.histPos])
	t.notify()
	return true
}

// Forward undoes Back; false when there is nothing to go forward to.
func (t *TimelineView) Forward() bool {
	if t.moving {
		t.settle()
	}
	if t.histPos+1 >= len(t.hist) {
		return false
	}
	t.histPos++
	t.applyKey(t.hist[t.histPos])
	t.notify()
	return true
}

// CanBack reports whether Back would change the view, e.g. to enable a button.
func (t *TimelineView) CanBack() bool {
	return t.histPos > 0 || t.moving && t.histPos >= 0
}

// CanForward reports whether Forward would change the view.
func (t *TimelineView) CanForward() bool {
	return !t.moving && t.histPos+1 < len(t.hist)
}

// ViewState returns the visible range, grouping and collapsed lanes.
func (t *TimelineView) ViewState() ViewState {
	vs := ViewState{Start: t.view.Start, End: t.view.End, Grouping: t.grouping}
	for i := 0; i < t.index.LaneCount(); i++ {
		if l := t.index.Lane(i); l.Collapsed {
			vs.Collapsed = append(vs.Collapsed, l.Key)
		}
	}
	// Lanes collapsed under another grouping are kept too.
	for k, c := range t.collapsed {
		if c && !tlContainsString(vs.Collapsed, k) {
			vs.Collapsed = append(vs.Collapsed, k)
		}
	}
	return vs
}

// SetViewState restores a state from ViewState. An unusable range (as from
// damaged preferences) is ignored; the rest still applies. It does not
// call OnViewChanged.
func (t *TimelineView) SetViewState(v ViewState) {
	t.collapsed = make(map[string]bool, len(v.Collapsed))
	for _, k := range v.Collapsed {
		t.collapsed[k] = true
	}
	if v.Grouping >= GroupByActor && v.Grouping <= GroupByTag {
		t.grouping = v.Grouping
	}
	t.rebuild()
	span := v.End - v.Start
	if !math.IsNaN(span) && !math.IsInf(span, 0) && span >= timeline.MinSpanDays && span <= timeline.MaxSpanDays {
		t.view.Start, t.view.End = v.Start, v.End
		t.view.ScrollY = 0
		t.viewSet = true
		t.moving = false
		t.record()
	}
	t.invalidate()
}

func tlContainsString(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// viewport is the view with the current size of the lane area.
func (t *TimelineView) viewport() timeline.Viewport {
	v := t.view
	size := t.Size()
	m := t.metrics()
	v.Width = size.Width
	v.Height = max(size.Height-m.axisH, 0)
	return v
}

// jump moves to v at once and counts it as settled.
func (t *TimelineView) jump(v timeline.Viewport) {
	t.setView(v)
	t.settle()
}

// move moves to v as part of a continuing motion, settled later.
func (t *TimelineView) move(v timeline.Viewport) {
	t.setView(v)
	t.moving = true
}

func (t *TimelineView) setView(v timeline.Viewport) {
	span := v.End - v.Start
	if math.IsNaN(span) || math.IsInf(span, 0) || span <= 0 {
		return
	}
	if v.ScrollY < 0 {
		v.ScrollY = 0
	}
	t.view.Start, t.view.End, t.view.ScrollY = v.Start, v.End, v.ScrollY
	t.viewSet = true
	t.invalidate()
}

// settle records the current view in the history and tells the window.
func (t *TimelineView) settle() {
	if t.timer != nil {
		t.timer.Stop()
	}
	t.moving = false
	t.record()
	t.notify()
}

// settleLater settles a wheel or key motion once it has been quiet for a
// moment, so that one gesture makes one history entry.
func (t *TimelineView) settleLater() {
	if t.timer != nil {
		t.timer.Stop()
	}
	t.timer = time.AfterFunc(tlSettleDelay, func() {
		fyne.Do(func() {
			if t.moving {
				t.settle()
			}
		})
	})
}

// record appends the current view to the history unless it is already the
// current entry, dropping whatever lay forward of it.
func (t *TimelineView) record() {
	k := tlViewKey{t.view.Start, t.view.End}
	if t.histPos >= 0 && t.hist[t.histPos] == k {
		return
	}
	t.hist = append(t.hist[:t.histPos+1], k)
	if len(t.hist) > tlHistoryCap {
		t.hist = append(t.hist[:0], t.hist[len(t.hist)-tlHistoryCap:]...)
	}
	t.histPos = len(t.hist) - 1
}

func (t *TimelineView) applyKey(k tlViewKey) {
	t.view.Start, t.view.End = k.start, k.end
	t.moving = false
	t.invalidate()
}

func (t *TimelineView) notify() {
	if t.OnViewChanged != nil {
		t.OnViewChanged()
	}
}

// tlMetrics are the sizes the timeline draws with, derived from the theme.
type tlMetrics struct {
	axisH     float32 // height of the time axis above the lanes
	labelSize float32
	axisSize  float32
	titleSize float32
	tipSize   float32
	opt       tlSizes
}

// tlSizes are timeline.Options without the measure, so that metrics can be
// compared with == to notice a theme change.
type tlSizes struct {
	RowHeight, LaneHeaderHeight, LaneGap, MarkerSize, LabelGap, BadgeWidth float32
	MinClusterSpacing, MinTickSpacing                                      float32
	MaxRows                                                                int
}

func (t *TimelineView) metrics() tlMetrics {
	text := theme.SizeForWidget(theme.SizeNameText, t)
	if !(text > 0) {
		text = 14
	}
	label := text - 1
	m := tlMetrics{
		labelSize: label,
		axisSize:  text - 2,
		titleSize: text - 2,
		tipSize:   text - 1,
	}
	m.axisH = float32(math.Round(float64(m.axisSize) * 2.2))
	if t.measure == nil || t.measured != label {
		t.measure = func(s string) float32 { return fyne.MeasureText(s, label, fyne.TextStyle{}).Width }
		t.measured = label
	}
	row := float32(math.Round(float64(label) * 1.85))
	m.opt = tlSizes{
		RowHeight:         row,
		LaneHeaderHeight:  float32(math.Round(float64(m.titleSize) * 1.75)),
		LaneGap:           4,
		MarkerSize:        float32(math.Round(float64(label) * 0.77)),
		LabelGap:          6,
		BadgeWidth:        label + 3,
		MinClusterSpacing: 44,
		MinTickSpacing:    90,
		MaxRows:           8,
	}
	return m
}

// options are the layout options with the label measure.
func (t *TimelineView) options(m tlMetrics) timeline.Options {
	o := m.opt
	return timeline.Options{
		RowHeight: o.RowHeight, LaneHeaderHeight: o.LaneHeaderHeight, LaneGap: o.LaneGap,
		MarkerSize: o.MarkerSize, LabelGap: o.LabelGap, MinClusterSpacing: o.MinClusterSpacing,
		MinTickSpacing: o.MinTickSpacing, MaxRows: o.MaxRows, BadgeWidth: o.BadgeWidth, Measure: t.measure,
	}
}

// ensureLayout lays out the current view when anything it depends on
// changed since the last time; otherwise the layout is reused.
func (t *TimelineView) ensureLayout() {
	size := t.Size()
	m := t.metrics()
	if t.layGen == t.gen && t.laySize == size && t.met == m {
		return
	}
	t.met, t.laySize, t.layGen = m, size, t.gen
	v := t.viewport()
	opt := t.options(m)
	t.index.LayoutInto(&t.lay, v, opt)
	// The content height depends on the rows the visible items need, so a
	// view scrolled below the new content is pulled back and laid out again.
	if c := v.ClampScroll(t.lay.ContentHeight); c.ScrollY != v.ScrollY {
		t.view.ScrollY = c.ScrollY
		t.index.LayoutInto(&t.lay, c, opt)
	}
}

// reveal brings item id into view: centred when it is outside the time
// window, zoomed in until it is drawn as a mark of its own, and the lanes
// scrolled to it.
func (t *TimelineView) reveal(id int64) {
	it, ok := t.index.Item(id)
	if !ok {
		return
	}
	v := t.viewport()
	lo, hi := float64(it.Start), float64(it.End)+1
	if hi <= v.Start || lo >= v.End {
		v = v.CenterOn((lo + hi) / 2)
	}
	if v.Width <= 0 {
		t.jump(v)
		return
	}
	m := t.metrics()
	// Lay out all lanes at once to find where the mark sits in the content.
	var probe timeline.Layout
	full := v
	full.ScrollY = 0
	full.Height = 1 << 24
	y, found := float32(0), false
	for range tlRevealZooms {
		t.index.LayoutInto(&probe, full, t.options(m))
		for i := range probe.Marks {
			if probe.Marks[i].ID == id {
				y, found = probe.Marks[i].Y, true
				break
			}
		}
		if found || full.Span() <= timeline.MinSpanDays {
			break
		}
		full = full.Zoom(2, full.X((lo+hi)/2))
	}
	v.Start, v.End = full.Start, full.End
	if found && (y-m.opt.RowHeight/2 < v.ScrollY || y+m.opt.RowHeight/2 > v.ScrollY+v.Height) {
		v.ScrollY = y - v.Height/2
		v = v.ClampScroll(probe.ContentHeight)
	}
	if v.Start != t.view.Start || v.End != t.view.End || v.ScrollY != t.view.ScrollY {
		t.jump(v)
	}
}

// Tapped selects the mark under the pointer, zooms into a cluster, or
// collapses a lane when its title is tapped; it also takes the keyboard
// focus.
func (t *TimelineView) Tapped(ev *fyne.PointEvent) {
	t.requestFocus()
	t.ensureLayout()
	m := t.met
	x, y := ev.Position.X, ev.Position.Y-m.axisH
	if y < 0 {
		return
	}
	if hit, ok := t.lay.HitTest(x, y); ok {
		if hit.IsCluster {
			t.zoomInto(t.lay.Clusters[hit.Cluster])
			return
		}
		t.sel = tlSelectionOf(hit.ID)
		t.Refresh()
		if t.OnSelect != nil {
			t.OnSelect(t.sel)
		}
		return
	}
	if b, ok := t.lay.LaneAt(y); ok && y < b.Y+m.opt.LaneHeaderHeight {
		t.toggleLane(b)
		return
	}
	if t.sel.Kind != SelectNone {
		t.sel = Selection{}
		t.Refresh()
		if t.OnSelect != nil {
			t.OnSelect(t.sel)
		}
	}
}

// DoubleTapped on empty space asks the window for a new event on that day;
// on a mark or cluster it acts like a tap.
func (t *TimelineView) DoubleTapped(ev *fyne.PointEvent) {
	t.ensureLayout()
	m := t.met
	x, y := ev.Position.X, ev.Position.Y-m.axisH
	if y >= 0 {
		if _, ok := t.lay.HitTest(x, y); ok {
			t.Tapped(ev)
			return
		}
		if b, ok := t.lay.LaneAt(y); ok && y < b.Y+m.opt.LaneHeaderHeight {
			return
		}
	}
	if t.OnDoubleTap != nil {
		t.OnDoubleTap(when.Day(math.Floor(t.viewport().Day(x))))
	}
}

// zoomInto shows a cluster's days; a cluster already spanning the view
// (a lane with more items than rows) zooms in around it instead.
func (t *TimelineView) zoomInto(c timeline.Cluster) {
	v := t.viewport()
	target := v.Fit(c.Start, c.End)
	if target.Span() >= 0.8*v.Span() {
		target = v.Zoom(2, c.X+c.Width/2)
	}
	t.jump(target)
}

func (t *TimelineView) toggleLane(b timeline.LaneBox) {
	c := !b.Collapsed
	if c {
		t.collapsed[b.Key] = true
	} else {
		delete(t.collapsed, b.Key)
	}
	t.index.SetCollapsed(b.Lane, c)
	t.invalidate()
	t.notify()
}

// Scrolled pans time with the wheel, scrolls the lanes with Shift held and
// zooms around the pointer with Ctrl (Cmd on macOS) held.
func (t *TimelineView) Scrolled(ev *fyne.ScrollEvent) {
	mods := t.modifiers()
	v := t.viewport()
	dx, dy := ev.Scrolled.DX, ev.Scrolled.DY
	switch {
	case mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0:
		d := dy
		if d == 0 {
			d = dx
		}
		v = v.Zoom(math.Exp(float64(d)*tlWheelZoomPer), ev.Position.X)
	case mods&fyne.KeyModifierShift != 0:
		// Some systems turn Shift+wheel into a horizontal scroll.
		d := dy
		if d == 0 {
			d = dx
		}
		v.ScrollY -= d
		v = v.ClampScroll(t.lay.ContentHeight)
	default:
		v = v.Pan((dx + dy) * tlWheelPanPer)
	}
	t.move(v)
	t.settleLater()
}

// Dragged pans time and scrolls the lanes with the pointer.
func (t *TimelineView) Dragged(ev *fyne.DragEvent) {
	v := t.viewport().Pan(ev.Dragged.DX)
	v.ScrollY -= ev.Dragged.DY
	v = v.ClampScroll(t.lay.ContentHeight)
	t.move(v)
}

// DragEnd settles the dragged view.
func (t *TimelineView) DragEnd() {
	if t.moving {
		t.settle()
	}
}

// MouseIn shows the tooltip of whatever is under the pointer.
func (t *TimelineView) MouseIn(ev *desktop.MouseEvent) { t.MouseMoved(ev) }

// MouseMoved follows the pointer with the tooltip.
func (t *TimelineView) MouseMoved(ev *desktop.MouseEvent) {
	t.hovering, t.hoverPos = true, ev.Position
	if t.rend != nil {
		t.ensureLayout()
		t.rend.updateTooltip()
		t.rend.repaint()
	}
}

// MouseOut hides the tooltip.
func (t *TimelineView) MouseOut() {
	t.hovering = false
	if t.rend != nil {
		t.rend.updateTooltip()
		t.rend.repaint()
	}
}

func (t *TimelineView) requestFocus() {
	if a := fyne.CurrentApp(); a != nil {
		if c := a.Driver().CanvasForObject(t); c != nil && c.Focused() != t {
			c.Focus(t)
		}
	}
}

// FocusGained implements fyne.Focusable.
func (t *TimelineView) FocusGained() {
	t.focused = true
	t.Refresh()
}

// FocusLost implements fyne.Focusable.
func (t *TimelineView) FocusLost() {
	t.focused = false
	t.Refresh()
}

// destroy stops a pending settle when the renderer goes away.
func (t *TimelineView) destroy() {
	if t.timer != nil {
		t.timer.Stop()
	}
}

// contentHeight is the height that shows every lane at the current width
// and time range: the axis and all lane rows (for exporting an image).
func (t *TimelineView) contentHeight() float32 {
	t.ensureLayout()
	return t.metrics().axisH + t.lay.ContentHeight
}
