package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
)

// historyMenu is Undo and Redo: what the Edit menu says they would do, the
// replay itself, and what the window says when one is refused.
type historyMenu struct{ w *MainWindow }

func (x *historyMenu) undo() { x.replay(true) }

func (x *historyMenu) redo() { x.replay(false) }

// replay undoes or redoes off the UI goroutine: taking back an import of
// many records takes a while.
func (x *historyMenu) replay(undo bool) {
	m := x.w
	session := m.session
	if session == nil || !m.shared.canEdit() {
		return
	}
	m.pending.Add(1)
	background(func() {
		defer m.pending.Done()
		sel, err := session.Replay(context.Background(), undo)
		fyne.DoAndWait(func() {
			if m.session != session {
				return // the file was closed or another one opened meanwhile
			}
			x.afterReplay(sel, err)
		})
	})
}

func (x *historyMenu) afterReplay(sel app.Selection, err error) {
	m := x.w
	if app.IsNothingToReplay(err) {
		return
	}
	if refused := (*store.ConflictError)(nil); errors.As(err, &refused) {
		by, _ := app.ChangedBy(err)
		x.showRefusal(refused, by)
		return
	}
	if err != nil {
		m.showError(err)
		return
	}
	m.afterChange(sel)
}

// updateUndoItems names what Undo and Redo would do in the Edit menu.
func (x *historyMenu) update(undo, redo app.NextChange) {
	m := x.w
	readOnly := false
	if m.session != nil {
		readOnly, _ = m.session.ReadOnly()
	}
	m.undoItem.Label = tr("menu.undo", "Undo")
	m.undoItem.Disabled = !undo.OK || readOnly
	if undo.OK {
		m.undoItem.Label += " " + changeText(undo.Change)
	}
	m.redoItem.Label = tr("menu.redo", "Redo")
	m.redoItem.Disabled = !redo.OK || readOnly
	if redo.OK {
		m.redoItem.Label += " " + changeText(redo.Change)
	}
	if menu := m.win.MainMenu(); menu != nil {
		menu.Refresh()
	}
}

// showRefusal tells why an undo or redo was refused, and offers to skip
// the step; the menu item says it cannot be done until the records are
// read again. by names the other client of a shared database whose later
// change stands in the way, when it was one.
func (x *historyMenu) showRefusal(refused *store.ConflictError, by string) {
	m := x.w
	item := m.redoItem
	if refused.Undo {
		item = m.undoItem
	}
	item.Label = refusedLabel(refused)
	if menu := m.win.MainMenu(); menu != nil {
		menu.Refresh()
	}
	title := tr("menu.undo_refused", "Cannot undo")
	if !refused.Undo {
		title = tr("menu.redo_refused", "Cannot redo")
	}
	session := m.session
	text := refusalText(refused)
	if by != "" {
		text = trf("refusal.other_client", "Someone else ({{.By}}) changed it after you, on this shared database. Undo takes back your own changes only, never over someone else's later change.",
			map[string]any{"By": by}) + "\n\n" + text
	}
	d := dialog.NewConfirm(title, text, func(skip bool) {
		if !skip || m.session != session {
			return
		}
		if err := session.Skip(context.Background(), refused); err != nil {
			if errors.Is(err, store.ErrSkipMoved) {
				err = errors.New(tr("refusal.moved", "The history changed meanwhile (another window or command wrote to the database), so nothing was skipped."))
			}
			m.showError(err)
		}
		m.reload(false)
	}, m.win)
	d.SetConfirmText(tr("refusal.skip", "Skip this step"))
	d.SetDismissText(tr("refusal.keep", "Keep it"))
	modal.Show(m.win, d)
}
