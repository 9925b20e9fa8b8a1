package ui

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/storetest"
	"github.com/hindsight-app/hindsight/internal/store/storetest/fixture"
	"github.com/hindsight-app/hindsight/internal/ui/form"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview"
	"github.com/hindsight-app/hindsight/internal/ui/uitest"
	"github.com/hindsight-app/hindsight/internal/when"
)

// inLine makes background work and delayed searches run at once on the
// test's goroutine, where Fyne's test driver also runs fyne.Do.
func inLine(t *testing.T) {
	savedBackground, savedDelay, savedWatch, savedTimeline := background, searchAfter, watchForChanges, timelineview.Background
	watchForChanges = false
	background = func(work func()) { work() }
	timelineview.Background = background
	searchAfter = func(_ time.Duration, f func()) *time.Timer {
		f()
		return time.NewTimer(0)
	}
	t.Cleanup(func() {
		background, searchAfter, watchForChanges, timelineview.Background = savedBackground, savedDelay, savedWatch, savedTimeline
	})
}

// openWindow opens a main window on a new, seeded database.
func openWindow(t *testing.T) (*MainWindow, string) {
	t.Helper()
	inLine(t)
	a := test.NewTempApp(t)
	a.Settings().SetTheme(look.NewTheme())
	path := filepath.Join(t.TempDir(), "h.db")
	m := NewMainWindow(a, path)
	m.win.Resize(fyne.NewSize(1400, 900))
	t.Cleanup(func() {
		m.pending.Wait()
		if m.session != nil {
			m.session.Close()
		}
	})
	uitest.WaitFor(t, "the records to load", func() bool { return m.loaded })
	return m, path
}

// allEvents reads every event of the window's database, by date, without
// descriptions: the window holds only those it shows.
func allEvents(t *testing.T, m *MainWindow) []model.Event {
	t.Helper()
	events, err := m.session.Reads().Page(context.Background(), app.EventPage{})
	if err != nil {
		t.Fatal(err)
	}
	return events
}

// lastEvent is the latest event of the window's database.
func lastEvent(t *testing.T, m *MainWindow) model.Event {
	t.Helper()
	events := allEvents(t, m)
	return events[len(events)-1]
}

// firstOpen is the window's first open prediction.
func firstOpen(t *testing.T, m *MainWindow) model.Prediction {
	t.Helper()
	for _, p := range m.lib.Predictions {
		if p.State() == model.StateOpen {
			return p
		}
	}
	t.Fatal("the seed has no open prediction")
	return model.Prediction{}
}

func TestMainWindowLoadsTheSeed(t *testing.T) {
	m, path := openWindow(t)
	if m.lib.EventCount < 31 || len(m.lib.Predictions) < 7 {
		t.Fatalf("loaded %d events and %d predictions", m.lib.EventCount, len(m.lib.Predictions))
	}
	if !strings.Contains(m.status.Text, path) || !strings.Contains(m.status.Text, "events") {
		t.Errorf("status bar = %q, want the file and the counts", m.status.Text)
	}
	if !strings.Contains(m.win.Title(), path) {
		t.Errorf("title %q should name the file", m.win.Title())
	}
	if m.trackTab == nil || m.eventsTab.Count() != m.lib.EventCount || m.predsTab.Len() != len(m.lib.Predictions) {
		t.Error("the tables were not filled")
	}
}

func TestSelectingAnEventShowsItsDetail(t *testing.T) {
	m, _ := openWindow(t)
	var gpt4 model.Event
	for _, e := range allEvents(t, m) {
		if e.Date.String() == "2023-03-14" && strings.Contains(e.Title, "GPT-4") {
			gpt4 = e
		}
	}
	if gpt4.ID == 0 {
		t.Fatal("GPT-4's release is not in the seed")
	}
	fyne.DoAndWait(func() { m.showSelection(app.EventSelection(gpt4.ID)) })
	if texts := uitest.LabelTexts(m.detail.Object()); !strings.Contains(texts, gpt4.Title) || !strings.Contains(texts, "openai.com") {
		t.Errorf("detail panel shows %q; want the title and its source link", texts)
	}
	if m.timeline.Selected() != (app.EventSelection(gpt4.ID)) {
		t.Error("the timeline did not select it")
	}
}

