package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestEventRoundTrip(t *testing.T) {
	s := openTemp(t)
	in := model.Event{
		Title: "  OpenAI releases GPT-4 ", TitleZh: "OpenAI 发布 GPT-4",
		Date: when.MustParse("2023-03-14"), Actor: "OpenAI", Category: model.CategoryModel,
		Tags:        []string{"GPT-4", "Multi Modal", "gpt-4"},
		Description: "A *large* multimodal model.",
		Links:       []model.Link{{URL: "https://openai.com/research/gpt-4", Quote: "GPT-4 is here"}, {URL: "https://arxiv.org/abs/2303.08774"}},
	}
	saved, err := s.AddEvent(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Event(ctx, saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "OpenAI releases GPT-4" || got.TitleZh != in.TitleZh || got.Actor != "OpenAI" {
		t.Errorf("text fields: %+v", got)
	}
	if !reflect.DeepEqual(got.Tags, []string{"gpt-4", "multi-modal"}) {
		t.Errorf("tags = %v", got.Tags)
	}
	if !reflect.DeepEqual(got.Links, in.Links) {
		t.Errorf("links = %v, want %v", got.Links, in.Links)
	}
	if got.Date != in.Date || got.CreatedAt.IsZero() {
		t.Errorf("date %v created %v", got.Date, got.CreatedAt)
	}

	got.End = when.MustParse("2023-03-20")
	got.Tags = []string{"gpt-4"}
	got.Links = got.Links[:1]
	updated, err := s.UpdateEvent(ctx, got)
	if err != nil {
		t.Fatal(err)
	}
	if updated.End.String() != "2023-03-20" || len(updated.Tags) != 1 || len(updated.Links) != 1 {
		t.Errorf("update not stored: %+v", updated)
	}
}

func TestInvalidEventsWriteNothing(t *testing.T) {
	s := openTemp(t)
	bad := []struct {
		name  string
		event model.Event
		field string
	}{
		{"empty title", model.Event{Title: "  ", Date: when.MustParse("2023")}, "title"},
		{"no date", model.Event{Title: "x"}, "date"},
		{"end before start", model.Event{Title: "x", Date: when.MustParse("2023-05"), End: when.MustParse("2023-02")}, "end"},
		{"not a web link", model.Event{Title: "x", Date: when.MustParse("2023"), Links: []model.Link{{URL: "javascript:alert(1)"}}}, "links[0].url"},
		{"bad category", model.Event{Title: "x", Date: when.MustParse("2023"), Category: "gossip"}, "category"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.AddEvent(ctx, c.event)
			var ve *model.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %v, want a validation error", err)
			}
			if _, ok := ve.For(c.field); !ok {
				t.Errorf("no problem reported for %s: %v", c.field, err)
			}
		})
	}
	if n, _ := s.Summary().CountEvents(ctx, filter.Filter{}); n != 0 {
		t.Errorf("%d events written by invalid adds", n)
	}
}

func TestWindowQueryOverlapsFuzzyDates(t *testing.T) {
	s := openTemp(t)
	month := mustEvent(t, s, "GPT-4 finishes training", "2022-08")
	day := mustEvent(t, s, "ChatGPT", "2022-11-30")
	span, err := s.AddEvent(ctx, model.Event{Title: "Long span", Date: when.MustParse("2022-01"), End: when.MustParse("2023-12"), Category: model.CategoryOther})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(w Window) []int64 {
		events, err := s.Events(ctx, EventQuery{Window: &w})
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, e := range events {
			out = append(out, e.ID)
		}
		return out
	}
	mid := when.DayOf(2022, 8, 15)
	if got := ids(Window{mid, mid}); !reflect.DeepEqual(got, []int64{span.ID, month.ID}) {
		t.Errorf("a day inside August 2022 overlaps %v, want span and month", got)
	}
	if got := ids(Window{when.DayOf(2022, 11, 30), when.DayOf(2022, 12, 31)}); !reflect.DeepEqual(got, []int64{span.ID, day.ID}) {
		t.Errorf("Nov 30–Dec 31 overlaps %v", got)
	}
	if got := ids(Window{when.DayOf(2024, 1, 1), when.DayOf(2024, 12, 31)}); len(got) != 0 {
		t.Errorf("2024 overlaps %v, want none", got)
	}
}

