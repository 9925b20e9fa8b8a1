package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"
)

// Every write to a user's records goes through the history, so any of
// them can be undone and redone, from the app or the command line, after
// a restart too: single changes (tracked), and imports and bulk saves as
// one change each (trackedBatch). What stays outside is listed in
// docs/stress.md.
//
// Replaying a change first checks that each record it touches is still as
// the change left it (for undo; as it found it, for redo). If one is not,
// the replay is refused with a *ConflictError and writes nothing; the
// change stays in the history until Skip drops it.

// Action names what a recorded change did.
type Action string

// The actions recorded for undo.
const (
	ActionAdd       Action = "add"
	ActionUpdate    Action = "update"
	ActionDelete    Action = "delete"
	ActionResolve   Action = "resolve"
	ActionUnresolve Action = "unresolve"
	// ActionImport adds the records of a file (EntityBatch).
	ActionImport Action = "import"
)

// Entity kinds a change can touch.
const (
	EntityEvent      = "event"
	EntityPrediction = "prediction"
	// EntityBatch is a change to many records at once: an import or a
	// bulk save. Its Events and Predictions count them.
	EntityBatch = "batch"
)

// Change describes one recorded change, for an "Undo …" menu item.
type Change struct {
	Seq      int64
	At       time.Time
	Action   Action
	Entity   string
	EntityID int64
	// Label is the record's title or statement when it changed.
	Label string
	// Events and Predictions count the records a batch change added.
	Events, Predictions int
}

// ErrNothingToUndo and ErrNothingToRedo say the history is exhausted.
var (
	ErrNothingToUndo = errors.New("nothing to undo")
	ErrNothingToRedo = errors.New("nothing to redo")
)

// storedState is the JSON of a change's before or after column: the
// records' rows, or for a batch change that is applied, their
// fingerprints (entity → id → digest). Schema 1 stored one record's rows
// as Tables, its tags by id.
type storedState struct {
	Records []recordState               `json:"records,omitempty"`
	Digests map[string]map[int64]string `json:"digests,omitempty"`
	Tables  []tableRows                 `json:"tables,omitempty"`
}

// encodeStates writes the states of the records that exist; no records
// give an empty text.
func encodeStates(states []recordState) (string, error) {
	var kept storedState
	for _, st := range states {
		if st.exists() {
			kept.Records = append(kept.Records, st)
		}
	}
	if len(kept.Records) == 0 {
		return "", nil
	}
	b, err := json.Marshal(kept)
	return string(b), err
}

// decodeStates reads a before or after column of change c.
func decodeStates(c Change, text string) ([]recordState, error) {
	if text == "" {
		return nil, nil
	}
	var stored storedState
	dec := json.NewDecoder(bytes.NewReader([]byte(text)))
	dec.UseNumber() // keep integers exact
	if err := dec.Decode(&stored); err != nil {
		return nil, err
	}
	if stored.Tables != nil {
		tables, err := tagsByName(stored.Tables)
		if err != nil {
			return nil, err
		}
		stored.Records = []recordState{{Entity: c.Entity, ID: c.EntityID, Tables: tables}}
	}
	for _, r := range stored.Records {
		for _, t := range r.Tables {
			for _, row := range t.Rows {
				plainNumbers(row)
			}
		}
	}
	for _, entity := range []string{EntityEvent, EntityPrediction} {
		ids := make([]int64, 0, len(stored.Digests[entity]))
		for id := range stored.Digests[entity] {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			stored.Records = append(stored.Records, recordState{Entity: entity, ID: id, Digest: stored.Digests[entity][id]})
		}
	}
	return stored.Records, nil
}

func plainNumbers(row []any) {
	for i, v := range row {
		if n, ok := v.(json.Number); ok {
			if iv, err := n.Int64(); err == nil {
				row[i] = iv
			} else if fv, err := n.Float64(); err == nil {
				row[i] = fv
			}
		}
	}
}

