package ui

import (
	"image/color"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/timeline"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Okabe–Ito colours for prediction states: distinguishable with the common
// forms of colour blindness. Open is a muted blue-grey so that it reads as
// "not settled" next to the vivid settled states.
var (
	tlColorOpen      = color.NRGBA{R: 0x5b, G: 0x7a, B: 0x99, A: 0xff}
	tlColorTrue      = color.NRGBA{R: 0x00, G: 0x9e, B: 0x73, A: 0xff}
	tlColorFalse     = color.NRGBA{R: 0xd5, G: 0x5e, B: 0x00, A: 0xff}
	tlColorPartly    = color.NRGBA{R: 0xe6, G: 0x9f, B: 0x00, A: 0xff}
	tlColorAmbiguous = color.NRGBA{R: 0xcc, G: 0x79, B: 0xa7, A: 0xff}
	tlColorVoid      = color.NRGBA{R: 0x99, G: 0x99, B: 0x99, A: 0xff}
)

func tlStateColor(s model.State) color.NRGBA {
	switch s {
	case model.StateTrue:
		return tlColorTrue
	case model.StateFalse:
		return tlColorFalse
	case model.StatePartly:
		return tlColorPartly
	case model.StateAmbiguous:
		return tlColorAmbiguous
	case model.StateAnnulled, model.StateWithdrawn:
		return tlColorVoid
	}
	return tlColorOpen
}

// tlWithAlpha returns c with its opacity scaled by a (0–1).
func tlWithAlpha(c color.Color, a float64) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(math.Round(float64(n.A) * a))
	return n
}

// tlTooltipLines is the most lines a tooltip shows.
const tlTooltipLines = 7

// tlRenderer draws a TimelineView from pools of canvas objects sized
// to what the current layout shows; spare objects are hidden, never freed
// one by one, so panning allocates nothing once the pools have grown.
type tlRenderer struct {
	t       *TimelineView
	objects []fyne.CanvasObject

	// Pools in drawing order, back to front.
	bands    tlPool[*canvas.Rectangle] // lane backgrounds and headers
	arrows   tlPool[*canvas.Image]     // lane headers' expand/collapse arrows
	titles   tlTextPool                // lane titles
	grid     tlPool[*canvas.Line]
	todayLn  *canvas.Line
	links    tlPool[*canvas.Line]
	bars     tlPool[*canvas.Rectangle] // spans and the middle of soft bands
	fades    tlPool[*canvas.LinearGradient]
	dots     tlPool[*canvas.Circle]
	clusters tlPool[*canvas.Rectangle]
	counts   tlTextPool
	labels   tlTextPool
	badges   tlPool[*canvas.Image] // state marks before prediction labels
	selBox   *canvas.Rectangle
	selRing  *canvas.Circle
	axisBg   *canvas.Rectangle
	axisLine *canvas.Line
	ticks    tlPool[*canvas.Line]
	tickText tlTextPool
	todayBg  *canvas.Rectangle
	todayTx  *canvas.Text
	tipBg    *canvas.Rectangle
	tipText  [tlTooltipLines]*canvas.Text

	col        tlColors
	widths     map[tlTextKey]float32 // measured text widths, so that a frame measures only new texts
	probe      float32               // width of a probe text when widths was filled
	resolvedAt []float32             // x, y pairs of resolution dots, reused every frame
}

// tlColors are the theme colours of one frame.
type tlColors struct {
	fg, muted, bg, primary, onPrimary, sep, err, focus, tipBg color.Color
	event                                                     color.NRGBA
	// Cluster fills and outlines, converted to color.Color once a frame
	// rather than once a cluster.
	clusterFill, clusterLine, predClusterFill, predClusterLine color.Color
}

