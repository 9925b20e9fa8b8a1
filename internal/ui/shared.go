package ui

import (
	"context"
	"errors"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
)

// A database on a server, shared with other people: the status bar says
// so and whether the connection is alive, a banner says when it is lost
// and when the next attempt comes, and a role that may only read opens
// the window read-only, every editing action disabled and saying why.

// sharedBar is what the window shows of a shared database: the part of
// the status bar that names the server and the connection's state, and
// the banner over the timeline while the connection is lost.
type sharedBar struct {
	state  *widget.Label
	banner *fyne.Container
	text   *widget.Label
	// editing are the window's controls that change records, disabled
	// while the database may only be read.
	editing []fyne.Disableable
	menus   []*fyne.MenuItem
}

func newSharedBar() *sharedBar {
	b := &sharedBar{state: widget.NewLabel(""), text: widget.NewLabel("")}
	b.state.Hide()
	b.text.Wrapping = fyne.TextWrapWord
	b.text.Importance = widget.WarningImportance
	b.text.TextStyle = fyne.TextStyle{Bold: true}
	background := canvas.NewRectangle(color.NRGBA{R: 0xff, G: 0xc1, B: 0x07, A: 0x40})
	b.banner = container.NewStack(background,
		container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, b.text))
	b.banner.Hide()
	return b
}

// showSession says, in the status bar, which server the window is on and
// whether it may write; a file shows nothing here.
func (m *MainWindow) showSession(s *app.Session) {
	b := m.shared
	b.banner.Hide()
	readOnly, _ := s.ReadOnly()
	for _, w := range b.editing {
		enable(w, !readOnly)
	}
	for _, item := range b.menus {
		item.Disabled = readOnly
	}
	if menu := m.win.MainMenu(); menu != nil {
		menu.Refresh()
	}
	m.detail.ReadOnly = ""
	if readOnly {
		m.detail.ReadOnly = readOnlyText(s)
	}
	if !s.Shared() {
		b.state.Hide()
		return
	}
	m.showConnection(s, s.Watcher().Connection(), time.Time{})
}

// showConnection shows the connection's state in the status bar, and the
// banner while it is lost, with the time of the next attempt.
func (m *MainWindow) showConnection(s *app.Session, c app.ConnectionState, next time.Time) {
	b := m.shared
	server := serverText(s.Path())
	var text string
	if c.Alive {
		text = trf("shared.status_alive", "Shared: {{.Server}} · connected", map[string]any{"Server": server})
		b.state.Importance = widget.SuccessImportance
		b.banner.Hide()
	} else {
		text = trf("shared.status_lost", "Shared: {{.Server}} · connection lost", map[string]any{"Server": server})
		b.state.Importance = widget.DangerImportance
		b.text.SetText(lostText(next))
		b.banner.Show()
	}
	if readOnly, _ := s.ReadOnly(); readOnly {
		text += " · " + tr("shared.status_read_only", "read-only")
	}
	b.state.SetText(text)
	b.state.Show()
}

// lostText is the banner's text: the connection is lost, and when it is
// tried again.
func lostText(next time.Time) string {
	if next.IsZero() {
		return tr("shared.banner_lost", "Connection lost – trying again…")
	}
	return trf("shared.banner_lost_next", "Connection lost – trying again at {{.Time}}… Forms stay open: save when it is back.",
		map[string]any{"Time": next.Format("15:04:05")})
}

// serverText names a server's database for the status bar: the database
// on its host, as the role, never the password.
func serverText(target string) string {
	database, user, host := app.ServerOf(target)
	return trf("shared.server", "{{.Database}} on {{.Host}} as {{.User}}", map[string]any{"Database": database, "Host": host, "User": user})
}

// readOnlyText says why the window may not change records.
func readOnlyText(s *app.Session) string {
	database, user, _ := app.ServerOf(s.Path())
	return trf("shared.read_only", "Read-only: the role {{.User}} may only read the database {{.Database}}. Ask the server's administrator for an editor's grants to add or change records.",
		map[string]any{"User": user, "Database": database})
}

// followConnection watches the connection to a shared database until ctx
// is done, showing its state as it changes; handOver runs the change on
// the UI goroutine.
func (m *MainWindow) followConnection(ctx context.Context, s *app.Session, handOver func(func())) {
	s.Watcher().FollowConnection(ctx, func(c app.ConnectionState, next time.Time) {
		handOver(func() {
			if m.session == s {
				m.showConnection(s, c, next)
			}
		})
	})

}

// canEdit reports whether the open database may be changed, and when it
// may only be read, says why.
func (m *MainWindow) canEdit() bool {
	if m.session == nil {
		return true // ready() explains that nothing is open
	}
	if readOnly, _ := m.session.ReadOnly(); readOnly {
		modal.Info(m.win, tr("shared.read_only_title", "Read-only"), readOnlyText(m.session))
		return false
	}
	return true
}

// explained turns a failed write's error into what a person can act on
// when the database is shared: a lost connection, a role that may only
// read. Other errors (a form's field problems above all) pass unchanged.
func (m *MainWindow) explained(err error) error {
	if err == nil || m.session == nil || !m.session.Shared() {
		return err
	}
	switch problem := app.ConnectProblemOf(err); {
	case problem == app.ProblemLost || problem == app.ProblemUnreachable || !m.session.Watcher().Connection().Alive:
		return errors.New(tr("shared.error_lost",
			"The connection to the shared database is lost, so nothing was saved. What you typed stays here: save again once it is back."))
	case errors.Is(err, store.ErrReadOnly):
		return errors.New(readOnlyText(m.session))
	case errors.Is(err, store.ErrNotFound):
		return errors.New(tr("shared.error_deleted", "Someone else deleted this record meanwhile, so nothing was saved."))
	}
	return err
}
