package form

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/storetest"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/when"
)

// recorder collects what a form hands to save.
type recorder[T any] struct {
	saved []T
	err   error
}

func (r *recorder[T]) save(v T) error {
	r.saved = append(r.saved, v)
	return r.err
}

func (r *recorder[T]) count() int { return len(r.saved) }

// emptyForm starts a test app and builds, with newForm, the form for a new
// record, whose saves rec records.
func emptyForm[T, F any](t *testing.T, newForm func(T, Suggestions, func(T) error) F) (f F, rec *recorder[T]) {
	test.NewTempApp(t)
	rec = &recorder[T]{}
	var none T
	return newForm(none, testSuggestions, rec.save), rec
}

// wantSaved checks that save was called once, with want.
func (r *recorder[T]) wantSaved(t *testing.T, want T) {
	t.Helper()
	if len(r.saved) != 1 {
		t.Fatalf("save called %d times, want once: %#v", len(r.saved), r.saved)
	}
	if !reflect.DeepEqual(r.saved[0], want) {
		t.Errorf("saved\n%#v\nwant\n%#v", r.saved[0], want)
	}
}

// wantPrefilled checks what the fields of a form opened on a record show:
// fields maps a field's name to {what it shows, what it should}.
func wantPrefilled(t *testing.T, fields map[string][2]string) {
	t.Helper()
	for name, c := range fields {
		if c[0] != c[1] {
			t.Errorf("%s pre-filled %q, want %q", name, c[0], c[1])
		}
	}
}

// wantRefused makes a bad edit to a valid form and checks that Save is
// disabled, and that neither tapping it nor submitting saves anything.
func wantRefused[T any](t *testing.T, b *formBase, submit func(), rec *recorder[T], edit func()) {
	t.Helper()
	if b.saveButton.Disabled() {
		t.Fatal("Save disabled before the bad edit")
	}
	edit()
	if !b.saveButton.Disabled() {
		t.Error("Save enabled")
	}
	test.Tap(b.saveButton)
	submit()
	if len(rec.saved) != 0 {
		t.Errorf("saved %v", rec.saved)
	}
}

// wantSaveWhenValid checks that Save is disabled on an empty form and
// enabled once fill has filled it in validly, then taps it.
func wantSaveWhenValid[T any](t *testing.T, b *formBase, fill func(), build func() (T, fieldProblems)) {
	t.Helper()
	if !b.saveButton.Disabled() {
		t.Fatal("Save enabled on an empty form")
	}
	fill()
	if _, problems := build(); b.saveButton.Disabled() {
		t.Fatalf("Save disabled on a valid form: %v", problems)
	}
	test.Tap(b.saveButton)
}

// opened opens f in a dialog over w, as the Show functions do, and
// returns it.
func opened[F interface{ open(fyne.Window) }](w fyne.Window, f F) F {
	f.open(w)
	return f
}

// storing is a form's save that writes through store (st.AddEvent,
// st.UpdatePrediction…) and keeps what the store gave back in kept.
func storing[T any](kept *T, store func(context.Context, T) (T, error)) func(T) error {
	return func(v T) error {
		var err error
		*kept, err = store(context.Background(), v)
		return err
	}
}

// submitAndReadBack submits a form whose save stores the record and sets
// *id to its id, then reads the stored record back.
func submitAndReadBack[T any](t *testing.T, submit func(), id *int64, read func(context.Context, int64) (T, error)) T {
	t.Helper()
	submit()
	if *id == 0 {
		t.Fatal("nothing stored")
	}
	back, err := read(context.Background(), *id)
	if err != nil {
		t.Fatal(err)
	}
	return back
}

var testSuggestions = Suggestions{
	Actors:  []string{"OpenAI", "Anthropic", "Google DeepMind"},
	Tags:    []string{"llm", "open-weights", "multimodal"},
	Sources: []string{"Sam Altman", "Dario Amodei"},
}

