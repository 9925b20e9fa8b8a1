// Package history is the undo history that a Hindsight database keeps:
// every change to the records, with the rows of each record it touched
// before and after it, so that any change can be undone and redone, from
// the app or the command line, after a restart too. The store records
// single changes and imports (one change each, however many records they
// add); what stays outside is listed in docs/stress.md.
//
// Replaying a change first checks that each record it touches is still as
// the change left it (for undo; as it found it, for redo). If one is not,
// the replay is refused with a *ConflictError and writes nothing; the
// change stays in the history until Skip drops it.
package history

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/hindsight-app/hindsight/internal/store/schema"
)

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
	// EntityPeriod is a named stretch of time drawn behind the events.
	EntityPeriod = "period"
	// EntityBatch is a change to many records at once: an import or a
	// bulk save. Its Events, Predictions and Periods count them.
	EntityBatch = "batch"
)

// bulkEntities are the kinds of record a batch change can add, in the
// order a replay writes them: periods and events before the predictions
// whose evidence cites events.
var bulkEntities = []string{EntityPeriod, EntityEvent, EntityPrediction}

// Change describes one recorded change, for an "Undo …" menu item.
type Change struct {
	Seq      int64
	At       time.Time
	Action   Action
	Entity   string
	EntityID int64
	// Label is the record's title or statement when it changed.
	Label string
	// Events, Predictions and Periods count the records a batch change
	// added.
	Events, Predictions, Periods int
}

// ErrNothingToUndo and ErrNothingToRedo say the history is exhausted.
var (
	ErrNothingToUndo = errors.New("nothing to undo")
	ErrNothingToRedo = errors.New("nothing to redo")
)

// Record records a change made in tx: the states of the records it
// touched before and after it (see Read); a record that does not exist on
// one side is left out of it.
func Record(ctx context.Context, tx *sql.Tx, c Change, before, after []State) error {
	b, err := encodeStates(before)
	if err != nil {
		return err
	}
	a, err := encodeStates(after)
	if err != nil {
		return err
	}
	return recordChange(ctx, tx, c, b, a)
}

// Digests are the fingerprints of the records a bulk write added, entity →
// id → digest (see Fingerprint).
type Digests map[string]map[int64]string

// NewDigests makes room for the fingerprints of a bulk write.
func NewDigests() Digests {
	return Digests{EntityEvent: {}, EntityPrediction: {}, EntityPeriod: {}}
}

// RecordBatch records, as one change, the records that a bulk write in tx
// has just added, by their fingerprints: undo can tell whether one was
// changed since without the history keeping a copy of them all.
func RecordBatch(ctx context.Context, tx *sql.Tx, action Action, digests Digests) error {
	events, predictions, periods := len(digests[EntityEvent]), len(digests[EntityPrediction]), len(digests[EntityPeriod])
	if events+predictions+periods == 0 {
		return nil
	}
	maps.DeleteFunc(digests, func(_ string, ids map[int64]string) bool { return len(ids) == 0 })
	after, err := encodeDigests(digests)
	if err != nil {
		return err
	}
	return recordChange(ctx, tx, Change{Action: action, Entity: EntityBatch, Events: events, Predictions: predictions,
		Periods: periods}, "", after)
}

// ReadDigests reads records and gives their fingerprints, as a bulk write
// made them, or a redo once it has written them back.
func ReadDigests(ctx context.Context, tx *sql.Tx, eventIDs, predictionIDs []int64) (Digests, error) {
	return ReadDigestsOf(ctx, tx, map[string][]int64{EntityEvent: eventIDs, EntityPrediction: predictionIDs})
}

// ReadDigestsOf is ReadDigests for records of any kind, entity → ids.
func ReadDigestsOf(ctx context.Context, tx *sql.Tx, ids map[string][]int64) (Digests, error) {
	var shapes []State
	for _, entity := range bulkEntities {
		for _, id := range ids[entity] {
			shapes = append(shapes, State{Entity: entity, ID: id})
		}
	}
	states, err := readStates(ctx, tx, shapes)
	if err != nil {
		return nil, err
	}
	digests := Digests{}
	for _, st := range states {
		if !st.exists() {
			return nil, fmt.Errorf("%s %d was not saved", st.Entity, st.ID)
		}
		if digests[st.Entity] == nil {
			digests[st.Entity] = map[int64]string{}
		}
		digests[st.Entity][st.ID] = digest(st)
	}
	return digests, nil
}

