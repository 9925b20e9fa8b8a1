// Package pghistory keeps the undo history of Hindsight's PostgreSQL
// database. Every write records, in the same transaction, the records it
// touched as they were before and after it, and which client made it (the
// name the store was opened with). Undo and redo take back and make again
// a client's own changes, newest first, whatever others wrote meanwhile to
// other records; they refuse, writing nothing, when a record the change
// touched is no longer as the change left it — and say whose later change
// that was. The store reads and writes the records themselves (Records);
// this package keeps the changes.
package pghistory

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore/internal/pgerr"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/tracking"
)

// NewClient names a client that was opened without a name: the role,
// and a random part so that two windows of one person keep two histories.
func NewClient(role string) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return role + "#" + hex.EncodeToString(b)
}

// OtherClientError is an undo or redo refused because another client
// changed a record of it later: it names that client. It unwraps to the
// *store.ConflictError that says what changed.
type OtherClientError struct {
	Conflict *store.ConflictError
	// By is the client whose later change stands in the way.
	By string
}

func (e *OtherClientError) Error() string {
	return fmt.Sprintf("%s changed it later: %s", e.By, e.Conflict.Error())
}

func (e *OtherClientError) Unwrap() error { return e.Conflict }

// Records reads and writes the records a change touched, for the history:
// the store knows their tables. Every call runs in the caller's
// transaction.
type Records interface {
	// Read reads the records keys (see Key) as they are now, locking
	// them; a record that does not exist is missing from the answer.
	Read(ctx context.Context, tx pgx.Tx, keys []string) (map[string]State, error)
	// Restore writes a record back as st has it, under its id: over the
	// record when it exists, or anew.
	Restore(ctx context.Context, tx pgx.Tx, st State, exists bool) error
	// RestoreEvents writes back, under their ids, whole events that no
	// longer exist, in one statement.
	RestoreEvents(ctx context.Context, tx pgx.Tx, events []model.Event, ids []int64) error
	// RestorePredictions writes back, under their ids, whole predictions
	// that no longer exist, a statement per table.
	RestorePredictions(ctx context.Context, tx pgx.Tx, preds []model.Prediction, ids []int64) error
	// Remove deletes records of one kind.
	Remove(ctx context.Context, tx pgx.Tx, entity string, ids []int64) error
	// Exist says which of the records ids of one kind exist.
	Exist(ctx context.Context, tx pgx.Tx, entity string, ids []int64) (map[int64]bool, error)
	// CitedBy finds a prediction, other than those of except, whose
	// evidence cites one of events: ok is false when there is none.
	CitedBy(ctx context.Context, tx pgx.Tx, events, except []int64) (event, prediction int64, label string, ok bool, err error)
	// DropUnusedTags removes those of the tags names that no record uses
	// any more, as the SQLite store does after every change.
	DropUnusedTags(ctx context.Context, tx pgx.Tx, names []string) error
}

// History is the undo history of one client.
type History struct {
	pool    *pgxpool.Pool
	client  string
	records Records
}

// New gives the undo history of client in the database of pool.
func New(pool *pgxpool.Pool, client string, records Records) *History {
	return &History{pool: pool, client: client, records: records}
}

// querier is a pool or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Track runs change in one transaction and records, for undo, the
// record entity id before and after it. change returns the record's id
// (for an add, the new one) and its label.
func (h *History) Track(ctx context.Context, action store.Action, entity string, id int64,
	change func(tx pgx.Tx) (int64, string, error)) (int64, error) {
	return h.TrackWith(ctx, action, entity, id, nil, change)
}

// TrackWith is Track for a change that alters other records too: related,
// when set, lists them (see Key) before the change, and they are recorded
// with it, so that one undo puts them all back.
func (h *History) TrackWith(ctx context.Context, action store.Action, entity string, id int64,
	related func(tx pgx.Tx) ([]string, error), change func(tx pgx.Tx) (int64, string, error)) (int64, error) {
	err := pgx.BeginFunc(ctx, h.pool, func(tx pgx.Tx) error {
		steps := tracking.Steps[pgx.Tx, string, []State]{
			Key: Key,
			Read: func(tx pgx.Tx, keys []string) ([]State, error) {
				return h.readStates(ctx, tx, keys)
			},
			Settle: func(tx pgx.Tx, before []State) error {
				return h.records.DropUnusedTags(ctx, tx, tagsOf(before))
			},
			Record: func(tx pgx.Tx, id int64, label string, keys []string, before, after []State) error {
				_, err := h.record(ctx, tx, store.Change{Action: action, Entity: entity, EntityID: id, Label: label},
					keys, before, after)
				return err
			},
		}
		newID, err := steps.Run(tx, entity, id, related, change)
		if err == nil {
			id = newID
		}
		return err
	})
	return id, pgerr.Write(err)
}

