package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/store/storetest"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func predictionDue(id int64, statement, made, deadline string) model.Prediction {
	m := when.MustParse(made)
	return model.Prediction{ID: id, Statement: statement, Source: "s", Made: m, Deadline: when.MustParseDeadline(deadline, m)}
}

// reminderDB opens a database of its own for reminders and returns them
// as a window opening it would set them up.
func reminderDB(t *testing.T, a fyne.App, path string) (*reminders, *app.Session) {
	t.Helper()
	s := storetest.OpenedAt(t, app.Open, path)
	return remindersOf(t, a, s), s
}

// remindersOf are the reminders of s as a window starting on it sees them.
func remindersOf(t *testing.T, a fyne.App, s *app.Session) *reminders {
	t.Helper()
	u, err := s.User().Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	data := newUserData(a.Preferences(), func() *app.Session { return s })
	data.schedule = func(_ time.Duration, f func()) func() { f(); return func() {} }
	r := newReminders(a, data)
	r.loaded(u)
	return r
}

func TestRemindersNotifyOncePerOverduePrediction(t *testing.T) {
	inLine(t)
	a := test.NewTempApp(t)
	today := when.DayOf(2026, 11, 27)
	preds := []model.Prediction{
		predictionDue(1, "Overdue one", "2023-01", "by end of 2024"),
		predictionDue(2, "Not yet due", "2026-01", "by end of 2027"),
		predictionDue(3, "Overdue two", "2024-01", "within a year"),
	}
	resolved := predictionDue(4, "Resolved already", "2023-01", "by end of 2024")
	resolved.Resolution = model.Resolution{State: model.StateTrue, On: when.MustParse("2024-06")}
	preds = append(preds, resolved)

	dir := t.TempDir()
	r, s := reminderDB(t, a, filepath.Join(dir, "a.db"))
	n := r.check(preds, today)
	if n == nil || !strings.Contains(n.Title, "2") || !strings.Contains(n.Content, "Overdue one") ||
		!strings.Contains(n.Content, "Overdue two") || strings.Contains(n.Content, "Not yet due") || strings.Contains(n.Content, "Resolved") {
		t.Fatalf("notification = %+v", n)
	}
	if again := r.check(preds, today); again != nil {
		t.Errorf("a second notification for the same predictions: %+v", again)
	}
	// The record of what was sent is in the database and survives a
	// restart…
	if again := remindersOf(t, a, s).check(preds, today); again != nil {
		t.Errorf("notified again after a restart: %+v", again)
	}
	if p := a.Preferences().String(prefRemindersSent); p != "" {
		t.Errorf("the reminders were written to the preferences: %q", p)
	}
	// …but another database file has its own predictions.
	other, _ := reminderDB(t, a, filepath.Join(dir, "b.db"))
	if n := other.check(preds[:1], today); n == nil || n.Title != "A prediction is due for resolution" {
		t.Errorf("another file's overdue prediction: %+v", n)
	}
	// A new deadline passing is notified on its own.
	later := when.DayOf(2028, 1, 1)
	if n := r.check(preds, later); n == nil || !strings.Contains(n.Content, "Not yet due") || strings.Contains(n.Content, "Overdue one") {
		t.Errorf("after the second deadline: %+v", n)
	}
}

func TestRemindersCanBeTurnedOff(t *testing.T) {
	inLine(t)
	a := test.NewTempApp(t)
	r, s := reminderDB(t, a, filepath.Join(t.TempDir(), "x.db"))
	r.item = fyne.NewMenuItem("Remind me", nil)
	r.item.Checked = true
	r.setEnabled(false)
	if r.item.Checked {
		t.Error("the menu item stays ticked")
	}
	if n := r.check([]model.Prediction{predictionDue(1, "Overdue", "2020", "by end of 2021")}, when.DayOf(2026, 1, 1)); n != nil {
		t.Errorf("notified while turned off: %+v", n)
	}
	if remindersOf(t, a, s).enabled() {
		t.Error("turning reminders off should persist in the database")
	}
}

