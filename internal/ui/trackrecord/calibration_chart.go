package trackrecord

import (
	"image/color"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/score"
)

// chartTicks are the axis ticks, as fractions, on both axes.
var chartTicks = [...]float64{0, 0.2, 0.4, 0.6, 0.8, 1}

// Point sizes: a bin with one forecast gets the smallest dot, the fullest
// bin the largest; the area in between grows with the count.
const (
	chartMinRadius = 3
	chartMaxRadius = 11
	chartTickLen   = 4
	chartCapHalf   = 4 // half width of the caps on an interval bar
)

// calibrationChart plots a score.Calibration: forecast probability across,
// observed frequency up, the diagonal of perfect calibration, one dot per
// non-empty bin at the bin's mean forecast with its count beside it, and
// the bin's 90% Wilson interval as a vertical bar drawn over the dot. With nothing to plot it
// shows a message instead. Every colour comes from the theme.
type calibrationChart struct {
	widget.BaseWidget
	cal     score.Calibration
	message string
}

func newCalibrationChart() *calibrationChart {
	c := &calibrationChart{}
	c.ExtendBaseWidget(c)
	return c
}

// set shows cal; message is what the chart says when cal has no point.
func (c *calibrationChart) set(cal score.Calibration, message string) {
	c.cal, c.message = cal, message
	c.Refresh()
}

// empty reports whether there is nothing to plot.
func (c *calibrationChart) empty() bool { return c.cal.Included == 0 }

// chartPoint is where one bin is drawn.
type chartPoint struct {
	Shown     bool
	Center    fyne.Position
	Radius    float32
	Top       float32 // y of the interval's upper end (the higher frequency)
	Bottom    float32 // y of the interval's lower end
	Label     string
	LabelPos  fyne.Position // top-left corner of the count
	LabelSize fyne.Size
}

// chartGeometry is the chart laid out for one size.
type chartGeometry struct {
	Plot   fyne.Position // top-left corner of the square plot area
	Side   float32
	Points [score.CalibrationBins]chartPoint
}

// x and y map a fraction 0..1 to a position in the plot.
func (g chartGeometry) x(p float64) float32 { return g.Plot.X + float32(p)*g.Side }
func (g chartGeometry) y(o float64) float32 { return g.Plot.Y + g.Side - float32(o)*g.Side }

// chartMetrics are the text measurements the layout needs.
type chartMetrics struct {
	tickSize    float32   // text size of tick labels and counts
	titleHeight float32   // height of an axis title line
	tickLabel   fyne.Size // size of the widest tick label, "100%"
	pad         float32
}

func (c *calibrationChart) metrics() chartMetrics {
	tick := theme.SizeForWidget(theme.SizeNameCaptionText, c)
	text := theme.SizeForWidget(theme.SizeNameText, c)
	return chartMetrics{
		tickSize:    tick,
		titleHeight: fyne.MeasureText("Ag", text, fyne.TextStyle{}).Height,
		tickLabel:   fyne.MeasureText(tickText(1), tick, fyne.TextStyle{}),
		pad:         theme.SizeForWidget(theme.SizeNamePadding, c),
	}
}

// chartLayout places the plot and the points of cal in a chart of the
// given size. The plot is square, so that the diagonal is at 45°, and as
// large as the room left by the axis labels and titles allows.
func chartLayout(cal score.Calibration, size fyne.Size, m chartMetrics) chartGeometry {
	left := m.tickLabel.Width + chartTickLen + 2*m.pad
	top := m.titleHeight + m.pad
	right := m.tickLabel.Width/2 + m.pad
	bottom := chartTickLen + m.tickLabel.Height + m.titleHeight + 2*m.pad
	side := min(size.Width-left-right, size.Height-top-bottom)
	side = max(side, 0)
	g := chartGeometry{Side: side}
	g.Plot = fyne.NewPos(left+(size.Width-left-right-side)/2, top+(size.Height-top-bottom-side)/2)

	// Dots stay small enough on a small plot for neighbouring bins, a
	// tenth of the side apart, not to cover each other.
	maxRadius := min(chartMaxRadius, max(chartMinRadius+1, side/24))
	most := 0
	for _, b := range cal.Bins {
		most = max(most, b.Count)
	}
	for i, b := range cal.Bins {
		if b.Count == 0 || most == 0 || !finite(b.MeanForecast, b.Observed, b.Low, b.High) {
			continue
		}
		r := chartMinRadius + (maxRadius-chartMinRadius)*float32(math.Sqrt(float64(b.Count)/float64(most)))
		pt := chartPoint{
			Shown:  true,
			Center: fyne.NewPos(g.x(clamp01(b.MeanForecast)), g.y(clamp01(b.Observed))),
			Radius: r,
			Top:    g.y(clamp01(b.High)),
			Bottom: g.y(clamp01(b.Low)),
			Label:  strconv.Itoa(b.Count),
		}
		pt.LabelSize = fyne.MeasureText(pt.Label, m.tickSize, fyne.TextStyle{})
		// The count sits above the bar, or below it when the bar reaches
		// the top of the plot; neighbouring bins are a tenth of the plot
		// apart, so a centred count stays clear of their bars.
		above := min(pt.Top, pt.Center.Y-r) - 2 - pt.LabelSize.Height
		y := above
		if above < g.Plot.Y {
			y = max(pt.Bottom, pt.Center.Y+r) + 2
		}
		pt.LabelPos = fyne.NewPos(pt.Center.X-pt.LabelSize.Width/2, y)
		g.Points[i] = pt
	}
	return g
}

