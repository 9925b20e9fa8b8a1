package ui

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/ui/uitest"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestUndoMenuNamesAnImport(t *testing.T) {
	m, path := openWindow(t)
	events := []model.Event{
		{Title: "Imported one", Date: when.MustParse("2024-01"), Category: model.CategoryModel},
		{Title: "Imported two", Date: when.MustParse("2024-02"), Category: model.CategoryModel},
	}
	if _, err := otherWriter(t, path).Bulk().Import(context.Background(), events, nil, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	fyne.DoAndWait(func() { m.reload(false) })
	uitest.WaitFor(t, "the undo item", func() bool { return m.undoItem.Label == "Undo import of 2 events" })
	fyne.DoAndWait(m.history.undo)
	uitest.WaitFor(t, "the redo item", func() bool { return m.redoItem.Label == "Redo import of 2 events" })
}

// An event changed outside the history (here with plain SQL, as another
// program would): Undo is refused, the menu and a dialog say what was not
// undone and why, and skipping the step leaves the event as it is.
func TestRefusedUndoSaysWhyAndOffersToSkip(t *testing.T) {
	m, path := openWindow(t)
	ctx := context.Background()
	saved, err := m.session.SaveEvent(ctx, model.Event{Title: "Added here", Date: when.MustParse("2025-01"), Category: model.CategoryModel})
	if err != nil {
		t.Fatal(err)
	}
	fyne.DoAndWait(func() { m.afterChange(app.EventSelection(saved.ID)) })
	uitest.WaitFor(t, "the undo item", func() bool { return m.undoItem.Label == "Undo add “Added here”" })

	other, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Exec("UPDATE events SET title = 'Changed elsewhere' WHERE id = ?", saved.ID); err != nil {
		t.Fatal(err)
	}

	fyne.DoAndWait(m.history.undo)
	if got, want := m.undoItem.Label, "Cannot undo add “Added here”"; got != want {
		t.Errorf("the Undo item reads %q, want %q", got, want)
	}
	top := m.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog says why the undo was refused")
	}
	text := uitest.LabelTexts(top)
	for _, want := range []string{"Did not undo add “Added here”", "the event “Changed elsewhere” was changed since: Title.", "Nothing was changed."} {
		if !strings.Contains(text, want) {
			t.Errorf("the dialog does not say %q:\n%s", want, text)
		}
	}
	if e, err := m.session.Event(ctx, saved.ID); err != nil || e.Title != "Changed elsewhere" {
		t.Fatalf("the refused undo changed the event: %+v, %v", e, err)
	}
	shown := uitest.ShownIn[*widget.Button](top)
	skip := slices.IndexFunc(shown, func(b *widget.Button) bool { return b.Text == "Skip this step" })
	if skip < 0 {
		t.Fatal("the dialog offers no skip")
	}
	fyne.DoAndWait(func() { test.Tap(shown[skip]) })
	uitest.WaitFor(t, "the skipped step to leave the menu", func() bool { return m.undoItem.Disabled && m.undoItem.Label == "Undo" })
	if e, err := m.session.Event(ctx, saved.ID); err != nil || e.Title != "Changed elsewhere" {
		t.Errorf("skipping changed the event: %+v, %v", e, err)
	}
}

func TestRefusalTextNamesEveryProblem(t *testing.T) {
	change := store.Change{Action: store.ActionImport, Entity: store.EntityBatch, Events: 952, Predictions: 1}
	cases := []struct {
		refused store.ConflictError
		want    []string
	}{
		{store.ConflictError{Change: change, Undo: true, Entity: store.EntityEvent, ID: 7, Label: "GPT-4",
			Problem: store.ProblemChanged, Fields: []string{store.FieldTags, store.FieldDetails}, More: 2},
			[]string{"Did not undo import of 952 events and 1 prediction", "the event “GPT-4” was changed since: Tags, Details.",
				"2 more records of this step have changed too.", "the next Undo then goes on to the step before it"}},
		{store.ConflictError{Change: change, Entity: store.EntityPrediction, ID: 3, Problem: store.ProblemDeleted},
			[]string{"Did not redo import", "prediction 3 was deleted since.", "the next Redo then goes on to the step after it"}},
		{store.ConflictError{Change: change, Undo: true, Entity: store.EntityEvent, ID: 1, Label: "Imported X", Problem: store.ProblemExists},
			[]string{"the event “Imported X” exists now, where this step left none."}},
		{store.ConflictError{Change: change, Undo: true, Entity: store.EntityEvent, ID: 1, Label: "E", Problem: store.ProblemCited,
			OtherEntity: store.EntityPrediction, OtherID: 2, OtherLabel: "P", More: 1},
			[]string{"the prediction “P” now cites the event “E” as evidence", "One more record of this step has changed too."}},
		{store.ConflictError{Change: change, Entity: store.EntityPrediction, ID: 2, Label: "P", Problem: store.ProblemMissing,
			OtherEntity: store.EntityEvent, OtherID: 9},
			[]string{"the prediction “P” cites event 9, which no longer exists."}},
	}
	for _, c := range cases {
		got := refusalText(&c.refused)
		for _, want := range c.want {
			if !strings.Contains(got, want) {
				t.Errorf("%s: %q does not say %q", c.refused.Problem, got, want)
			}
		}
	}
	if got := changeText(store.Change{Action: store.ActionAdd, Entity: store.EntityBatch, Events: 1}); got != "adding 1 event" {
		t.Errorf("a bulk save of one event reads %q", got)
	}
}
