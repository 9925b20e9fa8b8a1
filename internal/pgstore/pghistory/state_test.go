package pghistory

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

func gpt4() model.Event {
	return model.Event{ID: 3, Title: "OpenAI releases GPT-4", Date: when.MustParse("2023-03-14"),
		Actor: "OpenAI", Category: model.CategoryModel, Tags: []string{"openai", "gpt"},
		UpdatedAt: time.Date(2023, 3, 14, 12, 0, 0, 0, time.UTC)}
}

func TestKeySplitsBack(t *testing.T) {
	k := Key(store.EntityPeriod, 42)
	if entity, id := SplitKey(k); entity != store.EntityPeriod || id != 42 {
		t.Fatalf("SplitKey(%q) = %q, %d", k, entity, id)
	}
}

// A state read back from the database (key order and spacing lost, tags
// in another order) compares equal to the one the change wrote.
func TestStateReadBackIsTheSame(t *testing.T) {
	e := gpt4()
	written, err := StateOf(store.EntityEvent, e.ID, e)
	if err != nil {
		t.Fatal(err)
	}
	var loose map[string]any
	if err := json.Unmarshal(written.Record, &loose); err != nil {
		t.Fatal(err)
	}
	loose["tags"] = []string{"openai", "gpt"}
	raw, _ := json.MarshalIndent(loose, "", "   ")
	e.Tags = []string{"gpt", "openai"}
	now, _ := StateOf(store.EntityEvent, e.ID, e)
	problem, err := compare(&State{Entity: store.EntityEvent, ID: e.ID, Record: raw}, now, true, store.EntityEvent, e.ID)
	if err != nil || problem != nil {
		t.Fatalf("the same record compared as %+v, %v", problem, err)
	}
}

// A refusal names the fields that differ, leaving out the time saved
// beside a real change, and the record's title.
func TestCompareNamesTheChangedFields(t *testing.T) {
	e := gpt4()
	want, _ := StateOf(store.EntityEvent, e.ID, e)
	e.Title, e.Date, e.UpdatedAt = "GPT-4 released", when.MustParse("2023-03-15"), e.UpdatedAt.Add(time.Hour)
	now, _ := StateOf(store.EntityEvent, e.ID, e)
	problem, err := compare(&want, now, true, store.EntityEvent, e.ID)
	if err != nil || problem == nil {
		t.Fatalf("a changed record compared as %+v, %v", problem, err)
	}
	if problem.Problem != store.ProblemChanged || problem.Label != "GPT-4 released" ||
		!slices.Equal(problem.Fields, []string{store.FieldDate, store.FieldTitle}) {
		t.Errorf("refusal %+v; want the date and title changed on %q", problem, "GPT-4 released")
	}
	e = gpt4()
	e.UpdatedAt = e.UpdatedAt.Add(time.Hour)
	saved, _ := StateOf(store.EntityEvent, e.ID, e)
	if problem, _ := compare(&want, saved, true, store.EntityEvent, e.ID); problem == nil ||
		!slices.Equal(problem.Fields, []string{store.FieldSaved}) {
		t.Errorf("a save with no other change: %+v; want the time saved named", problem)
	}
}

func TestCompareNamesDeletedAndRecreatedRecords(t *testing.T) {
	e := gpt4()
	st, _ := StateOf(store.EntityEvent, e.ID, e)
	if p, _ := compare(&st, State{}, false, store.EntityEvent, e.ID); p == nil || p.Problem != store.ProblemDeleted || p.Label != e.Title {
		t.Errorf("a deleted record: %+v", p)
	}
	if p, _ := compare(nil, st, true, store.EntityEvent, e.ID); p == nil || p.Problem != store.ProblemExists || p.Label != e.Title {
		t.Errorf("a record the change left none of: %+v", p)
	}
	if p, err := compare(nil, State{}, false, store.EntityEvent, e.ID); p != nil || err != nil {
		t.Errorf("no record, none wanted: %+v, %v", p, err)
	}
}
