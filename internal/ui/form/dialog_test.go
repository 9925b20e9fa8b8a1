package form

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/ui/uitest"
	"github.com/hindsight-app/hindsight/internal/when"
)

// formWindow is a window 1000 by 800 with the app's theme for a form to
// open over.
func formWindow(t *testing.T) fyne.Window {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(look.NewTheme())
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1000, 800))
	return w
}

// TestShowFormsOpenAndClose: each form opens in a dialog over the window,
// and Save on a valid form saves once and closes it.
func TestShowFormsOpenAndClose(t *testing.T) {
	for _, c := range []struct {
		name string
		// open opens the form over w; fill makes it valid, and saves
		// counts the saves.
		open func(w fyne.Window) (b *formBase, fill func(), saves func() int)
	}{
		{"event", func(w fyne.Window) (*formBase, func(), func() int) {
			rec := &recorder[model.Event]{}
			f := opened(w, newEventForm(model.Event{}, testSuggestions, rec.save))
			return &f.formBase, func() { fillValidEvent(f) }, rec.count
		}},
		{"prediction", func(w fyne.Window) (*formBase, func(), func() int) {
			rec := &recorder[model.Prediction]{}
			f := opened(w, newPredictionForm(model.Prediction{}, testSuggestions, rec.save))
			return &f.formBase, func() { fillValidPrediction(f) }, rec.count
		}},
		{"resolve", func(w fyne.Window) (*formBase, func(), func() int) {
			p, events := resolveFixture()
			rec := &recorder[model.Resolution]{}
			f := OpenResolve(w, p, Events(events), rec.save)
			return &f.formBase, func() { pickState(f, model.StateAmbiguous) }, rec.count
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := formWindow(t)
			b, fill, saves := c.open(w)
			if w.Canvas().Overlays().Top() == nil {
				t.Fatal("no dialog shown")
			}
			fill()
			test.Tap(b.saveButton)
			if saves() != 1 {
				t.Fatalf("save called %d times", saves())
			}
			if w.Canvas().Overlays().Top() != nil {
				t.Error("dialog still shown after saving")
			}
		})
	}
}

func escape(c fyne.Canvas) {
	if f := c.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	} else {
		c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	}
}

// TestFormsOpenOnTheirFirstField: the keyboard is in the first field as a
// form opens.
func TestFormsOpenOnTheirFirstField(t *testing.T) {
	w := formWindow(t)
	ev := opened(w, newEventForm(model.Event{}, testSuggestions, func(model.Event) error { return nil }))
	if w.Canvas().Focused() != ev.title {
		t.Errorf("the event form opens with %T focused, want the title", w.Canvas().Focused())
	}
	ev.onDone()
	pr := opened(w, newPredictionForm(model.Prediction{}, testSuggestions, func(model.Prediction) error { return nil }))
	if w.Canvas().Focused() != pr.statement {
		t.Errorf("the prediction form opens with %T focused, want the statement", w.Canvas().Focused())
	}
	pr.onDone()
	p, events := resolveFixture()
	OpenResolve(w, p, Events(events), func(model.Resolution) error { return nil })
	if w.Canvas().Focused() == nil {
		t.Error("the resolve form opens with nothing focused")
	}
}

