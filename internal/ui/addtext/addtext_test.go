package addtext

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/extract"
	"github.com/hindsight-app/hindsight/internal/ui/uitest"
	// Tests start under a C locale, as the app may.
	_ "github.com/hindsight-app/hindsight/internal/localefix"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

const article = `Looking back at 2023

OpenAI released GPT-4 on 14 March 2023. In November, DeepSeek released its first base model.

We expect Chinese labs to release a model comparable to GPT-4 within two years.
Will open models close the gap by the end of 2025?`

type saved struct {
	recs    extract.Records
	sourced []model.Event
	calls   int
}

func open(t *testing.T, known extract.Known, text string) (*Dialog, *saved) {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1400, 900))
	s := &saved{}
	d := Show(w, known, "", func(recs extract.Records, sourced []model.Event) (int, error) {
		s.recs, s.sourced = recs, sourced
		s.calls++
		return len(recs.Events) + len(recs.Predictions) + len(sourced), nil
	})
	d.url.SetText("https://example.com/review-2023")
	d.published.SetText("2024-01-05")
	d.author.SetText("A reviewer")
	d.text.SetText(text)
	d.find()
	return d, s
}

func TestReviewProposesAndAddsTheTicked(t *testing.T) {
	d, s := open(t, extract.Known{}, article)
	if len(d.cards) < 3 {
		t.Fatalf("%d proposals from the article", len(d.cards))
	}
	var claims, events int
	for _, c := range d.cards {
		p := d.result.Proposals[c.i]
		if p.Event != nil {
			events++
		} else {
			claims++
		}
	}
	if events == 0 || claims == 0 {
		t.Fatalf("%d events and %d claims proposed", events, claims)
	}
	if d.add.Disabled() {
		t.Fatalf("Add is disabled: %q", d.note.Text)
	}
	// Untick everything but the first event: Add names one record.
	first := -1
	for _, c := range d.cards {
		keep := first < 0 && d.result.Proposals[c.i].Event != nil
		if keep {
			first = c.i
		}
		c.tick.SetChecked(keep)
	}
	if d.add.Text != "Add 1 records" && !strings.HasPrefix(d.add.Text, "Add 1") {
		t.Errorf("Add reads %q with one proposal ticked", d.add.Text)
	}
	test.Tap(d.add)
	if s.calls != 1 || len(s.recs.Events) != 1 || len(s.recs.Predictions) != 0 {
		t.Fatalf("saved %+v", s.recs)
	}
	e := s.recs.Events[0]
	if len(e.Links) != 1 || e.Links[0].URL != "https://example.com/review-2023" || e.Links[0].Quote == "" {
		t.Errorf("the event keeps no quote and source: %+v", e.Links)
	}
}

// TestInvalidEditIsShownAndBlocksAdd: a ticked proposal edited into an
// invalid record says what is wrong under it, and nothing can be added
// until it is fixed or unticked.
func TestInvalidEditIsShownAndBlocksAdd(t *testing.T) {
	d, _ := open(t, extract.Known{}, article)
	var c *card
	for _, k := range d.cards {
		if d.result.Proposals[k.i].Event != nil {
			c = k
			break
		}
	}
	if c == nil {
		t.Fatal("no event proposed")
	}
	c.tick.SetChecked(true)
	title := findEntry(t, c.box, d.result.Proposals[c.i].Event.Title)
	title.SetText("")
	if !d.add.Disabled() || !c.problem.Visible() || c.problem.Text == "" {
		t.Fatalf("an empty title: Add disabled %v, problem %q", d.add.Disabled(), c.problem.Text)
	}
	title.SetText("A title again")
	if d.add.Disabled() || c.problem.Visible() {
		t.Errorf("fixed: Add disabled %v, problem %q", d.add.Disabled(), c.problem.Text)
	}
}

// TestDuplicateOffersToAddTheSource: a proposal that repeats a record in
// the database is flagged, and may add the text to it as a source instead.
func TestDuplicateOffersToAddTheSource(t *testing.T) {
	gpt4 := model.Event{ID: 25, Title: "OpenAI releases GPT-4", Date: when.MustParse("2023-03-14"), Actor: "OpenAI", Category: model.CategoryModel}
	d, s := open(t, extract.Known{Actors: []string{"OpenAI"}, Events: []model.Event{gpt4}}, article)
	var dup *card
	for _, c := range d.cards {
		if p := d.result.Proposals[c.i]; p.Duplicate != nil && p.Duplicate.ID == 25 {
			dup = c
		}
	}
	if dup == nil || dup.addSource == nil {
		t.Fatal("GPT-4's release is not flagged as already in the database")
	}
	for _, c := range d.cards {
		c.tick.SetChecked(c == dup)
	}
	dup.addSource.SetChecked(true)
	test.Tap(d.add)
	if len(s.sourced) != 1 || s.sourced[0].ID != 25 || len(s.sourced[0].Links) != 1 {
		t.Fatalf("sourced %+v", s.sourced)
	}
}

func TestReadFileRefusesWhatIsNotText(t *testing.T) {
	test.NewTempApp(t)
	if _, err := ReadFile(strings.NewReader("\x00\x01binary")); err == nil {
		t.Error("binary read as text")
	}
	if _, err := ReadFile(strings.NewReader(strings.Repeat("x", maxFileBytes+1))); err == nil {
		t.Error("a 4 MB+ file read as an article")
	}
	if !Accepts("Review.MD") || !Accepts("a.html") || Accepts("data.csv") {
		t.Error("Accepts picks the wrong files")
	}
}

// findEntry finds the entry showing text inside o.
func findEntry(t *testing.T, o fyne.CanvasObject, text string) *widget.Entry {
	t.Helper()
	for _, e := range uitest.ObjectsIn[*widget.Entry](o) {
		if e.Text == text {
			return e
		}
	}
	t.Fatalf("no entry shows %q", text)
	return nil
}
