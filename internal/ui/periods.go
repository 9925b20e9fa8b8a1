package ui

import (
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
	if !m.ready() || !m.shared.canEdit() {
		return
	}
	// A new period starts where the view is, so that it shows at once.
	start := when.DayDate(m.timeline.Nav().Center())
	form.ShowPeriod(m.win, model.Period{Start: start}, x.known(), savedThen(m, (*app.Session).SavePeriod, periodSelection))
}

func (x *recordActions) editPeriod(p model.Period) {
	if !x.w.shared.canEdit() {
		return
	}
	form.ShowPeriod(x.w.win, p, x.known(), savedThen(x.w, (*app.Session).SavePeriod, periodSelection))
}

// deletePeriod asks first, naming the period.
func (x *recordActions) deletePeriod(p model.Period) {
	if !x.w.shared.canEdit() {
		return
	}
	msg := trf("delete_period.confirm", "Delete the period “{{.Title}}”?", map[string]any{"Title": p.Title})
	x.confirmDelete(tr("delete_period.title", "Delete period"), msg, (*app.Session).DeletePeriod, p.ID)
}
