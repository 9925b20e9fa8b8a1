package engine_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The conformance cases of imports of events and periods (imports with
// predictions: conformance_claims_import_test.go).

func TestImportAddsPeriodsOnceAndUndoesThem(t *testing.T) {
	eachFacets(t, func(t *testing.T, db facets) {
		periods := func() []model.Period {
			return []model.Period{
				{ID: 7, Title: "Era Test 600-650", Start: when.MustParse("0600"), End: when.MustParse("0650")},
				{ID: 9, Title: "Era Test 650-700", Start: when.MustParse("0650"), End: when.MustParse("0700"), Color: "#abc"},
				{ID: 11, Title: "Era Test 600-650", Start: when.MustParse("0600"), End: when.MustParse("0650")},
			}
		}
		events := []model.Event{{Title: "Battle of Nineveh", Date: when.MustParse("0627-12-12"), Category: model.CategoryOther}}
		dry, err := db.importer.Import(ctx, slices.Clone(events), nil, store.ImportOptions{DryRun: true, Periods: periods()})
		if err != nil || dry.AddedPeriods != 2 || len(dry.DuplicatePeriods) != 1 || len(dry.NewPeriods) != 2 || len(dry.NewEvents) != 1 {
			t.Fatalf("dry run: %+v, %v", dry, err)
		}
		if n, _ := db.events.CountEvents(ctx, filter.Filter{}); n != 0 {
			t.Fatalf("a dry run wrote %d events", n)
		}
		report, err := db.importer.Import(ctx, slices.Clone(events), nil, store.ImportOptions{Periods: periods()})
		if err != nil {
			t.Fatal(err)
		}
		if report.AddedPeriods != 2 || !slices.Equal(report.PeriodIDs, []int64{7, 9}) || report.AddedEvents != 1 {
			t.Errorf("import: %+v", report)
		}
		next, _, _ := db.history.NextUndo(ctx)
		if next.Periods != 2 || next.Events != 1 || next.Describe() != "import of 1 event and 2 periods" || next.Seq != report.Change {
			t.Errorf("history: %+v (%q)", next, next.Describe())
		}
		again, err := db.importer.Import(ctx, slices.Clone(events), nil, store.ImportOptions{Periods: periods()})
		if err != nil || again.AddedPeriods != 0 || len(again.DuplicatePeriods) != 3 || again.AddedEvents != 0 || again.Change != 0 {
			t.Errorf("second import: %+v, %v", again, err)
		}
		// A period added after the import takes an id past the kept ones.
		later, err := db.periods.Add(ctx, model.Period{Title: "Later", Start: when.MustParse("0800")})
		if err != nil || later.ID <= 9 {
			t.Fatalf("a period added after the import: %+v, %v", later, err)
		}
		if err := db.periods.Delete(ctx, later.ID); err != nil {
			t.Fatal(err)
		}
		next, _, _ = db.history.NextUndo(ctx)
		if err := db.history.Skip(ctx, next.Seq, true); err != nil {
			t.Fatal(err)
		}
		next, _, _ = db.history.NextUndo(ctx)
		if err := db.history.Skip(ctx, next.Seq, true); err != nil {
			t.Fatal(err)
		}
		if _, err := db.history.Undo(ctx); err != nil {
			t.Fatal(err)
		}
		if all, _ := db.periods.List(ctx, nil); len(all) != 0 {
			t.Errorf("after undoing the import: %+v", all)
		}
		if _, err := db.history.Redo(ctx); err != nil {
			t.Fatal(err)
		}
		all, _ := db.periods.List(ctx, nil)
		if len(all) != 2 || all[1].Color != "#aabbcc" {
			t.Errorf("after redoing the import: %+v", all)
		}
	})
}

// Two events of one file that share a title, date and actor but differ
// otherwise are both kept; a whole repeat is skipped, and a second import
// adds nothing.
func TestImportKeepsEventsThatDifferWithinAFile(t *testing.T) {
	eachFacets(t, func(t *testing.T, db facets) {
		events := func() []model.Event {
			return []model.Event{
				{Title: "More documentation", Date: when.MustParse("2024-10-04"), Category: model.CategoryOther,
					Links: []model.Link{{URL: "https://docs.example/events"}}},
				{Title: "More documentation", Date: when.MustParse("2024-10-04"), Category: model.CategoryOther,
					Links: []model.Link{{URL: "https://docs.example/descriptions"}}},
				{Title: "More documentation", Date: when.MustParse("2024-10-04"), Category: model.CategoryOther,
					Links: []model.Link{{URL: "https://docs.example/descriptions"}}},
			}
		}
		report, err := db.importer.Import(ctx, events(), nil, store.ImportOptions{})
		if err != nil || report.AddedEvents != 2 || len(report.DuplicateEvents) != 1 || report.KeptIDs {
			t.Fatalf("import: %+v, %v", report, err)
		}
		again, err := db.importer.Import(ctx, events(), nil, store.ImportOptions{})
		if err != nil || again.AddedEvents != 0 || len(again.DuplicateEvents) != 3 {
			t.Errorf("second import: %+v, %v", again, err)
		}
	})
}

// An import into an empty database keeps the file's ids; a later add
// takes the next id after them, and undo and BatchRecords know them.
func TestImportIntoAnEmptyDatabaseKeepsIDs(t *testing.T) {
	eachFacets(t, func(t *testing.T, db facets) {
		events := []model.Event{
			{ID: 5, Title: "Five", Date: when.MustParse("2024-01-05"), Category: model.CategoryOther, Tags: []string{"x"}},
			{ID: 3, Title: "Three", Date: when.MustParse("2024-01-03"), Category: model.CategoryOther},
		}
		report, err := db.importer.Import(ctx, events, nil, store.ImportOptions{Reminders: []model.Reminder{{PredictionID: 2}}})
		if err != nil || !report.KeptIDs || !slices.Equal(report.EventIDs, []int64{5, 3}) || report.RemindersUnmatched != 1 {
			t.Fatalf("import: %+v, %v", report, err)
		}
		got, _, err := db.history.BatchRecords(ctx, report.Change)
		if err != nil || !slices.Equal(got, []int64{3, 5}) {
			t.Errorf("batch records %v, %v", got, err)
		}
		e := mustEvent(t, db.events, "After", "2024-02")
		if e.ID != 6 {
			t.Errorf("an event added after the import has id %d, want 6", e.ID)
		}
	})
}

func TestCancelledImportWritesNothing(t *testing.T) {
	eachFacets(t, func(t *testing.T, db facets) {
		cctx, cancel := context.WithCancel(ctx)
		events := synth.New(5).Events(3000)
		_, err := db.importer.Import(cctx, events, nil, store.ImportOptions{Progress: func(done, total int) {
			if done >= 1000 {
				cancel()
			}
		}})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want cancelled", err)
		}
		if n, _ := db.events.CountEvents(ctx, filter.Filter{}); n != 0 {
			t.Errorf("a cancelled import left %d events", n)
		}
	})
}

