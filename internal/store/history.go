package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
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
)

// Entity kinds a change can touch.
const (
	EntityEvent      = "event"
	EntityPrediction = "prediction"
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
}

// ErrNothingToUndo and ErrNothingToRedo say the history is exhausted.
var (
	ErrNothingToUndo = errors.New("nothing to undo")
	ErrNothingToRedo = errors.New("nothing to redo")
)

// rowSet is a record's rows, table by table, in the order they must be
// inserted (parent table first).
type rowSet struct {
	Tables []tableRows `json:"tables"`
}

type tableRows struct {
	Table   string   `json:"table"`
	Columns []string `json:"columns"`
	Rows    [][]any  `json:"rows"`
}

// recordTables lists, per entity, the queries that read all of a record's
// rows, in the order they are inserted back. The first is the record
// itself; deleting it cascades to its children. The tag names it uses come
// along so that a tag created by the change can be dropped by undo and
// brought back, with its id, by redo. (Sources are a shared list with
// details of their own and are never removed.)
var recordTables = map[string][]struct{ table, where string }{
	EntityEvent: {
		{"events", "id = ?"},
		{"tags", "id IN (SELECT tag_id FROM event_tags WHERE event_id = ?)"},
		{"event_tags", "event_id = ?"},
		{"event_links", "event_id = ?"},
		{"evidence", "event_id = ?"},
	},
	EntityPrediction: {
		{"predictions", "id = ?"},
		{"tags", "id IN (SELECT tag_id FROM prediction_tags WHERE prediction_id = ?)"},
		{"prediction_tags", "prediction_id = ?"},
		{"prediction_versions", "prediction_id = ?"},
		{"evidence", "prediction_id = ?"},
	},
}

// snapshot reads every row of one record; a record that does not exist
// gives an empty set.
func snapshot(ctx context.Context, tx *sql.Tx, entity string, id int64) (rowSet, error) {
	var set rowSet
	for _, t := range recordTables[entity] {
		rows, err := tx.QueryContext(ctx, "SELECT * FROM "+t.table+" WHERE "+t.where, id)
		if err != nil {
			return set, err
		}
		cols, err := rows.Columns()
		if err != nil {
			rows.Close()
			return set, err
		}
		tr := tableRows{Table: t.table, Columns: cols}
		for rows.Next() {
			values := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range values {
				ptrs[i] = &values[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return set, err
			}
			for i, v := range values {
				if b, ok := v.([]byte); ok {
					values[i] = string(b)
				}
			}
			tr.Rows = append(tr.Rows, values)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return set, err
		}
		if t.table == recordTables[entity][0].table && len(tr.Rows) == 0 {
			return rowSet{}, nil
		}
		set.Tables = append(set.Tables, tr)
	}
	return set, nil
}

// restore makes one record's rows exactly those of set: it deletes the
// record (its children cascade) and inserts the saved rows.
func restore(ctx context.Context, tx *sql.Tx, entity string, id int64, set rowSet) error {
	first := recordTables[entity][0]
	if _, err := tx.ExecContext(ctx, "DELETE FROM "+first.table+" WHERE "+first.where, id); err != nil {
		return err
	}
	for _, t := range set.Tables {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(t.Columns)), ", ")
		verb := "INSERT"
		if t.Table == "tags" {
			verb = "INSERT OR IGNORE" // other records may still use it
		}
		query := fmt.Sprintf("%s INTO %s (%s) VALUES (%s)", verb, t.Table, strings.Join(t.Columns, ", "), marks)
		for _, row := range t.Rows {
			if _, err := tx.ExecContext(ctx, query, row...); err != nil {
				return fmt.Errorf("restore %s: %w", t.Table, err)
			}
		}
	}
	return dropUnusedTags(ctx, tx)
}