func newTLRenderer(t *TimelineView) *tlRenderer {
	r := &tlRenderer{t: t}
	r.bands.make = func() *canvas.Rectangle { return &canvas.Rectangle{} }
	r.arrows.make = tlNewIcon
	r.badges.make = tlNewIcon
	r.grid.make = func() *canvas.Line { return &canvas.Line{StrokeWidth: 1} }
	r.links.make = func() *canvas.Line { return &canvas.Line{StrokeWidth: 1.5} }
	r.bars.make = func() *canvas.Rectangle { return &canvas.Rectangle{} }
	r.fades.make = func() *canvas.LinearGradient { return &canvas.LinearGradient{} }
	r.dots.make = func() *canvas.Circle { return &canvas.Circle{} }
	r.clusters.make = func() *canvas.Rectangle { return &canvas.Rectangle{} }
	r.ticks.make = func() *canvas.Line { return &canvas.Line{StrokeWidth: 1} }
	r.todayLn = &canvas.Line{StrokeWidth: 2}
	r.selBox = &canvas.Rectangle{StrokeWidth: 2}
	r.selRing = &canvas.Circle{StrokeWidth: 2}
	r.axisBg = &canvas.Rectangle{}
	r.axisLine = &canvas.Line{StrokeWidth: 1}
	r.todayBg = &canvas.Rectangle{CornerRadius: 4}
	r.todayTx = &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}}
	r.tipBg = &canvas.Rectangle{CornerRadius: 4, StrokeWidth: 1}
	for i := range r.tipText {
		r.tipText[i] = &canvas.Text{}
	}
	r.tipBg.Hide()
	for _, o := range r.tipText {
		o.Hide()
	}
	r.rebuildObjects()
	return r
}

// rebuildObjects lists every pooled object back to front. It runs only when
// a tlPool grew.
func (r *tlRenderer) rebuildObjects() {
	o := r.objects[:0]
	o = tlAppendPool(o, &r.bands)
	o = tlAppendPool(o, &r.arrows)
	o = r.titles.appendTo(o)
	o = tlAppendPool(o, &r.grid)
	o = append(o, r.todayLn)
	o = tlAppendPool(o, &r.links)
	o = tlAppendPool(o, &r.bars)
	o = tlAppendPool(o, &r.fades)
	o = tlAppendPool(o, &r.dots)
	o = tlAppendPool(o, &r.clusters)
	o = r.counts.appendTo(o)
	o = r.labels.appendTo(o)
	o = tlAppendPool(o, &r.badges)
	o = append(o, r.selBox, r.selRing, r.axisBg, r.axisLine)
	o = tlAppendPool(o, &r.ticks)
	o = r.tickText.appendTo(o)
	o = append(o, r.todayBg, r.todayTx, r.tipBg)
	for _, t := range r.tipText {
		o = append(o, t)
	}
	r.objects = o
}

func (r *tlRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *tlRenderer) MinSize() fyne.Size { return r.t.MinSize() }

func (r *tlRenderer) Layout(fyne.Size) { r.Refresh() }

func (r *tlRenderer) Destroy() { r.t.destroy() }

// Refresh lays out again if the view, data or size changed, then copies
// the layout into the pools.
func (r *tlRenderer) Refresh() {
	r.t.ensureLayout()
	r.draw()
}

