package timelineview

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/timeline"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/items"
)

// frameBox is where a frame draws: the widget's width and height, and the
// top of the lane area below the axis.
type frameBox struct{ w, h, top float32 }

// draw copies the current layout into the pools, back to front, one stage
// per kind of thing drawn.
func (r *renderer) draw() {
	t := r.t
	size := t.Size()
	box := frameBox{w: size.Width, h: size.Height, top: t.met.axisH}
	r.col = r.colors()
	r.syncMeasures()
	r.beginFrame()

	r.drawLanes(box)
	r.drawPeriods(box)
	r.drawGrid(box)
	todayX, todayOn := r.drawToday(box)
	r.drawLinks(box)
	r.drawChains(box)
	r.drawMarks(box)
	r.drawResolutions()
	r.drawClusters(box)
	r.drawPeriodLabels(box)
	r.drawSelection(box.top, box.w, box.h)
	r.drawScrollbar()
	r.drawAxis(box, todayX, todayOn)

	if r.endFrame() {
		r.rebuildObjects()
	}
	r.updateTooltip()
	r.repaint()
}

// beginFrame makes every pool ready to hand out its objects again.
func (r *renderer) beginFrame() {
	r.bands.reset()
	r.periodBands.reset()
	r.periodEdges.reset()
	r.periodPills.reset()
	r.periodTitles.begin()
	r.arrows.reset()
	r.badges.reset()
	r.titles.begin()
	r.grid.reset()
	r.links.reset()
	r.bars.reset()
	r.hatches.reset()
	r.hitRings.reset()
	r.dots.reset()
	r.clusters.reset()
	r.counts.begin()
	r.labels.begin()
	r.ticks.reset()
	r.tickText.begin()
}

// endFrame hides what the frame did not use; it reports whether a pool
// grew, which calls for a new object list.
func (r *renderer) endFrame() bool {
	grew := r.bands.finish()
	grew = r.periodBands.finish() || grew
	grew = r.periodEdges.finish() || grew
	grew = r.periodPills.finish() || grew
	grew = r.periodTitles.end() || grew
	grew = r.arrows.finish() || grew
	grew = r.badges.finish() || grew
	grew = r.titles.end() || grew
	grew = r.grid.finish() || grew
	grew = r.links.finish() || grew
	grew = r.bars.finish() || grew
	grew = r.hatches.finish() || grew
	grew = r.hitRings.finish() || grew
	grew = r.dots.finish() || grew
	grew = r.clusters.finish() || grew
	grew = r.counts.end() || grew
	grew = r.labels.end() || grew
	grew = r.ticks.finish() || grew
	grew = r.tickText.end() || grew
	return grew
}

// drawLanes draws a faint band per lane and a stronger header holding the
// lane's arrow and title.
func (r *renderer) drawLanes(box frameBox) {
	m, col := r.t.met, &r.col
	opt := m.opt
	for i := range r.t.lay.Lanes {
		b := &r.t.lay.Lanes[i]
		shade := 0.025
		if b.Lane%2 == 1 {
			shade = 0.05
		}
		headShade := 0.09
		if strings.HasPrefix(b.Key, items.LaneKeyPrediction) {
			shade += 0.02
			headShade += 0.03
		}
		r.rect(&r.bands, 0, box.top+b.Y, box.w, b.Height, box.top, box.h, withAlpha(col.fg, shade))
		r.rect(&r.bands, 0, box.top+b.Y, box.w, opt.LaneHeaderHeight, box.top, box.h, withAlpha(col.fg, headShade))
		ty := box.top + b.Y + (opt.LaneHeaderHeight-m.titleSize*1.3)/2
		if b.Y < 0 || ty+m.titleSize*1.3 > box.h {
			continue
		}
		// The arrow is an icon, not a character: ▾ and ▸ are in neither
		// bundled font.
		arrow := theme.MenuDropDownIcon()
		if b.Collapsed {
			arrow = theme.MenuExpandIcon()
		}
		as := m.titleSize * 1.2
		setIcon(r.arrows.next(), arrow, 6, box.top+b.Y+(opt.LaneHeaderHeight-as)/2, as)
		tx := 6 + as + 2
		title := b.Title
		if r.textWidth(title, m.titleSize, true) > box.w-tx-8 {
			title = fitText(title, box.w-tx-8, m.titleSize, fyne.TextStyle{Bold: true})
		}
		r.titles.want(int64(b.Lane), title, tx, ty, m.titleSize, fyne.TextStyle{Bold: true}, col.fg)
	}
}

