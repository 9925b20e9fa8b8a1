package engine_test

import (
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/storetest/fixture"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The conformance cases of periods, user data, column mappings and the
// undo history, run on both engines as the event cases are.

// facets are the parts of one open database that these cases use.
type facets struct {
	events   engine.Events
	periods  engine.Periods
	user     engine.UserData
	mappings engine.ColumnMappings
	history  engine.History
	importer engine.Importer
	exporter engine.Exporter
}

// eachDatabase runs check against a new, empty database of each engine;
// open opens it (again), as another window or command would.
func eachDatabase(t *testing.T, check func(t *testing.T, open func() facets)) {
	t.Run("sqlite", func(t *testing.T) { check(t, sqliteDatabase(t)) })
	t.Run("postgres", func(t *testing.T) { check(t, postgresDatabase(t)) })
}

// sqliteDatabase makes a new SQLite file and returns what opens it.
func sqliteDatabase(t *testing.T) func() facets {
	path := filepath.Join(t.TempDir(), "test.db")
	return func() facets {
		s, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return facets{engine.SQLite(s), s.Periods(), s.UserData(), s.Bulk(), s.History(), s.Bulk(), s.Bulk()}
	}
}

// postgresDatabase makes a new database on the test server and returns
// what opens it, as a new client each time.
func postgresDatabase(t *testing.T) func() facets {
	url := pgtest.DB(t)
	return func() facets {
		s, err := pgstore.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		return facets{engine.PostgreSQL(s), s.Periods(), s.UserData(), s.Bulk(), s.History(), s.Bulk(), s.Bulk()}
	}
}

// eachFacets runs check against one new, empty database of each engine.
func eachFacets(t *testing.T, check func(t *testing.T, db facets)) {
	eachDatabase(t, func(t *testing.T, open func() facets) { check(t, open()) })
}

func TestPeriodsAddEditDeleteAndList(t *testing.T) {
	eachFacets(t, func(t *testing.T, db facets) {
		ps := db.periods
		p, err := ps.Add(ctx, model.Period{Title: "百模大战", Start: when.MustParse("2023-03"), End: when.MustParse("2023-12"),
			Color: "orange", Lane: "国内", Description: "Chinese labs race to release base models.",
			Links: []model.Link{{URL: "https://example.com/review", Quote: "百模大战"}}})
		if err != nil {
			t.Fatal(err)
		}
		got, err := ps.Get(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "百模大战" || got.Color != "#ffa500" || got.Lane != "国内" || got.End.String() != "2023-12" ||
			len(got.Links) != 1 || got.Links[0].Quote != "百模大战" || got.CreatedAt.IsZero() || !got.CreatedAt.Equal(p.CreatedAt) {
			t.Errorf("saved period: %+v", got)
		}
		var ve *model.ValidationError
		if _, err := ps.Add(ctx, model.Period{Title: "", Start: when.MustParse("2023")}); !errors.As(err, &ve) {
			t.Errorf("a period without a title: %v", err)
		}
		got.Title, got.Links = "The hundred-model war", nil
		if _, err := ps.Update(ctx, got); err != nil {
			t.Fatal(err)
		}
		other, err := ps.Add(ctx, model.Period{Title: "Before", Start: when.MustParse("2021")})
		if err != nil {
			t.Fatal(err)
		}
		all, err := ps.List(ctx, nil)
		if err != nil || len(all) != 2 || all[0].ID != other.ID || all[1].Title != "The hundred-model war" || len(all[1].Links) != 0 {
			t.Fatalf("List = %+v, %v", all, err)
		}
		in2023, err := ps.List(ctx, &store.Window{From: when.DayOf(2023, 6, 1), To: when.DayOf(2023, 6, 30)})
		if err != nil || len(in2023) != 1 || in2023[0].ID != p.ID {
			t.Errorf("List(June 2023) = %+v, %v", in2023, err)
		}
		// A window touching only the last day of a period finds it.
		edge, err := ps.List(ctx, &store.Window{From: when.DayOf(2021, 12, 31), To: when.DayOf(2022, 1, 5)})
		if err != nil || len(edge) != 1 || edge[0].ID != other.ID {
			t.Errorf("List(the last day of 2021) = %+v, %v", edge, err)
		}
		checkDeleteLeavesNothing(t, "period", other.ID, other, ps.Delete, ps.Get, ps.Update)
	})
}

// Undo and redo of a period's add, edit and delete bring back each state
// exactly, links and times included.
func TestPeriodUndoRedoRestoresEachState(t *testing.T) {
	eachFacets(t, func(t *testing.T, db facets) {
		ps := db.periods
		var states [][]model.Period
		snap := func() {
			all, err := ps.List(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			states = append(states, all)
		}
		snap() // 0: none
		p, err := ps.Add(ctx, model.Period{Title: "Era", Start: when.MustParse("2023"), Links: []model.Link{{URL: "https://a.example"}}})
		if err != nil {
			t.Fatal(err)
		}
		snap() // 1
		p.Title, p.Color, p.Links = "Era of models", "#123456", []model.Link{{URL: "https://b.example", Quote: "b"}}
		if _, err := ps.Update(ctx, p); err != nil {
			t.Fatal(err)
		}
		snap() // 2
		if err := ps.Delete(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		snap() // 3

		next, ok, err := db.history.NextUndo(ctx)
		if err != nil || !ok || next.Entity != store.EntityPeriod || next.Action != store.ActionDelete || next.Label != "Era of models" {
			t.Fatalf("next undo = %+v, %v, %v", next, ok, err)
		}
		for i := 3; i > 0; i-- {
			c, err := db.history.Undo(ctx)
			if err != nil {
				t.Fatalf("undo %d: %v", i, err)
			}
			if c.Entity != store.EntityPeriod || c.EntityID != p.ID {
				t.Errorf("undid %+v", c)
			}
			snap()
			if got := states[len(states)-1]; !reflect.DeepEqual(got, states[i-1]) {
				t.Errorf("after undoing step %d:\n got %+v\nwant %+v", i, got, states[i-1])
			}
		}
		if _, err := db.history.Undo(ctx); !errors.Is(err, store.ErrNothingToUndo) {
			t.Errorf("undo past the start: %v", err)
		}
		for i := 1; i <= 3; i++ {
			if _, err := db.history.Redo(ctx); err != nil {
				t.Fatalf("redo %d: %v", i, err)
			}
			snap()
			if got := states[len(states)-1]; !reflect.DeepEqual(got, states[i]) {
				t.Errorf("after redoing step %d:\n got %+v\nwant %+v", i, got, states[i])
			}
		}
		if _, err := db.history.Redo(ctx); !errors.Is(err, store.ErrNothingToRedo) {
			t.Errorf("redo past the end: %v", err)
		}
	})
}

// Undo of an event's edit is refused once the event was changed since,
// names what changed and writes nothing; skipping the step lets the
// history go on. A new change ends the redo stack.
func TestEventUndoRefusedAfterALaterChange(t *testing.T) {
	eachFacets(t, func(t *testing.T, db facets) {
		e := mustEvent(t, db.events, "GPT-4", "2023-03-14")
		e.Actor = "OpenAI"
		if _, err := db.events.UpdateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
		if _, err := db.history.Undo(ctx); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.events.Event(ctx, e.ID); got.Actor != "" {
			t.Errorf("undo of the edit left actor %q", got.Actor)
		}
		if _, err := db.history.Redo(ctx); err != nil {
			t.Fatal(err)
		}
		// Undo the edit; then write something else: the redo is gone.
		if _, err := db.history.Undo(ctx); err != nil {
			t.Fatal(err)
		}
		mustEvent(t, db.events, "Llama 2", "2023-03-14")
		if _, ok, _ := db.history.NextRedo(ctx); ok {
			t.Error("a redo survived a new change")
		}
		if _, err := db.history.Undo(ctx); err != nil { // the add of Llama 2
			t.Fatal(err)
		}
		if n, _ := db.events.CountEvents(ctx, filter.Filter{}); n != 1 {
			t.Errorf("%d events after undoing an add", n)
		}
		if _, err := db.history.Redo(ctx); err != nil {
			t.Fatal(err)
		}
		// Undo the add of GPT-4 after a change the history does not cover
		// as its last step: edit it, skip that edit, then undo the add.
		e.Title, e.Tags = "GPT-4 Turbo", []string{"llm"}
		if _, err := db.events.UpdateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
		next, _, _ := db.history.NextUndo(ctx)
		if err := db.history.Skip(ctx, next.Seq, true); err != nil {
			t.Fatal(err)
		}
		if err := db.history.Skip(ctx, next.Seq, true); !errors.Is(err, store.ErrSkipMoved) {
			t.Errorf("skipping a step twice: %v", err)
		}
		// Next is the add of Llama 2; then the first edit's undo is
		// refused: GPT-4 is not as the add left it.
		if _, err := db.history.Undo(ctx); err != nil {
			t.Fatal(err)
		}
		before, _ := db.events.Event(ctx, e.ID)
		_, err := db.history.Undo(ctx)
		var refused *store.ConflictError
		if !errors.As(err, &refused) || refused.Entity != store.EntityEvent || refused.ID != e.ID || refused.Problem != store.ProblemChanged {
			t.Fatalf("undo over a later change = %v", err)
		}
		if !slices.Contains(refused.Fields, store.FieldTitle) || !slices.Contains(refused.Fields, store.FieldTags) {
			t.Errorf("refusal names %v, want title and tags", refused.Fields)
		}
		if after, _ := db.events.Event(ctx, e.ID); !reflect.DeepEqual(after, before) {
			t.Error("a refused undo wrote")
		}
	})
}

// A bulk save is one change: one undo takes every event back, and the
// batch's records are listed while it stands.
func TestBulkSaveIsOneChange(t *testing.T) {
	eachFacets(t, func(t *testing.T, db facets) {
		var events []model.Event
		for i := range 5 {
			events = append(events, model.Event{Title: "bulk", Date: when.MustParse("2023-01-0" + string(rune('1'+i))),
				Category: model.CategoryOther, Tags: []string{"b", "a"}})
		}
		ids, err := db.events.AddEvents(ctx, events)
		if err != nil {
			t.Fatal(err)
		}
		next, ok, err := db.history.NextUndo(ctx)
		if err != nil || !ok || next.Entity != store.EntityBatch || next.Events != 5 || next.Action != store.ActionAdd {
			t.Fatalf("next undo = %+v, %v, %v", next, ok, err)
		}
		got, _, err := db.history.BatchRecords(ctx, next.Seq)
		if err != nil || !slices.Equal(got, ids) {
			t.Errorf("batch records %v, %v; want %v", got, err, ids)
		}
		if _, err := db.history.Undo(ctx); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.events.CountEvents(ctx, filter.Filter{}); n != 0 {
			t.Errorf("%d events after undoing the bulk save", n)
		}
		if _, _, err := db.history.BatchRecords(ctx, next.Seq); !errors.Is(err, store.ErrNoSuchBatch) {
			t.Errorf("records of an undone batch: %v", err)
		}
		if _, err := db.history.Redo(ctx); err != nil {
			t.Fatal(err)
		}
		back, err := db.events.Events(ctx, store.EventQuery{})
		if err != nil || !slices.Equal(idsOf(back), ids) || !slices.Equal(back[0].Tags, []string{"a", "b"}) {
			t.Errorf("after redo: %+v, %v", back, err)
		}
	})
}

func TestColumnMappingsAreKeptPerHeader(t *testing.T) {
	eachFacets(t, func(t *testing.T, db facets) {
		m := db.mappings
		if _, _, ok, err := m.ColumnMapping(ctx, "model|organization"); ok || err != nil {
			t.Fatalf("a mapping before any was saved: %v, %v", ok, err)
		}
		first := map[string]string{"Model": "title", "Organization": "actor"}
		if err := m.SaveColumnMapping(ctx, "model|organization", first); err != nil {
			t.Fatal(err)
		}
		second := map[string]string{"Model": "title", "Organization": "skip"}
		if err := m.SaveColumnMapping(ctx, "model|organization", second); err != nil {
			t.Fatal(err)
		}
		got, at, ok, err := m.ColumnMapping(ctx, "model|organization")
		if err != nil || !ok || !reflect.DeepEqual(got, second) || at.IsZero() {
			t.Errorf("saved mapping = %v at %v (%v, %v)", got, at, ok, err)
		}
		if _, _, ok, _ := m.ColumnMapping(ctx, "model"); ok {
			t.Error("a mapping was found for another header")
		}
		if err := m.SaveColumnMapping(ctx, "", first); err == nil {
			t.Error("a mapping without a header was kept")
		}
		if _, ok, _ := db.history.NextUndo(ctx); ok {
			t.Error("saving a mapping was recorded as a change to undo")
		}
	})
}

func TestSavedViewsAreKeptInOrderAndReplacedByName(t *testing.T) {
	eachDatabase(t, func(t *testing.T, open func() facets) {
		u := open().user
		if views, err := u.Views(ctx); views != nil || err != nil {
			t.Errorf("views of a new database: %v, %v", views, err)
		}
		openOnly := filter.Filter{States: []model.State{model.StateOpen}, From: "2023"}
		for _, v := range []filter.SavedView{
			{Name: "Open since 2023", Filter: openOnly},
			{Name: "  Models  ", Filter: filter.Filter{Categories: []model.Category{model.CategoryModel}}},
			{Name: "Open since 2023", Filter: filter.Filter{States: []model.State{model.StateTrue}}},
		} {
			if err := u.SaveView(ctx, v); err != nil {
				t.Fatal(err)
			}
		}
		if err := u.SaveView(ctx, filter.SavedView{Name: "  "}); !errors.Is(err, store.ErrViewName) {
			t.Errorf("a blank name: %v", err)
		}
		if got := fixture.ViewNames(t, u); !slices.Equal(got, []string{"Open since 2023", "Models"}) {
			t.Errorf("views %q: a replaced view keeps its place, names are trimmed", got)
		}

		other := open().user
		views, err := other.Views(ctx)
		if err != nil || len(views) != 2 || !slices.Equal(views[0].Filter.States, []model.State{model.StateTrue}) {
			t.Fatalf("from another connection: %+v, %v", views, err)
		}
		if err := other.DeleteView(ctx, "Open since 2023"); err != nil {
			t.Fatal(err)
		}
		if err := other.DeleteView(ctx, "never saved"); err != nil {
			t.Errorf("deleting a missing view: %v", err)
		}
		if got := fixture.ViewNames(t, u); !slices.Equal(got, []string{"Models"}) {
			t.Errorf("after deleting: %q", got)
		}
	})
}

func TestRemindersAndSettings(t *testing.T) {
	eachFacets(t, func(t *testing.T, db facets) {
		u := db.user
		if r, err := u.Reminders(ctx); r != nil || err != nil {
			t.Errorf("reminders of a new database: %v, %v", r, err)
		}
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
		if _, ok, _ := db.history.NextUndo(ctx); ok {
			t.Error("user data was recorded as a change to undo")
		}
	})
}

// Data moved in from elsewhere never overwrites what the database holds,
// and the report says what was left.
func TestAdoptKeepsWhatTheDatabaseHas(t *testing.T) {
	eachFacets(t, func(t *testing.T, db facets) {
		u := db.user
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
		merged, err := u.Adopt(ctx, store.Adopted{
			Views: []filter.SavedView{
				{Name: "Mine", Filter: filter.Filter{Tags: []string{"other"}}},
				{Name: "Shared", Filter: filter.Filter{Tags: []string{"LLM"}}},
				{Name: "New", Filter: filter.Filter{From: "2020"}},
				{Name: "New", Filter: filter.Filter{From: "2021"}},
			},
			Reminders: []model.Reminder{{PredictionID: 4}},
			Settings:  map[string]string{"filter.current": `{"from":"1999"}`, "reminders.enabled": "false"},
		})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(merged.Added, []string{"New"}) || !slices.Equal(merged.Same, []string{"Shared"}) ||
			!slices.Equal(merged.Conflicting, []string{"Mine", "New"}) {
			t.Errorf("merged %+v", merged)
		}
		if got := fixture.ViewNames(t, u); !slices.Equal(got, []string{"Mine", "Shared", "New"}) {
			t.Errorf("views %q", got)
		}
		settings, _ := u.Settings(ctx)
		if settings["filter.current"] != `{"from":"2024"}` || settings["reminders.enabled"] != "false" {
			t.Errorf("settings %v: the database's own value wins, a missing one is taken", settings)
		}
		if r, _ := u.Reminders(ctx); len(r) != 1 || r[0].PredictionID != 4 || r[0].SentAt.IsZero() {
			t.Errorf("reminders %v", r)
		}
	})
}