func recordChange(ctx context.Context, tx *sql.Tx, c Change, before, after string) error {
	// A new change ends the redo stack, as in every editor.
	if _, err := tx.ExecContext(ctx, "DELETE FROM changes WHERE undone = 1"); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO changes
		(at, action, entity, entity_id, label, before, after, event_count, prediction_count, period_count)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, schema.FormatTime(time.Now()), string(c.Action), c.Entity, c.EntityID,
		c.Label, before, after, c.Events, c.Predictions, c.Periods)
	return err
}

// Replay undoes (undo true) the most recent change not yet undone, or
// redoes the most recently undone one, in tx, and returns it. If a record
// it would write is not as the change left (found) it, it writes nothing
// and returns a *ConflictError; with nothing to replay, ErrNothingToUndo
// or ErrNothingToRedo.
func Replay(ctx context.Context, tx *sql.Tx, undo bool) (Change, error) {
	c, before, after, err := nextChange(ctx, tx, undo)
	if err != nil {
		return c, err
	}
	records, err := pairStates(c, before, after, undo)
	if err != nil {
		return c, fmt.Errorf("change %d is unreadable: %w", c.Seq, err)
	}
	if err := readNow(ctx, tx, records); err != nil {
		return c, err
	}
	if conflict := compareStates(records); conflict != nil {
		conflict.Change, conflict.Undo = c, undo
		return c, conflict
	}
	conflict, err := checkLinks(ctx, tx, records)
	if err != nil {
		return c, err
	}
	if conflict != nil {
		conflict.Change, conflict.Undo = c, undo
		return c, conflict
	}
	if err := writeTargets(ctx, tx, records, c.Entity == EntityBatch); err != nil {
		return c, err
	}
	if err := DropUnusedTags(ctx, tx); err != nil {
		return c, err
	}
	if c.Entity == EntityBatch {
		return c, storeBatchSide(ctx, tx, c, records, undo)
	}
	_, err = tx.ExecContext(ctx, "UPDATE changes SET undone = ? WHERE seq = ?", undo, c.Seq)
	return c, err
}

// Skip drops from the history the change with sequence number seq, which
// must be the next one to undo (undo true) or redo, leaving the records as
// they are: after a refusal, the next undo or redo then goes on past it.
// If the history moved on meanwhile, it returns ErrSkipMoved.
func Skip(ctx context.Context, tx *sql.Tx, seq int64, undo bool) error {
	c, _, _, err := nextChange(ctx, tx, undo)
	if err != nil {
		return err
	}
	if c.Seq != seq {
		return ErrSkipMoved
	}
	_, err = tx.ExecContext(ctx, "DELETE FROM changes WHERE seq = ?", seq)
	return err
}

const changeColumns = "seq, at, action, entity, entity_id, label, event_count, prediction_count, period_count"

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
		&c.Events, &c.Predictions, &c.Periods, &before, &after)
	if errors.Is(err, sql.ErrNoRows) {
		return c, "", "", nothing
	}
	c.At, c.Action = schema.ParseTime(at), Action(action)
	return c, before, after, err
}

// recordReplay is one record of a change being replayed: the state it must
// have now (want), the state to give it (target), and its state now.
type recordReplay struct {
	want, target, now State
}

