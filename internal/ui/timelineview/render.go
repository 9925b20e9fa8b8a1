package timelineview

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/hindsight-app/hindsight/internal/timeline"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/items"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/textfit"
)

// renderer draws a View from pools of canvas objects sized
// to what the current layout shows; spare objects are hidden, never freed
// one by one, so panning allocates nothing once the pools have grown.
type renderer struct {
	t       *View
	objects []fyne.CanvasObject

	// Pools in drawing order, back to front; the helpers below hold the
	// objects of their own parts.
	bands    pool[*canvas.Rectangle] // lane backgrounds and headers
	arrows   pool[*canvas.Image]     // lane headers' expand/collapse arrows
	titles   textPool                // lane titles
	periods  periodPainter           // bands behind the marks, labels above them
	grid     pool[*canvas.Line]
	todayLn  *canvas.Line
	links    linkPainter             // resolutions and restatements
	bars     pool[*canvas.Rectangle] // spans and the middle of soft bands
	hatches  hatcher                 // fuzzy dates
	hitRings pool[*canvas.Rectangle] // outlines of search hits
	dots     pool[*canvas.Circle]
	clusters pool[*canvas.Rectangle]
	counts   textPool
	labels   textPool
	badges   pool[*canvas.Image] // state marks before prediction labels
	selBox   *canvas.Rectangle
	selRing  *canvas.Circle

	scrollTrack, scrollThumb *canvas.Rectangle
	axis                     axisPainter
	tip                      tooltip

	col      colors
	measures textfit.Measures
	// fillInAsked: a frame that left texts out has asked for the next.
	fillInAsked bool
}

// colors are the theme colours of one frame.
type colors struct {
	fg, muted, bg, primary, onPrimary, sep, err, focus, tipBg color.Color
	event                                                     color.NRGBA
	// Cluster fills and outlines, converted to color.Color once a frame
	// rather than once a cluster.
	clusterFill, clusterLine, predClusterFill, predClusterLine color.Color
}

func newRenderer(t *View) *renderer {
	r := &renderer{t: t}
	r.bands.make = func() *canvas.Rectangle { return &canvas.Rectangle{} }
	r.periods = newPeriodPainter(r)
	r.arrows.make = newIcon
	r.badges.make = newIcon
	r.grid.make = func() *canvas.Line { return &canvas.Line{StrokeWidth: 1} }
	r.links = newLinkPainter(r)
	r.bars.make = func() *canvas.Rectangle { return &canvas.Rectangle{} }
	r.hatches = newHatcher(t)
	r.hitRings.make = func() *canvas.Rectangle { return &canvas.Rectangle{StrokeWidth: 2} }
	r.dots.make = func() *canvas.Circle { return &canvas.Circle{} }
	r.clusters.make = func() *canvas.Rectangle { return &canvas.Rectangle{} }
	r.todayLn = &canvas.Line{StrokeWidth: 2}
	r.scrollTrack, r.scrollThumb = &canvas.Rectangle{}, &canvas.Rectangle{}
	r.selBox = &canvas.Rectangle{StrokeWidth: 2}
	r.selRing = &canvas.Circle{StrokeWidth: 2}
	r.axis = newAxisPainter(r)
	r.tip = newTooltip(r)
	r.rebuildObjects()
	return r
}

// rebuildObjects lists every pooled object back to front. It runs only when
// a pool grew.
func (r *renderer) rebuildObjects() {
	o := r.objects[:0]
	o = appendPool(o, &r.bands)
	o = appendPool(o, &r.arrows)
	o = r.titles.appendTo(o)
	o = appendPool(o, &r.periods.bands)
	o = appendPool(o, &r.periods.edges)
	o = appendPool(o, &r.grid)
	o = append(o, r.todayLn)
	o = appendPool(o, &r.links.lines)
	o = appendPool(o, &r.bars)
	o = appendPool(o, &r.hatches.rasters)
	o = appendPool(o, &r.dots)
	o = appendPool(o, &r.clusters)
	o = r.counts.appendTo(o)
	o = r.labels.appendTo(o)
	o = appendPool(o, &r.badges)
	o = appendPool(o, &r.periods.pills)
	o = r.periods.titles.appendTo(o)
	o = appendPool(o, &r.hitRings)
	o = append(o, r.selBox, r.selRing, r.scrollTrack, r.scrollThumb, r.axis.bg, r.axis.line)
	o = appendPool(o, &r.axis.ticks)
	o = r.axis.tickText.appendTo(o)
	o = append(o, r.axis.todayBg, r.axis.todayTx, r.tip.bg)
	for _, t := range r.tip.text {
		o = append(o, t)
	}
	r.objects = o
}

