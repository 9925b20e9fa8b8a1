package trackrecord

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hindsight-app/hindsight/internal/score"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/when"
)

// synthCalibration calibrates n synthetic predictions as of today.
func synthCalibration(n int) score.Calibration {
	preds := synth.New(1).Predictions(n)
	return score.Calibrate(score.FromPredictions(preds), score.CalibrationOptions{Today: int64(when.Today())})
}

func isNaN32(vs ...float32) bool {
	for _, v := range vs {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return true
		}
	}
	return false
}

// showChart puts a chart of the given size in a test window and returns
// its renderer after layout.
func showChart(t *testing.T, cal score.Calibration, message string, size fyne.Size) (*calibrationChart, *chartRenderer) {
	t.Helper()
	test.NewTempApp(t)
	c := newCalibrationChart()
	c.set(cal, message)
	w := test.NewTempWindow(t, c)
	w.SetPadded(false)
	w.Resize(size)
	r := test.WidgetRenderer(c).(*chartRenderer)
	return c, r
}

func TestChartLayoutPointsInsidePlotAtMeanForecast(t *testing.T) {
	test.NewTempApp(t)
	cal := synthCalibration(3000)
	if cal.Included == 0 {
		t.Fatal("the synthetic data should put predictions on the chart")
	}
	m := newCalibrationChart().metrics()
	for _, size := range []fyne.Size{{Width: 420, Height: 320}, {Width: 300, Height: 600}, {Width: 900, Height: 500}} {
		g := chartLayout(cal, size, m)
		if g.Side <= 0 {
			t.Fatalf("%v: no room for the plot", size)
		}
		if g.Plot.X < 0 || g.Plot.Y < 0 || g.Plot.X+g.Side > size.Width || g.Plot.Y+g.Side > size.Height {
			t.Errorf("%v: plot %v side %v leaves the chart", size, g.Plot, g.Side)
		}
		shown := 0
		for i, b := range cal.Bins {
			pt := g.Points[i]
			if pt.Shown != (b.Count > 0) {
				t.Errorf("%v bin %d: shown %v with count %d", size, i, pt.Shown, b.Count)
			}
			if !pt.Shown {
				continue
			}
			shown++
			if isNaN32(pt.Center.X, pt.Center.Y, pt.Radius, pt.Top, pt.Bottom, pt.LabelPos.X, pt.LabelPos.Y) {
				t.Fatalf("%v bin %d: NaN in %+v", size, i, pt)
			}
			wantX := g.Plot.X + float32(b.MeanForecast)*g.Side
			if d := pt.Center.X - wantX; d > 0.01 || d < -0.01 {
				t.Errorf("%v bin %d: x %v, want %v (mean forecast %v)", size, i, pt.Center.X, wantX, b.MeanForecast)
			}
			wantY := g.Plot.Y + g.Side - float32(b.Observed)*g.Side
			if d := pt.Center.Y - wantY; d > 0.01 || d < -0.01 {
				t.Errorf("%v bin %d: y %v, want %v (observed %v)", size, i, pt.Center.Y, wantY, b.Observed)
			}
			inside := func(x, y float32) bool {
				return x >= g.Plot.X && x <= g.Plot.X+g.Side && y >= g.Plot.Y && y <= g.Plot.Y+g.Side
			}
			if !inside(pt.Center.X, pt.Center.Y) || !inside(pt.Center.X, pt.Top) || !inside(pt.Center.X, pt.Bottom) {
				t.Errorf("%v bin %d: point %v or bar %v–%v outside plot %v+%v", size, i, pt.Center, pt.Top, pt.Bottom, g.Plot, g.Side)
			}
			if pt.Top > pt.Center.Y+0.01 || pt.Bottom < pt.Center.Y-0.01 {
				t.Errorf("%v bin %d: the interval %v–%v does not contain the point at %v", size, i, pt.Top, pt.Bottom, pt.Center.Y)
			}
			if pt.LabelPos.X < 0 || pt.LabelPos.Y < 0 || pt.LabelPos.X+pt.LabelSize.Width > size.Width || pt.LabelPos.Y+pt.LabelSize.Height > size.Height {
				t.Errorf("%v bin %d: count %q at %v leaves the chart", size, i, pt.Label, pt.LabelPos)
			}
		}
		if shown == 0 {
			t.Errorf("%v: no point shown", size)
		}
	}
}

func TestChartLayoutSizeGrowsWithCount(t *testing.T) {
	test.NewTempApp(t)
	var cal score.Calibration
	counts := []int{1, 4, 16, 64}
	for i, n := range counts {
		cal.Bins[i] = score.Bin{Count: n, MeanForecast: 0.05 + float64(i)/10, Observed: 0.5, Low: 0.3, High: 0.7}
		cal.Included += n
	}
	g := chartLayout(cal, fyne.NewSize(400, 400), newCalibrationChart().metrics())
	for i := 1; i < len(counts); i++ {
		if g.Points[i].Radius <= g.Points[i-1].Radius {
			t.Errorf("count %d has radius %v, not larger than %v for count %d", counts[i], g.Points[i].Radius, g.Points[i-1].Radius, counts[i-1])
		}
	}
	if r := g.Points[len(counts)-1].Radius; r != chartMaxRadius {
		t.Errorf("the fullest bin has radius %v, want %v", r, chartMaxRadius)
	}
	if g.Points[0].Label != "1" || g.Points[3].Label != "64" {
		t.Errorf("counts are labelled %q and %q, want 1 and 64", g.Points[0].Label, g.Points[3].Label)
	}
}

