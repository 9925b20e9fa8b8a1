package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// Keys under which versions before schema 4 kept a person's data in the
// app's preferences. They are read once, moved into the database and
// removed; only window geometry, theme and language stay in preferences.
const (
	prefFilterViews   = "filters.views"     // []filter.SavedView as JSON
	prefFilterCurrent = "filters.current"   // filter.Filter as JSON
	prefViewState     = "timeline.view"     // timelineview.ViewState as JSON
	prefRemindersOn   = "reminders.enabled" // bool
	prefRemindersSent = "reminders.sent"    // ["<database path>#<prediction id>", …] as JSON
)

// settingDelay is how long a changed setting waits before it is written,
// so that panning the timeline writes its view once, not every frame.
const settingDelay = 700 * time.Millisecond

// userData keeps what a person saves besides the records (saved views,
// the current filter, the timeline's view, reminders sent, whether to
// remind) in the open database, through the session. Writes run off the
// UI goroutine; settings are written a moment after their last change,
// the latest value only.
type userData struct {
	prefs   fyne.Preferences
	session func() *app.Session

	// schedule runs f after d on some goroutine and returns a function
	// that cancels it; tests replace it.
	schedule func(d time.Duration, f func()) (cancel func())

	mu        sync.Mutex
	pending   map[string]pendingSetting
	scheduled bool   // a flush is scheduled
	cancel    func() // cancels it
	// writing is held while settings are written, so that closing a
	// database waits for a write under way.
	writing sync.Mutex
}

// pendingSetting is a value waiting to be written to the database it was
// set in.
type pendingSetting struct {
	session *app.Session
	value   string
}

func newUserData(prefs fyne.Preferences, session func() *app.Session) *userData {
	return &userData{prefs: prefs, session: session, pending: map[string]pendingSetting{},
		schedule: func(d time.Duration, f func()) func() {
			t := time.AfterFunc(d, f)
			return func() { t.Stop() }
		}}
}

// set keeps value under key in the open database, soon.
func (u *userData) set(key, value string) {
	s := u.session()
	if s == nil {
		return
	}
	if readOnly, _ := s.ReadOnly(); readOnly {
		return // a viewer's window keeps its view for this run only
	}
	u.mu.Lock()
	u.pending[key] = pendingSetting{session: s, value: value}
	start := !u.scheduled
	u.scheduled = true
	u.mu.Unlock()
	if !start {
		return
	}
	// Scheduled outside the lock: a schedule may run the flush at once.
	cancel := u.schedule(settingDelay, u.flush)
	u.mu.Lock()
	if u.scheduled {
		u.cancel = cancel
	}
	u.mu.Unlock()
}

// flush writes the settings waiting to be written. A failed write is
// logged: a setting is not worth a dialog, and the next change tries
// again.
func (u *userData) flush() {
	u.writing.Lock()
	defer u.writing.Unlock()
	u.mu.Lock()
	pending := u.pending
	u.pending = map[string]pendingSetting{}
	if u.cancel != nil {
		u.cancel()
	}
	u.scheduled, u.cancel = false, nil
	u.mu.Unlock()
	for key, p := range pending {
		if err := p.session.User().SetSetting(context.Background(), key, p.value); err != nil {
			fyne.LogError("keeping the setting "+key, err)
		}
	}
}

// SaveView keeps a view in the database and then calls done on the UI
// goroutine.
func (u *userData) SaveView(v filter.SavedView, done func(error)) {
	u.write(func(s *app.Session) error { return s.User().SaveView(context.Background(), v) }, done)
}

// DeleteView removes a view, then calls done on the UI goroutine.
func (u *userData) DeleteView(name string, done func(error)) {
	u.write(func(s *app.Session) error { return s.User().DeleteView(context.Background(), name) }, done)
}

// KeepFilter remembers the filter bar's filter for the next start.
func (u *userData) KeepFilter(f filter.Filter) {
	if data, err := json.Marshal(f); err == nil {
		u.set(app.SettingFilter, string(data))
	}
}

// markReminded records predictions as announced.
func (u *userData) markReminded(ids []int64) {
	if s := u.session(); s != nil {
		if readOnly, _ := s.ReadOnly(); readOnly {
			return // announced again at the next start: a viewer cannot record it
		}
	}
	u.write(func(s *app.Session) error { return s.User().MarkReminded(context.Background(), ids) }, func(err error) {
		if err != nil {
			fyne.LogError("recording the reminders sent", err)
		}
	})
}

