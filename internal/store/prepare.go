package store

import (
	"fmt"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
)

// checked is a pointer to a record (an event, a period or a prediction),
// which the store normalises and validates before it writes it.
type checked[R any] interface {
	*R
	Normalize()
	Validate() error
}

// stampsOf gives where a record keeps the times it was made and last
// changed, for the prepare functions to set.
type stampsOf[R any] func(*R) (created, updated *time.Time)

func eventStamps(e *model.Event) (created, updated *time.Time) { return &e.CreatedAt, &e.UpdatedAt }

func periodStamps(p *model.Period) (created, updated *time.Time) { return &p.CreatedAt, &p.UpdatedAt }

func predictionStamps(p *model.Prediction) (created, updated *time.Time) {
	return &p.CreatedAt, &p.UpdatedAt
}

// saveTime is the time a write stamps on its records: the database keeps
// whole seconds in UTC.
func saveTime() time.Time { return time.Now().UTC().Truncate(time.Second) }

// prepareNew normalises and validates a new record and stamps it as made
// and changed at now.
func prepareNew[R any, P checked[R]](r *R, stamps stampsOf[R], now time.Time) error {
	if err := prepareChanged[R, P](r, stamps, now); err != nil {
		return err
	}
	created, _ := stamps(r)
	*created = now
	return nil
}

// prepareChanged normalises and validates a changed record and stamps it as
// changed at now.
func prepareChanged[R any, P checked[R]](r *R, stamps stampsOf[R], now time.Time) error {
	P(r).Normalize()
	if err := P(r).Validate(); err != nil {
		return err
	}
	_, updated := stamps(r)
	*updated = now
	return nil
}

// prepareAll is prepareNew for a batch; an error names the record by its
// place in the batch ("event 3 of 10").
func prepareAll[R any, P checked[R]](recs []R, what string, stamps stampsOf[R], now time.Time) error {
	for i := range recs {
		if err := prepareNew[R, P](&recs[i], stamps, now); err != nil {
			return fmt.Errorf("%s %d of %d: %w", what, i+1, len(recs), err)
		}
	}
	return nil
}

// prepareEvents normalises and validates new events and stamps them with
// now.
func prepareEvents(events []model.Event, now time.Time) error {
	return prepareAll(events, "event", eventStamps, now)
}

// preparePredictions is prepareEvents for predictions.
func preparePredictions(preds []model.Prediction, now time.Time) error {
	return prepareAll(preds, "prediction", predictionStamps, now)
}