// readStates reads the records keys as they are now in tx, locking them,
// in the order of keys; a record that does not exist is left out.
func (h *History) readStates(ctx context.Context, tx pgx.Tx, keys []string) ([]State, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	found, err := h.records.Read(ctx, tx, keys)
	if err != nil {
		return nil, err
	}
	var states []State
	for _, k := range keys {
		if st, ok := found[k]; ok {
			states = append(states, st)
		}
	}
	return states, nil
}

// record adds change c, which touched the records keys, to this client's
// history; a new change ends the client's redo stack, as in every editor.
func (h *History) record(ctx context.Context, tx pgx.Tx, c store.Change, keys []string, before, after []State) (int64, error) {
	if _, err := tx.Exec(ctx, "DELETE FROM changes WHERE client = $1 AND undone", h.client); err != nil {
		return 0, err
	}
	if before == nil {
		before = []State{}
	}
	if after == nil {
		after = []State{}
	}
	b, err := json.Marshal(before)
	if err != nil {
		return 0, err
	}
	a, err := json.Marshal(after)
	if err != nil {
		return 0, err
	}
	var seq int64
	err = tx.QueryRow(ctx, `INSERT INTO changes (client, at, action, entity, entity_id, label, event_count,
		prediction_count, period_count, keys, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		RETURNING seq`, h.client, time.Now().UTC().Truncate(time.Second), string(c.Action), c.Entity, c.EntityID,
		c.Label, c.Events, c.Predictions, c.Periods, keys, string(b), string(a)).Scan(&seq)
	return seq, err
}

// RecordBatch records a bulk write that added the records after as one
// change, and returns its sequence number (0 when it added none).
func (h *History) RecordBatch(ctx context.Context, tx pgx.Tx, action store.Action, after []State) (int64, error) {
	if len(after) == 0 {
		return 0, nil
	}
	c := store.Change{Action: action, Entity: store.EntityBatch}
	keys := make([]string, len(after))
	for i, st := range after {
		keys[i] = Key(st.Entity, st.ID)
		switch st.Entity {
		case store.EntityEvent:
			c.Events++
		case store.EntityPrediction:
			c.Predictions++
		case store.EntityPeriod:
			c.Periods++
		}
	}
	return h.record(ctx, tx, c, keys, nil, after)
}

const changeColumns = `seq, at, action, entity, entity_id, label, event_count, prediction_count, period_count`

// storedChange is a row of the changes table.
type storedChange struct {
	store.Change
	keys          []string
	before, after []State
}

// next reads the change Undo (undo true) or Redo would replay, locking
// it; ok is false when there is none.
func (h *History) next(ctx context.Context, q querier, undo, lock bool) (c storedChange, ok bool, err error) {
	query := "SELECT " + changeColumns + ", keys, before, after FROM changes WHERE client = $1 AND "
	if undo {
		query += "NOT undone ORDER BY seq DESC LIMIT 1"
	} else {
		query += "undone ORDER BY seq ASC LIMIT 1"
	}
	if lock {
		query += " FOR UPDATE"
	}
	var action string
	var before, after []byte
	err = q.QueryRow(ctx, query, h.client).Scan(&c.Seq, &c.At, &action, &c.Entity, &c.EntityID, &c.Label,
		&c.Events, &c.Predictions, &c.Periods, &c.keys, &before, &after)
	if errors.Is(err, pgx.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, err
	}
	c.Action, c.At = store.Action(action), c.At.UTC()
	if err := json.Unmarshal(before, &c.before); err != nil {
		return c, false, fmt.Errorf("change %d: %w", c.Seq, err)
	}
	if err := json.Unmarshal(after, &c.after); err != nil {
		return c, false, fmt.Errorf("change %d: %w", c.Seq, err)
	}
	return c, true, nil
}

// NextUndo describes what Undo would do, for a menu label; ok is false
// when there is nothing.
func (h *History) NextUndo(ctx context.Context) (store.Change, bool, error) {
	c, ok, err := h.next(ctx, h.pool, true, false)
	return c.Change, ok, err
}

// NextRedo describes what Redo would do; see NextUndo.
func (h *History) NextRedo(ctx context.Context) (store.Change, bool, error) {
	c, ok, err := h.next(ctx, h.pool, false, false)
	return c.Change, ok, err
}

// Undo takes back this client's most recent change not yet undone and
// returns it. If a record it would write is no longer as that change
// left it, it writes nothing and returns a *store.ConflictError; wrapped
// in an *OtherClientError when another client's later change did it.
func (h *History) Undo(ctx context.Context) (store.Change, error) { return h.replay(ctx, true) }

