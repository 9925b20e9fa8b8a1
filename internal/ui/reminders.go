package ui

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/safetext"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Preference keys for reminders.
const (
	prefRemindersOn   = "reminders.enabled"
	prefRemindersSent = "reminders.sent"
)

// reminderInterval is how often an open window looks for deadlines that
// have just passed.
const reminderInterval = time.Hour

// reminders sends a system notification when predictions pass their
// deadline unresolved: at most once per prediction (per database file),
// and never when turned off.
type reminders struct {
	app  fyne.App
	sent map[string]bool
}

func newReminders(a fyne.App) *reminders {
	r := &reminders{app: a, sent: map[string]bool{}}
	var keys []string
	if err := json.Unmarshal([]byte(a.Preferences().String(prefRemindersSent)), &keys); err == nil {
		for _, k := range keys {
			r.sent[k] = true
		}
	}
	return r
}

func (r *reminders) enabled() bool {
	return r.app.Preferences().BoolWithFallback(prefRemindersOn, true)
}

func (r *reminders) setEnabled(on bool) { r.app.Preferences().SetBool(prefRemindersOn, on) }

// check notifies about predictions of the database at path that are
// overdue and not yet notified, and returns the notification it sent (nil
// when none was needed).
func (r *reminders) check(path string, preds []model.Prediction, today when.Day) *fyne.Notification {
	if !r.enabled() {
		return nil
	}
	var fresh []model.Prediction
	for _, p := range preds {
		if p.Overdue(today) && !r.sent[reminderKey(path, p.ID)] {
			fresh = append(fresh, p)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	n := reminderNotification(fresh)
	r.app.SendNotification(n)
	for _, p := range fresh {
		r.sent[reminderKey(path, p.ID)] = true
	}
	r.save()
	return n
}

func reminderKey(path string, id int64) string { return path + "#" + strconv.FormatInt(id, 10) }

func (r *reminders) save() {
	keys := make([]string, 0, len(r.sent))
	for k := range r.sent {
		keys = append(keys, k)
	}
	if data, err := json.Marshal(keys); err == nil {
		r.app.Preferences().SetString(prefRemindersSent, string(data))
	}
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
	title := tr("reminder.title_one", "A prediction is due for resolution")
	if len(due) > 1 {
		title = trf("reminder.title_many", "{{.Count}} predictions are due for resolution", map[string]any{"Count": len(due)})
	}
	// The statements may come from an imported file: the system reads a
	// notification's text as script (Windows) or markup (Linux) unless it
	// is made inert.
	return fyne.NewNotification(safetext.Notification(title), safetext.Notification(strings.Join(lines, "\n")))
}
