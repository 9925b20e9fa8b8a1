package store

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/when"
)

// recordRows reads the rows an export carries, table by table, to compare
// two databases. The undo log is not exported.
func recordRows(t *testing.T, s *Store) map[string][][]any {
	t.Helper()
	queries := map[string]string{
		"events":           "SELECT id, title, title_zh, date, end_date, earliest, latest, actor, category, description, created_at, updated_at FROM events ORDER BY id",
		"event_tags":       "SELECT et.event_id, t.name FROM event_tags et JOIN tags t ON t.id = et.tag_id ORDER BY 1, 2",
		"event_links":      "SELECT event_id, position, url, quote FROM event_links ORDER BY 1, 2",
		"predictions":      "SELECT p.id, statement, statement_zh, s.name, made, made_earliest, deadline, deadline_phrase, due_earliest, due_latest, probability, criteria, p.kind, provenance, interest, restates, reviewed_on, state, fraction, resolved_on, resolution_note, created_at, updated_at FROM predictions p JOIN sources s ON s.id = p.source_id ORDER BY p.id",
		"prediction_links": "SELECT prediction_id, position, url, quote, published, is_primary FROM prediction_links ORDER BY 1, 2",
		"prediction_tags":  "SELECT pt.prediction_id, t.name FROM prediction_tags pt JOIN tags t ON t.id = pt.tag_id ORDER BY 1, 2",
		"evidence":         "SELECT prediction_id, event_id, role FROM evidence ORDER BY 1, 2",
		"versions":         "SELECT prediction_id, version, statement, statement_zh, saved_at FROM prediction_versions ORDER BY 1, 2",
		"sources":          "SELECT name, name_zh, kind, url FROM sources ORDER BY name",
	}
	out := map[string][][]any{}
	for table, q := range queries {
		out[table] = queryRows(t, s, q)
	}
	return out
}

