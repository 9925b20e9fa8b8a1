package filterbar

import (
	"context"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/storetest"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/ui/uitest"
)

// filterRecorder keeps every filter the bar reports.
type filterRecorder struct{ got []filter.Filter }

func (r *filterRecorder) record(f filter.Filter) { r.got = append(r.got, f) }

func (r *filterRecorder) last(t *testing.T) filter.Filter {
	t.Helper()
	if len(r.got) == 0 {
		t.Fatal("onChange was never called")
	}
	return r.got[len(r.got)-1]
}

// seedChoices are the actors and tags of the seed, as the main window
// would pass them.
func filterSeedChoices(t *testing.T) (actors, tags []string) {
	t.Helper()
	events, preds := storetest.Records(t, storetest.OpenSeeded(t))
	for _, e := range events {
		if !slices.Contains(actors, e.Actor) {
			actors = append(actors, e.Actor)
		}
		for _, tag := range e.Tags {
			if !slices.Contains(tags, tag) {
				tags = append(tags, tag)
			}
		}
	}
	for _, p := range preds {
		for _, tag := range p.Tags {
			if !slices.Contains(tags, tag) {
				tags = append(tags, tag)
			}
		}
	}
	return actors, tags
}

// filterTestSession is the database every bar of one test shares, as
// the windows of one person share theirs; filterTestData keeps the bars'
// views and filter in it.
var (
	filterTestSession *app.Session
	filterTestData    sessionKeeper
)

// sessionKeeper keeps the views and the filter in the test's database, at
// once (the window's keeper writes them a moment later, off the UI
// goroutine, in the same settings).
type sessionKeeper struct {
	s *app.Session
	t *testing.T
}

func (k sessionKeeper) SaveView(v filter.SavedView, done func(error)) {
	done(k.s.User().SaveView(context.Background(), v))
}

func (k sessionKeeper) DeleteView(name string, done func(error)) {
	done(k.s.User().DeleteView(context.Background(), name))
}

func (k sessionKeeper) KeepFilter(f filter.Filter) {
	data, err := json.Marshal(f)
	if err == nil {
		err = k.s.User().SetSetting(context.Background(), app.SettingFilter, string(data))
	}
	if err != nil {
		k.t.Error(err)
	}
}

// newTestFilterBar puts a bar in a headless window 1000 wide, with the
// app's theme, showing what the test's database holds as a window shows
// it when it opens.
func newTestFilterBar(t *testing.T) (*Bar, *filterRecorder, fyne.Window) {
	t.Helper()
	rec := &filterRecorder{}
	win := test.NewTempWindow(t, widget.NewLabel(""))
	b := New(win, filterTestData, rec.record, nil)
	u, err := filterTestSession.User().Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b.SetViews(u.Views)
	var f filter.Filter
	if text := u.Settings[app.SettingFilter]; text != "" {
		if err := json.Unmarshal([]byte(text), &f); err != nil {
			f = filter.Filter{}
		}
	}
	b.Show(f)
	win.SetContent(b.Object())
	win.Resize(fyne.NewSize(1000, 400))
	return b, rec, win
}

// newFilterTestApp starts an app and opens a database for the bars of one
// test; writes run at once.
func newFilterTestApp(t *testing.T) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(look.NewTheme())
	s := storetest.Opened(t, app.Open)
	filterTestSession = s
	filterTestData = sessionKeeper{s, t}
	t.Cleanup(func() { filterTestSession, filterTestData = nil, sessionKeeper{} })
}

// storedSetting reads a setting as the database holds it.
func storedSetting(t *testing.T, key string) string {
	t.Helper()
	u, err := filterTestSession.User().Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return u.Settings[key]
}

// filterChecks finds every check box on show inside o.
func filterChecks(o fyne.CanvasObject) []*widget.Check { return uitest.ShownIn[*widget.Check](o) }

// pick opens p's pop-up, ticks the item labelled label and closes it.
func filterTick(t *testing.T, w fyne.Window, p *picker, label string) {
	t.Helper()
	test.Tap(p.button)
	top := w.Canvas().Overlays().Top()
	if top == nil || top != p.popUp {
		t.Fatalf("tapping %q shows no checklist", p.button.Text)
	}
	if p.search != nil { // a long list shows only what fits
		test.Type(p.search, label)
	}
	var labels []string
	for _, c := range filterChecks(top) {
		labels = append(labels, c.Text)
		if c.Text == label {
			test.Tap(c)
			p.popUp.Hide()
			return
		}
	}
	t.Fatalf("no %q among %q", label, labels)
}