// drawGrid draws a line per tick across the lanes, stronger at major ticks.
func (r *renderer) drawGrid(box frameBox) {
	for i := range r.t.lay.Ticks {
		tk := &r.t.lay.Ticks[i]
		if tk.X < 0 || tk.X > box.w {
			continue
		}
		a := 0.45
		if tk.Major {
			a = 1
		}
		setLine(r.grid.next(), tk.X, box.top, tk.X, box.h, withAlpha(r.col.sep, a), 1)
	}
}

// drawToday draws the line at today, when today is in view, and says where.
func (r *renderer) drawToday(box frameBox) (x float32, on bool) {
	v := r.t.nav.viewport()
	x = v.X(float64(r.t.today()) + 0.5)
	on = v.Width > 0 && x >= 0 && x <= box.w
	if on {
		setLine(r.todayLn, x, box.top, x, box.h, withAlpha(r.col.primary, 0.8), 2)
		r.todayLn.Show()
	} else {
		r.todayLn.Hide()
	}
	return x, on
}

// barHeight is the height of a span's bar and of a cluster's pill.
func (r *renderer) barHeight() float32 { return r.t.met.opt.RowHeight - 6 }

// drawLinks draws the lines from predictions to the events that resolved
// them: a vertical connector at the event's date, reaching along the
// prediction's row when the event came after its bar ended. Diagonals from
// the bar's end would cut across every label in between. It keeps where
// each line leaves its prediction, for drawResolutions.
func (r *renderer) drawLinks(box frameBox) {
	t := r.t
	resolvedAt := r.resolvedAt[:0]
	barH := r.barHeight()
	// Lines run across other labels: they stay faint unless their
	// prediction or event is hovered or selected.
	hovered, _ := r.hoveredItem()
	r.linksHovered = hovered
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
		setLine(r.links.next(), x, y1, x, box.top+ln.Y2, lc, lw)
		if x > ln.X1 && ln.X1 >= 0 {
			setLine(r.links.next(), ln.X1, y1, x, y1, lc, lw)
		}
		resolvedAt = append(resolvedAt, x, y1)
	}
	r.resolvedAt = resolvedAt
}

// drawMarks draws each item (a dot, a bar, or a soft band for a fuzzy
// date) with its label, and a prediction's state mark before its label.
func (r *renderer) drawMarks(box frameBox) {
	t, m := r.t, r.t.met
	opt := m.opt
	ms, barH := opt.MarkerSize, r.barHeight()
	labelH := r.lineHeight(m.labelSize)
	for i := range r.t.lay.Marks {
		mk := &r.t.lay.Marks[i]
		y := box.top + mk.Y
		if y+ms/2 > box.h {
			continue
		}
		fill, stroke, sw := r.markColors(mk)
		labelCol := r.col.fg
		// While a search is shown, what it did not find fades back.
		dim := t.hits != nil && !t.hits[mk.ID]
		if dim {
			fill, stroke, labelCol = withAlpha(fill, 0.25), withAlpha(stroke, 0.25), withAlpha(r.col.fg, 0.3)
		}
		left, right := clampF(mk.Left, -ms, box.w+ms), clampF(mk.Right, -ms, box.w+ms)
		barTop, bh := y-barH/2, barH
		if y+barH/2 > box.h {
			bh = box.h - barTop
		}
		if t.hits[mk.ID] {
			end := max(right, mk.LabelX+mk.LabelWidth)
			setRect(r.hitRings.next(), left-4, barTop-3, end-left+8, bh+6, withAlpha(r.col.primary, 0.12), r.col.primary, 2, 5)
		}
		claim := r.claimOf(mk)
		// A claim that is not a forecast is never scored: it is drawn
		// hollow, so the forecasts stand out.
		barFill, dotFill := withAlpha(fill, 0.3), fill
		if claim != nil && claim.Kind != "" && claim.Kind != model.KindForecast {
			barFill, dotFill = withAlpha(fill, 0.06), withAlpha(fill, 0.15)
		}
		switch {
		case mk.Fuzzy:
			r.hatch(left, right, barTop, bh, fill)
		case mk.X2 > mk.X1:
			setRect(r.bars.next(), left, barTop, right-left, bh, barFill, stroke, sw, 3)
		default:
			setCircle(r.dots.next(), (left+right)/2, y, ms/2, dotFill, stroke, sw)
		}
		if mk.Label == "" || y+labelH/2 > box.h {
			continue
		}
		r.labels.want(mk.ID, mk.Label, mk.LabelX, y-labelH/2, m.labelSize, fyne.TextStyle{}, labelCol)
		if mk.Kind == timeline.KindPrediction {
			s, _ := items.StateOf(mk.State)
			bs := m.labelSize
			x := mk.LabelX - opt.BadgeWidth*float32(mk.Badges)
			setIcon(r.badges.next(), look.StateIcon(s), x, y-bs/2, bs)
			if claim == nil {
				continue
			}
			// Then what sort of claim it is, and whether it was
			// recorded only after its outcome was known.
			if res := look.KindIcon(claim.Kind, s); res != nil && mk.Badges > 1 {
				x += opt.BadgeWidth
				setIcon(r.badges.next(), res, x, y-bs/2, bs)
			}
			if claim.Retrospective() && x+opt.BadgeWidth < mk.LabelX {
				x += opt.BadgeWidth
				setIcon(r.badges.next(), look.RetrospectiveIcon(s), x, y-bs/2, bs)
			}
		}
	}
}