func clamp01(v float64) float64 { return min(max(v, 0), 1) }

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// tickText labels an axis tick: 0.2 → "20%".
func tickText(v float64) string { return strconv.Itoa(int(math.Round(v*100))) + "%" }

func (c *calibrationChart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{chart: c}
	newLine := func() *canvas.Line { return canvas.NewLine(color.Transparent) }
	newText := func(s string) *canvas.Text { return canvas.NewText(s, color.Transparent) }

	r.frame = canvas.NewRectangle(color.Transparent)
	for i, v := range chartTicks {
		r.gridX[i], r.gridY[i] = newLine(), newLine()
		r.tickX[i], r.tickY[i] = newLine(), newLine()
		r.labelX[i], r.labelY[i] = newText(tickText(v)), newText(tickText(v))
	}
	r.diagonal = newLine()
	for i := range r.bars {
		r.bars[i], r.capsTop[i], r.capsBottom[i] = newLine(), newLine(), newLine()
		r.dots[i] = canvas.NewCircle(color.Transparent)
		r.counts[i] = newText("")
	}
	r.titleX = newText(tr("track.chart.axis_forecast", "Forecast probability"))
	r.titleY = newText(tr("track.chart.axis_observed", "Observed frequency"))
	r.message = widget.NewLabel("")
	r.message.Wrapping = fyne.TextWrapWord
	r.message.Alignment = fyne.TextAlignCenter

	r.plotObjects = append(r.plotObjects, r.frame)
	for i := range chartTicks {
		r.plotObjects = append(r.plotObjects, r.gridX[i], r.gridY[i], r.tickX[i], r.tickY[i], r.labelX[i], r.labelY[i])
	}
	r.plotObjects = append(r.plotObjects, r.diagonal)
	// Bars go over the dots so that a short interval stays visible.
	for i := range r.dots {
		r.plotObjects = append(r.plotObjects, r.dots[i])
	}
	for i := range r.bars {
		r.plotObjects = append(r.plotObjects, r.bars[i], r.capsTop[i], r.capsBottom[i])
	}
	for i := range r.counts {
		r.plotObjects = append(r.plotObjects, r.counts[i])
	}
	r.plotObjects = append(r.plotObjects, r.titleX, r.titleY)
	r.objects = append(append([]fyne.CanvasObject{}, r.plotObjects...), r.message)
	r.Refresh()
	return r
}

// chartRenderer holds a fixed set of objects: one set of axes and one dot,
// bar and count per bin, hidden when unused.
type chartRenderer struct {
	chart *calibrationChart

	frame                      *canvas.Rectangle
	gridX, gridY, tickX, tickY [len(chartTicks)]*canvas.Line
	labelX, labelY             [len(chartTicks)]*canvas.Text
	diagonal                   *canvas.Line
	bars, capsTop, capsBottom  [score.CalibrationBins]*canvas.Line
	dots                       [score.CalibrationBins]*canvas.Circle
	counts                     [score.CalibrationBins]*canvas.Text
	titleX, titleY             *canvas.Text
	message                    *widget.Label
	plotObjects, objects       []fyne.CanvasObject
	geometry                   chartGeometry
}

func (r *chartRenderer) Destroy() {}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *chartRenderer) MinSize() fyne.Size {
	m := r.chart.metrics()
	w := fyne.MeasureText(r.titleY.Text, theme.SizeForWidget(theme.SizeNameText, r.chart), fyne.TextStyle{}).Width
	return fyne.NewSize(max(220, w+m.pad), 200)
}

