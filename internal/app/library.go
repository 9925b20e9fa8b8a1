package app

import (
	"cmp"
	"context"
	"slices"

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

// Chain is the moving-target chain claim id belongs to: the first claim
// of the chain and every restatement of it, oldest made first; just the
// claim when it neither restates nor is restated.
func (l *Library) Chain(id int64) []model.Prediction {
	root, ok := l.Prediction(id)
	if !ok {
		return nil
	}
	seen := map[int64]bool{root.ID: true}
	for root.Restates != 0 {
		up, ok := l.Prediction(root.Restates)
		if !ok || seen[up.ID] {
			break
		}
		seen[up.ID] = true
		root = up
	}
	restatedBy := map[int64][]model.Prediction{}
	for _, p := range l.Predictions {
		if p.Restates != 0 {
			restatedBy[p.Restates] = append(restatedBy[p.Restates], p)
		}
	}
	chain := []model.Prediction{root}
	inChain := map[int64]bool{root.ID: true}
	for i := 0; i < len(chain); i++ {
		for _, next := range restatedBy[chain[i].ID] {
			if !inChain[next.ID] {
				inChain[next.ID] = true
				chain = append(chain, next)
			}
		}
	}
	slices.SortStableFunc(chain, func(a, b model.Prediction) int {
		return cmp.Compare(a.Made.Earliest(), b.Made.Earliest())
	})
	return chain
}

// Filtered is the events and predictions f keeps.
func (l *Library) Filtered(f filter.Filter) ([]model.Event, []model.Prediction) {
	return f.Apply(l.Events, l.Predictions)
}