func (r *tlRenderer) colors() tlColors {
	t := r.t
	c := func(n fyne.ThemeColorName) color.Color { return theme.ColorForWidget(n, t) }
	col := tlColors{
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
	col.event = tlWithAlpha(col.primary, 1)
	col.clusterFill, col.clusterLine = tlWithAlpha(col.primary, 0.22), tlWithAlpha(col.primary, 0.6)
	col.predClusterFill, col.predClusterLine = tlWithAlpha(col.fg, 0.22), tlWithAlpha(col.fg, 0.6)
	return col
}

// draw copies the current layout into the pools.
func (r *tlRenderer) draw() {
	t := r.t
	lay := &t.lay
	m := t.met
	opt := m.opt
	size := t.Size()
	w, h := size.Width, size.Height
	top := m.axisH
	r.col = r.colors()
	col := &r.col
	r.syncMeasures()

	r.bands.reset()
	r.arrows.reset()
	r.badges.reset()
	r.titles.begin()
	r.grid.reset()
	r.links.reset()
	r.bars.reset()
	r.fades.reset()
	r.dots.reset()
	r.clusters.reset()
	r.counts.begin()
	r.labels.begin()
	r.ticks.reset()
	r.tickText.begin()

	// Lanes: a faint band per lane, a stronger header holding the title.
	for i := range lay.Lanes {
		b := &lay.Lanes[i]
		shade := 0.025
		if b.Lane%2 == 1 {
			shade = 0.05
		}
		headShade := 0.09
		if strings.HasPrefix(b.Key, tlLaneKeyPrediction) {
			shade += 0.02
			headShade += 0.03
		}
		r.rect(&r.bands, 0, top+b.Y, w, b.Height, top, h, tlWithAlpha(col.fg, shade))
		r.rect(&r.bands, 0, top+b.Y, w, opt.LaneHeaderHeight, top, h, tlWithAlpha(col.fg, headShade))
		ty := top + b.Y + (opt.LaneHeaderHeight-m.titleSize*1.3)/2
		if b.Y >= 0 && ty+m.titleSize*1.3 <= h {
			// The arrow is an icon, not a character: ▾ and ▸ are in
			// neither bundled font.
			arrow := theme.MenuDropDownIcon()
			if b.Collapsed {
				arrow = theme.MenuExpandIcon()
			}
			as := m.titleSize * 1.2
			tlSetIcon(r.arrows.next(), arrow, 6, top+b.Y+(opt.LaneHeaderHeight-as)/2, as)
			tx := 6 + as + 2
			title := b.Title
			if r.textWidth(title, m.titleSize, true) > w-tx-8 {
				title = tlFitText(title, w-tx-8, m.titleSize, fyne.TextStyle{Bold: true})
			}
			r.titles.want(int64(b.Lane), title, tx, ty, m.titleSize, fyne.TextStyle{Bold: true}, col.fg)
		}
	}

	// Grid lines in the lane area, stronger at major ticks.
	for i := range lay.Ticks {
		tk := &lay.Ticks[i]
		if tk.X < 0 || tk.X > w {
			continue
		}
		a := 0.45
		if tk.Major {
			a = 1
		}
		l := r.grid.next()
		tlSetLine(l, tk.X, top, tk.X, h, tlWithAlpha(col.sep, a), 1)
	}

	// Today.
	v := t.viewport()
	today := float64(t.today()) + 0.5
	todayX := v.X(today)
	todayOn := v.Width > 0 && todayX >= 0 && todayX <= w
	if todayOn {
		tlSetLine(r.todayLn, todayX, top, todayX, h, tlWithAlpha(col.primary, 0.8), 2)
		r.todayLn.Show()
	} else {
		r.todayLn.Hide()
	}

	// Links from predictions to the events that resolved them: a vertical
	// connector at the event's date, reaching along the prediction's row
	// when the event came after its bar ended. Diagonals from the bar's end
	// would cut across every label in between.
	resolvedAt := r.resolvedAt[:0]
	barH := opt.RowHeight - 6
	for i := range lay.Links {
		ln := &lay.Links[i]
		c := tlColorOpen
		if it, ok := t.index.Item(ln.FromID); ok {
			s, _ := tlStateOfItem(it.State)
			c = tlStateColor(s)
		}
		x := ln.X2
		if x < 0 || x > w {
			continue
		}
		// Leave the bar from the edge facing the event, so that neither
		// the line nor the dot covers the prediction's label.
		y1 := top + ln.Y1 + barH/2
		if ln.Y2 < ln.Y1 {
			y1 = top + ln.Y1 - barH/2
		}
		lc := tlWithAlpha(c, 0.7)
		tlSetLine(r.links.next(), x, y1, x, top+ln.Y2, lc, 1.5)
		if x > ln.X1 && ln.X1 >= 0 {
			tlSetLine(r.links.next(), ln.X1, y1, x, y1, lc, 1.5)
		}
		resolvedAt = append(resolvedAt, x, y1)
	}

	// Marks and their labels.
	ms := opt.MarkerSize
	labelH := r.lineHeight(m.labelSize)
	for i := range lay.Marks {
		mk := &lay.Marks[i]
		y := top + mk.Y
		if y+ms/2 > h {
			continue
		}
		fill, stroke, sw := r.markColors(mk)
		left, right := tlClampF(mk.Left, -ms, w+ms), tlClampF(mk.Right, -ms, w+ms)
		barTop, bh := y-barH/2, barH
		if y+barH/2 > h {
			bh = h - barTop
		}
		switch {
		case mk.Fuzzy:
			r.softBand(left, right, barTop, bh, fill)
		case mk.X2 > mk.X1:
			b := r.bars.next()
			tlSetRect(b, left, barTop, right-left, bh, tlWithAlpha(fill, 0.3), stroke, sw, 3)
		default:
			d := r.dots.next()
			tlSetCircle(d, (left+right)/2, y, ms/2, fill, stroke, sw)
		}
		if mk.Label != "" && y+labelH/2 <= h {
			r.labels.want(mk.ID, mk.Label, mk.LabelX, y-labelH/2, m.labelSize, fyne.TextStyle{}, col.fg)
			if mk.Kind == timeline.KindPrediction {
				s, _ := tlStateOfItem(mk.State)
				bs := m.labelSize
				tlSetIcon(r.badges.next(), stateIcon(s), mk.LabelX-opt.BadgeWidth, y-bs/2, bs)
			}
		}
	}

	r.resolvedAt = resolvedAt
	// A dot on the prediction's row marks the day it was resolved.
	for i := 0; i+1 < len(resolvedAt); i += 2 {
		tlSetCircle(r.dots.next(), resolvedAt[i], resolvedAt[i+1], 3, col.fg, col.bg, 1)
	}

	// Clusters: a pill with the count.
	for i := range lay.Clusters {
		c := &lay.Clusters[i]
		y := top + c.Y
		if y+barH/2 > h {
			continue
		}
		fill, line := col.clusterFill, col.clusterLine
		if lane := t.index.Lane(c.Lane); strings.HasPrefix(lane.Key, tlLaneKeyPrediction) {
			fill, line = col.predClusterFill, col.predClusterLine
		}
		tlSetRect(r.clusters.next(), c.X, y-barH/2, c.Width, barH, fill, line, 1, barH/2)
		text := strconv.Itoa(c.Count)
		tw := r.textWidth(text, m.labelSize, false)
		key := int64(c.Lane)<<52 ^ int64(c.Row)<<46 ^ c.Start
		r.counts.want(key, text, c.X+(c.Width-tw)/2, y-labelH/2, m.labelSize, fyne.TextStyle{}, col.fg)
	}

	r.drawSelection(top, w, h)

	// Axis on top, so that rows scrolled under it are hidden.
	tlSetRect(r.axisBg, 0, 0, w, top, col.bg, nil, 0, 0)
	lineCol, lineW := col.sep, float32(1)
	if t.focused {
		lineCol, lineW = col.focus, 2
	}
	tlSetLine(r.axisLine, 0, top-lineW/2, w, top-lineW/2, lineCol, lineW)

	axisH := r.lineHeight(m.axisSize)
	tx := float32(math.Inf(-1))
	// The today label wins over tick labels it would cover.
	var todayL, todayR float32
	if todayOn {
		text := tr("timeline.today", "Today")
		tw := r.textWidth(text, m.axisSize, true)
		todayL = tlClampF(todayX-tw/2-5, 0, max(w-tw-10, 0))
		todayR = todayL + tw + 10
		tlSetRect(r.todayBg, todayL, (top-axisH)/2-1, tw+10, axisH+2, col.primary, nil, 0, 4)
		tlSetText(r.todayTx, text, todayL+5, (top-axisH)/2, m.axisSize, fyne.TextStyle{Bold: true}, col.onPrimary)
		r.todayBg.Show()
		r.todayTx.Show()
	} else {
		r.todayBg.Hide()
		r.todayTx.Hide()
	}
	// The left edge names the year (and month when zoomed in far) so the
	// reader never has to scroll to find out where they are.
	if len(lay.Ticks) > 0 && v.Width > 0 {
		if ctx := tlAxisContext(v.Start, lay.Ticks[0].Unit, Lang()); ctx != "" {
			style := fyne.TextStyle{Bold: true}
			cw := r.textWidth(ctx, m.axisSize, true)
			if !todayOn || todayL > 4+cw+4 {
				r.tickText.want(-1, ctx, 4, (top-axisH)/2, m.axisSize, style, col.fg)
				tx = 4 + cw
			}
		}
	}
	for i := range lay.Ticks {
		tk := &lay.Ticks[i]
		if tk.X < 0 || tk.X > w {
			continue
		}
		tickTop := top * 0.55
		if tk.Major {
			tickTop = 0
		}
		tlSetLine(r.ticks.next(), tk.X, tickTop, tk.X, top, col.sep, 1)
		text := timeline.TickLabel(*tk, Lang())
		style := fyne.TextStyle{Bold: tk.Major}
		tw := r.textWidth(text, m.axisSize, tk.Major)
		x := tk.X + 4
		if x < tx+8 || x+tw > w-2 || todayOn && x < todayR+4 && x+tw > todayL-4 {
			continue
		}
		tx = x + tw
		key := int64(math.Floor(tk.Day))<<3 | int64(tk.Unit)
		r.tickText.want(key, text, x, (top-axisH)/2, m.axisSize, style, col.muted)
	}

	grew := r.bands.finish()
	grew = r.arrows.finish() || grew
	grew = r.badges.finish() || grew
	grew = r.titles.end() || grew
	grew = r.grid.finish() || grew
	grew = r.links.finish() || grew
	grew = r.bars.finish() || grew
	grew = r.fades.finish() || grew
	grew = r.dots.finish() || grew
	grew = r.clusters.finish() || grew
	grew = r.counts.end() || grew
	grew = r.labels.end() || grew
	grew = r.ticks.finish() || grew
	grew = r.tickText.end() || grew
	if grew {
		r.rebuildObjects()
	}
	r.updateTooltip()
	r.repaint()
}

// repaint asks for a new frame. Refreshing the widget through its canvas
// would also drop the textures of every text it holds, which the text pools
// keep precisely to avoid rendering text again on every pan.
func (r *tlRenderer) repaint() {
	if a := fyne.CurrentApp(); a != nil {
		if c, ok := a.Driver().CanvasForObject(r.t).(interface{ SetDirty() }); ok {
			c.SetDirty()
		}
	}
}

// markColors picks a mark's fill and outline: events in the theme's
// primary colour, predictions by state, an overdue prediction with a thick
// error-coloured outline.
func (r *tlRenderer) markColors(mk *timeline.Mark) (fill color.NRGBA, stroke color.Color, width float32) {
	if mk.Kind != timeline.KindPrediction {
		return r.col.event, r.col.event, 1
	}
	s, overdue := tlStateOfItem(mk.State)
	fill = tlStateColor(s)
	if overdue {
		return fill, r.col.err, 3
	}
	return fill, fill, 1.5
}

// softBand draws a fuzzy date: a translucent bar whose ends fade out, so
// that it reads as "somewhere in here" rather than a precise span.
func (r *tlRenderer) softBand(left, right, y, h float32, c color.NRGBA) {
	w := right - left
	fade := min(w/3, 16)
	if w < 3*r.t.met.opt.MarkerSize {
		fade = w * 0.3 // a fuzzy point: a small soft blob
	}
	solid := tlWithAlpha(c, 0.38)
	none := tlWithAlpha(c, 0)
	l := r.fades.next()
	tlSetGradient(l, left, y, fade, h, none, solid)
	if mid := w - 2*fade; mid > 0.5 {
		tlSetRect(r.bars.next(), left+fade, y, mid, h, solid, nil, 0, 0)
	}
	rg := r.fades.next()
	tlSetGradient(rg, right-fade, y, fade, h, solid, none)
}

// drawSelection rings the selected mark when it is drawn.
func (r *tlRenderer) drawSelection(top, w, h float32) {
	t := r.t
	r.selBox.Hide()
	r.selRing.Hide()
	id, ok := tlItemIDOf(t.sel)
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
			tlSetCircle(r.selRing, cx, y, ms/2+4, color.Transparent, r.col.fg, 2)
			r.selRing.Show()
			return
		}
		left, right := tlClampF(mk.Left, -4, w+4), tlClampF(mk.Right, -4, w+4)
		tlSetRect(r.selBox, left-3, y-barH/2-3, right-left+6, barH+6, color.Transparent, r.col.fg, 2, 5)
		r.selBox.Show()
		return
	}
}

