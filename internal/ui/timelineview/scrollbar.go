package timelineview

import (
	"fyne.io/fyne/v2"
)

// scrollbarWidth is the width of the vertical scroll bar, in pixels.
const scrollbarWidth = 10

// scrollbar is the vertical scroll bar at the right edge of the lane area:
// a track, and a thumb whose length is the share of the lanes in view. It
// is shown only when the lanes do not all fit.
type scrollbar struct {
	x, top, h      float32 // the track
	thumbY, thumbH float32
	maxScroll      float32 // the lanes' scroll at the bottom
	shown          bool
}

// scrollbarOf is t's scroll bar as its current layout places it.
func scrollbarOf(t *View) scrollbar {
	size := t.Size()
	top := t.met.axisH
	h := size.Height - top
	content := t.lay.ContentHeight
	if h <= 0 || content <= h+0.5 {
		return scrollbar{}
	}
	thumbH := max(h*h/content, 24)
	maxScroll := content - h
	share := clampF(t.nav.view.ScrollY/maxScroll, 0, 1)
	return scrollbar{
		x: size.Width - scrollbarWidth, top: top, h: h,
		thumbY: top + (h-thumbH)*share, thumbH: thumbH,
		maxScroll: maxScroll, shown: true,
	}
}

// onTrack reports whether p is on the scroll bar.
func (b scrollbar) onTrack(p fyne.Position) bool { return b.shown && p.X >= b.x-2 && p.Y >= b.top }

// onThumb reports whether p is on the thumb.
func (b scrollbar) onThumb(p fyne.Position) bool {
	return b.onTrack(p) && p.Y >= b.thumbY && p.Y <= b.thumbY+b.thumbH
}

// scrollPerPixel is how far the lanes scroll for each pixel the thumb is
// dragged.
func (b scrollbar) scrollPerPixel() float32 {
	if travel := b.h - b.thumbH; travel > 0 {
		return b.maxScroll / travel
	}
	return 0
}

// drawScrollbar shows the scroll bar's track and thumb, or hides them.
func (r *renderer) drawScrollbar() {
	b := scrollbarOf(r.t)
	if !b.shown {
		r.scrollTrack.Hide()
		r.scrollThumb.Hide()
		return
	}
	setRect(r.scrollTrack, b.x, b.top, scrollbarWidth, b.h, withAlpha(r.col.fg, 0.06), nil, 0, 0)
	setRect(r.scrollThumb, b.x+2, b.thumbY+2, scrollbarWidth-4, b.thumbH-4, withAlpha(r.col.fg, 0.35), nil, 0, (scrollbarWidth-4)/2)
	r.scrollTrack.Show()
	r.scrollThumb.Show()
}
