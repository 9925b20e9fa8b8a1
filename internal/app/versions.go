package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore"
)

// Versions reads and saves records with their versions, so that a save
// over someone else's later save is refused (ErrChanged).
type Versions struct{ s *Session }

// Versions gives the session's reads and saves with versions.
func (s *Session) Versions() Versions { return Versions{s} }

// Saves that know what they overwrite. On a server several people edit
// the same records: a form remembers the version of the record it opened
// with, and its save is refused (ErrChanged) when someone else saved the
// record since, so that no edit is lost without a word. A SQLite file has
// no versions (version 0): its saves are not compared.

// ErrChanged is the refusal of a save or delete of a record that someone
// else changed since it was read: nothing was written.
var ErrChanged = pgstore.ErrChanged

// versioned is what a server's store offers for reads and saves with
// versions; a file's store does not.
type versioned interface {
	Versioned() *pgstore.Versioned
}

func (x Versions) versioned() (*pgstore.Versioned, bool) {
	v, ok := x.s.st.(versioned)
	if !ok {
		return nil, false
	}
	return v.Versioned(), true
}

// EventAt reads one event whole, with its version: 0 on a file.
func (x Versions) EventAt(ctx context.Context, id int64) (model.Event, int64, error) {
	if v, ok := x.versioned(); ok {
		return v.Event(ctx, id)
	}
	e, err := x.s.st.Event(ctx, id)
	return e, 0, err
}

// PredictionAt reads one prediction with its version: 0 on a file.
func (x Versions) PredictionAt(ctx context.Context, id int64) (model.Prediction, int64, error) {
	if v, ok := x.versioned(); ok {
		return v.Prediction(ctx, id)
	}
	r, ok := x.s.st.(predictionReader)
	if !ok {
		return model.Prediction{}, 0, fmt.Errorf("prediction %d: this database cannot read one prediction", id)
	}
	p, err := r.Prediction(ctx, id)
	return p, 0, err
}

// predictionReader reads one prediction: a file's store does (its
// *store.Store's Prediction), however engine.Store groups its prediction
// operations.
type predictionReader interface {
	Prediction(ctx context.Context, id int64) (model.Prediction, error)
}

// SaveEventAt adds e (no id) or saves changes to it as read at version,
// and returns it with its new version. Someone else's save since gives an
// error wrapping ErrChanged and writes nothing. Version 0 (a new event,
// a file) saves without comparing.
func (x Versions) SaveEventAt(ctx context.Context, e model.Event, version int64) (model.Event, int64, error) {
	v, ok := x.versioned()
	if e.ID == 0 || version == 0 || !ok {
		saved, err := x.s.SaveEvent(ctx, e)
		if err != nil || !ok {
			return saved, 0, err
		}
		_, now, err := v.Event(ctx, saved.ID)
		return saved, now, err
	}
	return v.UpdateEvent(ctx, e, version)
}

// SavePredictionAt is SaveEventAt for a prediction.
func (x Versions) SavePredictionAt(ctx context.Context, p model.Prediction, version int64) (model.Prediction, int64, error) {
	v, ok := x.versioned()
	if p.ID == 0 || version == 0 || !ok {
		saved, err := x.s.SavePrediction(ctx, p)
		if err != nil || !ok {
			return saved, 0, err
		}
		_, now, err := v.Prediction(ctx, saved.ID)
		return saved, now, err
	}
	return v.UpdatePrediction(ctx, p, version)
}

// DeleteEventAt deletes event id if it is still at version (0: whatever
// it is); otherwise it returns an error wrapping ErrChanged and deletes
// nothing. The comparison and the delete are two statements: a save that
// falls between them is deleted with the record, as any save just before
// a delete would be.
func (x Versions) DeleteEventAt(ctx context.Context, id, version int64) error {
	if version != 0 {
		if _, now, err := x.EventAt(ctx, id); err != nil {
			return err
		} else if now != version {
			return changedSince("event", id, version, now)
		}
	}
	return x.s.DeleteEvent(ctx, id)
}

// DeletePredictionAt is DeleteEventAt for a prediction.
func (x Versions) DeletePredictionAt(ctx context.Context, id, version int64) error {
	if version != 0 {
		if _, now, err := x.PredictionAt(ctx, id); err != nil {
			return err
		} else if now != version {
			return changedSince("prediction", id, version, now)
		}
	}
	return x.s.DeletePrediction(ctx, id)
}

func changedSince(kind string, id, version, now int64) error {
	return fmt.Errorf("%s %d was not deleted: %w (read at version %d, now at %d)", kind, id, ErrChanged, version, now)
}

// ChangedBy names the client whose later change made an undo or redo
// refuse (see store.ConflictError), when it was another client of a
// shared database; ok is false otherwise.
func ChangedBy(err error) (client string, ok bool) {
	var other *pgstore.OtherClientError
	if errors.As(err, &other) {
		return other.By, true
	}
	return "", false
}