func categoryIndex(c model.Category) int { return slices.Index(model.Categories, c) }

// fillValidEvent types a complete event into f.
func fillValidEvent(f *eventForm) {
	test.Type(f.title, "  GPT-4 released ")
	test.Type(f.titleZh, "GPT-4 发布")
	test.Type(f.date.entry, "14 March 2023")
	test.Type(f.actor, "OpenAI")
	f.category.SetSelectedIndex(categoryIndex(model.CategoryModel))
	test.Type(f.tags, "LLM, Multimodal")
	test.Type(f.description, "A **large** multimodal model.")
	test.Type(f.links.rows[0].url, "https://openai.com/research/gpt-4")
	test.Type(f.links.rows[0].quote, "GPT-4 is a large multimodal model")
}

func TestEventFormSavesValidEvent(t *testing.T) {
	f, rec := emptyForm(t, newEventForm)
	wantSaveWhenValid(t, &f.formBase, func() { fillValidEvent(f) }, f.build)
	want := model.Event{
		Title:       "GPT-4 released",
		TitleZh:     "GPT-4 发布",
		Date:        when.MustParse("2023-03-14"),
		Actor:       "OpenAI",
		Category:    model.CategoryModel,
		Tags:        []string{"llm", "multimodal"},
		Description: "A **large** multimodal model.",
		Links:       []model.Link{{URL: "https://openai.com/research/gpt-4", Quote: "GPT-4 is a large multimodal model"}},
	}
	rec.wantSaved(t, want)
}

func TestEventFormSpanAndDefaults(t *testing.T) {
	f, rec := emptyForm(t, newEventForm)
	if got := f.category.Selected; got != i18n.CategoryName(model.CategoryOther) {
		t.Errorf("default category %q, want %q", got, i18n.CategoryName(model.CategoryOther))
	}
	if len(f.links.rows) != 1 {
		t.Errorf("%d empty link rows on a new form, want 1", len(f.links.rows))
	}
	test.Type(f.title, "EU AI Act negotiations")
	test.Type(f.date.entry, "2023-06")
	test.Type(f.end.entry, "2023年12月")
	if !f.end.preview.Visible() || f.end.preview.Text != "read as: Dec 2023 (month)" {
		t.Errorf("end preview %q", f.end.preview.Text)
	}
	f.submit()
	want := model.Event{
		Title: "EU AI Act negotiations", Date: when.MustParse("2023-06"), End: when.MustParse("2023-12"),
		Category: model.CategoryOther, Tags: []string{},
	}
	rec.wantSaved(t, want)
}

func TestEventFormRefusesInvalidInput(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		name, field string
		edit        func(f *eventForm)
	}{
		{"empty title", "title", func(f *eventForm) { f.title.SetText("  ") }},
		{"impossible date", "date", func(f *eventForm) { f.date.entry.SetText("2023-13-40") }},
		{"no such day", "date", func(f *eventForm) { f.date.entry.SetText("2023-02-30") }},
		{"empty date", "date", func(f *eventForm) { f.date.entry.SetText("") }},
		{"unreadable end", "end", func(f *eventForm) { f.end.entry.SetText("soonish") }},
		{"end before start", "end", func(f *eventForm) { f.end.entry.SetText("2022-01") }},
		{"javascript link", "links[0].url", func(f *eventForm) { f.links.rows[0].url.SetText("javascript:alert(1)") }},
		{"quote without link", "links[0].url", func(f *eventForm) { f.links.rows[0].url.SetText("") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := &recorder[model.Event]{}
			f := newEventForm(model.Event{}, testSuggestions, rec.save)
			fillValidEvent(f)
			wantRefused(t, &f.formBase, f.submit, rec, func() { c.edit(f) })
			label := f.errs[c.field]
			if r, ok := f.links.row(c.field); ok {
				label = r.err
			}
			if label == nil || label.text() == "" {
				t.Fatalf("no error shown under %s", c.field)
			}
			if label.label.Importance != widget.DangerImportance {
				t.Errorf("error under %s is not red: %q", c.field, label.text())
			}
		})
	}
}

