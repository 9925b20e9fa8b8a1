package timelineview

import (
	"image/color"

	"fyne.io/fyne/v2/canvas"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/timeline"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/items"
)

// linkPainter draws the lines between marks: from a prediction to the event
// that resolved it, and from a claim to the claim that restates it. The
// dots where the lines leave their rows go to the renderer's dot pool, so
// that they are drawn over the bars.
type linkPainter struct {
	r     *renderer
	lines pool[*canvas.Line]
	// hovered is the item whose lines the last frame drew strong.
	hovered    int64
	resolvedAt []float32     // x, y pairs of resolution dots, reused every frame
	markAt     []int         // indexes of the prediction marks of a frame, reused
	markIndex  map[int64]int // item ID → index in the layout's marks, for chains
}

func newLinkPainter(r *renderer) linkPainter {
	l := linkPainter{r: r}
	l.lines.make = func() *canvas.Line { return &canvas.Line{StrokeWidth: 1.5} }
	return l
}

// drawResolutionLines draws the lines from predictions to the events that resolved
// them: a vertical connector at the event's date, reaching along the
// prediction's row when the event came after its bar ended. Diagonals from
// the bar's end would cut across every label in between. It keeps where
// each line leaves its prediction, for drawResolutionDots.
func (l *linkPainter) drawResolutionLines(box frameBox) {
	r, t := l.r, l.r.t
	resolvedAt := l.resolvedAt[:0]
	barH := r.barHeight()
	// Lines run across other labels: they stay faint unless their
	// prediction or event is hovered or selected.
	hovered, _ := r.tip.hoveredItem()
	l.hovered = hovered
	selected, _ := items.IDOf(t.sel)
	for i := range t.lay.Links {
		ln := &t.lay.Links[i]
		c := look.StateColor(model.StateOpen)
		if it, ok := t.index.Item(ln.FromID); ok {
			s, _ := items.StateOf(it.State)
			c = look.StateColor(s)
		}
		x := ln.X2
		if x < 0 || x > box.w {
			continue
		}
		// Leave the bar from the edge facing the event, so that neither
		// the line nor the dot covers the prediction's label.
		y1 := box.top + ln.Y1 + barH/2
		if ln.Y2 < ln.Y1 {
			y1 = box.top + ln.Y1 - barH/2
		}
		lc, lw := withAlpha(c, 0.22), float32(1.5)
		if ln.FromID == hovered || ln.ToID == hovered || ln.FromID == selected || ln.ToID == selected {
			lc, lw = withAlpha(c, 0.9), 2
		}
		setLine(l.lines.next(), x, y1, x, box.top+ln.Y2, lc, lw)
		if x > ln.X1 && ln.X1 >= 0 {
			setLine(l.lines.next(), ln.X1, y1, x, y1, lc, lw)
		}
		resolvedAt = append(resolvedAt, x, y1)
	}
	l.resolvedAt = resolvedAt
}

// drawChains draws the moving targets: a connector from each claim to the
// claim that restates it with a new deadline, when both are drawn. It
// starts with a dot on the restated claim's row at the day the
// restatement was made (reaching along the row first when that day is
// after the bar's end) and drops to an arrowhead on the restatement:
// re-dating shows where it happened.
func (l *linkPainter) drawChains(box frameBox) {
	r, t := l.r, l.r.t
	at := l.markAt[:0]
	if l.markIndex == nil {
		l.markIndex = map[int64]int{}
	}
	clear(l.markIndex)
	for i := range t.lay.Marks {
		if t.lay.Marks[i].Kind == timeline.KindPrediction {
			l.markIndex[t.lay.Marks[i].ID] = i
			at = append(at, i)
		}
	}
	l.markAt = at
	c := withAlpha(r.col.fg, 0.6)
	half := r.barHeight() / 2
	for _, i := range at {
		mk := &t.lay.Marks[i]
		claim := r.claimOf(mk)
		if claim == nil || claim.Restates == 0 {
			continue
		}
		j, ok := l.markIndex[items.PredictionID(claim.Restates)]
		if !ok {
			continue
		}
		from := &t.lay.Marks[j]
		x := mk.Left
		y1, y2 := box.top+from.Y, box.top+mk.Y
		if x < 0 || x > box.w || min(y1, y2) > box.h {
			continue
		}
		dir := float32(1) // the restatement is below
		switch {
		case y2 < y1:
			dir = -1
		case y2 == y1:
			dir = 0 // the same row: a straight line along it
		}
		if dir != 0 {
			y2 -= dir * half // the arrow stops at the restatement's bar
		}
		if x > from.Right {
			setLine(l.lines.next(), from.Right, y1, x, y1, c, 2)
		}
		// A dot on the restated claim marks the day it was re-dated.
		setCircle(r.dots.next(), x, y1, 3.5, r.col.fg, r.col.bg, 1)
		if dir == 0 {
			x0 := min(from.Right, x)
			setLine(l.lines.next(), x0, y1, x, y2, c, 2)
			l.arrowHead(x, y2, 1, 0, c)
			continue
		}
		setLine(l.lines.next(), x, y1, x, y2, c, 2)
		l.arrowHead(x, y2, 0, dir, c)
	}
}

// arrowHead draws two strokes ending at (x, y), pointing along (ux, uy).
func (l *linkPainter) arrowHead(x, y, ux, uy float32, c color.Color) {
	const head = 6
	for _, side := range []float32{1, -1} {
		hx := x - head*ux - side*head*0.6*uy
		hy := y - head*uy + side*head*0.6*ux
		setLine(l.lines.next(), hx, hy, x, y, c, 2)
	}
}

// drawResolutionDots puts a dot on a prediction's row at the day it was
// resolved, where its link leaves it.
func (l *linkPainter) drawResolutionDots() {
	r := l.r
	for i := 0; i+1 < len(l.resolvedAt); i += 2 {
		setCircle(r.dots.next(), l.resolvedAt[i], l.resolvedAt[i+1], 3, r.col.fg, r.col.bg, 1)
	}
}