func (r *renderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *renderer) MinSize() fyne.Size { return r.t.MinSize() }

func (r *renderer) Layout(fyne.Size) { r.Refresh() }

func (r *renderer) Destroy() { r.t.nav.stop() }

// Refresh lays out again if the view, data or size changed, then copies
// the layout into the pools.
func (r *renderer) Refresh() {
	r.t.ensureLayout()
	r.draw()
}

func (r *renderer) colors() colors {
	t := r.t
	c := func(n fyne.ThemeColorName) color.Color { return theme.ColorForWidget(n, t) }
	col := colors{
		fg:        c(theme.ColorNameForeground),
		muted:     c(theme.ColorNamePlaceHolder),
		bg:        c(theme.ColorNameBackground),
		primary:   c(theme.ColorNamePrimary),
		onPrimary: c(theme.ColorNameForegroundOnPrimary),
		sep:       c(theme.ColorNameSeparator),
		err:       c(theme.ColorNameError),
		focus:     c(theme.ColorNameFocus),
		tipBg:     c(theme.ColorNameOverlayBackground),
	}
	col.event = withAlpha(col.primary, 1)
	col.clusterFill, col.clusterLine = withAlpha(col.primary, 0.22), withAlpha(col.primary, 0.6)
	col.predClusterFill, col.predClusterLine = withAlpha(col.fg, 0.22), withAlpha(col.fg, 0.6)
	return col
}

// dark reports a background darker than middle grey.
func (c *colors) dark() bool {
	n := color.NRGBAModel.Convert(c.bg).(color.NRGBA)
	return 0.299*float64(n.R)+0.587*float64(n.G)+0.114*float64(n.B) < 128
}

// repaint asks for a new frame. Refreshing the widget through its canvas
// would also drop the textures of every text it holds, which the text pools
// keep precisely to avoid rendering text again on every pan.
func (r *renderer) repaint() {
	if a := fyne.CurrentApp(); a != nil {
		if c, ok := a.Driver().CanvasForObject(r.t).(interface{ SetDirty() }); ok {
			c.SetDirty()
		}
	}
}

// markColors picks a mark's fill and outline: events in the theme's
// primary colour, predictions by state, an overdue prediction with a thick
// error-coloured outline.
func (r *renderer) markColors(mk *timeline.Mark) (fill color.NRGBA, stroke color.Color, width float32) {
	if mk.Kind != timeline.KindPrediction {
		return r.col.event, r.col.event, 1
	}
	s, overdue := items.StateOf(mk.State)
	fill = look.StateColor(s)
	if overdue {
		return fill, r.col.err, 3
	}
	return fill, fill, 1.5
}

// drawSelection rings the selected mark when it is drawn.
func (r *renderer) drawSelection(top, w, h float32) {
	t := r.t
	r.selBox.Hide()
	r.selRing.Hide()
	id, ok := items.IDOf(t.sel)
	if !ok {
		return
	}
	ms := t.met.opt.MarkerSize
	barH := t.met.opt.RowHeight - 6
	for i := range t.lay.Marks {
		mk := &t.lay.Marks[i]
		if mk.ID != id {
			continue
		}
		y := top + mk.Y
		if y+ms/2 > h {
			return
		}
		if mk.X1 == mk.X2 && !mk.Fuzzy {
			cx := (mk.Left + mk.Right) / 2
			setCircle(r.selRing, cx, y, ms/2+4, color.Transparent, r.col.fg, 2)
			r.selRing.Show()
			return
		}
		left, right := clampF(mk.Left, -4, w+4), clampF(mk.Right, -4, w+4)
		setRect(r.selBox, left-3, y-barH/2-3, right-left+6, barH+6, color.Transparent, r.col.fg, 2, 5)
		r.selBox.Show()
		return
	}
}

// The setters change an object only where it differs, and ask for a
// redraw of its texture only when its look changed, not its place.