func TestHindsightJSONRoundTripReproducesEveryRow(t *testing.T) {
	src := openSeeded(t, filepath.Join(t.TempDir(), "src.db"))
	if _, err := src.Bulk().AddEvents(ctx, synth.New(3).Events(300)); err != nil {
		t.Fatal(err)
	}
	if _, err := src.Bulk().AddPredictions(ctx, synth.New(4).Predictions(60)); err != nil {
		t.Fatal(err)
	}
	// A reworded prediction keeps its earlier wording through the trip.
	all, _ := src.Predictions(ctx, PredictionQuery{})
	reworded := all[0]
	reworded.Statement += " (reworded)"
	if _, err := src.UpdatePrediction(ctx, reworded); err != nil {
		t.Fatal(err)
	}
	events, preds, err := src.Bulk().Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sources, err := src.Bulk().SourceDetails(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	if err := exchange.Write(&file, exchange.FormatHindsightJSON, exchange.Document{Events: events, Predictions: preds, Sources: sources}, exchange.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	result, err := exchange.Read(&file, exchange.FormatHindsightJSON, exchange.ReadOptions{})
	if err != nil || len(result.Problems) > 0 {
		t.Fatalf("read back: %v %v", err, result.Problems)
	}
	dst := openTemp(t)
	report, err := dst.Bulk().Import(ctx, result.Doc.Events, result.Doc.Predictions, ImportOptions{Sources: result.Doc.Sources})
	if err != nil {
		t.Fatal(err)
	}
	if !report.KeptIDs || report.AddedEvents != len(events) || report.AddedPredictions != len(preds) {
		t.Errorf("report = %+v", report)
	}
	want, got := recordRows(t, src), recordRows(t, dst)
	if len(want["versions"]) <= len(want["predictions"]) {
		t.Fatal("the source should hold an earlier wording, or the test proves nothing about history")
	}
	for table := range want {
		if !reflect.DeepEqual(got[table], want[table]) {
			t.Errorf("%s differs after the round trip (%d rows vs %d)", table, len(got[table]), len(want[table]))
		}
	}
}

func TestImportSkipsDuplicatesAndRetargetsEvidence(t *testing.T) {
	s := openTemp(t)
	existing := mustEvent(t, s, "OpenAI board removes Sam Altman", "2023-11-17")
	fileEvents := []model.Event{
		{ID: 10, Title: "openai board removes sam altman", Date: when.MustParse("2023-11-17"), Category: model.CategoryPeople},
		{ID: 11, Title: "Altman returns", Date: when.MustParse("2023-11-21"), Category: model.CategoryPeople},
		{ID: 12, Title: "Altman returns", Date: when.MustParse("2023-11-21"), Category: model.CategoryPeople},
	}
	filePreds := []model.Prediction{{
		ID: 5, Statement: "Conflict erupts", Source: "Author", Made: when.MustParse("2023-02"),
		Resolution: model.Resolution{State: model.StateTrue, On: when.MustParse("2023-11-17"), Evidence: []model.Evidence{
			{EventID: 10, Role: model.RoleResolves}, {EventID: 12, Role: model.RoleSupports}, {EventID: 99, Role: model.RoleSupports}}},
	}}
	dry, err := s.Bulk().Import(ctx, fileEvents, filePreds, ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if dry.AddedEvents != 1 || len(dry.DuplicateEvents) != 2 || dry.AddedPredictions != 1 || dry.KeptIDs {
		t.Errorf("dry run = %+v", dry)
	}
	if n, _ := s.Summary().CountEvents(ctx, filter.Filter{}); n != 1 {
		t.Fatalf("a dry run wrote %d events", n-1)
	}
	if _, err := s.Bulk().Import(ctx, fileEvents, filePreds, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	preds, _ := s.Predictions(ctx, PredictionQuery{})
	if len(preds) != 1 {
		t.Fatalf("%d predictions", len(preds))
	}
	returns, _ := s.Events(ctx, EventQuery{Search: "returns"})
	if len(returns) != 1 {
		t.Fatalf("in-file duplicate saved twice: %d", len(returns))
	}
	want := []model.Evidence{{EventID: existing.ID, Role: model.RoleResolves}, {EventID: returns[0].ID, Role: model.RoleSupports}}
	if got := preds[0].Resolution.Evidence; !reflect.DeepEqual(got, want) {
		t.Errorf("evidence = %v, want %v (pointed at the existing and the saved event, the unknown one dropped)", got, want)
	}
	again, err := s.Bulk().Import(ctx, fileEvents, filePreds, ImportOptions{})
	if err != nil || again.AddedEvents != 0 || again.AddedPredictions != 0 {
		t.Errorf("importing the same file twice: %+v, %v", again, err)
	}
}

// BenchmarkImportCSV100k reads 100,000 events from CSV and saves them in
// one transaction into an empty database: the whole import as a person
// runs it.
func BenchmarkImportCSV100k(b *testing.B) {
	var file bytes.Buffer
	if err := exchange.Write(&file, exchange.FormatCSVEvents, exchange.Document{Events: synth.New(7).Events(100_000)}, exchange.WriteOptions{}); err != nil {
		b.Fatal(err)
	}
	benchImportCSV(b, file.Bytes(), 100_000)
}

// benchImportCSV times reading data, a CSV file of want events, and
// importing them into a new, empty database, once per iteration; opening
// and closing the database are not timed.
func benchImportCSV(b *testing.B, data []byte, want int) {
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), fmt.Sprintf("import-%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		result, err := exchange.Read(bytes.NewReader(data), exchange.FormatCSVEvents, exchange.ReadOptions{})
		if err != nil || len(result.Doc.Events) != want {
			b.Fatalf("read %d events, want %d: %v", len(result.Doc.Events), want, err)
		}
		report, err := s.Bulk().Import(ctx, result.Doc.Events, nil, ImportOptions{})
		if err != nil || report.AddedEvents != want {
			b.Fatalf("added %d, want %d: %v", report.AddedEvents, want, err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

func TestBulkSavedEventsAreIndexedAndTriggersComeBack(t *testing.T) {
	s := openTemp(t)
	mustEvent(t, s, "Before the bulk save", "2020-01-01")
	bulk := []model.Event{
		{Title: "Bulk one about 百模大战", Date: when.MustParse("2023-05"), Category: model.CategoryModel},
		{Title: "Bulk two", Date: when.MustParse("2023-06-01"), Category: model.CategoryModel},
	}
	if _, err := s.Bulk().AddEvents(ctx, bulk); err != nil {
		t.Fatal(err)
	}
	after := mustEvent(t, s, "After the bulk save 套壳", "2023-05-20")
	if got, _ := s.Events(ctx, EventQuery{Search: "百模大战"}); len(got) != 1 {
		t.Errorf("full-text search misses bulk-saved events: %v", got)
	}
	if got, _ := s.Events(ctx, EventQuery{Search: "套壳"}); len(got) != 1 || got[0].ID != after.ID {
		t.Errorf("an event added after a bulk save is not searchable: %v", got)
	}
	w := Window{From: when.DayOf(2023, 5, 15), To: when.DayOf(2023, 5, 25)}
	got, _ := s.Events(ctx, EventQuery{Window: &w})
	if len(got) != 2 {
		t.Errorf("window query found %d events, want the bulk May event and the later one", len(got))
	}
	if v, _ := s.Check(ctx); v != "ok" {
		t.Errorf("integrity_check = %q", v)
	}
	// rank 1 also compares the index with the events table it indexes.
	if _, err := s.db.Exec("INSERT INTO events_fts (events_fts, rank) VALUES ('integrity-check', 1)"); err != nil {
		t.Errorf("full-text index integrity: %v", err)
	}
}

// BenchmarkUndoRedoImport100k takes back an import of 100,000 events and
// puts it back: the undo checks every record against its fingerprint and
// keeps the rows for redo; the redo writes them back and fingerprints them
// again.
func BenchmarkUndoRedoImport100k(b *testing.B) {
	s := openPath(b, filepath.Join(b.TempDir(), "undo-import.db"))
	report, err := s.Bulk().Import(ctx, synth.New(7).Events(100_000), nil, ImportOptions{})
	if err != nil {
		b.Fatal(err)
	}
	var undo, redo time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if c, err := s.History().Undo(ctx); err != nil || c.Events != report.AddedEvents {
			b.Fatalf("undo: %+v, %v", c, err)
		}
		undo += time.Since(start)
		start = time.Now()
		if _, err := s.History().Redo(ctx); err != nil {
			b.Fatal(err)
		}
		redo += time.Since(start)
	}
	b.ReportMetric(undo.Seconds()/float64(b.N), "undo-s/op")
	b.ReportMetric(redo.Seconds()/float64(b.N), "redo-s/op")
}

// TestImportReportsItsRecordsAndBatch: an import names the records it
// added and its place in the history, which lists them again until the
// import is undone.
func TestImportReportsItsRecordsAndBatch(t *testing.T) {
	s := openTemp(t)
	events := []model.Event{crashEvent("first", 1), crashEvent("second", 2)}
	preds := []model.Prediction{newPrediction("A forecast about the import")}
	report, err := s.Bulk().Import(ctx, events, preds, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(report.EventIDs) != 2 || len(report.PredictionIDs) != 1 || report.Change == 0 {
		t.Fatalf("report %+v", report)
	}
	ev, pr, err := s.History().BatchRecords(ctx, report.Change)
	if err != nil || !slices.Equal(ev, report.EventIDs) || !slices.Equal(pr, report.PredictionIDs) {
		t.Fatalf("batch records %v %v, %v; want %v %v", ev, pr, err, report.EventIDs, report.PredictionIDs)
	}
	if _, err := s.History().Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.History().BatchRecords(ctx, report.Change); !errors.Is(err, ErrNoSuchBatch) {
		t.Errorf("an undone import still lists its records: %v", err)
	}
	if dry, _ := s.Bulk().Import(ctx, events, nil, ImportOptions{DryRun: true}); dry.Change != 0 || len(dry.EventIDs) != 0 {
		t.Errorf("a dry run reports a batch: %+v", dry)
	}
}
