package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/ui/detail"
	"github.com/hindsight-app/hindsight/internal/ui/due"
	"github.com/hindsight-app/hindsight/internal/ui/filterbar"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/linkgate"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/ui/shareddb"
	"github.com/hindsight-app/hindsight/internal/ui/tables"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview"
	"github.com/hindsight-app/hindsight/internal/ui/trackrecord"
	"github.com/hindsight-app/hindsight/internal/ui/transfer"
	"github.com/hindsight-app/hindsight/internal/when"
)

// background runs slow work (database reads and writes) off the UI
// goroutine; the work hands its results back through fyne.Do. Tests run it
// in line instead: Fyne's test driver runs fyne.Do on the calling
// goroutine, so a real goroutine would race with the test's own.
var background = func(work func()) { go work() }

// inBackground runs work through background, as it is when called: the
// screens of the window are handed this, so that tests that run the
// background in line reach them too.
func inBackground(work func()) { background(work) }

// watchForChanges turns on watching the database for changes made
// elsewhere; onUIGoroutine is how the watcher hands its reload to the UI
// goroutine. Fyne's test driver runs fyne.Do on the calling goroutine, so
// tests turn watching off, or take the reload in themselves.
var (
	watchForChanges = true
	onUIGoroutine   = fyne.Do
)

// Preference keys.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
)

// MainWindow is Hindsight's one window: a toolbar, the timeline and the
// lists in tabs, and a detail panel for the selection.
type MainWindow struct {
	app fyne.App
	win fyne.Window

	session *app.Session
	lib     *app.Library
	// stopWatch stops watching the open database for changes made elsewhere.
	stopWatch context.CancelFunc

	// What the window does, by kind; each holds a pointer back to it.
	records   *recordActions
	history   *historyMenu
	files     *fileActions
	transfers *transfer.Dialogs
	texts     *textActions
	menus     *menuBar

	timeline    *timelineview.View
	detail      *detail.Panel
	eventsTab   *tables.Events
	predsTab    *tables.Predictions
	dueList     *due.List
	search      *searchPanel
	tabs        *container.AppTabs
	status      *widget.Label
	undoItem    *fyne.MenuItem
	redoItem    *fyne.MenuItem
	backButton  *widget.Button
	fwdButton   *widget.Button
	groupSelect *widget.Select
	rightSplit  *container.Split

	shared     *sharedDatabase
	recentMenu *fyne.MenuItem
	trackTab   *trackrecord.Tab
	probe      *canvas.Raster
	reminders  *reminders
	user       *userData
	deadlines  *deadlineWatch

	// savedView is the view saved at the last run, read before any data
	// arrives (loading data saves the view it shows).
	savedView string

	filter *filterbar.Bar
	// pending counts record loads under way, so tests can wait for them.
	pending sync.WaitGroup

	firstFrameOnce sync.Once
	onFirstFrame   func()
	loaded         bool
	// unchecked is the session whose check for damage waits for the
	// window to draw its records.
	unchecked *app.Session
}

// NewMainWindow builds the window and opens the database at path. A file
// that cannot be opened is explained in a dialog that offers another.
func NewMainWindow(a fyne.App, path string) *MainWindow {
	m := &MainWindow{app: a, win: a.NewWindow("Hindsight")}
	m.records, m.history, m.files = &recordActions{m}, &historyMenu{m}, &fileActions{m}
	m.texts, m.menus = &textActions{m}, &menuBar{m}
	m.shared = &sharedDatabase{w: m, bar: shareddb.NewBar()}
	m.transfers = transfer.New(transfer.Host{
		Window:       m.win,
		Session:      func() *app.Session { return m.session },
		Ready:        m.ready,
		ShowError:    m.showError,
		Run:          inBackground,
		Changed:      func() { m.reload(false) },
		ShowImported: m.showImported,
		Picture: func() transfer.Picture { // the timeline as it is shown
			f := m.filter.Current()
			return transfer.Picture{View: m.timeline.ViewState(), Filter: f,
				Predictions: m.lib.FilteredPredictions(f), Periods: m.lib.Periods}
		},
	})
	m.user = newUserData(a.Preferences(), func() *app.Session { return m.session })
	m.reminders = newReminders(a, m.user)
	m.build()
	m.win.SetMaster()
	m.restoreSize()
	m.win.SetCloseIntercept(m.close)
	m.win.SetOnDropped(m.texts.dropped)
	m.openDatabase(path)
	m.deadlines = &deadlineWatch{w: m}
	m.deadlines.start()
	return m
}

