package store

import (
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The frozen version-2 file: written by the release before claim kinds
// (see testdata/frozen-v2/writer_test.go), so that schema 3 proves it opens
// what that release wrote, with the same records, as forecasts.
const frozenV2 = "testdata/v2.db"

func openFrozenV2(t *testing.T) (*Store, string) { return openFrozen(t, frozenV2) }

// copyFrozen copies the frozen file name (frozenV1, frozenV2) into a
// temporary folder, since opening may upgrade a file and the frozen one
// must stay as its release wrote it. It returns the copy's path and the
// frozen file's bytes.
func copyFrozen(t *testing.T, name string) (string, []byte) {
	t.Helper()
	frozen, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, filepath.Join(t.TempDir(), filepath.Base(name)), frozen, 0o644), frozen
}

// openFrozen opens a copy of the frozen file name, upgraded; at the end
// of the test it is closed and the frozen file checked unchanged.
func openFrozen(t *testing.T, name string) (*Store, string) {
	t.Helper()
	path, frozen := copyFrozen(t, name)
	s, err := Open(path)
	if err != nil {
		t.Fatalf("%s does not open: %v", name, err)
	}
	t.Cleanup(func() {
		s.Close()
		wantUnchanged(t, name, frozen)
	})
	return s, path
}

func TestFrozenV2FileMigratesAsForecasts(t *testing.T) {
	s, path := openFrozenV2(t)
	if v, err := s.SchemaVersion(); err != nil || v != LatestSchemaVersion() {
		t.Errorf("schema %d (%v) after opening, want %d", v, err, LatestSchemaVersion())
	}
	backup, err := sql.Open("sqlite3", "file:"+path+".bak-v2?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer backup.Close()
	var version int
	if err := backup.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != 2 {
		t.Errorf("the copy kept before upgrading is schema %d (%v), want 2", version, err)
	}
	checkSound(t, s)

	preds, err := s.Predictions(ctx, PredictionQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(preds) != 3 {
		t.Fatalf("%d predictions, want 3", len(preds))
	}
	byStatement := map[string]model.Prediction{}
	for _, p := range preds {
		byStatement[p.Statement] = p
		// Every record keeps its meaning: a forecast, as it was scored, of
		// unstated provenance, restating none, never reviewed.
		if p.Kind != model.KindForecast || p.Provenance != model.ProvenanceUnstated || p.Restates != 0 ||
			!p.ReviewedOn.IsZero() || p.Interest != "" {
			t.Errorf("%q migrated as %+v", p.Statement, p)
		}
		if err := p.Validate(); err != nil {
			t.Errorf("%q is not valid after the upgrade: %v", p.Statement, err)
		}
	}
	conflict := byStatement["OpenAI's internal conflict erupts"]
	// Its one link was "where it was said": the forecaster's own words.
	if !reflect.DeepEqual(conflict.Links, []model.SourceLink{{URL: "https://example.com/post", Quote: "矛盾会在两年内爆发", Primary: true}}) ||
		conflict.SourceUnconfirmed() {
		t.Errorf("links after the upgrade: %+v", conflict.Links)
	}
	if conflict.State() != model.StateTrue || *conflict.Probability != 0.7 || len(conflict.Resolution.Evidence) != 1 ||
		conflict.Deadline.Phrase != "within two years" {
		t.Errorf("the resolved forecast: %+v", conflict)
	}
	// The search index was made again, with the same rows.
	if found, err := s.Predictions(ctx, PredictionQuery{Search: "internal conflict"}); err != nil || len(found) != 1 {
		t.Errorf("search after the upgrade: %d, %v", len(found), err)
	}
	if found, err := s.Predictions(ctx, PredictionQuery{Search: "Importer"}); err != nil || len(found) != 1 {
		t.Errorf("search by source after the upgrade: %d, %v", len(found), err)
	}
	var links int
	if err := s.db.QueryRow("SELECT count(*) FROM prediction_links").Scan(&links); err != nil || links != 3 {
		t.Errorf("%d link rows, want 3 (%v)", links, err)
	}
	var columns int
	if err := s.db.QueryRow("SELECT count(*) FROM pragma_table_info('predictions') WHERE name IN ('link_url', 'link_quote')").Scan(&columns); err != nil || columns != 0 {
		t.Errorf("the old link columns are still there (%d, %v)", columns, err)
	}
}

// The history of schema 2 replays after the upgrade: the redo stack, the
// import (kept by fingerprints of the schema-2 rows), and the edit of a
// link (kept as schema-2 rows).
func TestFrozenV2HistoryReplaysAfterUpgrade(t *testing.T) {
	s, _ := openFrozenV2(t)
	if c, err := s.History().Redo(ctx); err != nil || c.Label != "Undone addition" {
		t.Fatalf("redo: %+v, %v", c, err)
	}
	if _, err := s.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	// The import, recorded by fingerprint under schema 2.
	c, err := s.History().Undo(ctx)
	if err != nil || c.Entity != EntityBatch {
		t.Fatalf("undoing the schema-2 import: %+v, %v", c, err)
	}
	if found, _ := s.Predictions(ctx, PredictionQuery{Search: "Imported claim"}); len(found) != 0 {
		t.Errorf("the imported claim survived undoing its import")
	}
	if _, err := s.History().Redo(ctx); err != nil {
		t.Fatalf("redoing the import: %v", err)
	}
	imported, _ := s.Predictions(ctx, PredictionQuery{Search: "Imported claim"})
	if len(imported) != 1 || !reflect.DeepEqual(imported[0].Links, []model.SourceLink{{URL: "https://example.com/imported", Quote: "imported words", Primary: true}}) {
		t.Fatalf("the imported claim after redo: %+v", imported)
	}
	if _, err := s.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	// The edit of a link, recorded as schema-2 rows, restores the old link.
	c, err = s.History().Undo(ctx)
	if err != nil || c.Action != ActionUpdate {
		t.Fatalf("undoing the schema-2 edit: %+v, %v", c, err)
	}
	gpt5, _ := s.Predictions(ctx, PredictionQuery{Search: "GPT-5"})
	if len(gpt5) != 1 || !reflect.DeepEqual(gpt5[0].Links, []model.SourceLink{{URL: "https://example.com/first", Quote: "first words", Primary: true}}) {
		t.Fatalf("after undoing the link edit: %+v", gpt5)
	}
	if _, err := s.History().Redo(ctx); err != nil {
		t.Fatal(err)
	}
	gpt5, _ = s.Predictions(ctx, PredictionQuery{Search: "GPT-5"})
	if gpt5[0].Links[0].URL != "https://example.com/second" {
		t.Errorf("after redoing the link edit: %+v", gpt5[0].Links)
	}
	// A change made since the upgrade is refused by an old replay as it
	// would be by a new one: the claim's kind is part of the record.
	q := gpt5[0]
	q.Kind = model.KindQuestion
	if _, err := s.UpdatePrediction(ctx, q); err != nil {
		t.Fatal(err)
	}
	if _, err := s.History().Undo(ctx); err != nil { // the kind change
		t.Fatal(err)
	}
	if got, _ := s.Prediction(ctx, q.ID); got.Kind != model.KindForecast {
		t.Errorf("undoing the kind change left %q", got.Kind)
	}
	checkSound(t, s)
}

// Undo and redo keep every new field of a claim.
func TestUndoKeepsClaimFields(t *testing.T) {
	s := openTemp(t)
	first, err := s.AddPrediction(ctx, model.Prediction{Statement: "AGI by 2025", Source: "Forecaster", Made: when.MustParse("2023-01"),
		Links:      []model.SourceLink{{URL: "https://example.com/a", Quote: "AGI by 2025", Published: when.MustParse("2023-01-05"), Primary: true}},
		Provenance: model.ProvenanceContemporaneous})
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.AddPrediction(ctx, model.Prediction{Statement: "AGI by 2027", Source: "forecaster", Made: when.MustParse("2024-12"),
		Restates: first.ID, Interest: "sells AGI courses", Kind: model.KindForecast,
		Links:      []model.SourceLink{{Quote: "by 2027 then"}, {URL: "https://example.com/b", Published: when.MustParse("2025")}},
		Provenance: model.ProvenanceReportedLater})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.Prediction(ctx, again.ID)
	edited := before
	edited.Kind, edited.Interest, edited.Links = model.KindHope, "", nil
	edited.ReviewedOn = when.MustParse("2025-06-01")
	edited.Provenance = model.ProvenanceUnstated
	if _, err := s.UpdatePrediction(ctx, edited); err != nil {
		t.Fatal(err)
	}
	if _, err := s.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	after, _ := s.Prediction(ctx, again.ID)
	if !reflect.DeepEqual(after, before) {
		t.Errorf("undo did not restore the claim:\n got %+v\nwant %+v", after, before)
	}
	// Deleting the first claim leaves the restatement restating none, and
	// undoing the deletion restores the chain.
	if err := s.DeletePrediction(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	if orphan, _ := s.Prediction(ctx, again.ID); orphan.Restates != 0 {
		t.Errorf("the restatement still restates a deleted claim: %d", orphan.Restates)
	}
	if _, err := s.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if back, _ := s.Prediction(ctx, again.ID); back.Restates != first.ID {
		t.Errorf("undoing the deletion did not restore the chain: restates %d", back.Restates)
	}
	if _, err := s.History().Redo(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	chain, err := s.Claims().Chain(ctx, again.ID)
	if err != nil || len(chain) != 2 || chain[0].ID != first.ID || chain[1].ID != again.ID {
		t.Errorf("chain: %v, %v", chain, err)
	}
	checkSound(t, s)
}

// Marking a claim reviewed is one change in the history: undo takes the
// review date back. (Reviews themselves are in the engines' conformance
// suite.)
func TestUndoTakesBackAReview(t *testing.T) {
	s := openTemp(t)
	hope, err := s.AddPrediction(ctx, model.Prediction{Statement: "A GPT-4-class model this year", Source: "A",
		Made: when.MustParse("2024-01"), Kind: model.KindHope})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Claims().MarkReviewed(ctx, hope.ID, when.MustParse("2024-07-01")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if back, _ := s.Prediction(ctx, hope.ID); !back.ReviewedOn.IsZero() {
		t.Errorf("undo left the review date %s", back.ReviewedOn)
	}
}

// An import keeps a chain of restatements: ids are those of the file, the
// restatement may come first, and a restated claim the database already
// holds is the one pointed at.
func TestImportKeepsChains(t *testing.T) {
	s := openTemp(t)
	held, err := s.AddPrediction(ctx, model.Prediction{Statement: "AGI by 2025", Source: "A", Made: when.MustParse("2023-01")})
	if err != nil {
		t.Fatal(err)
	}
	file := []model.Prediction{
		{ID: 7, Statement: "AGI by 2029", Source: "A", Made: when.MustParse("2026-01"), Restates: 8},
		{ID: 8, Statement: "AGI by 2027", Source: "A", Made: when.MustParse("2024-12"), Restates: 9},
		{ID: 9, Statement: "AGI by 2025", Source: "A", Made: when.MustParse("2023-01")}, // the one held already
	}
	report, err := s.Bulk().Import(ctx, nil, file, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if report.AddedPredictions != 2 || len(report.DuplicatePredictions) != 1 {
		t.Fatalf("report %+v", report)
	}
	found, _ := s.Predictions(ctx, PredictionQuery{Search: "2029"})
	if len(found) != 1 {
		t.Fatalf("the last restatement: %+v", found)
	}
	chain, err := s.Claims().Chain(ctx, found[0].ID)
	if err != nil || len(chain) != 3 || chain[0].ID != held.ID || chain[1].Statement != "AGI by 2027" || chain[2].Statement != "AGI by 2029" {
		t.Fatalf("chain after import: %+v, %v", chain, err)
	}
	if _, err := s.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Predictions(ctx, PredictionQuery{}); len(n) != 1 {
		t.Errorf("%d predictions after undoing the import, want 1", len(n))
	}
}
