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
	"github.com/hindsight-app/hindsight/internal/store/storetest/fixture"
	"github.com/hindsight-app/hindsight/internal/when"
)

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
	if got := fixture.ViewNames(t, s.UserData()); !slices.Equal(got, []string{"Taken"}) {
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
	if names := fixture.ViewNames(t, s.UserData()); !slices.Equal(names, []string{"Taken", "Fresh"}) {
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
	if got := fixture.ViewNames(t, b.UserData()); !slices.Equal(got, []string{"Kept"}) {
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