// tagsByName turns the rows schema 1 kept (a tags table, and join rows
// naming tags by id) into join rows naming tags by name.
func tagsByName(tables []tableRows) ([]tableRows, error) {
	names := map[string]string{}
	var out []tableRows
	for _, t := range tables {
		if t.Table != "tags" {
			out = append(out, t)
			continue
		}
		for _, row := range t.Rows {
			if len(row) == 2 {
				names[fmt.Sprint(row[0])] = fmt.Sprint(row[1])
			}
		}
	}
	for i, t := range out {
		tagAt := slices.Index(t.Columns, "tag_id")
		if tagAt < 0 || len(t.Columns) != 2 {
			continue
		}
		owner := t.Columns[1-tagAt]
		converted := tableRows{Table: t.Table, Columns: []string{owner, "tag"}, Rows: [][]any{}}
		for _, row := range t.Rows {
			name, ok := names[fmt.Sprint(row[tagAt])]
			if !ok {
				return nil, fmt.Errorf("%s names tag %v, which it does not keep", t.Table, row[tagAt])
			}
			converted.Rows = append(converted.Rows, []any{row[1-tagAt], name})
		}
		out[i] = converted
	}
	return out, nil
}

// tracked runs change inside one write transaction and records the rows of
// entity id before and after it, for undo. change returns the record's id
// (for an add, the new one) and its label.
func (s *Store) tracked(ctx context.Context, action Action, entity string, id int64,
	change func(tx *sql.Tx) (int64, string, error)) (int64, error) {
	return s.trackedWith(ctx, action, entity, id, nil, change)
}

// trackedWith is tracked for a change that also alters other records:
// related lists them, before the change.
func (s *Store) trackedWith(ctx context.Context, action Action, entity string, id int64,
	related func(tx *sql.Tx) ([]recordKey, error), change func(tx *sql.Tx) (int64, string, error)) (int64, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		var shapes []recordState
		if id != 0 {
			shapes = append(shapes, recordState{Entity: entity, ID: id})
		}
		if related != nil {
			keys, err := related(tx)
			if err != nil {
				return err
			}
			for _, k := range keys {
				shapes = append(shapes, recordState{Entity: k.entity, ID: k.id})
			}
		}
		before, err := readStates(ctx, tx, shapes)
		if err != nil {
			return err
		}
		newID, label, err := change(tx)
		if err != nil {
			return err
		}
		if err := dropUnusedTags(ctx, tx); err != nil {
			return err
		}
		if id == 0 {
			shapes = append([]recordState{{Entity: entity, ID: newID}}, shapes...)
		}
		id = newID
		after, err := readStates(ctx, tx, shapes)
		if err != nil {
			return err
		}
		b, err := encodeStates(before)
		if err != nil {
			return err
		}
		a, err := encodeStates(after)
		if err != nil {
			return err
		}
		return recordChange(ctx, tx, Change{Action: action, Entity: entity, EntityID: id, Label: label}, b, a)
	})
	return id, err
}

// trackedBatch records, as one change, the records that a bulk write in tx
// has just added, by the fingerprints its inserter kept (see
// inserter.keepDigests): undo can tell whether one was changed since
// without the history keeping a copy of them all.
func trackedBatch(ctx context.Context, tx *sql.Tx, action Action, digests map[string]map[int64]string) error {
	events, predictions := len(digests[EntityEvent]), len(digests[EntityPrediction])
	if events+predictions == 0 {
		return nil
	}
	maps.DeleteFunc(digests, func(_ string, ids map[int64]string) bool { return len(ids) == 0 })
	after, err := json.Marshal(storedState{Digests: digests})
	if err != nil {
		return err
	}
	return recordChange(ctx, tx, Change{Action: action, Entity: EntityBatch, Events: events, Predictions: predictions},
		"", string(after))
}

// batchDigests reads the records of a batch and gives their fingerprints
// as an after column (once a redo has written them back).
func batchDigests(ctx context.Context, tx *sql.Tx, eventIDs, predictionIDs []int64) (string, error) {
	var shapes []recordState
	for _, id := range eventIDs {
		shapes = append(shapes, recordState{Entity: EntityEvent, ID: id})
	}
	for _, id := range predictionIDs {
		shapes = append(shapes, recordState{Entity: EntityPrediction, ID: id})
	}
	states, err := readStates(ctx, tx, shapes)
	if err != nil {
		return "", err
	}
	digests := map[string]map[int64]string{}
	for _, st := range states {
		if !st.exists() {
			return "", fmt.Errorf("%s %d was not saved", st.Entity, st.ID)
		}
		if digests[st.Entity] == nil {
			digests[st.Entity] = map[int64]string{}
		}
		digests[st.Entity][st.ID] = digest(st)
	}
	b, err := json.Marshal(storedState{Digests: digests})
	return string(b), err
}

