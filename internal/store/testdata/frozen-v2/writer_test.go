// This test wrote testdata/v2.db. It ran once, in package store of the
// release that wrote schema 2 (the one before claim kinds), and is kept
// here (testdata is not built) as the record of what the file holds: a
// forecast with a link, resolved with evidence; one whose link was then
// edited; an import of one event and one prediction; and an undone
// change, so that the history holds single changes, a batch change and a
// redo stack of schema 2.

package store

import (
	"os"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestWriteFrozenV2File(t *testing.T) {
	const out = "testdata/v2.db"
	if os.Getenv("HINDSIGHT_WRITE_TESTDATA") != "1" || latestVersion() != 2 {
		t.Skip("writes testdata/v2.db only with schema 2 and HINDSIGHT_WRITE_TESTDATA=1")
	}
	s := openTemp(t)
	fired, err := s.AddEvent(ctx, model.Event{Title: "OpenAI's board fires Sam Altman", Date: when.MustParse("2023-11-17"),
		Actor: "OpenAI", Category: model.CategoryPeople, Tags: []string{"openai"},
		Links: []model.Link{{URL: "https://openai.com/blog/openai-announces-leadership-transition"}}})
	if err != nil {
		t.Fatal(err)
	}
	made := when.MustParse("2023-02")
	within, _ := when.ParseDeadline("within two years", made)
	p70 := 0.7
	conflict, err := s.AddPrediction(ctx, model.Prediction{Statement: "OpenAI's internal conflict erupts", Source: "Blog author",
		Made: made, Deadline: within, Probability: &p70, Tags: []string{"openai"},
		Link: model.Link{URL: "https://example.com/post", Quote: "矛盾会在两年内爆发"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Resolve(ctx, conflict.ID, model.Resolution{State: model.StateTrue, On: when.MustParse("2023-11-17"),
		Note: "The board fired the CEO.", Evidence: []model.Evidence{{EventID: fired.ID, Role: model.RoleResolves}}}); err != nil {
		t.Fatal(err)
	}
	by2025, _ := when.ParseDeadline("by end of 2024", when.MustParse("2023-06-01"))
	gpt5, err := s.AddPrediction(ctx, model.Prediction{Statement: "GPT-5 comes out in 2024", Source: "Forecaster",
		Made: when.MustParse("2023-06-01"), Deadline: by2025, Link: model.Link{URL: "https://example.com/first", Quote: "first words"}})
	if err != nil {
		t.Fatal(err)
	}
	gpt5.Link = model.Link{URL: "https://example.com/second", Quote: "second words"}
	if _, err := s.UpdatePrediction(ctx, gpt5); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, []model.Event{{ID: 1, Title: "Imported event", Date: when.MustParse("2024-05"), Category: model.CategoryOther}},
		[]model.Prediction{{Statement: "Imported claim", Source: "Importer", Made: when.MustParse("2024-01"),
			Link: model.Link{URL: "https://example.com/imported", Quote: "imported words"}}}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEvent(ctx, model.Event{Title: "Undone addition", Date: when.MustParse("2024"), Category: model.CategoryOther}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	os.Remove(out)
	if err := s.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
}
