package timelineview

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/hindsight-app/hindsight/internal/timeline"
)

// metrics are the sizes the timeline draws with, derived from the theme.
type metrics struct {
	axisH     float32 // height of the time axis above the lanes
	labelSize float32
	axisSize  float32
	titleSize float32
	tipSize   float32
	opt       sizes
}

// sizes are timeline.Options without the measure, so that metrics can be
// compared with == to notice a theme change.
type sizes struct {
	RowHeight, LaneHeaderHeight, LaneGap, MarkerSize, LabelGap, BadgeWidth float32
	MinClusterSpacing, MinTickSpacing                                      float32
	MaxRows                                                                int
}

// sizer derives the timeline's metrics from the theme of its widget, and
// keeps the measure of labels made for the current text size.
type sizer struct {
	w        fyne.Widget
	measure  timeline.Measure
	measured float32 // text size measure was made for
}

// metrics are the sizes to draw with now.
func (s *sizer) metrics() metrics {
	text := theme.SizeForWidget(theme.SizeNameText, s.w)
	if !(text > 0) {
		text = 14
	}
	label := text - 1
	m := metrics{
		labelSize: label,
		axisSize:  text - 2,
		titleSize: text - 2,
		tipSize:   text - 1,
	}
	// Two tiers of labels: the coarser unit above, the ticks below.
	m.axisH = float32(math.Round(float64(m.axisSize) * 3.6))
	if s.measure == nil || s.measured != label {
		s.measure = func(str string) float32 { return fyne.MeasureText(str, label, fyne.TextStyle{}).Width }
		s.measured = label
	}
	row := float32(math.Round(float64(label) * 1.85))
	m.opt = sizes{
		RowHeight:         row,
		LaneHeaderHeight:  float32(math.Round(float64(m.titleSize) * 1.75)),
		LaneGap:           4,
		MarkerSize:        float32(math.Round(float64(label) * 0.77)),
		LabelGap:          6,
		BadgeWidth:        label + 3,
		MinClusterSpacing: 44,
		MinTickSpacing:    56,
		MaxRows:           8,
	}
	return m
}

// layoutOptions are the layout options of metrics m with the label measure.
func layoutOptions(m metrics, measure timeline.Measure) timeline.Options {
	o := m.opt
	return timeline.Options{
		RowHeight: o.RowHeight, LaneHeaderHeight: o.LaneHeaderHeight, LaneGap: o.LaneGap,
		MarkerSize: o.MarkerSize, LabelGap: o.LabelGap, MinClusterSpacing: o.MinClusterSpacing,
		MinTickSpacing: o.MinTickSpacing, MaxRows: o.MaxRows, BadgeWidth: o.BadgeWidth, Measure: measure,
	}
}