func TestFilterBarChoosing(t *testing.T) {
	newFilterTestApp(t)
	b, rec, w := newTestFilterBar(t)
	b.SetChoices(filterSeedChoices(t))
	if !b.clear.Disabled() || !b.Current().IsZero() {
		t.Fatalf("a new bar shows %+v, Clear enabled: %v", b.Current(), !b.clear.Disabled())
	}

	filterTick(t, w, b.categories, "Model")
	if got := rec.last(t); !slices.Equal(got.Categories, []model.Category{model.CategoryModel}) {
		t.Errorf("after ticking Model: %+v", got)
	}
	filterTick(t, w, b.categories, "People")
	if got := rec.last(t); !slices.Equal(got.Categories, []model.Category{model.CategoryModel, model.CategoryPeople}) {
		t.Errorf("after ticking People: %+v", got)
	}
	if b.categories.button.Text != "Category (2)" || b.clear.Disabled() {
		t.Errorf("button %q, Clear disabled %v", b.categories.button.Text, b.clear.Disabled())
	}
	// Ticked values come first when the list opens again; unticking drops one.
	test.Tap(b.categories.button)
	if checks := filterChecks(b.categories.popUp); len(checks) < 2 || checks[0].Text != "Model" || !checks[0].Checked || checks[1].Text != "People" {
		t.Fatalf("reopened list starts %v", checks[:min(2, len(checks))])
	}
	test.Tap(filterChecks(b.categories.popUp)[1])
	b.categories.popUp.Hide()
	if got := rec.last(t); !slices.Equal(got.Categories, []model.Category{model.CategoryModel}) {
		t.Errorf("after unticking People: %+v", got)
	}

	// The actor list is long enough to search.
	test.Tap(b.actors.button)
	if b.actors.search == nil {
		t.Fatalf("no search box among %d actors", len(b.actors.options))
	}
	test.Type(b.actors.search, "deep")
	checks := filterChecks(b.actors.popUp)
	if len(checks) != 1 || checks[0].Text != "DeepSeek" {
		t.Fatalf("searching deep lists %v", checks)
	}
	test.Tap(checks[0])
	test.Type(b.actors.search, "zzz")
	if len(filterChecks(b.actors.popUp)) != 0 || !b.actors.empty.Visible() || b.actors.empty.Text != "No matches" {
		t.Errorf("a search that matches nothing says %q", b.actors.empty.Text)
	}
	b.actors.popUp.Hide()
	if got := rec.last(t); !slices.Equal(got.Actors, []string{"DeepSeek"}) {
		t.Errorf("after ticking DeepSeek: %+v", got)
	}

	filterTick(t, w, b.tags, "open-weights")
	filterTick(t, w, b.states, "True")
	got := rec.last(t)
	if !slices.Equal(got.Tags, []string{"open-weights"}) || !slices.Equal(got.States, []model.State{model.StateTrue}) {
		t.Errorf("after tags and state: %+v", got)
	}
	if b.tags.button.Text != "Tags (1)" || b.states.button.Text != "State (1)" || b.actors.button.Text != "Actor (1)" {
		t.Errorf("buttons %q %q %q", b.actors.button.Text, b.tags.button.Text, b.states.button.Text)
	}

	// Dates apply on Return.
	n := len(rec.got)
	test.Type(b.from, "2023-11")
	if len(rec.got) != n {
		t.Error("typing a date reports at once, before it is complete")
	}
	b.from.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := rec.last(t); got.From != "2023-11" || got.To != "" {
		t.Errorf("after typing a date: %+v", got)
	}
	if b.dateNoteBox.Visible() {
		t.Errorf("a readable date is flagged: %q", b.dateNote.Text)
	}
	test.Type(b.to, "the twelfth of never")
	b.to.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	got = rec.last(t)
	if got.To != "the twelfth of never" || !b.dateNoteBox.Visible() || b.dateNote.Text != "Not a date: ignored" {
		t.Errorf("an unreadable date: %+v, note %q", got, b.dateNote.Text)
	}
	if w := got.Window(); w.ToErr == nil || w.Lo != w.From.Earliest() || w.Hi != filter.MaxDay {
		t.Errorf("the unreadable end is not ignored: %+v", w)
	}
	if b.to.Validate() != nil {
		t.Error("the entry has a validator; only SetValidationError should mark it")
	}

	// Clear resets everything, once, and disables itself.
	n = len(rec.got)
	test.Tap(b.clear)
	if len(rec.got) != n+1 || !rec.last(t).IsZero() || !b.Current().IsZero() {
		t.Errorf("after Clear: %d reports, %+v", len(rec.got)-n, b.Current())
	}
	if !b.clear.Disabled() || b.categories.button.Text != "Category" || b.from.Text != "" || b.to.Text != "" || b.dateNoteBox.Visible() {
		t.Errorf("after Clear: Clear disabled %v, %q, from %q, to %q", b.clear.Disabled(), b.categories.button.Text, b.from.Text, b.to.Text)
	}
}

