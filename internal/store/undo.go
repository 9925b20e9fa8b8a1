package store

import (
	"context"
	"database/sql"

	"github.com/hindsight-app/hindsight/internal/store/history"
	"github.com/hindsight-app/hindsight/internal/store/tracking"
)

// Every write to a user's records goes through the undo history (package
// history): single changes through tracked, imports and bulk saves as one
// change each (history.RecordBatch). What stays outside is listed in
// docs/stress.md. The history's types are the store's, for its callers.

// Change describes one recorded change, for an "Undo …" menu item.
type Change = history.Change

// Action names what a recorded change did.
type Action = history.Action

// ConflictError is an undo or redo refused because a record it would write
// changed since; see history.ConflictError.
type ConflictError = history.ConflictError

// Problem says why a replay was refused.
type Problem = history.Problem

// The actions recorded for undo.
const (
	ActionAdd       = history.ActionAdd
	ActionUpdate    = history.ActionUpdate
	ActionDelete    = history.ActionDelete
	ActionResolve   = history.ActionResolve
	ActionUnresolve = history.ActionUnresolve
	ActionImport    = history.ActionImport
)

// Entity kinds a change can touch.
const (
	EntityEvent      = history.EntityEvent
	EntityPrediction = history.EntityPrediction
	EntityPeriod     = history.EntityPeriod
	EntityBatch      = history.EntityBatch
)

// The reasons a replay is refused.
const (
	ProblemChanged = history.ProblemChanged
	ProblemDeleted = history.ProblemDeleted
	ProblemExists  = history.ProblemExists
	ProblemCited   = history.ProblemCited
	ProblemMissing = history.ProblemMissing
)

// What a refusal may name as changed.
const (
	FieldTags        = history.FieldTags
	FieldLinks       = history.FieldLinks
	FieldVersions    = history.FieldVersions
	FieldEvidence    = history.FieldEvidence
	FieldDetails     = history.FieldDetails
	FieldTitle       = history.FieldTitle
	FieldTitleZh     = history.FieldTitleZh
	FieldDate        = history.FieldDate
	FieldActor       = history.FieldActor
	FieldCategory    = history.FieldCategory
	FieldDescription = history.FieldDescription
	FieldCreated     = history.FieldCreated
	FieldSaved       = history.FieldSaved
	FieldStatement   = history.FieldStatement
	FieldStatementZh = history.FieldStatementZh
	FieldSource      = history.FieldSource
	FieldMade        = history.FieldMade
	FieldDeadline    = history.FieldDeadline
	FieldProbability = history.FieldProbability
	FieldCriteria    = history.FieldCriteria
	FieldLink        = history.FieldLink
	FieldResolution  = history.FieldResolution
	FieldKind        = history.FieldKind
	FieldProvenance  = history.FieldProvenance
	FieldInterest    = history.FieldInterest
	FieldRestates    = history.FieldRestates
	FieldReviewed    = history.FieldReviewed
	FieldColor       = history.FieldColor
	FieldLane        = history.FieldLane
)

// Errors of the history: it is exhausted (ErrNothingToUndo,
// ErrNothingToRedo), a replay was refused (ErrConflict, matched by every
// *ConflictError), or a skip came too late (ErrSkipMoved).
var (
	ErrNothingToUndo = history.ErrNothingToUndo
	ErrNothingToRedo = history.ErrNothingToRedo
	ErrConflict      = history.ErrConflict
	ErrSkipMoved     = history.ErrSkipMoved
)

// tracked runs change inside one write transaction and records the rows of
// entity id before and after it, for undo. change returns the record's id
// (for an add, the new one) and its label. related, when set, lists other
// records the change alters, before it.
func (s *Store) tracked(ctx context.Context, action Action, entity string, id int64,
	related func(tx *sql.Tx) ([]history.Key, error), change func(tx *sql.Tx) (int64, string, error)) (int64, error) {
	err := s.file.Write(ctx, func(tx *sql.Tx) error {
		steps := tracking.Steps[*sql.Tx, history.Key, []history.State]{
			Key: func(entity string, id int64) history.Key { return history.Key{Entity: entity, ID: id} },
			Read: func(tx *sql.Tx, keys []history.Key) ([]history.State, error) {
				return history.Read(ctx, tx, keys)
			},
			Settle: func(tx *sql.Tx, _ []history.State) error { return history.DropUnusedTags(ctx, tx) },
			Record: func(tx *sql.Tx, id int64, label string, _ []history.Key, before, after []history.State) error {
				return history.Record(ctx, tx, Change{Action: action, Entity: entity, EntityID: id, Label: label}, before, after)
			},
		}
		newID, err := steps.Run(tx, entity, id, related, change)
		if err == nil {
			id = newID
		}
		return err
	})
	return id, err
}

// History is the store's record of changes, for undo and redo. It is
// shared by every window and command that opens the file.
type History struct{ s *Store }

// History gives the undo history of s.
func (s *Store) History() *History { return &History{s} }

// Undo reverts the most recent change not yet undone and returns it. If a
// record it would write is no longer as that change left it, it writes
// nothing and returns a *ConflictError.
func (h *History) Undo(ctx context.Context) (Change, error) {
	return h.replay(ctx, true)
}

// Redo applies again the most recently undone change and returns it; it
// refuses as Undo does.
func (h *History) Redo(ctx context.Context) (Change, error) {
	return h.replay(ctx, false)
}

func (h *History) replay(ctx context.Context, undo bool) (Change, error) {
	var c Change
	err := h.s.file.Write(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = history.Replay(ctx, tx, undo)
		return err
	})
	return c, err
}

// Skip drops from the history the change with sequence number seq, which
// must be the next one to undo (undo true) or redo, leaving the records as
// they are: after a refusal, the next Undo or Redo goes on past it. If the
// history moved on meanwhile, it returns ErrSkipMoved.
func (h *History) Skip(ctx context.Context, seq int64, undo bool) error {
	return h.s.file.Write(ctx, func(tx *sql.Tx) error { return history.Skip(ctx, tx, seq, undo) })
}

// NextUndo and NextRedo describe what Undo and Redo would do, for menu
// labels; ok is false when there is nothing.
func (h *History) NextUndo(ctx context.Context) (Change, bool, error) {
	c, ok, err := history.Next(ctx, h.s.db, true)
	return c, ok, wrap(err)
}

// NextRedo: see NextUndo.
func (h *History) NextRedo(ctx context.Context) (Change, bool, error) {
	c, ok, err := history.Next(ctx, h.s.db, false)
	return c, ok, wrap(err)
}

// ErrNoSuchBatch says an import is no longer in the history.
var ErrNoSuchBatch = history.ErrNoSuchBatch

// BatchRecords lists the events and predictions the import (or bulk save)
// recorded as change seq added, while it stands: ErrNoSuchBatch once it
// was undone.
func (h *History) BatchRecords(ctx context.Context, seq int64) (events, predictions []int64, err error) {
	events, predictions, err = history.BatchRecords(ctx, h.s.db, seq)
	return events, predictions, wrap(err)
}
