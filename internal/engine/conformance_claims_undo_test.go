package engine_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/storetest/fixture"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The conformance cases of undo and redo of prediction writes.

// claimsSnapshot is what a database holds, as far as undo is concerned:
// every record with its wordings, and the tags in use.
type claimsSnapshot struct {
	events []model.Event
	preds  []model.Prediction
	tags   []string
}

func snapshot(t *testing.T, db fullDB) claimsSnapshot {
	t.Helper()
	events, preds, err := db.exporter.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tags, err := db.claims.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return claimsSnapshot{events, preds, tags}
}

// Every kind of prediction write is one change: undoing the writes one by
// one, newest first, gives back each earlier state exactly (wordings,
// evidence, restatements, tags and record times included), and redoing
// them gives back each later one.
func TestPredictionWritesUndoAndRedoExactly(t *testing.T) {
	eachFull(t, func(t *testing.T, db fullDB) {
		var e model.Event
		var p, q model.Prediction
		steps := []struct {
			action store.Action
			entity string
			write  func() error
		}{
			{store.ActionAdd, store.EntityEvent, func() (err error) {
				e, err = db.events.AddEvent(ctx, model.Event{Title: "Board fires Altman", Date: when.MustParse("2023-11-17"),
					Category: model.CategoryPeople, Tags: []string{"openai"}})
				return err
			}},
			{store.ActionAdd, store.EntityPrediction, func() (err error) {
				p, err = db.claims.AddPrediction(ctx, model.Prediction{Statement: "The conflict erupts", Source: "Blog author",
					Made: when.MustParse("2023-02"), Tags: []string{"openai", "governance"}})
				return err
			}},
			{store.ActionUpdate, store.EntityPrediction, func() (err error) {
				p.Statement, p.Tags, p.Criteria = "The internal conflict erupts", []string{"governance", "boards"}, "A public split"
				p.Deadline = mustDeadline("within two years", "2023-02")
				p, err = db.claims.UpdatePrediction(ctx, p)
				return err
			}},
			{store.ActionResolve, store.EntityPrediction, func() (err error) {
				p, err = db.claims.Resolve(ctx, p.ID, model.Resolution{State: model.StateTrue, On: when.MustParse("2023-11-17"),
					Note: "It did", Evidence: []model.Evidence{{EventID: e.ID, Role: model.RoleResolves}}})
				return err
			}},
			{store.ActionDelete, store.EntityEvent, func() error { return db.events.DeleteEvent(ctx, e.ID) }},
			{store.ActionUnresolve, store.EntityPrediction, func() (err error) {
				p, err = db.claims.Unresolve(ctx, p.ID)
				return err
			}},
			{store.ActionUpdate, store.EntityPrediction, func() (err error) {
				p, err = db.claims.MarkReviewed(ctx, p.ID, when.MustParse("2024-01-05"))
				return err
			}},
			{store.ActionAdd, store.EntityPrediction, func() (err error) {
				q, err = db.claims.AddPrediction(ctx, model.Prediction{Statement: "The conflict erupts by 2024", Source: "blog author",
					Made: when.MustParse("2023-06"), Restates: p.ID, Tags: []string{"boards"}})
				return err
			}},
			{store.ActionDelete, store.EntityPrediction, func() error { return db.claims.DeletePrediction(ctx, p.ID) }},
			{store.ActionAdd, store.EntityBatch, func() error {
				_, err := db.claims.AddPredictions(ctx, []model.Prediction{
					{Statement: "One of two", Source: "Lab", Made: when.MustParse("2024"), Tags: []string{"bulk"}},
					{Statement: "Two of two", Source: "Lab", Made: when.MustParse("2024")}})
				return err
			}},
		}
		states := []claimsSnapshot{snapshot(t, db)}
		for i, step := range steps {
			if err := step.write(); err != nil {
				t.Fatalf("step %d: %v", i+1, err)
			}
			states = append(states, snapshot(t, db))
			next, ok, err := db.history.NextUndo(ctx)
			if err != nil || !ok || next.Action != step.action || next.Entity != step.entity {
				t.Fatalf("after step %d the next undo is %+v, %v, %v", i+1, next, ok, err)
			}
		}
		if q.Restates != p.ID {
			t.Fatalf("the restatement restates %d, want %d", q.Restates, p.ID)
		}
		if got := states[len(states)-1]; slices.Contains(got.tags, "openai") || !slices.Contains(got.tags, "bulk") {
			t.Errorf("tags in use at the end: %v", got.tags)
		}
		next, _, _ := db.history.NextUndo(ctx)
		if _, preds, err := db.history.BatchRecords(ctx, next.Seq); err != nil || len(preds) != 2 || next.Predictions != 2 {
			t.Errorf("the bulk save's records: %v, %v (%+v)", preds, err, next)
		}
		for i := len(steps); i > 0; i-- {
			c, err := db.history.Undo(ctx)
			if err != nil {
				t.Fatalf("undo of step %d: %v", i, err)
			}
			if c.Action != steps[i-1].action {
				t.Errorf("undo of step %d undid a %s", i, c.Action)
			}
			if got := snapshot(t, db); !reflect.DeepEqual(got, states[i-1]) {
				t.Fatalf("undo of step %d (%s):\n got %+v\nwant %+v", i, c.Describe(), got, states[i-1])
			}
		}
		for i := 1; i <= len(steps); i++ {
			if _, err := db.history.Redo(ctx); err != nil {
				t.Fatalf("redo of step %d: %v", i, err)
			}
			if got := snapshot(t, db); !reflect.DeepEqual(got, states[i]) {
				t.Fatalf("redo of step %d:\n got %+v\nwant %+v", i, got, states[i])
			}
		}
	})
}

