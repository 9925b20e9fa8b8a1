package timeline

import (
	"math"
	"testing"
)

func testViewport() Viewport {
	start := float64(DaysFromCivil(2023, 1, 1))
	return Viewport{Start: start, End: start + 365, Width: 1400, Height: 800}
}

func near(a, b, eps float64) bool { return math.Abs(a-b) <= eps }

func TestViewportXDayInverse(t *testing.T) {
	v := testViewport()
	if x := v.X(v.Start); x != 0 {
		t.Errorf("X(Start) = %v", x)
	}
	if x := v.X(v.End); x != v.Width {
		t.Errorf("X(End) = %v, want %v", x, v.Width)
	}
	for _, x := range []float32{0, 1, 333.5, 700, 1399} {
		if got := v.X(v.Day(x)); !near(float64(got), float64(x), 1e-3) {
			t.Errorf("X(Day(%v)) = %v", x, got)
		}
	}
	if got := v.PxPerDay(); !near(got, 1400.0/365, 1e-9) {
		t.Errorf("PxPerDay = %v", got)
	}
	var zero Viewport
	if zero.X(5) != 0 || zero.PxPerDay() != 0 || zero.Day(10) != 0 {
		t.Error("zero viewport should map to 0 without dividing by zero")
	}
}

func TestViewportZoomKeepsAnchor(t *testing.T) {
	v := testViewport()
	for _, anchor := range []float32{0, 250, 700, 1400} {
		for _, f := range []float64{2, 0.5, 1.1, 10} {
			before := v.Day(anchor)
			z := v.Zoom(f, anchor)
			if !near(z.Day(anchor), before, 1e-6) {
				t.Errorf("Zoom(%v,%v) moved anchor day %v -> %v", f, anchor, before, z.Day(anchor))
			}
			if !near(z.Span(), v.Span()/f, 1e-6) {
				t.Errorf("Zoom(%v) span = %v, want %v", f, z.Span(), v.Span()/f)
			}
		}
	}
}

func TestViewportZoomClamps(t *testing.T) {
	v := testViewport()
	if z := v.Zoom(1e9, 100); z.Span() != MinSpanDays {
		t.Errorf("zoom in span = %v, want %v", z.Span(), MinSpanDays)
	}
	if z := v.Zoom(1e-9, 100); z.Span() != MaxSpanDays {
		t.Errorf("zoom out span = %v, want %v", z.Span(), MaxSpanDays)
	}
	for _, bad := range []float64{0, -2, math.NaN(), math.Inf(1)} {
		if z := v.Zoom(bad, 100); z != v {
			t.Errorf("Zoom(%v) changed the viewport", bad)
		}
	}
}

func TestViewportPan(t *testing.T) {
	v := testViewport()
	p := v.Pan(140) // a tenth of the width
	if !near(p.Start, v.Start-36.5, 1e-9) || !near(p.Span(), v.Span(), 1e-9) {
		t.Errorf("Pan(140) = %v..%v", p.Start, p.End)
	}
	// The content follows the drag: the day that was at x=0 is now at x=140.
	if !near(float64(p.X(v.Start)), 140, 1e-3) {
		t.Errorf("day at 0 moved to %v", p.X(v.Start))
	}
}

func TestViewportFit(t *testing.T) {
	v := Viewport{Width: 1000, Height: 500}
	first, last := DaysFromCivil(2015, 1, 1), DaysFromCivil(2026, 12, 31)
	f := v.Fit(first, last)
	if f.Start >= float64(first) || f.End <= float64(last+1) {
		t.Errorf("Fit %v..%v does not contain %d..%d", f.Start, f.End, first, last+1)
	}
	if x := f.X(float64(first)); x < 30 || x > 70 {
		t.Errorf("left margin %v px, want about 5%%", x)
	}
	if !near((f.Start+f.End)/2, float64(first+last+1)/2, 1e-9) {
		t.Error("Fit is not centred")
	}
	if g := v.Fit(last, first); g != f {
		t.Error("Fit should accept reversed bounds")
	}
	one := v.Fit(first, first)
	if !near(one.Span(), 1+2*fitMargin, 1e-9) || one.Start > float64(first) || one.End < float64(first+1) {
		t.Errorf("Fit of one day = %v..%v", one.Start, one.End)
	}
}

func TestViewportCenterOn(t *testing.T) {
	v := testViewport()
	c := v.CenterOn(20000)
	if !near(c.Span(), v.Span(), 1e-9) || !near(float64(c.X(20000)), 700, 1e-3) {
		t.Errorf("CenterOn: span %v, x %v", c.Span(), c.X(20000))
	}
}

func TestViewportClampScroll(t *testing.T) {
	v := testViewport()
	v.ScrollY = 5000
	if got := v.ClampScroll(1000).ScrollY; got != 200 {
		t.Errorf("ScrollY = %v, want 200", got)
	}
	v.ScrollY = -10
	if got := v.ClampScroll(1000).ScrollY; got != 0 {
		t.Errorf("ScrollY = %v, want 0", got)
	}
	v.ScrollY = 50
	if got := v.ClampScroll(300).ScrollY; got != 0 {
		t.Errorf("short content: ScrollY = %v, want 0", got)
	}
}
