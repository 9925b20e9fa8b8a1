package timelineview

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/items"
	"github.com/hindsight-app/hindsight/internal/when"
)

// withoutPeriods hands records to SetData with no periods.
func withoutPeriods(events []model.Event, preds []model.Prediction) ([]model.Event, []model.Prediction, []model.Period) {
	return events, preds, nil
}

// testPeriods are a period across every lane, one in OpenAI's lane, one
// with no colour and one long before the view.
func testPeriods() []model.Period {
	return []model.Period{
		{ID: 1, Title: "百模大战", Start: when.MustParse("2023-03"), End: when.MustParse("2023-12"), Color: "#d336b1"},
		{ID: 2, Title: "The board crisis", Start: when.MustParse("2023-11-17"), End: when.MustParse("2023-11-22"), Color: "#008080", Lane: "openai"},
		{ID: 3, Title: "After ChatGPT", Start: when.MustParse("2022-11-30"), End: when.MustParse("2023-02")},
		{ID: 4, Title: "Era Test 600-650", Start: when.MustParse("0600"), End: when.MustParse("0650")},
	}
}

func periodTimeline(t *testing.T, th fyne.Theme) (*View, fyne.Window) {
	t.Helper()
	tv, win := newTestTimeline(t, 1400, 900)
	fyne.CurrentApp().Settings().SetTheme(th)
	events, preds := seedData(t)
	tv.SetData(events, preds, testPeriods())
	tv.Nav().ShowRange(when.DayOf(2022, 10, 1), when.DayOf(2024, 1, 31))
	tv.ensureLayout()
	tv.Refresh()
	return tv, win
}

// shownRects lists the visible rectangles of a pool.
func shownRects(p *pool[*canvas.Rectangle]) []*canvas.Rectangle {
	var out []*canvas.Rectangle
	for _, o := range p.objs {
		if o.Visible() {
			out = append(out, o)
		}
	}
	return out
}

func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return (0.299*float64(n.R) + 0.587*float64(n.G) + 0.114*float64(n.B)) / 255
}

// Periods are bands behind the events, each where its time is, across
// every lane or only its own, labelled; the labels read in both themes.
func TestPeriodsAreLabelledBands(t *testing.T) {
	for _, th := range []struct {
		name  string
		theme fyne.Theme
	}{{"dark", look.NewTheme()}, {"light", lightTheme{look.NewTheme()}}} {
		t.Run(th.name, func(t *testing.T) {
			tv, _ := periodTimeline(t, th.theme)
			r := tv.rend
			v := tv.nav.viewport()
			bands := shownRects(&r.periods.bands)
			// Three periods are in view; the fourth is 1,400 years before it.
			if len(bands) != 3 {
				t.Fatalf("%d bands, want 3", len(bands))
			}
			top, bottom := tv.met.axisH, tv.Size().Height
			wide := bands[0]
			x1, x2 := v.X(float64(when.DayOf(2023, 3, 1))), v.X(float64(when.DayOf(2024, 1, 1)))
			if d := wide.Position().X - x1; d < -1 || d > 1 || wide.Size().Width < x2-x1-1 || wide.Size().Width > x2-x1+1 {
				t.Errorf("百模大战's band at %v width %v, want x %v to %v", wide.Position().X, wide.Size().Width, x1, x2)
			}
			if wide.Position().Y != top || wide.Position().Y+wide.Size().Height != bottom {
				t.Errorf("百模大战 spans %v+%v, want every lane (%v to %v)", wide.Position().Y, wide.Size().Height, top, bottom)
			}
			// The board crisis is OpenAI's: its band covers that lane only.
			lane := bands[1]
			var openAI *struct{ y, h float32 }
			for _, b := range tv.lay.Lanes {
				if b.Key == items.LaneKeyActor+"OpenAI" {
					openAI = &struct{ y, h float32 }{top + b.Y, b.Height}
				}
			}
			if openAI == nil || lane.Position().Y != max(openAI.y, top) || lane.Size().Height >= bottom-top {
				t.Errorf("the board crisis spans %v+%v, want OpenAI's lane %+v", lane.Position().Y, lane.Size().Height, openAI)
			}
			if got := color.NRGBAModel.Convert(wide.FillColor).(color.NRGBA); got.R != 0xd3 || got.A == 0xff {
				t.Errorf("百模大战's band is %v, want its colour, see-through", got)
			}
			// Labels: the title in the theme's text colour on a pill of its
			// background, edged in the period's colour.
			pills := shownRects(&r.periods.pills)
			if len(pills) != 3 || len(r.periods.labels) != 3 {
				t.Fatalf("%d labels", len(pills))
			}
			seen := map[string]bool{}
			for _, tx := range visibleTexts(tv) {
				seen[tx.Text] = true
				if tx.Text == "百模大战" {
					if d := luminance(tx.Color) - luminance(pills[0].FillColor); d*d < 0.25 {
						t.Errorf("the label's text (%v) does not stand out from its pill (%v)", tx.Color, pills[0].FillColor)
					}
				}
			}
			for _, want := range []string{"百模大战", "The board crisis", "After ChatGPT"} {
				if !seen[want] {
					t.Errorf("no label %q", want)
				}
			}
		})
	}
}

func TestTapOnAPeriodLabelSelectsIt(t *testing.T) {
	tv, _ := periodTimeline(t, look.NewTheme())
	var got app.Selection
	tv.OnSelect = func(s app.Selection) { got = s }
	var at *periodLabel
	for i := range tv.rend.periods.labels {
		if tv.rend.periods.labels[i].id == 1 {
			at = &tv.rend.periods.labels[i]
		}
	}
	if at == nil {
		t.Fatal("百模大战 has no label")
	}
	test.Tap(tv) // a tap on nothing clears the selection
	tv.Tapped(&fyne.PointEvent{Position: fyne.NewPos(at.x+at.w/2, at.y+at.h/2)})
	if got != app.PeriodSelection(1) || tv.Selected() != app.PeriodSelection(1) {
		t.Errorf("selected %+v", got)
	}
	// The selected period's label is outlined in the text colour.
	if pill := shownRects(&tv.rend.periods.pills)[0]; pill.StrokeWidth < 2 {
		t.Errorf("the selected label's outline is %v wide", pill.StrokeWidth)
	}
	// Selecting a period out of view brings it into view.
	tv.Select(app.PeriodSelection(4))
	v := tv.nav.viewport()
	if v.Start > float64(when.DayOf(600, 1, 1)) || v.End < float64(when.DayOf(650, 12, 31)) {
		t.Errorf("after selecting the era the view is %v..%v", when.Day(v.Start), when.Day(v.End))
	}
}
