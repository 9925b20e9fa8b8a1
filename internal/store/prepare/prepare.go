// Package prepare makes records ready to write, the same way for both
// database engines: each is normalised and validated, then stamped with
// the time it was made and last changed, in whole seconds of UTC as the
// databases keep them. It holds no SQL.
package prepare

import (
	"fmt"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
)

// Checked is a pointer to a record (an event, a period or a prediction),
// which the store normalises and validates before it writes it.
type Checked[R any] interface {
	*R
	Normalize()
	Validate() error
}

// Stamps gives where a record keeps the times it was made and last
// changed, for New and Changed to set.
type Stamps[R any] func(*R) (created, updated *time.Time)

// Event, Period and Prediction are the Stamps of each kind of record.
func Event(e *model.Event) (created, updated *time.Time) { return &e.CreatedAt, &e.UpdatedAt }

// Period: see Event.
func Period(p *model.Period) (created, updated *time.Time) { return &p.CreatedAt, &p.UpdatedAt }

// Prediction: see Event.
func Prediction(p *model.Prediction) (created, updated *time.Time) {
	return &p.CreatedAt, &p.UpdatedAt
}

// Now is the time a write stamps on its records: the database keeps
// whole seconds in UTC.
func Now() time.Time { return time.Now().UTC().Truncate(time.Second) }

// New normalises and validates a new record and stamps it as made
// and changed at now.
func New[R any, P Checked[R]](r *R, stamps Stamps[R], now time.Time) error {
	if err := Changed[R, P](r, stamps, now); err != nil {
		return err
	}
	created, _ := stamps(r)
	*created = now
	return nil
}

// Changed normalises and validates a changed record and stamps it as
// changed at now.
func Changed[R any, P Checked[R]](r *R, stamps Stamps[R], now time.Time) error {
	P(r).Normalize()
	if err := P(r).Validate(); err != nil {
		return err
	}
	_, updated := stamps(r)
	*updated = now
	return nil
}

// All is New for a batch; an error names the record by its
// place in the batch ("event 3 of 10").
func All[R any, P Checked[R]](recs []R, what string, stamps Stamps[R], now time.Time) error {
	for i := range recs {
		if err := New[R, P](&recs[i], stamps, now); err != nil {
			return fmt.Errorf("%s %d of %d: %w", what, i+1, len(recs), err)
		}
	}
	return nil
}

// Events normalises and validates new events and stamps them with
// now.
func Events(events []model.Event, now time.Time) error {
	return All(events, "event", Event, now)
}

// Predictions is Events for predictions.
func Predictions(preds []model.Prediction, now time.Time) error {
	return All(preds, "prediction", Prediction, now)
}
