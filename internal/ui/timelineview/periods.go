package timelineview

import (
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/items"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/textfit"
)

// Periods are drawn in two stages. Behind everything but the lanes' own
// shading, a band of the period's colour spans its time, with a line at
// each end: across every lane, or only across the lane the period names
// when that lane is shown. Above the marks, a label names it at the foot of
// its band: a pill of the theme's background with the text in the theme's
// foreground, edged in the period's colour, so that it reads the same in
// the light and the dark theme whatever the colour. A tap on a label
// selects the period.

// periodPainter draws the periods: their bands and edges behind the marks,
// their labels above them, and keeps where each label went, for taps.
type periodPainter struct {
	r      *renderer
	bands  pool[*canvas.Rectangle]
	edges  pool[*canvas.Line] // where each period begins and ends
	pills  pool[*canvas.Rectangle]
	titles textPool
	labels []periodLabel // where the last frame named each period
}

func newPeriodPainter(r *renderer) periodPainter {
	p := periodPainter{r: r}
	p.bands.make = func() *canvas.Rectangle { return &canvas.Rectangle{} }
	p.edges.make = func() *canvas.Line { return &canvas.Line{StrokeWidth: 1} }
	p.pills.make = func() *canvas.Rectangle { return &canvas.Rectangle{} }
	return p
}

// periodLabel is where the last frame drew a period's label, for taps.
type periodLabel struct {
	id         int64
	x, y, w, h float32
}

// colorOf is the colour of a period's band: its own, or the theme's primary
// colour when it has none.
func (pp *periodPainter) colorOf(p *model.Period) color.NRGBA {
	if c, ok := model.ColorRGB(p.Color); ok {
		return c
	}
	return withAlpha(pp.r.col.primary, 1)
}

// rows are the vertical stretches a period's band covers: its lane's when
// the lane is shown, else the whole lane area.
func (pp *periodPainter) rows(p *model.Period, box frameBox) [][2]float32 {
	if lane := strings.ToLower(strings.TrimSpace(p.Lane)); lane != "" {
		var rows [][2]float32
		for i := range pp.r.t.lay.Lanes {
			b := &pp.r.t.lay.Lanes[i]
			if strings.HasPrefix(b.Key, items.LaneKeyPrediction) {
				continue
			}
			_, name, _ := strings.Cut(b.Key, ":")
			if strings.ToLower(name) == lane || strings.ToLower(b.Title) == lane {
				rows = append(rows, [2]float32{max(box.top+b.Y, box.top), min(box.top+b.Y+b.Height, box.h)})
			}
		}
		if len(rows) > 0 {
			return rows
		}
	}
	return [][2]float32{{box.top, box.h}}
}

// x is where a period's time lies across the widget, unclipped.
func (pp *periodPainter) x(p *model.Period) (x1, x2 float32) {
	v := pp.r.t.nav.viewport()
	return v.X(float64(p.Earliest())), v.X(float64(p.Latest() + 1))
}

// drawBands draws the band of each period in view.
func (pp *periodPainter) drawBands(box frameBox) {
	alpha := 0.10
	if pp.r.col.dark() {
		alpha = 0.16
	}
	for i := range pp.r.t.periods {
		p := &pp.r.t.periods[i]
		x1, x2 := pp.x(p)
		if x2 < 0 || x1 > box.w || math.IsNaN(float64(x1)) {
			continue
		}
		c := pp.colorOf(p)
		left, right := clampF(x1, 0, box.w), clampF(x2, 0, box.w)
		for _, rows := range pp.rows(p, box) {
			if rows[1] <= rows[0] {
				continue
			}
			setRect(pp.bands.next(), left, rows[0], max(right-left, 1), rows[1]-rows[0], withAlpha(c, alpha), nil, 0, 0)
			for _, x := range []float32{x1, x2} {
				if x >= 0 && x <= box.w {
					setLine(pp.edges.next(), x, rows[0], x, rows[1], withAlpha(c, 0.55), 1)
				}
			}
		}
	}
}

// maxPeriodLabel bounds the width of a period's label, so that a long
// title over a wide band does not hide a lane's worth of labels.
const maxPeriodLabel = 320

// drawLabels names each period in view at the foot of its band,
// above the marks, and keeps where, for taps. A label may reach past a
// band too narrow for it; labels that would cover each other are stacked.
func (pp *periodPainter) drawLabels(box frameBox) {
	r, t := pp.r, pp.r.t
	size := t.met.axisSize
	h := r.measures.LineHeight(size) + 4
	pp.labels = pp.labels[:0]
	selected := t.sel.Kind == app.SelectPeriod
	for i := range t.periods {
		p := &t.periods[i]
		x1, x2 := pp.x(p)
		if x2 < 0 || x1 > box.w {
			continue
		}
		left := clampF(x1, 0, box.w)
		rows := pp.rows(p, box)
		bottom, top := rows[len(rows)-1][1], rows[0][0]
		title := p.Title
		room := min(box.w-left-14, maxPeriodLabel)
		if room < 12 {
			continue
		}
		if r.measures.Width(title, size, false) > room {
			title = textfit.FitText(title, room, size, fyne.TextStyle{})
		}
		w := r.measures.Width(title, size, false) + 10
		x := min(left+4, box.w-w-2)
		y := bottom - h - 3
		for _, l := range pp.labels {
			if y >= l.y+l.h || y+h <= l.y || x >= l.x+l.w || x+w <= l.x {
				continue
			}
			y = l.y - h - 2 // stack above the label it would cover
		}
		if y < top {
			continue
		}
		c := pp.colorOf(p)
		stroke, sw := color.Color(withAlpha(c, 0.9)), float32(1.5)
		if selected && t.sel.ID == p.ID {
			stroke, sw = r.col.fg, 2.5
		}
		setRect(pp.pills.next(), x, y, w, h, withAlpha(r.col.bg, 0.88), stroke, sw, h/2)
		pp.titles.want(p.ID, title, x+5, y+2, size, fyne.TextStyle{}, r.col.fg)
		pp.labels = append(pp.labels, periodLabel{id: p.ID, x: x, y: y, w: w, h: h})
	}
}

// at is the period whose label holds pos, from the last frame.
func (pp *periodPainter) at(pos fyne.Position) (int64, bool) {
	for i := len(pp.labels) - 1; i >= 0; i-- {
		l := pp.labels[i]
		if pos.X >= l.x && pos.X <= l.x+l.w && pos.Y >= l.y && pos.Y <= l.y+l.h {
			return l.id, true
		}
	}
	return 0, false
}

// findPeriod finds a period by id.
func findPeriod(periods []model.Period, id int64) (model.Period, bool) {
	for _, p := range periods {
		if p.ID == id {
			return p, true
		}
	}
	return model.Period{}, false
}

// revealPeriod brings a period into view when none of it is.
func (n *Navigator) revealPeriod(id int64) {
	p, ok := findPeriod(n.t.periods, id)
	if !ok {
		return
	}
	n.Reveal(p.Earliest(), p.Latest())
}
