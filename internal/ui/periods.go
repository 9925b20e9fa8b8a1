package ui

import (
	"context"

	"fyne.io/fyne/v2/dialog"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/form"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Periods in the window: added from the Edit menu, shown in the detail
// panel when one is selected (a tap on its label on the timeline), and
// edited or deleted from there; each change one undoable step.

func (x *recordActions) newPeriod() {
	m := x.w
	if !m.ready() {
		return
	}
	// A new period starts where the view is, so that it shows at once.
	start := when.DayDate(m.timeline.Nav().Center())
	form.ShowPeriod(m.win, model.Period{Start: start}, x.known(), func(p model.Period) error {
		saved, err := m.session.SavePeriod(context.Background(), p)
		if err != nil {
			return err
		}
		m.afterChange(app.PeriodSelection(saved.ID))
		return nil
	})
}

func (x *recordActions) editPeriod(p model.Period) {
	m := x.w
	form.ShowPeriod(m.win, p, x.known(), func(p model.Period) error {
		if _, err := m.session.SavePeriod(context.Background(), p); err != nil {
			return err
		}
		m.afterChange(app.PeriodSelection(p.ID))
		return nil
	})
}

// deletePeriod asks first, naming the period.
func (x *recordActions) deletePeriod(p model.Period) {
	m := x.w
	msg := trf("delete_period.confirm", "Delete the period “{{.Title}}”?", map[string]any{"Title": p.Title}) +
		"\n\n" + tr("delete.undo_hint", "You can undo this with Edit › Undo.")
	dialog.ShowConfirm(tr("delete_period.title", "Delete period"), msg, func(ok bool) {
		if !ok {
			return
		}
		if err := m.session.DeletePeriod(context.Background(), p.ID); err != nil {
			m.showError(err)
			return
		}
		m.afterChange(app.Selection{})
	}, m.win)
}