// storeBatchSide marks a batch change undone or redone and swaps what its
// after column keeps: once undone, the records are gone from their tables
// and the column keeps their rows, for redo; once redone, fingerprints
// again.
func storeBatchSide(ctx context.Context, tx *sql.Tx, c Change, records []recordReplay, undo bool) error {
	var after string
	var err error
	if undo {
		states := make([]State, len(records))
		for i, r := range records {
			states[i] = r.now
		}
		after, err = encodeStates(states)
	} else {
		ids := map[string][]int64{}
		for _, r := range records {
			ids[r.target.Entity] = append(ids[r.target.Entity], r.target.ID)
		}
		var digests Digests
		if digests, err = ReadDigestsOf(ctx, tx, ids); err == nil {
			after, err = encodeDigests(digests)
		}
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
	if c.Entity == EntityBatch && !undo && slices.ContainsFunc(after, func(r State) bool { return r.Digest != "" }) {
		return nil, errors.New("the rows to redo it were not kept")
	}
	at := map[Key]int{}
	var pairs [][2]State
	for i, side := range [][]State{before, after} {
		for _, st := range side {
			k := st.key()
			j, seen := at[k]
			if !seen {
				j = len(pairs)
				at[k] = j
				pairs = append(pairs, [2]State{{Entity: k.Entity, ID: k.ID}, {Entity: k.Entity, ID: k.ID}})
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
	shapes := make([]State, len(records))
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
	inChange := map[Key]recordReplay{}
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
				Label:       inChange[Key{EntityEvent, eventID}].now.label(),
				OtherEntity: EntityPrediction, OtherID: predictionID, OtherLabel: labelOf(ctx, tx, EntityPrediction, predictionID)}, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	// willExist says whether a record will exist once the replay is done.
	willExist := func(entity string, id int64) (bool, error) {
		if r, ok := inChange[Key{entity, id}]; ok {
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
			ok, err := willExist(link.Entity, link.ID)
			if err != nil {
				return nil, err
			}
			if !ok {
				return &ConflictError{Problem: ProblemMissing, Entity: r.target.Entity, ID: r.target.ID, Label: r.target.label(),
					OtherEntity: link.Entity, OtherID: link.ID}, nil
			}
		}
	}
	return nil, nil
}

// links lists the records outside its own rows that a saved record points
// at: a prediction's source and the events its evidence cites, and (in old
// changes) the predictions citing an event.
func links(r State) []Key {
	var out []Key
	add := func(t *tableRows, column, entity string) {
		if t == nil {
			return
		}
		if at := slices.Index(t.Columns, column); at >= 0 {
			for _, row := range t.Rows {
				if id, ok := row[at].(int64); ok {
					out = append(out, Key{entity, id})
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
	switch entity {
	case EntityPrediction:
		query = "SELECT statement FROM predictions WHERE id = ?"
	case EntityPeriod:
		query = "SELECT title FROM periods WHERE id = ?"
	}
	var label string
	_ = tx.QueryRowContext(ctx, query, id).Scan(&label)
	return label
}

// writeTargets gives every record of a replay its target state: deletions
// first, then events, then predictions, whose evidence cites events. A
// change to many records (an import) keeps the events' search and date
// indexes in bulk, as the import did.
func writeTargets(ctx context.Context, tx *sql.Tx, records []recordReplay, many bool) error {
	w := &rowWriter{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}
	defer w.close()
	steps := []func(r recordReplay) bool{
		func(r recordReplay) bool { return !r.target.exists() },
	}
	for _, entity := range bulkEntities {
		steps = append(steps, func(r recordReplay) bool { return r.target.exists() && r.target.Entity == entity })
	}
	write := func() error {
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
	if !many {
		return write()
	}
	var deleted, inserted []int64
	for _, r := range records {
		switch {
		case r.target.Entity != EntityEvent || r.target.exists() == r.now.exists():
		case r.target.exists():
			inserted = append(inserted, r.target.ID)
		default:
			deleted = append(deleted, r.target.ID)
		}
	}
	return bulkIndexing(ctx, tx, deleted, inserted, write)
}

// eventIndexTriggers keep the search and date indexes of events row by
// row; bulkIndexing turns them off for a while.
var eventIndexTriggers = []string{"events_fts_insert", "events_fts_delete", "events_span_insert", "events_span_delete"}

// bulkIndexing runs write, which deletes the events deleted and inserts
// the events inserted, with the per-row index triggers off, and keeps the
// indexes with one statement each instead: several times faster for
// thousands of events. The triggers come back as they were, read from the
// schema before they are dropped; it is all one transaction.
func bulkIndexing(ctx context.Context, tx *sql.Tx, deleted, inserted []int64, write func() error) error {
	var saved []string
	for _, name := range eventIndexTriggers {
		var text string
		if err := tx.QueryRowContext(ctx, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?", name).Scan(&text); err != nil {
			return fmt.Errorf("trigger %s: %w", name, err)
		}
		saved = append(saved, text)
		if _, err := tx.ExecContext(ctx, "DROP TRIGGER "+name); err != nil {
			return err
		}
	}
	if len(deleted) > 0 {
		ids, _ := json.Marshal(deleted)
		if _, err := tx.ExecContext(ctx, `INSERT INTO events_fts (events_fts, rowid, title, title_zh, description, actor)
			SELECT 'delete', id, title, title_zh, description, actor FROM events WHERE id IN (SELECT value FROM json_each(?))`, string(ids)); err != nil {
			return fmt.Errorf("unindex the events' text: %w", err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM events_span WHERE id IN (SELECT value FROM json_each(?))", string(ids)); err != nil {
			return fmt.Errorf("unindex the events' dates: %w", err)
		}
	}
	if err := write(); err != nil {
		return err
	}
	if len(inserted) > 0 {
		ids, _ := json.Marshal(inserted)
		if _, err := tx.ExecContext(ctx, `INSERT INTO events_span (id, earliest, latest)
			SELECT id, earliest, latest FROM events WHERE id IN (SELECT value FROM json_each(?))`, string(ids)); err != nil {
			return fmt.Errorf("index the events' dates: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO events_fts (rowid, title, title_zh, description, actor)
			SELECT id, title, title_zh, description, actor FROM events WHERE id IN (SELECT value FROM json_each(?))`, string(ids)); err != nil {
			return fmt.Errorf("index the events' text: %w", err)
		}
	}
	for _, text := range saved {
		if _, err := tx.ExecContext(ctx, text); err != nil {
			return err
		}
	}
	return nil
}

// Querier reads; a *sql.DB or a *sql.Tx.
type Querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Next describes the change an undo (or redo) would replay, for a menu
// label; ok is false when there is none.
func Next(ctx context.Context, q Querier, undo bool) (c Change, ok bool, err error) {
	query := "SELECT " + changeColumns + " FROM changes WHERE undone = 0 ORDER BY seq DESC LIMIT 1"
	if !undo {
		query = "SELECT " + changeColumns + " FROM changes WHERE undone = 1 ORDER BY seq ASC LIMIT 1"
	}
	var at, action string
	err = q.QueryRowContext(ctx, query).Scan(&c.Seq, &at, &action, &c.Entity, &c.EntityID, &c.Label,
		&c.Events, &c.Predictions, &c.Periods)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, err
	}
	c.At, c.Action = schema.ParseTime(at), Action(action)
	return c, true, nil
}

// BatchRecords lists the events and predictions that the bulk change seq
// added, while that change stands (it exists and is not undone): the
// records of one import.
func BatchRecords(ctx context.Context, q Querier, seq int64) (events, predictions []int64, err error) {
	var entity, after string
	var undone bool
	err = q.QueryRowContext(ctx, "SELECT entity, after, undone FROM changes WHERE seq = ?", seq).Scan(&entity, &after, &undone)
	if errors.Is(err, sql.ErrNoRows) || err == nil && (entity != EntityBatch || undone) {
		return nil, nil, ErrNoSuchBatch
	}
	if err != nil {
		return nil, nil, err
	}
	var st storedState
	if err := json.Unmarshal([]byte(after), &st); err != nil {
		return nil, nil, fmt.Errorf("change %d: %w", seq, err)
	}
	for id := range st.Digests[EntityEvent] {
		events = append(events, id)
	}
	for id := range st.Digests[EntityPrediction] {
		predictions = append(predictions, id)
	}
	slices.Sort(events)
	slices.Sort(predictions)
	return events, predictions, nil
}

// ErrNoSuchBatch says a bulk change is gone: undone, skipped, or never made.
var ErrNoSuchBatch = errors.New("that import is no longer in the history (it was undone)")

// LastSeq is the sequence number of the newest change recorded in tx.
func LastSeq(ctx context.Context, tx *sql.Tx) (int64, error) {
	var seq sql.NullInt64
	err := tx.QueryRowContext(ctx, "SELECT max(seq) FROM changes").Scan(&seq)
	return seq.Int64, err
}