// dropUnusedTags removes tag names no record uses, after every tracked
// change and every undo or redo, so that the tag list always matches the
// records and undo leaves no trace of a tag it took away.
func dropUnusedTags(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM event_tags)
		AND id NOT IN (SELECT tag_id FROM prediction_tags)`)
	return err
}

func encodeRows(set rowSet) (string, error) {
	if len(set.Tables) == 0 {
		return "", nil
	}
	b, err := json.Marshal(set)
	return string(b), err
}

func decodeRows(text string) (rowSet, error) {
	var set rowSet
	if text == "" {
		return set, nil
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(text)))
	dec.UseNumber() // keep integers exact
	if err := dec.Decode(&set); err != nil {
		return set, err
	}
	for _, t := range set.Tables {
		for _, row := range t.Rows {
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
	}
	return set, nil
}

// tracked runs change inside one write transaction and records the rows of
// entity id before and after it, for undo. change returns the record's id
// (for an add, the new one) and its label.
func (s *Store) tracked(ctx context.Context, action Action, entity string, id int64,
	change func(tx *sql.Tx) (int64, string, error)) (int64, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		before, err := snapshot(ctx, tx, entity, id)
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
		id = newID
		after, err := snapshot(ctx, tx, entity, id)
		if err != nil {
			return err
		}
		return recordChange(ctx, tx, action, entity, id, label, before, after)
	})
	return id, err
}

func recordChange(ctx context.Context, tx *sql.Tx, action Action, entity string, id int64, label string, before, after rowSet) error {
	b, err := encodeRows(before)
	if err != nil {
		return err
	}
	a, err := encodeRows(after)
	if err != nil {
		return err
	}
	// A new change ends the redo stack, as in every editor.
	if _, err := tx.ExecContext(ctx, "DELETE FROM changes WHERE undone = 1"); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO changes (at, action, entity, entity_id, label, before, after)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, formatTime(time.Now()), string(action), entity, id, label, b, a)
	return err
}

// Undo reverts the most recent change not yet undone and returns it.
func (s *Store) Undo(ctx context.Context) (Change, error) {
	return s.replay(ctx, true)
}

// Redo applies again the most recently undone change and returns it.
func (s *Store) Redo(ctx context.Context) (Change, error) {
	return s.replay(ctx, false)
}

func (s *Store) replay(ctx context.Context, undo bool) (Change, error) {
	query := "SELECT seq, at, action, entity, entity_id, label, before, after FROM changes WHERE undone = 0 ORDER BY seq DESC LIMIT 1"
	nothing := ErrNothingToUndo
	if !undo {
		query = "SELECT seq, at, action, entity, entity_id, label, before, after FROM changes WHERE undone = 1 ORDER BY seq ASC LIMIT 1"
		nothing = ErrNothingToRedo
	}
	var c Change
	err := s.write(ctx, func(tx *sql.Tx) error {
		var at, action, before, after string
		err := tx.QueryRowContext(ctx, query).Scan(&c.Seq, &at, &action, &c.Entity, &c.EntityID, &c.Label, &before, &after)
		if errors.Is(err, sql.ErrNoRows) {
			return nothing
		}
		if err != nil {
			return err
		}
		c.At, c.Action = parseTime(at), Action(action)
		target := after
		if undo {
			target = before
		}
		set, err := decodeRows(target)
		if err != nil {
			return fmt.Errorf("change %d is unreadable: %w", c.Seq, err)
		}
		if err := restore(ctx, tx, c.Entity, c.EntityID, set); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE changes SET undone = ? WHERE seq = ?", undo, c.Seq)
		return err
	})
	return c, err
}

// NextUndo and NextRedo describe what Undo and Redo would do, for menu
// labels; ok is false when there is nothing.
func (s *Store) NextUndo(ctx context.Context) (Change, bool, error) {
	return s.peek(ctx, "SELECT seq, at, action, entity, entity_id, label FROM changes WHERE undone = 0 ORDER BY seq DESC LIMIT 1")
}

// NextRedo: see NextUndo.
func (s *Store) NextRedo(ctx context.Context) (Change, bool, error) {
	return s.peek(ctx, "SELECT seq, at, action, entity, entity_id, label FROM changes WHERE undone = 1 ORDER BY seq ASC LIMIT 1")
}

func (s *Store) peek(ctx context.Context, query string) (Change, bool, error) {
	var c Change
	var at, action string
	err := s.db.QueryRowContext(ctx, query).Scan(&c.Seq, &at, &action, &c.Entity, &c.EntityID, &c.Label)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, s.wrap(err)
	}
	c.At, c.Action = parseTime(at), Action(action)
	return c, true, nil
}