// Window is the underlying Fyne window.
func (m *MainWindow) Window() fyne.Window { return m.win }

// ShowAndRun shows the window and runs the app until it is closed.
func (m *MainWindow) ShowAndRun() { m.win.ShowAndRun() }

// OnFirstFrame calls fn once, on the first frame drawn after the records
// have been loaded (for measuring start-up).
func (m *MainWindow) OnFirstFrame(fn func()) { m.onFirstFrame = fn }

func (m *MainWindow) build() {
	m.timeline = timelineview.New(i18n.Words{})
	m.timeline.OnSelect = m.showDetail // a tap on the timeline
	m.timeline.OnViewChanged = m.viewChanged
	m.timeline.AskDate = func(done func(when.Day)) { askDate(m.win, done) }
	m.timeline.OnDoubleTap = func(day when.Day) { m.records.newEvent(when.DayDate(day)) }

	m.detail = detail.New(detail.Actions{
		SelectEvent:      func(id int64) { m.showSelection(app.EventSelection(id)) },
		SelectPrediction: func(id int64) { m.showSelection(app.PredictionSelection(id)) },
		EditEvent:        m.records.editEvent,
		DeleteEvent:      m.records.deleteEvent,
		EditPrediction:   m.records.editPrediction,
		Resolve:          m.records.resolve,
		CiteEvent:        m.records.citeEvent,
		Unresolve:        m.records.unresolve,
		DeletePrediction: m.records.deletePrediction,
		MarkReviewed:     m.records.markReviewed,
		EditPeriod:       m.records.editPeriod,
		DeletePeriod:     m.records.deletePeriod,
	}, linkgate.New(m.win))
	m.eventsTab = tables.NewEvents(func(id int64) { m.showSelection(app.EventSelection(id)) }, inBackground)
	m.predsTab = tables.NewPredictions(func(id int64) { m.showSelection(app.PredictionSelection(id)) })
	m.dueList = due.New(func(id int64) { m.showSelection(app.PredictionSelection(id)) }, m.records.resolve, m.records.markReviewed,
		func() { m.tabs.SelectIndex(3) })
	m.search = newSearchPanel(func(query string) ([]searchResult, error) { return search(m.session, query) }, m.showSelection)
	m.filter = filterbar.New(m.win, m.user, func(filter.Filter) { m.applyFilter() }, m.showError)
	m.trackTab = trackrecord.New(func(id int64) { m.showSelection(app.PredictionSelection(id)) })

	m.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(tr("tab.timeline", "Timeline"), theme.HistoryIcon(), m.timeline),
		container.NewTabItemWithIcon(tr("tab.events", "Events"), theme.ListIcon(), m.eventsTab.Object()),
		container.NewTabItemWithIcon(tr("tab.predictions", "Predictions"), theme.QuestionIcon(), m.predsTab.Object()),
		container.NewTabItemWithIcon(tr("tab.due", "Due"), theme.WarningIcon(), m.dueList.Object()),
		container.NewTabItemWithIcon(tr("tab.track_record", "Track record"), theme.GridIcon(), m.trackTab.Object()),
	)
	m.tabs.OnSelected = func(*container.TabItem) { m.focusTimelineIfShown() }

	m.rightSplit = container.NewVSplit(m.search.object(), m.detail.Object())
	m.rightSplit.Offset = 0
	m.search.onResults = func(results []searchResult) { m.timeline.SetHits(hitsOf(results)) }
	m.search.onToggle = func(visible bool) {
		if visible {
			m.rightSplit.SetOffset(0.6)
		} else {
			m.rightSplit.SetOffset(0)
		}
	}
	split := container.NewHSplit(container.NewBorder(m.filter.Object(), nil, nil, nil, m.tabs), m.rightSplit)
	split.Offset = 0.74

	m.status = widget.NewLabel("")
	m.status.Truncation = fyne.TextTruncateEllipsis
	m.status.TextStyle = fyne.TextStyle{Italic: true}

	// The first frame drawn after loading is noticed by a one-pixel raster,
	// whose generator runs while the window paints.
	m.probe = canvas.NewRaster(func(w, h int) image.Image {
		if m.loaded {
			m.checkForDamage()
			if m.onFirstFrame != nil {
				m.firstFrameOnce.Do(m.onFirstFrame)
			}
		}
		return image.NewNRGBA(image.Rect(0, 0, w, h))
	})
	m.probe.SetMinSize(fyne.NewSize(1, 1))

	m.win.SetContent(container.NewBorder(container.NewVBox(m.toolbar(), m.shared.bar.Banner()),
		container.NewBorder(nil, nil, nil, container.NewHBox(m.shared.bar.Status(), m.probe), m.status), nil, nil, split))
	m.win.SetMainMenu(m.menus.build())
	m.menus.addShortcuts()
}

