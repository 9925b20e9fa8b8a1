package ui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"image/png"
	"io"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/extract"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/addtext"
	"github.com/hindsight-app/hindsight/internal/ui/filterbar"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/when"
)

// transfers are import and export: choosing a file and a format, a preview
// of what an import will do, what an export leaves out, progress that can
// be cancelled.
type transfers struct{ w *MainWindow }

// formatName is how a file format is offered in the interface.
func formatName(f exchange.Format) string {
	switch f {
	case exchange.FormatHindsightJSON:
		return tr("format.hindsight_json", "Hindsight JSON (everything)")
	case exchange.FormatCSVEvents:
		return tr("format.csv_events", "CSV: events")
	case exchange.FormatCSVPredictions:
		return tr("format.csv_predictions", "CSV: predictions")
	case exchange.FormatTimelineJS:
		return tr("format.timelinejs", "TimelineJS JSON")
	case exchange.FormatMarkwhen:
		return tr("format.markwhen", "Markwhen text")
	case exchange.FormatICal:
		return tr("format.ical", "iCalendar (deadlines and events)")
	case exchange.FormatTimeline:
		return tr("format.timeline", "Timeline project file (.timeline)")
	}
	return string(f)
}

// importData asks for a file, reads it, shows what an import would add,
// skip and refuse, and imports on confirmation with a cancellable
// progress bar. Nothing is written until the person confirms.
func (x *transfers) importFile() {
	m := x.w
	if !m.ready() {
		return
	}
	modal.OpenFile(m.win, modal.PurposeImport, nil, func(r fyne.URIReadCloser) {
		if r == nil {
			return
		}
		x.importReader(r.URI().Name(), r)
	})
}

// importReader guesses the format of a file to import, has it confirmed,
// and reads it for the preview; r is closed when done.
func (x *transfers) importReader(name string, r io.ReadCloser) {
	if !x.w.ready() {
		r.Close()
		return
	}
	format, reader, detectErr := exchange.Sniff(name, r)
	x.chooseImportFormat(format, detectErr, func(f exchange.Format) {
		x.readForImport(name, reader, r, f)
	}, func() { r.Close() })
}

// chooseImportFormat confirms the guessed format, or asks for one when it
// could not be guessed.
func (x *transfers) chooseImportFormat(guess exchange.Format, guessErr error, chosen func(exchange.Format), cancelled func()) {
	m := x.w
	var names []string
	byName := map[string]exchange.Format{}
	for _, f := range exchange.Formats {
		if f.Readable() {
			names = append(names, formatName(f))
			byName[formatName(f)] = f
		}
	}
	sel := widget.NewSelect(names, nil)
	note := widget.NewLabel("")
	note.Wrapping = fyne.TextWrapWord
	if guessErr == nil && guess.Readable() {
		sel.SetSelected(formatName(guess))
		note.SetText(tr("import.guessed", "The format was guessed from the file; change it if it is wrong."))
	} else {
		note.SetText(tr("import.unknown_format", "The format could not be guessed from the file. Choose it:"))
	}
	form := dialog.NewForm(tr("import.title", "Import"), tr("import.read", "Read file"), tr("dialog.cancel", "Cancel"),
		[]*widget.FormItem{widget.NewFormItem(tr("import.format", "Format"), sel), widget.NewFormItem("", note)},
		func(ok bool) {
			f, known := byName[sel.Selected]
			if !ok || !known {
				cancelled()
				return
			}
			chosen(f)
		}, m.win)
	form.Resize(fyne.NewSize(520, 240))
	modal.Show(m.win, form)
}

// readForImport reads the file off the UI goroutine, then shows the preview.
func (x *transfers) readForImport(name string, r io.Reader, closer io.Closer, f exchange.Format) {
	m := x.w
	session := m.session
	progress := x.showProgress(tr("import.reading", "Reading the file…"), nil)
	background(func() {
		defer closer.Close()
		plan, err := session.PlanImport(context.Background(), name, r, f)
		fyne.Do(func() {
			progress.Hide()
			if err != nil {
				m.showError(fmt.Errorf("%s: %w", name, err))
				return
			}
			x.showImportPreview(plan)
		})
	})
}

// runImport saves the records with a progress bar; Cancel leaves the
// database as it was.
func (x *transfers) runImport(plan app.ImportPlan) {
	m := x.w
	session := m.session
	ctx, cancel := context.WithCancel(context.Background())
	progress := x.showProgress(tr("import.saving", "Importing…"), cancel)
	background(func() {
		report, err := session.Import(ctx, plan, func(done, total int) {
			fyne.Do(func() { progress.set(float64(done) / float64(total)) })
		})
		cancel()
		fyne.Do(func() {
			progress.Hide()
			switch {
			case errors.Is(err, context.Canceled):
				modal.Info(m.win, tr("import.title", "Import"), tr("import.cancelled", "The import was cancelled; the database is as it was."))
			case err != nil:
				m.showError(err)
			default:
				m.reload(false)
				done := trf("import.done_records", "Added {{.Records}}.", map[string]any{"Records": addedText(report)})
				if report.Change == 0 {
					modal.Info(m.win, tr("import.title", "Import"), done)
					return
				}
				// Imported records may land anywhere in time and in lanes
				// below the fold: offer to show just them.
				d := dialog.NewConfirm(tr("import.title", "Import"), done, func(show bool) {
					if show {
						m.showImported(plan.Name, report)
					}
				}, m.win)
				d.SetConfirmText(tr("import.show", "Show what was imported"))
				d.SetDismissText(tr("dialog.close", "Close"))
				modal.Show(m.win, d)
			}
		})
	})
}

