package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func newPrediction(statement string) model.Prediction {
	return model.Prediction{
		Statement: statement, Source: "Blog author", Made: when.MustParse("2023-02"),
		Deadline: mustDeadline("within two years", "2023-02"),
		Tags:     []string{"openai"},
	}
}

func mustDeadline(phrase, made string) when.Deadline {
	d, err := when.ParseDeadline(phrase, when.MustParse(made))
	if err != nil {
		panic(err)
	}
	return d
}

func TestPredictionResolveAndUnresolve(t *testing.T) {
	s := openTemp(t)
	fired := mustEvent(t, s, "OpenAI board removes Sam Altman", "2023-11-17")
	p, err := s.AddPrediction(ctx, newPrediction("OpenAI's internal conflict will erupt within two years"))
	if err != nil {
		t.Fatal(err)
	}
	if p.State() != model.StateOpen || p.Deadline.Phrase != "within two years" {
		t.Errorf("new prediction: state %s deadline %+v", p.State(), p.Deadline)
	}
	if _, latest, ok := p.Due(); !ok || latest != when.DayOf(2025, 2, 28) {
		t.Errorf("due by %v, want 2025-02-28", latest)
	}
	before, _ := s.Prediction(ctx, p.ID)

	resolved, err := s.Resolve(ctx, p.ID, model.Resolution{
		State: model.StateTrue, On: when.MustParse("2023-11-17"), Note: "board fired the CEO",
		Evidence: []model.Evidence{{EventID: fired.ID, Role: model.RoleResolves}},
	})
	if err != nil {
		t.Fatal(err)
	}
	again, _ := s.Prediction(ctx, p.ID)
	if again.State() != model.StateTrue || again.Resolution.On.String() != "2023-11-17" ||
		!reflect.DeepEqual(again.Resolution.Evidence, []model.Evidence{{EventID: fired.ID, Role: model.RoleResolves}}) {
		t.Errorf("resolution not stored: %+v", again.Resolution)
	}
	if resolved.Resolution.Note != "board fired the CEO" {
		t.Errorf("note = %q", resolved.Resolution.Note)
	}
	citing, _ := s.CitingPredictions(ctx, fired.ID)
	if len(citing) != 1 || citing[0].ID != p.ID {
		t.Errorf("citing predictions = %v", citing)
	}

	reopened, err := s.Unresolve(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if reopened.State() != model.StateOpen || len(reopened.Resolution.Evidence) != 0 || !reopened.Resolution.On.IsZero() {
		t.Errorf("unresolve left %+v", reopened.Resolution)
	}
	reopened.UpdatedAt = before.UpdatedAt // the only field reopening changes
	if !reflect.DeepEqual(reopened, before) {
		t.Errorf("unresolve did not restore the open prediction:\n got %+v\nwant %+v", reopened, before)
	}
}

func TestResolveRefusesBadInputAndWritesNothing(t *testing.T) {
	s := openTemp(t)
	p, err := s.AddPrediction(ctx, newPrediction("x will happen"))
	if err != nil {
		t.Fatal(err)
	}
	bad := map[string]model.Resolution{
		"missing event":     {State: model.StateTrue, On: when.MustParse("2023-11"), Evidence: []model.Evidence{{EventID: 999, Role: model.RoleResolves}}},
		"before made":       {State: model.StateFalse, On: when.MustParse("2022-12-31")},
		"partly at 100%":    {State: model.StatePartly, Fraction: 1, On: when.MustParse("2024")},
		"ambiguous no date": {State: model.StateAmbiguous},
		"partly above one":  {State: model.StatePartly, Fraction: 1.4, On: when.MustParse("2024")},
		"no date":           {State: model.StateTrue},
		"open is no result": {State: model.StateOpen, On: when.MustParse("2024")},
	}
	for name, r := range bad {
		if _, err := s.Resolve(ctx, p.ID, r); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	got, _ := s.Prediction(ctx, p.ID)
	if got.State() != model.StateOpen {
		t.Errorf("state after refused resolutions = %s", got.State())
	}
	if _, err := s.Resolve(ctx, 12345, model.Resolution{State: model.StateTrue, On: when.MustParse("2024")}); !errors.Is(err, ErrNotFound) {
		t.Errorf("resolving a missing prediction: %v", err)
	}
}

func TestPredictionValidationWritesNothing(t *testing.T) {
	s := openTemp(t)
	over, half := 1.4, 0.5
	bad := []model.Prediction{
		{Statement: "", Source: "a", Made: when.MustParse("2023")},
		{Statement: "x", Source: "", Made: when.MustParse("2023")},
		{Statement: "x", Source: "a"},
		{Statement: "x", Source: "a", Made: when.MustParse("2023"), Probability: &over},
		{Statement: "x", Source: "a", Made: when.MustParse("2023"), Links: []model.SourceLink{{URL: "file:///etc/passwd"}}},
		{Statement: "Will it?", Source: "a", Made: when.MustParse("2023"), Kind: model.KindQuestion, Probability: &half},
		{Statement: "x", Source: "a", Made: when.MustParse("2023"), Restates: 99},
	}
	for i, p := range bad {
		if _, err := s.AddPrediction(ctx, p); err == nil {
			t.Errorf("case %d accepted", i)
		}
	}
	if preds, _ := s.Predictions(ctx, PredictionQuery{}); len(preds) != 0 {
		t.Errorf("%d predictions written", len(preds))
	}
}

func TestStatementEditsKeepVersions(t *testing.T) {
	s := openTemp(t)
	p, err := s.AddPrediction(ctx, newPrediction("First wording"))
	if err != nil {
		t.Fatal(err)
	}
	p.Statement = "Second wording"
	if _, err := s.UpdatePrediction(ctx, p); err != nil {
		t.Fatal(err)
	}
	p.Criteria = "only criteria changed"
	if _, err := s.UpdatePrediction(ctx, p); err != nil {
		t.Fatal(err)
	}
	versions, err := s.Versions(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(versions) != 2 || versions[0].Statement != "First wording" || versions[1].Statement != "Second wording" {
		t.Errorf("versions = %+v", versions)
	}
}

func TestDueBeforeAndStateFilters(t *testing.T) {
	s := openTemp(t)
	early := newPrediction("due 2025")
	late := newPrediction("due 2030")
	late.Deadline = mustDeadline("by 2030", "2023-02")
	none := newPrediction("no deadline")
	none.Deadline = when.Deadline{}
	for _, p := range []model.Prediction{late, early, none} {
		if _, err := s.AddPrediction(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	day := when.DayOf(2026, 1, 1)
	due, err := s.Predictions(ctx, PredictionQuery{DueBefore: &day})
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].Statement != "due 2025" {
		t.Errorf("due before 2026: %v", due)
	}
	all, _ := s.Predictions(ctx, PredictionQuery{State: model.StateOpen})
	if len(all) != 3 || all[0].Statement != "due 2025" || all[2].Statement != "no deadline" {
		t.Errorf("order by deadline, none last: %v", all)
	}
}

func TestDeleteEventDropsEvidence(t *testing.T) {
	s := openTemp(t)
	e := mustEvent(t, s, "evidence", "2023-11-17")
	p, _ := s.AddPrediction(ctx, newPrediction("x"))
	if _, err := s.Resolve(ctx, p.ID, model.Resolution{State: model.StateTrue, On: when.MustParse("2023-11-17"),
		Evidence: []model.Evidence{{EventID: e.ID, Role: model.RoleResolves}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Prediction(ctx, p.ID)
	if len(got.Resolution.Evidence) != 0 || got.State() != model.StateTrue {
		t.Errorf("after deleting the event: %+v", got.Resolution)
	}
	if err := s.DeleteEvent(ctx, e.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
}

func TestBackupIsConsistentCopy(t *testing.T) {
	s := openTemp(t)
	mustEvent(t, s, "kept in backup", "2024-05")
	path := t.TempDir() + "/copy.db"
	if err := s.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, path); err == nil {
		t.Error("backup over an existing file should be refused")
	}
	b := openPath(t, path)
	if v, _ := b.Check(ctx); v != "ok" {
		t.Errorf("integrity_check = %q", v)
	}
	if n, _ := b.Summary().CountEvents(ctx, filter.Filter{}); n != 1 {
		t.Errorf("backup holds %d events", n)
	}
}

func TestBackupWhileWritingIsValid(t *testing.T) {
	s := openTemp(t)
	stop := make(chan struct{})
	done := make(chan int)
	go func() {
		n := 0
		for {
			select {
			case <-stop:
				done <- n
				return
			default:
			}
			if _, err := s.AddEvent(ctx, model.Event{Title: "written during the backup", Date: when.MustParse("2024-01-02"), Category: model.CategoryOther}); err == nil {
				n++
			}
		}
	}()
	dir := t.TempDir()
	for i := 0; i < 3; i++ {
		path := filepath.Join(dir, fmt.Sprintf("backup-%d.db", i))
		if err := s.Backup(ctx, path); err != nil {
			t.Fatal(err)
		}
		b, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if v, err := b.Check(ctx); err != nil || v != "ok" {
			t.Errorf("backup %d: integrity_check = %q, %v", i, v, err)
		}
		b.Close()
	}
	close(stop)
	if n := <-done; n == 0 {
		t.Error("no write happened during the backups, so the test proved nothing")
	}
}
