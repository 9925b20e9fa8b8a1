package timelineview

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// withAlpha returns c with its opacity scaled by a (0–1).
func withAlpha(c color.Color, a float64) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(math.Round(float64(n.A) * a))
	return n
}

// pool is a growable set of canvas objects of one kind; those not used in
// a frame are hidden.
type pool[T fyne.CanvasObject] struct {
	objs  []T
	used  int
	shown int // objects visible after the last frame
	make  func() T
	grew  bool
}

func (p *pool[T]) reset() { p.used = 0 }

func (p *pool[T]) next() T {
	if p.used == len(p.objs) {
		p.objs = append(p.objs, p.make())
		p.grew = true
	}
	o := p.objs[p.used]
	p.used++
	if !o.Visible() {
		o.Show()
	}
	return o
}

// finish hides what this frame did not use and reports whether the pool
// grew, which calls for a new object list.
func (p *pool[T]) finish() bool {
	for i := p.used; i < p.shown; i++ {
		p.objs[i].Hide()
	}
	p.shown = p.used
	g := p.grew
	p.grew = false
	return g
}

func appendPool[T fyne.CanvasObject](dst []fyne.CanvasObject, p *pool[T]) []fyne.CanvasObject {
	for _, o := range p.objs {
		dst = append(dst, o)
	}
	return dst
}

// textPool hands out text objects keyed by what they show (an item, a
// tick): a text keeps the same object from frame to frame while it stays
// visible, so panning moves textures instead of rendering text again.
type textPool struct {
	objs    []*canvas.Text
	owner   []int32 // request index holding each object this frame, -1 when free
	prev    map[int64]int32
	reqs    []textReq
	created bool
}

type textReq struct {
	key   int64
	s     string
	x, y  float32
	size  float32
	style fyne.TextStyle
	color color.Color
	obj   int32
}

func (p *textPool) begin() { p.reqs = p.reqs[:0] }

func (p *textPool) want(key int64, s string, x, y, size float32, style fyne.TextStyle, c color.Color) {
	p.reqs = append(p.reqs, textReq{key: key, s: s, x: x, y: y, size: size, style: style, color: c, obj: -1})
}

// end assigns objects: first each text to the object that showed the same
// key and text last frame, then the rest to free objects.
func (p *textPool) end() bool {
	if p.prev == nil {
		p.prev = make(map[int64]int32)
	}
	for i := range p.owner {
		p.owner[i] = -1
	}
	for i := range p.reqs {
		q := &p.reqs[i]
		if o, ok := p.prev[q.key]; ok && p.owner[o] < 0 && p.objs[o].Text == q.s {
			p.owner[o] = int32(i)
			q.obj = o
		}
	}
	free := 0
	for i := range p.reqs {
		q := &p.reqs[i]
		if q.obj >= 0 {
			continue
		}
		for free < len(p.objs) && p.owner[free] >= 0 {
			free++
		}
		if free == len(p.objs) {
			p.objs = append(p.objs, &canvas.Text{})
			p.owner = append(p.owner, -1)
			p.created = true
		}
		p.owner[free] = int32(i)
		q.obj = int32(free)
	}
	clear(p.prev)
	for i := range p.reqs {
		q := &p.reqs[i]
		o := p.objs[q.obj]
		setText(o, q.s, q.x, q.y, q.size, q.style, q.color)
		if !o.Visible() {
			o.Show()
		}
		p.prev[q.key] = q.obj
	}
	for i, o := range p.objs {
		if p.owner[i] < 0 && o.Visible() {
			o.Hide()
		}
	}
	g := p.created
	p.created = false
	return g
}

func (p *textPool) appendTo(dst []fyne.CanvasObject) []fyne.CanvasObject {
	for _, o := range p.objs {
		dst = append(dst, o)
	}
	return dst
}

func setText(o *canvas.Text, s string, x, y, size float32, style fyne.TextStyle, c color.Color) {
	changed := o.Text != s || o.TextSize != size || o.TextStyle != style || !sameColor(o.Color, c)
	o.Text, o.TextSize, o.TextStyle, o.Color = s, size, style, c
	o.Move(fyne.NewPos(x, y))
	if changed {
		o.Resize(fyne.MeasureText(s, size, style))
		o.Refresh()
	}
}

// newIcon makes an image for an icon resource, scaled to fit its box.
func newIcon() *canvas.Image {
	return &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleSmooth}
}

// setIcon shows res in a square of side size at x, y; the image is
// rasterised again only when the resource or the size changes.
func setIcon(o *canvas.Image, res fyne.Resource, x, y, size float32) {
	o.Move(fyne.NewPos(x, y))
	if o.Resource != res || o.Size().Width != size {
		o.Resource = res
		o.Resize(fyne.NewSize(size, size))
		o.Refresh()
	}
}

func setRect(o *canvas.Rectangle, x, y, w, h float32, fill, stroke color.Color, sw, radius float32) {
	changed := !sameColor(o.FillColor, fill) || !sameColor(o.StrokeColor, stroke) || o.StrokeWidth != sw || o.CornerRadius != radius
	o.FillColor, o.StrokeColor, o.StrokeWidth, o.CornerRadius = fill, stroke, sw, radius
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(max(w, 0), max(h, 0)))
	if changed {
		o.Refresh()
	}
}

// rect adds a pooled rectangle clipped vertically to [top, bottom].
func (r *renderer) rect(p *pool[*canvas.Rectangle], x, y, w, h, top, bottom float32, fill color.Color) {
	y0, y1 := max(y, top), min(y+h, bottom)
	if y1 <= y0 {
		return
	}
	setRect(p.next(), x, y0, w, y1-y0, fill, nil, 0, 0)
}

func setLine(o *canvas.Line, x1, y1, x2, y2 float32, c color.Color, w float32) {
	changed := !sameColor(o.StrokeColor, c) || o.StrokeWidth != w
	o.StrokeColor, o.StrokeWidth = c, w
	o.Position1, o.Position2 = fyne.NewPos(x1, y1), fyne.NewPos(x2, y2)
	if changed {
		o.Refresh()
	}
}

func setCircle(o *canvas.Circle, cx, cy, radius float32, fill, stroke color.Color, sw float32) {
	changed := !sameColor(o.FillColor, fill) || !sameColor(o.StrokeColor, stroke) || o.StrokeWidth != sw
	o.FillColor, o.StrokeColor, o.StrokeWidth = fill, stroke, sw
	o.Position1 = fyne.NewPos(cx-radius, cy-radius)
	o.Position2 = fyne.NewPos(cx+radius, cy+radius)
	if changed {
		o.Refresh()
	}
}

func sameColor(a, b color.Color) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

func clampF(v, lo, hi float32) float32 { return min(max(v, lo), hi) }