func TestImportRefusesInvalidRecordsWholesale(t *testing.T) {
	eachFacets(t, func(t *testing.T, db facets) {
		events := []model.Event{
			{Title: "fine", Date: when.MustParse("2024"), Category: model.CategoryOther},
			{Title: "", Date: when.MustParse("2024"), Category: model.CategoryOther},
		}
		if _, err := db.importer.Import(ctx, events, nil, store.ImportOptions{}); err == nil {
			t.Fatal("an invalid record should fail the import")
		}
		bad := store.ImportOptions{Periods: []model.Period{{Title: "no start"}}}
		if _, err := db.importer.Import(ctx, events[:1], nil, bad); err == nil {
			t.Fatal("an invalid period should fail the import")
		}
		if n, _ := db.events.CountEvents(ctx, filter.Filter{}); n != 0 {
			t.Errorf("%d events written", n)
		}
	})
}

// Events copied from one engine to the other by export and import come
// back the same, ids, tags, links and times included, both ways.
func TestEventsCopyBetweenEnginesLosslessly(t *testing.T) {
	lite, pg := sqliteDatabase(t)(), postgresDatabase(t)()
	events := synth.New(3).Events(300)
	events[0].Links = []model.Link{{URL: "https://a.example", Quote: "quoted"}, {URL: "https://b.example"}}
	if _, err := lite.events.AddEvents(ctx, events); err != nil {
		t.Fatal(err)
	}
	if err := lite.events.DeleteEvent(ctx, 2); err != nil {
		t.Fatal(err) // a gap in the ids travels too
	}
	want, preds, err := lite.exporter.Export(ctx)
	if err != nil || len(want) != 299 || preds != nil {
		t.Fatalf("export from SQLite: %d events, %v, %v", len(want), preds, err)
	}
	report, err := pg.importer.Import(ctx, slices.Clone(want), nil, store.ImportOptions{})
	if err != nil || !report.KeptIDs || report.AddedEvents != 299 {
		t.Fatalf("import into PostgreSQL: %+v, %v", report, err)
	}
	got, _, err := pg.exporter.Export(ctx)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("PostgreSQL's export differs from SQLite's (%v)", err)
	}
	back := sqliteDatabase(t)()
	if _, err := back.importer.Import(ctx, got, nil, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	again, _, err := back.exporter.Export(ctx)
	if err != nil || !reflect.DeepEqual(again, want) {
		t.Fatalf("the copy back to SQLite differs (%v)", err)
	}
	// The order of an export is the engines' one order.
	if !slices.Equal(idsOf(got), idsOf(want)) {
		t.Error("the engines export in different orders")
	}
}