func (r *chartRenderer) Refresh() {
	c := r.chart
	fg := theme.ColorForWidget(theme.ColorNameForeground, c)
	grid := theme.ColorForWidget(theme.ColorNameSeparator, c)
	muted := theme.ColorForWidget(theme.ColorNameDisabled, c)
	primary := theme.ColorForWidget(theme.ColorNamePrimary, c)
	m := c.metrics()
	text := theme.SizeForWidget(theme.SizeNameText, c)

	r.frame.FillColor = color.Transparent
	r.frame.StrokeColor = fg
	r.frame.StrokeWidth = 1
	for i := range chartTicks {
		r.gridX[i].StrokeColor, r.gridY[i].StrokeColor = grid, grid
		r.tickX[i].StrokeColor, r.tickY[i].StrokeColor = fg, fg
		for _, l := range []*canvas.Text{r.labelX[i], r.labelY[i]} {
			l.Color, l.TextSize = fg, m.tickSize
		}
	}
	r.diagonal.StrokeColor = muted
	r.diagonal.StrokeWidth = 1.5
	fill := withAlpha(primary, 0x99)
	for i, b := range c.cal.Bins {
		for _, l := range []*canvas.Line{r.bars[i], r.capsTop[i], r.capsBottom[i]} {
			l.StrokeColor, l.StrokeWidth = fg, 1.5
		}
		r.dots[i].FillColor, r.dots[i].StrokeColor, r.dots[i].StrokeWidth = fill, primary, 1.5
		r.counts[i].Color, r.counts[i].TextSize = fg, m.tickSize
		r.counts[i].Text = ""
		if b.Count > 0 {
			r.counts[i].Text = strconv.Itoa(b.Count)
		}
	}
	for _, t := range []*canvas.Text{r.titleX, r.titleY} {
		t.Color, t.TextSize = fg, text
	}
	r.message.SetText(c.message)
	r.Layout(c.Size())
	canvas.Refresh(c)
}

func withAlpha(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

func (r *chartRenderer) Layout(size fyne.Size) {
	c := r.chart
	if c.empty() {
		for _, o := range r.plotObjects {
			o.Hide()
		}
		r.message.Show()
		ms := r.message.MinSize()
		w := size.Width
		r.message.Resize(fyne.NewSize(w, ms.Height))
		// Measure again at the final width: wrapping changes the height.
		h := r.message.MinSize().Height
		r.message.Resize(fyne.NewSize(w, h))
		r.message.Move(fyne.NewPos(0, max(0, (size.Height-h)/2)))
		return
	}
	r.message.Hide()
	for _, o := range r.plotObjects {
		o.Show()
	}

	m := c.metrics()
	g := chartLayout(c.cal, size, m)
	r.geometry = g
	x0, y0, x1, y1 := g.x(0), g.y(0), g.x(1), g.y(1)

	r.frame.Move(fyne.NewPos(x0, y1))
	r.frame.Resize(fyne.NewSize(g.Side, g.Side))
	for i, v := range chartTicks {
		x, y := g.x(v), g.y(v)
		placeLine(r.gridX[i], x, y1, x, y0)
		placeLine(r.gridY[i], x0, y, x1, y)
		placeLine(r.tickX[i], x, y0, x, y0+chartTickLen)
		placeLine(r.tickY[i], x0-chartTickLen, y, x0, y)

		lx := r.labelX[i].MinSize()
		r.labelX[i].Move(fyne.NewPos(x-lx.Width/2, y0+chartTickLen+m.pad/2))
		r.labelX[i].Resize(lx)
		ly := r.labelY[i].MinSize()
		r.labelY[i].Move(fyne.NewPos(x0-chartTickLen-m.pad/2-ly.Width, y-ly.Height/2))
		r.labelY[i].Resize(ly)
	}
	placeLine(r.diagonal, x0, y0, x1, y1)

	for i, pt := range g.Points {
		objs := []fyne.CanvasObject{r.bars[i], r.capsTop[i], r.capsBottom[i], r.dots[i], r.counts[i]}
		if !pt.Shown {
			for _, o := range objs {
				o.Hide()
			}
			continue
		}
		x := pt.Center.X
		placeLine(r.bars[i], x, pt.Top, x, pt.Bottom)
		placeLine(r.capsTop[i], x-chartCapHalf, pt.Top, x+chartCapHalf, pt.Top)
		placeLine(r.capsBottom[i], x-chartCapHalf, pt.Bottom, x+chartCapHalf, pt.Bottom)
		r.dots[i].Move(fyne.NewPos(x-pt.Radius, pt.Center.Y-pt.Radius))
		r.dots[i].Resize(fyne.NewSize(2*pt.Radius, 2*pt.Radius))
		r.counts[i].Move(pt.LabelPos)
		r.counts[i].Resize(pt.LabelSize)
	}

	tx := r.titleX.MinSize()
	r.titleX.Move(fyne.NewPos(g.Plot.X+(g.Side-tx.Width)/2, y0+chartTickLen+m.pad+m.tickLabel.Height))
	r.titleX.Resize(tx)
	ty := r.titleY.MinSize()
	r.titleY.Move(fyne.NewPos(max(0, x0-m.tickLabel.Width-chartTickLen-m.pad), y1-ty.Height-m.pad))
	r.titleY.Resize(ty)
}

// placeLine sets a line's two ends.
func placeLine(l *canvas.Line, x1, y1, x2, y2 float32) {
	l.Position1 = fyne.NewPos(x1, y1)
	l.Position2 = fyne.NewPos(x2, y2)
}
