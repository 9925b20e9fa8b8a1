package transfer

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"image/png"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/ui/filterbar"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Export asks for a format and a file, then writes every record, or an
// image of the timeline.
func (x *Dialogs) Export() {
	if !x.host.Ready() {
		return
	}
	var names []string
	byName := map[string]exchange.Format{}
	for _, f := range exchange.Formats {
		if f.Writable() {
			names = append(names, formatName(f))
			byName[formatName(f)] = f
		}
	}
	imageWhole := tr("export.png_whole", "PNG image: the whole timeline")
	imageView := tr("export.png_view", "PNG image: the current view")
	names = append(names, imageWhole, imageView)
	sel := widget.NewSelect(names, nil)
	sel.SetSelectedIndex(0)
	width := widget.NewEntry()
	width.SetText("2400")
	form := dialog.NewForm(tr("export.title", "Export"), tr("export.choose_file", "Choose file…"), tr("dialog.cancel", "Cancel"),
		[]*widget.FormItem{
			widget.NewFormItem(tr("import.format", "Format"), sel),
			{Text: tr("export.width", "Image width (px)"), Widget: width, HintText: tr("export.width_hint", "for PNG images only")},
		}, func(ok bool) {
			if !ok {
				return
			}
			switch sel.Selected {
			case imageWhole, imageView:
				px, err := parseImageWidth(width.Text)
				if err != nil {
					x.host.ShowError(err)
					return
				}
				x.exportImage(sel.Selected == imageWhole, px)
			default:
				x.exportFile(byName[sel.Selected])
			}
		}, x.host.Window)
	form.Resize(fyne.NewSize(520, 220))
	modal.Show(x.host.Window, form)
}

func parseImageWidth(s string) (float32, error) {
	var px int
	if _, err := fmt.Sscan(strings.TrimSpace(s), &px); err != nil || px < 400 || px > 20000 {
		return 0, errors.New(tr("export.bad_width", "The image width must be a whole number of pixels from 400 to 20000."))
	}
	return float32(px), nil
}

// exportFile reads every record, says what format f leaves out of them
// and asks whether to go on, then asks for a file and writes it.
func (x *Dialogs) exportFile(f exchange.Format) {
	session := x.host.Session()
	opt := exchange.WriteOptions{Lang: i18n.Lang()}
	x.host.Run(func() {
		doc, err := session.Transfers().Document(context.Background())
		fyne.Do(func() {
			if err != nil {
				x.host.ShowError(err)
				return
			}
			write := func() { x.writeExport(f, doc, opt) }
			losses := exchange.Plan(f, doc, opt)
			if len(losses) == 0 {
				write()
				return
			}
			x.askAboutLosses(f, losses, write)
		})
	})
}

// askAboutLosses lists what format f leaves out, counted, and calls goOn
// when the person still wants the file.
func (x *Dialogs) askAboutLosses(f exchange.Format, losses []exchange.Loss, goOn func()) {
	d := dialog.NewCustomConfirm(trf("export.losses_title", "What {{.Format}} leaves out", map[string]any{"Format": formatName(f)}),
		tr("export.anyway", "Export anyway"), tr("dialog.cancel", "Cancel"), lossesContent(losses), func(ok bool) {
			if ok {
				goOn()
			}
		}, x.host.Window)
	d.Resize(fyne.NewSize(680, 420))
	modal.Show(x.host.Window, d)
}

// writeExport asks for a file and writes doc to it in format f.
func (x *Dialogs) writeExport(f exchange.Format, doc exchange.Document, opt exchange.WriteOptions) {
	modal.SaveFile(x.host.Window, modal.PurposeExport, "hindsight"+f.Extension(), func(w fyne.URIWriteCloser) {
		if w == nil {
			return
		}
		x.host.Run(func() {
			buf := bufio.NewWriter(w)
			err := exchange.Write(buf, f, doc, opt)
			if err == nil {
				err = buf.Flush()
			}
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			fyne.Do(func() {
				if err != nil {
					x.host.ShowError(err)
					return
				}
				modal.Info(x.host.Window, tr("export.title", "Export"), trf("export.done", "Wrote {{.File}}.", map[string]any{"File": modal.LocalPath(w.URI())}))
			})
		})
	})
}

// exportImage draws the timeline (everything, or the range now shown) at
// the chosen width, every lane included, and saves it as a PNG.
func (x *Dialogs) exportImage(whole bool, width float32) {
	pic := x.host.Picture()
	state, f, preds := pic.View, pic.Filter, pic.Predictions
	page := app.EventPage{Filter: f}
	if !whole {
		page.From, page.To = when.Day(math.Floor(state.Start)), when.Day(math.Ceil(state.End))
	}
	// An image shows every event of its days, read for it.
	events, err := x.host.Session().Reads().Page(context.Background(), page)
	if err != nil {
		x.host.ShowError(err)
		return
	}
	caption := imageCaption{Exported: when.Today()}
	if !f.IsZero() {
		caption.Filter = filterbar.Summary(f)
	}
	img := renderTimeline(events, preds, pic.Periods, state, whole, width, caption)
	modal.SaveFile(x.host.Window, modal.PurposeExport, "hindsight-timeline.png", func(w fyne.URIWriteCloser) {
		if w == nil {
			return
		}
		err := png.Encode(w, img)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			x.host.ShowError(err)
			return
		}
		modal.Info(x.host.Window, tr("export.title", "Export"), trf("export.done", "Wrote {{.File}}.", map[string]any{"File": modal.LocalPath(w.URI())}))
	})
}
