package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
)

// File › Connect to a shared database…: a database on a PostgreSQL
// server, by its address or by host, database and user, with a password
// used for this connection only. The servers connected to are remembered
// in the preferences, without their passwords, and offered again.

// prefRecentServers keeps the servers connected to, the latest first, as
// their addresses without passwords.
const prefRecentServers = "shared.recent"

// maxRecentServers is how many servers are remembered.
const maxRecentServers = 8

// rememberServer puts target, without its password, first among the
// recent servers.
func rememberServer(p fyne.Preferences, target string) {
	target = app.Redact(target)
	recent := slices.DeleteFunc(recentServers(p), func(s string) bool { return s == target })
	recent = append([]string{target}, recent...)
	if len(recent) > maxRecentServers {
		recent = recent[:maxRecentServers]
	}
	p.SetStringList(prefRecentServers, recent)
}

// recentServers lists the servers connected to, the latest first.
func recentServers(p fyne.Preferences) []string {
	return slices.Clone(p.StringList(prefRecentServers))
}

// connectDialog is the dialog of File › Connect to a shared database…;
// its fields are kept for tests to fill in.
type connectDialog struct {
	dialog                  *dialog.CustomDialog
	address, database, user *modal.Entry
	password                *modal.Entry
	recent                  *widget.Select
	message, detail         *widget.Label
	progress                *widget.ProgressBarInfinite
	connectButton           *widget.Button
	// closed is set once the dialog is closed: a connection that comes
	// after is closed again.
	closed bool
}

// connect opens the connect dialog, its address filled with address.
func (x *fileActions) connect(address string) *connectDialog {
	m := x.w
	c := &connectDialog{address: modal.NewEntry(), database: modal.NewEntry(), user: modal.NewEntry(),
		password: modal.NewEntry(), message: widget.NewLabel(""), detail: widget.NewLabel(""), progress: widget.NewProgressBarInfinite()}
	c.password.Password = true
	c.address.SetPlaceHolder(tr("connect.address_placeholder", "postgres://role@host:5432/database?sslmode=verify-full, or a host name"))
	c.address.SetText(address)
	c.database.SetPlaceHolder(tr("connect.database_placeholder", "only for a host name: the database"))
	c.user.SetPlaceHolder(tr("connect.user_placeholder", "only for a host name: your role"))
	c.password.SetPlaceHolder(tr("connect.password_placeholder", "optional: else PGPASSWORD or ~/.pgpass"))
	c.message.Wrapping = fyne.TextWrapWord
	c.message.Hide()
	c.detail.Wrapping = fyne.TextWrapWord
	c.detail.SizeName = theme.SizeNameCaptionText
	c.detail.Hide()
	c.progress.Hide()
	c.progress.Stop()

	hint := widget.NewLabel(tr("connect.hint", "Paste a postgres:// address, or type the server's host (host:port) with the database and your role.\nThe password is used for this connection only and never saved: leave it empty to take it from PGPASSWORD or ~/.pgpass.\nsslmode and the other settings of an address are kept."))
	hint.Wrapping = fyne.TextWrapWord
	hint.SizeName = theme.SizeNameCaptionText

	items := []*widget.FormItem{}
	if recent := recentServers(m.app.Preferences()); len(recent) > 0 {
		c.recent = widget.NewSelect(recent, func(s string) { c.address.SetText(s) })
		c.recent.PlaceHolder = tr("connect.recent_placeholder", "choose one to fill in the address")
		items = append(items, widget.NewFormItem(tr("connect.recent", "Recent"), c.recent))
	}
	items = append(items,
		widget.NewFormItem(tr("connect.address", "Server address"), c.address),
		widget.NewFormItem(tr("connect.database", "Database"), c.database),
		widget.NewFormItem(tr("connect.user", "User"), c.user),
		widget.NewFormItem(tr("connect.password", "Password"), c.password),
	)
	cancel := widget.NewButtonWithIcon(tr("dialog.cancel", "Cancel"), theme.CancelIcon(), func() {
		c.closed = true
		c.dialog.Hide()
	})
	c.connectButton = widget.NewButtonWithIcon(tr("connect.go", "Connect"), theme.LoginIcon(), func() { x.connectTo(c) })
	c.connectButton.Importance = widget.HighImportance
	c.password.OnSubmitted = func(string) { x.connectTo(c) }
	c.address.OnSubmitted = func(string) { x.connectTo(c) }
	content := container.NewVBox(widget.NewForm(items...), hint, c.progress, c.message, c.detail)
	c.dialog = dialog.NewCustomWithoutButtons(tr("connect.title", "Connect to a shared database"), content, m.win)
	c.dialog.SetButtons([]fyne.CanvasObject{cancel, c.connectButton})
	c.dialog.Resize(fyne.NewSize(640, 420))
	modal.ShowEscaping(m.win, c.dialog, func() {
		c.closed = true
		c.dialog.Hide()
	})
	m.win.Canvas().Focus(c.address)
	return c
}

