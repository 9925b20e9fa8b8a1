package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/when"
)

// askDate asks over win for a date in any form the date parser reads and
// passes on its middle day (the timeline's G key).
func askDate(win fyne.Window, done func(when.Day)) {
	entry := modal.NewEntry()
	entry.SetPlaceHolder(tr("goto.placeholder", "2023-03-14, March 2023, 2023年3月…"))
	preview := widget.NewLabel("")
	preview.Wrapping = fyne.TextWrapWord
	// Go waits for a readable date; the form says under the field why
	// one is not, and the line below how a readable one reads.
	entry.Validator = func(s string) error {
		if _, err := when.Parse(s); err != nil {
			return errors.New(i18n.DateErrorText(err))
		}
		return nil
	}
	entry.OnChanged = func(s string) {
		if d, err := when.Parse(s); err == nil {
			preview.SetText(d.Format(i18n.Lang()))
		} else {
			preview.SetText("")
		}
	}
	d := dialog.NewForm(tr("goto.title", "Go to date"), tr("goto.go", "Go"), tr("dialog.cancel", "Cancel"),
		[]*widget.FormItem{widget.NewFormItem(tr("field.date", "Date"), entry), widget.NewFormItem("", preview)},
		func(ok bool) {
			if !ok {
				return
			}
			if date, err := when.Parse(entry.Text); err == nil {
				done(date.Earliest() + (date.Latest()-date.Earliest())/2)
			} else {
				modal.Show(win, dialog.NewError(errors.New(i18n.DateErrorText(err)), win))
			}
		}, win)
	d.Resize(fyne.NewSize(460, 220))
	modal.SubmitOnEnter(entry, d) // one field: Enter goes
	modal.Show(win, d)
	win.Canvas().Focus(entry)
}