func TestEventFormErrorsClearWhenFixed(t *testing.T) {
	test.NewTempApp(t)
	f := newEventForm(model.Event{}, testSuggestions, (&recorder[model.Event]{}).save)
	if msg := f.errs["title"].text(); msg == "" || f.errs["title"].label.Importance != widget.MediumImportance {
		t.Errorf("a new form's empty title: %q, importance %v; want a plain hint", msg, f.errs["title"].label.Importance)
	}
	fillValidEvent(f)
	f.date.entry.SetText("2023-13-40")
	if f.date.err.text() == "" {
		t.Fatal("no error for an impossible date")
	}
	f.date.entry.SetText("2023-03")
	if msg := f.date.err.text(); msg != "" {
		t.Errorf("error left after fixing the date: %q", msg)
	}
	if f.date.preview.Text != "read as: Mar 2023 (month)" {
		t.Errorf("preview %q", f.date.preview.Text)
	}
	if f.saveButton.Disabled() {
		t.Error("Save still disabled after fixing the date")
	}
}

func TestEventFormLinkRows(t *testing.T) {
	f, rec := emptyForm(t, newEventForm)
	fillValidEvent(f)
	test.Tap(f.links.add)
	test.Tap(f.links.add)
	if len(f.links.rows) != 3 {
		t.Fatalf("%d rows after adding two", len(f.links.rows))
	}
	// With the middle row empty, the third row's bad address is reported
	// under the third row, not the second.
	test.Type(f.links.rows[2].url, "file:///etc/passwd")
	if f.links.rows[2].err.text() == "" || f.links.rows[1].err.text() != "" {
		t.Errorf("row errors: second %q, third %q", f.links.rows[1].err.text(), f.links.rows[2].err.text())
	}
	test.Tap(f.links.rows[2].remove)
	if len(f.links.rows) != 2 || len(f.links.box.Objects) != 2 {
		t.Fatalf("%d rows, %d shown after removing one", len(f.links.rows), len(f.links.box.Objects))
	}
	if f.saveButton.Disabled() {
		t.Error("Save disabled after removing the bad row")
	}
	f.submit()
	if len(rec.saved) != 1 || len(rec.saved[0].Links) != 1 {
		t.Errorf("saved %v, want one event with one link", rec.saved)
	}
}

func TestEventFormPrefillsForEditing(t *testing.T) {
	test.NewTempApp(t)
	initial := model.Event{
		ID: 42, Title: "Llama 2 released", TitleZh: "Llama 2 发布",
		Date: when.MustParse("2023-07-18"), End: when.MustParse("2023-08"),
		Actor: "Meta", Category: model.CategoryModel, Tags: []string{"llm", "open-weights"},
		Description: "Weights under a *custom* licence.",
		Links: []model.Link{
			{URL: "https://ai.meta.com/llama/", Quote: "free for research and commercial use"},
			{URL: "https://example.org/analysis"},
		},
		CreatedAt: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
		UpdatedAt: time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC),
	}
	rec := &recorder[model.Event]{}
	f := newEventForm(initial, testSuggestions, rec.save)
	wantPrefilled(t, map[string][2]string{
		"title":       {f.title.Text, "Llama 2 released"},
		"title_zh":    {f.titleZh.Text, "Llama 2 发布"},
		"date":        {f.date.entry.Text, "18 Jul 2023"},
		"end":         {f.end.entry.Text, "Aug 2023"},
		"actor":       {f.actor.Text, "Meta"},
		"category":    {f.category.Selected, i18n.CategoryName(model.CategoryModel)},
		"tags":        {f.tags.Text, "llm, open-weights"},
		"description": {f.description.Text, "Weights under a *custom* licence."},
		"url 0":       {f.links.rows[0].url.Text, "https://ai.meta.com/llama/"},
		"quote 0":     {f.links.rows[0].quote.Text, "free for research and commercial use"},
		"url 1":       {f.links.rows[1].url.Text, "https://example.org/analysis"},
	})
	if len(f.actor.matches) != 0 {
		t.Errorf("pre-filling offered completions %q", f.actor.matches)
	}
	if f.saveButton.Disabled() {
		t.Fatal("Save disabled for an unchanged valid event")
	}
	f.submit()
	rec.wantSaved(t, initial)
}