// Redo makes again this client's most recently undone change; it refuses
// as Undo does.
func (h *History) Redo(ctx context.Context) (store.Change, error) { return h.replay(ctx, false) }

func (h *History) replay(ctx context.Context, undo bool) (store.Change, error) {
	var c storedChange
	err := pgx.BeginFunc(ctx, h.pool, func(tx pgx.Tx) error {
		var ok bool
		var err error
		if c, ok, err = h.next(ctx, tx, undo, true); err != nil {
			return err
		} else if !ok {
			if undo {
				return store.ErrNothingToUndo
			}
			return store.ErrNothingToRedo
		}
		from, to := c.before, c.after
		if undo {
			from, to = c.after, c.before
		}
		fromBy, toBy := byKey(from), byKey(to)
		current, err := h.records.Read(ctx, tx, c.keys)
		if err != nil {
			return err
		}
		var refusal *store.ConflictError
		for _, k := range c.keys {
			entity, id := SplitKey(k)
			now, exists := current[k]
			problem, err := compare(fromBy[k], now, exists, entity, id)
			if err != nil {
				return err
			}
			if problem == nil {
				continue
			}
			if refusal != nil {
				refusal.More++
				continue
			}
			problem.Change, problem.Undo = c.Change, undo
			refusal = problem
		}
		if refusal == nil {
			if refusal, err = h.checkLinks(ctx, tx, c.keys, toBy, current); err != nil {
				return err
			}
		}
		if refusal != nil {
			refusal.Change, refusal.Undo = c.Change, undo
			return h.refuse(ctx, tx, c, refusal)
		}
		if err := h.writeStates(ctx, tx, c.keys, toBy, current); err != nil {
			return err
		}
		replaced := make([]State, 0, len(current))
		for _, st := range current {
			replaced = append(replaced, st)
		}
		if err := h.records.DropUnusedTags(ctx, tx, tagsOf(replaced)); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "UPDATE changes SET undone = $1 WHERE seq = $2", undo, c.Seq)
		return err
	})
	return c.Change, pgerr.Write(err)
}

// refuse gives the refusal of change c, naming the client that changed
// the record since if it was another one.
func (h *History) refuse(ctx context.Context, tx pgx.Tx, c storedChange, refusal *store.ConflictError) error {
	// A broken link was made by a change to the other record: the
	// prediction that now cites the event, or the record deleted since.
	key := Key(refusal.Entity, refusal.ID)
	if refusal.Problem == store.ProblemCited || refusal.Problem == store.ProblemMissing {
		key = Key(refusal.OtherEntity, refusal.OtherID)
	}
	var by string
	err := tx.QueryRow(ctx, `SELECT client FROM changes WHERE seq > $1 AND keys @> ARRAY[$2] AND client <> $3
		AND NOT undone ORDER BY seq DESC LIMIT 1`, c.Seq, key, h.client).Scan(&by)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return refusal
	case err != nil:
		return err
	}
	return &OtherClientError{Conflict: refusal, By: by}
}

// writeStates makes the records keys as want has them: removed where it
// has none, written back where it has one. Removals come first, then
// periods and events, then the predictions whose evidence cites events.
// Events and predictions that come back whole (the undo of a delete, the
// redo of an import) are written a COPY per table.
func (h *History) writeStates(ctx context.Context, tx pgx.Tx, keys []string, want map[string]*State, current map[string]State) error {
	removed := map[string][]int64{}
	var back []model.Event
	var backIDs []int64
	var predictions []string
	for _, k := range keys {
		entity, id := SplitKey(k)
		if _, ok := want[k]; !ok {
			removed[entity] = append(removed[entity], id)
		}
	}
	for _, entity := range []string{store.EntityPrediction, store.EntityEvent, store.EntityPeriod} {
		if ids := removed[entity]; len(ids) > 0 {
			if err := h.records.Remove(ctx, tx, entity, ids); err != nil {
				return err
			}
		}
	}
	for _, k := range keys {
		entity, id := SplitKey(k)
		st, ok := want[k]
		_, exists := current[k]
		switch {
		case !ok:
		case entity == store.EntityPrediction:
			predictions = append(predictions, k)
		case !exists && entity == store.EntityEvent:
			var e model.Event
			if err := json.Unmarshal(st.Record, &e); err != nil {
				return err
			}
			back, backIDs = append(back, e), append(backIDs, id)
		default:
			if err := h.records.Restore(ctx, tx, *st, exists); err != nil {
				return err
			}
		}
	}
	if len(back) > 0 {
		if err := h.records.RestoreEvents(ctx, tx, back, backIDs); err != nil {
			return err
		}
	}
	var backPreds []model.Prediction
	var backPredIDs []int64
	for _, k := range predictions {
		if _, exists := current[k]; exists {
			if err := h.records.Restore(ctx, tx, *want[k], true); err != nil {
				return err
			}
			continue
		}
		p, err := PredictionOf(*want[k])
		if err != nil {
			return err
		}
		backPreds, backPredIDs = append(backPreds, p), append(backPredIDs, want[k].ID)
	}
	if len(backPreds) > 0 {
		return h.records.RestorePredictions(ctx, tx, backPreds, backPredIDs)
	}
	return nil
}

