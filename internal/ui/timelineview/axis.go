package timelineview

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/hindsight-app/hindsight/internal/timeline"
)

// axisPainter draws the time axis across the top of the widget: its
// background and bottom line, the ticks and their labels, and the today
// badge.
type axisPainter struct {
	r        *renderer
	bg       *canvas.Rectangle
	line     *canvas.Line
	ticks    pool[*canvas.Line]
	tickText textPool
	todayBg  *canvas.Rectangle
	todayTx  *canvas.Text
}

func newAxisPainter(r *renderer) axisPainter {
	a := axisPainter{
		r:       r,
		bg:      &canvas.Rectangle{},
		line:    &canvas.Line{StrokeWidth: 1},
		todayBg: &canvas.Rectangle{CornerRadius: 4},
		todayTx: &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}},
	}
	a.ticks.make = func() *canvas.Line { return &canvas.Line{StrokeWidth: 1} }
	return a
}

// draw draws the time axis on top, so that rows scrolled under it are
// hidden. It has two tiers: above, the coarser unit around the ticks (the
// year above months, the month above days), whose label stays in view
// while any of it is; below, the ticks with the labels that fit without
// overlapping each other or the today badge.
func (a *axisPainter) draw(box frameBox, todayX float32, todayOn bool) {
	r := a.r
	t, m, col := r.t, r.t.met, &r.col
	top, w := box.top, box.w
	setRect(a.bg, 0, 0, w, top, col.bg, nil, 0, 0)
	lineCol, lineW := col.sep, float32(1)
	if t.focused {
		lineCol, lineW = col.focus, 2
	}
	setLine(a.line, 0, top-lineW/2, w, top-lineW/2, lineCol, lineW)

	rowH := r.measures.LineHeight(m.axisSize)
	upperY := (top/2 - rowH) / 2
	lowerY := top/2 + (top/2-rowH)/2
	a.drawUpperTier(w, top, upperY)

	tx := float32(math.Inf(-1))
	// The today badge wins over tick labels it would cover.
	var todayL, todayR float32
	if todayOn {
		text := t.words.T("timeline.today", "Today")
		tw := r.measures.Width(text, m.axisSize, true)
		todayL = clampF(todayX-tw/2-5, 0, max(w-tw-10, 0))
		todayR = todayL + tw + 10
		setRect(a.todayBg, todayL, lowerY-1, tw+10, rowH+2, col.primary, nil, 0, 4)
		setText(a.todayTx, text, todayL+5, lowerY, m.axisSize, fyne.TextStyle{Bold: true}, col.onPrimary)
		a.todayBg.Show()
		a.todayTx.Show()
	} else {
		a.todayBg.Hide()
		a.todayTx.Hide()
	}
	for i := range t.lay.Ticks {
		tk := &t.lay.Ticks[i]
		if tk.X < 0 || tk.X > w {
			continue
		}
		tickTop := top * 0.72
		if tk.Major {
			tickTop = top * 0.5
		}
		setLine(a.ticks.next(), tk.X, tickTop, tk.X, top, col.sep, 1)
		text := timeline.MinorLabel(*tk, t.words.Lang())
		tw := r.measures.Width(text, m.axisSize, false)
		x := tk.X + 3
		if x < tx+6 || x+tw > w-2 || todayOn && x < todayR+4 && x+tw > todayL-4 {
			continue
		}
		tx = x + tw
		key := int64(math.Floor(tk.Day))<<3 | int64(tk.Unit)
		a.tickText.want(key, text, x, lowerY, m.axisSize, fyne.TextStyle{}, col.muted)
	}
}

// drawUpperTier draws a cell per span of the upper tier: a line where it
// begins and its label, kept inside the visible part of the cell so the
// year (or month) in view is always named.
func (a *axisPainter) drawUpperTier(w, top, y float32) {
	r := a.r
	t, m, col := r.t, r.t.met, &r.col
	for i := range t.lay.Spans {
		s := &t.lay.Spans[i]
		if s.X2 <= 0 || s.X1 >= w {
			continue
		}
		if s.X1 > 0 {
			setLine(a.ticks.next(), s.X1, 0, s.X1, top, col.sep, 1)
		}
		text := timeline.SpanLabel(*s, t.words.Lang())
		tw := r.measures.Width(text, m.axisSize, true)
		left, right := max(s.X1, 0)+6, min(s.X2, w)-6
		x := min(left, right-tw)
		if x < left-0.5 || x+tw > right+0.5 {
			continue // the visible part of the cell is too narrow for its name
		}
		key := -1 - (int64(math.Floor(s.Start))<<4 | int64(s.Unit))
		a.tickText.want(key, text, x, y, m.axisSize, fyne.TextStyle{Bold: true}, col.fg)
	}
}
