package pgstore_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/when"
)

func claim(statement string) model.Prediction {
	return model.Prediction{Statement: statement, Source: "Forecaster", Made: when.MustParse("2023-01")}
}

// TestAStalePredictionSaveIsRefused: every write to a prediction (an
// edit, a resolution, a review, the clearing of a restatement whose claim
// was deleted) counts as a save, and a save from a form that read it
// before is refused with ErrChanged, leaving the other save in place.
func TestAStalePredictionSaveIsRefused(t *testing.T) {
	ctx := context.Background()
	s, other := openTwo(t)
	first := add(t, s.AddPrediction, claim("AGI by 2025"))
	p := add(t, s.AddPrediction, model.Prediction{Statement: "AGI by 2027", Source: "Forecaster",
		Made: when.MustParse("2024-12"), Restates: first.ID})
	mine, v1, err := s.Versioned().Prediction(ctx, p.ID)
	if err != nil || v1 != 1 {
		t.Fatalf("a new prediction is at version %d (%v), want 1", v1, err)
	}
	if _, err := other.Claims().Resolve(ctx, p.ID, model.Resolution{State: model.StateFalse, On: when.MustParse("2028")}); err != nil {
		t.Fatal(err)
	}
	mine.Statement = "AGI by 2028 (my edit)"
	if _, _, err := s.Versioned().UpdatePrediction(ctx, mine, v1); !errors.Is(err, pgstore.ErrChanged) {
		t.Fatalf("a save over their resolution gave %v; want ErrChanged", err)
	}
	got, v2, err := s.Versioned().Prediction(ctx, p.ID)
	if err != nil || got.Statement != "AGI by 2027" || got.State() != model.StateFalse || v2 != 2 {
		t.Fatalf("after the refused save: %q %s at version %d, %v", got.Statement, got.State(), v2, err)
	}
	if versions, _ := s.Claims().Versions(ctx, p.ID); len(versions) != 1 {
		t.Errorf("a refused save kept a wording: %+v", versions)
	}
	got.Statement = "AGI by 2028"
	saved, v3, err := s.Versioned().UpdatePrediction(ctx, got, v2)
	if err != nil || v3 != 3 || saved.Statement != "AGI by 2028" || saved.State() != model.StateFalse {
		t.Fatalf("a save at the current version: %q %s at version %d, %v", saved.Statement, saved.State(), v3, err)
	}
	if err := other.DeletePrediction(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	if _, v, _ := s.Versioned().Prediction(ctx, p.ID); v != 4 {
		t.Errorf("clearing the restatement left the version at %d, want 4", v)
	}
	if _, _, err := s.Versioned().UpdatePrediction(ctx, saved, v3); !errors.Is(err, pgstore.ErrChanged) {
		t.Errorf("a save over the cleared restatement gave %v; want ErrChanged", err)
	}
	checkSaveOfDeleted(t, other.DeletePrediction, p.ID, s.Versioned().UpdatePrediction, saved, 4)
}

// TestPredictionWritesAreSeenByAnotherClient: adds, edits, resolutions and
// deletes of predictions reach another client's watch within a second,
// naming them; so does the loss of evidence when a cited event is
// deleted, as an update of the predictions that cited it.
func TestPredictionWritesAreSeenByAnotherClient(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	writer, reader := openTwo(t)
	e := add(t, writer.AddEvent, model.Event{Title: "GPT-5", Date: when.MustParse("2025-08-07"), Category: model.CategoryModel})
	changes := reader.Watch(ctx)
	p := add(t, writer.AddPrediction, claim("GPT-5 in 2025"))
	expect := func(what, op string, ids []int64) {
		t.Helper()
		c := next(t, changes, what)
		if c.Table != "predictions" || c.Op != op || !slices.Equal(c.IDs, ids) {
			t.Fatalf("%s was seen as %+v", what, c)
		}
	}
	expect("an add", "insert", []int64{p.ID})
	p.Criteria = "released to the public"
	if _, err := writer.UpdatePrediction(ctx, p); err != nil {
		t.Fatal(err)
	}
	expect("an edit", "update", []int64{p.ID})
	if got, err := reader.Prediction(ctx, p.ID); err != nil || got.Criteria != "released to the public" {
		t.Fatalf("the other client reads %q, %v", got.Criteria, err)
	}
	if _, err := writer.Claims().Resolve(ctx, p.ID, model.Resolution{State: model.StateTrue, On: when.MustParse("2025-08-07"),
		Evidence: []model.Evidence{{EventID: e.ID, Role: model.RoleResolves}}}); err != nil {
		t.Fatal(err)
	}
	expect("a resolution", "update", []int64{p.ID})
	for drained := false; !drained; {
		select {
		case <-changes: // the resolution's rewrite of its evidence
		case <-time.After(200 * time.Millisecond):
			drained = true
		}
	}
	if err := writer.DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	seen := map[string]pgstore.Change{}
	for len(seen) < 2 {
		c := next(t, changes, "deleting the cited event")
		seen[c.Table] = c
	}
	if c := seen["predictions"]; c.Op != "update" || !slices.Equal(c.IDs, []int64{p.ID}) {
		t.Fatalf("the lost evidence was seen as %+v", c)
	}
	if err := writer.DeletePrediction(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	expect("a delete", "delete", []int64{p.ID})
}

// TestAViewerIsRefusedPredictionWrites: a role granted only reads reads
// predictions and the names in use, and every write is refused with
// ErrReadOnly, leaving them as they were.
func TestAViewerIsRefusedPredictionWrites(t *testing.T) {
	ctx := context.Background()
	s, dsn := open(t)
	p := add(t, s.AddPrediction, claim("AGI by 2025"))
	viewer := openViewer(t, dsn)
	if got, err := viewer.Prediction(ctx, p.ID); err != nil || got.Statement != "AGI by 2025" {
		t.Fatalf("a viewer reads %+v, %v", got, err)
	}
	if sources, err := viewer.Vocabulary().Sources(ctx); err != nil || !slices.Equal(sources, []string{"Forecaster"}) {
		t.Fatalf("a viewer reads the sources %v, %v", sources, err)
	}
	changed := p
	changed.Statement = "changed by a viewer"
	writes := map[string]error{}
	_, writes["add"] = viewer.AddPrediction(ctx, changed)
	_, writes["bulk add"] = viewer.Bulk().AddPredictions(ctx, []model.Prediction{changed})
	_, writes["update"] = viewer.UpdatePrediction(ctx, changed)
	_, writes["resolve"] = viewer.Claims().Resolve(ctx, p.ID, model.Resolution{State: model.StateTrue, On: when.MustParse("2025")})
	_, writes["unresolve"] = viewer.Claims().Unresolve(ctx, p.ID)
	_, writes["review"] = viewer.Claims().MarkReviewed(ctx, p.ID, when.MustParse("2024"))
	writes["delete"] = viewer.DeletePrediction(ctx, p.ID)
	checkReadOnly(t, writes)
	if got, err := s.Prediction(ctx, p.ID); err != nil || got.Statement != "AGI by 2025" || !got.ReviewedOn.IsZero() {
		t.Fatalf("after a viewer's writes: %+v, %v", got, err)
	}
}
