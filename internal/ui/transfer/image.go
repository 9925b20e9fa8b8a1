package transfer

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview"
	"github.com/hindsight-app/hindsight/internal/when"
)

// maxImageHeight keeps an image of very many lanes to a size viewers open.
const maxImageHeight = 20000

// imageCaption is what an exported image says of itself besides the
// timeline: the filter it shows, if any, and the day it was made.
type imageCaption struct {
	Filter   string
	Exported when.Day
}

// renderTimeline draws a timeline of the records off screen with Fyne's
// software renderer: the lanes and grouping of state, over its range or,
// when whole, over every record, under a title with the dates it covers
// and over a legend of its marks and colours and the export date, so that
// the picture stands on its own.
func renderTimeline(events []model.Event, preds []model.Prediction, periods []model.Period, state timelineview.ViewState, whole bool, width float32, caption imageCaption) image.Image {
	tv := timelineview.New(i18n.Words{})
	tv.SetData(events, preds, periods)
	tv.SetViewState(state)
	c := software.NewCanvas()
	c.SetPadded(false)
	c.SetContent(tv)
	c.Resize(fyne.NewSize(width, 600))
	if whole {
		tv.Nav().Fit()
	}
	h := min(tv.ContentHeight(), maxImageHeight)
	head, foot := imageFrame(tv.ViewState(), len(events), len(preds), caption, width-4*theme.Padding())
	page := container.NewBorder(container.NewPadded(head), container.NewPadded(foot), nil, nil, tv)
	c.SetContent(page)
	c.Resize(fyne.NewSize(width, h+head.MinSize().Height+foot.MinSize().Height+4*theme.Padding()))
	return c.Capture()
}

// imageFrame is the title above an exported timeline (what it is, the
// dates it covers, its filter) and the legend below it (the marks and
// colours, the records counted, the export date).
func imageFrame(view timelineview.ViewState, events, preds int, caption imageCaption, width float32) (head, foot fyne.CanvasObject) {
	lang := i18n.Lang()
	from := when.DayDate(when.Day(math.Floor(view.Start))).Format(lang)
	to := when.DayDate(when.Day(math.Floor(view.End))).Format(lang)
	title := widget.NewLabelWithStyle(tr("export.image.title", "Hindsight: events and predictions"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	span := widget.NewLabel(trf("export.image.range", "{{.From}} to {{.To}}", map[string]any{"From": from, "To": to}))
	lines := []fyne.CanvasObject{title, span}
	if caption.Filter != "" {
		filter := widget.NewLabel(trf("export.image.filter", "Filtered: {{.Filter}}", map[string]any{"Filter": caption.Filter}))
		filter.Wrapping = fyne.TextWrapWord
		lines = append(lines, filter)
	}
	head = container.NewVBox(lines...)

	items := []fyne.CanvasObject{legendItem(eventMark(), tr("export.image.event", "Event"))}
	for _, s := range []model.State{model.StateOpen, model.StateTrue, model.StateFalse, model.StatePartly,
		model.StateAmbiguous, model.StateAnnulled, model.StateWithdrawn} {
		items = append(items, legendItem(stateMark(s), trf("export.image.prediction", "Prediction: {{.State}}", map[string]any{"State": i18n.StateName(s)})))
	}
	items = append(items,
		legendItem(overdueMark(), tr("export.image.overdue", "Overdue (red outline)")),
		legendItem(fuzzyMark(), tr("export.image.fuzzy", "Uncertain date (soft band)")))
	exported := widget.NewLabel(trf("export.image.exported", "{{.Events}} · {{.Predictions}} · exported {{.Date}}", map[string]any{
		"Events": i18n.EventCount(events), "Predictions": i18n.PredictionCount(preds), "Date": when.DayDate(caption.Exported).Format(lang)}))
	foot = container.NewVBox(container.New(&flowLayout{width: width}, items...), exported)
	return head, foot
}

func legendItem(mark fyne.CanvasObject, text string) fyne.CanvasObject {
	return container.NewHBox(container.NewCenter(mark), widget.NewLabel(text))
}

// markSize is the size of a mark in the legend.
var markSize = fyne.NewSize(16, 16)

func eventMark() fyne.CanvasObject {
	c := canvas.NewCircle(theme.Color(theme.ColorNamePrimary))
	box := container.NewGridWrap(fyne.NewSize(12, 12), c)
	return box
}

func stateMark(s model.State) fyne.CanvasObject {
	bar := canvas.NewRectangle(withOpacity(look.StateColor(s), 0.5))
	bar.SetMinSize(fyne.NewSize(22, 8))
	icon := widget.NewIcon(look.StateIcon(s))
	return container.NewHBox(container.NewGridWrap(markSize, icon), container.NewCenter(bar))
}

func overdueMark() fyne.CanvasObject {
	r := canvas.NewRectangle(withOpacity(look.StateColor(model.StateOpen), 0.5))
	r.StrokeColor = theme.Color(theme.ColorNameError)
	r.StrokeWidth = 2
	r.SetMinSize(fyne.NewSize(30, 10))
	return r
}

func fuzzyMark() fyne.CanvasObject {
	c := look.StateColor(model.StateOpen)
	left := canvas.NewHorizontalGradient(withOpacity(c, 0), withOpacity(c, 0.38))
	left.SetMinSize(fyne.NewSize(10, 10))
	mid := canvas.NewRectangle(withOpacity(c, 0.38))
	mid.SetMinSize(fyne.NewSize(10, 10))
	right := canvas.NewHorizontalGradient(withOpacity(c, 0.38), withOpacity(c, 0))
	right.SetMinSize(fyne.NewSize(10, 10))
	return container.New(layout.NewCustomPaddedHBoxLayout(0), left, mid, right)
}

func withOpacity(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(math.Round(a * 255))
	return c
}

// flowLayout places objects left to right at their minimum size, starting
// a new row when one would pass width.
type flowLayout struct{ width float32 }

func (l *flowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	var x, y, rowH float32
	for _, o := range objects {
		m := o.MinSize()
		if x > 0 && x+m.Width > l.width {
			x, y, rowH = 0, y+rowH+theme.Padding(), 0
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(m)
		x += m.Width + theme.Padding()*2
		rowH = max(rowH, m.Height)
	}
}

// MinSize is the height of the rows the items take at the layout's width.
func (l *flowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var x, y, rowH, widest float32
	for _, o := range objects {
		m := o.MinSize()
		widest = max(widest, m.Width)
		if x > 0 && x+m.Width > l.width {
			x, y, rowH = 0, y+rowH+theme.Padding(), 0
		}
		x += m.Width + theme.Padding()*2
		rowH = max(rowH, m.Height)
	}
	return fyne.NewSize(widest, y+rowH)
}
