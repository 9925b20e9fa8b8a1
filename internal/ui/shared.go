package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/ui/shareddb"
)

// A database on a server, shared with other people: the status bar says
// so and whether the connection is alive, a banner says when it is lost
// and when the next attempt comes (both shareddb.Bar), and a role that
// may only read opens the window read-only, every editing action disabled
// and saying why.

// sharedDatabase is what the window does about a shared database: it
// shows the bar, follows the connection, keeps a read-only role from
// editing and words the failed writes.
type sharedDatabase struct {
	w   *MainWindow
	bar *shareddb.Bar
	// editing are the window's controls that change records, disabled
	// while the database may only be read.
	editing []fyne.Disableable
	menus   []*fyne.MenuItem
}

// connect opens the connect dialog, its address filled with address; the
// database connected to replaces the one shown.
func (x *sharedDatabase) connect(address string) *shareddb.Dialog {
	m := x.w
	run := func(work func()) { // counted, so that tests can wait for it
		m.pending.Add(1)
		background(func() {
			defer m.pending.Done()
			work()
		})
	}
	return shareddb.ShowConnect(m.win, m.app.Preferences(), address, run, m.useSession)
}

// show says, in the status bar, which server the window is on and
// whether it may write; a file shows nothing there.
func (x *sharedDatabase) show(s *app.Session) {
	m := x.w
	readOnly, _ := s.ReadOnly()
	for _, w := range x.editing {
		enable(w, !readOnly)
	}
	for _, item := range x.menus {
		item.Disabled = readOnly
	}
	if menu := m.win.MainMenu(); menu != nil {
		menu.Refresh()
	}
	m.detail.ReadOnly = ""
	if readOnly {
		m.detail.ReadOnly = shareddb.ReadOnlyText(s)
	}
	x.bar.ShowSession(s)
}

// follow watches the connection to a shared database until ctx is done,
// showing its state as it changes; handOver runs the change on the UI
// goroutine.
func (x *sharedDatabase) follow(ctx context.Context, s *app.Session, handOver func(func())) {
	s.Watcher().FollowConnection(ctx, func(c app.ConnectionState, next time.Time) {
		handOver(func() {
			if x.w.session == s {
				x.bar.ShowConnection(s, c, next)
			}
		})
	})
}

// canEdit reports whether the open database may be changed, and when it
// may only be read, says why.
func (x *sharedDatabase) canEdit() bool {
	m := x.w
	if m.session == nil {
		return true // ready() explains that nothing is open
	}
	if readOnly, _ := m.session.ReadOnly(); readOnly {
		modal.Info(m.win, tr("shared.read_only_title", "Read-only"), shareddb.ReadOnlyText(m.session))
		return false
	}
	return true
}

// explained turns a failed write's error into what a person can act on
// when the database is shared: a lost connection, a role that may only
// read. Other errors (a form's field problems above all) pass unchanged.
func (x *sharedDatabase) explained(err error) error {
	s := x.w.session
	if err == nil || s == nil || !s.Shared() {
		return err
	}
	switch problem := app.ConnectProblemOf(err); {
	case problem == app.ProblemLost || problem == app.ProblemUnreachable || !s.Watcher().Connection().Alive:
		return errors.New(tr("shared.error_lost",
			"The connection to the shared database is lost, so nothing was saved. What you typed stays here: save again once it is back."))
	case errors.Is(err, store.ErrReadOnly):
		return errors.New(shareddb.ReadOnlyText(s))
	case errors.Is(err, store.ErrNotFound):
		return errors.New(tr("shared.error_deleted", "Someone else deleted this record meanwhile, so nothing was saved."))
	}
	return err
}
