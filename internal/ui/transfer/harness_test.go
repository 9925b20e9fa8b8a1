package transfer

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/ui/look"
)

// harness is the dialogs over a headless window and a new, seeded
// database, with background work run in line (Fyne's test driver runs
// fyne.Do on the calling goroutine too).
type harness struct {
	*Dialogs
	win      fyne.Window
	session  *app.Session
	changed  int
	imported []store.ImportReport
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(look.NewTheme())
	s, err := app.Open(filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	h := &harness{win: test.NewTempWindow(t, widget.NewLabel("")), session: s}
	h.win.Resize(fyne.NewSize(1400, 900))
	h.Dialogs = New(Host{
		Window:       h.win,
		Session:      func() *app.Session { return s },
		Ready:        func() bool { return true },
		ShowError:    func(err error) { t.Errorf("the dialogs explain an error: %v", err) },
		Run:          func(work func()) { work() },
		Changed:      func() { h.changed++ },
		ShowImported: func(_ string, r store.ImportReport) { h.imported = append(h.imported, r) },
		Picture:      func() Picture { return Picture{Predictions: h.load(t).Predictions} },
	})
	return h
}

// load reads the records of the harness's database as the window holds them.
func (h *harness) load(t *testing.T) *app.Library {
	t.Helper()
	loaded, err := h.session.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return loaded.Library
}

// allEvents reads every event of the database, by date.
func (h *harness) allEvents(t *testing.T) []model.Event {
	t.Helper()
	events, err := h.session.Reads().Page(context.Background(), app.EventPage{})
	if err != nil {
		t.Fatal(err)
	}
	return events
}

// labelsIn lists the text of every label drawn in o.
func labelsIn(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// buttonLabelled finds the button labelled text drawn in o.
func buttonLabelled(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == text {
				found = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// objectsIn lists every object of o's tree of a type.
func objectsIn[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if v, ok := o.(T); ok {
			out = append(out, v)
		}
		switch w := o.(type) {
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// button finds the button labelled text in o's tree.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, b := range objectsIn[*widget.Button](o) {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// labelTexts joins the text of every label, link and text under o.
func labelTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.Hyperlink:
			b.WriteString(w.Text + "\n")
		case *canvas.Text:
			b.WriteString(w.Text + "\n")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}
