package store

import (
	"errors"
	"reflect"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// dump reads every row of the record tables, to compare whole database
// states. Sources are left out: they are a shared list that undo does not
// shrink. Tags are read by name: a tag that undo brings back after it was
// dropped gets a new id.
func dump(t testing.TB, s *Store) map[string][][]any {
	t.Helper()
	out := map[string][][]any{}
	for _, table := range []string{"events", "event_links", "predictions", "prediction_versions", "evidence"} {
		out[table] = queryRows(t, s, "SELECT * FROM "+table+" ORDER BY 1, 2")
	}
	out["event_tags"] = queryRows(t, s, `SELECT et.event_id, t.name FROM event_tags et JOIN tags t ON t.id = et.tag_id ORDER BY 1, 2`)
	out["prediction_tags"] = queryRows(t, s, `SELECT pt.prediction_id, t.name FROM prediction_tags pt JOIN tags t ON t.id = pt.tag_id ORDER BY 1, 2`)
	out["tags"] = queryRows(t, s, "SELECT name FROM tags ORDER BY 1")
	return out
}

// queryRows reads every row of a query as plain values.
func queryRows(t testing.TB, s *Store, query string) [][]any {
	t.Helper()
	rows, err := s.db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, vals)
	}
	return out
}

func TestUndoRedoRestoresExactRows(t *testing.T) {
	s := openTemp(t)
	var states []map[string][][]any
	snap := func() { states = append(states, dump(t, s)) }
	snap() // 0: empty

	e, err := s.AddEvent(ctx, model.Event{Title: "OpenAI board removes Sam Altman", Date: when.MustParse("2023-11-17"),
		Actor: "OpenAI", Category: model.CategoryPeople, Tags: []string{"openai"}, Links: []model.Link{{URL: "https://openai.com/blog"}}})
	if err != nil {
		t.Fatal(err)
	}
	snap() // 1
	p, err := s.AddPrediction(ctx, newPrediction("OpenAI's conflict will erupt"))
	if err != nil {
		t.Fatal(err)
	}
	snap() // 2
	if _, err := s.Resolve(ctx, p.ID, model.Resolution{State: model.StateTrue, On: when.MustParse("2023-11-17"),
		Evidence: []model.Evidence{{EventID: e.ID, Role: model.RoleResolves}}}); err != nil {
		t.Fatal(err)
	}
	snap() // 3
	p, _ = s.Prediction(ctx, p.ID)
	p.Statement = "OpenAI's internal conflict will erupt"
	if _, err := s.UpdatePrediction(ctx, p); err != nil {
		t.Fatal(err)
	}
	snap() // 4
	e.Title = "Board fires Altman"
	e.Tags = []string{"openai", "governance"}
	if _, err := s.UpdateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	snap() // 5
	if err := s.DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	snap() // 6
	if _, err := s.Unresolve(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	snap() // 7
	if err := s.DeletePrediction(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	snap() // 8

	last := len(states) - 1
	for i := last; i > 0; i-- {
		c, err := s.History().Undo(ctx)
		if err != nil {
			t.Fatalf("undo to state %d: %v", i-1, err)
		}
		if got := dump(t, s); !reflect.DeepEqual(got, states[i-1]) {
			t.Fatalf("after undoing %s %s, rows differ from state %d:\n got %v\nwant %v", c.Action, c.Entity, i-1, got, states[i-1])
		}
	}
	if _, err := s.History().Undo(ctx); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("undo past the start: %v", err)
	}
	for i := 1; i <= last; i++ {
		if _, err := s.History().Redo(ctx); err != nil {
			t.Fatalf("redo to state %d: %v", i, err)
		}
		if got := dump(t, s); !reflect.DeepEqual(got, states[i]) {
			t.Fatalf("after redo, rows differ from state %d", i)
		}
	}
	if _, err := s.History().Redo(ctx); !errors.Is(err, ErrNothingToRedo) {
		t.Errorf("redo past the end: %v", err)
	}
}

func TestNewChangeClearsRedoAndHistorySurvivesReopen(t *testing.T) {
	s := openTemp(t)
	path := s.Path()
	a := mustEvent(t, s, "first", "2023")
	mustEvent(t, s, "second", "2024")
	if _, err := s.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if c, ok, _ := s.History().NextRedo(ctx); !ok || c.Label != "second" {
		t.Errorf("next redo = %+v, %v", c, ok)
	}
	mustEvent(t, s, "third", "2025")
	if _, ok, _ := s.History().NextRedo(ctx); ok {
		t.Error("a new change should clear the redo stack")
	}
	s.Close()

	s = openPath(t, path)
	c, ok, err := s.History().NextUndo(ctx)
	if err != nil || !ok || c.Label != "third" || c.Action != ActionAdd {
		t.Fatalf("after reopening, next undo = %+v %v %v", c, ok, err)
	}
	s.History().Undo(ctx)
	s.History().Undo(ctx)
	if _, err := s.Event(ctx, a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("undoing the first add should remove it: %v", err)
	}
}

func TestRefusedChangeRecordsNothing(t *testing.T) {
	s := openTemp(t)
	if _, err := s.AddEvent(ctx, model.Event{Title: "", Date: when.MustParse("2023")}); err == nil {
		t.Fatal("empty title accepted")
	}
	if err := s.DeleteEvent(ctx, 42); !errors.Is(err, ErrNotFound) {
		t.Fatalf("delete missing: %v", err)
	}
	if _, ok, _ := s.History().NextUndo(ctx); ok {
		t.Error("a refused change left a history entry")
	}
}
