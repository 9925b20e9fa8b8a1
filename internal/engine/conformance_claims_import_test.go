package engine_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The conformance cases of imports and exports with predictions and their
// sources, and of copies between the engines.

// fullDB is every facet of one database, predictions and names included.
type fullDB struct {
	facets
	claims claimsEngine
}

// eachFullDatabase runs check against a new, empty database of each
// engine; open opens it (again), as another window or command would.
func eachFullDatabase(t *testing.T, check func(t *testing.T, open func() fullDB)) {
	t.Run("sqlite", func(t *testing.T) { check(t, sqliteFull(t, false)) })
	t.Run("postgres", func(t *testing.T) { check(t, postgresFull(t, false)) })
}

// eachFull runs check against one new, empty database of each engine.
func eachFull(t *testing.T, check func(t *testing.T, db fullDB)) {
	eachFullDatabase(t, func(t *testing.T, open func() fullDB) { check(t, open()) })
}

// sqliteFull makes a new SQLite file and returns what opens it, with the
// seed when seeded.
func sqliteFull(t *testing.T, seeded bool) func() fullDB {
	path := filepath.Join(t.TempDir(), "test.db")
	return func() fullDB {
		open := store.Open
		if seeded {
			open = store.OpenSeeded
		}
		s, err := open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return fullDB{facets{engine.SQLite(s), s.Periods(), s.UserData(), s.Bulk(), s.History(), s.Bulk(), s.Bulk()},
			engine.SQLite(s).(claimsEngine)}
	}
}

// postgresFull makes a new database on the test server and returns what
// opens it, as a new client each time, with the seed when seeded.
func postgresFull(t *testing.T, seeded bool) func() fullDB {
	url := pgtest.DB(t)
	return func() fullDB {
		open := pgstore.Open
		if seeded {
			open = pgstore.OpenSeeded
		}
		s, err := open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		return fullDB{facets{engine.PostgreSQL(s), s.Periods(), s.UserData(), s.Bulk(), s.History(), s.Bulk(), s.Bulk()},
			engine.PostgreSQL(s).(claimsEngine)}
	}
}

