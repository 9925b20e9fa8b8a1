package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/extract"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/storetest"
	"github.com/hindsight-app/hindsight/internal/when"
)

var ctx = context.Background()

func openSession(t *testing.T) *Session {
	t.Helper()
	return storetest.Opened(t, Open)
}

// undoneTo undoes the last change and checks that events events are left:
// as many as before the change, when it was one undoable change.
func undoneTo(t *testing.T, s *Session, events int) {
	t.Helper()
	if _, err := s.Replay(ctx, true); err != nil {
		t.Fatal(err)
	}
	if l, _ := s.Load(ctx); l.Library.EventCount != events {
		t.Errorf("one undo left %d events, want %d", l.Library.EventCount, events)
	}
}

func TestLoadReadsTheSeedAndTheHistory(t *testing.T) {
	s := openSession(t)
	l, err := s.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if l.Library.EventCount < 30 || len(l.Library.Predictions) < 5 || len(l.Actors) == 0 || len(l.Tags) == 0 {
		t.Fatalf("loaded %d events, %d predictions, %d actors, %d tags",
			l.Library.EventCount, len(l.Library.Predictions), len(l.Actors), len(l.Tags))
	}
	// The library holds the events predictions cite, and no others.
	cited := map[int64]bool{}
	for _, p := range l.Library.Predictions {
		for _, ev := range p.Resolution.Evidence {
			cited[ev.EventID] = true
		}
	}
	if len(l.Library.Evidence) != len(cited) || len(cited) == 0 {
		t.Errorf("%d evidence events held, %d cited", len(l.Library.Evidence), len(cited))
	}
	for _, e := range l.Library.Evidence {
		if e.Description != "" || !cited[e.ID] {
			t.Fatalf("the library holds %q, which is not cited or has its description", e.Title)
		}
	}
	page, err := s.Reads().Page(ctx, EventPage{Limit: 10, Offset: 5})
	if err != nil || len(page) != 10 {
		t.Fatalf("a page of events: %d, %v", len(page), err)
	}
	for _, e := range page {
		if e.Description != "" {
			t.Fatalf("a page holds descriptions (%q); they are read with Event", e.Title)
		}
	}
	if l.Undo.OK || l.Redo.OK {
		t.Errorf("a new file has something to undo or redo: %+v %+v", l.Undo, l.Redo)
	}
	known, err := s.Known(ctx)
	if err != nil || len(known.Sources) == 0 {
		t.Errorf("known sources %v, %v", known.Sources, err)
	}
}