func TestSearchFindsChineseAndEnglish(t *testing.T) {
	m, _ := openWindow(t)
	for _, q := range []string{"套壳", "百川", "GPT-4", "Altman"} {
		results, err := search(m.session, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(results) == 0 {
			t.Errorf("searching %q found nothing", q)
		}
	}
	fyne.DoAndWait(func() { test.Type(m.search.entry, "套壳") })
	uitest.WaitFor(t, "search results", func() bool { return len(m.search.results) > 0 })
	fyne.DoAndWait(func() { m.search.list.Select(0) })
	if m.timeline.Selected().Kind == app.SelectNone {
		t.Error("choosing a result should select it on the timeline")
	}
}

func TestEditsUndoAndRedoThroughTheWindow(t *testing.T) {
	m, _ := openWindow(t)
	ctx := context.Background()
	before := m.lib.EventCount
	saved, err := m.session.SaveEvent(ctx, model.Event{Title: "OpenAI releases GPT-5", Date: when.MustParse("2025-08-07"), Actor: "OpenAI", Category: model.CategoryModel})
	if err != nil {
		t.Fatal(err)
	}
	fyne.DoAndWait(func() { m.afterChange(app.EventSelection(saved.ID)) })
	uitest.WaitFor(t, "the new event", func() bool { return m.lib.EventCount == before+1 })
	if m.undoItem.Disabled || !strings.Contains(m.undoItem.Label, "GPT-5") {
		t.Errorf("Undo item = %q (disabled %v), want it to name the new event", m.undoItem.Label, m.undoItem.Disabled)
	}

	fyne.DoAndWait(m.history.undo)
	uitest.WaitFor(t, "the undo", func() bool { return m.lib.EventCount == before })
	if _, err := m.session.Event(ctx, saved.ID); err == nil {
		t.Error("undo should remove the added event from the database")
	}
	uitest.WaitFor(t, "the redo item", func() bool { return !m.redoItem.Disabled })

	fyne.DoAndWait(m.history.redo)
	uitest.WaitFor(t, "the redo", func() bool { return m.lib.EventCount == before+1 })
	if e, err := m.session.Event(ctx, saved.ID); err != nil || e.Title != saved.Title {
		t.Errorf("redo should bring the event back with its id: %v %v", e.Title, err)
	}
}

func TestResolveAndReopenThroughTheWindow(t *testing.T) {
	m, _ := openWindow(t)
	open := firstOpen(t, m)
	evidence := lastEvent(t, m)
	if err := m.session.Resolve(context.Background(), open.ID, model.Resolution{State: model.StateFalse,
		On: when.DayDate(evidence.Earliest()), Evidence: []model.Evidence{{EventID: evidence.ID, Role: model.RoleResolves}}}); err != nil {
		t.Fatal(err)
	}
	fyne.DoAndWait(func() { m.afterChange(app.PredictionSelection(open.ID)) })
	uitest.WaitFor(t, "the resolution", func() bool {
		p, _ := m.lib.Prediction(open.ID)
		return p.State() == model.StateFalse
	})
	fyne.DoAndWait(func() {
		p, _ := m.lib.Prediction(open.ID)
		m.records.unresolve(p)
	})
	uitest.WaitFor(t, "reopening", func() bool {
		p, _ := m.lib.Prediction(open.ID)
		return p.State() == model.StateOpen
	})
}

func TestUnopenableFileIsExplainedAndLeftAlone(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "notes.db")
	content := []byte("my notes, not a database\n")
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	m := NewMainWindow(a, path)
	if m.session != nil {
		t.Fatal("a file that is not a database should not be opened")
	}
	if !strings.Contains(m.status.Text, path) {
		t.Errorf("status %q should name the file", m.status.Text)
	}
	overlays := m.win.Canvas().Overlays().List()
	if len(overlays) == 0 || !strings.Contains(uitest.LabelTexts(overlays[0]), "not a Hindsight database") {
		t.Error("a dialog should explain why the file cannot be opened")
	}
	if got, _ := os.ReadFile(path); string(got) != string(content) {
		t.Error("the file was changed")
	}
}

