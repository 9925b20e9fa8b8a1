package store

import (
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func viewNames(t *testing.T, s *Store) []string {
	t.Helper()
	views, err := s.UserData().Views(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, v := range views {
		names = append(names, v.Name)
	}
	return names
}

func TestSavedViewsAreKeptInOrderAndReplacedByName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "views.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	u := s.UserData()
	open := filter.Filter{States: []model.State{model.StateOpen}, From: "2023"}
	for _, v := range []filter.SavedView{
		{Name: "Open since 2023", Filter: open},
		{Name: "  Models  ", Filter: filter.Filter{Categories: []model.Category{model.CategoryModel}}},
		{Name: "Open since 2023", Filter: filter.Filter{States: []model.State{model.StateTrue}}},
	} {
		if err := u.SaveView(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := u.SaveView(ctx, filter.SavedView{Name: "  "}); !errors.Is(err, ErrViewName) {
		t.Errorf("a blank name: %v", err)
	}
	if got := viewNames(t, s); !slices.Equal(got, []string{"Open since 2023", "Models"}) {
		t.Errorf("views %q: a replaced view keeps its place, names are trimmed", got)
	}
	s.Close()

	s = openPath(t, path)
	views, err := s.UserData().Views(ctx)
	if err != nil || len(views) != 2 || !slices.Equal(views[0].Filter.States, []model.State{model.StateTrue}) {
		t.Fatalf("after reopening: %+v, %v", views, err)
	}
	if err := s.UserData().DeleteView(ctx, "Open since 2023"); err != nil {
		t.Fatal(err)
	}
	if err := s.UserData().DeleteView(ctx, "never saved"); err != nil {
		t.Errorf("deleting a missing view: %v", err)
	}
	if got := viewNames(t, s); !slices.Equal(got, []string{"Models"}) {
		t.Errorf("after deleting: %q", got)
	}
}

func TestRemindersAndSettings(t *testing.T) {
	s := openTemp(t)
	u := s.UserData()
	first := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := u.MarkReminded(ctx, []int64{7, 3}, first); err != nil {
		t.Fatal(err)
	}
	if err := u.MarkReminded(ctx, []int64{3, 9}, first.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	got, err := u.Reminders(ctx)
	want := []model.Reminder{{PredictionID: 3, SentAt: first}, {PredictionID: 7, SentAt: first}, {PredictionID: 9, SentAt: first.Add(time.Hour)}}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("reminders %v (%v), want %v: the first time is kept", got, err, want)
	}

	if err := u.SetSetting(ctx, "reminders.enabled", "false"); err != nil {
		t.Fatal(err)
	}
	if err := u.SetSetting(ctx, "reminders.enabled", "true"); err != nil {
		t.Fatal(err)
	}
	if err := u.SetSetting(ctx, "", "x"); err == nil {
		t.Error("a setting without a name was kept")
	}
	settings, err := u.Settings(ctx)
	if err != nil || len(settings) != 1 || settings["reminders.enabled"] != "true" {
		t.Errorf("settings %v, %v", settings, err)
	}
}

// TestAdoptKeepsWhatTheDatabaseHas: data moved in from elsewhere never
// overwrites what the database holds, and the report says what was left.
func TestAdoptKeepsWhatTheDatabaseHas(t *testing.T) {
	s := openTemp(t)
	u := s.UserData()
	mine := filter.Filter{Tags: []string{"llm"}}
	if err := u.SaveView(ctx, filter.SavedView{Name: "Mine", Filter: mine}); err != nil {
		t.Fatal(err)
	}
	if err := u.SaveView(ctx, filter.SavedView{Name: "Shared", Filter: mine}); err != nil {
		t.Fatal(err)
	}
	if err := u.SetSetting(ctx, "filter.current", `{"from":"2024"}`); err != nil {
		t.Fatal(err)
	}
	merged, err := u.Adopt(ctx, Adopted{
		Views: []filter.SavedView{
			{Name: "Mine", Filter: filter.Filter{Tags: []string{"other"}}},
			{Name: "Shared", Filter: filter.Filter{Tags: []string{"LLM"}}},
			{Name: "New", Filter: filter.Filter{From: "2020"}},
		},
		Reminders: []model.Reminder{{PredictionID: 4}},
		Settings:  map[string]string{"filter.current": `{"from":"1999"}`, "reminders.enabled": "false"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(merged.Added, []string{"New"}) || !slices.Equal(merged.Same, []string{"Shared"}) ||
		!slices.Equal(merged.Conflicting, []string{"Mine"}) {
		t.Errorf("merged %+v", merged)
	}
	if got := viewNames(t, s); !slices.Equal(got, []string{"Mine", "Shared", "New"}) {
		t.Errorf("views %q", got)
	}
	settings, _ := u.Settings(ctx)
	if settings["filter.current"] != `{"from":"2024"}` || settings["reminders.enabled"] != "false" {
		t.Errorf("settings %v: the database's own value wins, a missing one is taken", settings)
	}
	if r, _ := u.Reminders(ctx); len(r) != 1 || r[0].PredictionID != 4 || r[0].SentAt.IsZero() {
		t.Errorf("reminders %v", r)
	}
}

// TestImportBringsViewsAndReminders: an import keeps the saved views whose
// names are new and the reminders of the predictions it saves or matches,
// under their ids in this database; a dry run says the same and writes
// nothing.
func TestImportBringsViewsAndReminders(t *testing.T) {
	s := openTemp(t)
	made := when.MustParse("2023-01")
	dl, _ := when.ParseDeadline("by end of 2024", made)
	known, err := s.AddPrediction(ctx, model.Prediction{Statement: "Already here", Source: "A", Made: made, Deadline: dl})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddPrediction(ctx, model.Prediction{Statement: "Pushes ids on", Source: "A", Made: made}); err != nil {
		t.Fatal(err)
	}
	if err := s.UserData().SaveView(ctx, filter.SavedView{Name: "Taken", Filter: filter.Filter{From: "2020"}}); err != nil {
		t.Fatal(err)
	}
	preds := []model.Prediction{
		{ID: 1, Statement: "Already here", Source: "A", Made: made, Deadline: dl},
		{ID: 2, Statement: "New one", Source: "B", Made: made, Deadline: dl},
	}
	opt := ImportOptions{
		Views: []filter.SavedView{{Name: "Taken", Filter: filter.Filter{From: "2021"}}, {Name: "Fresh", Filter: filter.Filter{To: "2025"}}},
		Reminders: []model.Reminder{{PredictionID: 1, SentAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
			{PredictionID: 2}, {PredictionID: 99}},
	}
	dry := opt
	dry.DryRun = true
	plan, err := s.Bulk().Import(ctx, nil, slices.Clone(preds), dry)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Reminders != 2 || plan.RemindersUnmatched != 1 || !slices.Equal(plan.Views.Added, []string{"Fresh"}) ||
		!slices.Equal(plan.Views.Conflicting, []string{"Taken"}) {
		t.Errorf("dry run %+v", plan)
	}
	if got := viewNames(t, s); !slices.Equal(got, []string{"Taken"}) {
		t.Errorf("a dry run wrote views: %q", got)
	}

	report, err := s.Bulk().Import(ctx, nil, slices.Clone(preds), opt)
	if err != nil {
		t.Fatal(err)
	}
	if report.AddedPredictions != 1 || !slices.Equal(report.Views.Added, []string{"Fresh"}) {
		t.Errorf("report %+v", report)
	}
	all, err := s.Predictions(ctx, PredictionQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var added int64
	for _, p := range all {
		if p.Statement == "New one" {
			added = p.ID
		}
	}
	got, _ := s.UserData().Reminders(ctx)
	want := []model.Reminder{{PredictionID: known.ID, SentAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}}
	if len(got) != 2 || got[0] != want[0] || got[1].PredictionID != added || added == 2 {
		t.Errorf("reminders %v: want the known prediction %d and the new one %d", got, known.ID, added)
	}
	if names := viewNames(t, s); !slices.Equal(names, []string{"Taken", "Fresh"}) {
		t.Errorf("views %q", names)
	}
}

// TestUserDataTravelsInBackupsAndUpgrades: a backup holds the user data,
// and a file of schema 1 gains its tables when upgraded.
func TestUserDataTravelsInBackupsAndUpgrades(t *testing.T) {
	s := openTemp(t)
	if err := s.UserData().SaveView(ctx, filter.SavedView{Name: "Kept", Filter: filter.Filter{From: "2023"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.UserData().MarkReminded(ctx, []int64{5}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	b := openPath(t, copyPath)
	if got := viewNames(t, b); !slices.Equal(got, []string{"Kept"}) {
		t.Errorf("backup views %q", got)
	}
	if r, _ := b.UserData().Reminders(ctx); len(r) != 1 {
		t.Errorf("backup reminders %v", r)
	}

	old, _ := openFrozen(t, frozenV1)
	if v, _ := old.SchemaVersion(); v < 4 {
		t.Errorf("schema %d after upgrading", v)
	}
	if err := old.UserData().SaveView(ctx, filter.SavedView{Name: "After upgrade", Filter: filter.Filter{To: "2024"}}); err != nil {
		t.Errorf("saving a view in an upgraded file: %v", err)
	}
	var n int
	if err := old.db.QueryRow("SELECT count(*) FROM settings").Scan(&n); err != nil && !errors.Is(err, sql.ErrNoRows) {
		t.Errorf("no settings table after upgrading: %v", err)
	}
}
