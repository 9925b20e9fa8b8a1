package timelineview

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/items"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Tapped selects the mark under the pointer, zooms into a cluster, or
// collapses a lane when its title is tapped; it also takes the keyboard
// focus.
func (t *View) Tapped(ev *fyne.PointEvent) {
	// A tap on the scroll bar's track, off the thumb, pages the lanes.
	if bar := scrollbarOf(t); bar.onTrack(ev.Position) {
		if !bar.onThumb(ev.Position) {
			v := t.nav.viewport()
			if ev.Position.Y < bar.thumbY {
				v.ScrollY -= 0.9 * v.Height
			} else {
				v.ScrollY += 0.9 * v.Height
			}
			t.nav.jump(v.ClampScroll(t.lay.ContentHeight))
		}
		return
	}
	requestFocus(t)
	t.ensureLayout()
	m := t.met
	x, y := ev.Position.X, ev.Position.Y-m.axisH
	if y < 0 {
		return
	}
	// Labels of periods are drawn over the marks, so they are hit first.
	if t.rend != nil {
		if id, ok := t.rend.periods.at(ev.Position); ok {
			t.sel = app.PeriodSelection(id)
			t.Refresh()
			if t.OnSelect != nil {
				t.OnSelect(t.sel)
			}
			return
		}
	}
	if hit, ok := t.lay.HitTest(x, y); ok {
		if hit.IsCluster {
			t.nav.zoomInto(t.lay.Clusters[hit.Cluster])
			return
		}
		t.sel = items.SelectionOf(hit.ID)
		t.Refresh()
		if t.OnSelect != nil {
			t.OnSelect(t.sel)
		}
		return
	}
	if b, ok := t.lay.LaneAt(y); ok && y < b.Y+m.opt.LaneHeaderHeight {
		// A tap on a lane's title collapses the lane, or opens it again.
		collapsed := !b.Collapsed
		t.collapsed.Set(b.Key, collapsed)
		t.index.SetCollapsed(b.Lane, collapsed)
		t.invalidate()
		t.nav.notify()
		return
	}
	if t.sel.Kind != app.SelectNone {
		t.sel = app.Selection{}
		t.Refresh()
		if t.OnSelect != nil {
			t.OnSelect(t.sel)
		}
	}
}

// DoubleTapped on empty space asks the window for a new event on that day;
// on a mark or cluster it acts like a tap.
func (t *View) DoubleTapped(ev *fyne.PointEvent) {
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
		t.OnDoubleTap(when.Day(math.Floor(t.nav.viewport().Day(x))))
	}
}

// Scrolled scrolls the lanes with the wheel, pans time with Shift held (or
// with a touchpad's sideways motion) and zooms around the pointer with
// Ctrl (Cmd on macOS) held.
func (t *View) Scrolled(ev *fyne.ScrollEvent) {
	mods := t.modifiers()
	v := t.nav.viewport()
	dx, dy := ev.Scrolled.DX, ev.Scrolled.DY
	switch {
	case mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0:
		d := dy
		if d == 0 {
			d = dx
		}
		v = v.Zoom(math.Exp(float64(d)*wheelZoomPer), ev.Position.X)
	case mods&fyne.KeyModifierShift != 0:
		// Shift turns the wheel sideways: it pans time. (Some systems send
		// Shift+wheel as a horizontal scroll already.)
		d := dy
		if d == 0 {
			d = dx
		}
		v = v.Pan(d * wheelPanPer)
	default:
		// The wheel scrolls the lanes; a touchpad's sideways motion pans
		// time.
		v = v.Pan(dx * wheelPanPer)
		v.ScrollY -= dy
		v = v.ClampScroll(t.lay.ContentHeight)
	}
	t.nav.move(v)
	t.nav.settleLater()
}

// Dragged pans time and scrolls the lanes with the pointer.
func (t *View) Dragged(ev *fyne.DragEvent) {
	bar := scrollbarOf(t)
	if !t.dragging {
		t.dragging = true
		start := ev.Position.Subtract(ev.Dragged)
		t.dragScroll = bar.onTrack(fyne.NewPos(start.X, start.Y))
	}
	v := t.nav.viewport()
	if t.dragScroll {
		// The thumb follows the pointer: the lanes move the other way, by
		// as much as the thumb's travel stands for.
		v.ScrollY += ev.Dragged.DY * bar.scrollPerPixel()
	} else {
		v = v.Pan(ev.Dragged.DX)
		v.ScrollY -= ev.Dragged.DY
	}
	t.nav.move(v.ClampScroll(t.lay.ContentHeight))
}

// DragEnd settles the dragged view.
func (t *View) DragEnd() {
	t.dragging, t.dragScroll = false, false
	if t.nav.moving {
		t.nav.settle()
	}
}

// MouseIn shows the tooltip of whatever is under the pointer.
func (t *View) MouseIn(ev *desktop.MouseEvent) { t.MouseMoved(ev) }

// MouseMoved follows the pointer with the tooltip.
func (t *View) MouseMoved(ev *desktop.MouseEvent) {
	t.hovering, t.hoverPos = true, ev.Position
	if t.rend != nil {
		t.ensureLayout()
		t.rend.tip.update()
		t.rend.repaint()
	}
}

// MouseOut hides the tooltip.
func (t *View) MouseOut() {
	t.hovering = false
	if t.rend != nil {
		t.rend.tip.update()
		t.rend.repaint()
	}
}

// FocusGained implements fyne.Focusable.
func (t *View) FocusGained() {
	t.focused = true
	t.Refresh()
}

// FocusLost implements fyne.Focusable.
func (t *View) FocusLost() {
	t.focused = false
	t.Refresh()
}
