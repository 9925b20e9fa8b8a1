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

// recordKind is one kind of record's reads and saves: without versions
// through the session, and with them through a server's Versioned.
type recordKind[R any] struct {
	name     string
	id       func(R) int64
	read     func(ctx context.Context, id int64) (R, error)
	save     func(ctx context.Context, r R) (R, error)
	delete   func(ctx context.Context, id int64) error
	readAt   func(v *pgstore.Versioned, ctx context.Context, id int64) (R, int64, error)
	updateAt func(v *pgstore.Versioned, ctx context.Context, r R, version int64) (R, int64, error)
}

func (x Versions) events() recordKind[model.Event] {
	return recordKind[model.Event]{
		name: "event", id: func(e model.Event) int64 { return e.ID },
		read: x.s.st.Event, save: x.s.SaveEvent, delete: x.s.DeleteEvent,
		readAt: (*pgstore.Versioned).Event, updateAt: (*pgstore.Versioned).UpdateEvent,
	}
}

func (x Versions) predictions() recordKind[model.Prediction] {
	return recordKind[model.Prediction]{
		name: "prediction", id: func(p model.Prediction) int64 { return p.ID },
		read: x.s.st.Claims().Prediction, save: x.s.SavePrediction, delete: x.s.DeletePrediction,
		readAt: (*pgstore.Versioned).Prediction, updateAt: (*pgstore.Versioned).UpdatePrediction,
	}
}

// EventAt reads one event whole, with its version: 0 on a file.
func (x Versions) EventAt(ctx context.Context, id int64) (model.Event, int64, error) {
	return readAt(ctx, x, x.events(), id)
}

// PredictionAt reads one prediction with its version: 0 on a file.
func (x Versions) PredictionAt(ctx context.Context, id int64) (model.Prediction, int64, error) {
	return readAt(ctx, x, x.predictions(), id)
}

// SaveEventAt adds e (no id) or saves changes to it as read at version,
// and returns it with its new version. Someone else's save since gives an
// error wrapping ErrChanged and writes nothing. Version 0 (a new event,
// a file) saves without comparing.
func (x Versions) SaveEventAt(ctx context.Context, e model.Event, version int64) (model.Event, int64, error) {
	return saveAt(ctx, x, x.events(), e, version)
}

// SavePredictionAt is SaveEventAt for a prediction.
func (x Versions) SavePredictionAt(ctx context.Context, p model.Prediction, version int64) (model.Prediction, int64, error) {
	return saveAt(ctx, x, x.predictions(), p, version)
}

// DeleteEventAt deletes event id if it is still at version (0: whatever
// it is); otherwise it returns an error wrapping ErrChanged and deletes
// nothing. The comparison and the delete are two statements: a save that
// falls between them is deleted with the record, as any save just before
// a delete would be.
func (x Versions) DeleteEventAt(ctx context.Context, id, version int64) error {
	return deleteAt(ctx, x, x.events(), id, version)
}

// DeletePredictionAt is DeleteEventAt for a prediction.
func (x Versions) DeletePredictionAt(ctx context.Context, id, version int64) error {
	return deleteAt(ctx, x, x.predictions(), id, version)
}

func readAt[R any](ctx context.Context, x Versions, k recordKind[R], id int64) (R, int64, error) {
	if v, ok := x.versioned(); ok {
		return k.readAt(v, ctx, id)
	}
	r, err := k.read(ctx, id)
	return r, 0, err
}

func saveAt[R any](ctx context.Context, x Versions, k recordKind[R], r R, version int64) (R, int64, error) {
	v, ok := x.versioned()
	if k.id(r) == 0 || version == 0 || !ok {
		saved, err := k.save(ctx, r)
		if err != nil || !ok {
			return saved, 0, err
		}
		_, now, err := k.readAt(v, ctx, k.id(saved))
		return saved, now, err
	}
	return k.updateAt(v, ctx, r, version)
}

func deleteAt[R any](ctx context.Context, x Versions, k recordKind[R], id, version int64) error {
	if version != 0 {
		if _, now, err := readAt(ctx, x, k, id); err != nil {
			return err
		} else if now != version {
			return fmt.Errorf("%s %d was not deleted: %w (read at version %d, now at %d)", k.name, id, ErrChanged, version, now)
		}
	}
	return k.delete(ctx, id)
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
