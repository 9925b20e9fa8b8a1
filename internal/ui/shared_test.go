package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/filter"

	// As in the app: a C locale reads as English, without Fyne's complaint.
	_ "github.com/hindsight-app/hindsight/internal/localefix"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/storetest"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/ui/shareddb"
	"github.com/hindsight-app/hindsight/internal/ui/uitest"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The window on a database of a real PostgreSQL server (see package
// pgtest), shared with other clients.

func TestMain(m *testing.M) {
	// The strings as the app loads them, so that plural forms are found.
	if err := i18n.SetupLanguage(i18n.LanguageEnglish); err != nil {
		panic(err)
	}
	pgtest.Main(m)
}

// openShared opens a main window on target, a server's database; the
// test runs the background work in line first (inLine).
func openShared(t *testing.T, target string) *MainWindow {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(look.NewTheme())
	m := NewMainWindow(a, target)
	m.win.Resize(fyne.NewSize(1400, 900))
	t.Cleanup(func() {
		m.pending.Wait()
		fyne.DoAndWait(m.closeSession) // the settings waiting to be written first
	})
	uitest.WaitFor(t, "the records to load", func() bool { return m.loaded })
	return m
}

// otherClient opens a second session on target: another person's window.
func otherClient(t *testing.T, target string) *app.Session {
	t.Helper()
	return storetest.OpenedAt(t, app.Open, target)
}

// eventCount counts the events of the database s has open.
func eventCount(t *testing.T, s *app.Session) int {
	t.Helper()
	n, err := s.Reads().Count(context.Background(), filter.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// topOverlay is the dialog on top of the window.
func topOverlay(t *testing.T, m *MainWindow) fyne.CanvasObject {
	t.Helper()
	top := m.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	return top
}

// formEntries are the one-line entries of the form on top, in order: an
// event form's title first.
func formEntries(t *testing.T, m *MainWindow) []*modal.Entry {
	t.Helper()
	entries := uitest.ShownIn[*modal.Entry](topOverlay(t, m))
	if len(entries) == 0 {
		t.Fatal("the dialog on top has no entries")
	}
	return entries
}

// tapOverlay taps the button labelled label on the top dialog.
func tapOverlay(t *testing.T, m *MainWindow, label string) {
	t.Helper()
	fyne.DoAndWait(func() { test.Tap(uitest.Button(t, topOverlay(t, m), label)) })
}

// tapAndAsked taps label on the top dialog and wants the dialog shown
// then to say want: the window asks before it goes on.
func tapAndAsked(t *testing.T, m *MainWindow, label, want string) {
	t.Helper()
	tapOverlay(t, m, label)
	if texts := uitest.LabelTexts(topOverlay(t, m)); !strings.Contains(texts, want) {
		t.Fatalf("after %s the window does not ask %q: %q", label, want, texts)
	}
}

// retitle replaces the text of the event form's title.
func retitle(t *testing.T, m *MainWindow, title string) {
	t.Helper()
	entry := formEntries(t, m)[0]
	entry.SetText(title)
}

// otherAdded makes a database on the test server, target, in which another
// client, other, adds an event titled title, and makes the window to be
// opened on it work in line.
func otherAdded(t *testing.T, title string) (target string, other *app.Session, e model.Event) {
	t.Helper()
	target = pgtest.DB(t)
	other = otherClient(t, target)
	e = addEvent(t, other, title)
	inLine(t)
	return target, other, e
}

func addEvent(t *testing.T, s *app.Session, title string) model.Event {
	t.Helper()
	e, err := s.SaveEvent(context.Background(), model.Event{Title: title, Date: when.MustParse("2024-03-01"), Actor: "Anthropic", Category: model.CategoryModel})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func storedTitle(t *testing.T, s *app.Session, id int64) string {
	t.Helper()
	e, err := s.Event(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return e.Title
}

// savedOverTheirs opens a window on a server and an event's form in it;
// another client then retitles the event, and the form, given a title of
// its own, is saved: a save over someone else's later save.
func savedOverTheirs(t *testing.T) (m *MainWindow, other *app.Session, e, theirs model.Event) {
	target, other, e := otherAdded(t, "Claude 3 released")
	m = openShared(t, target)

	fyne.DoAndWait(func() { m.records.editEvent(e) })
	theirs = e
	theirs.Title = "Claude 3 family released"
	if _, err := other.SaveEvent(context.Background(), theirs); err != nil {
		t.Fatal(err)
	}
	fyne.DoAndWait(func() {
		retitle(t, m, "Claude 3 Opus released")
		test.Tap(uitest.Button(t, topOverlay(t, m), "Save"))
	})
	return m, other, e, theirs
}

// Saving an event form after someone else saved the event is refused and
// asks; Keep yours then saves over their version, knowingly.
func TestAChangedEventAsksAndKeepYoursSavesOverTheirs(t *testing.T) {
	m, other, e, theirs := savedOverTheirs(t)
	if got := storedTitle(t, other, e.ID); got != theirs.Title {
		t.Fatalf("a save over someone else's later save went through: the title is %q", got)
	}
	form := topOverlay(t, m)
	if texts := uitest.LabelTexts(form); !strings.Contains(texts, "Someone else saved this record") {
		t.Fatalf("the form does not say why it was not saved: %q", texts)
	}
	if uitest.Button(t, form, "Save").Disabled() == false {
		t.Error("Save is enabled while the form asks what to do")
	}
	fyne.DoAndWait(func() { test.Tap(uitest.Button(t, form, "Keep yours")) })
	if got := storedTitle(t, other, e.ID); got != "Claude 3 Opus released" {
		t.Fatalf("Keep yours saved %q", got)
	}
	if m.win.Canvas().Overlays().Top() != nil {
		t.Error("the form stays open after Keep yours saved it")
	}
}

// Show their version opens the form again with the record as stored
// now, what was typed kept above it to copy; saving then is no conflict.
func TestAChangedEventShowsTheirVersionAndKeepsWhatWasTyped(t *testing.T) {
	m, other, e, theirs := savedOverTheirs(t)
	tapOverlay(t, m, "Show their version")
	form := topOverlay(t, m)
	if got := formEntries(t, m)[0].Text; got != theirs.Title {
		t.Fatalf("their version shows the title %q", got)
	}
	var yours *widget.Label
	for _, l := range uitest.ShownIn[*widget.Label](form) {
		if strings.Contains(l.Text, "Claude 3 Opus released") {
			yours = l
		}
	}
	if yours == nil || !yours.Selectable {
		t.Fatalf("what was typed is not shown to copy: %q", uitest.LabelTexts(form))
	}
	if got := storedTitle(t, other, e.ID); got != theirs.Title {
		t.Fatalf("showing their version saved something: %q", got)
	}
	fyne.DoAndWait(func() {
		retitle(t, m, "Claude 3 family released in March")
		test.Tap(uitest.Button(t, form, "Save"))
	})
	if got := storedTitle(t, other, e.ID); got != "Claude 3 family released in March" {
		t.Fatalf("a save after showing their version saved %q", got)
	}
}

// A prediction's form asks the same, and deleting a record someone else
// changed since asks before it deletes.
func TestAChangedPredictionAsksAndAChangedDeleteAsks(t *testing.T) {
	target := pgtest.DB(t)
	other := otherClient(t, target)
	ctx := context.Background()
	made := when.MustParse("2024-01")
	deadline, err := when.ParseDeadline("by end of 2025", made)
	if err != nil {
		t.Fatal(err)
	}
	p, err := other.SavePrediction(ctx, model.Prediction{Statement: "AGI by 2025", Source: "A blog", Made: made, Deadline: deadline})
	if err != nil {
		t.Fatal(err)
	}
	inLine(t)
	m := openShared(t, target)
	fyne.DoAndWait(func() { m.records.editPrediction(p) })
	theirs := p
	theirs.Criteria = "A lab says so"
	if _, err := other.SavePrediction(ctx, theirs); err != nil {
		t.Fatal(err)
	}
	tapAndAsked(t, m, "Save", "Someone else saved this record")
	tapOverlay(t, m, "Keep yours")
	if got, _, err := other.Versions().PredictionAt(ctx, p.ID); err != nil || got.Criteria != "" {
		t.Fatalf("Keep yours left %+v, %v", got.Criteria, err)
	}

	e := addEvent(t, other, "To be deleted")
	fyne.DoAndWait(func() {
		m.reload(false)
		m.records.deleteEvent(e)
	})
	changed := e
	changed.Title = "Changed before the delete"
	if _, err := other.SaveEvent(ctx, changed); err != nil {
		t.Fatal(err)
	}
	tapAndAsked(t, m, "Yes", "Someone else changed this record")
	if got := storedTitle(t, other, e.ID); got != changed.Title {
		t.Fatalf("the changed event: %q", got)
	}
	tapOverlay(t, m, "Delete anyway")
	if _, err := other.Event(ctx, e.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Delete anyway left the event: %v", err)
	}
}

var viewers atomic.Int64

// viewerOf creates a role with a viewer's grants on target's database and
// returns its address, password included.
func viewerOf(t *testing.T, target string) string {
	t.Helper()
	srv := pgtest.Shared(t)
	db := pgtest.DatabaseName(t, target)
	role := fmt.Sprintf("viewer_%d_%d", time.Now().UnixNano()%1e6, viewers.Add(1))
	ctx := context.Background()
	if err := srv.Exec(ctx, "postgres", "CREATE ROLE "+role+" LOGIN PASSWORD 'look-only'"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Exec(ctx, db, "GRANT USAGE ON SCHEMA public TO "+role+"; GRANT SELECT ON ALL TABLES IN SCHEMA public TO "+role); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = srv.Exec(context.Background(), db, "DROP OWNED BY "+role)
		_ = srv.Exec(context.Background(), "postgres", "DROP ROLE IF EXISTS "+role)
	})
	return srv.URL(db, role, "look-only")
}

// A viewer's window opens read-only: every editing action is disabled
// and says why, the status bar says so, and nothing errors.
func TestAViewersWindowIsReadOnly(t *testing.T) {
	target, owner, e := otherAdded(t, "Visible to viewers")
	onServer := eventCount(t, owner) // the seed and the one added
	m := openShared(t, viewerOf(t, target))

	if top := m.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("the viewer's window opened with a dialog: %q", uitest.LabelTexts(top))
	}
	if m.lib.EventCount != onServer {
		t.Fatalf("the viewer sees %d events, want %d", m.lib.EventCount, onServer)
	}
	if !strings.Contains(m.shared.bar.Status().Text, "read-only") || !strings.Contains(m.shared.bar.Status().Text, "Shared:") {
		t.Errorf("the status bar says %q", m.shared.bar.Status().Text)
	}
	if strings.Contains(m.win.Title(), "look-only") || strings.Contains(m.status.Text, "look-only") {
		t.Errorf("the password shows: %q, %q", m.win.Title(), m.status.Text)
	}
	for _, w := range m.shared.editing {
		if !w.Disabled() {
			t.Errorf("%v is enabled", w)
		}
	}
	for _, item := range append(m.shared.menus, m.undoItem, m.redoItem) {
		if !item.Disabled {
			t.Errorf("the menu item %q is enabled", item.Label)
		}
	}
	fyne.DoAndWait(func() { m.showSelection(app.EventSelection(e.ID)) })
	for _, label := range []string{"Edit…", "Delete…", "Use as evidence…"} {
		if !uitest.Button(t, m.detail.Object(), label).Disabled() {
			t.Errorf("the detail panel's %q is enabled", label)
		}
	}
	if texts := uitest.LabelTexts(m.detail.Object()); !strings.Contains(texts, "may only read") {
		t.Errorf("the detail panel does not say why: %q", texts)
	}
	// A shortcut still reaches the action: it says why instead.
	fyne.DoAndWait(func() { m.records.newEvent(when.Date{}) })
	if texts := uitest.LabelTexts(topOverlay(t, m)); !strings.Contains(texts, "may only read") {
		t.Errorf("New event on a viewer's window says %q", texts)
	}
	// Panning writes the view as a setting, which a viewer cannot keep:
	// it is kept for this run, without a word.
	fyne.DoAndWait(func() { m.viewChanged() })
	m.user.flush()
	if n := len(m.win.Canvas().Overlays().List()); n != 1 {
		t.Errorf("%d dialogs are open, want only the read-only note", n)
	}
}

// The connect dialog connects with a password typed for this connection
// only, says why when it cannot, and remembers the server without the
// password.
func TestConnectDialogConnectsAndRemembersNoPassword(t *testing.T) {
	target := pgtest.DB(t)
	other := otherClient(t, target)
	addEvent(t, other, "On the server")
	onServer := eventCount(t, other) // the seed and the one added
	srv := pgtest.Shared(t)
	db := pgtest.DatabaseName(t, target)
	role := fmt.Sprintf("editor_%d", time.Now().UnixNano()%1e6)
	ctx := context.Background()
	if err := srv.Exec(ctx, "postgres", "CREATE ROLE "+role+" LOGIN PASSWORD 'right-one'"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Exec(ctx, db, "GRANT ALL ON SCHEMA public TO "+role+"; GRANT ALL ON ALL TABLES IN SCHEMA public TO "+role+
		"; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "+role); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = srv.Exec(context.Background(), db, "DROP OWNED BY "+role)
		_ = srv.Exec(context.Background(), "postgres", "DROP ROLE IF EXISTS "+role)
	})
	t.Setenv("PGPASSWORD", "")
	t.Setenv("PGPASSFILE", t.TempDir()+"/none")

	m, _ := openWindow(t) // a file first
	address := srv.URL(db, role, "")
	try := func(address, password string) *shareddb.Dialog {
		var c *shareddb.Dialog
		fyne.DoAndWait(func() {
			c = m.shared.connect("")
			c.Fill(address, password)
			c.Connect()
		})
		return c
	}
	for _, bad := range []struct{ address, password, says string }{
		{address, "wrong-one", "refused the password"},
		{srv.URL("no_such_db", role, ""), "right-one", "has no database no_such_db"},
		{strings.Replace(address, url.QueryEscape(srv.SocketDir()), url.QueryEscape(t.TempDir()), 1), "right-one", "No database server answered"},
	} {
		c := try(bad.address, bad.password)
		says, detail, shown := c.Message()
		if !shown || !strings.Contains(says, bad.says) || strings.Contains(says+detail, bad.password) {
			t.Errorf("connecting to %s: the dialog says %q, want %q", bad.address, says, bad.says)
		}
		if m.win.Canvas().Overlays().Top() == nil {
			t.Errorf("the dialog closed after a failure")
		}
		fyne.DoAndWait(c.Close)
	}

	try(address, "right-one")
	uitest.WaitFor(t, "the shared database", func() bool { return m.session != nil && m.session.Shared() && m.loaded && m.lib.EventCount == onServer })
	if strings.Contains(m.session.Path(), "right-one") || strings.Contains(m.win.Title(), "right-one") {
		t.Errorf("the password shows: %q", m.win.Title())
	}
	recent := shareddb.Recent(m.app.Preferences())
	if len(recent) != 1 || strings.Contains(recent[0], "right-one") || !strings.Contains(recent[0], role) {
		t.Errorf("recent servers: %q", recent)
	}
	if !strings.Contains(m.shared.bar.Status().Text, "connected") || !strings.Contains(m.shared.bar.Status().Text, db) {
		t.Errorf("the status bar says %q", m.shared.bar.Status().Text)
	}
}

// uiCalls takes the window's hand-overs to the UI goroutine (watching for
// changes and following the connection) into a queue that the test runs
// on its own goroutine, as Fyne's test driver would race otherwise.
func uiCalls(t *testing.T) (run func(until func() bool, within time.Duration) bool) {
	calls := make(chan func(), 1000)
	saved, savedWatch := onUIGoroutine, watchForChanges
	onUIGoroutine = func(f func()) { calls <- f }
	watchForChanges = true
	t.Cleanup(func() { onUIGoroutine, watchForChanges = saved, savedWatch })
	return func(until func() bool, within time.Duration) bool {
		deadline := time.After(within)
		for !until() {
			select {
			case f := <-calls:
				f()
			case <-deadline:
				return false
			}
		}
		return true
	}
}

// A change by another client shows in the window within a second,
// keeping the selection.
func TestAnotherClientsChangeShowsWithinASecond(t *testing.T) {
	target, other, e := otherAdded(t, "Selected")
	run := uiCalls(t)
	m := openShared(t, target)
	fyne.DoAndWait(func() { m.showSelection(app.EventSelection(e.ID)) })
	run(func() bool { return false }, 300*time.Millisecond) // the window's own first announcements

	before := m.lib.EventCount
	started := time.Now()
	addEvent(t, other, "Added by someone else")
	shown := run(func() bool { return m.lib.EventCount == before+1 }, time.Second)
	if !shown {
		t.Fatalf("another client's event was not shown within a second")
	}
	t.Logf("shown after %v", time.Since(started))
	if m.timeline.Selected() != app.EventSelection(e.ID) {
		t.Errorf("the selection moved to %+v", m.timeline.Selected())
	}
}

// A lost connection shows a banner with the next attempt's time; a form
// open meanwhile keeps what was typed, a save says the connection is lost,
// and the same save works once it is back.
func TestALostConnectionShowsABannerAndKeepsTheForm(t *testing.T) {
	target, other, e := otherAdded(t, "Before the outage")
	run := uiCalls(t)
	m := openShared(t, target)

	fyne.DoAndWait(func() {
		m.records.editEvent(e)
		retitle(t, m, "Typed during the outage")
	})
	form := topOverlay(t, m)
	allow := pgtest.Shared(t).CutOff(t, pgtest.DatabaseName(t, target))
	limit := app.HeartbeatInterval + app.HeartbeatTimeout + time.Second
	if !run(func() bool { return m.shared.bar.Banner().Visible() }, limit) {
		t.Fatalf("no banner within %v of losing the connection", limit)
	}
	if text := m.shared.bar.BannerText(); !strings.Contains(text, "Connection lost") || !strings.Contains(text, "trying again at") {
		t.Errorf("the banner says %q", text)
	}
	if !strings.Contains(m.shared.bar.Status().Text, "connection lost") {
		t.Errorf("the status bar says %q", m.shared.bar.Status().Text)
	}
	if m.win.Canvas().Overlays().Top() != form || formEntries(t, m)[0].Text != "Typed during the outage" {
		t.Fatal("the form did not stay open with what was typed")
	}
	fyne.DoAndWait(func() { test.Tap(uitest.Button(t, form, "Save")) })
	if texts := uitest.LabelTexts(form); !strings.Contains(texts, "connection to the shared database is lost") {
		t.Errorf("a save while the connection is lost says %q", texts)
	}
	if m.win.Canvas().Overlays().Top() != form {
		t.Fatal("a failed save closed the form")
	}

	allow()
	limit = app.RetryMost + app.HeartbeatTimeout + time.Second
	if !run(func() bool { return !m.shared.bar.Banner().Visible() }, limit) {
		t.Fatalf("the banner stays %v after the connection came back", limit)
	}
	if !strings.Contains(m.shared.bar.Status().Text, "connected") {
		t.Errorf("the status bar says %q", m.shared.bar.Status().Text)
	}
	fyne.DoAndWait(func() { test.Tap(uitest.Button(t, form, "Save")) })
	if got := storedTitle(t, other, e.ID); got != "Typed during the outage" {
		t.Fatalf("the save after the connection came back stored %q", got)
	}
}

// Undo over another client's later change is refused, and the window
// says who stands in the way and that nothing changed.
func TestUndoOverAnotherClientsChangeSaysWhy(t *testing.T) {
	target := pgtest.DB(t)
	other := otherClient(t, target)
	inLine(t)
	m := openShared(t, target)
	ctx := context.Background()
	e, err := m.session.SaveEvent(ctx, model.Event{Title: "Mine first", Date: when.MustParse("2024-05-01"), Category: model.CategoryOther})
	if err != nil {
		t.Fatal(err)
	}
	theirs := e
	theirs.Title = "Theirs after"
	if _, err := other.SaveEvent(ctx, theirs); err != nil {
		t.Fatal(err)
	}
	fyne.DoAndWait(func() {
		m.reload(false)
		m.history.undo()
	})
	texts := uitest.LabelTexts(topOverlay(t, m))
	if !strings.Contains(texts, "Someone else (") || !strings.Contains(texts, "Nothing was changed") {
		t.Errorf("the refusal says %q", texts)
	}
	if got := storedTitle(t, other, e.ID); got != theirs.Title {
		t.Errorf("the refused undo left %q", got)
	}
}
