// Package transfer holds the window's import and export dialogs: choosing
// a file and a format, a preview of what an import will add, skip and
// refuse before anything is written (with the columns of a CSV file
// mapped by hand), what an export leaves out, an image of the timeline,
// and progress that can be cancelled. It reaches the window only through
// a Host.
package transfer

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview"
)

// Host is what the dialogs need of the window they open over.
type Host struct {
	Window fyne.Window
	// Session is the open database; Ready reports whether one is open,
	// explaining when it is not.
	Session func() *app.Session
	Ready   func() bool
	// ShowError explains a failure.
	ShowError func(error)
	// Run runs slow work off the UI goroutine; the work hands its result
	// back through fyne.Do.
	Run func(work func())
	// Changed is called after an import wrote records.
	Changed func()
	// ShowImported shows only what the import of the file name added.
	ShowImported func(name string, report store.ImportReport)
	// Picture is what an image of the timeline shows.
	Picture func() Picture
}

// Picture is the timeline as the window shows it: the view, the filter,
// the predictions that filter keeps and the periods. An image of it reads
// the events of its days itself.
type Picture struct {
	View        timelineview.ViewState
	Filter      filter.Filter
	Predictions []model.Prediction
	Periods     []model.Period
}

// Dialogs are the import and export dialogs of one window.
type Dialogs struct{ host Host }

// New makes the dialogs of the window host describes.
func New(host Host) *Dialogs { return &Dialogs{host: host} }

// formatName is how a file format is offered in the interface.
func formatName(f exchange.Format) string {
	if name, ok := formatNames[f]; ok {
		return name.String()
	}
	return string(f)
}

// formatNames are the file formats as the interface offers them.
var formatNames = map[exchange.Format]i18n.Text{
	exchange.FormatHindsightJSON:  {Key: "format.hindsight_json", English: "Hindsight JSON (everything)"},
	exchange.FormatCSVEvents:      {Key: "format.csv_events", English: "CSV: events"},
	exchange.FormatCSVPredictions: {Key: "format.csv_predictions", English: "CSV: predictions"},
	exchange.FormatTimelineJS:     {Key: "format.timelinejs", English: "TimelineJS JSON"},
	exchange.FormatMarkwhen:       {Key: "format.markwhen", English: "Markwhen text"},
	exchange.FormatICal:           {Key: "format.ical", English: "iCalendar (deadlines and events)"},
	exchange.FormatTimeline:       {Key: "format.timeline", English: "Timeline project file (.timeline)"},
}

// progressDialog is a modal progress bar with an optional Cancel button.
type progressDialog struct {
	*dialog.CustomDialog
	bar *widget.ProgressBar
}

func (p *progressDialog) set(v float64) { p.bar.SetValue(v) }

func (x *Dialogs) showProgress(title string, cancel func()) *progressDialog {
	p := &progressDialog{bar: widget.NewProgressBar()}
	var content fyne.CanvasObject = p.bar
	if cancel == nil {
		content = widget.NewProgressBarInfinite()
	}
	p.CustomDialog = dialog.NewCustomWithoutButtons(title, content, x.host.Window)
	p.Resize(fyne.NewSize(420, 140))
	if cancel != nil {
		p.SetButtons([]fyne.CanvasObject{widget.NewButton(tr("dialog.cancel", "Cancel"), cancel)})
		modal.ShowEscaping(x.host.Window, p, cancel)
	} else {
		p.Show() // nothing to cancel: Escape leaves it
	}
	return p
}
