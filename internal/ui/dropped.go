package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"github.com/hindsight-app/hindsight/internal/extract"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/addtext"
	"github.com/hindsight-app/hindsight/internal/when"
)

// textActions bring records in from text: "Add from text", and files
// dropped on the window.
type textActions struct{ w *MainWindow }

// addFromText opens the "Add from text" dialog, with text already pasted
// when it came from a file.
func (x *textActions) addFromText(text string) {
	m := x.w
	if !m.ready() || !m.shared.canEdit() {
		return
	}
	session := m.session
	known := extract.Known{Predictions: m.lib.Predictions, EventsNear: func(from, to when.Day) []model.Event {
		events, err := session.Reads().Near(context.Background(), from, to, nearLimit)
		return logged(events, err)
	}}
	if k, err := m.session.Known(context.Background()); err == nil {
		known.Actors = k.Actors
	}
	addtext.Show(m.win, known, text, func(recs extract.Records, sourced []model.Event) (int, error) {
		n, err := session.Transfers().AddExtracted(context.Background(), recs, sourced)
		if n > 0 {
			m.reload(false)
		}
		return n, err
	})
}

// dropped takes files dropped on the window: an article (.txt, .md, .html)
// opens "Add from text", anything else the import.
func (x *textActions) dropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) == 0 || !x.w.shared.canEdit() {
		return
	}
	u := uris[0]
	r, err := storage.Reader(u)
	if err != nil {
		x.w.showError(err)
		return
	}
	if !addtext.Accepts(u.Name()) {
		x.w.transfers.Import(u.Name(), r)
		return
	}
	defer r.Close()
	text, err := addtext.ReadFile(r)
	if err != nil {
		x.w.showError(err)
		return
	}
	x.addFromText(text)
}
