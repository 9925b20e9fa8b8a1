package transfer

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/storetest"
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
	s := storetest.Opened(t, app.Open)
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
