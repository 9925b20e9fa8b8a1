package app

import (
	"context"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// Library is the window's copy of the database's records, read in one go
// and replaced whole after every change, so that widgets read plain slices
// and maps on the UI goroutine without touching SQL.
type Library struct {
	Events      []model.Event
	Predictions []model.Prediction
	// Periods are every period, by start.
	Periods    []model.Period
	eventIndex map[int64]int
	predIndex  map[int64]int
}

// loadLibrary reads every event (without descriptions and links, which
// only the detail panel shows; it reads them when needed) and every
// prediction. It runs off the UI goroutine.
func loadLibrary(ctx context.Context, st *store.Store) (*Library, error) {
	events, err := st.Events(ctx, store.EventQuery{Brief: true})
	if err != nil {
		return nil, err
	}
	preds, err := st.Predictions(ctx, store.PredictionQuery{})
	if err != nil {
		return nil, err
	}
	periods, err := st.Periods().List(ctx, nil)
	if err != nil {
		return nil, err
	}
	lib := &Library{
		Events: events, Predictions: preds, Periods: periods,
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

// Event finds event id (without its description and links).
func (l *Library) Event(id int64) (model.Event, bool) {
	i, ok := l.eventIndex[id]
	if !ok {
		return model.Event{}, false
	}
	return l.Events[i], true
}

// Prediction finds prediction id.
func (l *Library) Prediction(id int64) (model.Prediction, bool) {
	i, ok := l.predIndex[id]
	if !ok {
		return model.Prediction{}, false
	}
	return l.Predictions[i], true
}

// Period finds period id.
func (l *Library) Period(id int64) (model.Period, bool) {
	for _, p := range l.Periods {
		if p.ID == id {
			return p, true
		}
	}
	return model.Period{}, false
}

// Citing lists the predictions that cite event id as evidence.
func (l *Library) Citing(id int64) []model.Prediction {
	var out []model.Prediction
	for _, p := range l.Predictions {
		for _, ev := range p.Resolution.Evidence {
			if ev.EventID == id {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// Filtered is the events and predictions f keeps.
func (l *Library) Filtered(f filter.Filter) ([]model.Event, []model.Prediction) {
	return f.Apply(l.Events, l.Predictions)
}
