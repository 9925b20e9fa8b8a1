package pgstore_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// openAs opens the database dsn as client until the test ends.
func openAs(t *testing.T, dsn, client string) *pgstore.Store {
	t.Helper()
	s, err := pgstore.OpenAs(context.Background(), dsn, client)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// refusedUndo runs s's undo, which must be refused over a later change
// by the client by, and gives the refusal and its error.
func refusedUndo(t *testing.T, s *pgstore.Store, by string) (*store.ConflictError, error) {
	t.Helper()
	_, err := s.History().Undo(context.Background())
	var other *pgstore.OtherClientError
	var refused *store.ConflictError
	if !errors.As(err, &other) || other.By != by || !errors.As(err, &refused) || !errors.Is(err, store.ErrConflict) {
		t.Fatalf("undo over %s's change = %v", by, err)
	}
	return refused, err
}

// TestUndoTakesBackOnlyYourOwnChanges: two clients of one database each
// undo their own changes, past the other's changes to other records; an
// undo over the other's later change to the same record is refused, names
// that client and what changed, and writes nothing.
func TestUndoTakesBackOnlyYourOwnChanges(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DB(t)
	ann, bob := openAs(t, dsn, "ann"), openAs(t, dsn, "bob")
	if ann.Client() != "ann" {
		t.Fatalf("client %q", ann.Client())
	}
	if s := openAs(t, dsn, ""); s.Client() == "" || s.Client() == openAs(t, dsn, "").Client() {
		t.Errorf("two stores opened without a name share the client %q", s.Client())
	}

	gpt := add(t, ann.AddEvent, gpt4)
	llama := add(t, bob.AddEvent, model.Event{Title: "Llama 2", Date: when.MustParse("2023-03-14"), Category: model.CategoryModel})
	// Ann's next undo is her own add, not Bob's later one.
	if c, ok, err := ann.History().NextUndo(ctx); err != nil || !ok || c.EntityID != gpt.ID || c.Label != "GPT-4" {
		t.Fatalf("ann's next undo = %+v, %v, %v", c, ok, err)
	}
	gpt.Actor = "OpenAI"
	if _, err := ann.UpdateEvent(ctx, gpt); err != nil {
		t.Fatal(err)
	}
	// Bob edits the same event after Ann.
	bobs := gpt
	bobs.Description = "Bob's note"
	if _, err := bob.UpdateEvent(ctx, bobs); err != nil {
		t.Fatal(err)
	}
	before, _ := ann.Event(ctx, gpt.ID)
	refused, err := refusedUndo(t, ann, "bob")
	if refused.ID != gpt.ID || refused.Problem != store.ProblemChanged || !slices.Equal(refused.Fields, []string{store.FieldDescription}) {
		t.Errorf("refusal %+v", refused)
	}
	if !strings.HasPrefix(err.Error(), "bob changed it later: cannot undo update of event") {
		t.Errorf("the refusal does not say who: %v", err)
	}
	if after, _ := ann.Event(ctx, gpt.ID); after.Description != before.Description || after.Actor != "OpenAI" {
		t.Errorf("a refused undo wrote: %+v", after)
	}
	// Bob undoes his own edit, and then Ann's undo goes through.
	if c, err := bob.History().Undo(ctx); err != nil || c.Action != store.ActionUpdate {
		t.Fatalf("bob's undo = %+v, %v", c, err)
	}
	if _, err := ann.History().Undo(ctx); err != nil {
		t.Fatalf("ann's undo once bob took his edit back: %v", err)
	}
	if got, _ := bob.Event(ctx, gpt.ID); got.Actor != "" {
		t.Errorf("actor after ann's undo = %q", got.Actor)
	}
	// Bob's add of Llama 2 is still his to undo.
	if c, err := bob.History().Undo(ctx); err != nil || c.EntityID != llama.ID {
		t.Fatalf("bob's second undo = %+v, %v", c, err)
	}
	if _, err := ann.Event(ctx, llama.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("llama after bob undid its add: %v", err)
	}
	// A refusal over a record another client deleted names the client too.
	if err := bob.DeleteEvent(ctx, gpt.ID); err != nil {
		t.Fatal(err)
	}
	_, err = ann.History().Redo(ctx)
	var other *pgstore.OtherClientError
	if !errors.As(err, &other) || other.By != "bob" || other.Conflict.Problem != store.ProblemDeleted {
		t.Errorf("redo over bob's delete = %v", err)
	}
}

// A form that read a period before someone else saved it is refused, and
// every write to periods is announced to the other clients.
func TestPeriodsCarryVersionsAndAreAnnounced(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	writer, dsn := open(t)
	reader := openAs(t, dsn, "")
	changes := reader.Watch(ctx)

	p, err := writer.Periods().Add(ctx, model.Period{Title: "Era", Start: when.MustParse("2023")})
	if err != nil {
		t.Fatal(err)
	}
	if c := next(t, changes, "an add"); c.Table != "periods" || c.Op != "insert" || !slices.Equal(c.IDs, []int64{p.ID}) {
		t.Fatalf("an add was seen as %+v", c)
	}
	read, version, err := reader.Periods().GetWithVersion(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	p.Title = "Era, renamed"
	if _, err := writer.Periods().Update(ctx, p); err != nil {
		t.Fatal(err)
	}
	if c := next(t, changes, "an edit"); c.Table != "periods" || c.Op != "update" {
		t.Fatalf("an edit was seen as %+v", c)
	}
	read.Color = "#00ff00"
	if _, _, err := reader.Periods().UpdateIfUnchanged(ctx, read, version); !errors.Is(err, pgstore.ErrChanged) {
		t.Errorf("a save over a later save = %v", err)
	}
	got, now, err := reader.Periods().GetWithVersion(ctx, p.ID)
	if err != nil || got.Title != "Era, renamed" || got.Color != "" || now != version+1 {
		t.Errorf("after the refused save: %+v v%d, %v", got, now, err)
	}
	got.Color = "#00ff00"
	if _, v, err := reader.Periods().UpdateIfUnchanged(ctx, got, now); err != nil || v != now+1 {
		t.Errorf("a save at the current version: v%d, %v", v, err)
	}
	next(t, changes, "the second edit")
	if err := writer.Periods().Delete(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if c := next(t, changes, "a delete"); c.Table != "periods" || c.Op != "delete" || !slices.Equal(c.IDs, []int64{p.ID}) {
		t.Fatalf("a delete was seen as %+v", c)
	}
	if _, _, err := reader.Periods().UpdateIfUnchanged(ctx, got, now+1); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a save of a deleted period = %v", err)
	}
}

// A viewer reads periods, user data and the history, and every write of
// them is refused with ErrReadOnly.
func TestAViewerIsRefusedWritesOfPeriodsAndUserData(t *testing.T) {
	ctx := context.Background()
	s, dsn := open(t)
	p, err := s.Periods().Add(ctx, model.Period{Title: "Era", Start: when.MustParse("2023")})
	if err != nil {
		t.Fatal(err)
	}
	viewer := openViewer(t, dsn)
	if got, err := viewer.Periods().List(ctx, nil); err != nil || len(got) != 1 {
		t.Fatalf("a viewer reads %+v, %v", got, err)
	}
	if _, ok, err := viewer.History().NextUndo(ctx); ok || err != nil {
		t.Errorf("a viewer's next undo: %v, %v", ok, err)
	}
	if _, err := viewer.UserData().Settings(ctx); err != nil {
		t.Errorf("a viewer reads settings: %v", err)
	}
	writes := map[string]error{}
	_, writes["add a period"] = viewer.Periods().Add(ctx, p)
	_, writes["update a period"] = viewer.Periods().Update(ctx, p)
	writes["delete a period"] = viewer.Periods().Delete(ctx, p.ID)
	writes["save a view"] = viewer.UserData().SaveView(ctx, filter.SavedView{Name: "v"})
	writes["set a setting"] = viewer.UserData().SetSetting(ctx, "k", "v")
	writes["mark reminded"] = viewer.UserData().MarkReminded(ctx, []int64{1}, time.Time{})
	writes["save a mapping"] = viewer.Bulk().SaveColumnMapping(ctx, "a|b", map[string]string{"a": "title"})
	_, writes["import"] = viewer.Bulk().Import(ctx, []model.Event{{Title: "x", Date: when.MustParse("2023"), Category: model.CategoryOther}}, nil, store.ImportOptions{})
	checkReadOnly(t, writes)
	if got, err := s.Periods().List(ctx, nil); err != nil || len(got) != 1 || got[0].Title != "Era" {
		t.Errorf("after a viewer's writes: %+v, %v", got, err)
	}
}