// updateTooltip shows what lies under the pointer, or hides the tooltip.
// It touches only the tooltip objects, so hovering never relayouts.
func (r *tlRenderer) updateTooltip() {
	t := r.t
	if r.col.fg == nil {
		r.col = r.colors() // hovered before the first frame was drawn
	}
	lines := r.tooltipText()
	if len(lines) == 0 {
		if r.tipBg.Visible() {
			r.tipBg.Hide()
			for _, o := range r.tipText {
				o.Hide()
			}
		}
		return
	}
	size := t.Size()
	ts := t.met.tipSize
	maxW := min(460, size.Width-16)
	lh := tlTextHeight(ts)
	var wMax float32
	for i, s := range lines {
		style := fyne.TextStyle{Bold: i == 0}
		s = tlFitText(s, maxW, ts, style)
		lines[i] = s
		tw := fyne.MeasureText(s, ts, style).Width
		wMax = max(wMax, tw)
	}
	const pad = 8
	bw, bh := wMax+2*pad, float32(len(lines))*lh+2*pad
	x, y := t.hoverPos.X+14, t.hoverPos.Y+18
	if x+bw > size.Width {
		x = t.hoverPos.X - 14 - bw
	}
	if y+bh > size.Height {
		y = t.hoverPos.Y - 10 - bh
	}
	x = tlClampF(x, 0, max(size.Width-bw, 0))
	y = tlClampF(y, 0, max(size.Height-bh, 0))
	tlSetRect(r.tipBg, x, y, bw, bh, r.col.tipBg, tlWithAlpha(r.col.fg, 0.35), 1, 4)
	r.tipBg.Show()
	for i, o := range r.tipText {
		if i >= len(lines) {
			o.Hide()
			continue
		}
		c := r.col.fg
		if i > 0 {
			c = r.col.muted
		}
		if i > 0 && lines[i] == tr("timeline.tip.overdue", "Overdue: the deadline has passed and it is still open") {
			c = r.col.err
		}
		tlSetText(o, lines[i], x+pad, y+pad+float32(i)*lh, ts, fyne.TextStyle{Bold: i == 0}, c)
		o.Show()
	}
}