func recordChange(ctx context.Context, tx *sql.Tx, c Change, before, after string) error {
	// A new change ends the redo stack, as in every editor.
	if _, err := tx.ExecContext(ctx, "DELETE FROM changes WHERE undone = 1"); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO changes
		(at, action, entity, entity_id, label, before, after, event_count, prediction_count)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, formatTime(time.Now()), string(c.Action), c.Entity, c.EntityID,
		c.Label, before, after, c.Events, c.Predictions)
	return err
}

// Undo reverts the most recent change not yet undone and returns it. If a
// record it would write is no longer as that change left it, it writes
// nothing and returns a *ConflictError.
func (s *Store) Undo(ctx context.Context) (Change, error) {
	return s.replay(ctx, true)
}

// Redo applies again the most recently undone change and returns it; it
// refuses as Undo does.
func (s *Store) Redo(ctx context.Context) (Change, error) {
	return s.replay(ctx, false)
}

// Skip drops from the history the change with sequence number seq, which
// must be the next one to undo (undo true) or redo, leaving the records as
// they are: after a refusal, the next Undo or Redo then goes on past it.
// If the history moved on meanwhile, it returns ErrSkipMoved.
func (s *Store) Skip(ctx context.Context, seq int64, undo bool) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		c, _, _, err := nextChange(ctx, tx, undo)
		if err != nil {
			return err
		}
		if c.Seq != seq {
			return ErrSkipMoved
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM changes WHERE seq = ?", seq)
		return err
	})
}

const changeColumns = "seq, at, action, entity, entity_id, label, event_count, prediction_count"

// nextChange reads the change Undo (or Redo) would replay, with its before
// and after columns.
func nextChange(ctx context.Context, tx *sql.Tx, undo bool) (c Change, before, after string, err error) {
	query := "SELECT " + changeColumns + ", before, after FROM changes WHERE undone = 0 ORDER BY seq DESC LIMIT 1"
	nothing := ErrNothingToUndo
	if !undo {
		query = "SELECT " + changeColumns + ", before, after FROM changes WHERE undone = 1 ORDER BY seq ASC LIMIT 1"
		nothing = ErrNothingToRedo
	}
	var at, action string
	err = tx.QueryRowContext(ctx, query).Scan(&c.Seq, &at, &action, &c.Entity, &c.EntityID, &c.Label,
		&c.Events, &c.Predictions, &before, &after)
	if errors.Is(err, sql.ErrNoRows) {
		return c, "", "", nothing
	}
	c.At, c.Action = parseTime(at), Action(action)
	return c, before, after, err
}

// recordReplay is one record of a change being replayed: the state it must
// have now (want), the state to give it (target), and its state now.
type recordReplay struct {
	want, target, now recordState
}

func (s *Store) replay(ctx context.Context, undo bool) (Change, error) {
	var c Change
	err := s.write(ctx, func(tx *sql.Tx) error {
		var before, after string
		var err error
		if c, before, after, err = nextChange(ctx, tx, undo); err != nil {
			return err
		}
		records, err := pairStates(c, before, after, undo)
		if err != nil {
			return fmt.Errorf("change %d is unreadable: %w", c.Seq, err)
		}
		if err := readNow(ctx, tx, records); err != nil {
			return err
		}
		if conflict := compareStates(records); conflict != nil {
			conflict.Change, conflict.Undo = c, undo
			return conflict
		}
		conflict, err := checkLinks(ctx, tx, records)
		if err != nil {
			return err
		}
		if conflict != nil {
			conflict.Change, conflict.Undo = c, undo
			return conflict
		}
		if err := writeTargets(ctx, tx, records); err != nil {
			return err
		}
		if err := dropUnusedTags(ctx, tx); err != nil {
			return err
		}
		if c.Entity == EntityBatch {
			return s.storeBatchSide(ctx, tx, c, records, undo)
		}
		_, err = tx.ExecContext(ctx, "UPDATE changes SET undone = ? WHERE seq = ?", undo, c.Seq)
		return err
	})
	return c, err
}

