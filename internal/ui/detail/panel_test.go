package detail

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/linkgate"
	"github.com/hindsight-app/hindsight/internal/ui/uitest"
	"github.com/hindsight-app/hindsight/internal/when"
)

// texts joins the text of every label and link drawn in o.
func texts(o fyne.CanvasObject) string { return uitest.LabelTexts(o) }

// tapButton taps the button labelled text in o.
func tapButton(t *testing.T, o fyne.CanvasObject, text string) { test.Tap(uitest.Button(t, o, text)) }

// TestPanelShowsTheRecordAndAsksTheWindow: every field of an event, with
// the predictions citing it and a note when the filter hides it; a
// period's colour and time; the buttons hand the record to the window.
func TestPanelShowsTheRecordAndAsksTheWindow(t *testing.T) {
	test.NewTempApp(t)
	win := test.NewTempWindow(t, widget.NewLabel(""))
	var edited []model.Event
	var selected []int64
	var deleted []model.Period
	d := New(Actions{
		EditEvent:        func(e model.Event) { edited = append(edited, e) },
		SelectPrediction: func(id int64) { selected = append(selected, id) },
		DeletePeriod:     func(p model.Period) { deleted = append(deleted, p) },
	}, linkgate.New(win))
	if !strings.Contains(texts(d.Object()), "Select an event") {
		t.Errorf("an empty panel says:\n%s", texts(d.Object()))
	}

	e := model.Event{ID: 7, Title: "GPT-4 released", TitleZh: "GPT-4 发布", Date: when.MustParse("2023-03-14"),
		Actor: "OpenAI", Category: model.CategoryModel, Tags: []string{"llm"},
		Links: []model.Link{{URL: "https://openai.com/research/gpt-4", Quote: "a large multimodal model"}}}
	citing := []model.Prediction{{ID: 3, Statement: "GPT-4 comes out in 2023"}}
	d.Hidden = true
	d.ShowEvent(e, citing)
	text := texts(d.Object())
	for _, want := range []string{"The filter hides this record", "GPT-4 released", "GPT-4 发布", "Actor: OpenAI",
		"Tags: llm", "openai.com/research/gpt-4", "“a large multimodal model”", "Cited as evidence by", "GPT-4 comes out in 2023"} {
		if !strings.Contains(text, want) {
			t.Errorf("the event's detail lacks %q:\n%s", want, text)
		}
	}
	tapButton(t, d.Object(), "Edit…")
	if len(edited) != 1 || edited[0].ID != 7 {
		t.Errorf("Edit asked for %+v", edited)
	}

	d.Hidden = false
	d.ShowPeriod(model.Period{ID: 2, Title: "百模大战", Start: when.MustParse("2023"), Color: "#ffa500"})
	text = texts(d.Object())
	for _, want := range []string{"Period", "百模大战", "#ffa500", "Drawn across every lane."} {
		if !strings.Contains(text, want) {
			t.Errorf("the period's detail lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "The filter hides") {
		t.Error("a period the filter keeps is said to be hidden")
	}
	tapButton(t, d.Object(), "Delete…")
	if len(deleted) != 1 || deleted[0].ID != 2 {
		t.Errorf("Delete asked for %+v", deleted)
	}
	d.ShowNothing()
	if strings.Contains(texts(d.Object()), "百模大战") {
		t.Error("ShowNothing left the period shown")
	}
}
