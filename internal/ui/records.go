package ui

import (
	"context"
	"errors"
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
	if !m.ready() || !m.shared.canEdit() {
		return
	}
	form.ShowEvent(m.win, model.Event{Date: date, Category: model.CategoryOther}, x.known(),
		versionedSave(m, 0, app.Versions.SaveEventAt, app.Versions.EventAt, eventSelection, func(saved model.Event) {
			m.timeline.Nav().CenterOn(saved.Earliest())
		}))
}

// editEvent opens the event's form with the event as stored now, and
// remembers its version: a save over someone else's later save asks first.
func (x *recordActions) editEvent(e model.Event) {
	editStored(x, e.ID, app.Versions.EventAt, app.Versions.SaveEventAt, eventSelection, form.ShowEvent)
}

// editStored opens record id's form, shown by show, with the record as
// read now, and remembers its version: a save over someone else's later
// save asks first.
func editStored[R interface{ model.Event | model.Prediction }](x *recordActions, id int64,
	read func(app.Versions, context.Context, int64) (R, int64, error),
	save func(app.Versions, context.Context, R, int64) (R, int64, error),
	selection func(R) app.Selection,
	show func(fyne.Window, R, form.Suggestions, func(R) error)) {
	m := x.w
	if !m.shared.canEdit() {
		return
	}
	if current, version, ok := readStored(m, read, id); ok {
		show(m.win, current, x.known(), versionedSave(m, version, save, read, selection))
	}
}

// readStored reads record id as stored now, with its version; a failed
// read is shown, and ok is false.
func readStored[R any](m *MainWindow, read func(app.Versions, context.Context, int64) (R, int64, error), id int64) (r R, version int64, ok bool) {
	r, version, err := read(m.session.Versions(), context.Background(), id)
	if err != nil {
		m.showError(err)
		return r, 0, false
	}
	return r, version, true
}

// versionedSave is a form's save of a record read at version (0 for a
// new one, or a file's): it saves through save, selects what was saved
// and hands it to then, if given. When someone else saved the record
// since, it reads their version through read and returns it in a
// *form.ChangedError, and the next save goes over that version: the form
// asks the person first.
func versionedSave[R interface{ model.Event | model.Prediction }](m *MainWindow, version int64,
	save func(app.Versions, context.Context, R, int64) (R, int64, error),
	read func(app.Versions, context.Context, int64) (R, int64, error),
	selection func(R) app.Selection, then ...func(R)) func(R) error {
	return func(r R) error {
		ctx := context.Background()
		saved, now, err := save(m.session.Versions(), ctx, r, version)
		if errors.Is(err, app.ErrChanged) {
			theirs, theirVersion, readErr := read(m.session.Versions(), ctx, idOf(r))
			if readErr != nil {
				return m.shared.explained(readErr)
			}
			version = theirVersion
			return &form.ChangedError[R]{Theirs: theirs}
		}
		if err != nil {
			return m.shared.explained(err)
		}
		version = now
		m.afterChange(selection(saved))
		for _, f := range then {
			f(saved)
		}
		return nil
	}
}

// idOf is the id of an event or a prediction.
func idOf[R interface{ model.Event | model.Prediction }](r R) int64 {
	switch v := any(r).(type) {
	case model.Event:
		return v.ID
	case model.Prediction:
		return v.ID
	}
	return 0
}

// savedThen is a form's save: it saves the record through the session's
// save, selects what was saved and hands it to then, if given.
func savedThen[R any](m *MainWindow, save func(*app.Session, context.Context, R) (R, error),
	selection func(R) app.Selection, then ...func(R)) func(R) error {
	return func(r R) error {
		saved, err := save(m.session, context.Background(), r)
		if err != nil {
			return m.shared.explained(err)
		}
		m.afterChange(selection(saved))
		for _, f := range then {
			f(saved)
		}
		return nil
	}
}

func eventSelection(e model.Event) app.Selection { return app.EventSelection(e.ID) }

func periodSelection(p model.Period) app.Selection { return app.PeriodSelection(p.ID) }

func predictionSelection(p model.Prediction) app.Selection { return app.PredictionSelection(p.ID) }

// confirmDelete asks question, with the hint that undo brings the record
// back, under title; on yes it deletes record id through the session's del
// and clears the selection.
func (x *recordActions) confirmDelete(title, question string, del func(*app.Session, context.Context, int64) error, id int64) {
	x.confirmDeleteAt(title, question, func(_ app.Versions, ctx context.Context, id, _ int64) error { return del(x.w.session, ctx, id) }, id, 0, app.Selection{})
}

// confirmDeleteAt is confirmDelete for a record read at version: when
// someone else changed it since, it asks again, offering to show their
// version (sel selects it) or to delete it anyway.
func (x *recordActions) confirmDeleteAt(title, question string, del func(app.Versions, context.Context, int64, int64) error,
	id, version int64, sel app.Selection) {
	m := x.w
	msg := question + "\n\n" + tr("delete.undo_hint", "You can undo this with Edit › Undo.")
	modal.Show(m.win, dialog.NewConfirm(title, msg, func(ok bool) {
		if ok {
			x.deleteAt(title, del, id, version, sel)
		}
	}, m.win))
}