// document reads everything a Hindsight JSON export of db holds.
func document(t *testing.T, db fullDB) exchange.Document {
	t.Helper()
	events, preds, err := db.exporter.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	periods, err := db.periods.List(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	sources, err := db.claims.SourceDetails(ctx)
	if err != nil {
		t.Fatal(err)
	}
	views, err := db.user.Views(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reminders, err := db.user.Reminders(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return exchange.Document{Events: events, Predictions: preds, Periods: periods, Sources: sources,
		Views: views, Reminders: reminders}
}

var exportedAt = regexp.MustCompile(`"exported_at": *"[^"]*"`)

// hindsightJSON is db's Hindsight JSON export, without the time it was
// written.
func hindsightJSON(t *testing.T, db fullDB) string {
	t.Helper()
	var out bytes.Buffer
	if err := exchange.Write(&out, exchange.FormatHindsightJSON, document(t, db), exchange.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	return exportedAt.ReplaceAllString(out.String(), `"exported_at": ""`)
}

// importDocument imports doc into db, as the app imports a file.
func importDocument(t *testing.T, db fullDB, doc exchange.Document) store.ImportReport {
	t.Helper()
	report, err := db.importer.Import(ctx, slices.Clone(doc.Events), slices.Clone(doc.Predictions), store.ImportOptions{
		Sources: doc.Sources, Views: doc.Views, Reminders: doc.Reminders, Periods: slices.Clone(doc.Periods)})
	if err != nil {
		t.Fatal(err)
	}
	return report
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func probability(p float64) *float64 { return &p }

// richDocument is a file holding every kind of record with every field
// set, links between them, and ids of its own.
func richDocument() exchange.Document {
	made := when.MustParse("2023-02")
	return exchange.Document{
		Events: []model.Event{
			{ID: 4, Title: "OpenAI board removes Sam Altman", TitleZh: "OpenAI 董事会罢免奥特曼", Date: when.MustParse("2023-11-17"),
				Actor: "OpenAI", Category: model.CategoryPeople, Tags: []string{"openai", "governance"},
				Description: "The board says he was not consistently candid.",
				Links:       []model.Link{{URL: "https://openai.com/blog/leadership", Quote: "not consistently candid"}},
				CreatedAt:   at("2023-11-18T08:00:00Z"), UpdatedAt: at("2023-11-19T09:30:00Z")},
			{ID: 9, Title: "Altman returns", Date: when.MustParse("2023-11-21"), End: when.MustParse("2023-11-22"),
				Category: model.CategoryPeople, Tags: []string{"openai"},
				CreatedAt: at("2023-11-22T08:00:00Z"), UpdatedAt: at("2023-11-22T08:00:00Z")},
		},
		Predictions: []model.Prediction{
			// The restatement comes first in the file, before the claim it
			// restates.
			{ID: 12, Statement: "OpenAI's conflict erupts by the end of 2023", Source: "Blog author", Made: when.MustParse("2023-06"),
				Kind: model.KindForecast, Restates: 11,
				Deadline: mustDeadline("by the end of 2023", "2023-06"), Tags: []string{"openai"},
				CreatedAt: at("2023-06-02T00:00:00Z"), UpdatedAt: at("2023-06-02T00:00:00Z")},
			{ID: 11, Statement: "OpenAI's internal conflict erupts", StatementZh: "OpenAI 内部矛盾爆发", Source: "Blog author",
				Made: made, Kind: model.KindForecast, Provenance: model.ProvenanceContemporaneous,
				Deadline: mustDeadline("within two years", "2023-02"), Probability: probability(0.7),
				Criteria: "A public split at the top", Tags: []string{"openai", "governance"}, Interest: "Worked at a rival lab",
				Links: []model.SourceLink{{URL: "https://blog.example/2023", Quote: "矛盾", Published: when.MustParse("2023-02-13"), Primary: true},
					{URL: "https://news.example/recap", Published: when.MustParse("2023-12")}},
				Resolution: model.Resolution{State: model.StatePartly, Fraction: 0.5, On: when.MustParse("2023-11-17"), Note: "It did, briefly",
					Evidence: []model.Evidence{{EventID: 4, Role: model.RoleResolves}, {EventID: 9, Role: model.RoleContradicts}}},
				History: []model.Wording{{Version: 1, Statement: "OpenAI's conflict erupts", SavedAt: at("2023-02-14T00:00:00Z")},
					{Version: 2, Statement: "OpenAI's internal conflict erupts", StatementZh: "OpenAI 内部矛盾爆发", SavedAt: at("2023-03-01T10:00:00Z")}},
				CreatedAt: at("2023-02-14T00:00:00Z"), UpdatedAt: at("2023-11-20T00:00:00Z")},
			{ID: 13, Statement: "Will open models catch up?", Source: "New Lab", Made: when.MustParse("2023"),
				Kind: model.KindQuestion, ReviewedOn: when.MustParse("2024-01-05"),
				CreatedAt: at("2023-05-01T00:00:00Z"), UpdatedAt: at("2024-01-05T00:00:00Z")},
		},
		Periods: []model.Period{{ID: 2, Title: "百模大战", Start: when.MustParse("2023-03"), End: when.MustParse("2023-12"),
			Color: "#ffaa00", Lane: "国内", Links: []model.Link{{URL: "https://example.com/review"}},
			CreatedAt: at("2023-12-01T00:00:00Z"), UpdatedAt: at("2023-12-01T00:00:00Z")}},
		Sources: []model.Source{{Name: "Blog author", NameZh: "博客作者", Kind: "person", URL: "https://blog.example"},
			{Name: "New Lab", Kind: "organisation"}},
		Views:     []filter.SavedView{{Name: "OpenAI", Filter: filter.Filter{Tags: []string{"openai"}}}},
		Reminders: []model.Reminder{{PredictionID: 12, SentAt: at("2024-01-01T09:00:00Z")}},
	}
}

// A Hindsight JSON export of a SQLite database and of a PostgreSQL
// database holding the same import are identical, ids included (an import
// into an empty database keeps the file's ids on both), and so is the
// export of a copy made from either into the other.
func TestHindsightJSONExportsAreTheSameOnBothEngines(t *testing.T) {
	doc := richDocument()
	lite, pg := sqliteFull(t, false)(), postgresFull(t, false)()
	for _, db := range []fullDB{lite, pg} {
		report := importDocument(t, db, doc)
		if !report.KeptIDs || report.AddedPredictions != 3 || report.Reminders != 1 {
			t.Fatalf("import: %+v", report)
		}
	}
	want := hindsightJSON(t, lite)
	if got := hindsightJSON(t, pg); got != want {
		t.Fatalf("the engines' exports differ:\nSQLite:\n%s\nPostgreSQL:\n%s", want, got)
	}
	back := sqliteFull(t, false)()
	importDocument(t, back, document(t, pg))
	if got := hindsightJSON(t, back); got != want {
		t.Fatalf("a copy from PostgreSQL to SQLite differs:\n%s", got)
	}
	there := postgresFull(t, false)()
	importDocument(t, there, document(t, lite))
	if got := hindsightJSON(t, there); got != want {
		t.Fatalf("a copy from SQLite to PostgreSQL differs:\n%s", got)
	}
	// What the file says travels: the restatement points at the saved
	// claim, the evidence at the saved events, the wordings are kept.
	chain, err := pg.claims.ClaimChain(ctx, 12)
	if err != nil || !slices.Equal(idsOf(chain), []int64{11, 12}) {
		t.Errorf("chain of the restatement: %v, %v", idsOf(chain), err)
	}
	versions, err := pg.claims.Versions(ctx, 11)
	if err != nil || len(versions) != 2 || versions[0].Statement != "OpenAI's conflict erupts" {
		t.Errorf("wordings: %+v, %v", versions, err)
	}
}

// An import skips the records the database (or the file, earlier on)
// has, points evidence, restatements and reminders at the saved or
// matched records, fills in the details of known sources without
// overwriting them, and is one change that undoes and redoes exactly.
func TestImportWithPredictionsSkipsDuplicatesAndRepointsLinks(t *testing.T) {
	eachFull(t, func(t *testing.T, db fullDB) {
		existing := mustEvent(t, db.events, "OpenAI board removes Sam Altman", "2023-11-17")
		old := mustPrediction(t, db.claims, model.Prediction{Statement: "Existing claim", Source: "Author", Made: when.MustParse("2022")})
		fileEvents := []model.Event{
			{ID: 10, Title: "openai board removes sam altman", Date: when.MustParse("2023-11-17"), Category: model.CategoryPeople},
			{ID: 11, Title: "Altman returns", Date: when.MustParse("2023-11-21"), Category: model.CategoryPeople},
			{ID: 12, Title: "Altman returns", Date: when.MustParse("2023-11-21"), Category: model.CategoryPeople},
		}
		filePreds := []model.Prediction{
			{ID: 6, Statement: "Conflict erupts by 2024", Source: "author", Made: when.MustParse("2023-06"), Restates: 5},
			{ID: 5, Statement: "Conflict erupts", Source: "Author", Made: when.MustParse("2023-02"), Kind: model.KindForecast,
				Resolution: model.Resolution{State: model.StateTrue, On: when.MustParse("2023-11-17"), Evidence: []model.Evidence{
					{EventID: 10, Role: model.RoleResolves}, {EventID: 12, Role: model.RoleSupports}, {EventID: 99, Role: model.RoleSupports}}}},
			{ID: 7, Statement: "existing CLAIM", Source: "AUTHOR", Made: when.MustParse("2022")},
			{ID: 8, Statement: "A question", Source: "Author", Made: when.MustParse("2023"), Kind: model.KindQuestion, Restates: 7},
			{ID: 9, Statement: "A question", Source: "Author", Made: when.MustParse("2023"), Kind: model.KindQuestion, Restates: 7},
		}
		opt := func() store.ImportOptions {
			return store.ImportOptions{
				Sources: []model.Source{{Name: "AUTHOR", NameZh: "作者", Kind: "person"}, {Name: "Unused", URL: "https://u.example"}},
				Reminders: []model.Reminder{{PredictionID: 5, SentAt: at("2024-01-01T00:00:00Z")},
					{PredictionID: 9, SentAt: at("2024-01-02T00:00:00Z")}, {PredictionID: 42, SentAt: at("2024-01-03T00:00:00Z")}},
			}
		}
		dryOpt := opt()
		dryOpt.DryRun = true
		dry, err := db.importer.Import(ctx, slices.Clone(fileEvents), slices.Clone(filePreds), dryOpt)
		if err != nil {
			t.Fatal(err)
		}
		if dry.AddedEvents != 1 || len(dry.DuplicateEvents) != 2 || dry.AddedPredictions != 3 || len(dry.DuplicatePredictions) != 2 ||
			dry.KeptIDs || dry.Reminders != 2 || dry.RemindersUnmatched != 1 || dry.Change != 0 {
			t.Errorf("dry run: %+v", dry)
		}
		var order []string
		for _, p := range dry.NewPredictions {
			order = append(order, p.Statement)
		}
		if !slices.Equal(order, []string{"Conflict erupts", "Conflict erupts by 2024", "A question"}) {
			t.Errorf("a restated claim comes before its restatement: %q", order)
		}
		if all, _ := db.claims.Predictions(ctx, store.PredictionQuery{}); len(all) != 1 {
			t.Fatalf("a dry run wrote %d predictions", len(all)-1)
		}

		report, err := db.importer.Import(ctx, slices.Clone(fileEvents), slices.Clone(filePreds), opt())
		if err != nil {
			t.Fatal(err)
		}
		if report.AddedPredictions != 3 || len(report.PredictionIDs) != 3 || report.Reminders != 2 || report.Change == 0 {
			t.Fatalf("import: %+v", report)
		}
		returns, _ := db.events.Events(ctx, store.EventQuery{Search: "returns"})
		if len(returns) != 1 {
			t.Fatalf("an event the file holds twice was saved %d times", len(returns))
		}
		conflict, err := db.claims.Prediction(ctx, report.PredictionIDs[0])
		if err != nil {
			t.Fatal(err)
		}
		want := []model.Evidence{{EventID: existing.ID, Role: model.RoleResolves}, {EventID: returns[0].ID, Role: model.RoleSupports}}
		if !reflect.DeepEqual(conflict.Resolution.Evidence, want) {
			t.Errorf("evidence = %v, want %v", conflict.Resolution.Evidence, want)
		}
		restated, _ := db.claims.Prediction(ctx, report.PredictionIDs[1])
		question, _ := db.claims.Prediction(ctx, report.PredictionIDs[2])
		if restated.Restates != conflict.ID || question.Restates != old.ID || question.Kind != model.KindQuestion {
			t.Errorf("restates %d (want %d), %d (want %d)", restated.Restates, conflict.ID, question.Restates, old.ID)
		}
		if conflict.Source != "Author" || conflict.SourceZh != "作者" {
			t.Errorf("source %q / %q: a known source keeps its name and gets the details it lacked", conflict.Source, conflict.SourceZh)
		}
		reminders, _ := db.user.Reminders(ctx)
		if len(reminders) != 2 || reminders[0].PredictionID != conflict.ID || reminders[1].PredictionID != question.ID {
			t.Errorf("reminders %+v", reminders)
		}
		events, preds, err := db.history.BatchRecords(ctx, report.Change)
		if err != nil || len(events) != 1 || !slices.Equal(preds, slices.Sorted(slices.Values(report.PredictionIDs))) {
			t.Errorf("batch records %v %v, %v", events, preds, err)
		}
		next, _, _ := db.history.NextUndo(ctx)
		if next.Seq != report.Change || next.Describe() != "import of 1 event and 3 predictions" {
			t.Errorf("next undo %+v (%s)", next, next.Describe())
		}
		again, err := db.importer.Import(ctx, slices.Clone(fileEvents), slices.Clone(filePreds), opt())
		if err != nil || again.AddedEvents != 0 || again.AddedPredictions != 0 || again.Change != 0 || len(again.DuplicatePredictions) != 5 {
			t.Errorf("importing the same file again: %+v, %v", again, err)
		}
		after := hindsightJSON(t, db)
		if _, err := db.history.Undo(ctx); err != nil {
			t.Fatal(err)
		}
		// The sources' details and the reminders stay, as on SQLite; the
		// records go.
		if all, _ := db.claims.Predictions(ctx, store.PredictionQuery{}); len(all) != 1 {
			t.Errorf("%d predictions after undoing the import", len(all))
		}
		if _, _, err := db.history.BatchRecords(ctx, report.Change); !errors.Is(err, store.ErrNoSuchBatch) {
			t.Errorf("records of an undone import: %v", err)
		}
		if n, _ := db.events.CountEvents(ctx, filter.Filter{}); n != 1 {
			t.Errorf("%d events after undoing the import", n)
		}
		if _, err := db.history.Redo(ctx); err != nil {
			t.Fatal(err)
		}
		if got := hindsightJSON(t, db); got != after {
			t.Errorf("redo did not bring the import back as it was:\n%s\nwant\n%s", got, after)
		}
	})
}