// TestEscapeAndCancelAskBeforeDiscarding: Escape closes an untouched form;
// with changes, Escape and Cancel ask first, and Keep editing keeps it.
func TestEscapeAndCancelAskBeforeDiscarding(t *testing.T) {
	w := formWindow(t)
	c := w.Canvas()
	opened(w, newEventForm(model.Event{}, testSuggestions, func(model.Event) error { return nil }))
	escape(c)
	if c.Overlays().Top() != nil {
		t.Fatal("Escape does not close an untouched form")
	}

	f := opened(w, newEventForm(model.Event{}, testSuggestions, func(model.Event) error { return nil }))
	form := c.Overlays().Top()
	typeFocused(c, "Half a title")
	escape(c)
	if f.discard == nil || c.Overlays().Top() == form {
		t.Fatal("Escape on a changed form closes it without asking")
	}
	if c.Focused() != nil {
		t.Fatalf("while the question shows, %T behind it still takes what is typed", c.Focused())
	}
	escape(c) // Escape on the question keeps editing
	if c.Overlays().Top() != form || f.title.Text != "Half a title" {
		t.Fatalf("Escape on the question: top %v, title %q", c.Overlays().Top(), f.title.Text)
	}
	if c.Focused() != f.title {
		t.Fatalf("keeping on editing gave the keyboard to %T, not to the title typed in", c.Focused())
	}
	test.Tap(f.cancelButton)
	if f.discard == nil {
		t.Fatal("Cancel on a changed form closes it without asking")
	}
	test.Tap(uitest.Button(t, c.Overlays().Top(), "Keep editing"))
	if c.Overlays().Top() != form {
		t.Fatal("Keep editing closed the form")
	}
	test.Tap(f.cancelButton)
	test.Tap(uitest.Button(t, c.Overlays().Top(), "Discard"))
	if c.Overlays().Top() != nil {
		t.Error("Discard left the form open")
	}

	// Typing a change and taking it back is no change.
	g := opened(w, newEventForm(model.Event{Title: "Kept", Date: when.MustParse("2023")}, testSuggestions, func(model.Event) error { return nil }))
	g.title.SetText("Changed")
	g.title.SetText("Kept")
	test.Tap(g.cancelButton)
	if c.Overlays().Top() != nil {
		t.Error("Cancel asks although nothing changed")
	}
}

// TestCompletionListLetsTheNextClickThrough: with a completion offered, a
// click on Save saves (it used to close the list only).
func TestCompletionListLetsTheNextClickThrough(t *testing.T) {
	w := formWindow(t)
	c := w.Canvas()
	rec := &recorder[model.Event]{}
	f := opened(w, newEventForm(model.Event{}, testSuggestions, rec.save))
	fillValidEvent(f)
	c.Focus(f.actor)
	f.actor.setText("")
	typeFocused(c, "Anth")
	if !f.actor.showing() || len(c.Overlays().List()) != 1 {
		t.Fatalf("completion shown %v, overlays %d", f.actor.showing(), len(c.Overlays().List()))
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.saveButton).Add(fyne.NewPos(5, 5))
	test.TapCanvas(c, at)
	if len(rec.saved) != 1 {
		t.Fatalf("the click on Save after a completion saved %d times, want once", len(rec.saved))
	}
}

// TestErrorsKeepTheirLine: a form does not move when an error appears
// under a field, and a bad address's error sits under the address.
func TestErrorsKeepTheirLine(t *testing.T) {
	w := formWindow(t)
	f := opened(w, newEventForm(model.Event{}, testSuggestions, func(model.Event) error { return nil }))
	fillValidEvent(f)
	before := f.content.MinSize().Height
	row := f.links.rows[0]
	row.url.SetText("javascript:alert(1)")
	row.quote.SetText("a quote")
	if row.err.text() == "" {
		t.Fatal("no error for a bad address")
	}
	if after := f.content.MinSize().Height; after != before {
		t.Errorf("the form grew from %v to %v when an error appeared", before, after)
	}
	d := fyne.CurrentApp().Driver()
	urlY, errY, quoteY := d.AbsolutePositionForObject(row.url).Y, d.AbsolutePositionForObject(row.err.label).Y, d.AbsolutePositionForObject(row.quote).Y
	if !(urlY < errY && errY < quoteY) {
		t.Errorf("the address's error is at y %v, not between the address (%v) and the quote (%v)", errY, urlY, quoteY)
	}
	f.date.entry.SetText("2023-02-30")
	if f.date.err.text() == "" {
		t.Fatal("no error for 30 February")
	}
	f.date.entry.SetText("2023-02-28")
	row.url.SetText("https://example.com")
	if after := f.content.MinSize().Height; after != before {
		t.Errorf("the form is %v high after the errors went, %v before", after, before)
	}

	p := opened(w, newPredictionForm(model.Prediction{}, testSuggestions, func(model.Prediction) error { return nil }))
	fillValidPrediction(p)
	link := p.links.rows[0]
	link.url.SetText("ftp://nowhere")
	if link.err.text() == "" {
		t.Fatal("no error for a bad address")
	}
	urlY, errY, quoteY = d.AbsolutePositionForObject(link.url).Y, d.AbsolutePositionForObject(link.err.label).Y, d.AbsolutePositionForObject(link.quote).Y
	if !(urlY < errY && errY < quoteY) {
		t.Errorf("the address's error is at y %v, not between the address (%v) and the quote (%v)", errY, urlY, quoteY)
	}
}