// TestDamagedFileIsClosedOnceDrawn: the check for damage waits until the
// window has drawn the file (it would take a core from the first screen),
// then closes a damaged file again, explained and unchanged.
func TestDamagedFileIsClosedOnceDrawn(t *testing.T) {
	inLine(t)
	path := filepath.Join(t.TempDir(), "damaged.db")
	s, err := store.OpenSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	content = fixture.GarbleMiddlePage(t, content, rand.NewChaCha8([32]byte{'d', 'r', 'a', 'w', 'n'}))
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}

	a := test.NewTempApp(t)
	m := NewMainWindow(a, path)
	t.Cleanup(func() {
		m.pending.Wait()
		if m.session != nil {
			m.session.Close()
		}
	})
	if m.session == nil {
		t.Fatal("the damage was found before the window drew the file: the check did not wait")
	}
	m.win.Canvas().Capture() // draws the window, as the screen would
	uitest.WaitFor(t, "the damaged file to be closed", func() bool { return m.session == nil })
	overlays := m.win.Canvas().Overlays().List()
	if len(overlays) == 0 || !strings.Contains(uitest.LabelTexts(overlays[len(overlays)-1]), "damaged") {
		t.Error("a dialog should say the file is damaged")
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, content) {
		t.Error("the damaged file was changed")
	}
}

func TestCitingAnEventFromItsDetailResolvesWithIt(t *testing.T) {
	m, _ := openWindow(t)
	open := firstOpen(t, m)
	evidence := lastEvent(t, m)
	var f *form.ResolveForm
	fyne.DoAndWait(func() {
		f = m.records.openResolve(open)
		f.Cite(evidence)
	})
	if chosen := f.Chosen(); len(chosen) != 1 || chosen[0] != evidence.ID || f.ResolvedOn() != evidence.Date.String() {
		t.Fatalf("the cited event should be checked and date the resolution: chosen %v, date %q", chosen, f.ResolvedOn())
	}
	fyne.DoAndWait(func() {
		f.Choose(model.StateTrue)
		f.Submit()
	})
	uitest.WaitFor(t, "the resolution", func() bool {
		p, _ := m.lib.Prediction(open.ID)
		return p.State() == model.StateTrue && len(p.Resolution.Evidence) == 1 && p.Resolution.Evidence[0].EventID == evidence.ID
	})
}

// otherWriter opens a second store on the window's file, as the command-line
// tool or another window would.
func otherWriter(t *testing.T, path string) *store.Store {
	t.Helper()
	return storetest.OpenedAt(t, store.Open, path)
}