// TestPreferencesMoveIntoTheDatabaseOnce: saved views, the current filter,
// the timeline's view, the reminder switch and this file's reminders sent,
// kept in the preferences by earlier versions, move into the database on
// the first start and are removed from the preferences; the reminders of
// another file stay until that file is opened. Window geometry stays.
func TestPreferencesMoveIntoTheDatabaseOnce(t *testing.T) {
	inLine(t)
	a := test.NewTempApp(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "h.db")
	elsewhere := filepath.Join(dir, "other.db")
	p := a.Preferences()
	p.SetString(prefFilterViews, `[{"name":"Open models","filter":{"categories":["model"],"states":["open"]}}]`)
	p.SetString(prefFilterCurrent, `{"from":"2023"}`)
	p.SetString(prefViewState, `{"start":19000,"end":19500}`)
	p.SetBool(prefRemindersOn, false)
	p.SetString(prefRemindersSent, `["`+path+`#3","`+path+`#5","`+elsewhere+`#3"]`)
	p.SetFloat(prefWindowWidth, 1234)

	s := storetest.OpenedAt(t, app.Open, path)
	data := newUserData(p, func() *app.Session { return s })
	if err := data.adoptPreferences(s); err != nil {
		t.Fatal(err)
	}
	u, err := s.User().Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(u.Views) != 1 || u.Views[0].Name != "Open models" || u.Views[0].Filter.States[0] != model.StateOpen {
		t.Errorf("views %+v", u.Views)
	}
	if u.Settings[app.SettingFilter] != `{"from":"2023"}` || u.Settings[app.SettingTimeline] != `{"start":19000,"end":19500}` ||
		u.Settings[app.SettingReminders] != "false" {
		t.Errorf("settings %v", u.Settings)
	}
	if len(u.Reminded) != 2 || !u.Reminded[3] || !u.Reminded[5] {
		t.Errorf("reminders %v", u.Reminded)
	}
	for _, key := range []string{prefFilterViews, prefFilterCurrent, prefViewState} {
		if v := p.String(key); v != "" {
			t.Errorf("%s is still in the preferences: %q", key, v)
		}
	}
	if p.BoolWithFallback(prefRemindersOn, true) == p.BoolWithFallback(prefRemindersOn, false) {
		t.Error("the reminder switch is still in the preferences")
	}
	if got := p.String(prefRemindersSent); got != `["`+elsewhere+`#3"]` {
		t.Errorf("reminders left in the preferences: %q, want only the other file's", got)
	}
	if p.Float(prefWindowWidth) != 1234 {
		t.Error("the window's size left the preferences")
	}

	// Once only: a second start finds nothing to move and changes nothing.
	if err := s.User().SaveView(context.Background(), filter.SavedView{Name: "Open models", Filter: filter.Filter{To: "2020"}}); err != nil {
		t.Fatal(err)
	}
	if err := data.adoptPreferences(s); err != nil {
		t.Fatal(err)
	}
	if u, _ := s.User().Load(context.Background()); len(u.Views) != 1 || u.Views[0].Filter.To != "2020" {
		t.Errorf("a second start changed the views: %+v", u.Views)
	}
}

// TestReminderTextIsInert: a statement imported with script or markup in
// it reaches the system's notification as plain characters.
func TestReminderTextIsInert(t *testing.T) {
	test.NewTempApp(t)
	hostile := predictionDue(1, `GPT-5 "ships" $(Start-Process calc) <img src="file:///etc/passwd">`, "2023-01", "by end of 2024")
	n := reminderNotification([]model.Prediction{hostile})
	if strings.ContainsAny(n.Content+n.Title, "$`\"“”<>&") {
		t.Errorf("the notification keeps script or markup characters: %q", n.Content)
	}
	if !strings.Contains(n.Content, "Start-Process calc") {
		t.Errorf("the statement's words were lost: %q", n.Content)
	}
}