func TestFilterBarReversedDates(t *testing.T) {
	newFilterTestApp(t)
	b, rec, _ := newTestFilterBar(t)
	test.Type(b.from, "2025")
	test.Type(b.to, "2023")
	b.to.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := rec.last(t); got.From != "2025" || got.To != "2023" || got.Window().Set() {
		t.Errorf("reversed window: %+v", got)
	}
	if !strings.Contains(b.dateNote.Text, "ignored") {
		t.Errorf("reversed dates say %q", b.dateNote.Text)
	}
}

// Typing in a date box applies the date a moment after the last key.
func TestFilterBarDateAppliesAfterTyping(t *testing.T) {
	newFilterTestApp(t)
	b, rec, _ := newTestFilterBar(t)
	var pending []func()
	cancelled := 0
	b.schedule = func(d time.Duration, f func()) func() {
		if d < 200*time.Millisecond || d > 2*time.Second {
			t.Errorf("dates apply %v after typing", d)
		}
		pending = append(pending, f)
		return func() { cancelled++ }
	}
	test.Type(b.to, "mid-2024")
	if len(pending) != len("mid-2024") || cancelled != len(pending)-1 || len(rec.got) != 0 {
		t.Fatalf("typing 8 keys: %d scheduled, %d cancelled, %d reported", len(pending), cancelled, len(rec.got))
	}
	pending[len(pending)-1]()
	if len(rec.got) != 1 || rec.last(t).To != "mid-2024" {
		t.Errorf("reported %+v", rec.got)
	}
	// Return applies at once and drops what was pending.
	test.Type(b.from, "2023")
	b.from.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(rec.got) != 2 || rec.last(t).From != "2023" || cancelled != len(pending) {
		t.Errorf("after Return: %+v, %d of %d cancelled", rec.got, cancelled, len(pending))
	}
	// Applying the same text again reports nothing.
	pending[len(pending)-1]()
	if len(rec.got) != 2 {
		t.Errorf("a stale timer reported again: %+v", rec.got)
	}
}

func TestAfterDelay(t *testing.T) {
	ran := make(chan bool, 1)
	afterDelay(time.Millisecond, func() { ran <- true })
	select {
	case <-ran:
	case <-time.After(5 * time.Second):
		t.Fatal("the delayed function never ran")
	}
	cancel := afterDelay(20*time.Millisecond, func() { ran <- true })
	cancel()
	select {
	case <-ran:
		t.Error("a cancelled function ran")
	case <-time.After(200 * time.Millisecond):
	}
}

func TestFilterBarRestoresCurrent(t *testing.T) {
	newFilterTestApp(t)
	b, _, w := newTestFilterBar(t)
	b.SetChoices([]string{"OpenAI", "DeepSeek"}, []string{"llm", "open-weights"})
	filterTick(t, w, b.categories, "Funding")
	filterTick(t, w, b.actors, "OpenAI")
	filterTick(t, w, b.states, "Open")
	test.Type(b.from, "Q3 2023")
	b.from.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	want := b.Current()

	var stored filter.Filter
	if err := json.Unmarshal([]byte(storedSetting(t, app.SettingFilter)), &stored); err != nil || !stored.SameAs(want) {
		t.Fatalf("stored %+v (%v), want %+v", stored, err, want)
	}

	again, rec, _ := newTestFilterBar(t)
	if got := again.Current(); !got.SameAs(want) || got.From != "Q3 2023" {
		t.Errorf("restored %+v, want %+v", got, want)
	}
	if len(rec.got) != 0 {
		t.Error("restoring reports the filter")
	}
	if again.categories.button.Text != "Category (1)" || again.actors.button.Text != "Actor (1)" || again.from.Text != "Q3 2023" || again.clear.Disabled() {
		t.Errorf("restored bar shows %q, %q, from %q", again.categories.button.Text, again.actors.button.Text, again.from.Text)
	}
	// The restored actor stays chosen when the data arrives, matched
	// regardless of case.
	again.SetChoices([]string{"Anthropic", "openai"}, nil)
	if got := again.Current().Actors; !slices.Equal(got, []string{"openai"}) {
		t.Errorf("after SetChoices the actors are %v", got)
	}
	again.SetChoices([]string{"Anthropic"}, nil)
	if got := again.Current().Actors; !slices.Equal(got, []string{"openai"}) {
		t.Errorf("an actor missing from the data is dropped: %v", got)
	}

	if err := filterTestSession.User().SetSetting(context.Background(), app.SettingFilter, "{not json"); err != nil {
		t.Fatal(err)
	}
	broken, _, _ := newTestFilterBar(t)
	if !broken.Current().IsZero() {
		t.Errorf("unreadable saved filter gives %+v", broken.Current())
	}
}

