package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// emptySession opens a new database without the seed, so that counts are
// the import's own.
func emptySession(t *testing.T) *Session {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(ctx, engine.SQLiteStore(st))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// fixture reads a real file from ../shared/fixtures/real, or skips.
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "fixtures", "real", name))
	if err != nil {
		t.Skipf("the real file %s is not beside the repository (../shared/fixtures/real): %v", name, err)
	}
	return data
}

// importFile plans and imports a file as the window does, its format
// guessed.
func importFile(t *testing.T, s *Session, name string, data []byte) (ImportPlan, store.ImportReport) {
	t.Helper()
	f, r, err := exchange.Sniff(name, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	plan, err := s.Transfers().PlanImport(ctx, name, r, f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	report, err := s.Transfers().Import(ctx, plan, nil)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return plan, report
}

// Every event of the real files with a date in ±9999 lands in the
// database, every era and section becomes a period, and importing a file
// again adds nothing.
func TestRealFilesImportWhole(t *testing.T) {
	for _, c := range []struct {
		name            string
		events, periods int
	}{
		{"tljs-marktwain.json", 17, 0}, {"tljs-eras.json", 20, 3}, {"tljs-women_in_computing.json", 10, 0},
		{"mw-test.mw", 31, 2}, {"mw-small.mw", 0, 0}, {"timeline-versions.timeline", 59, 0},
	} {
		data := fixture(t, c.name)
		s := emptySession(t)
		plan, report := importFile(t, s, c.name, data)
		if len(plan.Read.Doc.Events) != c.events || report.AddedEvents != c.events || len(report.DuplicateEvents) != 0 ||
			report.AddedPeriods != c.periods {
			t.Errorf("%s: read %d events, added %d (%d duplicates) and %d periods; want %d and %d",
				c.name, len(plan.Read.Doc.Events), report.AddedEvents, len(report.DuplicateEvents), report.AddedPeriods, c.events, c.periods)
		}
		l, err := s.Load(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if l.Library.EventCount != c.events || len(l.Library.Periods) != c.periods {
			t.Errorf("%s: the database holds %d events and %d periods", c.name, l.Library.EventCount, len(l.Library.Periods))
		}
		_, again := importFile(t, s, c.name, data)
		if again.AddedEvents != 0 || again.AddedPeriods != 0 || len(again.DuplicateEvents) != c.events {
			t.Errorf("%s: a second import added %d events and %d periods", c.name, again.AddedEvents, again.AddedPeriods)
		}
	}
}

// The Epoch AI layout imports with no mapping; a second import adds
// nothing.
func TestEpochLayoutImportsTwiceAsOnce(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "exchange", "testdata", "epoch-notable-models.csv"))
	if err != nil {
		t.Fatal(err)
	}
	s := emptySession(t)
	plan, report := importFile(t, s, "notable_ai_models.csv", data)
	if report.AddedEvents != 952 || len(plan.Read.Problems) != 0 || plan.Read.Columns == nil {
		t.Fatalf("added %d, problems %v", report.AddedEvents, plan.Read.Problems)
	}
	_, again := importFile(t, s, "notable_ai_models.csv", data)
	if again.AddedEvents != 0 || len(again.DuplicateEvents) != 952 {
		t.Errorf("second import: %d added, %d duplicates", again.AddedEvents, len(again.DuplicateEvents))
	}
	// Nothing was mapped by hand, so nothing was kept as a mapping.
	if _, _, ok, _ := s.st.Bulk().ColumnMapping(ctx, plan.Read.Columns.Header()); ok {
		t.Error("a recognised header was saved as a mapping")
	}
}

// A mapping a person chose is kept for the header and used for the next
// file with that header.
func TestColumnMappingIsRemembered(t *testing.T) {
	s := emptySession(t)
	first := "Name of model,When,Who\nA,2023-03-14,Lab X\n"
	f, r, err := exchange.Sniff("models.csv", strings.NewReader(first))
	if err != nil || f != exchange.FormatCSVEvents {
		t.Fatalf("%q, %v", f, err)
	}
	plan, err := s.Transfers().PlanImport(ctx, "models.csv", r, f)
	if err != nil || plan.Report.AddedEvents != 0 || !plan.MappingSaved.IsZero() {
		t.Fatalf("unmapped plan: %+v, %v", plan.Report, err)
	}
	plan, err = s.Transfers().ReplanImport(ctx, plan, map[string]string{"Name of model": "title", "When": "date", "Who": "actor"})
	if err != nil || plan.Report.AddedEvents != 1 {
		t.Fatalf("mapped plan: %+v, %v", plan.Report, err)
	}
	if _, err := s.Transfers().Import(ctx, plan, nil); err != nil {
		t.Fatal(err)
	}
	second := "Name of model,When,Who\nB,2024-01-02,Lab Y\n"
	plan, err = s.Transfers().PlanImport(ctx, "more.csv", strings.NewReader(second), exchange.FormatCSVEvents)
	if err != nil || plan.MappingSaved.IsZero() || plan.Report.AddedEvents != 1 {
		t.Fatalf("the next file with the header: %+v, saved %v, %v", plan.Report, plan.MappingSaved, err)
	}
	if e := plan.Read.Doc.Events[0]; e.Title != "B" || e.Actor != "Lab Y" || e.Date != when.MustParse("2024-01-02") {
		t.Errorf("read with the saved mapping: %+v", e)
	}
}

func TestPeriodsSaveDeleteUndo(t *testing.T) {
	s := emptySession(t)
	p, err := s.SavePeriod(ctx, model.Period{Title: "百模大战", Start: when.MustParse("2023-03"), End: when.MustParse("2023-12")})
	if err != nil || p.ID == 0 {
		t.Fatalf("%+v, %v", p, err)
	}
	p.Color = "teal"
	if _, err := s.SavePeriod(ctx, p); err != nil {
		t.Fatal(err)
	}
	l, _ := s.Load(ctx)
	if got, ok := l.Library.Period(p.ID); !ok || got.Color != "#008080" || !l.Undo.OK || l.Undo.Change.Entity != store.EntityPeriod {
		t.Errorf("loaded %+v (%v), undo %+v", got, ok, l.Undo)
	}
	if err := s.DeletePeriod(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	sel, err := s.Replay(ctx, true)
	if err != nil || sel != PeriodSelection(p.ID) {
		t.Errorf("undoing the delete selects %+v, %v", sel, err)
	}
	doc, err := s.Transfers().Document(ctx)
	if err != nil || len(doc.Periods) != 1 || doc.Periods[0].Color != "#008080" {
		t.Errorf("exported periods %+v, %v", doc.Periods, err)
	}
}
