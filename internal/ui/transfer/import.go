package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
)

// ImportFile asks for a file, reads it, shows what an import would add,
// skip and refuse, and imports on confirmation with a cancellable
// progress bar. Nothing is written until the person confirms.
func (x *Dialogs) ImportFile() {
	if !x.host.Ready() {
		return
	}
	modal.OpenFile(x.host.Window, modal.PurposeImport, nil, func(r fyne.URIReadCloser) {
		if r == nil {
			return
		}
		x.Import(r.URI().Name(), r)
	})
}

// Import guesses the format of a file to import, has it confirmed, and
// reads it for the preview; r is closed when done.
func (x *Dialogs) Import(name string, r io.ReadCloser) {
	if !x.host.Ready() {
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
func (x *Dialogs) chooseImportFormat(guess exchange.Format, guessErr error, chosen func(exchange.Format), cancelled func()) {
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
		}, x.host.Window)
	form.Resize(fyne.NewSize(520, 240))
	modal.Show(x.host.Window, form)
}

// readForImport reads the file off the UI goroutine, then shows the preview.
func (x *Dialogs) readForImport(name string, r io.Reader, closer io.Closer, f exchange.Format) {
	session := x.host.Session()
	progress := x.showProgress(tr("import.reading", "Reading the file…"), nil)
	x.host.Run(func() {
		defer closer.Close()
		plan, err := session.Transfers().PlanImport(context.Background(), name, r, f)
		fyne.Do(func() {
			progress.Hide()
			if err != nil {
				x.host.ShowError(fmt.Errorf("%s: %w", name, err))
				return
			}
			x.showImportPreview(plan)
		})
	})
}

// runImport saves the records with a progress bar; Cancel leaves the
// database as it was.
func (x *Dialogs) runImport(plan app.ImportPlan) {
	session := x.host.Session()
	ctx, cancel := context.WithCancel(context.Background())
	progress := x.showProgress(tr("import.saving", "Importing…"), cancel)
	x.host.Run(func() {
		report, err := session.Transfers().Import(ctx, plan, func(done, total int) {
			fyne.Do(func() { progress.set(float64(done) / float64(total)) })
		})

		cancel()
		fyne.Do(func() {
			progress.Hide()
			switch {
			case errors.Is(err, context.Canceled):
				modal.Info(x.host.Window, tr("import.title", "Import"), tr("import.cancelled", "The import was cancelled; the database is as it was."))
			case err != nil:
				x.host.ShowError(err)
			default:
				x.host.Changed()
				done := trf("import.done_records", "Added {{.Records}}.", map[string]any{"Records": addedText(report)})
				if report.Change == 0 {
					modal.Info(x.host.Window, tr("import.title", "Import"), done)
					return
				}
				// Imported records may land anywhere in time and in lanes
				// below the fold: offer to show just them.
				d := dialog.NewConfirm(tr("import.title", "Import"), done, func(show bool) {
					if show {
						x.host.ShowImported(plan.Name, report)
					}
				}, x.host.Window)
				d.SetConfirmText(tr("import.show", "Show what was imported"))
				d.SetDismissText(tr("dialog.close", "Close"))
				modal.Show(x.host.Window, d)
			}
		})
	})
}
