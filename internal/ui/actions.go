package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/ui/form"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The window's edits. Each writes through the store (one transaction,
// recorded for undo), then reloads the records.

func (m *MainWindow) suggestions() form.Suggestions {
	ctx := context.Background()
	var s form.Suggestions
	if m.st == nil {
		return s
	}
	s.Actors, _ = m.st.Actors(ctx)
	s.Tags, _ = m.st.Tags(ctx)
	s.Sources, _ = m.st.Sources(ctx)
	return s
}

// ready reports whether a database is open, explaining when it is not.
func (m *MainWindow) ready() bool {
	if m.st == nil || m.lib == nil {
		dialog.ShowInformation(tr("dialog.no_database_title", "No database"),
			tr("dialog.no_database", "Open or create a database first (File menu)."), m.win)
		return false
	}
	return true
}

func (m *MainWindow) newEvent(date when.Date) {
	if !m.ready() {
		return
	}
	form.ShowEvent(m.win, model.Event{Date: date, Category: model.CategoryOther}, m.suggestions(), func(e model.Event) error {
		saved, err := m.st.AddEvent(context.Background(), e)
		if err != nil {
			return err
		}
		m.afterChange(app.EventSelection(saved.ID))
		m.timeline.Nav().CenterOn(saved.Earliest())
		return nil
	})
}

func (m *MainWindow) editEvent(e model.Event) {
	form.ShowEvent(m.win, e, m.suggestions(), func(e model.Event) error {
		if _, err := m.st.UpdateEvent(context.Background(), e); err != nil {
			return err
		}
		m.afterChange(app.EventSelection(e.ID))
		return nil
	})
}

// deleteEvent asks first, naming the event and the predictions that cite it.
func (m *MainWindow) deleteEvent(e model.Event) {
	msg := trf("delete_event.confirm", "Delete the event “{{.Title}}”?", map[string]any{"Title": e.DisplayTitle(i18n.Lang())})
	if citing := m.lib.citing(e.ID); len(citing) > 0 {
		var names []string
		for _, p := range citing {
			names = append(names, "• "+display.Shorten(p.DisplayStatement(i18n.Lang()), 70))
		}
		msg += "\n\n" + trf("delete_event.citing", "{{.Count}} prediction(s) cite it as evidence and will lose that evidence:",
			map[string]any{"Count": len(citing)}) + "\n" + strings.Join(names, "\n")
	}
	msg += "\n\n" + tr("delete.undo_hint", "You can undo this with Edit › Undo.")
	dialog.ShowConfirm(tr("delete_event.title", "Delete event"), msg, func(ok bool) {
		if !ok {
			return
		}
		if err := m.st.DeleteEvent(context.Background(), e.ID); err != nil {
			m.showError(err)
			return
		}
		m.afterChange(app.Selection{})
	}, m.win)
}

func (m *MainWindow) newPrediction() {
	if !m.ready() {
		return
	}
	form.ShowPrediction(m.win, model.Prediction{Made: when.DayDate(when.Today())}, m.suggestions(), func(p model.Prediction) error {
		saved, err := m.st.AddPrediction(context.Background(), p)
		if err != nil {
			return err
		}
		m.afterChange(app.PredictionSelection(saved.ID))
		return nil
	})
}

func (m *MainWindow) editPrediction(p model.Prediction) {
	form.ShowPrediction(m.win, p, m.suggestions(), func(p model.Prediction) error {
		if _, err := m.st.UpdatePrediction(context.Background(), p); err != nil {
			return err
		}
		m.afterChange(app.PredictionSelection(p.ID))
		return nil
	})
}

func (m *MainWindow) resolvePrediction(p model.Prediction) { m.openResolve(p) }

func (m *MainWindow) openResolve(p model.Prediction) *form.ResolveForm {
	return form.OpenResolve(m.win, p, m.lib.events, func(r model.Resolution) error {
		if _, err := m.st.Resolve(context.Background(), p.ID, r); err != nil {
			return err
		}
		m.afterChange(app.PredictionSelection(p.ID))
		return nil
	})
}

// citeEvent picks the event shown in the detail panel as evidence: it
// asks which prediction it settles (open ones first) and opens that
// prediction's resolve form with the event checked and its date filled in.
func (m *MainWindow) citeEvent(e model.Event) {
	var preds []model.Prediction
	for _, open := range []bool{true, false} {
		for _, p := range m.lib.predictions {
			if (p.State() == model.StateOpen) == open {
				preds = append(preds, p)
			}
		}
	}
	if len(preds) == 0 {
		dialog.ShowInformation(tr("cite.title", "Use as evidence"), tr("cite.none", "There is no prediction to cite it for yet."), m.win)
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
				m.openResolve(preds[choice.SelectedIndex()]).Cite(e)
			}
		}, m.win)
	d.Resize(fyne.NewSize(680, 220))
	d.Show()
}

// unresolvePrediction reopens a prediction in one click; undo brings the
// resolution back.
func (m *MainWindow) unresolvePrediction(p model.Prediction) {
	if _, err := m.st.Unresolve(context.Background(), p.ID); err != nil {
		m.showError(err)
		return
	}
	m.afterChange(app.PredictionSelection(p.ID))
}