// write runs a write off the UI goroutine and reports on it.
func (u *userData) write(w func(*app.Session) error, done func(error)) {
	s := u.session()
	if s == nil {
		done(errNoDatabase)
		return
	}
	if readOnly, reason := s.ReadOnly(); readOnly {
		done(reason)
		return
	}
	background(func() {
		err := w(s)
		fyne.Do(func() { done(err) })
	})
}

// errNoDatabase is reported for a write with no database open.
var errNoDatabase = noDatabaseError{}

type noDatabaseError struct{}

func (noDatabaseError) Error() string {
	return tr("dialog.no_database", "Open or create a database first (File menu).")
}

// adoptPreferences moves what older versions kept in the preferences into
// the database s has open, once: the saved views, the current filter, the
// timeline's view, whether to remind, and the reminders sent for this
// database's file (those of other files stay until their file is opened).
// What moved is removed from the preferences; nothing is removed when the
// database could not take it. It runs off the UI goroutine (Fyne's
// preferences may be used from any).
func (u *userData) adoptPreferences(s *app.Session) error {
	p := u.prefs
	var a store.Adopted
	a.Settings = map[string]string{}
	var moved []string
	if text := p.String(prefFilterViews); text != "" {
		if err := json.Unmarshal([]byte(text), &a.Views); err != nil {
			fyne.LogError("the saved views in the preferences are unreadable and stay there", err)
		} else {
			moved = append(moved, prefFilterViews)
		}
	}
	for pref, setting := range map[string]string{prefFilterCurrent: app.SettingFilter, prefViewState: app.SettingTimeline} {
		if text := p.String(pref); text != "" {
			a.Settings[setting] = text
			moved = append(moved, pref)
		}
	}
	// A stored bool reads the same whatever the fallback.
	if p.BoolWithFallback(prefRemindersOn, true) == p.BoolWithFallback(prefRemindersOn, false) {
		a.Settings[app.SettingReminders] = strconv.FormatBool(p.Bool(prefRemindersOn))
		moved = append(moved, prefRemindersOn)
	}
	var otherFiles []string
	if text := p.String(prefRemindersSent); text != "" {
		var keys []string
		if err := json.Unmarshal([]byte(text), &keys); err != nil {
			fyne.LogError("the reminders sent in the preferences are unreadable and stay there", err)
		} else {
			for _, k := range keys {
				if id, ok := reminderOf(k, s.Path()); ok {
					a.Reminders = append(a.Reminders, model.Reminder{PredictionID: id})
				} else {
					otherFiles = append(otherFiles, k)
				}
			}
			moved = append(moved, prefRemindersSent)
		}
	}
	if len(moved) == 0 {
		return nil
	}
	merged, err := s.User().Adopt(context.Background(), a)
	if err != nil {
		return err
	}
	for _, name := range merged.Conflicting {
		fyne.LogError("moving the saved views into the database",
			fmt.Errorf("the database already gives the name %q to another filter and keeps its own", name))
	}
	for _, key := range moved {
		p.RemoveValue(key)
	}
	if len(otherFiles) > 0 {
		if data, err := json.Marshal(otherFiles); err == nil {
			p.SetString(prefRemindersSent, string(data))
		}
	}
	return nil
}

// reminderOf reads a reminder key of the preferences ("path#id") and
// reports whether it belongs to the database file at path.
func reminderOf(key, path string) (int64, bool) {
	i := strings.LastIndexByte(key, '#')
	if i < 0 {
		return 0, false
	}
	id, err := strconv.ParseInt(key[i+1:], 10, 64)
	if err != nil || !samePath(key[:i], path) {
		return 0, false
	}
	return id, true
}

func samePath(a, b string) bool {
	if a == b {
		return true
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// userDataLoaded shows what a load read of the user data: the saved
// views every time (another window may have saved one), and on the first
// load of a database the filter, the timeline's view and the reminders.
func (m *MainWindow) userDataLoaded(u app.UserData, first bool) {
	m.filter.SetViews(u.Views)
	if !first {
		return
	}
	var f filter.Filter
	if text := u.Settings[app.SettingFilter]; text != "" {
		if err := json.Unmarshal([]byte(text), &f); err != nil {
			f = filter.Filter{}
		}
	}
	m.filter.Show(f)
	m.savedView = u.Settings[app.SettingTimeline]
	m.reminders.loaded(u)
}