// tooltipText describes what is under the pointer: a mark, a cluster or a
// lane title.
func (r *tlRenderer) tooltipText() []string {
	t := r.t
	if !t.hovering {
		return nil
	}
	m := t.met
	x, y := t.hoverPos.X, t.hoverPos.Y-m.axisH
	if y < 0 {
		return nil
	}
	hit, ok := t.lay.HitTest(x, y)
	if !ok {
		if b, ok := t.lay.LaneAt(y); ok && y < b.Y+m.opt.LaneHeaderHeight {
			if b.Collapsed {
				return []string{b.Title, tr("timeline.tip.expand", "Click to expand this lane")}
			}
			return []string{b.Title, tr("timeline.tip.collapse", "Click to collapse this lane")}
		}
		return nil
	}
	if hit.IsCluster {
		c := t.lay.Clusters[hit.Cluster]
		span := when.DayDate(when.Day(c.Start)).Format(Lang())
		if c.End > c.Start {
			span += " – " + when.DayDate(when.Day(c.End)).Format(Lang())
		}
		return []string{
			trf("timeline.tip.cluster", "{{.Count}} items", map[string]any{"Count": c.Count}),
			span,
			tr("timeline.tip.clusterZoom", "Click to zoom in"),
		}
	}
	sel := tlSelectionOf(hit.ID)
	lang := Lang()
	if sel.Kind == SelectEvent {
		i, ok := t.eventAt[sel.ID]
		if !ok {
			return nil
		}
		e := &t.events[i]
		date := e.Date.Format(lang)
		if !e.End.IsZero() {
			date += " – " + e.End.Format(lang)
		}
		lines := []string{e.DisplayTitle(lang), date}
		var who []string
		if e.Actor != "" {
			who = append(who, e.Actor)
		}
		if e.Category.Valid() {
			who = append(who, tlCategoryTitle(e.Category))
		}
		if len(who) > 0 {
			lines = append(lines, strings.Join(who, " · "))
		}
		return lines
	}
	i, ok := t.predAt[sel.ID]
	if !ok {
		return nil
	}
	p := &t.preds[i]
	state := p.State()
	lines := []string{
		p.DisplayStatement(lang),
		trf("timeline.tip.source", "Source: {{.Source}}", map[string]any{"Source": p.DisplaySource(Lang())}),
	}
	if !p.Made.IsZero() {
		lines = append(lines, trf("timeline.tip.made", "Made: {{.Date}}", map[string]any{"Date": p.Made.Format(lang)}))
	}
	if p.Deadline.IsZero() {
		lines = append(lines, tr("timeline.tip.noDeadline", "No deadline"))
	} else {
		lines = append(lines, trf("timeline.tip.deadline", "Deadline: {{.Deadline}}", map[string]any{"Deadline": p.Deadline.Format(lang)}))
	}
	st := tlStateTitle(state)
	if p.Resolution.Resolved() && !p.Resolution.On.IsZero() {
		st += " · " + p.Resolution.On.Format(lang)
	}
	lines = append(lines, trf("timeline.tip.state", "State: {{.State}}", map[string]any{"State": st}))
	if tlPredictionOverdue(p, t.today()) {
		lines = append(lines, tr("timeline.tip.overdue", "Overdue: the deadline has passed and it is still open"))
	}
	return lines
}

