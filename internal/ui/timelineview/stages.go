package timelineview

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/timeline"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/items"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/textfit"
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
	r.measures.Sync()
	r.beginFrame()

	r.drawLanes(box)
	r.periods.drawBands(box)
	r.drawGrid(box)
	todayX, todayOn := r.drawToday(box)
	r.links.drawResolutionLines(box)
	r.links.drawChains(box)
	r.drawMarks(box)
	r.links.drawResolutionDots()
	r.drawClusters(box)
	r.periods.drawLabels(box)
	r.drawSelection(box.top, box.w, box.h)
	r.drawScrollbar()
	r.axis.draw(box, todayX, todayOn)

	if r.endFrame() {
		r.rebuildObjects()
	}
	r.tip.update()
	r.repaint()
	if r.measures.Postponed() {
		r.fillInLater()
	}
}

// frameTime is a frame at 60 Hz.
const frameTime = 16 * time.Millisecond

// fillIn has redraw run on the UI goroutine a frame from now (tests
// change it: Fyne's test driver runs fyne.Do on the calling goroutine).
var fillIn = fillInNextFrame

func fillInNextFrame(redraw func()) {
	go func() {
		time.Sleep(frameTime)
		toUI(redraw)
	}()
}

// fillInLater draws the view again in the next frame, for the texts this
// one left out to stay within its time.
func (r *renderer) fillInLater() {
	if r.fillInAsked {
		return
	}
	r.fillInAsked = true
	fillIn(func() {
		r.fillInAsked = false
		r.t.invalidate()
	})
}

// beginFrame makes every pool ready to hand out its objects again.
func (r *renderer) beginFrame() {
	r.bands.reset()
	r.periods.bands.reset()
	r.periods.edges.reset()
	r.periods.pills.reset()
	r.periods.titles.begin()
	r.arrows.reset()
	r.badges.reset()
	r.titles.begin()
	r.grid.reset()
	r.links.lines.reset()
	r.bars.reset()
	r.hatches.rasters.reset()
	r.hitRings.reset()
	r.dots.reset()
	r.clusters.reset()
	r.counts.begin()
	r.labels.begin()
	r.axis.ticks.reset()
	r.axis.tickText.begin()
}

// endFrame hides what the frame did not use; it reports whether a pool
// grew, which calls for a new object list.
func (r *renderer) endFrame() bool {
	grew := r.bands.finish()
	grew = r.periods.bands.finish() || grew
	grew = r.periods.edges.finish() || grew
	grew = r.periods.pills.finish() || grew
	grew = r.periods.titles.end() || grew
	grew = r.arrows.finish() || grew
	grew = r.badges.finish() || grew
	grew = r.titles.end() || grew
	grew = r.grid.finish() || grew
	grew = r.links.lines.finish() || grew
	grew = r.bars.finish() || grew
	grew = r.hatches.rasters.finish() || grew
	grew = r.hitRings.finish() || grew
	grew = r.dots.finish() || grew
	grew = r.clusters.finish() || grew
	grew = r.counts.end() || grew
	grew = r.labels.end() || grew
	grew = r.axis.ticks.finish() || grew
	grew = r.axis.tickText.end() || grew
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
		if r.measures.Width(title, m.titleSize, true) > box.w-tx-8 {
			title = textfit.FitText(title, box.w-tx-8, m.titleSize, fyne.TextStyle{Bold: true})
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

// drawMarks draws each item (a dot, a bar, or a soft band for a fuzzy
// date) with its label, and a prediction's state mark before its label.
func (r *renderer) drawMarks(box frameBox) {
	t, m := r.t, r.t.met
	opt := m.opt
	ms, barH := opt.MarkerSize, r.barHeight()
	labelH := r.measures.LineHeight(m.labelSize)
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
			r.hatches.draw(left, right, barTop, bh, fill)
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

// drawClusters draws each cluster as a pill with its count.
func (r *renderer) drawClusters(box frameBox) {
	t, m, col := r.t, r.t.met, &r.col
	barH := r.barHeight()
	labelH := r.measures.LineHeight(m.labelSize)
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
		tw, ok := r.measures.WidthSoon(text, m.labelSize)
		if !ok {
			continue // the count shows in a later frame
		}
		key := int64(c.Lane)<<52 ^ int64(c.Row)<<46 ^ c.Start
		// The count stays in the visible part of a pill that runs past
		// an edge of the view.
		x := clampF(c.X+(c.Width-tw)/2, max(c.X, 0)+2, min(c.X+c.Width, box.w)-tw-2)
		r.counts.want(key, text, x, y-labelH/2, m.labelSize, fyne.TextStyle{}, col.fg)
	}
}