func TestSearchEnglishAndChinese(t *testing.T) {
	s := openTemp(t)
	a, _ := s.AddEvent(ctx, model.Event{Title: "Chinese labs launch a wave of base models", TitleZh: "百模大战", Date: when.MustParse("2023"), Category: model.CategoryModel})
	b, _ := s.AddEvent(ctx, model.Event{Title: "Yi model accused of being a LLaMA wrapper", TitleZh: "零一万物 Yi 被指套壳 LLaMA", Date: when.MustParse("2023-11"), Category: model.CategoryModel, Actor: "零一万物"})
	cases := []struct {
		query string
		want  []int64
	}{
		{"百模", []int64{a.ID}},          // two characters: LIKE
		{"套壳", []int64{b.ID}},          // two characters: LIKE
		{"百模大战", []int64{a.ID}},        // four characters: trigram index
		{"零一万物", []int64{b.ID}},        // actor, trigram
		{"llama", []int64{b.ID}},       // case-insensitive
		{"base models", []int64{a.ID}}, // every word
		{"wave Yi", nil},
		{`"unbalanced`, nil}, // query syntax is searched literally
		{"100%", nil},
	}
	for _, c := range cases {
		events, err := s.Events(ctx, EventQuery{Search: c.query})
		if err != nil {
			t.Errorf("search %q: %v", c.query, err)
			continue
		}
		var got []int64
		for _, e := range events {
			got = append(got, e.ID)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("search %q = %v, want %v", c.query, got, c.want)
		}
	}
}

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

// TestFilterInSQLKeepsWhatApplyKeeps: the store's query for a filter keeps
// exactly the events the filter keeps in memory, whatever it combines.
func TestFilterInSQLKeepsWhatApplyKeeps(t *testing.T) {
	s := openTemp(t)
	g := synth.New(7)
	if _, err := s.Bulk().AddEvents(ctx, g.Events(3000)); err != nil {
		t.Fatal(err)
	}
	all, err := s.Events(ctx, EventQuery{Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	actor, tag := all[10].Actor, ""
	for _, e := range all {
		if len(e.Tags) > 0 {
			tag = e.Tags[0]
			break
		}
	}
	for _, f := range []filter.Filter{
		{},
		{Categories: []model.Category{model.CategoryModel, model.CategoryPolicy}},
		{Actors: []string{strings.ToUpper(actor), "  nobody  "}},
		{Tags: []string{tag}},
		{From: "2021", To: "mid-2022"},
		{From: "2022-03"},
		{To: "2019"},
		{From: "not a date", To: "2020"},
		{From: "2024", To: "2020"}, // reversed: ignored
		{Categories: []model.Category{model.CategoryModel}, Actors: []string{actor}, Tags: []string{tag}, From: "2018"},
		(filter.Filter{Batch: &filter.ImportBatch{Change: 1}}).WithBatchRecords([]int64{all[0].ID, all[5].ID, all[2999].ID}, nil),
	} {
		want, _ := f.Apply(all, nil)
		got, err := s.Events(ctx, EventQuery{Filter: f, Brief: true})
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		if len(got) != len(want) {
			t.Errorf("%+v: the store keeps %d events, Apply keeps %d", f, len(got), len(want))
			continue
		}
		for i := range got {
			if got[i].ID != want[i].ID {
				t.Errorf("%+v: event %d is %d in the store, %d in memory", f, i, got[i].ID, want[i].ID)
				break
			}
		}
	}
}
