package shareddb

import (
	"encoding/json"
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

// Remember puts target, without its password, first among the recent
// servers.
func Remember(p fyne.Preferences, target string) {
	target = app.Redact(target)
	recent := slices.DeleteFunc(Recent(p), func(s string) bool { return s == target })
	recent = append([]string{target}, recent...)
	if len(recent) > maxRecentServers {
		recent = recent[:maxRecentServers]
	}
	p.SetStringList(prefRecentServers, recent)
}

// prefClients keeps, per server address (without its password), the name
// this installation's changes are recorded under there, as JSON.
const prefClients = "shared.clients"

// ClientFor is the name this installation's changes on the server target
// are recorded under, the same from one start to the next, so that undo
// takes back the changes made before a restart too. The first connection
// to a server names a new client and keeps it in p.
func ClientFor(p fyne.Preferences, target string) string {
	key := app.Redact(target)
	clients := map[string]string{}
	if saved := p.String(prefClients); saved != "" {
		if err := json.Unmarshal([]byte(saved), &clients); err != nil {
			fyne.LogError("reading the saved client names of shared databases", err)
			clients = map[string]string{}
		}
	}
	if c := clients[key]; c != "" {
		return c
	}
	c := app.NewClientName(target)
	clients[key] = c
	if b, err := json.Marshal(clients); err == nil {
		p.SetString(prefClients, string(b))
	}
	return c
}

// Recent lists the servers connected to, the latest first.
func Recent(p fyne.Preferences) []string {
	return slices.Clone(p.StringList(prefRecentServers))
}

// Dialog is the dialog of File › Connect to a shared database….
type Dialog struct {
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

	prefs fyne.Preferences
	run   func(work func())
	use   func(*app.Session)
}

// ShowConnect opens the connect dialog over win, its address filled with
// address and the servers remembered in prefs offered. A connection is
// made in work handed to run, off the UI goroutine; use gets the session
// on the UI goroutine once it is open, and the dialog closes.
func ShowConnect(win fyne.Window, prefs fyne.Preferences, address string, run func(work func()), use func(*app.Session)) *Dialog {
	c := &Dialog{address: modal.NewEntry(), database: modal.NewEntry(), user: modal.NewEntry(),
		password: modal.NewEntry(), message: widget.NewLabel(""), detail: widget.NewLabel(""), progress: widget.NewProgressBarInfinite(),
		prefs: prefs, run: run, use: use}
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
	if recent := Recent(prefs); len(recent) > 0 {
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
	cancel := widget.NewButtonWithIcon(tr("dialog.cancel", "Cancel"), theme.CancelIcon(), c.Close)
	c.connectButton = widget.NewButtonWithIcon(tr("connect.go", "Connect"), theme.LoginIcon(), c.Connect)
	c.connectButton.Importance = widget.HighImportance
	c.password.OnSubmitted = func(string) { c.Connect() }
	c.address.OnSubmitted = func(string) { c.Connect() }
	content := container.NewVBox(widget.NewForm(items...), hint, c.progress, c.message, c.detail)
	c.dialog = dialog.NewCustomWithoutButtons(tr("connect.title", "Connect to a shared database"), content, win)
	c.dialog.SetButtons([]fyne.CanvasObject{cancel, c.connectButton})
	c.dialog.Resize(fyne.NewSize(640, 420))
	modal.ShowEscaping(win, c.dialog, c.Close)
	win.Canvas().Focus(c.address)
	return c
}

// Fill types an address and a password into the dialog, as a person
// would.
func (c *Dialog) Fill(address, password string) {
	c.address.SetText(address)
	c.password.SetText(password)
}

// Connect connects to the server the dialog names, off the UI goroutine,
// as its Connect button does. On success the dialog closes and the
// session goes to use; on failure the dialog stays open and says what
// went wrong.
func (c *Dialog) Connect() {
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
	c.say(trf("connect.connecting", "Connecting to {{.Server}}…", map[string]any{"Server": ServerText(app.Redact(target))}), "", false)
	client := ClientFor(c.prefs, target)
	c.run(func() {
		s, err := app.OpenCheckingAs(target, client)
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
			c.use(s)
		})
	})
}

// Close closes the dialog; a connection still being made is closed again
// when it comes.
func (c *Dialog) Close() {
	c.closed = true
	c.dialog.Hide()
}

// Message is what the dialog says under its fields, with the server's own
// words under it, when it shows anything.
func (c *Dialog) Message() (text, detail string, shown bool) {
	return c.message.Text, c.detail.Text, c.message.Visible()
}

// say shows text under the dialog's fields, in red for a problem, with
// detail (the server's own words) under it when there are any.
func (c *Dialog) say(text, detail string, problem bool) {
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
