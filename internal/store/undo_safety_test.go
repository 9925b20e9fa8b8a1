package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/data"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/history"
	"github.com/hindsight-app/hindsight/internal/store/internal/dbfile"
	"github.com/hindsight-app/hindsight/internal/when"
)

// fileState is everything undo may touch: the records, the history and the
// ids handed out, to prove that a refused replay changed nothing.
func fileState(t testing.TB, s *Store) map[string][][]any {
	t.Helper()
	state := dump(t, s)
	state["changes"] = queryRows(t, s, "SELECT * FROM changes ORDER BY seq")
	state["sqlite_sequence"] = queryRows(t, s, "SELECT * FROM sqlite_sequence ORDER BY name")
	return state
}

func importEvents(t testing.TB, s *Store, events ...model.Event) ImportReport {
	t.Helper()
	report, err := s.Bulk().Import(ctx, events, nil, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return report
}

func titled(title, date string, tags ...string) model.Event {
	return model.Event{Title: title, Date: when.MustParse(date), Category: model.CategoryModel, Tags: tags}
}

// The first sequence of issue 22: add "Mine", delete it, import one event,
// undo. The import is undone as a whole and "Mine" stays deleted; the
// imported event never takes Mine's id, even from a file that carries it.
func TestUndoAfterDeleteAndImportTakesBackTheImport(t *testing.T) {
	for _, fileID := range []int64{0, 1} {
		s := openTemp(t)
		mine := mustEvent(t, s, "Mine", "2023")
		if mine.ID != 1 {
			t.Fatalf("first event got id %d", mine.ID)
		}
		if err := s.DeleteEvent(ctx, mine.ID); err != nil {
			t.Fatal(err)
		}
		imported := titled("Imported X", "2024")
		imported.ID = fileID
		if report := importEvents(t, s, imported); report.AddedEvents != 1 || report.KeptIDs {
			t.Fatalf("file id %d: import report %+v; the freed id must not be kept", fileID, report)
		}
		events, _ := s.Events(ctx, EventQuery{})
		if len(events) != 1 || events[0].Title != "Imported X" || events[0].ID == mine.ID {
			t.Fatalf("file id %d: after the import: %+v", fileID, events)
		}
		next, ok, err := s.History().NextUndo(ctx)
		if err != nil || !ok || next.Action != ActionImport || next.Entity != EntityBatch || next.Events != 1 {
			t.Fatalf("file id %d: next undo = %+v %v %v, want the import of 1 event", fileID, next, ok, err)
		}
		if got := next.Describe(); got != "import of 1 event" {
			t.Errorf("the change reads %q", got)
		}

		c, err := s.History().Undo(ctx)
		if err != nil || c.Seq != next.Seq {
			t.Fatalf("file id %d: undo: %+v, %v", fileID, c, err)
		}
		if n, _ := s.Summary().CountEvents(ctx, filter.Filter{}); n != 0 {
			t.Errorf("file id %d: %d events after undoing the import; Mine must stay deleted and X be gone", fileID, n)
		}
		// One more undo brings Mine back, under its own id.
		if _, err := s.History().Undo(ctx); err != nil {
			t.Fatal(err)
		}
		if e, err := s.Event(ctx, mine.ID); err != nil || e.Title != "Mine" {
			t.Errorf("file id %d: undoing the delete: %+v, %v", fileID, e, err)
		}
		// And redo goes forward again: Mine deleted, X back with its id.
		for range 2 {
			if _, err := s.History().Redo(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if e, err := s.Event(ctx, events[0].ID); err != nil || e.Title != "Imported X" {
			t.Errorf("file id %d: after redoing the import: %+v, %v", fileID, e, err)
		}
		if _, err := s.Event(ctx, mine.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("file id %d: Mine is back after redoing its delete: %v", fileID, err)
		}
		checkSound(t, s)
	}
}

// The tag sequence of issue 22: E1 comes back tagged alpha, and the tag
// the import brought goes with it.
func TestUndoBringsBackTagsByName(t *testing.T) {
	s := openTemp(t)
	e1 := mustTagged(t, s, "E1", "alpha")
	mustEvent(t, s, "E2", "2023")
	if err := s.DeleteEvent(ctx, e1.ID); err != nil {
		t.Fatal(err)
	}
	if tags, _ := s.Vocabulary().Tags(ctx); len(tags) != 0 {
		t.Fatalf("alpha should be dropped with its last event: %v", tags)
	}
	importEvents(t, s, titled("Imported with beta", "2024", "beta"))
	for range 2 { // the import, then the delete
		if _, err := s.History().Undo(ctx); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Event(ctx, e1.ID)
	if err != nil || !slices.Equal(got.Tags, []string{"alpha"}) {
		t.Fatalf("E1 came back as %+v (%v), want it tagged alpha", got, err)
	}
	if tags, _ := s.Vocabulary().Tags(ctx); !slices.Equal(tags, []string{"alpha"}) {
		t.Errorf("tags = %v, want only alpha", tags)
	}
	checkSound(t, s)
}

func mustTagged(t testing.TB, s *Store, title string, tags ...string) model.Event {
	t.Helper()
	e, err := s.AddEvent(ctx, titled(title, "2023", tags...))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// A tag dropped and made again has a new id; undo puts records back with
// the tag of that name, whatever its id is now.
func TestTagsSurviveBeingDroppedAndMadeAgain(t *testing.T) {
	s := openTemp(t)
	var states []map[string][][]any
	snap := func() { states = append(states, dump(t, s)) }
	snap()
	e1 := mustTagged(t, s, "E1", "alpha")
	snap()
	e2 := mustTagged(t, s, "E2", "alpha")
	snap()
	if err := s.DeleteEvent(ctx, e1.ID); err != nil {
		t.Fatal(err)
	}
	snap()
	e2.Tags = nil
	if _, err := s.UpdateEvent(ctx, e2); err != nil { // alpha is dropped
		t.Fatal(err)
	}
	snap()
	mustTagged(t, s, "E3", "alpha") // and made again, with a new id
	snap()
	for i := len(states) - 1; i > 0; i-- {
		if _, err := s.History().Undo(ctx); err != nil {
			t.Fatalf("undo to state %d: %v", i-1, err)
		}
		if got := dump(t, s); !reflect.DeepEqual(got, states[i-1]) {
			t.Fatalf("after undo, rows differ from state %d:\n got %v\nwant %v", i-1, got, states[i-1])
		}
	}
	for i := 1; i < len(states); i++ {
		if _, err := s.History().Redo(ctx); err != nil {
			t.Fatalf("redo to state %d: %v", i, err)
		}
		if got := dump(t, s); !reflect.DeepEqual(got, states[i]) {
			t.Fatalf("after redo, rows differ from state %d", i)
		}
	}
}

// refuse runs a replay that must be refused for problem, and checks that
// the file is exactly as before.
func refuse(t *testing.T, s *Store, undo bool, problem Problem) *ConflictError {
	t.Helper()
	before := fileState(t, s)
	replay := s.History().Redo
	if undo {
		replay = s.History().Undo
	}
	_, err := replay(ctx)
	var conflict *ConflictError
	if !errors.As(err, &conflict) || !errors.Is(err, ErrConflict) {
		t.Fatalf("replay should be refused with a ConflictError, got %v", err)
	}
	if conflict.Problem != problem || conflict.Undo != undo {
		t.Fatalf("refused with %s (undo %v): %v; want %s", conflict.Problem, conflict.Undo, err, problem)
	}
	if after := fileState(t, s); !reflect.DeepEqual(before, after) {
		t.Fatalf("a refused replay changed the file:\nbefore %v\n after %v", before, after)
	}
	return conflict
}

// A write outside the history (another program, or an older Hindsight
// before the upgrade) gives the freed id to a new record. Undo then
// refuses, naming the record and what changed, and can skip the step.
func TestUndoRefusesToOverwriteARecordWrittenOutsideTheHistory(t *testing.T) {
	s := openTemp(t)
	mine := mustEvent(t, s, "Mine", "2023")
	if err := s.DeleteEvent(ctx, mine.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO events (id, title, date, earliest, latest, category, created_at, updated_at)
		VALUES (?, 'Imported X', '2024', 19723, 20088, 'model', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')`, mine.ID); err != nil {
		t.Fatal(err)
	}
	conflict := refuse(t, s, true, ProblemExists)
	if conflict.Entity != EntityEvent || conflict.ID != mine.ID || conflict.Label != "Imported X" ||
		conflict.Change.Action != ActionDelete || conflict.Change.Label != "Mine" {
		t.Errorf("conflict = %+v", conflict)
	}
	want := `cannot undo delete of event 1 “Mine”: event 1 “Imported X” exists, where this change left none; ` +
		`nothing was changed, and the step stays in the history until it is skipped`
	if conflict.Error() != want {
		t.Errorf("message:\n got %s\nwant %s", conflict.Error(), want)
	}
	if err := s.History().Skip(ctx, conflict.Change.Seq+1, true); !errors.Is(err, ErrSkipMoved) {
		t.Errorf("skipping a change that is not next: %v", err)
	}
	if err := s.History().Skip(ctx, conflict.Change.Seq, true); err != nil {
		t.Fatal(err)
	}
	// The add of Mine is next: event 1 is not the event it added.
	conflict = refuse(t, s, true, ProblemChanged)
	if !slices.Contains(conflict.Fields, FieldTitle) || !slices.Contains(conflict.Fields, FieldDate) {
		t.Errorf("what changed: %v", conflict.Fields)
	}
	if err := s.History().Skip(ctx, conflict.Change.Seq, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.History().Undo(ctx); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("after skipping both: %v", err)
	}
	if e, err := s.Event(ctx, mine.ID); err != nil || e.Title != "Imported X" {
		t.Errorf("the record written outside the history: %+v, %v", e, err)
	}
}

func TestRedoRefusesWhenTheRecordChangedSinceTheUndo(t *testing.T) {
	s := openTemp(t)
	e := mustTagged(t, s, "Original", "alpha")
	e.Title = "Edited"
	if _, err := s.UpdateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	if _, err := s.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO tags (name) VALUES ('outside')`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO event_tags (event_id, tag_id) SELECT ?, id FROM tags WHERE name = 'outside'`, e.ID); err != nil {
		t.Fatal(err)
	}
	conflict := refuse(t, s, false, ProblemChanged)
	if !slices.Equal(conflict.Fields, []string{FieldTags}) || conflict.Label != "Original" {
		t.Errorf("conflict = %+v", conflict)
	}
	if err := s.History().Skip(ctx, conflict.Change.Seq, false); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.History().NextRedo(ctx); ok {
		t.Error("the skipped redo is still there")
	}
}

// A deleted event that predictions cited comes back with that evidence:
// the delete records the citing predictions too.
func TestUndoingADeleteGivesBackTheEvidence(t *testing.T) {
	s := openTemp(t)
	e := mustEvent(t, s, "Board fires Altman", "2023-11-17")
	p := resolvedPrediction(t, s, "The conflict erupts", e.ID)
	before := dump(t, s)
	if err := s.DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Prediction(ctx, p.ID); len(got.Resolution.Evidence) != 0 {
		t.Fatalf("evidence after the delete: %+v", got.Resolution.Evidence)
	}
	if _, err := s.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, s); !reflect.DeepEqual(got, before) {
		t.Fatalf("undoing the delete:\n got %v\nwant %v", got, before)
	}
	// Editing the event touches no prediction: undoing the edit keeps
	// the evidence.
	e.Title = "The board fires Altman"
	if _, err := s.UpdateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	if _, err := s.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, s); !reflect.DeepEqual(got, before) {
		t.Fatalf("undoing the edit:\n got %v\nwant %v", got, before)
	}
}

func resolvedPrediction(t testing.TB, s *Store, statement string, evidence ...int64) model.Prediction {
	t.Helper()
	p, err := s.AddPrediction(ctx, newPrediction(statement))
	if err != nil {
		t.Fatal(err)
	}
	if len(evidence) == 0 {
		return p
	}
	r := model.Resolution{State: model.StateTrue, On: when.MustParse("2024-01")}
	for _, id := range evidence {
		r.Evidence = append(r.Evidence, model.Evidence{EventID: id, Role: model.RoleResolves})
	}
	if p, err = s.Resolve(ctx, p.ID, r); err != nil {
		t.Fatal(err)
	}
	return p
}

// Undo never deletes an event that a prediction outside the change cites,
// nor brings back evidence citing an event that is gone.
func TestUndoRefusesToBreakEvidence(t *testing.T) {
	s := openTemp(t)
	e := mustEvent(t, s, "Cited", "2023")
	p := resolvedPrediction(t, s, "Cites it", e.ID)
	// Changed outside the history: undoing the resolve is refused, and
	// skipped, then so is undoing the prediction's add.
	if _, err := s.db.Exec("UPDATE predictions SET criteria = 'edited elsewhere' WHERE id = ?", p.ID); err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{FieldCriteria, FieldCriteria} {
		conflict := refuse(t, s, true, ProblemChanged)
		if !slices.Contains(conflict.Fields, field) {
			t.Errorf("fields = %v, want %s", conflict.Fields, field)
		}
		if err := s.History().Skip(ctx, conflict.Change.Seq, true); err != nil {
			t.Fatal(err)
		}
	}
	// Undoing the event's add would take the prediction's evidence.
	conflict := refuse(t, s, true, ProblemCited)
	if conflict.ID != e.ID || conflict.OtherEntity != EntityPrediction || conflict.OtherID != p.ID || conflict.OtherLabel != "Cites it" {
		t.Errorf("conflict = %+v", conflict)
	}

	s = openTemp(t)
	e = mustEvent(t, s, "Cited, then deleted elsewhere", "2023")
	p = resolvedPrediction(t, s, "Cited it", e.ID)
	if _, err := s.Unresolve(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("DELETE FROM events WHERE id = ?", e.ID); err != nil {
		t.Fatal(err)
	}
	conflict = refuse(t, s, true, ProblemMissing)
	if conflict.ID != p.ID || conflict.OtherEntity != EntityEvent || conflict.OtherID != e.ID {
		t.Errorf("conflict = %+v", conflict)
	}
}

func TestImportIsOneChangeThatUndoesAndRedoesExactly(t *testing.T) {
	s := openTemp(t)
	existing := mustEvent(t, s, "Already here", "2022")
	emptyish := dump(t, s)
	events := []model.Event{titled("First", "2023-01", "a", "b"), titled("Second", "2023-02", "b")}
	events[0].ID, events[1].ID = 101, 102
	events[1].Links = []model.Link{{URL: "https://example.com", Quote: "quoted"}}
	p1 := newPrediction("Cites an imported event and an existing one")
	p1.Resolution = model.Resolution{State: model.StatePartly, Fraction: 0.5, On: when.MustParse("2024"),
		Evidence: []model.Evidence{{EventID: 101, Role: model.RoleResolves}, {EventID: 102, Role: model.RoleSupports}}}
	p1.Tags = []string{"a"}
	report, err := s.Bulk().Import(ctx, events, []model.Prediction{p1, newPrediction("Open")}, ImportOptions{})
	if err != nil || report.AddedEvents != 2 || report.AddedPredictions != 2 {
		t.Fatalf("import: %+v, %v", report, err)
	}
	imported := dump(t, s)
	triggers := queryRows(t, s, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")
	next, _, _ := s.History().NextUndo(ctx)
	if next.Events != 2 || next.Predictions != 2 || next.Describe() != "import of 2 events and 2 predictions" {
		t.Errorf("next undo = %+v (%s)", next, next.Describe())
	}
	for round := range 3 {
		if _, err := s.History().Undo(ctx); err != nil {
			t.Fatalf("round %d: undo: %v", round, err)
		}
		if got := dump(t, s); !reflect.DeepEqual(got, emptyish) {
			t.Fatalf("round %d: undoing the import:\n got %v\nwant %v", round, got, emptyish)
		}
		if _, err := s.History().Redo(ctx); err != nil {
			t.Fatalf("round %d: redo: %v", round, err)
		}
		if got := dump(t, s); !reflect.DeepEqual(got, imported) {
			t.Fatalf("round %d: redoing the import:\n got %v\nwant %v", round, got, imported)
		}
	}
	checkSound(t, s)
	if got := queryRows(t, s, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name"); !reflect.DeepEqual(got, triggers) {
		t.Errorf("the index triggers did not come back as they were:\n got %v\nwant %v", got, triggers)
	}

	// A change outside the history to one imported record: undo names it.
	if _, err := s.db.Exec("UPDATE event_links SET quote = 'changed' WHERE quote = 'quoted'"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("UPDATE events SET actor = 'someone' WHERE title IN ('First', ?)", existing.Title); err != nil {
		t.Fatal(err)
	}
	conflict := refuse(t, s, true, ProblemChanged)
	if conflict.Entity != EntityEvent || conflict.Label != "First" || !slices.Equal(conflict.Fields, []string{FieldDetails}) || conflict.More != 1 {
		t.Errorf("conflict = %+v", conflict)
	}
}

func TestBulkSaveIsOneChange(t *testing.T) {
	s := openTemp(t)
	empty := dump(t, s)
	ids, err := s.Bulk().AddEvents(ctx, []model.Event{titled("One", "2023"), titled("Two", "2024", "x")})
	if err != nil {
		t.Fatal(err)
	}
	saved := dump(t, s)
	c, err := s.History().Undo(ctx)
	if err != nil || c.Action != ActionAdd || c.Entity != EntityBatch || c.Events != 2 {
		t.Fatalf("undo: %+v, %v", c, err)
	}
	if got := dump(t, s); !reflect.DeepEqual(got, empty) {
		t.Fatalf("after undo: %v", got)
	}
	if _, err := s.History().Redo(ctx); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, s); !reflect.DeepEqual(got, saved) {
		t.Fatalf("after redo: %v", got)
	}
	pids, err := s.Bulk().AddPredictions(ctx, []model.Prediction{newPrediction("P")})
	if err != nil {
		t.Fatal(err)
	}
	if c, err := s.History().Undo(ctx); err != nil || c.Predictions != 1 || c.Events != 0 {
		t.Fatalf("undo of the predictions: %+v, %v", c, err)
	}
	if _, err := s.Prediction(ctx, pids[0]); !errors.Is(err, ErrNotFound) {
		t.Errorf("prediction still there: %v", err)
	}
	if e, err := s.Event(ctx, ids[1]); err != nil || e.Title != "Two" {
		t.Errorf("the events of the earlier bulk save: %+v, %v", e, err)
	}
}

func TestIDsAreNeverReused(t *testing.T) {
	s := openTemp(t)
	e := mustEvent(t, s, "Highest", "2023")
	p, err := s.AddPrediction(ctx, newPrediction("Highest"))
	if err != nil {
		t.Fatal(err)
	}
	tagged := mustTagged(t, s, "Tagged", "only-here")
	var tagID int64
	s.db.QueryRow("SELECT id FROM tags WHERE name = 'only-here'").Scan(&tagID)
	for _, del := range []func() error{
		func() error { return s.DeleteEvent(ctx, tagged.ID) },
		func() error { return s.DeleteEvent(ctx, e.ID) },
		func() error { return s.DeletePrediction(ctx, p.ID) },
	} {
		if err := del(); err != nil {
			t.Fatal(err)
		}
	}
	e2 := mustTagged(t, s, "Next", "new-tag")
	p2, err := s.AddPrediction(ctx, newPrediction("Next"))
	if err != nil {
		t.Fatal(err)
	}
	var tag2 int64
	s.db.QueryRow("SELECT id FROM tags WHERE name = 'new-tag'").Scan(&tag2)
	if e2.ID <= tagged.ID || p2.ID <= p.ID || tag2 <= tagID {
		t.Errorf("ids reused: event %d after %d, prediction %d after %d, tag %d after %d",
			e2.ID, tagged.ID, p2.ID, p.ID, tag2, tagID)
	}
}

// A schema-1 file, in which an untracked import had already taken the id of
// a record the history remembers, opens upgraded: undo and redo refuse
// rather than overwrite, new ids go above every id the history names, and
// the upgraded tables are those of a new file.
func TestUpgradedV1FileRefusesInsteadOfOverwriting(t *testing.T) {
	path, _ := copyFrozen(t, frozenV1)
	// As schema 1 did: the highest id (4, of the undone "Undone addition")
	// was free, and an import outside the history took it.
	raw, err := openRaw(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO events (title, date, earliest, latest, category, created_at, updated_at)
		VALUES ('Imported X', '2024', 19723, 20088, 'model', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	var id int64
	raw.QueryRow("SELECT id FROM events WHERE title = 'Imported X'").Scan(&id)
	raw.Close()
	if id != 4 {
		t.Fatalf("schema 1 gave id %d, want the freed 4", id)
	}

	s := openPath(t, path)
	checkSound(t, s)
	conflict := refuse(t, s, false, ProblemExists)
	if conflict.ID != 4 || conflict.Label != "Imported X" || conflict.Change.Label != "Undone addition" {
		t.Errorf("conflict = %+v", conflict)
	}
	if err := s.History().Skip(ctx, conflict.Change.Seq, false); err != nil {
		t.Fatal(err)
	}
	e := mustEvent(t, s, "After the upgrade", "2025")
	if e.ID != 5 {
		t.Errorf("new event got id %d, want 5", e.ID)
	}
	// Undo the new event, then the old history through schema-1 rows:
	// the rewording and the add of prediction 2, the resolve of 1.
	for range 4 {
		if _, err := s.History().Undo(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if p, err := s.Prediction(ctx, 1); err != nil || p.Resolution.State != model.StateOpen {
		t.Errorf("undoing schema 1's resolve: %+v, %v", p.Resolution, err)
	}
	checkSound(t, s)
	if e, err := s.Event(ctx, 4); err != nil || e.Title != "Imported X" {
		t.Errorf("the record outside the history: %+v, %v", e, err)
	}
}

func TestUpgradedSchemaMatchesNewSchema(t *testing.T) {
	upgraded, _ := openFrozen(t, frozenV1)
	fresh := openTemp(t)
	describe := func(s *Store) map[string][][]any {
		out := map[string][][]any{}
		for _, obj := range queryRows(t, s, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name") {
			kind, name := obj[0].(string), obj[1].(string)
			switch kind {
			case "table":
				out["columns "+name] = queryRows(t, s, "SELECT * FROM pragma_table_xinfo('"+name+"')")
				out["keys "+name] = queryRows(t, s, "SELECT * FROM pragma_foreign_key_list('"+name+"')")
				out["indexes "+name] = queryRows(t, s, "SELECT name, \"unique\", origin, partial FROM pragma_index_list('"+name+"') ORDER BY name")
				sqlText, _ := obj[3].(string)
				out["autoincrement "+name] = [][]any{{strings.Contains(sqlText, "AUTOINCREMENT")}}
			case "index":
				out["index "+name] = queryRows(t, s, "SELECT * FROM pragma_index_xinfo('"+name+"')")
			case "trigger":
				out["trigger "+name] = [][]any{{obj[2], obj[3]}}
			}
		}
		return out
	}
	got, want := describe(upgraded), describe(fresh)
	for k, v := range want {
		if !reflect.DeepEqual(got[k], v) {
			t.Errorf("%s:\nupgraded %v\n     new %v", k, got[k], v)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("the upgraded file has %s, a new one does not", k)
		}
	}
}

// openRaw opens a file with plain SQL, as another program would.
func openRaw(path string) (*sql.DB, error) { return sql.Open("sqlite3", dbfile.DSN(path)) }

// A bulk write fingerprints its records from the values it binds, without
// reading them back; those fingerprints must be what reading them back
// gives, in a new file and in one upgraded from schema 1 alike, or every
// undo of an import would be refused.
func TestBulkFingerprintsMatchTheRows(t *testing.T) {
	upgraded, _ := openFrozen(t, frozenV1)
	seed, err := data.Load()
	if err != nil {
		t.Fatal(err)
	}
	upgraded2, _ := openFrozen(t, frozenV2)
	for name, s := range map[string]*Store{"new file": openTemp(t), "upgraded file": upgraded, "file upgraded from schema 2": upgraded2} {
		// Only the changes made here: an import the schema-2 file made
		// keeps fingerprints of schema-2 rows (see history.schema2Prediction).
		var since int64
		if err := s.db.QueryRow("SELECT coalesce(max(seq), 0) FROM changes").Scan(&since); err != nil {
			t.Fatal(err)
		}
		if err := s.Bulk().Seed(ctx, seed); err != nil {
			t.Fatal(err)
		}
		one, half := 1.0, 0.5
		preds := []model.Prediction{newPrediction("No probability"), newPrediction("Certain"), newPrediction("Even")}
		preds[1].Probability, preds[2].Probability = &one, &half
		preds[1].Tags = []string{"x", "X", "y"}
		preds[2].History = []model.Wording{{Version: 1, Statement: "Even odds"}, {Version: 2, Statement: "Even", StatementZh: "对半"}}
		preds[0].Kind, preds[0].Interest, preds[0].Provenance = model.KindQuestion, "holds shares", model.ProvenanceReportedLater
		preds[0].ReviewedOn = when.MustParse("2024-02-03")
		preds[0].Links = []model.SourceLink{{URL: "https://a.example/claim", Quote: "q", Published: when.MustParse("2024-01~"), Primary: true}, {Quote: "only words"}}
		if _, err := s.Bulk().AddPredictions(ctx, preds); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Bulk().AddEvents(ctx, []model.Event{{Title: "Span", Date: when.MustParse("2023-06~"), End: when.MustParse("2024"),
			Category: model.CategoryPolicy, Tags: []string{"x"}, Links: []model.Link{{URL: "https://a.example"}, {URL: "https://b.example", Quote: "“引用”"}}}}); err != nil {
			t.Fatal(err)
		}
		for _, c := range queryRows(t, s, fmt.Sprintf("SELECT seq, after FROM changes WHERE entity = 'batch' AND seq > %d ORDER BY seq", since)) {
			var stored struct {
				Digests history.Digests `json:"digests"`
			}
			if err := json.Unmarshal([]byte(c[1].(string)), &stored); err != nil {
				t.Fatal(err)
			}
			var events, predictions []int64
			for id := range stored.Digests[EntityEvent] {
				events = append(events, id)
			}
			for id := range stored.Digests[EntityPrediction] {
				predictions = append(predictions, id)
			}
			tx, err := s.db.Begin()
			if err != nil {
				t.Fatal(err)
			}
			read, err := history.ReadDigests(ctx, tx, events, predictions)
			tx.Rollback()
			if err != nil {
				t.Fatal(err)
			}
			maps.DeleteFunc(read, func(_ string, ids map[int64]string) bool { return len(ids) == 0 })
			if !reflect.DeepEqual(stored.Digests, read) {
				t.Errorf("%s, change %v: the fingerprints kept differ from the rows read back:\nkept %v\nread %v",
					name, c[0], stored.Digests, read)
			}
		}
		for range 3 { // and the changes undo
			if _, err := s.History().Undo(ctx); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	}
}