func TestEventFormDescriptionPreview(t *testing.T) {
	test.NewTempApp(t)
	f := newEventForm(model.Event{}, testSuggestions, (&recorder[model.Event]{}).save)
	test.Type(f.description, "Some **bold** claim")
	f.descTabs.SelectIndex(1)
	if len(f.descPreview.Objects) != 1 {
		t.Fatalf("preview holds %d objects", len(f.descPreview.Objects))
	}
	rt, ok := f.descPreview.Objects[0].(*widget.RichText)
	if !ok {
		t.Fatalf("preview is a %T, want rich text", f.descPreview.Objects[0])
	}
	var bold string
	for _, seg := range rt.Segments {
		if s, ok := seg.(*widget.TextSegment); ok && s.Style.TextStyle.Bold {
			bold += s.Text
		}
	}
	if bold != "bold" {
		t.Errorf("bold text in the preview %q, want %q", bold, "bold")
	}
}

func TestEventFormShowsSaveErrors(t *testing.T) {
	test.NewTempApp(t)
	rec := &recorder[model.Event]{err: &model.ValidationError{Fields: []model.FieldError{
		{Field: "title", Key: "error.too_long", Message: "title is longer than 300 characters"},
		{Field: "links[0].url", Key: "error.link", Message: "bad"},
	}}}
	f := newEventForm(model.Event{}, testSuggestions, rec.save)
	closed := false
	f.onDone = func() { closed = true }
	fillValidEvent(f)
	f.submit()
	if closed {
		t.Error("the dialog closed although save failed")
	}
	if got := f.errs["title"].text(); got != "This text is too long." {
		t.Errorf("title error %q", got)
	}
	if got := f.links.rows[0].err.text(); got == "" {
		t.Error("no error under the first link")
	}

	rec.err = errors.New("disk full")
	f.submit()
	if got := f.general.text(); got != "Could not save: disk full" {
		t.Errorf("general error %q", got)
	}
	rec.err = nil
	f.submit()
	if !closed {
		t.Error("the dialog did not close after a successful save")
	}
}

// The form's output goes into a real store and comes back the same, and a
// store error (updating an event that is gone) stays in the form.
func TestEventFormWithStore(t *testing.T) {
	test.NewTempApp(t)
	st := storetest.Open(t)
	ctx := context.Background()
	var stored model.Event
	f := newEventForm(model.Event{}, testSuggestions, storing(&stored, st.AddEvent))
	fillValidEvent(f)
	back := submitAndReadBack(t, f.submit, &stored.ID, st.Event)
	if back.Title != "GPT-4 released" || back.Date != when.MustParse("2023-03-14") ||
		!slices.Equal(back.Tags, []string{"llm", "multimodal"}) || len(back.Links) != 1 {
		t.Errorf("stored %#v", back)
	}

	actors, err := st.Vocabulary().Actors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	g := newEventForm(back, Suggestions{Actors: actors}, func(e model.Event) error {
		_, err := st.UpdateEvent(ctx, e)
		return err
	})
	if err := st.DeleteEvent(ctx, back.ID); err != nil {
		t.Fatal(err)
	}
	closed := false
	g.onDone = func() { closed = true }
	g.submit()
	if closed || g.general.text() == "" {
		t.Errorf("updating a deleted event: closed %v, error %q", closed, g.general.text())
	}
}