// progressDialog is a modal progress bar with an optional Cancel button.
type progressDialog struct {
	*dialog.CustomDialog
	bar *widget.ProgressBar
}

func (p *progressDialog) set(v float64) { p.bar.SetValue(v) }

func (x *transfers) showProgress(title string, cancel func()) *progressDialog {
	m := x.w
	p := &progressDialog{bar: widget.NewProgressBar()}
	var content fyne.CanvasObject = p.bar
	if cancel == nil {
		content = widget.NewProgressBarInfinite()
	}
	p.CustomDialog = dialog.NewCustomWithoutButtons(title, content, m.win)
	p.Resize(fyne.NewSize(420, 140))
	if cancel != nil {
		p.SetButtons([]fyne.CanvasObject{widget.NewButton(tr("dialog.cancel", "Cancel"), cancel)})
		modal.ShowEscaping(m.win, p, cancel)
	} else {
		p.Show() // nothing to cancel: Escape leaves it
	}
	return p
}

// exportData asks for a format and a file, then writes every record.
func (x *transfers) exportAsked() {
	m := x.w
	if !m.ready() {
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
					m.showError(err)
					return
				}
				x.exportImage(sel.Selected == imageWhole, px)
			default:
				x.exportFile(byName[sel.Selected])
			}
		}, m.win)
	form.Resize(fyne.NewSize(520, 220))
	modal.Show(m.win, form)
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
func (x *transfers) exportFile(f exchange.Format) {
	m := x.w
	session := m.session
	opt := exchange.WriteOptions{Lang: i18n.Lang()}
	background(func() {
		doc, err := session.Document(context.Background())
		fyne.Do(func() {
			if err != nil {
				m.showError(err)
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
func (x *transfers) askAboutLosses(f exchange.Format, losses []exchange.Loss, goOn func()) {
	m := x.w
	d := dialog.NewCustomConfirm(trf("export.losses_title", "What {{.Format}} leaves out", map[string]any{"Format": formatName(f)}),
		tr("export.anyway", "Export anyway"), tr("dialog.cancel", "Cancel"), lossesContent(losses), func(ok bool) {
			if ok {
				goOn()
			}
		}, m.win)
	d.Resize(fyne.NewSize(680, 420))
	modal.Show(m.win, d)
}

// writeExport asks for a file and writes doc to it in format f.
func (x *transfers) writeExport(f exchange.Format, doc exchange.Document, opt exchange.WriteOptions) {
	m := x.w
	modal.SaveFile(m.win, modal.PurposeExport, "hindsight"+f.Extension(), func(w fyne.URIWriteCloser) {
		if w == nil {
			return
		}
		background(func() {
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
					m.showError(err)
					return
				}
				modal.Info(m.win, tr("export.title", "Export"), trf("export.done", "Wrote {{.File}}.", map[string]any{"File": modal.LocalPath(w.URI())}))
			})
		})
	})
}

// exportImage draws the timeline (everything, or the range now shown) at
// the chosen width, every lane included, and saves it as a PNG.
func (x *transfers) exportImage(whole bool, width float32) {
	m := x.w
	state := m.timeline.ViewState()
	f := m.filter.Current()
	preds := m.lib.FilteredPredictions(f)
	page := app.EventPage{Filter: f}
	if !whole {
		page.From, page.To = when.Day(math.Floor(state.Start)), when.Day(math.Ceil(state.End))
	}
	// An image shows every event of its days, read for it.
	events, err := m.session.Events(context.Background(), page)
	if err != nil {
		m.showError(err)
		return
	}
	caption := imageCaption{Exported: when.Today()}
	if !f.IsZero() {
		caption.Filter = filterbar.Summary(f)
	}
	img := renderTimeline(events, preds, m.lib.Periods, state, whole, width, caption)
	modal.SaveFile(m.win, modal.PurposeExport, "hindsight-timeline.png", func(w fyne.URIWriteCloser) {
		if w == nil {
			return
		}
		err := png.Encode(w, img)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			m.showError(err)
			return
		}
		modal.Info(m.win, tr("export.title", "Export"), trf("export.done", "Wrote {{.File}}.", map[string]any{"File": modal.LocalPath(w.URI())}))
	})
}

// addFromText opens the "Add from text" dialog, with text already pasted
// when it came from a file.
func (x *transfers) addFromText(text string) {
	m := x.w
	if !m.ready() {
		return
	}
	session := m.session
	known := extract.Known{Predictions: m.lib.Predictions, EventsNear: func(from, to when.Day) []model.Event {
		events, err := session.EventsNear(context.Background(), from, to, nearLimit)
		return logged(events, err)
	}}
	if k, err := m.session.Known(context.Background()); err == nil {
		known.Actors = k.Actors
	}
	addtext.Show(m.win, known, text, func(recs extract.Records, sourced []model.Event) (int, error) {
		n, err := session.AddExtracted(context.Background(), recs, sourced)
		if n > 0 {
			m.reload(false)
		}
		return n, err
	})
}

// dropped takes files dropped on the window: an article (.txt, .md, .html)
// opens "Add from text", anything else the import.
func (x *transfers) dropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) == 0 {
		return
	}
	u := uris[0]
	r, err := storage.Reader(u)
	if err != nil {
		x.w.showError(err)
		return
	}
	if !addtext.Accepts(u.Name()) {
		x.importReader(u.Name(), r)
		return
	}
	defer r.Close()
	text, err := addtext.ReadFile(r)
	if err != nil {
		x.w.showError(err)
		return
	}
	x.addFromText(text)
}
