package timelineview

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/items"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/textfit"
	"github.com/hindsight-app/hindsight/internal/when"
)

// tooltipLines is the most lines a tooltip shows.
const tooltipLines = 9

// tooltip describes what lies under the pointer in a box by it.
type tooltip struct {
	r    *renderer
	bg   *canvas.Rectangle
	text [tooltipLines]*canvas.Text
}

// newTooltip makes a hidden tooltip.
func newTooltip(r *renderer) tooltip {
	tp := tooltip{r: r, bg: &canvas.Rectangle{CornerRadius: 4, StrokeWidth: 1}}
	for i := range tp.text {
		tp.text[i] = &canvas.Text{}
	}
	tp.bg.Hide()
	for _, o := range tp.text {
		o.Hide()
	}
	return tp
}

// update shows what lies under the pointer, or hides the tooltip. It
// touches only the tooltip objects, so hovering never relayouts.
func (tp *tooltip) update() {
	r, t := tp.r, tp.r.t
	if r.col.fg == nil {
		r.col = r.colors() // hovered before the first frame was drawn
	}
	lines := tp.describe()
	if len(lines) == 0 {
		if tp.bg.Visible() {
			tp.bg.Hide()
			for _, o := range tp.text {
				o.Hide()
			}
		}
		return
	}
	size := t.Size()
	ts := t.met.tipSize
	maxW := min(460, size.Width-16)
	lh := textfit.TextHeight(ts)
	var wMax float32
	for i, s := range lines {
		style := fyne.TextStyle{Bold: i == 0}
		s = textfit.FitText(s, maxW, ts, style)
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
	x = clampF(x, 0, max(size.Width-bw, 0))
	y = clampF(y, 0, max(size.Height-bh, 0))
	setRect(tp.bg, x, y, bw, bh, r.col.tipBg, withAlpha(r.col.fg, 0.35), 1, 4)
	tp.bg.Show()
	for i, o := range tp.text {
		if i >= len(lines) {
			o.Hide()
			continue
		}
		c := r.col.fg
		if i > 0 {
			c = r.col.muted
		}
		if i > 0 && lines[i] == t.words.T("timeline.tip.overdue", "Overdue: the deadline has passed and it is still open") {
			c = r.col.err
		}
		setText(o, lines[i], x+pad, y+pad+float32(i)*lh, ts, fyne.TextStyle{Bold: i == 0}, c)
		o.Show()
	}
}

// describe is what the tooltip says of what is under the pointer: a mark,
// a cluster or a lane title.
func (tp *tooltip) describe() []string {
	t := tp.r.t
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
				return []string{b.Title, t.words.T("timeline.tip.expand", "Click to expand this lane")}
			}
			return []string{b.Title, t.words.T("timeline.tip.collapse", "Click to collapse this lane")}
		}
		return nil
	}
	if hit.IsCluster {
		c := t.lay.Clusters[hit.Cluster]
		span := when.DayDate(when.Day(c.Start)).Format(t.words.Lang())
		if c.End > c.Start {
			span += " – " + when.DayDate(when.Day(c.End)).Format(t.words.Lang())
		}
		return []string{
			t.words.TF("timeline.tip.cluster", "{{.Count}} items", map[string]any{"Count": c.Count}),
			span,
			t.words.T("timeline.tip.clusterZoom", "Click to zoom in"),
		}
	}
	sel := items.SelectionOf(hit.ID)
	lang := t.words.Lang()
	if sel.Kind == app.SelectEvent {
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
			who = append(who, items.CategoryTitle(t.words, e.Category))
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
		t.words.TF("timeline.tip.kind", "Kind: {{.Kind}}", map[string]any{"Kind": items.KindTitle(t.words, p.Kind)}),
		t.words.TF("timeline.tip.source", "Source: {{.Source}}", map[string]any{"Source": p.DisplaySource(t.words.Lang())}),
	}
	if !p.Made.IsZero() {
		lines = append(lines, t.words.TF("timeline.tip.made", "Made: {{.Date}}", map[string]any{"Date": p.Made.Format(lang)}))
	}
	if p.Retrospective() {
		lines = append(lines, t.words.T("timeline.tip.retrospective", "Retrospective: recorded only after the outcome was known"))
	}
	if p.Restates != 0 {
		lines = append(lines, t.words.T("timeline.tip.restates", "Restates an earlier claim with a new deadline"))
	}
	if p.Deadline.IsZero() {
		lines = append(lines, t.words.T("timeline.tip.noDeadline", "No deadline"))
	} else {
		lines = append(lines, t.words.TF("timeline.tip.deadline", "Deadline: {{.Deadline}}", map[string]any{"Deadline": p.Deadline.Format(lang)}))
	}
	st := items.StateTitle(t.words, state)
	if p.Resolution.Resolved() && !p.Resolution.On.IsZero() {
		st += " · " + p.Resolution.On.Format(lang)
	}
	lines = append(lines, t.words.TF("timeline.tip.state", "State: {{.State}}", map[string]any{"State": st}))
	if p.Overdue(t.today()) {
		lines = append(lines, t.words.T("timeline.tip.overdue", "Overdue: the deadline has passed and it is still open"))
	}
	return lines
}

// hoveredItem is the item under the pointer, if any (not a cluster).
func (tp *tooltip) hoveredItem() (int64, bool) {
	t := tp.r.t
	if !t.hovering {
		return 0, false
	}
	hit, ok := t.lay.HitTest(t.hoverPos.X, t.hoverPos.Y-t.met.axisH)
	if !ok || hit.IsCluster {
		return 0, false
	}
	return hit.ID, true
}