// Undoing a prediction's resolve after a change the history does not
// cover as its last step is refused, names what changed, and writes
// nothing.
func TestPredictionUndoRefusedAfterALaterChange(t *testing.T) {
	eachFull(t, func(t *testing.T, db fullDB) {
		e := mustEvent(t, db.events, "Board fires Altman", "2023-11-17")
		p := mustPrediction(t, db.claims, fixture.Prediction("The conflict erupts"))
		if _, err := db.claims.Resolve(ctx, p.ID, model.Resolution{State: model.StateTrue, On: when.MustParse("2023-11-17"),
			Evidence: []model.Evidence{{EventID: e.ID, Role: model.RoleResolves}}}); err != nil {
			t.Fatal(err)
		}
		p, _ = db.claims.Prediction(ctx, p.ID)
		p.Criteria = "edited later"
		if _, err := db.claims.UpdatePrediction(ctx, p); err != nil {
			t.Fatal(err)
		}
		next, _, _ := db.history.NextUndo(ctx)
		if err := db.history.Skip(ctx, next.Seq, true); err != nil {
			t.Fatal(err)
		}
		before, _ := db.claims.Prediction(ctx, p.ID)
		_, err := db.history.Undo(ctx)
		var refused *store.ConflictError
		if !errors.As(err, &refused) || refused.Entity != store.EntityPrediction || refused.ID != p.ID ||
			refused.Problem != store.ProblemChanged || refused.Label != "The conflict erupts" {
			t.Fatalf("undo over a later change = %v", err)
		}
		if !slices.Contains(refused.Fields, store.FieldCriteria) || refused.Change.Action != store.ActionResolve {
			t.Errorf("refusal names %v of a %s", refused.Fields, refused.Change.Action)
		}
		if after, _ := db.claims.Prediction(ctx, p.ID); !reflect.DeepEqual(after, before) {
			t.Error("a refused undo wrote")
		}
	})
}

// Undo never deletes an event that a prediction outside the change cites,
// nor brings back evidence citing an event that is gone.
func TestUndoRefusesToBreakEvidence(t *testing.T) {
	eachFull(t, func(t *testing.T, db fullDB) {
		e := mustEvent(t, db.events, "Cited", "2023")
		p := mustPrediction(t, db.claims, fixture.Prediction("Cites it"))
		resolve := func() {
			t.Helper()
			if _, err := db.claims.Resolve(ctx, p.ID, model.Resolution{State: model.StateTrue, On: when.MustParse("2024"),
				Evidence: []model.Evidence{{EventID: e.ID, Role: model.RoleResolves}}}); err != nil {
				t.Fatal(err)
			}
		}
		skip := func() {
			t.Helper()
			next, _, _ := db.history.NextUndo(ctx)
			if err := db.history.Skip(ctx, next.Seq, true); err != nil {
				t.Fatal(err)
			}
		}
		refusal := func(problem store.Problem) *store.ConflictError {
			t.Helper()
			_, err := db.history.Undo(ctx)
			var refused *store.ConflictError
			if !errors.As(err, &refused) || refused.Problem != problem {
				t.Fatalf("undo = %v, want a refusal (%s)", err, problem)
			}
			return refused
		}
		resolve()
		skip() // the resolve
		skip() // the prediction's add
		// Undoing the event's add would take the prediction's evidence.
		cited := refusal(store.ProblemCited)
		if cited.ID != e.ID || cited.OtherEntity != store.EntityPrediction || cited.OtherID != p.ID || cited.OtherLabel != "Cites it" {
			t.Errorf("refusal %+v", cited)
		}
		if got, _ := db.claims.Prediction(ctx, p.ID); len(got.Resolution.Evidence) != 1 {
			t.Error("a refused undo took the evidence")
		}

		// Resolved citing e, reopened, then e deleted: undoing the reopen
		// would bring back evidence citing an event that is gone.
		skip() // the event's add
		e = mustEvent(t, db.events, "Cited, then deleted", "2023")
		resolve()
		if _, err := db.claims.Unresolve(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.events.DeleteEvent(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		skip() // the delete
		missing := refusal(store.ProblemMissing)
		if missing.ID != p.ID || missing.OtherEntity != store.EntityEvent || missing.OtherID != e.ID {
			t.Errorf("refusal %+v", missing)
		}
	})
}
