package timelineview

import (
	"math"
	"time"

	"fyne.io/fyne/v2"

	"github.com/hindsight-app/hindsight/internal/timeline"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Tuning of the movements.
const (
	historyCap   = 100                    // settled views kept for Back/Forward
	settleDelay  = 300 * time.Millisecond // quiet time after which a wheel or key pan counts as settled
	keyZoomStep  = 1.5                    // factor of one +/- key press
	keyPanShare  = 0.125                  // share of the width one arrow press pans
	wheelZoomPer = 0.01                   // zoom exponent per scroll pixel with Ctrl/Cmd held
	wheelPanPer  = 2                      // pixels panned per scroll pixel: a wheel notch is only 10–25
	revealZooms  = 16                     // zoom steps reveal may take to get a clustered item out
)

// Navigator moves a View through time: the visible range, the lanes'
// scroll, and the history of settled views for Back and Forward. A motion
// (a wheel, a drag, an arrow key held) settles once it has been quiet, so
// that one gesture makes one history entry and one OnViewChanged.
type Navigator struct {
	t *View

	view    timeline.Viewport // Start, End and ScrollY; the size comes from the widget
	viewSet bool
	moving  bool // the view moved since it last settled
	timer   *time.Timer

	hist    []viewKey
	histPos int
}

type viewKey struct{ start, end float64 }

// Center is the day in the middle of the view.
func (n *Navigator) Center() when.Day {
	v := n.viewport()
	return when.Day(math.Floor((v.Start + v.End) / 2))
}

// CenterOn keeps the zoom and puts day in the middle.
func (n *Navigator) CenterOn(day when.Day) {
	n.jump(n.view.CenterOn(float64(day) + 0.5))
}

// ZoomBy zooms around the centre; factor > 1 zooms in.
func (n *Navigator) ZoomBy(factor float64) {
	n.jump(n.view.Zoom(factor, n.viewport().Width/2))
}

// Fit shows everything, or the last year when there is nothing.
func (n *Navigator) Fit() {
	first, last, ok := n.t.index.Extent()
	if f := n.t.feed; f != nil {
		var known bool
		if first, last, ok, known = f.extent(first, last, ok); !known {
			f.fitWanted = true // fit again once the extent is read
		}
	}
	if !ok {
		today := int64(n.t.today())
		first, last = today-365, today+30
	}
	n.jump(n.view.Fit(first, last))
}

// ShowRange shows exactly the days first..last.
func (n *Navigator) ShowRange(first, last when.Day) {
	if last < first {
		first, last = last, first
	}
	v := n.view
	v.Start, v.End = float64(first), float64(last)+1
	n.jump(v)
}

// Reveal centres the days first..last when none of them is in view.
func (n *Navigator) Reveal(first, last when.Day) {
	v := n.viewport()
	if float64(last+1) < v.Start || float64(first) > v.End {
		n.ShowRange(first, last)
	}
}

// GoToToday centres today.
func (n *Navigator) GoToToday() { n.CenterOn(n.t.today()) }

// Back returns to the previous settled view; false when there is none.
func (n *Navigator) Back() bool {
	if n.moving {
		n.settle()
	}
	if n.histPos <= 0 {
		return false
	}
	n.histPos--
	n.applyKey(n.hist[n.histPos])
	n.notify()
	return true
}

// Forward undoes Back; false when there is nothing to go forward to.
func (n *Navigator) Forward() bool {
	if n.moving {
		n.settle()
	}
	if n.histPos+1 >= len(n.hist) {
		return false
	}
	n.histPos++
	n.applyKey(n.hist[n.histPos])
	n.notify()
	return true
}

// CanBack reports whether Back would change the view, e.g. to enable a button.
func (n *Navigator) CanBack() bool {
	return n.histPos > 0 || n.moving && n.histPos >= 0
}

// CanForward reports whether Forward would change the view.
func (n *Navigator) CanForward() bool {
	return !n.moving && n.histPos+1 < len(n.hist)
}

// viewport is the view with the current size of the lane area.
func (n *Navigator) viewport() timeline.Viewport {
	v := n.view
	size := n.t.Size()
	m := n.t.sizer.metrics()
	v.Width = size.Width
	v.Height = max(size.Height-m.axisH, 0)
	return v
}

// restore shows a saved range at once, as settled, without telling the
// window; an unusable range (as from damaged preferences) is ignored.
func (n *Navigator) restore(start, end float64) {
	span := end - start
	if math.IsNaN(span) || math.IsInf(span, 0) || span < timeline.MinSpanDays || span > timeline.MaxSpanDays {
		return
	}
	n.view.Start, n.view.End = start, end
	n.view.ScrollY = 0
	n.viewSet = true
	n.moving = false
	n.record()
}

// jump moves to v at once and counts it as settled.
func (n *Navigator) jump(v timeline.Viewport) {
	n.setView(v)
	n.settle()
}

// move moves to v as part of a continuing motion, settled later.
func (n *Navigator) move(v timeline.Viewport) {
	n.setView(v)
	n.moving = true
}

func (n *Navigator) setView(v timeline.Viewport) {
	span := v.End - v.Start
	if math.IsNaN(span) || math.IsInf(span, 0) || span <= 0 {
		return
	}
	if v.ScrollY < 0 {
		v.ScrollY = 0
	}
	n.view.Start, n.view.End, n.view.ScrollY = v.Start, v.End, v.ScrollY
	n.viewSet = true
	n.t.invalidate()
}

// settle records the current view in the history and tells the window.
func (n *Navigator) settle() {
	if n.timer != nil {
		n.timer.Stop()
	}
	n.moving = false
	n.record()
	n.notify()
}

// settleLater settles a wheel or key motion once it has been quiet for a
// moment, so that one gesture makes one history entry.
func (n *Navigator) settleLater() {
	if n.timer != nil {
		n.timer.Stop()
	}
	n.timer = time.AfterFunc(settleDelay, func() {
		fyne.Do(func() {
			if n.moving {
				n.settle()
			}
		})
	})
}

// stop cancels a pending settle, when the widget goes away.
func (n *Navigator) stop() {
	if n.timer != nil {
		n.timer.Stop()
	}
}

// record appends the current view to the history unless it is already the
// current entry, dropping whatever lay forward of it.
func (n *Navigator) record() {
	k := viewKey{n.view.Start, n.view.End}
	if n.histPos >= 0 && n.hist[n.histPos] == k {
		return
	}
	n.hist = append(n.hist[:n.histPos+1], k)
	if len(n.hist) > historyCap {
		n.hist = append(n.hist[:0], n.hist[len(n.hist)-historyCap:]...)
	}
	n.histPos = len(n.hist) - 1
}

func (n *Navigator) applyKey(k viewKey) {
	n.view.Start, n.view.End = k.start, k.end
	n.moving = false
	n.t.invalidate()
}

// notify tells the window the view settled.
func (n *Navigator) notify() {
	if n.t.OnViewChanged != nil {
		n.t.OnViewChanged()
	}
}

// reveal brings item id into view: centred when it is outside the time
// window, zoomed in until it is drawn as a mark of its own, and the lanes
// scrolled to it.
func (n *Navigator) reveal(id int64) {
	t := n.t
	it, ok := t.index.Item(id)
	if !ok {
		return
	}
	v := n.viewport()
	lo, hi := float64(it.Start), float64(it.End)+1
	if hi <= v.Start || lo >= v.End {
		v = v.CenterOn((lo + hi) / 2)
	}
	if v.Width <= 0 {
		n.jump(v)
		return
	}
	m := t.sizer.metrics()
	// Lay out all lanes at once to find where the mark sits in the content.
	var probe timeline.Layout
	full := v
	full.ScrollY = 0
	full.Height = 1 << 24
	y, found := float32(0), false
	for range revealZooms {
		t.index.LayoutInto(&probe, full, layoutOptions(m, t.sizer.measure))
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
	if v.Start != n.view.Start || v.End != n.view.End || v.ScrollY != n.view.ScrollY {
		n.jump(v)
	}
}

// zoomInto shows a cluster's days; a cluster already spanning the view
// (a lane with more items than rows) zooms in around it instead.
func (n *Navigator) zoomInto(c timeline.Cluster) {
	v := n.viewport()
	target := v.Fit(c.Start, c.End)
	if target.Span() >= 0.8*v.Span() {
		target = v.Zoom(2, c.X+c.Width/2)
	}
	n.jump(target)
}