// claimOf is the prediction a mark stands for; nil for an event.
func (r *renderer) claimOf(mk *timeline.Mark) *model.Prediction {
	if mk.Kind != timeline.KindPrediction {
		return nil
	}
	i, ok := r.t.predAt[items.SelectionOf(mk.ID).ID]
	if !ok {
		return nil
	}
	return &r.t.preds[i]
}

// drawChains draws the moving targets: a connector from each claim to the
// claim that restates it with a new deadline, when both are drawn. It
// starts with a dot on the restated claim's row at the day the
// restatement was made (reaching along the row first when that day is
// after the bar's end) and drops to an arrowhead on the restatement:
// re-dating shows where it happened.
func (r *renderer) drawChains(box frameBox) {
	t := r.t
	at := r.markAt[:0]
	if r.markIndex == nil {
		r.markIndex = map[int64]int{}
	}
	clear(r.markIndex)
	for i := range t.lay.Marks {
		if t.lay.Marks[i].Kind == timeline.KindPrediction {
			r.markIndex[t.lay.Marks[i].ID] = i
			at = append(at, i)
		}
	}
	r.markAt = at
	c := withAlpha(r.col.fg, 0.6)
	half := r.barHeight() / 2
	for _, i := range at {
		mk := &t.lay.Marks[i]
		claim := r.claimOf(mk)
		if claim == nil || claim.Restates == 0 {
			continue
		}
		j, ok := r.markIndex[items.PredictionID(claim.Restates)]
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
			setLine(r.links.next(), from.Right, y1, x, y1, c, 2)
		}
		// A dot on the restated claim marks the day it was re-dated.
		setCircle(r.dots.next(), x, y1, 3.5, r.col.fg, r.col.bg, 1)
		if dir == 0 {
			x0 := min(from.Right, x)
			setLine(r.links.next(), x0, y1, x, y2, c, 2)
			r.arrowHead(x, y2, 1, 0, c)
			continue
		}
		setLine(r.links.next(), x, y1, x, y2, c, 2)
		r.arrowHead(x, y2, 0, dir, c)
	}
}

// arrowHead draws two strokes ending at (x, y), pointing along (ux, uy).
func (r *renderer) arrowHead(x, y, ux, uy float32, c color.Color) {
	const head = 6
	for _, side := range []float32{1, -1} {
		hx := x - head*ux - side*head*0.6*uy
		hy := y - head*uy + side*head*0.6*ux
		setLine(r.links.next(), hx, hy, x, y, c, 2)
	}
}

// drawResolutions puts a dot on a prediction's row at the day it was
// resolved, where its link leaves it.
func (r *renderer) drawResolutions() {
	for i := 0; i+1 < len(r.resolvedAt); i += 2 {
		setCircle(r.dots.next(), r.resolvedAt[i], r.resolvedAt[i+1], 3, r.col.fg, r.col.bg, 1)
	}
}