// deleteAt deletes record id, read at version, and clears the selection;
// when someone else changed it since, it asks what to do.
func (x *recordActions) deleteAt(title string, del func(app.Versions, context.Context, int64, int64) error, id, version int64, sel app.Selection) {
	m := x.w
	err := del(m.session.Versions(), context.Background(), id, version)
	if errors.Is(err, app.ErrChanged) {
		question := dialog.NewConfirm(title, tr("delete.changed", "Someone else changed this record after you asked to delete it. Look at their version first, or delete it anyway?"),
			func(anyway bool) {
				if anyway {
					x.deleteAt(title, del, id, 0, sel)
					return
				}
				m.afterChange(sel)
			}, m.win)
		question.SetConfirmText(tr("delete.anyway", "Delete anyway"))
		question.SetDismissText(tr("form.changed.show_theirs", "Show their version"))
		modal.Show(m.win, question)
		return
	}
	if err != nil {
		m.showError(err)
		return
	}
	m.afterChange(app.Selection{})
}

// deleteEvent asks first, naming the event and the predictions that cite it.
func (x *recordActions) deleteEvent(e model.Event) {
	m := x.w
	if !m.shared.canEdit() {
		return
	}
	msg := trf("delete_event.confirm", "Delete the event “{{.Title}}”?", map[string]any{"Title": e.DisplayTitle(i18n.Lang())})
	if citing := m.lib.Citing(e.ID); len(citing) > 0 {
		var names []string
		for _, p := range citing {
			names = append(names, "• "+display.Shorten(p.DisplayStatement(i18n.Lang()), 70))
		}
		msg += "\n\n" + trn("delete_event.citing", "1 prediction cites it as evidence and will lose that evidence:",
			"{{.Count}} predictions cite it as evidence and will lose that evidence:", len(citing), nil) + "\n" + strings.Join(names, "\n")
	}
	_, version, ok := readStored(m, app.Versions.EventAt, e.ID)
	if !ok {
		return
	}
	x.confirmDeleteAt(tr("delete_event.title", "Delete event"), msg, app.Versions.DeleteEventAt, e.ID, version, app.EventSelection(e.ID))
}

func (x *recordActions) newPrediction() {
	m := x.w
	if !m.ready() || !m.shared.canEdit() {
		return
	}
	form.ShowPrediction(m.win, model.Prediction{Made: when.DayDate(when.Today())}, x.known(),
		versionedSave(m, 0, app.Versions.SavePredictionAt, app.Versions.PredictionAt, predictionSelection))
}

// editPrediction opens the prediction's form with the prediction as
// stored now, and remembers its version: a save over someone else's later
// save asks first.
func (x *recordActions) editPrediction(p model.Prediction) {
	editStored(x, p.ID, app.Versions.PredictionAt, app.Versions.SavePredictionAt, predictionSelection, form.ShowPrediction)
}

func (x *recordActions) resolve(p model.Prediction) {
	if x.w.shared.canEdit() {
		x.openResolve(p)
	}
}

func (x *recordActions) openResolve(p model.Prediction) *form.ResolveForm {
	m := x.w
	return form.OpenResolve(m.win, p, eventFinder{m.session}, func(r model.Resolution) error {
		return x.changePrediction(p.ID, func(s *app.Session, ctx context.Context, id int64) error {
			return s.Resolve(ctx, id, r)
		})
	})
}

// changePrediction runs a change to prediction id through the session and
// selects the prediction.
func (x *recordActions) changePrediction(id int64, change func(*app.Session, context.Context, int64) error) error {
	m := x.w
	if err := change(m.session, context.Background(), id); err != nil {
		return err
	}
	m.afterChange(app.PredictionSelection(id))
	return nil
}

// citeEvent picks the event shown in the detail panel as evidence: it
// asks which prediction it settles (open ones first) and opens that
// prediction's resolve form with the event checked and its date filled in.
func (x *recordActions) citeEvent(e model.Event) {
	m := x.w
	if !m.shared.canEdit() {
		return
	}
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
	if !x.w.shared.canEdit() {
		return
	}
	if err := x.changePrediction(p.ID, (*app.Session).Unresolve); err != nil {
		x.w.showError(err)
	}
}

// markReviewed records that an open claim was looked at today; undo takes
// it back.
func (x *recordActions) markReviewed(p model.Prediction) {
	if !x.w.shared.canEdit() {
		return
	}
	if err := x.changePrediction(p.ID, (*app.Session).MarkReviewed); err != nil {
		x.w.showError(err)
	}
}

func (x *recordActions) deletePrediction(p model.Prediction) {
	m := x.w
	if !m.shared.canEdit() {
		return
	}
	_, version, ok := readStored(m, app.Versions.PredictionAt, p.ID)
	if !ok {
		return
	}
	msg := trf("delete_prediction.confirm", "Delete the prediction “{{.Statement}}”?",
		map[string]any{"Statement": display.Shorten(p.DisplayStatement(i18n.Lang()), 100)})
	x.confirmDeleteAt(tr("delete_prediction.title", "Delete prediction"), msg, app.Versions.DeletePredictionAt, p.ID, version,
		app.PredictionSelection(p.ID))
}
