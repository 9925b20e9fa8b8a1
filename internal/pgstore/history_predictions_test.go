package pgstore_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Undo of a prediction write is refused over another client's later
// change to that prediction, naming the client and what changed, and
// writes nothing; past it, each client undoes its own writes.
func TestPredictionUndoRefusedOverAnotherClientsChange(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DB(t)
	ann, bob := openAs(t, dsn, "ann"), openAs(t, dsn, "bob")
	p := add(t, ann.AddPrediction, model.Prediction{Statement: "Open models catch up", Source: "Ann",
		Made: when.MustParse("2023"), Tags: []string{"open"}})
	p.Criteria = "Ann's criteria"
	if _, err := ann.UpdatePrediction(ctx, p); err != nil {
		t.Fatal(err)
	}
	theirs, _ := bob.Prediction(ctx, p.ID)
	theirs.Interest = "Bob's note"
	if _, err := bob.UpdatePrediction(ctx, theirs); err != nil {
		t.Fatal(err)
	}
	before, _ := ann.Prediction(ctx, p.ID)
	if conflict, err := refusedUndo(t, ann, "bob"); conflict.Entity != store.EntityPrediction ||
		!slices.Contains(conflict.Fields, store.FieldInterest) {
		t.Fatalf("ann's undo over bob's change = %v", err)
	}
	if after, _ := ann.Prediction(ctx, p.ID); !reflect.DeepEqual(after, before) {
		t.Error("a refused undo wrote")
	}
	// Bob undoes his own change; then Ann's undo goes through.
	if c, err := bob.History().Undo(ctx); err != nil || c.Entity != store.EntityPrediction {
		t.Fatalf("bob's undo: %+v, %v", c, err)
	}
	if _, err := ann.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := ann.Prediction(ctx, p.ID); got.Criteria != "" || got.Interest != "" {
		t.Errorf("after both undos: %+v", got)
	}
}

// Tags no record uses any more are dropped, as the SQLite store drops
// them, and come back by name when a record takes them again.
func TestUnusedTagsAreDropped(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DB(t)
	s := openAs(t, dsn, "ann")
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	tags := func() []string {
		t.Helper()
		rows, err := conn.Query(ctx, "SELECT name FROM tags ORDER BY name")
		if err != nil {
			t.Fatal(err)
		}
		names, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		return names
	}
	tagged := gpt4
	tagged.Tags = []string{"gpt", "openai"}
	e := add(t, s.AddEvent, tagged)
	p := add(t, s.AddPrediction, model.Prediction{Statement: "GPT-5 in 2024", Source: "Ann", Made: when.MustParse("2023"),
		Tags: []string{"openai", "forecast"}})
	e.Tags = []string{"openai"}
	if _, err := s.UpdateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	if got := tags(); !slices.Equal(got, []string{"forecast", "openai"}) {
		t.Errorf("after the edit: %v", got)
	}
	if err := s.DeletePrediction(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if got := tags(); !slices.Equal(got, []string{"openai"}) {
		t.Errorf("after the delete: %v", got)
	}
	if _, err := s.History().Undo(ctx); err != nil { // the delete
		t.Fatal(err)
	}
	if _, err := s.History().Undo(ctx); err != nil { // the edit
		t.Fatal(err)
	}
	if got := tags(); !slices.Equal(got, []string{"forecast", "gpt", "openai"}) {
		t.Errorf("after the undos: %v", got)
	}
	if _, err := s.History().Undo(ctx); err != nil { // the prediction's add
		t.Fatal(err)
	}
	if got := tags(); !slices.Equal(got, []string{"gpt", "openai"}) {
		t.Errorf("after undoing the add: %v", got)
	}
}

// Clients taking a tag into use while others drop it as unused all save:
// a tag dropped under a writer is made again, never lost from its record.
func TestTagsTakenAndDroppedAtOnceLoseNothing(t *testing.T) {
	ctx := context.Background()
	first, dsn := open(t)
	const writers, rounds = 4, 40
	eachWriter(t, dsn, writers, func(w int, s *pgstore.Store) error {
		for i := range rounds {
			e, err := s.AddEvent(ctx, model.Event{Title: "tagged", Date: when.MustParse("2024-01-01"),
				Category: model.CategoryOther, Tags: []string{"shared", "other"}})
			if err != nil {
				return err
			}
			if got, err := s.Event(ctx, e.ID); err != nil || !slices.Equal(got.Tags, []string{"other", "shared"}) {
				return errors.Join(err, errors.New("writer lost a tag: "+strings.Join(got.Tags, ",")))
			}
			if i%2 == 0 {
				e.Tags = nil
				if _, err := s.UpdateEvent(ctx, e); err != nil {
					return err
				}
			}
			if err := s.DeleteEvent(ctx, e.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if names, err := first.Vocabulary().Tags(ctx); err != nil || len(names) != 0 {
		t.Errorf("tags in use after every event went: %v, %v", names, err)
	}
}

// Upgrading to schema 5 drops the tags an older build left unused, and
// keeps those in use.
func TestUpgradeDropsTagsLeftUnused(t *testing.T) {
	ctx := context.Background()
	dsn := olderDatabase(t, 4, `INSERT INTO tags (id, name) VALUES (1, 'left-over'), (2, 'used');
		INSERT INTO events (id, title, date, earliest, latest, category, created_at, updated_at)
		VALUES (7, 'kept', '2023', 19358, 19722, 'other', now(), now());
		INSERT INTO event_tags (event_id, tag_id) VALUES (7, 2)`)
	s := openAs(t, dsn, "ann")
	if v, err := s.SchemaVersion(ctx); err != nil || v != 5 {
		t.Fatalf("version %d, %v", v, err)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, "SELECT name FROM tags ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	if names, err := pgx.CollectRows(rows, pgx.RowTo[string]); err != nil || !slices.Equal(names, []string{"used"}) {
		t.Errorf("tags after the upgrade: %v, %v", names, err)
	}
}