// drawClusters draws each cluster as a pill with its count.
func (r *renderer) drawClusters(box frameBox) {
	t, m, col := r.t, r.t.met, &r.col
	barH := r.barHeight()
	labelH := r.lineHeight(m.labelSize)
	for i := range t.lay.Clusters {
		c := &t.lay.Clusters[i]
		y := box.top + c.Y
		if y+barH/2 > box.h {
			continue
		}
		fill, line := col.clusterFill, col.clusterLine
		if lane := t.index.Lane(c.Lane); strings.HasPrefix(lane.Key, items.LaneKeyPrediction) {
			fill, line = col.predClusterFill, col.predClusterLine
		}
		setRect(r.clusters.next(), c.X, y-barH/2, c.Width, barH, fill, line, 1, barH/2)
		text := strconv.Itoa(c.Count)
		tw := r.textWidth(text, m.labelSize, false)
		key := int64(c.Lane)<<52 ^ int64(c.Row)<<46 ^ c.Start
		// The count stays in the visible part of a pill that runs past
		// an edge of the view.
		x := clampF(c.X+(c.Width-tw)/2, max(c.X, 0)+2, min(c.X+c.Width, box.w)-tw-2)
		r.counts.want(key, text, x, y-labelH/2, m.labelSize, fyne.TextStyle{}, col.fg)
	}
}

// drawAxis draws the time axis on top, so that rows scrolled under it are
// hidden. It has two tiers: above, the coarser unit around the ticks (the
// year above months, the month above days), whose label stays in view
// while any of it is; below, the ticks with the labels that fit without
// overlapping each other or the today badge.
func (r *renderer) drawAxis(box frameBox, todayX float32, todayOn bool) {
	t, m, col := r.t, r.t.met, &r.col
	top, w := box.top, box.w
	setRect(r.axisBg, 0, 0, w, top, col.bg, nil, 0, 0)
	lineCol, lineW := col.sep, float32(1)
	if t.focused {
		lineCol, lineW = col.focus, 2
	}
	setLine(r.axisLine, 0, top-lineW/2, w, top-lineW/2, lineCol, lineW)

	rowH := r.lineHeight(m.axisSize)
	upperY := (top/2 - rowH) / 2
	lowerY := top/2 + (top/2-rowH)/2
	r.drawUpperTier(w, top, upperY)

	tx := float32(math.Inf(-1))
	// The today badge wins over tick labels it would cover.
	var todayL, todayR float32
	if todayOn {
		text := t.words.T("timeline.today", "Today")
		tw := r.textWidth(text, m.axisSize, true)
		todayL = clampF(todayX-tw/2-5, 0, max(w-tw-10, 0))
		todayR = todayL + tw + 10
		setRect(r.todayBg, todayL, lowerY-1, tw+10, rowH+2, col.primary, nil, 0, 4)
		setText(r.todayTx, text, todayL+5, lowerY, m.axisSize, fyne.TextStyle{Bold: true}, col.onPrimary)
		r.todayBg.Show()
		r.todayTx.Show()
	} else {
		r.todayBg.Hide()
		r.todayTx.Hide()
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
		setLine(r.ticks.next(), tk.X, tickTop, tk.X, top, col.sep, 1)
		text := timeline.MinorLabel(*tk, t.words.Lang())
		tw := r.textWidth(text, m.axisSize, false)
		x := tk.X + 3
		if x < tx+6 || x+tw > w-2 || todayOn && x < todayR+4 && x+tw > todayL-4 {
			continue
		}
		tx = x + tw
		key := int64(math.Floor(tk.Day))<<3 | int64(tk.Unit)
		r.tickText.want(key, text, x, lowerY, m.axisSize, fyne.TextStyle{}, col.muted)
	}
}

// drawUpperTier draws a cell per span of the upper tier: a line where it
// begins and its label, kept inside the visible part of the cell so the
// year (or month) in view is always named.
func (r *renderer) drawUpperTier(w, top, y float32) {
	t, m, col := r.t, r.t.met, &r.col
	for i := range t.lay.Spans {
		s := &t.lay.Spans[i]
		if s.X2 <= 0 || s.X1 >= w {
			continue
		}
		if s.X1 > 0 {
			setLine(r.ticks.next(), s.X1, 0, s.X1, top, col.sep, 1)
		}
		text := timeline.SpanLabel(*s, t.words.Lang())
		tw := r.textWidth(text, m.axisSize, true)
		left, right := max(s.X1, 0)+6, min(s.X2, w)-6
		x := min(left, right-tw)
		if x < left-0.5 || x+tw > right+0.5 {
			continue // the visible part of the cell is too narrow for its name
		}
		key := -1 - (int64(math.Floor(s.Start))<<4 | int64(s.Unit))
		r.tickText.want(key, text, x, y, m.axisSize, fyne.TextStyle{Bold: true}, col.fg)
	}
}
