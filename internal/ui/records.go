package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/form"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/when"
)

// recordActions are the window's edits of events and predictions: each
// opens a form or asks first, then saves through the session and shows the
// result.
type recordActions struct{ w *MainWindow }

// The window's edits. Each writes through the store (one transaction,
// recorded for undo), then reloads the records.

func (x *recordActions) known() form.Suggestions {
	m := x.w
	if m.session == nil {
		return form.Suggestions{}
	}
	known, err := m.session.Known(context.Background())
	if err != nil {
		// The form still works; it only offers no completions.
		m.showError(fmt.Errorf("reading actors, tags and sources to suggest: %w", err))
	}
	var claims []model.Prediction
	if m.lib != nil {
		claims = m.lib.Predictions
	}
	return form.Suggestions{Actors: known.Actors, Tags: known.Tags, Sources: known.Sources, Claims: claims}
}

func (x *recordActions) newEvent(date when.Date) {
	m := x.w
	if !m.ready() {
		return
	}
	form.ShowEvent(m.win, model.Event{Date: date, Category: model.CategoryOther}, x.known(), func(e model.Event) error {
		saved, err := m.session.SaveEvent(context.Background(), e)
		if err != nil {
			return err
		}
		m.afterChange(app.EventSelection(saved.ID))
		m.timeline.Nav().CenterOn(saved.Earliest())
		return nil
	})
}

func (x *recordActions) editEvent(e model.Event) {
	m := x.w
	form.ShowEvent(m.win, e, x.known(), func(e model.Event) error {
		if _, err := m.session.SaveEvent(context.Background(), e); err != nil {
			return err
		}
		m.afterChange(app.EventSelection(e.ID))
		return nil
	})
}

// deleteEvent asks first, naming the event and the predictions that cite it.
func (x *recordActions) deleteEvent(e model.Event) {
	m := x.w
	msg := trf("delete_event.confirm", "Delete the event “{{.Title}}”?", map[string]any{"Title": e.DisplayTitle(i18n.Lang())})
	if citing := m.lib.Citing(e.ID); len(citing) > 0 {
		var names []string
		for _, p := range citing {
			names = append(names, "• "+display.Shorten(p.DisplayStatement(i18n.Lang()), 70))
		}
		msg += "\n\n" + trn("delete_event.citing", "1 prediction cites it as evidence and will lose that evidence:",
			"{{.Count}} predictions cite it as evidence and will lose that evidence:", len(citing), nil) + "\n" + strings.Join(names, "\n")
	}
	msg += "\n\n" + tr("delete.undo_hint", "You can undo this with Edit › Undo.")
	modal.Show(m.win, dialog.NewConfirm(tr("delete_event.title", "Delete event"), msg, func(ok bool) {
		if !ok {
			return
		}
		if err := m.session.DeleteEvent(context.Background(), e.ID); err != nil {
			m.showError(err)
			return
		}
		m.afterChange(app.Selection{})
	}, m.win))
}

func (x *recordActions) newPrediction() {
	m := x.w
	if !m.ready() {
		return
	}
	form.ShowPrediction(m.win, model.Prediction{Made: when.DayDate(when.Today())}, x.known(), func(p model.Prediction) error {
		saved, err := m.session.SavePrediction(context.Background(), p)
		if err != nil {
			return err
		}
		m.afterChange(app.PredictionSelection(saved.ID))
		return nil
	})
}

func (x *recordActions) editPrediction(p model.Prediction) {
	m := x.w
	form.ShowPrediction(m.win, p, x.known(), func(p model.Prediction) error {
		if _, err := m.session.SavePrediction(context.Background(), p); err != nil {
			return err
		}
		m.afterChange(app.PredictionSelection(p.ID))
		return nil
	})
}

func (x *recordActions) resolve(p model.Prediction) { x.openResolve(p) }

func (x *recordActions) openResolve(p model.Prediction) *form.ResolveForm {
	m := x.w
	return form.OpenResolve(m.win, p, eventFinder{m.session}, func(r model.Resolution) error {
		if err := m.session.Resolve(context.Background(), p.ID, r); err != nil {
			return err
		}
		m.afterChange(app.PredictionSelection(p.ID))
		return nil
	})
}

// citeEvent picks the event shown in the detail panel as evidence: it
// asks which prediction it settles (open ones first) and opens that
// prediction's resolve form with the event checked and its date filled in.
func (x *recordActions) citeEvent(e model.Event) {
	m := x.w
	var preds []model.Prediction
	for _, open := range []bool{true, false} {
		for _, p := range m.lib.Predictions {
			if (p.State() == model.StateOpen) == open {
				preds = append(preds, p)
			}
		}
	}
	if len(preds) == 0 {
		modal.Info(m.win, tr("cite.title", "Use as evidence"), tr("cite.none", "There is no prediction to cite it for yet."))
		return
	}
	names := make([]string, len(preds))
	for i, p := range preds {
		names[i] = i18n.StateName(p.State()) + " · " + display.Shorten(p.DisplayStatement(i18n.Lang()), 70)
	}
	choice := widget.NewSelect(names, nil)
	choice.SetSelectedIndex(0)
	event := widget.NewLabel(display.Shorten(e.DisplayTitle(i18n.Lang()), 70) + " (" + e.Date.Format(i18n.Lang()) + ")")
	d := dialog.NewForm(tr("cite.title", "Use as evidence"), tr("cite.go", "Resolve…"), tr("dialog.cancel", "Cancel"),
		[]*widget.FormItem{
			widget.NewFormItem(tr("cite.event", "Event"), event),
			widget.NewFormItem(tr("cite.prediction", "Settles the prediction"), choice),
		}, func(ok bool) {
			if ok && choice.SelectedIndex() >= 0 {
				x.openResolve(preds[choice.SelectedIndex()]).Cite(e)
			}
		}, m.win)
	d.Resize(fyne.NewSize(680, 220))
	modal.Show(m.win, d)
}

// unresolvePrediction reopens a prediction in one click; undo brings the
// resolution back.
func (x *recordActions) unresolve(p model.Prediction) {
	m := x.w
	if err := m.session.Unresolve(context.Background(), p.ID); err != nil {
		m.showError(err)
		return
	}
	m.afterChange(app.PredictionSelection(p.ID))
}

// markReviewed records that an open claim was looked at today; undo takes
// it back.
func (x *recordActions) markReviewed(p model.Prediction) {
	m := x.w
	if err := m.session.MarkReviewed(context.Background(), p.ID); err != nil {
		m.showError(err)
		return
	}
	m.afterChange(app.PredictionSelection(p.ID))
}

func (x *recordActions) deletePrediction(p model.Prediction) {
	m := x.w
	msg := trf("delete_prediction.confirm", "Delete the prediction “{{.Statement}}”?",
		map[string]any{"Statement": display.Shorten(p.DisplayStatement(i18n.Lang()), 100)}) +
		"\n\n" + tr("delete.undo_hint", "You can undo this with Edit › Undo.")
	modal.Show(m.win, dialog.NewConfirm(tr("delete_prediction.title", "Delete prediction"), msg, func(ok bool) {
		if !ok {
			return
		}
		if err := m.session.DeletePrediction(context.Background(), p.ID); err != nil {
			m.showError(err)
			return
		}
		m.afterChange(app.Selection{})
	}, m.win))
}
