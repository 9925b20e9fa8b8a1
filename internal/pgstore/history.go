package pgstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// The undo history of a shared database. Every write records, in the same
// transaction, the records it touched as they were before and after it,
// and which client made it (the name the Store was opened with, see
// OpenAs). Undo and redo take back and make again a client's own changes,
// newest first, whatever others wrote meanwhile to other records; they
// refuse, writing nothing, when a record the change touched is no longer
// as the change left it — and say whose later change that was.

// Client is the name this store's changes are recorded under: its undo
// history is the changes made under that name.
func (s *Store) Client() string { return s.client }

// newClient names a client that was opened without a name: the role,
// and a random part so that two windows of one person keep two histories.
func newClient(role string) string {
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

// recordState is one record as a change found or left it: the record's
// model as JSON (model.Event, model.Period).
type recordState struct {
	Entity string          `json:"entity"`
	ID     int64           `json:"id"`
	Record json.RawMessage `json:"record"`
}

func recordKey(entity string, id int64) string { return entity + ":" + strconv.FormatInt(id, 10) }

// stateOf is the state of a record as model m, written the same way
// whichever way it was read: tags sorted, empty lists as [].
func stateOf(entity string, id int64, m any) (recordState, error) {
	switch r := m.(type) {
	case model.Event:
		r.Tags = slices.Sorted(slices.Values(r.Tags))
		if r.Tags == nil {
			r.Tags = []string{}
		}
		if r.Links == nil {
			r.Links = []model.Link{}
		}
		m = r
	case model.Period:
		if r.Links == nil {
			r.Links = []model.Link{}
		}
		m = r
	}
	raw, err := json.Marshal(m)
	return recordState{Entity: entity, ID: id, Record: raw}, err
}

// canonical rewrites st as stateOf writes it, for a state read back from
// the database (whose JSON keeps neither key order nor spacing).
func canonical(st recordState) (recordState, error) {
	switch st.Entity {
	case store.EntityEvent:
		var e model.Event
		if err := json.Unmarshal(st.Record, &e); err != nil {
			return st, err
		}
		return stateOf(st.Entity, st.ID, e)
	case store.EntityPeriod:
		var p model.Period
		if err := json.Unmarshal(st.Record, &p); err != nil {
			return st, err
		}
		return stateOf(st.Entity, st.ID, p)
	}
	return st, fmt.Errorf("the history cannot yet hold a %s", st.Entity)
}

// readState reads a record as it is now in tx, locking it; ok is false
// when there is none.
func readState(ctx context.Context, tx pgx.Tx, entity string, id int64) (st recordState, ok bool, err error) {
	states, err := readStates(ctx, tx, []string{recordKey(entity, id)})
	st, ok = states[recordKey(entity, id)]
	return st, ok, err
}

// readStates reads the records keys as they are now in tx, locking them,
// a statement per kind of record rather than per record; a record that
// does not exist is missing from the answer.
func readStates(ctx context.Context, tx pgx.Tx, keys []string) (map[string]recordState, error) {
	ids := map[string][]int64{}
	for _, k := range keys {
		entity, id := splitKey(k)
		ids[entity] = append(ids[entity], id)
	}
	out := make(map[string]recordState, len(keys))
	for entity, list := range ids {
		var table, query string
		var scan func(row) (any, error)
		switch entity {
		case store.EntityEvent:
			table, query = "events", "SELECT "+eventColumns+" FROM events e WHERE e.id = ANY($1)"
			scan = func(r row) (any, error) { e, _, err := scanEvent(r); return e, err }
		case store.EntityPeriod:
			table, query = "periods", "SELECT "+periodColumns+" FROM periods p WHERE p.id = ANY($1)"
			scan = func(r row) (any, error) { p, _, err := scanPeriod(r); return p, err }
		default:
			return nil, fmt.Errorf("the history cannot yet hold a %s", entity)
		}
		// Locked in id order, so that two replays cannot deadlock.
		if _, err := tx.Exec(ctx, "SELECT 1 FROM "+table+" WHERE id = ANY($1) ORDER BY id FOR UPDATE", list); err != nil {
			return nil, err
		}
		rows, err := tx.Query(ctx, query, list)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			m, err := scan(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			var id int64
			switch r := m.(type) {
			case model.Event:
				id = r.ID
			case model.Period:
				id = r.ID
			}
			st, err := stateOf(entity, id, m)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[recordKey(entity, id)] = st
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// tracked runs change in one transaction and records, for undo, the
// record entity id before and after it. change returns the record's id
// (for an add, the new one) and its label.
func (h *History) tracked(ctx context.Context, action store.Action, entity string, id int64,
	change func(tx pgx.Tx) (int64, string, error)) (int64, error) {
	err := pgx.BeginFunc(ctx, h.s.pool, func(tx pgx.Tx) error {
		var before, after []recordState
		if id != 0 {
			st, ok, err := readState(ctx, tx, entity, id)
			if err != nil {
				return err
			}
			if ok {
				before = append(before, st)
			}
		}
		newID, label, err := change(tx)
		if err != nil {
			return err
		}
		id = newID
		st, ok, err := readState(ctx, tx, entity, id)
		if err != nil {
			return err
		}
		if ok {
			after = append(after, st)
		}
		_, err = h.record(ctx, tx, store.Change{Action: action, Entity: entity, EntityID: id, Label: label},
			[]string{recordKey(entity, id)}, before, after)
		return err
	})
	return id, writeError(err)
}

// record adds change c, which touched the records keys, to this client's
// history; a new change ends the client's redo stack, as in every editor.
func (h *History) record(ctx context.Context, tx pgx.Tx, c store.Change, keys []string, before, after []recordState) (int64, error) {
	if _, err := tx.Exec(ctx, "DELETE FROM changes WHERE client = $1 AND undone", h.s.client); err != nil {
		return 0, err
	}
	if before == nil {
		before = []recordState{}
	}
	if after == nil {
		after = []recordState{}
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
		RETURNING seq`, h.s.client, time.Now().UTC().Truncate(time.Second), string(c.Action), c.Entity, c.EntityID,
		c.Label, c.Events, c.Predictions, c.Periods, keys, string(b), string(a)).Scan(&seq)
	return seq, err
}

// recordBatch records a bulk write that added the records after as one
// change, and returns its sequence number (0 when it added none).
func (h *History) recordBatch(ctx context.Context, tx pgx.Tx, action store.Action, after []recordState) (int64, error) {
	if len(after) == 0 {
		return 0, nil
	}
	c := store.Change{Action: action, Entity: store.EntityBatch}
	keys := make([]string, len(after))
	for i, st := range after {
		keys[i] = recordKey(st.Entity, st.ID)
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

// History is the undo history of the client this store was opened as.
type History struct{ s *Store }

// History gives the undo history of s's client.
func (s *Store) History() *History { return &History{s} }

const changeColumns = `seq, at, action, entity, entity_id, label, event_count, prediction_count, period_count`

// storedChange is a row of the changes table.
type storedChange struct {
	store.Change
	keys          []string
	before, after []recordState
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
	err = q.QueryRow(ctx, query, h.s.client).Scan(&c.Seq, &c.At, &action, &c.Entity, &c.EntityID, &c.Label,
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
	c, ok, err := h.next(ctx, h.s.pool, true, false)
	return c.Change, ok, err
}

// NextRedo describes what Redo would do; see NextUndo.
func (h *History) NextRedo(ctx context.Context) (store.Change, bool, error) {
	c, ok, err := h.next(ctx, h.s.pool, false, false)
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
	err := pgx.BeginFunc(ctx, h.s.pool, func(tx pgx.Tx) error {
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
		current, err := readStates(ctx, tx, c.keys)
		if err != nil {
			return err
		}
		var refusal *store.ConflictError
		for _, k := range c.keys {
			entity, id := splitKey(k)
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
		if refusal != nil {
			return h.refuse(ctx, tx, c, refusal)
		}
		if err := writeStates(ctx, tx, c.keys, toBy, current); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "UPDATE changes SET undone = $1 WHERE seq = $2", undo, c.Seq)
		return err
	})
	return c.Change, writeError(err)
}

// compare says how the record entity id, now as now (exists false: gone),
// differs from want (nil: the change left none); nil when it does not.
func compare(want *recordState, now recordState, exists bool, entity string, id int64) (*store.ConflictError, error) {
	switch {
	case want == nil && !exists:
		return nil, nil
	case want == nil:
		return &store.ConflictError{Entity: entity, ID: id, Label: labelOf(now), Problem: store.ProblemExists}, nil
	case !exists:
		return &store.ConflictError{Entity: entity, ID: id, Label: labelOf(*want), Problem: store.ProblemDeleted}, nil
	}
	w, err := canonical(*want)
	if err != nil {
		return nil, err
	}
	fields, err := fieldsDiffering(w, now)
	if err != nil || len(fields) == 0 {
		return nil, err
	}
	return &store.ConflictError{Entity: entity, ID: id, Label: labelOf(now), Problem: store.ProblemChanged, Fields: fields}, nil
}

// refuse gives the refusal of change c, naming the client that changed
// the record since if it was another one.
func (h *History) refuse(ctx context.Context, tx pgx.Tx, c storedChange, refusal *store.ConflictError) error {
	var by string
	err := tx.QueryRow(ctx, `SELECT client FROM changes WHERE seq > $1 AND keys @> ARRAY[$2] AND client <> $3
		AND NOT undone ORDER BY seq DESC LIMIT 1`, c.Seq, recordKey(refusal.Entity, refusal.ID), h.s.client).Scan(&by)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return refusal
	case err != nil:
		return err
	}
	return &OtherClientError{Conflict: refusal, By: by}
}

func byKey(states []recordState) map[string]*recordState {
	m := make(map[string]*recordState, len(states))
	for i := range states {
		m[recordKey(states[i].Entity, states[i].ID)] = &states[i]
	}
	return m
}

func splitKey(k string) (string, int64) {
	entity, id, _ := strings.Cut(k, ":")
	n, _ := strconv.ParseInt(id, 10, 64)
	return entity, n
}

// labelOf is a record's title, for a refusal.
func labelOf(st recordState) string {
	var r struct {
		Title string `json:"title"`
	}
	_ = json.Unmarshal(st.Record, &r)
	return r.Title
}

// recordFields names what a key of a record's JSON holds, for a refusal.
var recordFields = map[string]string{
	"title": store.FieldTitle, "title_zh": store.FieldTitleZh, "date": store.FieldDate, "end": store.FieldDate,
	"start": store.FieldDate, "actor": store.FieldActor, "category": store.FieldCategory, "tags": store.FieldTags,
	"description": store.FieldDescription, "links": store.FieldLinks, "created_at": store.FieldCreated,
	"updated_at": store.FieldSaved, "color": store.FieldColor, "lane": store.FieldLane,
}

// fieldsDiffering names the fields in which two states of one record
// differ; the time saved goes unsaid beside a real change.
func fieldsDiffering(a, b recordState) ([]string, error) {
	var ma, mb map[string]json.RawMessage
	if err := json.Unmarshal(a.Record, &ma); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b.Record, &mb); err != nil {
		return nil, err
	}
	var keys []string
	for k := range ma {
		keys = append(keys, k)
	}
	for k := range mb {
		if _, ok := ma[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var fields []string
	for _, k := range keys {
		if string(ma[k]) == string(mb[k]) {
			continue
		}
		f := recordFields[k]
		if f == "" {
			f = k
		}
		if !slices.Contains(fields, f) {
			fields = append(fields, f)
		}
	}
	if len(fields) > 1 {
		fields = slices.DeleteFunc(fields, func(f string) bool { return f == store.FieldSaved })
	}
	return fields, nil
}

// writeStates makes the records keys as want has them: removed where it
// has none, written back where it has one. Events that come back whole
// (the undo of a delete, the redo of an import) are written in one COPY.
func writeStates(ctx context.Context, tx pgx.Tx, keys []string, want map[string]*recordState, current map[string]recordState) error {
	removed := map[string][]int64{}
	var back []model.Event
	var backIDs []int64
	for _, k := range keys {
		entity, id := splitKey(k)
		st, ok := want[k]
		_, exists := current[k]
		switch {
		case !ok:
			removed[entity] = append(removed[entity], id)
		case !exists && entity == store.EntityEvent:
			var e model.Event
			if err := json.Unmarshal(st.Record, &e); err != nil {
				return err
			}
			back, backIDs = append(back, e), append(backIDs, id)
		default:
			if err := restore(ctx, tx, *st, exists); err != nil {
				return err
			}
		}
	}
	for entity, ids := range removed {
		if err := remove(ctx, tx, entity, ids); err != nil {
			return err
		}
	}
	if len(back) > 0 {
		_, err := copyEvents(ctx, tx, back, backIDs)
		return err
	}
	return nil
}

// restore writes a record back as st has it, under its id: over the
// record when it exists, or anew. Its version moves on, so that a form
// opened before the undo cannot save over it.
func restore(ctx context.Context, tx pgx.Tx, st recordState, exists bool) error {
	switch st.Entity {
	case store.EntityEvent:
		var e model.Event
		if err := json.Unmarshal(st.Record, &e); err != nil {
			return err
		}
		if !exists {
			_, err := tx.Exec(ctx, `INSERT INTO events (id, title, title_zh, date, end_date, earliest, latest, actor,
				category, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
				append([]any{st.ID}, eventRow(e)...)...)
			if err != nil {
				return err
			}
			return writeEventDetails(ctx, tx, st.ID, e, false)
		}
		_, err := tx.Exec(ctx, `UPDATE events SET title = $2, title_zh = $3, date = $4, end_date = $5, earliest = $6,
			latest = $7, actor = $8, category = $9, description = $10, created_at = $11, updated_at = $12,
			version = version + 1 WHERE id = $1`, append([]any{st.ID}, eventRow(e)...)...)
		if err != nil {
			return err
		}
		return writeEventDetails(ctx, tx, st.ID, e, true)
	case store.EntityPeriod:
		var p model.Period
		if err := json.Unmarshal(st.Record, &p); err != nil {
			return err
		}
		if !exists {
			_, err := insertPeriod(ctx, tx, p, st.ID)
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE periods SET title = $2, start = $3, end_date = $4, earliest = $5, latest = $6,
			color = $7, lane = $8, description = $9, created_at = $10, updated_at = $11, version = version + 1
			WHERE id = $1`, st.ID, p.Title, p.Start.String(), p.End.String(), int64(p.Earliest()), int64(p.Latest()),
			p.Color, p.Lane, p.Description, p.CreatedAt, p.UpdatedAt)
		if err != nil {
			return err
		}
		return writeLinks(ctx, tx, "period_links", "period_id", st.ID, p.Links, true)
	}
	return fmt.Errorf("the history cannot yet restore a %s", st.Entity)
}

// remove deletes the records a replay takes away.
func remove(ctx context.Context, tx pgx.Tx, entity string, ids []int64) error {
	table := map[string]string{store.EntityEvent: "events", store.EntityPeriod: "periods"}[entity]
	if table == "" {
		return fmt.Errorf("the history cannot yet remove a %s", entity)
	}
	_, err := tx.Exec(ctx, "DELETE FROM "+table+" WHERE id = ANY($1)", ids)
	return err
}

// Skip drops from the history the change seq, which must be this
// client's next to undo (undo true) or redo, leaving the records as they
// are: after a refusal, the next Undo or Redo goes on past it. If the
// history moved on meanwhile, it returns store.ErrSkipMoved.
func (h *History) Skip(ctx context.Context, seq int64, undo bool) error {
	return pgx.BeginFunc(ctx, h.s.pool, func(tx pgx.Tx) error {
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
	err = h.s.pool.QueryRow(ctx, "SELECT entity, keys, undone FROM changes WHERE seq = $1", seq).Scan(&entity, &keys, &undone)
	if errors.Is(err, pgx.ErrNoRows) || err == nil && (entity != store.EntityBatch || undone) {
		return nil, nil, store.ErrNoSuchBatch
	}
	if err != nil {
		return nil, nil, err
	}
	for _, k := range keys {
		switch entity, id := splitKey(k); entity {
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