// tlPool is a growable set of canvas objects of one kind; those not used in
// a frame are hidden.
type tlPool[T fyne.CanvasObject] struct {
	objs  []T
	used  int
	shown int // objects visible after the last frame
	make  func() T
	grew  bool
}

func (p *tlPool[T]) reset() { p.used = 0 }

func (p *tlPool[T]) next() T {
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

// finish hides what this frame did not use and reports whether the tlPool
// grew, which calls for a new object list.
func (p *tlPool[T]) finish() bool {
	for i := p.used; i < p.shown; i++ {
		p.objs[i].Hide()
	}
	p.shown = p.used
	g := p.grew
	p.grew = false
	return g
}

func tlAppendPool[T fyne.CanvasObject](dst []fyne.CanvasObject, p *tlPool[T]) []fyne.CanvasObject {
	for _, o := range p.objs {
		dst = append(dst, o)
	}
	return dst
}

// tlTextPool hands out text objects keyed by what they show (an item, a
// tick): a text keeps the same object from frame to frame while it stays
// visible, so panning moves textures instead of rendering text again.
type tlTextPool struct {
	objs    []*canvas.Text
	owner   []int32 // request index holding each object this frame, -1 when free
	prev    map[int64]int32
	reqs    []tlTextReq
	created bool
}

type tlTextReq struct {
	key   int64
	s     string
	x, y  float32
	size  float32
	style fyne.TextStyle
	color color.Color
	obj   int32
}

func (p *tlTextPool) begin() { p.reqs = p.reqs[:0] }

func (p *tlTextPool) want(key int64, s string, x, y, size float32, style fyne.TextStyle, c color.Color) {
	p.reqs = append(p.reqs, tlTextReq{key: key, s: s, x: x, y: y, size: size, style: style, color: c, obj: -1})
}

// end assigns objects: first each text to the object that showed the same
// key and text last frame, then the rest to free objects.
func (p *tlTextPool) end() bool {
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
		tlSetText(o, q.s, q.x, q.y, q.size, q.style, q.color)
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

func (p *tlTextPool) appendTo(dst []fyne.CanvasObject) []fyne.CanvasObject {
	for _, o := range p.objs {
		dst = append(dst, o)
	}
	return dst
}

// The setters change an object only where it differs, and ask for a
// redraw of its texture only when its look changed, not its place.

func tlSetText(o *canvas.Text, s string, x, y, size float32, style fyne.TextStyle, c color.Color) {
	changed := o.Text != s || o.TextSize != size || o.TextStyle != style || !tlSameColor(o.Color, c)
	o.Text, o.TextSize, o.TextStyle, o.Color = s, size, style, c
	o.Move(fyne.NewPos(x, y))
	if changed {
		o.Resize(fyne.MeasureText(s, size, style))
		o.Refresh()
	}
}

// tlNewIcon makes an image for an icon resource, scaled to fit its box.
func tlNewIcon() *canvas.Image {
	return &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleSmooth}
}

// tlSetIcon shows res in a square of side size at x, y; the image is
// rasterised again only when the resource or the size changes.
func tlSetIcon(o *canvas.Image, res fyne.Resource, x, y, size float32) {
	o.Move(fyne.NewPos(x, y))
	if o.Resource != res || o.Size().Width != size {
		o.Resource = res
		o.Resize(fyne.NewSize(size, size))
		o.Refresh()
	}
}

func tlSetRect(o *canvas.Rectangle, x, y, w, h float32, fill, stroke color.Color, sw, radius float32) {
	changed := !tlSameColor(o.FillColor, fill) || !tlSameColor(o.StrokeColor, stroke) || o.StrokeWidth != sw || o.CornerRadius != radius
	o.FillColor, o.StrokeColor, o.StrokeWidth, o.CornerRadius = fill, stroke, sw, radius
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(max(w, 0), max(h, 0)))
	if changed {
		o.Refresh()
	}
}