// checkLinks refuses a replay that would break a link to a record
// outside it, as the SQLite store's history does: taking away an event
// that a prediction outside the change cites as evidence, or bringing
// back a prediction whose evidence cites an event (or which restates a
// claim) that will not exist.
func (h *History) checkLinks(ctx context.Context, tx pgx.Tx, keys []string, want map[string]*State,
	current map[string]State) (*store.ConflictError, error) {
	var goneEvents, inChange []int64
	touched := make(map[string]bool, len(keys))
	for _, k := range keys {
		touched[k] = true
		entity, id := SplitKey(k)
		_, stays := want[k]
		_, exists := current[k]
		if entity == store.EntityEvent && !stays && exists {
			goneEvents = append(goneEvents, id)
		}
		if entity == store.EntityPrediction {
			inChange = append(inChange, id)
		}
	}
	if len(goneEvents) > 0 {
		event, prediction, label, ok, err := h.records.CitedBy(ctx, tx, goneEvents, inChange)
		if err != nil || ok {
			conflict := &store.ConflictError{Problem: store.ProblemCited, Entity: store.EntityEvent, ID: event,
				Label: labelOf(current[Key(store.EntityEvent, event)]), OtherEntity: store.EntityPrediction,
				OtherID: prediction, OtherLabel: label}
			return conflict, err
		}
	}
	// willExist says whether a record will exist once the replay is done.
	willExist := func(entity string, id int64) (bool, error) {
		if touched[Key(entity, id)] {
			return want[Key(entity, id)] != nil, nil
		}
		exist, err := h.records.Exist(ctx, tx, entity, []int64{id})
		return exist[id], err
	}
	for _, k := range keys {
		st, ok := want[k]
		if !ok {
			continue
		}
		events, restates := cites(*st)
		missing := func(entity string, id int64) (*store.ConflictError, error) {
			ok, err := willExist(entity, id)
			if err != nil || ok {
				return nil, err
			}
			return &store.ConflictError{Problem: store.ProblemMissing, Entity: st.Entity, ID: st.ID, Label: labelOf(*st),
				OtherEntity: entity, OtherID: id}, nil
		}
		for _, event := range events {
			if conflict, err := missing(store.EntityEvent, event); conflict != nil || err != nil {
				return conflict, err
			}
		}
		if restates != 0 {
			if conflict, err := missing(store.EntityPrediction, restates); conflict != nil || err != nil {
				return conflict, err
			}
		}
	}
	return nil, nil
}

// Skip drops from the history the change seq, which must be this
// client's next to undo (undo true) or redo, leaving the records as they
// are: after a refusal, the next Undo or Redo goes on past it. If the
// history moved on meanwhile, it returns store.ErrSkipMoved.
func (h *History) Skip(ctx context.Context, seq int64, undo bool) error {
	return pgx.BeginFunc(ctx, h.pool, func(tx pgx.Tx) error {
		c, ok, err := h.next(ctx, tx, undo, true)
		if err != nil {
			return err
		}
		if !ok || c.Seq != seq {
			return store.ErrSkipMoved
		}
		_, err = tx.Exec(ctx, "DELETE FROM changes WHERE seq = $1", seq)
		return err
	})
}

// BatchRecords lists the events and predictions the import (or bulk save)
// recorded as change seq added, while it stands: store.ErrNoSuchBatch once
// it was undone.
func (h *History) BatchRecords(ctx context.Context, seq int64) (events, predictions []int64, err error) {
	var entity string
	var keys []string
	var undone bool
	err = h.pool.QueryRow(ctx, "SELECT entity, keys, undone FROM changes WHERE seq = $1", seq).Scan(&entity, &keys, &undone)
	if errors.Is(err, pgx.ErrNoRows) || err == nil && (entity != store.EntityBatch || undone) {
		return nil, nil, store.ErrNoSuchBatch
	}
	if err != nil {
		return nil, nil, err
	}
	for _, k := range keys {
		switch entity, id := SplitKey(k); entity {
		case store.EntityEvent:
			events = append(events, id)
		case store.EntityPrediction:
			predictions = append(predictions, id)
		}
	}
	slices.Sort(events)
	slices.Sort(predictions)
	return events, predictions, nil
}
