package app

import (
	"context"
	"fmt"
	"time"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/store"
)

// UserData is a person's own data besides the records, as Load reads it:
// saved views, the predictions already announced as due, and settings
// kept with the database.
type UserData struct {
	Views    []filter.SavedView
	Reminded map[int64]bool
	Settings map[string]string
}

// The settings a window keeps in the database. Window geometry, theme and
// language stay with the app on each machine.
const (
	SettingFilter    = "filter.current"    // the filter bar's filter, as JSON
	SettingTimeline  = "timeline.view"     // the timeline's range and lanes, as JSON
	SettingReminders = "reminders.enabled" // "true" or "false"
)

// loadUserData reads what UserData holds.
func loadUserData(ctx context.Context, st engine.Store) (UserData, error) {
	u := UserData{Reminded: map[int64]bool{}}
	var err error
	if u.Views, err = st.UserData().Views(ctx); err != nil {
		return u, fmt.Errorf("reading the saved views: %w", err)
	}
	reminders, err := st.UserData().Reminders(ctx)
	if err != nil {
		return u, fmt.Errorf("reading the reminders sent: %w", err)
	}
	for _, r := range reminders {
		u.Reminded[r.PredictionID] = true
	}
	if u.Settings, err = st.UserData().Settings(ctx); err != nil {
		return u, fmt.Errorf("reading the settings: %w", err)
	}
	return u, nil
}

// UserStore keeps a person's own data in the database: saved views,
// reminders sent, settings.
type UserStore struct{ st engine.Store }

// User gives the session's user data.
func (s *Session) User() UserStore { return UserStore{s.st} }

// Load reads every saved view, reminder sent and setting (Session.Load
// reads them too, with the records).
func (u UserStore) Load(ctx context.Context) (UserData, error) { return loadUserData(ctx, u.st) }

// SaveView keeps a filter under a name, replacing a view of that name.
func (u UserStore) SaveView(ctx context.Context, v filter.SavedView) error {
	return u.st.UserData().SaveView(ctx, v)
}

// DeleteView removes the saved view called name.
func (u UserStore) DeleteView(ctx context.Context, name string) error {
	return u.st.UserData().DeleteView(ctx, name)
}

// MarkReminded records that the predictions ids were announced as due.
func (u UserStore) MarkReminded(ctx context.Context, ids []int64) error {
	return u.st.UserData().MarkReminded(ctx, ids, time.Now())
}

// SetSetting keeps one of the Setting… values.
func (u UserStore) SetSetting(ctx context.Context, key, value string) error {
	return u.st.UserData().SetSetting(ctx, key, value)
}

// Adopt moves user data kept elsewhere (an older version's preferences)
// into the database, keeping what the database already has.
func (u UserStore) Adopt(ctx context.Context, a store.Adopted) (store.ViewsMerged, error) {
	return u.st.UserData().Adopt(ctx, a)
}