// rect adds a pooled rectangle clipped vertically to [top, bottom].
func (r *tlRenderer) rect(p *tlPool[*canvas.Rectangle], x, y, w, h, top, bottom float32, fill color.Color) {
	y0, y1 := max(y, top), min(y+h, bottom)
	if y1 <= y0 {
		return
	}
	tlSetRect(p.next(), x, y0, w, y1-y0, fill, nil, 0, 0)
}

func tlSetLine(o *canvas.Line, x1, y1, x2, y2 float32, c color.Color, w float32) {
	changed := !tlSameColor(o.StrokeColor, c) || o.StrokeWidth != w
	o.StrokeColor, o.StrokeWidth = c, w
	o.Position1, o.Position2 = fyne.NewPos(x1, y1), fyne.NewPos(x2, y2)
	if changed {
		o.Refresh()
	}
}

func tlSetCircle(o *canvas.Circle, cx, cy, radius float32, fill, stroke color.Color, sw float32) {
	changed := !tlSameColor(o.FillColor, fill) || !tlSameColor(o.StrokeColor, stroke) || o.StrokeWidth != sw
	o.FillColor, o.StrokeColor, o.StrokeWidth = fill, stroke, sw
	o.Position1 = fyne.NewPos(cx-radius, cy-radius)
	o.Position2 = fyne.NewPos(cx+radius, cy+radius)
	if changed {
		o.Refresh()
	}
}

