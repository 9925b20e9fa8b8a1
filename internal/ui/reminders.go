package ui

import (
	"maps"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/safetext"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/when"
)

// reminderInterval is how often an open window looks for deadlines that
// have just passed.
const reminderInterval = time.Hour

// deadlineWatch looks again every reminderInterval, so that a window left
// open past a deadline still says so: in the Due list, and with a reminder.
type deadlineWatch struct {
	w    *MainWindow
	stop chan struct{}
}

// start looks every reminderInterval until end.
func (d *deadlineWatch) start() {
	d.stop = make(chan struct{})
	ticker := time.NewTicker(reminderInterval)
	go func() {
		defer ticker.Stop()
		for {
			select {
			case <-d.stop:
				return
			case <-ticker.C:
				fyne.Do(d.passed)
			}
		}
	}()
}

// end stops looking.
func (d *deadlineWatch) end() {
	if d.stop != nil {
		close(d.stop)
	}
}

// passed refreshes what depends on today's date.
func (d *deadlineWatch) passed() {
	m := d.w
	if m.lib == nil || m.session == nil {
		return
	}
	today := when.Today()
	m.dueList.Update(today)
	m.reminders.check(m.lib.Predictions, today)
}

// reminders sends a system notification when predictions pass their
// deadline unresolved: at most once per prediction of a database, and
// never when turned off. What was sent and whether to send are kept in
// the database (see userData).
type reminders struct {
	app  fyne.App
	user *userData
	on   bool
	sent map[int64]bool
	// item is the View menu's switch, ticked while reminders are on;
	// refreshMenu draws the menu again after it changed.
	item        *fyne.MenuItem
	refreshMenu func()
}

func newReminders(a fyne.App, user *userData) *reminders {
	return &reminders{app: a, user: user, on: true, sent: map[int64]bool{}}
}

// loaded takes what the database says was sent and whether to send.
func (r *reminders) loaded(u app.UserData) {
	r.sent = maps.Clone(u.Reminded)
	if r.sent == nil {
		r.sent = map[int64]bool{}
	}
	r.on = u.Settings[app.SettingReminders] != "false"
	r.showSwitch()
}

func (r *reminders) enabled() bool { return r.on }

func (r *reminders) setEnabled(on bool) {
	r.on = on
	r.user.set(app.SettingReminders, strconv.FormatBool(on))
	r.showSwitch()
}

// showSwitch ticks the menu item while reminders are on.
func (r *reminders) showSwitch() {
	if r.item == nil || r.item.Checked == r.on {
		return
	}
	r.item.Checked = r.on
	if r.refreshMenu != nil {
		r.refreshMenu()
	}
}

// check notifies about predictions that are overdue and not yet
// notified, and returns the notification it sent (nil when none was
// needed).
func (r *reminders) check(preds []model.Prediction, today when.Day) *fyne.Notification {
	if !r.enabled() {
		return nil
	}
	var fresh []model.Prediction
	var ids []int64
	for _, p := range preds {
		if p.Overdue(today) && !r.sent[p.ID] {
			fresh = append(fresh, p)
			ids = append(ids, p.ID)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	n := reminderNotification(fresh)
	r.app.SendNotification(n)
	for _, id := range ids {
		r.sent[id] = true
	}
	r.user.markReminded(ids)
	return n
}

// reminderNotification names the first few due predictions.
func reminderNotification(due []model.Prediction) *fyne.Notification {
	const listed = 3
	var lines []string
	for i, p := range due {
		if i == listed {
			lines = append(lines, trf("reminder.more", "…and {{.Count}} more", map[string]any{"Count": len(due) - listed}))
			break
		}
		lines = append(lines, "• "+display.Shorten(p.DisplayStatement(i18n.Lang()), 80))
	}
	title := trn("reminder.title", "A prediction is due for resolution", "{{.Count}} predictions are due for resolution", len(due), nil)
	// The statements may come from an imported file: the system reads a
	// notification's text as script (Windows) or markup (Linux) unless it
	// is made inert.
	return fyne.NewNotification(safetext.Notification(title), safetext.Notification(strings.Join(lines, "\n")))
}