// storeBatchSide marks a batch change undone or redone and swaps what its
// after column keeps: once undone, the records are gone from their tables
// and the column keeps their rows, for redo; once redone, fingerprints
// again.
func (s *Store) storeBatchSide(ctx context.Context, tx *sql.Tx, c Change, records []recordReplay, undo bool) error {
	var after string
	var err error
	if undo {
		states := make([]recordState, len(records))
		for i, r := range records {
			states[i] = r.now
		}
		after, err = encodeStates(states)
	} else {
		var events, predictions []int64
		for _, r := range records {
			if r.target.Entity == EntityEvent {
				events = append(events, r.target.ID)
			} else {
				predictions = append(predictions, r.target.ID)
			}
		}
		after, err = batchDigests(ctx, tx, events, predictions)
	}
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "UPDATE changes SET undone = ?, after = ? WHERE seq = ?", undo, after, c.Seq)
	return err
}

// pairStates lines up the records of a change, each with the state a
// replay expects and the state it writes. A record missing from one side
// did not exist there.
func pairStates(c Change, beforeText, afterText string, undo bool) ([]recordReplay, error) {
	before, err := decodeStates(c, beforeText)
	if err != nil {
		return nil, err
	}
	after, err := decodeStates(c, afterText)
	if err != nil {
		return nil, err
	}
	if c.Entity == EntityBatch && !undo && slices.ContainsFunc(after, func(r recordState) bool { return r.Digest != "" }) {
		return nil, errors.New("the rows to redo it were not kept")
	}
	at := map[recordKey]int{}
	var pairs [][2]recordState
	for i, side := range [][]recordState{before, after} {
		for _, st := range side {
			k := st.key()
			j, seen := at[k]
			if !seen {
				j = len(pairs)
				at[k] = j
				pairs = append(pairs, [2]recordState{{Entity: k.entity, ID: k.id}, {Entity: k.entity, ID: k.id}})
			}
			pairs[j][i] = st
		}
	}
	out := make([]recordReplay, len(pairs))
	for i, p := range pairs {
		if undo {
			out[i] = recordReplay{want: p[1], target: p[0]}
		} else {
			out[i] = recordReplay{want: p[0], target: p[1]}
		}
	}
	return out, nil
}

// readNow reads the state each record has now, with the parts its saved
// rows have (old changes kept an event's evidence with it).
func readNow(ctx context.Context, tx *sql.Tx, records []recordReplay) error {
	shapes := make([]recordState, len(records))
	for i, r := range records {
		shapes[i] = r.want
		if r.target.legacy() {
			shapes[i] = r.target
		}
	}
	now, err := readStates(ctx, tx, shapes)
	if err != nil {
		return err
	}
	for i := range records {
		records[i].now = now[i]
	}
	return nil
}

// compareStates refuses when a record is not in the state the replay
// expects, naming the first such record and counting the others.
func compareStates(records []recordReplay) *ConflictError {
	var first *ConflictError
	more := 0
	for _, r := range records {
		if sameState(r.want, r.now) {
			continue
		}
		if first != nil {
			more++
			continue
		}
		first = &ConflictError{Entity: r.want.Entity, ID: r.want.ID}
		switch {
		case !r.now.exists():
			first.Problem, first.Label = ProblemDeleted, r.want.label()
		case !r.want.exists():
			first.Problem, first.Label = ProblemExists, r.now.label()
		default:
			first.Problem, first.Label, first.Fields = ProblemChanged, r.now.label(), differences(r.want, r.now)
		}
	}
	if first != nil {
		first.More = more
	}
	return first
}

