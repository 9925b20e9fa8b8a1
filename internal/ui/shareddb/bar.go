package shareddb

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
)

// Bar is what the window shows of a shared database: the part of the
// status bar that names the server and the connection's state, and the
// banner over the timeline while the connection is lost.
type Bar struct {
	state  *widget.Label
	banner *fyne.Container
	text   *widget.Label
}

// NewBar returns a bar that shows nothing until a shared database does.
func NewBar() *Bar {
	b := &Bar{state: widget.NewLabel(""), text: widget.NewLabel("")}
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

// Status is the status bar's part: the server and the connection's state.
func (b *Bar) Status() *widget.Label { return b.state }

// Banner is shown over the timeline while the connection is lost.
func (b *Bar) Banner() fyne.CanvasObject { return b.banner }

// BannerText is what the banner says.
func (b *Bar) BannerText() string { return b.text.Text }

// ShowSession shows the database s has open: for a file nothing, for a
// shared database the server and the connection's state.
func (b *Bar) ShowSession(s *app.Session) {
	b.banner.Hide()
	if !s.Shared() {
		b.state.Hide()
		return
	}
	b.ShowConnection(s, s.Watcher().Connection(), time.Time{})
}

// ShowConnection shows the connection's state in the status bar, and the
// banner while it is lost, with the time of the next attempt.
func (b *Bar) ShowConnection(s *app.Session, c app.ConnectionState, next time.Time) {
	server := ServerText(s.Path())
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

// ServerText names a server's database for the status bar and menus: the
// database on its host, as the role, never the password.
func ServerText(target string) string {
	database, user, host := app.ServerOf(target)
	return trf("shared.server", "{{.Database}} on {{.Host}} as {{.User}}", map[string]any{"Database": database, "Host": host, "User": user})
}

// ReadOnlyText says why the window may not change the records of s.
func ReadOnlyText(s *app.Session) string {
	database, user, _ := app.ServerOf(s.Path())
	return trf("shared.read_only", "Read-only: the role {{.User}} may only read the database {{.Database}}. Ask the server's administrator for an editor's grants to add or change records.",
		map[string]any{"User": user, "Database": database})
}