func tlSetGradient(o *canvas.LinearGradient, x, y, w, h float32, from, to color.Color) {
	changed := !tlSameColor(o.StartColor, from) || !tlSameColor(o.EndColor, to) || o.Angle != 270
	o.StartColor, o.EndColor, o.Angle = from, to, 270
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(max(w, 0), max(h, 0)))
	if changed {
		o.Refresh()
	}
}

func tlSameColor(a, b color.Color) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

func tlClampF(v, lo, hi float32) float32 { return min(max(v, lo), hi) }

type tlTextKey struct {
	s    string
	size float32
	bold bool
}

// syncMeasures drops the measured widths when the font changed, noticed
// by the width of a probe text, or when they pile up.
func (r *tlRenderer) syncMeasures() {
	p := fyne.MeasureText("Mg0年", 20, fyne.TextStyle{}).Width
	if r.widths == nil || p != r.probe || len(r.widths) > 4096 {
		r.widths = make(map[tlTextKey]float32)
		r.probe = p
	}
}

func (r *tlRenderer) textWidth(s string, size float32, bold bool) float32 {
	k := tlTextKey{s, size, bold}
	w, ok := r.widths[k]
	if !ok {
		w = fyne.MeasureText(s, size, fyne.TextStyle{Bold: bold}).Width
		r.widths[k] = w
	}
	return w
}

// lineHeight is the height of a line of text at size, kept under an empty
// text key.
func (r *tlRenderer) lineHeight(size float32) float32 {
	k := tlTextKey{"", size, true}
	h, ok := r.widths[k]
	if !ok {
		h = tlTextHeight(size)
		r.widths[k] = h
	}
	return h
}

// tlTextHeight is the line height of text at size in the regular style.
func tlTextHeight(size float32) float32 {
	return fyne.MeasureText("Mg", size, fyne.TextStyle{}).Height
}

// tlFitText shortens s with an ellipsis to at most width pixels.
func tlFitText(s string, width, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	// Binary search on the rune count of the kept prefix.
	runes := utf8.RuneCountInString(s)
	lo, hi := 0, runes
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(tlPrefixRunes(s, mid)+timeline.Ellipsis, size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return ""
	}
	return strings.TrimRight(tlPrefixRunes(s, lo), " ") + timeline.Ellipsis
}

func tlPrefixRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// tlAxisContext is the label pinned at the left of the axis: the year shown
// when the ticks are quarters or months, the month and year when they are
// weeks or days, nothing when the ticks are years already.
func tlAxisContext(day float64, unit timeline.Unit, lang string) string {
	d := math.Floor(day)
	switch unit {
	case timeline.UnitQuarter, timeline.UnitMonth:
		return timeline.TickLabel(timeline.Tick{Day: d, Unit: timeline.UnitYear}, lang)
	case timeline.UnitWeek, timeline.UnitDay:
		year := timeline.TickLabel(timeline.Tick{Day: d, Unit: timeline.UnitYear}, lang)
		month := timeline.TickLabel(timeline.Tick{Day: d, Unit: timeline.UnitMonth}, lang)
		if strings.HasPrefix(lang, "zh") {
			return year + month
		}
		return month + " " + year
	}
	return ""
}