// checkLinks refuses a replay that would break a link to a record outside
// the change: deleting an event that a prediction outside it cites (which
// would take that evidence away), or bringing back a record that cites an
// event, prediction or source that no longer exists.
func checkLinks(ctx context.Context, tx *sql.Tx, records []recordReplay) (*ConflictError, error) {
	inChange := map[recordKey]recordReplay{}
	var deletedEvents []int64
	for _, r := range records {
		inChange[r.target.key()] = r
		if r.target.Entity == EntityEvent && !r.target.exists() && r.now.exists() {
			deletedEvents = append(deletedEvents, r.target.ID)
		}
	}
	if len(deletedEvents) > 0 {
		cond, arg := idCondition(deletedEvents)
		var eventID, predictionID int64
		err := tx.QueryRowContext(ctx, "SELECT event_id, prediction_id FROM evidence WHERE event_id "+cond+
			" AND prediction_id NOT IN (SELECT value FROM json_each(?)) LIMIT 1", arg, idList(records, EntityPrediction)).
			Scan(&eventID, &predictionID)
		if err == nil {
			return &ConflictError{Problem: ProblemCited, Entity: EntityEvent, ID: eventID,
				Label:       inChange[recordKey{EntityEvent, eventID}].now.label(),
				OtherEntity: EntityPrediction, OtherID: predictionID, OtherLabel: labelOf(ctx, tx, EntityPrediction, predictionID)}, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	// willExist says whether a record will exist once the replay is done.
	willExist := func(entity string, id int64) (bool, error) {
		if r, ok := inChange[recordKey{entity, id}]; ok {
			return r.target.exists(), nil
		}
		table := map[string]string{EntityEvent: "events", EntityPrediction: "predictions", "source": "sources"}[entity]
		var exists bool
		err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM "+table+" WHERE id = ?)", id).Scan(&exists)
		return exists, err
	}
	for _, r := range records {
		if !r.target.exists() {
			continue
		}
		for _, link := range links(r.target) {
			ok, err := willExist(link.entity, link.id)
			if err != nil {
				return nil, err
			}
			if !ok {
				return &ConflictError{Problem: ProblemMissing, Entity: r.target.Entity, ID: r.target.ID, Label: r.target.label(),
					OtherEntity: link.entity, OtherID: link.id}, nil
			}
		}
	}
	return nil, nil
}

// links lists the records outside its own rows that a saved record points
// at: a prediction's source and the events its evidence cites, and (in old
// changes) the predictions citing an event.
func links(r recordState) []recordKey {
	var out []recordKey
	add := func(t *tableRows, column, entity string) {
		if t == nil {
			return
		}
		if at := slices.Index(t.Columns, column); at >= 0 {
			for _, row := range t.Rows {
				if id, ok := row[at].(int64); ok {
					out = append(out, recordKey{entity, id})
				}
			}
		}
	}
	switch r.Entity {
	case EntityPrediction:
		add(r.table("predictions"), "source_id", "source")
		add(r.table("evidence"), "event_id", EntityEvent)
	case EntityEvent:
		add(r.table("evidence"), "prediction_id", EntityPrediction)
	}
	return out
}

func idList(records []recordReplay, entity string) string {
	ids := []int64{}
	for _, r := range records {
		if r.target.Entity == entity {
			ids = append(ids, r.target.ID)
		}
	}
	b, _ := json.Marshal(ids)
	return string(b)
}

func labelOf(ctx context.Context, tx *sql.Tx, entity string, id int64) string {
	query := "SELECT title FROM events WHERE id = ?"
	if entity == EntityPrediction {
		query = "SELECT statement FROM predictions WHERE id = ?"
	}
	var label string
	_ = tx.QueryRowContext(ctx, query, id).Scan(&label)
	return label
}

// writeTargets gives every record of a replay its target state: deletions
// first, then events, then predictions, whose evidence cites events.
func writeTargets(ctx context.Context, tx *sql.Tx, records []recordReplay) error {
	w := &rowWriter{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}
	defer w.close()
	steps := []func(r recordReplay) bool{
		func(r recordReplay) bool { return !r.target.exists() },
		func(r recordReplay) bool { return r.target.exists() && r.target.Entity == EntityEvent },
		func(r recordReplay) bool { return r.target.exists() && r.target.Entity == EntityPrediction },
	}
	for _, step := range steps {
		for _, r := range records {
			if !step(r) {
				continue
			}
			if err := w.write(r.target, r.now.exists()); err != nil {
				return fmt.Errorf("%s %d: %w", r.target.Entity, r.target.ID, err)
			}
		}
	}
	return nil
}

// NextUndo and NextRedo describe what Undo and Redo would do, for menu
// labels; ok is false when there is nothing.
func (s *Store) NextUndo(ctx context.Context) (Change, bool, error) {
	return s.peek(ctx, "SELECT "+changeColumns+" FROM changes WHERE undone = 0 ORDER BY seq DESC LIMIT 1")
}

// NextRedo: see NextUndo.
func (s *Store) NextRedo(ctx context.Context) (Change, bool, error) {
	return s.peek(ctx, "SELECT "+changeColumns+" FROM changes WHERE undone = 1 ORDER BY seq ASC LIMIT 1")
}

func (s *Store) peek(ctx context.Context, query string) (Change, bool, error) {
	var c Change
	var at, action string
	err := s.db.QueryRowContext(ctx, query).Scan(&c.Seq, &at, &action, &c.Entity, &c.EntityID, &c.Label,
		&c.Events, &c.Predictions)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, s.wrap(err)
	}
	c.At, c.Action = parseTime(at), Action(action)
	return c, true, nil
}
