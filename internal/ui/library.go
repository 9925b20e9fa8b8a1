package ui

import (
	"context"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// background runs slow work (database reads and writes) off the UI
// goroutine; the work hands its results back through fyne.Do. Tests run it
// in line instead: Fyne's test driver runs fyne.Do on the calling
// goroutine, so a real goroutine would race with the test's own.
var background = func(work func()) { go work() }

// library is the window's copy of the database's records, read in one go
// and replaced whole after every change, so that widgets read plain slices
// and maps on the UI goroutine without touching SQL.
type library struct {
	events      []model.Event
	predictions []model.Prediction
	eventIndex  map[int64]int
	predIndex   map[int64]int
}

// loadLibrary reads every event (without descriptions and links, which
// only the detail panel shows; it reads them when needed) and every
// prediction. It runs off the UI goroutine.
func loadLibrary(ctx context.Context, st *store.Store) (*library, error) {
	events, err := st.Events(ctx, store.EventQuery{Brief: true})
	if err != nil {
		return nil, err
	}
	preds, err := st.Predictions(ctx, store.PredictionQuery{})
	if err != nil {
		return nil, err
	}
	lib := &library{
		events: events, predictions: preds,
		eventIndex: make(map[int64]int, len(events)),
		predIndex:  make(map[int64]int, len(preds)),
	}
	for i, e := range events {
		lib.eventIndex[e.ID] = i
	}
	for i, p := range preds {
		lib.predIndex[p.ID] = i
	}
	return lib, nil
}

func (l *library) event(id int64) (model.Event, bool) {
	i, ok := l.eventIndex[id]
	if !ok {
		return model.Event{}, false
	}
	return l.events[i], true
}

func (l *library) prediction(id int64) (model.Prediction, bool) {
	i, ok := l.predIndex[id]
	if !ok {
		return model.Prediction{}, false
	}
	return l.predictions[i], true
}

// citing lists the predictions that cite event id as evidence.
func (l *library) citing(id int64) []model.Prediction {
	var out []model.Prediction
	for _, p := range l.predictions {
		for _, ev := range p.Resolution.Evidence {
			if ev.EventID == id {
				out = append(out, p)
				break
			}
		}
	}
	return out
}