// TestShowWhatWasImported: after an import the window can keep only what
// it added, on the timeline and in the lists, and say so in the status
// bar; a selected record the filter hides is marked in the detail panel.
func TestShowWhatWasImported(t *testing.T) {
	m, _ := openWindow(t)
	ctx := context.Background()
	selected := allEvents(t, m)[0] // a seed event, not one of the import
	csv := "date,title,actor\n1901-05-01,A very old event,Nobody\n1902-06-01,Another old event,Nobody\n"
	f, r, err := exchange.Sniff("old.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := m.session.Transfers().PlanImport(ctx, "old.csv", r, f)
	if err != nil {
		t.Fatal(err)
	}
	report, err := m.session.Transfers().Import(ctx, plan, nil)
	if err != nil || len(report.EventIDs) != 2 {
		t.Fatalf("import: %+v, %v", report, err)
	}
	fyne.DoAndWait(func() {
		m.showSelection(app.EventSelection(selected.ID))
		m.reload(false)
	})
	uitest.WaitFor(t, "the import to load", func() bool { return m.lib.EventCount >= 2 })
	fyne.DoAndWait(func() { m.showImported("old.csv", report) })
	if got := m.eventsTab.Count(); got != 2 {
		t.Errorf("the events table lists %d events, want the 2 imported", got)
	}
	if !strings.Contains(m.status.Text, "imported from old.csv") {
		t.Errorf("status %q does not say the view shows an import", m.status.Text)
	}
	vs := m.timeline.ViewState()
	if vs.Start > float64(when.DayOf(1901, 5, 1)) || vs.End < float64(when.DayOf(1902, 6, 1)) {
		t.Errorf("the timeline shows %v..%v, not the imported years", vs.Start, vs.End)
	}
	// The record selected before is not among them: the detail says so.
	fyne.DoAndWait(func() { m.showSelection(app.EventSelection(selected.ID)) })
	if !strings.Contains(uitest.LabelTexts(m.detail.Object()), "The filter hides this record") {
		t.Errorf("the detail does not say the selection is filtered out:\n%s", uitest.LabelTexts(m.detail.Object()))
	}
	// Undoing the import drops its filter with a message.
	fyne.DoAndWait(m.history.undo)
	uitest.WaitFor(t, "the undo", func() bool { return m.filter.Current().Batch == nil })
}

// TestSearchShowsOnTheTimeline: a search marks its hits on the timeline,
// highlights the words in the results, and clearing it brings the
// timeline back.
func TestSearchShowsOnTheTimeline(t *testing.T) {
	m, _ := openWindow(t)
	fyne.DoAndWait(func() { m.search.entry.SetText("GPT-4") })
	uitest.WaitFor(t, "the results", func() bool { return len(m.search.results) > 0 })
	if m.timeline == nil || !strings.Contains(m.search.summary.Text, "GPT-4") {
		t.Fatalf("summary %q", m.search.summary.Text)
	}
	segs := highlighted("OpenAI releases GPT-4 today", []string{"gpt-4"}, widget.RichTextStyleInline)
	if len(segs) != 3 || segs[1].(*widget.TextSegment).Text != "GPT-4" || !segs[1].(*widget.TextSegment).Style.TextStyle.Bold {
		t.Errorf("highlight segments %+v", segs)
	}
	fyne.DoAndWait(func() { m.search.entry.SetText("") })
	uitest.WaitFor(t, "the search to clear", func() bool { return len(m.search.results) == 0 })
}

// TestChangesMadeElsewhereShowWithinASecond: an event added by another
// writer (the command-line tool, another window) appears in the window
// within a second, with the view and the selection kept.
func TestChangesMadeElsewhereShowWithinASecond(t *testing.T) {
	inLine(t)
	watchForChanges = true
	reloads := make(chan func(), 10)
	saved := onUIGoroutine
	onUIGoroutine = func(f func()) { reloads <- f }
	t.Cleanup(func() { onUIGoroutine = saved })

	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "h.db")
	m := NewMainWindow(a, path)
	t.Cleanup(func() { m.closeSession() })
	uitest.WaitFor(t, "the records to load", func() bool { return m.loaded })
	before := m.lib.EventCount
	sel := app.EventSelection(allEvents(t, m)[3].ID)
	m.showSelection(sel)
	view := m.timeline.ViewState()

	start := time.Now()
	if _, err := otherWriter(t, path).AddEvent(context.Background(), model.Event{Title: "Added by the command line",
		Date: when.MustParse("2025-06"), Category: model.CategoryOther}); err != nil {
		t.Fatal(err)
	}
	select {
	case reload := <-reloads:
		reload()
	case <-time.After(time.Second):
		t.Fatal("the change was not noticed within a second")
	}
	t.Logf("noticed after %v", time.Since(start))
	if m.lib.EventCount != before+1 {
		t.Errorf("%d events after the change, want %d", m.lib.EventCount, before+1)
	}
	if m.timeline.Selected() != sel || m.timeline.ViewState().Start != view.Start {
		t.Errorf("the selection or the view moved: %+v, %v", m.timeline.Selected(), m.timeline.ViewState())
	}
}