func (m *MainWindow) toolbar() fyne.CanvasObject {
	newEvent := widget.NewButtonWithIcon(tr("action.new_event", "New event"), theme.ContentAddIcon(), func() { m.records.newEvent(when.Date{}) })
	newPred := widget.NewButtonWithIcon(tr("action.new_prediction", "New prediction"), theme.ContentAddIcon(), m.records.newPrediction)
	m.shared.editing = append(m.shared.editing, newEvent, newPred)
	m.backButton = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { m.timeline.Nav().Back() })
	m.fwdButton = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { m.timeline.Nav().Forward() })
	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { m.timeline.Nav().ZoomBy(2) })
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { m.timeline.Nav().ZoomBy(0.5) })
	fit := widget.NewButtonWithIcon(tr("action.fit", "Fit"), theme.ZoomFitIcon(), func() { m.timeline.Nav().Fit() })
	today := widget.NewButtonWithIcon(tr("action.today", "Today"), theme.CalendarIcon(), func() { m.timeline.Nav().GoToToday() })
	m.groupSelect = widget.NewSelect(groupingNames(), func(name string) {
		m.timeline.SetGrouping(groupingFromName(name))
		m.viewChanged()
	})
	m.groupSelect.SetSelectedIndex(0)
	return container.NewBorder(nil, nil,
		container.NewHBox(newEvent, newPred, widget.NewSeparator(), m.backButton, m.fwdButton, zoomOut, zoomIn, fit, today,
			widget.NewLabel(tr("label.group_by", "Lanes:")), m.groupSelect),
		container.NewHBox(m.dueList.Button()),
		m.search.entry)
}

func groupingNames() []string {
	return []string{tr("group.actor", "By actor"), tr("group.category", "By category"), tr("group.tag", "By tag")}
}

func groupingFromName(name string) timelineview.Grouping {
	for i, n := range groupingNames() {
		if n == name {
			return timelineview.Grouping(i)
		}
	}
	return timelineview.GroupByActor
}

// openDatabase opens path and loads its records, or explains why it can't.
// A database on a server is connected to off the UI goroutine: the window
// shows meanwhile, and says what it is connecting to.
func (m *MainWindow) openDatabase(path string) {
	if app.IsServer(path) {
		m.setStatus(trf("connect.connecting", "Connecting to {{.Server}}…", map[string]any{"Server": shareddb.ServerText(path)}))
		client := shareddb.ClientFor(m.app.Preferences(), path)
		m.pending.Add(1)
		background(func() {
			defer m.pending.Done()
			s, err := app.OpenCheckingAs(path, client)
			fyne.DoAndWait(func() {
				if err != nil {
					m.openFailed(path, err)
					return
				}
				m.useSession(s)
			})
		})
		return
	}
	s, err := app.OpenChecking(path)
	if err != nil {
		m.openFailed(path, err)
		return
	}
	m.useSession(s)
}

