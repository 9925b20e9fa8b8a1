package form

import (
	"errors"
	"image/color"
	"reflect"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestPeriodFormSavesValidPeriod(t *testing.T) {
	f, rec := emptyForm(t, newPeriodForm)
	if !f.saveButton.Disabled() {
		t.Fatal("Save enabled on an empty form")
	}
	test.Type(f.title, " 百模大战 ")
	test.Type(f.start.entry, "March 2023")
	test.Type(f.end.entry, "2023年12月")
	test.Type(f.color, "Orange")
	test.Type(f.lane, "OpenAI")
	test.Type(f.description, "Chinese labs race to ship base models.")
	test.Type(f.links.rows[0].url, "https://example.com/review")
	if f.saveButton.Disabled() {
		_, problems := f.build()
		t.Fatalf("Save disabled on a valid form: %v", problems)
	}
	if got := f.swatch.FillColor; got != (color.NRGBA{R: 0xff, G: 0xa5, A: 0xff}) {
		t.Errorf("the swatch shows %v", got)
	}
	test.Tap(f.saveButton)
	want := model.Period{Title: "百模大战", Start: when.MustParse("2023-03"), End: when.MustParse("2023-12"), Color: "#ffa500",
		Lane: "OpenAI", Description: "Chinese labs race to ship base models.", Links: []model.Link{{URL: "https://example.com/review"}}}
	if len(rec.saved) != 1 || !reflect.DeepEqual(rec.saved[0], want) {
		t.Errorf("saved %#v\nwant %#v", rec.saved, want)
	}
}

func TestPeriodFormShowsEachProblemUnderItsField(t *testing.T) {
	test.NewTempApp(t)
	rec := &recorder[model.Period]{}
	f := newPeriodForm(model.Period{ID: 4, Title: "Era", Start: when.MustParse("2023")}, testSuggestions, rec.save)
	if f.saveButton.Disabled() {
		t.Fatal("an existing valid period cannot be saved")
	}
	test.Type(f.color, "blurple")
	f.end.entry.SetText("2020")
	if !f.saveButton.Disabled() {
		t.Fatal("Save enabled with a bad colour and an end before the start")
	}
	if msg := f.errs["color"].text(); msg == "" {
		t.Error("no problem shown under the colour")
	}
	if msg := f.errs["end"].text(); msg == "" {
		t.Error("no problem shown under the end")
	}
	f.color.SetText("#0a0")
	f.end.entry.SetText("")
	if f.saveButton.Disabled() {
		_, problems := f.build()
		t.Fatalf("still refused: %v", problems)
	}
	// A save error stays in the form, at its foot.
	rec.err = errors.New("the database is busy")
	test.Tap(f.saveButton)
	if msg := f.general.text(); msg == "" {
		t.Error("a save error was not shown")
	}
	if len(rec.saved) != 1 || rec.saved[0].ID != 4 || rec.saved[0].Color != "#00aa00" {
		t.Errorf("saved %+v", rec.saved)
	}
}