func TestSaveUndoRedoSelectTheRecord(t *testing.T) {
	s := openSession(t)
	e, err := s.SaveEvent(ctx, model.Event{Title: "A new model", Date: when.MustParse("2025-03"), Category: model.CategoryModel})
	if err != nil || e.ID == 0 {
		t.Fatalf("added %+v, %v", e, err)
	}
	e.Title = "A new model, renamed"
	if _, err := s.SaveEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	l, _ := s.Load(ctx)
	if !l.Undo.OK || l.Undo.Change.Action != store.ActionUpdate {
		t.Errorf("next undo %+v, want the edit", l.Undo)
	}
	sel, err := s.Replay(ctx, true)
	if err != nil || sel != EventSelection(e.ID) {
		t.Fatalf("undo selects %+v, %v", sel, err)
	}
	if got, _ := s.Event(ctx, e.ID); got.Title != "A new model" {
		t.Errorf("after undo the title is %q", got.Title)
	}
	if sel, err := s.Replay(ctx, false); err != nil || sel != EventSelection(e.ID) {
		t.Fatalf("redo selects %+v, %v", sel, err)
	}
	for range 2 {
		if _, err := s.Replay(ctx, true); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Replay(ctx, true); !IsNothingToReplay(err) {
		t.Errorf("past the first change: %v", err)
	}
}

func TestPlanThenImportIsOneUndoableChange(t *testing.T) {
	s := openSession(t)
	csv := "date,title,actor\n2025-01-20,DeepSeek releases R1,DeepSeek\n2023-03-14,OpenAI releases GPT-4,OpenAI\n"
	f, r, err := exchange.Sniff("models.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := s.Transfers().PlanImport(ctx, "models.csv", r, f)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.Load(ctx)
	if plan.Report.AddedEvents+len(plan.Report.DuplicateEvents) != 2 {
		t.Fatalf("plan: %+v", plan.Report)
	}
	if after, _ := s.Load(ctx); after.Library.EventCount != before.Library.EventCount {
		t.Fatal("planning wrote to the database")
	}
	report, err := s.Transfers().Import(ctx, plan, nil)
	if err != nil || report.AddedEvents != plan.Report.AddedEvents {
		t.Fatalf("imported %+v, %v", report, err)
	}
	l, _ := s.Load(ctx)
	if !l.Undo.OK || l.Undo.Change.Entity != store.EntityBatch {
		t.Errorf("the import is not one undoable change: %+v", l.Undo)
	}
	undoneTo(t, s, before.Library.EventCount)
}

func TestDocumentAndSearch(t *testing.T) {
	s := openSession(t)
	doc, err := s.Transfers().Document(ctx)
	if err != nil || len(doc.Events) < 30 || len(doc.Sources) == 0 {
		t.Fatalf("document: %d events, %d sources, %v", len(doc.Events), len(doc.Sources), err)
	}
	events, preds, err := s.Search(ctx, "GPT")
	if err != nil || len(events) == 0 {
		t.Fatalf("search GPT: %d events, %d predictions, %v", len(events), len(preds), err)
	}
	l, _ := s.Load(ctx)
	kept, err := s.Reads().Count(ctx, filter.Filter{Actors: []string{"openai"}})
	if err != nil || kept == 0 || kept == l.Library.EventCount {
		t.Errorf("filtering by actor kept %d of %d (%v)", kept, l.Library.EventCount, err)
	}
}

func TestOpenRefusesAFileThatIsNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(path, []byte("my notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path); !errors.Is(err, store.ErrNotHindsight) {
		t.Errorf("Open = %v, want ErrNotHindsight", err)
	}
}

// TestWatchSeesAnotherWriter: a change committed by another connection to
// the file (the command-line tool, another window) is noticed within a
// second; the session's own writes are not.
func TestWatchSeesAnotherWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	changes := make(chan struct{}, 10)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.Watcher().Watch(ctx, func() { changes <- struct{}{} })

	if _, err := s.SaveEvent(ctx, model.Event{Title: "Written here", Date: when.MustParse("2025"), Category: model.CategoryOther}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changes:
		t.Fatal("the session's own write was reported as a change from elsewhere")
	case <-time.After(3 * WatchInterval):
	}

	other, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.AddEvent(ctx, model.Event{Title: "Written elsewhere", Date: when.MustParse("2025"), Category: model.CategoryOther}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changes:
	case <-time.After(time.Second):
		t.Fatal("a change by another writer was not noticed within a second")
	}
}

// TestAddExtractedIsOneUndoableChange: what a reviewer keeps from a text
// is added in one transaction, and one undo takes it all back.
func TestAddExtractedIsOneUndoableChange(t *testing.T) {
	s := openSession(t)
	before, _ := s.Load(ctx)
	res, err := extract.Extract(extract.Input{Text: "Mistral released Mixtral 8x7B on 11 December 2023. Anthropic released Claude 3 on 4 March 2024.",
		URL: "https://example.com/a", Published: when.MustParse("2024-06")}, extract.Known{})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := res.Records()
	if err != nil || len(recs.Events) < 2 {
		t.Fatalf("records %+v, %v", recs, err)
	}
	n, err := s.Transfers().AddExtracted(ctx, recs, nil)
	if err != nil || n != len(recs.Events)+len(recs.Predictions) {
		t.Fatalf("added %d, %v", n, err)
	}
	undoneTo(t, s, before.Library.EventCount)
}

func TestLibraryChainAndReview(t *testing.T) {
	s := openSession(t)
	first, err := s.SavePrediction(ctx, model.Prediction{Statement: "AGI by 2025", Source: "F", Made: when.MustParse("2023-01")})
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.SavePrediction(ctx, model.Prediction{Statement: "AGI by 2027", Source: "F", Made: when.MustParse("2025-12"), Restates: first.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MarkReviewed(ctx, second.ID); err != nil {
		t.Fatal(err)
	}
	loaded, err := s.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lib := loaded.Library
	for _, id := range []int64{first.ID, second.ID} {
		chain := lib.Chain(id)
		if len(chain) != 2 || chain[0].ID != first.ID || chain[1].ID != second.ID {
			t.Errorf("chain of %d: %+v", id, chain)
		}
	}
	if got, _ := lib.Prediction(second.ID); got.ReviewedOn.IsZero() {
		t.Error("the review was not saved")
	}
	if lib.Chain(999) != nil {
		t.Error("a chain for a missing claim")
	}
}
