package store

import (
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func periodRows(t *testing.T, s *Store) [][][]any {
	t.Helper()
	return [][][]any{
		queryRows(t, s, "SELECT * FROM periods ORDER BY id"),
		queryRows(t, s, "SELECT * FROM period_links ORDER BY 1, 2"),
	}
}

// An undo of a period's edit is refused once the period was changed
// since by someone else, and writes nothing; skipping the step lets the
// history go on.
func TestPeriodUndoRefusedAfterAnotherChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	a := openPath(t, path)
	p, err := a.Periods().Add(ctx, model.Period{Title: "Era", Start: when.MustParse("2023")})
	if err != nil {
		t.Fatal(err)
	}
	p.Title = "Era, renamed here"
	if _, err := a.Periods().Update(ctx, p); err != nil {
		t.Fatal(err)
	}
	// Another window edits the same period, outside the history.
	b := openPath(t, path)
	if _, err := b.db.ExecContext(ctx, "UPDATE periods SET color = '#00ff00', lane = 'OpenAI' WHERE id = ?", p.ID); err != nil {
		t.Fatal(err)
	}
	before := periodRows(t, a)
	_, err = a.History().Undo(ctx)
	var refused *ConflictError
	if !errors.As(err, &refused) || refused.Entity != EntityPeriod || refused.ID != p.ID || refused.Problem != ProblemChanged {
		t.Fatalf("undo after another change = %v", err)
	}
	if !slices.Contains(refused.Fields, FieldColor) || !slices.Contains(refused.Fields, FieldLane) {
		t.Errorf("refusal names %v, want color and lane", refused.Fields)
	}
	if got := periodRows(t, a); !reflect.DeepEqual(got, before) {
		t.Error("a refused undo wrote")
	}
	if err := a.History().Skip(ctx, refused.Change.Seq, true); err != nil {
		t.Fatal(err)
	}
	// The add is next; undoing it now is refused too, since the period is
	// not as the add left it.
	if _, err := a.History().Undo(ctx); !errors.Is(err, ErrConflict) {
		t.Errorf("undo of the add = %v, want a refusal", err)
	}
	// A redo that would bring back a deleted period over one that exists
	// is refused as well.
	if err := a.Periods().Delete(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := b.db.ExecContext(ctx, "DELETE FROM periods WHERE id = ?", p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.History().Redo(ctx); !errors.As(err, &refused) || refused.Problem != ProblemDeleted {
		t.Errorf("redo of the delete after the period went = %v", err)
	}
	checkSound(t, a)
}

// A file upgraded to schema 5 has the same tables as a new one.
func TestSchema5MigrationMatchesNewFiles(t *testing.T) {
	upgraded, _ := openFrozen(t, frozenV1)
	fresh := openTemp(t)
	for _, table := range []string{"periods", "period_links", "column_mappings", "changes"} {
		q := "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('" + table + "')"
		if a, b := queryRows(t, upgraded, q), queryRows(t, fresh, q); !reflect.DeepEqual(a, b) || len(a) == 0 {
			t.Errorf("%s: upgraded %v, new %v", table, a, b)
		}
	}
	// The history the old file carried still replays.
	if _, err := upgraded.History().Undo(ctx); err != nil {
		t.Errorf("undo in the upgraded file: %v", err)
	}
	if _, err := upgraded.Periods().Add(ctx, model.Period{Title: "Era", Start: when.MustParse("2023")}); err != nil {
		t.Errorf("a period in the upgraded file: %v", err)
	}
	if _, err := upgraded.History().Undo(ctx); err != nil {
		t.Errorf("undo of the period: %v", err)
	}
	checkSound(t, upgraded)
}