// useSession shows the database s has open, closing the one shown before.
func (m *MainWindow) useSession(s *app.Session) {
	m.closeSession()
	m.session = s
	m.win.SetTitle("Hindsight — " + s.Path()) // a server's address without its password
	m.reload(true)
	// What the window shows of a shared database: set while the first
	// reload reads, off the UI goroutine.
	m.shared.show(s)
	if s.Shared() {
		shareddb.Remember(m.app.Preferences(), s.Path())
		m.menus.refreshRecent()
	}
	// The check for damage starts once the window has drawn the records
	// (or at the first write, which waits for it).
	m.unchecked = s
	// Changes made elsewhere (the command-line tool, another window,
	// another person on a shared database) show within a second, keeping
	// the view and the selection.
	if !watchForChanges {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.stopWatch = cancel
	handOver := onUIGoroutine // read here, not on the watchers' goroutines
	s.Watcher().Watch(ctx, func() {
		handOver(func() {
			if m.session == s {
				m.reload(false)
			}
		})
	})

	m.shared.follow(ctx, s, handOver)
}

// checkForDamage starts the check for damage of the file just opened,
// once the window has drawn its records: the check reads the whole file,
// and run sooner it would take a core from the first screen. A damaged
// file is closed again, with nothing written to it.
func (m *MainWindow) checkForDamage() {
	s := m.unchecked
	if s == nil {
		return
	}
	m.unchecked = nil
	m.pending.Add(1)
	background(func() {
		defer m.pending.Done()
		if err := s.Checked(context.Background()); err != nil {
			fyne.Do(func() {
				if m.session == s {
					m.closeSession()
					m.showNoRecords()
					m.openFailed(s.Path(), err)
				}
			})
		}
	})
}

// openFailed says that path could not be opened, and why.
func (m *MainWindow) openFailed(path string, err error) {
	path = engine.Redact(path) // a server's address may carry a password
	m.setStatus(trf("status.open_failed", "Could not open {{.Path}}", map[string]any{"Path": path}))
	m.win.SetTitle("Hindsight")
	m.files.showOpenError(err)
}

// showNoRecords empties the timeline, tables and panels after the file
// was closed.
func (m *MainWindow) showNoRecords() {
	m.lib = nil
	m.timeline.SetSource(nil, nil)
	m.timeline.SetData(nil, nil, nil)
	m.eventsTab.Show(nil, filter.Filter{})
	m.predsTab.Set(nil)
	m.trackTab.Set(nil, when.Today())
	m.dueList.Set(nil, when.Today())
	m.detail.ShowNothing()
}

// reload reads the records again off the UI goroutine and shows them.
// first restores the saved view instead of keeping the current one.
func (m *MainWindow) reload(first bool) {
	s := m.session
	if s == nil {
		return
	}
	m.setStatus(tr("status.loading", "Loading…"))
	m.pending.Add(1)
	background(func() {
		defer m.pending.Done()
		if readOnly, _ := s.ReadOnly(); first && !readOnly {
			if err := m.user.adoptPreferences(s); err != nil {
				fyne.LogError("moving saved views and reminders from the preferences into the database", err)
			}
		}
		loaded, err := s.Load(context.Background())
		fyne.DoAndWait(func() {
			if m.session != s {
				return // the file was closed or another one opened meanwhile
			}
			if err != nil {
				m.showError(err)
				m.checkForDamage() // a damaged file is the likeliest cause: say so
				return
			}
			m.lib = loaded.Library
			m.filter.SetChoices(loaded.Actors, loaded.Tags)
			m.userDataLoaded(loaded.User, first)
			m.applyFilter()
			m.reminders.check(m.lib.Predictions, when.Today())
			m.history.update(loaded.Undo, loaded.Redo)
			if first {
				m.restoreView()
			}
			m.refreshSelection()
			m.loaded = true
			m.probe.Refresh() // paints again, now with the records: the frame OnFirstFrame waits for
			m.focusTimelineIfShown()
		})
	})
}

// applyFilter shows the records that match the filter bar everywhere but
// in the detail panel, which shows whatever is selected.
func (m *MainWindow) applyFilter() {
	if m.lib == nil {
		return
	}
	f := m.filter.Current()
	if f.Batch != nil {
		// Read the batch's records again every time: the import may have
		// been undone (or redone) since. It is one row of the history.
		unresolved := f
		unresolved.Batch = &filter.ImportBatch{Change: f.Batch.Change, Label: f.Batch.Label}
		resolved, err := m.session.Transfers().ResolveBatch(context.Background(), unresolved)
		if err != nil {
			// The import was undone since: its filter keeps nothing.
			m.showError(err)
			f.Batch = nil
			m.filter.Show(f)
		} else {
			f = resolved
			m.filter.Show(f)
		}
	}
	preds := m.lib.FilteredPredictions(f)
	evidence, _ := f.Apply(m.lib.Evidence, nil)
	m.timeline.SetData(evidence, preds, m.lib.Periods)
	m.timeline.SetSource(timelineSource{session: m.session, filter: f}, m.showReadError)
	m.eventsTab.Show(m.session.Reads(), f)
	m.predsTab.Set(preds)
	m.trackTab.Set(preds, when.Today())
	m.dueList.Set(preds, when.Today())
	status := trf("status.summary", "{{.Path}} · {{.Events}} · {{.Predictions}}", map[string]any{"Path": m.session.Path(),
		"Events": i18n.EventCount(m.lib.EventCount), "Predictions": i18n.PredictionCount(len(m.lib.Predictions))})
	m.setStatus(status)
	if !f.IsZero() {
		// The store counts what the filter keeps, off the UI goroutine.
		session, lib := m.session, m.lib
		m.pending.Add(1)
		background(func() {
			defer m.pending.Done()
			n, err := session.Reads().Count(context.Background(), f)
			fyne.Do(func() {
				if err != nil || m.session != session || m.lib != lib || !m.filter.Current().SameAs(f) {
					return
				}
				m.setStatus(status + " · " + trf("status.filtered", "showing {{.Events}} and {{.Predictions}}: {{.Filter}}", map[string]any{
					"Events": i18n.EventCount(n), "Predictions": i18n.PredictionCount(len(preds)), "Filter": filterbar.Summary(f)}))
			})
		})
	}
	m.refreshSelection()
}

// showReadError tells once that the timeline could not read a stretch of
// days; it keeps drawing what it has.
func (m *MainWindow) showReadError(err error) {
	fyne.LogError("reading the timeline", err)
	m.setStatus(trf("status.read_error", "Could not read the timeline: {{.Error}}", map[string]any{"Error": describeError(err)}))
}

// showImported shows what an import added: a filter keeps only its
// records (until Clear), and the timeline shows their time.
func (m *MainWindow) showImported(name string, report store.ImportReport) {
	f := m.filter.Current()
	f.Batch = &filter.ImportBatch{Change: report.Change, Label: name}
	m.filter.Apply(f.WithBatchRecords(report.EventIDs, report.PredictionIDs))
	m.tabs.SelectIndex(0)
	m.timeline.Nav().Fit()
}

func (m *MainWindow) setStatus(text string) { m.status.SetText(text) }

func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// showSelection selects a record everywhere: timeline, tabs, detail.
func (m *MainWindow) showSelection(sel app.Selection) {
	m.timeline.Select(sel)
	m.showDetail(sel)
}

func (m *MainWindow) showDetail(sel app.Selection) {
	if m.lib == nil {
		return
	}
	// A record the filter hides stays shown, with a note that says so.
	f := m.filter.Current()
	switch sel.Kind {
	case app.SelectEvent:
		// The library holds events without their descriptions and links.
		if e, err := m.session.Event(context.Background(), sel.ID); err == nil {
			m.detail.Hidden = !f.MatchEvent(e)
			m.detail.ShowEvent(e, m.lib.Citing(e.ID))
			return
		}
	case app.SelectPrediction:
		if p, ok := m.lib.Prediction(sel.ID); ok {
			m.detail.Hidden = !f.MatchPrediction(p)
			m.detail.ShowPrediction(p, m.lib)
			return
		}
	case app.SelectPeriod:
		if p, ok := m.lib.Period(sel.ID); ok {
			m.detail.Hidden = false // the filter keeps every period
			m.detail.ShowPeriod(p)
			return
		}
	}
	m.detail.ShowNothing()
}

// refreshSelection redraws the detail panel after the records changed.
func (m *MainWindow) refreshSelection() { m.showDetail(m.timeline.Selected()) }

func (m *MainWindow) focusTimelineIfShown() {
	if m.tabs.SelectedIndex() == 0 {
		m.win.Canvas().Focus(m.timeline)
	}
}

func (m *MainWindow) viewChanged() {
	enable(m.backButton, m.timeline.Nav().CanBack())
	enable(m.fwdButton, m.timeline.Nav().CanForward())
	state := m.timeline.ViewState()
	if data, err := json.Marshal(state); err == nil {
		m.user.set(app.SettingTimeline, string(data))
	}
}

// restoreView shows the view saved at the last run, or the seed data's
// story (mid-2022 to the end of 2025) the first time.
func (m *MainWindow) restoreView() {
	if saved := m.savedView; saved != "" {
		var state timelineview.ViewState
		if err := json.Unmarshal([]byte(saved), &state); err == nil && state.End > state.Start {
			m.timeline.SetViewState(state)
			m.groupSelect.SetSelectedIndex(int(state.Grouping))
			return
		}
	}
	m.timeline.Nav().ShowRange(when.DayOf(2022, 6, 1), when.DayOf(2025, 12, 31))
}

func (m *MainWindow) restoreSize() {
	p := m.app.Preferences()
	w := p.FloatWithFallback(prefWindowWidth, 1400)
	h := p.FloatWithFallback(prefWindowHeight, 900)
	m.win.Resize(fyne.NewSize(float32(w), float32(h)))
}

func (m *MainWindow) close() {
	size := m.win.Canvas().Size()
	if size.Width > 200 && size.Height > 200 {
		m.app.Preferences().SetFloat(prefWindowWidth, float64(size.Width))
		m.app.Preferences().SetFloat(prefWindowHeight, float64(size.Height))
	}
	m.deadlines.end()
	// The window goes at once; writing the last settings may wait for the
	// check for damage of a large file, opened a moment ago.
	m.win.Hide()
	m.closeSession()
	exitIfQuitHangs(quitGrace, exitProcess)
	m.win.Close()
}

// closeSession closes the open database, if any; a load still under way
// sees that it changed and drops its result. Closing checkpoints the file,
// so a failure means the last changes may not be in the main file yet:
// it is reported.
func (m *MainWindow) closeSession() {
	s := m.session
	if s == nil {
		return
	}
	m.user.flush() // the settings waiting to be written belong to this file
	m.session = nil
	if m.unchecked == s {
		m.unchecked = nil // closed before the window drew it: nothing was written
	}
	if m.stopWatch != nil {
		m.stopWatch()
	}
	if err := s.Close(); err != nil {
		m.showError(fmt.Errorf("closing %s: %w", s.Path(), err))
	}
}

// showError explains a failure in a dialog.
func (m *MainWindow) showError(err error) {
	modal.Show(m.win, dialog.NewError(errors.New(describeError(m.shared.explained(err))), m.win))
}

// describeError turns store and validation errors into one readable text.
func describeError(err error) string {
	switch {
	case errors.Is(err, store.ErrBusy):
		return tr("error.busy", "The database is busy: another Hindsight window or command is writing to it. Nothing was saved; try again in a moment.")
	case errors.Is(err, store.ErrReadOnly):
		return tr("error.read_only", "The database file is read-only, so nothing was saved. Check its permissions, or open a copy (File › Open database…).")
	case errors.Is(err, store.ErrDiskFull):
		return tr("error.disk_full", "The disk is full, so nothing was saved. Free some space and try again.")
	}
	return err.Error()
}

// ready reports whether a database is open, explaining when it is not.
func (m *MainWindow) ready() bool {
	if m.session == nil || m.lib == nil {
		modal.Info(m.win, tr("dialog.no_database_title", "No database"),
			tr("dialog.no_database", "Open or create a database first (File menu)."))
		return false
	}
	return true
}

// afterChange selects sel and reloads everything from the store.
func (m *MainWindow) afterChange(sel app.Selection) {
	m.timeline.Select(sel)
	m.reload(false)
}

// hitsOf are a search's results as the timeline marks them; nil (no
// search) for nil.
func hitsOf(results []searchResult) *timelineview.Hits {
	if results == nil {
		return nil
	}
	var hits timelineview.Hits
	for _, r := range results {
		switch r.sel.Kind {
		case app.SelectEvent:
			hits.Events = append(hits.Events, r.sel.ID)
		case app.SelectPrediction:
			hits.Predictions = append(hits.Predictions, r.sel.ID)
		}
	}
	return &hits
}