// TestWindowTakesSavedViewsFromOldPreferences: a first start after the
// upgrade shows the saved views and filter an older version kept in the
// preferences, from the database now, and they are gone from the
// preferences; a filter set afterwards is kept in the database.
func TestWindowTakesSavedViewsFromOldPreferences(t *testing.T) {
	inLine(t)
	a := test.NewTempApp(t)
	a.Settings().SetTheme(look.NewTheme())
	a.Preferences().SetString(prefFilterViews, `[{"name":"Models","filter":{"categories":["model"]}}]`)
	a.Preferences().SetString(prefFilterCurrent, `{"categories":["funding"]}`)
	path := filepath.Join(t.TempDir(), "h.db")
	m := NewMainWindow(a, path)
	t.Cleanup(func() {
		m.pending.Wait()
		if m.session != nil {
			m.session.Close()
		}
	})
	uitest.WaitFor(t, "the records to load", func() bool { return m.loaded })
	if got := m.filter.Views(); len(got) != 1 || got[0] != "Models" {
		t.Errorf("views %q", got)
	}
	if got := m.filter.Current(); len(got.Categories) != 1 || got.Categories[0] != model.CategoryFunding {
		t.Errorf("filter %+v", got)
	}
	if a.Preferences().String(prefFilterViews) != "" || a.Preferences().String(prefFilterCurrent) != "" {
		t.Error("the preferences still hold the views or the filter")
	}
	m.filter.Apply(filter.Filter{From: "2024"})
	m.closeSession()
	s := storetest.OpenedAt(t, app.Open, path)
	u, err := s.User().Load(context.Background())
	if err != nil || u.Settings[app.SettingFilter] != `{"from":"2024"}` || u.Settings[app.SettingTimeline] == "" {
		t.Errorf("settings after closing: %v, %v", u.Settings, err)
	}
}

// TestImportThroughTheWindow: the import dialogs read a dropped file over
// the window's database, preview it and import it; the window reads the
// records again and, asked to, shows just what was imported.
func TestImportThroughTheWindow(t *testing.T) {
	m, _ := openWindow(t)
	before := m.lib.EventCount
	csv := "date,title,actor\n1901-05-01,A very old event,Nobody\n1902-06-01,Another old event,Nobody\n"
	c := m.win.Canvas()
	fyne.DoAndWait(func() { m.transfers.Import("old.csv", io.NopCloser(strings.NewReader(csv))) })
	fyne.DoAndWait(func() { test.Tap(uitest.Button(t, c.Overlays().Top(), "Read file")) })
	if text := uitest.LabelTexts(c.Overlays().Top()); !strings.Contains(text, "2 events will be added from old.csv.") {
		t.Fatalf("the preview says:\n%s", text)
	}
	fyne.DoAndWait(func() { test.Tap(uitest.Button(t, c.Overlays().Top(), "Import")) })
	uitest.WaitFor(t, "the import to load", func() bool { return m.lib.EventCount == before+2 })
	fyne.DoAndWait(func() { test.Tap(uitest.Button(t, c.Overlays().Top(), "Show what was imported")) })
	if f := m.filter.Current(); f.Batch == nil || f.Batch.Label != "old.csv" || m.eventsTab.Count() != 2 {
		t.Errorf("showing the import: filter %+v, %d events listed", f, m.eventsTab.Count())
	}
}