func (m *MainWindow) deletePrediction(p model.Prediction) {
	msg := trf("delete_prediction.confirm", "Delete the prediction “{{.Statement}}”?",
		map[string]any{"Statement": display.Shorten(p.DisplayStatement(i18n.Lang()), 100)}) +
		"\n\n" + tr("delete.undo_hint", "You can undo this with Edit › Undo.")
	dialog.ShowConfirm(tr("delete_prediction.title", "Delete prediction"), msg, func(ok bool) {
		if !ok {
			return
		}
		if err := m.st.DeletePrediction(context.Background(), p.ID); err != nil {
			m.showError(err)
			return
		}
		m.afterChange(app.Selection{})
	}, m.win)
}

// afterChange selects sel and reloads everything from the store.
func (m *MainWindow) afterChange(sel app.Selection) {
	m.timeline.Select(sel)
	m.reload(false)
}

func (m *MainWindow) undo() { m.replay(true) }
func (m *MainWindow) redo() { m.replay(false) }

// replay undoes or redoes off the UI goroutine: taking back an import of
// many records takes a while.
func (m *MainWindow) replay(undo bool) {
	st := m.st
	if st == nil {
		return
	}
	m.pending.Add(1)
	background(func() {
		defer m.pending.Done()
		var c store.Change
		var err error
		if undo {
			c, err = st.Undo(context.Background())
		} else {
			c, err = st.Redo(context.Background())
		}
		fyne.DoAndWait(func() {
			if m.st != st {
				return // the file was closed or another one opened meanwhile
			}
			m.afterReplay(c, err)
		})
	})
}

func (m *MainWindow) afterReplay(c store.Change, err error) {
	if errors.Is(err, store.ErrNothingToUndo) || errors.Is(err, store.ErrNothingToRedo) {
		return
	}
	if refused := (*store.ConflictError)(nil); errors.As(err, &refused) {
		m.showRefusal(refused)
		return
	}
	if err != nil {
		m.showError(err)
		return
	}
	var sel app.Selection
	switch c.Entity {
	case store.EntityEvent:
		sel = app.EventSelection(c.EntityID)
	case store.EntityPrediction:
		sel = app.PredictionSelection(c.EntityID)
	}
	m.afterChange(sel)
}

// updateUndoItems names what Undo and Redo would do in the Edit menu.
func (m *MainWindow) updateUndoItems(undo store.Change, hasUndo bool, redo store.Change, hasRedo bool) {
	m.undoItem.Label = tr("menu.undo", "Undo")
	m.undoItem.Disabled = !hasUndo
	if hasUndo {
		m.undoItem.Label += " " + changeText(undo)
	}
	m.redoItem.Label = tr("menu.redo", "Redo")
	m.redoItem.Disabled = !hasRedo
	if hasRedo {
		m.redoItem.Label += " " + changeText(redo)
	}
	if menu := m.win.MainMenu(); menu != nil {
		menu.Refresh()
	}
}

// chooseDatabase lets the person pick a database file to open, or a name
// for a new one.
func (m *MainWindow) chooseDatabase(create bool) {
	if create {
		m.askNewFilePath(tr("new_database.title", "New database"), "hindsight.db", m.openDatabase)
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := localPath(r.URI())
		r.Close()
		m.openDatabase(path)
	}, m.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".sqlite", ".sqlite3"}))
	d.Show()
}

// askNewFilePath asks for a folder and then a file name, and passes on the
// path only if nothing exists there yet. (Fyne's save dialog would create
// or truncate the file itself, which could wipe a database chosen by
// mistake.)
func (m *MainWindow) askNewFilePath(title, defaultName string, done func(path string)) {
	folder := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		name := widget.NewEntry()
		name.SetText(defaultName)
		form := dialog.NewForm(title, tr("dialog.ok", "OK"), tr("dialog.cancel", "Cancel"),
			[]*widget.FormItem{
				widget.NewFormItem(tr("field.folder", "Folder"), widget.NewLabel(localPath(dir))),
				widget.NewFormItem(tr("field.file_name", "File name"), name),
			}, func(ok bool) {
				if !ok {
					return
				}
				path := filepath.Join(localPath(dir), filepath.Base(strings.TrimSpace(name.Text)))
				if _, err := os.Stat(path); err == nil {
					m.showError(errors.New(trf("error.file_exists", "{{.Path}} already exists. Choose another name (to open it, use File › Open database…).",
						map[string]any{"Path": path})))
					return
				}
				done(path)
			}, m.win)
		form.Resize(fyne.NewSize(520, 220))
		form.Show()
	}, m.win)
	folder.Show()
}

// backup writes a consistent copy of the open database with SQLite's
// VACUUM INTO, safe while the app is writing.
func (m *MainWindow) backup() {
	if m.st == nil {
		return
	}
	base := strings.TrimSuffix(filepath.Base(m.st.Path()), filepath.Ext(m.st.Path()))
	m.askNewFilePath(tr("backup.title", "Back up database"), base+"-backup-"+when.Today().String()+".db", func(path string) {
		if err := m.st.Backup(context.Background(), path); err != nil {
			m.showError(err)
			return
		}
		dialog.ShowInformation(tr("backup.done_title", "Backup written"),
			trf("backup.done", "A copy of the database was written to {{.Path}}.", map[string]any{"Path": path}), m.win)
	})
}

// localPath is a file URI's path written as this system writes paths: Fyne
// keeps forward slashes, which Windows accepts but people do not expect.
func localPath(u fyne.URI) string { return filepath.FromSlash(u.Path()) }