// menuItem finds the item labelled label in m.
func filterMenuItem(t *testing.T, m *fyne.Menu, label string) *fyne.MenuItem {
	t.Helper()
	var labels []string
	for _, it := range m.Items {
		if it.Label == label {
			return it
		}
		labels = append(labels, it.Label)
	}
	t.Fatalf("no %q in menu %q", label, labels)
	return nil
}

func TestFilterBarSavedViews(t *testing.T) {
	newFilterTestApp(t)
	b, _, w := newTestFilterBar(t)
	b.SetChoices([]string{"OpenAI"}, []string{"open-weights", "llm"})

	if save := filterMenuItem(t, b.viewsMenuItems(), "Save current filter as…"); !save.Disabled {
		t.Error("an empty filter can be saved as a view")
	}
	filterMenuItem(t, b.viewsMenuItems(), "No saved views")

	filterTick(t, w, b.categories, "Model")
	filterTick(t, w, b.tags, "open-weights")
	test.Type(b.from, "2023")
	b.from.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	saved := b.Current()

	// Save through the menu and the dialog it opens.
	save := filterMenuItem(t, b.viewsMenuItems(), "Save current filter as…")
	if save.Disabled {
		t.Fatal("Save disabled with a filter set")
	}
	save.Action()
	if b.saveDialog == nil || b.nameEntry == nil {
		t.Fatal("no dialog asks for a name")
	}
	test.Type(b.nameEntry, "Open models since 2023")
	b.saveDialog.Submit()
	if got := b.Views(); !slices.Equal(got, []string{"Open models since 2023"}) {
		t.Fatalf("views after saving: %q", got)
	}
	// A blank name is refused.
	filterMenuItem(t, b.viewsMenuItems(), "Save current filter as…").Action()
	test.Type(b.nameEntry, "   ")
	b.saveDialog.Submit()
	if len(b.Views()) != 1 {
		t.Errorf("a blank name saved a view: %q", b.Views())
	}
	b.saveDialog.Hide()

	// The view showing now is ticked.
	if it := filterMenuItem(t, b.viewsMenuItems(), "Open models since 2023"); !it.Checked {
		t.Error("the view shown is not ticked")
	}
	test.Tap(b.clear)
	if it := filterMenuItem(t, b.viewsMenuItems(), "Open models since 2023"); it.Checked {
		t.Error("a view is ticked after Clear")
	}

	// A new bar on the same database has the view; applying it
	// restores the filter and reports it.
	again, rec, againWin := newTestFilterBar(t)
	if !again.Current().IsZero() {
		t.Errorf("the cleared filter comes back as %+v", again.Current())
	}
	filterMenuItem(t, again.viewsMenuItems(), "Open models since 2023").Action()
	if got := again.Current(); !got.SameAs(saved) || !rec.last(t).SameAs(saved) {
		t.Errorf("applying the view gives %+v, reported %+v, want %+v", got, rec.last(t), saved)
	}
	if again.categories.button.Text != "Category (1)" || again.from.Text != "2023" {
		t.Errorf("the bar shows %q, from %q", again.categories.button.Text, again.from.Text)
	}

	// Saving under the same name replaces the view.
	filterTick(t, againWin, again.categories, "Product")
	again.saveView("Open models since 2023")
	again.saveView("Second")
	if got := again.Views(); !slices.Equal(got, []string{"Open models since 2023", "Second"}) {
		t.Errorf("views: %q", got)
	}

	// Delete through the submenu; the database follows.
	del := filterMenuItem(t, again.viewsMenuItems(), "Delete view")
	if del.ChildMenu == nil || len(del.ChildMenu.Items) != 2 {
		t.Fatalf("Delete view submenu: %+v", del.ChildMenu)
	}
	filterMenuItem(t, del.ChildMenu, "Open models since 2023").Action()
	third, _, _ := newTestFilterBar(t)
	if got := third.Views(); !slices.Equal(got, []string{"Second"}) {
		t.Errorf("after deleting, views %q", got)
	}
	stored, err := filterTestSession.User().Load(context.Background())
	if err != nil || len(stored.Views) != 1 ||
		!slices.Equal(stored.Views[0].Filter.Categories, []model.Category{model.CategoryModel, model.CategoryProduct}) {
		t.Errorf("stored views %+v (%v)", stored.Views, err)
	}
	if fyne.CurrentApp().Preferences().String("filters.views") != "" {
		t.Error("the views were written to the preferences")
	}
}

