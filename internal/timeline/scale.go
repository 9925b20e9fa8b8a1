package timeline

import "math"

// Limits of the visible span: a day is the finest zoom that still has a
// meaningful axis (items have day precision) and a millennium is far beyond
// any data the app holds while keeping float math comfortable.
const (
	MinSpanDays = 1.0
	MaxSpanDays = 1000 * 365.2425
)

// fitMargin is the share of the fitted span left free on each side by Fit so
// the first and last items are not glued to the edges.
const fitMargin = 0.05

// Viewport is the visible window: the days at the left and right edges, the
// pixel size of the drawing area and the vertical scroll offset of the lanes.
type Viewport struct {
	Start, End    float64 // days at x = 0 and x = Width
	Width, Height float32 // pixels
	ScrollY       float32 // pixels of lane content scrolled above the top edge
}

// Span returns the number of days visible.
func (v Viewport) Span() float64 { return v.End - v.Start }

// PxPerDay returns the horizontal scale, or 0 for an unusable viewport.
func (v Viewport) PxPerDay() float64 {
	if !v.valid() {
		return 0
	}
	return float64(v.Width) / v.Span()
}

func (v Viewport) valid() bool {
	s := v.End - v.Start
	return v.Width > 0 && s > 0 && !math.IsInf(s, 0) && !math.IsNaN(s)
}

// X returns the horizontal pixel of a day.
func (v Viewport) X(day float64) float32 {
	if !v.valid() {
		return 0
	}
	return float32((day - v.Start) * float64(v.Width) / v.Span())
}

// Day returns the day at a horizontal pixel.
func (v Viewport) Day(x float32) float64 {
	if !v.valid() {
		return v.Start
	}
	return v.Start + float64(x)*v.Span()/float64(v.Width)
}

// Zoom scales the visible span by 1/factor (factor > 1 zooms in) while the
// day under anchorX stays under it, and clamps the span to
// [MinSpanDays, MaxSpanDays].
func (v Viewport) Zoom(factor float64, anchorX float32) Viewport {
	if !(factor > 0) || math.IsInf(factor, 0) {
		return v
	}
	span := v.Span()
	if !(span > 0) {
		span = MinSpanDays
	}
	frac := 0.5
	if v.Width > 0 {
		frac = float64(anchorX) / float64(v.Width)
	}
	anchor := v.Start + frac*span
	span = clampSpan(span / factor)
	v.Start = anchor - frac*span
	v.End = v.Start + span
	return v
}

// Pan moves the content by dx pixels the way a drag does: a positive dx
// moves the content right and so reveals earlier days.
func (v Viewport) Pan(dx float32) Viewport {
	if !v.valid() {
		return v
	}
	shift := float64(dx) * v.Span() / float64(v.Width)
	v.Start -= shift
	v.End -= shift
	return v
}

// Fit returns the viewport showing days first..last (inclusive) with a small
// margin on both sides.
func (v Viewport) Fit(first, last int64) Viewport {
	if last < first {
		first, last = last, first
	}
	lo, hi := float64(first), float64(last)+1
	span := clampSpan((hi - lo) * (1 + 2*fitMargin))
	mid := (lo + hi) / 2
	v.Start = mid - span/2
	v.End = mid + span/2
	return v
}

// CenterOn keeps the span and puts day in the middle of the view.
func (v Viewport) CenterOn(day float64) Viewport {
	span := clampSpan(v.Span())
	v.Start = day - span/2
	v.End = day + span/2
	return v
}

// ClampScroll keeps ScrollY within the lane content of the given height.
func (v Viewport) ClampScroll(contentHeight float32) Viewport {
	maxScroll := contentHeight - v.Height
	if v.ScrollY > maxScroll {
		v.ScrollY = maxScroll
	}
	if v.ScrollY < 0 {
		v.ScrollY = 0
	}
	return v
}

func clampSpan(s float64) float64 {
	if !(s >= MinSpanDays) { // also catches NaN
		return MinSpanDays
	}
	if s > MaxSpanDays {
		return MaxSpanDays
	}
	return s
}