func TestChartLayoutSkipsNaNAndCopesWithNoRoom(t *testing.T) {
	test.NewTempApp(t)
	var cal score.Calibration
	cal.Bins[2] = score.Bin{Count: 3, MeanForecast: math.NaN(), Observed: 0.5, Low: 0.2, High: 0.8}
	cal.Bins[7] = score.Bin{Count: 5, MeanForecast: 0.75, Observed: 1, Low: 0.6, High: 1}
	cal.Included = 8
	m := newCalibrationChart().metrics()
	g := chartLayout(cal, fyne.NewSize(400, 400), m)
	if g.Points[2].Shown {
		t.Error("a bin whose mean forecast is NaN was drawn")
	}
	pt := g.Points[7]
	if !pt.Shown {
		t.Fatal("the valid bin was not drawn")
	}
	// At 100% observed the bar reaches the top of the plot, so the count
	// goes below the point instead of above the chart.
	if pt.LabelPos.Y < g.Plot.Y {
		t.Errorf("count at y %v is above the plot top %v", pt.LabelPos.Y, g.Plot.Y)
	}
	tiny := chartLayout(cal, fyne.NewSize(0, 0), m)
	if tiny.Side != 0 || isNaN32(tiny.Plot.X, tiny.Plot.Y, tiny.Points[7].Center.X, tiny.Points[7].Center.Y) {
		t.Errorf("zero size: side %v plot %v point %v", tiny.Side, tiny.Plot, tiny.Points[7].Center)
	}
}

func TestChartRendersPointsAndAxes(t *testing.T) {
	cal := synthCalibration(2000)
	size := fyne.NewSize(420, 360)
	c, r := showChart(t, cal, "unused", size)
	if r.message.Visible() {
		t.Error("the empty-chart message shows although there are points")
	}
	g := chartLayout(cal, c.Size(), c.metrics())
	for i, b := range cal.Bins {
		dot := r.dots[i]
		if dot.Visible() != (b.Count > 0) {
			t.Errorf("bin %d: dot visible %v with count %d", i, dot.Visible(), b.Count)
		}
		if b.Count == 0 {
			continue
		}
		centre := dot.Position().Add(fyne.NewPos(dot.Size().Width/2, dot.Size().Height/2))
		if d := centre.X - g.x(b.MeanForecast); d > 0.01 || d < -0.01 {
			t.Errorf("bin %d: dot centred at x %v, want %v", i, centre.X, g.x(b.MeanForecast))
		}
		if r.counts[i].Text != g.Points[i].Label || !r.counts[i].Visible() {
			t.Errorf("bin %d: count %q (visible %v), want %q", i, r.counts[i].Text, r.counts[i].Visible(), g.Points[i].Label)
		}
		if r.bars[i].Position1.Y != g.Points[i].Top || r.bars[i].Position2.Y != g.Points[i].Bottom {
			t.Errorf("bin %d: bar %v–%v, want %v–%v", i, r.bars[i].Position1.Y, r.bars[i].Position2.Y, g.Points[i].Top, g.Points[i].Bottom)
		}
	}
	// The diagonal runs from (0%, 0%) to (100%, 100%).
	if r.diagonal.Position1 != fyne.NewPos(g.x(0), g.y(0)) || r.diagonal.Position2 != fyne.NewPos(g.x(1), g.y(1)) {
		t.Errorf("diagonal %v–%v", r.diagonal.Position1, r.diagonal.Position2)
	}
	want := []string{"0%", "20%", "40%", "60%", "80%", "100%"}
	for i, w := range want {
		if r.labelX[i].Text != w || r.labelY[i].Text != w {
			t.Errorf("tick %d labelled %q/%q, want %q", i, r.labelX[i].Text, r.labelY[i].Text, w)
		}
		if p := r.labelX[i].Position(); p.Y+r.labelX[i].Size().Height > size.Height {
			t.Errorf("x tick label %q at %v is cut off", w, p)
		}
		if p := r.labelY[i].Position(); p.X < 0 {
			t.Errorf("y tick label %q at %v is cut off", w, p)
		}
	}
}

func TestChartEmptyShowsMessage(t *testing.T) {
	const msg = "Nothing to plot here."
	_, r := showChart(t, score.Calibration{}, msg, fyne.NewSize(400, 300))
	if !r.message.Visible() || r.message.Text != msg {
		t.Errorf("message %q visible %v, want %q shown", r.message.Text, r.message.Visible(), msg)
	}
	for i, o := range r.plotObjects {
		if o.Visible() {
			t.Errorf("plot object %d (%T) is visible on an empty chart", i, o)
		}
	}
	if p := r.message.Position(); p.Y <= 0 || p.Y+r.message.Size().Height > 300 {
		t.Errorf("message at %v size %v is not centred in the chart", p, r.message.Size())
	}
}

func TestChartSwitchesBetweenEmptyAndPoints(t *testing.T) {
	c, r := showChart(t, score.Calibration{}, "empty", fyne.NewSize(400, 300))
	c.set(synthCalibration(500), "")
	if r.message.Visible() || !r.diagonal.Visible() || !r.frame.Visible() {
		t.Errorf("after data: message visible %v, diagonal %v, frame %v", r.message.Visible(), r.diagonal.Visible(), r.frame.Visible())
	}
	c.set(score.Calibration{}, "empty again")
	if !r.message.Visible() || r.diagonal.Visible() || r.message.Text != "empty again" {
		t.Errorf("after clearing: message %q visible %v, diagonal %v", r.message.Text, r.message.Visible(), r.diagonal.Visible())
	}
}
