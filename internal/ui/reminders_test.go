package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func predictionDue(id int64, statement, made, deadline string) model.Prediction {
	m := when.MustParse(made)
	d, err := when.ParseDeadline(deadline, m)
	if err != nil {
		panic(err)
	}
	return model.Prediction{ID: id, Statement: statement, Source: "s", Made: m, Deadline: d}
}

func TestRemindersNotifyOncePerOverpredictionDue(t *testing.T) {
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

	r := newReminders(a)
	n := r.check("/data/a.db", preds, today)
	if n == nil || !strings.Contains(n.Title, "2") || !strings.Contains(n.Content, "Overdue one") ||
		!strings.Contains(n.Content, "Overdue two") || strings.Contains(n.Content, "Not yet due") || strings.Contains(n.Content, "Resolved") {
		t.Fatalf("notification = %+v", n)
	}
	if again := r.check("/data/a.db", preds, today); again != nil {
		t.Errorf("a second notification for the same predictions: %+v", again)
	}
	// The record of what was sent survives a restart…
	if again := newReminders(a).check("/data/a.db", preds, today); again != nil {
		t.Errorf("notified again after a restart: %+v", again)
	}
	// …but another database file has its own predictions.
	if other := newReminders(a).check("/data/b.db", preds[:1], today); other == nil || other.Title != "A prediction is due for resolution" {
		t.Errorf("another file's overdue prediction: %+v", other)
	}
	// A new deadline passing is notified on its own.
	later := when.DayOf(2028, 1, 1)
	if n := r.check("/data/a.db", preds, later); n == nil || !strings.Contains(n.Content, "Not yet due") || strings.Contains(n.Content, "Overdue one") {
		t.Errorf("after the second deadline: %+v", n)
	}
}

func TestRemindersCanBeTurnedOff(t *testing.T) {
	a := test.NewTempApp(t)
	r := newReminders(a)
	r.setEnabled(false)
	if n := r.check("/x.db", []model.Prediction{predictionDue(1, "Overdue", "2020", "by end of 2021")}, when.DayOf(2026, 1, 1)); n != nil {
		t.Errorf("notified while turned off: %+v", n)
	}
	if newReminders(a).enabled() {
		t.Error("turning reminders off should persist")
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
