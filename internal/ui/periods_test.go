package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/ui/uitest"
	"github.com/hindsight-app/hindsight/internal/when"
)

// menuItem finds an item of the main menu by its label.
func findMenuItem(t *testing.T, m *MainWindow, label string) *fyne.MenuItem {
	t.Helper()
	for _, menu := range m.win.MainMenu().Items {
		for _, it := range menu.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

// A period is added from the Edit menu, drawn on the timeline, selected
// by its label, shown in the detail panel, deleted from there and undone.
func TestPeriodsInTheWindow(t *testing.T) {
	m, path := openWindow(t)
	fyne.DoAndWait(findMenuItem(t, m, "New period…").Action)
	top := m.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(uitest.LabelTexts(top), "Add period") {
		t.Fatalf("the Edit menu did not open the period form")
	}
	entries := uitest.ObjectsIn[*modal.Entry](top)
	if len(entries) < 3 {
		t.Fatalf("%d entries in the form", len(entries))
	}
	fyne.DoAndWait(func() {
		test.Type(entries[0], "The hundred-model war")
		entries[1].SetText("2023-03")
		entries[2].SetText("2023-12")
	})
	fyne.DoAndWait(func() { test.Tap(uitest.Button(t, top, "Save")) })
	uitest.WaitFor(t, "the period to load", func() bool { return len(m.lib.Periods) == 1 })
	p := m.lib.Periods[0]
	if p.Title != "The hundred-model war" || p.End != when.MustParse("2023-12") {
		t.Fatalf("saved %+v", p)
	}
	if m.timeline.Selected() != app.PeriodSelection(p.ID) {
		t.Errorf("the new period is not selected: %+v", m.timeline.Selected())
	}
	detail := uitest.LabelTexts(m.detail.Object())
	if !strings.Contains(detail, "The hundred-model war") || !strings.Contains(detail, "Drawn across every lane.") {
		t.Errorf("the detail panel shows:\n%s", detail)
	}
	// Edit from the detail panel: the change is on disk and one undo
	// takes it back.
	fyne.DoAndWait(func() { test.Tap(uitest.Button(t, m.detail.Object(), "Edit…")) })
	top = m.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(uitest.LabelTexts(top), "Edit period") {
		t.Fatal("Edit… did not open the period form")
	}
	entries = uitest.ObjectsIn[*modal.Entry](top)
	fyne.DoAndWait(func() {
		entries[0].SetText("百模大战")
		entries[3].SetText("orange") // the colour
		test.Tap(uitest.Button(t, top, "Save"))
	})
	uitest.WaitFor(t, "the edit", func() bool { return m.lib.Periods[0].Title == "百模大战" })
	if got := storedPeriod(t, path, p.ID); got.Title != "百模大战" || got.Color != "#ffa500" {
		t.Errorf("on disk after the edit: %+v", got)
	}
	if detail := uitest.LabelTexts(m.detail.Object()); !strings.Contains(detail, "百模大战") || !strings.Contains(detail, "#ffa500") {
		t.Errorf("the detail panel after the edit shows:\n%s", detail)
	}
	fyne.DoAndWait(m.history.undo)
	uitest.WaitFor(t, "the undo of the edit", func() bool { return m.lib.Periods[0].Title == "The hundred-model war" })
	if got := storedPeriod(t, path, p.ID); got.Title != "The hundred-model war" || got.Color != "" {
		t.Errorf("on disk after undoing the edit: %+v", got)
	}
	// Delete from the detail panel, confirmed.
	fyne.DoAndWait(func() { test.Tap(uitest.Button(t, m.detail.Object(), "Delete…")) })
	confirm := m.win.Canvas().Overlays().Top()
	if confirm == nil || !strings.Contains(uitest.LabelTexts(confirm), "The hundred-model war") {
		t.Fatal("no confirmation names the period")
	}
	fyne.DoAndWait(func() { test.Tap(uitest.Button(t, confirm, "Yes")) })
	uitest.WaitFor(t, "the delete", func() bool { return len(m.lib.Periods) == 0 })
	if periods := storedPeriods(t, path); len(periods) != 0 {
		t.Errorf("on disk after the delete: %+v", periods)
	}
	fyne.DoAndWait(m.history.undo)
	uitest.WaitFor(t, "the undo", func() bool { return len(m.lib.Periods) == 1 })
	if m.timeline.Selected() != app.PeriodSelection(p.ID) {
		t.Errorf("undo does not select the period: %+v", m.timeline.Selected())
	}
}

// storedPeriods reads the periods from the database file itself.
func storedPeriods(t *testing.T, path string) []model.Period {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	periods, err := st.Periods().List(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return periods
}

func storedPeriod(t *testing.T, path string, id int64) model.Period {
	t.Helper()
	for _, p := range storedPeriods(t, path) {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("period %d is not in the database", id)
	return model.Period{}
}