func TestFilterBarViewsMenuShows(t *testing.T) {
	newFilterTestApp(t)
	b, _, w := newTestFilterBar(t)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("an overlay before anything was tapped")
	}
	test.Tap(b.viewsMenu)
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("tapping Views shows no menu")
	}
}

// The bar fits a window 1000 wide even with every control in use.
func TestFilterBarFits(t *testing.T) {
	newFilterTestApp(t)
	b, _, _ := newTestFilterBar(t)
	for _, to := range []string{"sometime", "2020"} { // unreadable, reversed
		b.Apply(filter.Filter{
			Categories: []model.Category{model.CategoryModel, model.CategoryProduct},
			Actors:     []string{"OpenAI", "DeepSeek", "Meta AI"},
			Tags:       []string{"open-weights", "llm", "agents", "scaling", "reasoning", "gpt-4", "china", "chatgpt", "gpts", "safety"},
			States:     []model.State{model.StateTrue, model.StateFalse},
			From:       "2023-11",
			To:         to,
		})
		if !b.dateNoteBox.Visible() {
			t.Errorf("to %q is not flagged", to)
		}
		if width := b.Object().MinSize().Width; width > 1000 {
			t.Errorf("with to %q the bar needs %v px", to, width)
		}
	}
	if h, button := b.Object().MinSize().Height, b.clear.MinSize().Height; h > button+1 {
		t.Errorf("the bar is %v high, a button %v", h, button)
	}
}

// TestFilterBarScreenshot renders the bar with a few choices made, then
// with its lists and menu open, into docs/screenshots (or the folder
// HINDSIGHT_SCREENSHOT_DIR names):
//
//	HINDSIGHT_SCREENSHOTS=1 go test -run TestFilterBarScreenshot ./internal/ui
func TestFilterBarScreenshot(t *testing.T) {
	if os.Getenv("HINDSIGHT_SCREENSHOTS") == "" {
		t.Skip("set HINDSIGHT_SCREENSHOTS=1 to write docs/screenshots/filter-bar-*.png")
	}
	dir := os.Getenv("HINDSIGHT_SCREENSHOT_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "docs", "screenshots")
	}
	newFilterTestApp(t)
	b, _, w := newTestFilterBar(t)
	b.SetChoices(filterSeedChoices(t))
	b.Apply(filter.Filter{
		Categories: []model.Category{model.CategoryModel, model.CategoryProduct},
		Tags:       []string{"open-weights"},
		States:     []model.State{model.StateTrue},
		From:       "2023",
		To:         "2024-13",
	})
	shown := b.Current()
	b.saveView("Open models, 2023 on")
	b.Apply(filter.Filter{From: "2023", To: "2023"})
	b.saveView("2023 in review")
	b.Apply(shown)
	// Above the tabs, as the main window shows it.
	below := widget.NewLabel("Timeline")
	w.SetContent(container.NewBorder(b.Object(), nil, nil, nil, below))
	w.Resize(fyne.NewSize(1000, 560))
	shoot := func(name string) {
		out, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer out.Close()
		if err := png.Encode(out, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	shoot("filter-bar-en.png")
	test.Tap(b.categories.button)
	shoot("filter-bar-category-en.png")
	b.categories.popUp.Hide()
	test.Tap(b.tags.button)
	shoot("filter-bar-tags-en.png")
	b.tags.popUp.Hide()
	test.Tap(b.states.button)
	shoot("filter-bar-state-en.png")
	b.states.popUp.Hide()
	test.Tap(b.viewsMenu)
	shoot("filter-bar-views-en.png")
	w.Canvas().Overlays().Top().Hide()
	b.askViewName()
	shoot("filter-bar-save-en.png")
}

// TestSaveViewTakesEnter: the name of a view is saved with Enter.
func TestSaveViewTakesEnter(t *testing.T) {
	newFilterTestApp(t)
	b, _, _ := newTestFilterBar(t)
	b.Apply(filter.Filter{From: "2023"})
	b.askViewName()
	test.Type(b.nameEntry, "Since 2023")
	b.nameEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := b.Views(); len(got) != 1 || got[0] != "Since 2023" {
		t.Errorf("views after Enter: %q", got)
	}
}
