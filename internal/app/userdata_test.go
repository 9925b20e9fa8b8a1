package app

import (
	"bytes"
	"slices"
	"testing"

	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
)

// TestUserDataLoadsAndTravels: what a window saves comes back with Load,
// goes out with an export and in with an import.
func TestUserDataLoadsAndTravels(t *testing.T) {
	s := openSession(t)
	view := filter.SavedView{Name: "Open", Filter: filter.Filter{States: []model.State{model.StateOpen}}}
	if err := s.User().SaveView(ctx, view); err != nil {
		t.Fatal(err)
	}
	l, err := s.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	first := l.Library.Predictions[0].ID
	if err := s.User().MarkReminded(ctx, []int64{first}); err != nil {
		t.Fatal(err)
	}
	if err := s.User().SetSetting(ctx, SettingReminders, "false"); err != nil {
		t.Fatal(err)
	}
	if l, err = s.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if len(l.User.Views) != 1 || l.User.Views[0].Name != "Open" || !l.User.Reminded[first] || len(l.User.Reminded) != 1 ||
		l.User.Settings[SettingReminders] != "false" {
		t.Fatalf("loaded %+v", l.User)
	}

	doc, err := s.Transfers().Document(ctx)
	if err != nil || len(doc.Views) != 1 || len(doc.Reminders) != 1 {
		t.Fatalf("document %d views, %d reminders, %v", len(doc.Views), len(doc.Reminders), err)
	}
	var buf bytes.Buffer
	if err := exchange.Write(&buf, exchange.FormatHindsightJSON, doc, exchange.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	other := openSession(t)
	if err := other.User().DeleteView(ctx, "none"); err != nil {
		t.Fatal(err)
	}
	plan, err := other.Transfers().PlanImport(ctx, "all.json", &buf, exchange.FormatHindsightJSON)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(plan.Report.Views.Added, []string{"Open"}) || plan.Report.Reminders != 1 {
		t.Errorf("plan %+v", plan.Report)
	}
	if _, err := other.Transfers().Import(ctx, plan, nil); err != nil {
		t.Fatal(err)
	}
	got, err := other.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.User.Views) != 1 || len(got.User.Reminded) != 1 {
		t.Errorf("after the import: %+v", got.User)
	}
}
