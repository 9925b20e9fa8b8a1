package app

import (
	"cmp"
	"context"
	"slices"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// Library is the window's copy of the records it holds whole: every
// prediction and period (there are few of them, and the track record
// reads them all) and the events predictions cite, so that lines to
// evidence are drawn wherever it lies. Events are not held: there may be
// millions, and the timeline and tables read the ones they show from the
// store (see Timeline and EventPage). It is read in one go and replaced
// whole after every change, so that widgets read plain slices and maps on
// the UI goroutine without touching SQL.
type Library struct {
	// EventCount is how many events the database holds.
	EventCount int
	// Evidence are the events predictions cite, without descriptions and
	// links, by date.
	Evidence    []model.Event
	Predictions []model.Prediction
	// Periods are every period, by start.
	Periods       []model.Period
	evidenceIndex map[int64]int
	predIndex     map[int64]int
}

// loadLibrary reads the predictions, periods and cited events. It runs
// off the UI goroutine; its cost follows the number of predictions, not of
// events.
func loadLibrary(ctx context.Context, st engine.Store) (*Library, error) {
	preds, err := st.Claims().Predictions(ctx, store.PredictionQuery{})
	if err != nil {
		return nil, err
	}
	periods, err := st.Periods().List(ctx, nil)
	if err != nil {
		return nil, err
	}
	count, err := st.CountEvents(ctx, filter.Filter{})
	if err != nil {
		return nil, err
	}
	var cited []int64
	for _, p := range preds {
		for _, ev := range p.Resolution.Evidence {
			cited = append(cited, ev.EventID)
		}
	}
	slices.Sort(cited)
	evidence, err := EventReads{st}.ByID(ctx, slices.Compact(cited))
	if err != nil {
		return nil, err
	}
	lib := &Library{
		EventCount: count, Evidence: evidence, Predictions: preds, Periods: periods,
		evidenceIndex: make(map[int64]int, len(evidence)),
		predIndex:     make(map[int64]int, len(preds)),
	}
	for i, e := range evidence {
		lib.evidenceIndex[e.ID] = i
	}
	for i, p := range preds {
		lib.predIndex[p.ID] = i
	}
	return lib, nil
}

// EvidenceEvent finds event id among the events predictions cite
// (without its description and links).
func (l *Library) EvidenceEvent(id int64) (model.Event, bool) {
	i, ok := l.evidenceIndex[id]
	if !ok {
		return model.Event{}, false
	}
	return l.Evidence[i], true
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

// FilteredPredictions is the predictions f keeps.
func (l *Library) FilteredPredictions(f filter.Filter) []model.Prediction {
	_, preds := f.Apply(nil, l.Predictions)
	return preds
}