// connectTo connects to the server the dialog names, off the UI
// goroutine. On success the dialog closes, the server is remembered
// without its password and the window shows its records; on failure the
// dialog stays open and says what went wrong.
func (x *fileActions) connectTo(c *connectDialog) {
	m := x.w
	if c.connectButton.Disabled() {
		return // connecting already
	}
	target, err := app.ServerTarget(c.address.Text, c.database.Text, c.user.Text, c.password.Text)
	if err != nil {
		c.say(tr("connect.no_address", "Enter the server's address: a postgres:// address, or its host name."), "", true)
		return
	}
	c.connectButton.Disable()
	c.progress.Show()
	c.progress.Start()
	c.say(trf("connect.connecting", "Connecting to {{.Server}}…", map[string]any{"Server": serverText(app.Redact(target))}), "", false)
	m.pending.Add(1)
	background(func() {
		defer m.pending.Done()
		s, err := app.OpenChecking(target)
		fyne.DoAndWait(func() {
			c.progress.Stop()
			c.progress.Hide()
			c.connectButton.Enable()
			if err != nil {
				c.say(connectErrorText(target, err), err.Error(), true)
				return
			}
			if c.closed {
				s.Close()
				return
			}
			c.dialog.Hide()
			c.closed = true
			m.useSession(s) // which remembers the server, without the password
		})
	})
}

// say shows text under the dialog's fields, in red for a problem, with
// detail (the server's own words) under it when there are any.
func (c *connectDialog) say(text, detail string, problem bool) {
	c.message.Importance = widget.MediumImportance
	if problem {
		c.message.Importance = widget.DangerImportance
	}
	c.message.SetText(text)
	c.message.Show()
	c.detail.SetText(detail)
	c.detail.Hidden = detail == ""
	c.detail.Refresh()
}

// connectErrorText says why target could not be opened: a wrong
// password, an unreachable host, a missing database or a role not let in,
// each in words a person can act on. Never the password.
func connectErrorText(target string, err error) string {
	database, user, host := app.ServerOf(app.Redact(target))
	data := map[string]any{"Database": database, "User": user, "Host": host}
	var lead string
	switch app.ConnectProblemOf(err) {
	case app.ProblemPassword:
		lead = trf("connect.error_password", "The server refused the password of {{.User}}. Check the password, or the one in PGPASSWORD or ~/.pgpass.", data)
	case app.ProblemUnreachable, app.ProblemLost:
		lead = trf("connect.error_unreachable", "No database server answered at {{.Host}}. Check the host and the port, and that PostgreSQL runs there.", data)
	case app.ProblemNoDatabase:
		lead = trf("connect.error_no_database", "The server at {{.Host}} has no database {{.Database}}. Check its name, or ask the server's administrator to create it.", data)
	case app.ProblemNotAllowed:
		lead = trf("connect.error_not_allowed", "The server at {{.Host}} does not let {{.User}} connect from here. Ask its administrator to allow it.", data)
	default:
		lead = tr("connect.error_other", "Could not connect to the shared database.")
	}
	return lead
}
