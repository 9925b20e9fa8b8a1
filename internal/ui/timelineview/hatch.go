package timelineview

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// A fuzzy date is drawn hatched: diagonal stripes over a faint fill, fading
// out at both ends, so that it reads as "somewhere in here" and not as a
// text selection or a precise span.

// hatchStripe is the stripes' period and hatchInk how much of it is ink,
// in pixels.
const (
	hatchStripe = 7
	hatchInk    = 3
)

// hatchPaint is what one pooled hatch raster draws; the raster's pixel
// function reads it, so a new colour is a Refresh away.
type hatchPaint struct {
	c    color.NRGBA
	fade int // pixels over which each end fades out
}

// hatcher draws fuzzy dates from a pool of rasters, each with the paint
// its pixel function reads.
type hatcher struct {
	t       *View
	rasters pool[*canvas.Raster]
	paint   map[*canvas.Raster]*hatchPaint
}

// newHatcher makes a hatcher whose pool makes each raster with its own
// paint.
func newHatcher(t *View) hatcher {
	paint := map[*canvas.Raster]*hatchPaint{}
	hp := hatcher{t: t, paint: paint}
	hp.rasters.make = func() *canvas.Raster {
		p := &hatchPaint{}
		ras := canvas.NewRasterWithPixels(func(x, y, w, h int) color.Color { return p.pixel(x, y, w) })
		paint[ras] = p
		return ras
	}
	return hp
}

// pixel is the colour of the hatch at x, y in a raster w pixels wide.
func (p *hatchPaint) pixel(x, y, w int) color.Color {
	a := 0.14
	if (x+y)%hatchStripe < hatchInk {
		a = 0.6
	}
	if p.fade > 0 {
		edge := min(x, w-1-x)
		if edge < p.fade {
			a *= float64(edge+1) / float64(p.fade+1)
		}
	}
	return withAlpha(p.c, a)
}

// draw draws a fuzzy band from left to right at y, h high, in c.
func (hp *hatcher) draw(left, right, y, h float32, c color.NRGBA) {
	w := right - left
	fade := min(w/3, 16)
	if w < 3*hp.t.met.opt.MarkerSize {
		fade = w * 0.3 // a fuzzy point: a small hatched blob
	}
	ras := hp.rasters.next()
	p := hp.paint[ras]
	scale := float32(1)
	if c := fyne.CurrentApp(); c != nil {
		if cv := c.Driver().CanvasForObject(hp.t); cv != nil {
			scale = cv.Scale()
		}
	}
	f := int(fade * scale)
	if p.c != c || p.fade != f {
		p.c, p.fade = c, f
		ras.Refresh()
	}
	ras.Move(fyne.NewPos(left, y))
	ras.Resize(fyne.NewSize(max(w, 1), max(h, 1)))
}
