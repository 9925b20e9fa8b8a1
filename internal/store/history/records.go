package history

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// A record, for the history, is its own row and its rows in the tables
// that hang off it. Undo and redo read a record's rows, compare them with
// what a change left behind, and write saved rows back. Tags are kept by
// name, never by id: a tag dropped when no record used it any more comes
// back with a new id.

// Key names one record.
type Key struct {
	Entity string
	ID     int64
}

// part is one table's share of a record's rows.
type part struct {
	// table is the table the rows live in, and their name in the history.
	table string
	// key is the column that holds the record's id.
	key string
	// query reads the rows of the records that %s (a condition on key)
	// selects, ordered by record.
	query string
	// field names this part in a refusal; the record's own row names its
	// fields instead (see columnFields).
	field string
}

// recordParts lists, per entity, the parts of a record, its own row first.
// Evidence belongs to the prediction that cites it; an event's rows leave
// it out, so that editing an event never touches a prediction.
var recordParts = map[string][]part{
	EntityEvent: {
		{table: "events", key: "id", query: "SELECT * FROM events WHERE id %s ORDER BY id"},
		{table: "event_tags", key: "event_id", field: FieldTags, query: `SELECT et.event_id, t.name AS tag
			FROM event_tags et JOIN tags t ON t.id = et.tag_id WHERE et.event_id %s ORDER BY et.event_id, t.name`},
		{table: "event_links", key: "event_id", field: FieldLinks,
			query: "SELECT * FROM event_links WHERE event_id %s ORDER BY event_id, position"},
	},
	EntityPrediction: {
		{table: "predictions", key: "id", query: "SELECT * FROM predictions WHERE id %s ORDER BY id"},
		{table: "prediction_tags", key: "prediction_id", field: FieldTags, query: `SELECT pt.prediction_id, t.name AS tag
			FROM prediction_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.prediction_id %s ORDER BY pt.prediction_id, t.name`},
		{table: "prediction_versions", key: "prediction_id", field: FieldVersions,
			query: "SELECT * FROM prediction_versions WHERE prediction_id %s ORDER BY prediction_id, version"},
		{table: "evidence", key: "prediction_id", field: FieldEvidence,
			query: "SELECT * FROM evidence WHERE prediction_id %s ORDER BY prediction_id, event_id"},
		// Schema 3: a claim's links. Last, so that the fingerprints of
		// schema 2 (four parts) still line up part by part.
		{table: "prediction_links", key: "prediction_id", field: FieldLinks,
			query: "SELECT * FROM prediction_links WHERE prediction_id %s ORDER BY prediction_id, position"},
	},
	EntityPeriod: {
		{table: "periods", key: "id", query: "SELECT * FROM periods WHERE id %s ORDER BY id"},
		{table: "period_links", key: "period_id", field: FieldLinks,
			query: "SELECT * FROM period_links WHERE period_id %s ORDER BY period_id, position"},
	},
}

// legacyEventEvidence: schema 1 kept the evidence citing an event with the
// event's rows. Changes it recorded still carry them, and replaying one
// reads and writes them as schema 1 did.
var legacyEventEvidence = part{table: "evidence", key: "event_id", field: FieldEvidence,
	query: "SELECT * FROM evidence WHERE event_id %s ORDER BY event_id, prediction_id"}

// tableRows is one part's rows.
type tableRows struct {
	Table   string   `json:"table"`
	Columns []string `json:"columns"`
	Rows    [][]any  `json:"rows"`
}

// State is one record as the history keeps it: its rows, or, for
// the records of a change to many, a Fingerprint of them. A state with
// neither means the record does not exist.
type State struct {
	Entity string      `json:"entity"`
	ID     int64       `json:"id"`
	Tables []tableRows `json:"tables,omitempty"`
	Digest string      `json:"digest,omitempty"`
}

func (r State) key() Key { return Key{r.Entity, r.ID} }

func (r State) exists() bool { return len(r.Tables) > 0 || r.Digest != "" }

// legacy reports whether r is an event state written by schema 1.
func (r State) legacy() bool {
	return r.Entity == EntityEvent && r.table("evidence") != nil
}

func (r State) table(name string) *tableRows {
	for i := range r.Tables {
		if r.Tables[i].Table == name {
			return &r.Tables[i]
		}
	}
	return nil
}

// label is the record's title or statement, if its rows say.
func (r State) label() string {
	if len(r.Tables) == 0 || len(r.Tables[0].Rows) == 0 {
		return ""
	}
	for i, c := range r.Tables[0].Columns {
		if c == "title" || c == "statement" {
			s, _ := r.Tables[0].Rows[0][i].(string)
			return s
		}
	}
	return ""
}

// partsOf lists the parts to read for a record like r.
func partsOf(r State) []part {
	parts := recordParts[r.Entity]
	if r.legacy() {
		parts = append(slices.Clip(parts), legacyEventEvidence)
	}
	return parts
}

// idCondition selects the records ids.
func idCondition(ids []int64) (string, any) {
	if len(ids) == 1 {
		return "= ?", ids[0]
	}
	list, _ := json.Marshal(ids)
	return "IN (SELECT value FROM json_each(?))", string(list)
}

// readRecords reads the rows of the records ids of one entity, part by
// part. A record that does not exist is left out of the result.
func readRecords(ctx context.Context, tx *sql.Tx, entity string, parts []part, ids []int64) (map[int64]*State, error) {
	states := map[int64]*State{}
	if len(ids) == 0 {
		return states, nil
	}
	cond, arg := idCondition(ids)
	for i, p := range parts {
		rows, err := tx.QueryContext(ctx, fmt.Sprintf(p.query, cond), arg)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p.table, err)
		}
		cols, err := rows.Columns()
		if err != nil {
			rows.Close()
			return nil, err
		}
		keyAt := slices.Index(cols, p.key)
		for _, st := range states {
			st.Tables = append(st.Tables, tableRows{Table: p.table, Columns: cols, Rows: [][]any{}})
		}
		for rows.Next() {
			values := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for j := range values {
				ptrs[j] = &values[j]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, err
			}
			for j, v := range values {
				if b, ok := v.([]byte); ok {
					values[j] = string(b)
				}
			}
			id, _ := values[keyAt].(int64)
			st := states[id]
			if i == 0 {
				st = &State{Entity: entity, ID: id,
					Tables: []tableRows{{Table: p.table, Columns: cols, Rows: [][]any{}}}}
				states[id] = st
			}
			if st == nil {
				continue // cannot happen while foreign keys hold
			}
			st.Tables[i].Rows = append(st.Tables[i].Rows, values)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return states, nil
}

// Read reads the rows the records keys have now; a record that does not
// exist gives a state without rows.
func Read(ctx context.Context, tx *sql.Tx, keys []Key) ([]State, error) {
	shapes := make([]State, len(keys))
	for i, k := range keys {
		shapes[i] = State{Entity: k.Entity, ID: k.ID}
	}
	return readStates(ctx, tx, shapes)
}

// readStates reads the records named by like (only their entity, id and,
// for old changes, their form matter), in the same order; a record that
// does not exist gives a state without rows.
func readStates(ctx context.Context, tx *sql.Tx, like []State) ([]State, error) {
	type group struct {
		entity string
		legacy bool
	}
	ids := map[group][]int64{}
	var order []group
	for _, r := range like {
		g := group{r.Entity, r.legacy()}
		if _, seen := ids[g]; !seen {
			order = append(order, g)
		}
		ids[g] = append(ids[g], r.ID)
	}
	found := map[group]map[int64]*State{}
	for _, g := range order {
		parts := recordParts[g.entity]
		if g.legacy {
			parts = partsOf(State{Entity: g.entity, Tables: []tableRows{{Table: "evidence"}}})
		}
		states, err := readRecords(ctx, tx, g.entity, parts, ids[g])
		if err != nil {
			return nil, err
		}
		found[g] = states
	}
	out := make([]State, len(like))
	for i, r := range like {
		if st := found[group{r.Entity, r.legacy()}][r.ID]; st != nil {
			out[i] = *st
		} else {
			out[i] = State{Entity: r.Entity, ID: r.ID}
		}
	}
	return out, nil
}

// rowWriter writes saved rows back, preparing each statement once, since
// redoing an import writes many.
type rowWriter struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func (w *rowWriter) exec(query string, args ...any) error {
	st, ok := w.stmts[query]
	if !ok {
		var err error
		if st, err = w.tx.PrepareContext(w.ctx, query); err != nil {
			return err
		}
		w.stmts[query] = st
	}
	_, err := st.ExecContext(w.ctx, args...)
	return err
}

func (w *rowWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// write makes one record's rows those of target; exists says whether the
// record exists now. A record that stays is updated in place rather than
// deleted and inserted, since deleting an event would also delete the
// evidence that cites it, which belongs to predictions.
func (w *rowWriter) write(target State, exists bool) error {
	parts := recordParts[target.Entity]
	own := parts[0].table
	if !target.exists() {
		if !exists {
			return nil
		}
		return w.exec("DELETE FROM "+own+" WHERE id = ?", target.ID)
	}
	main := target.table(own)
	if main == nil || len(main.Rows) != 1 {
		return fmt.Errorf("the saved rows of %s %d are incomplete", target.Entity, target.ID)
	}
	if exists {
		var sets []string
		var args []any
		for i, c := range main.Columns {
			if c != "id" {
				sets = append(sets, c+" = ?")
				args = append(args, main.Rows[0][i])
			}
		}
		if err := w.exec("UPDATE "+own+" SET "+strings.Join(sets, ", ")+" WHERE id = ?", append(args, target.ID)...); err != nil {
			return fmt.Errorf("restore %s: %w", own, err)
		}
		for _, p := range partsOf(target)[1:] {
			if err := w.exec("DELETE FROM "+p.table+" WHERE "+p.key+" = ?", target.ID); err != nil {
				return err
			}
		}
	} else if err := w.insert(main); err != nil {
		return err
	}
	for i := range target.Tables {
		if t := &target.Tables[i]; t.Table != own {
			if err := w.insert(t); err != nil {
				return err
			}
		}
	}
	return nil
}

// insert adds saved rows to their table; a tag row names its tag, which is
// made if no record uses it any more.
func (w *rowWriter) insert(t *tableRows) error {
	if tagAt := slices.Index(t.Columns, "tag"); tagAt >= 0 && len(t.Columns) == 2 {
		owner := t.Columns[1-tagAt]
		for _, row := range t.Rows {
			if err := w.exec("INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING", row[tagAt]); err != nil {
				return fmt.Errorf("restore tag %v: %w", row[tagAt], err)
			}
			if err := w.exec("INSERT INTO "+t.Table+" ("+owner+", tag_id) SELECT ?, id FROM tags WHERE name = ?",
				row[1-tagAt], row[tagAt]); err != nil {
				return fmt.Errorf("restore tag %v: %w", row[tagAt], err)
			}
		}
		return nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(t.Columns)), ", ")
	query := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", t.Table, strings.Join(t.Columns, ", "), marks)
	for _, row := range t.Rows {
		if err := w.exec(query, row...); err != nil {
			return fmt.Errorf("restore %s: %w", t.Table, err)
		}
	}
	return nil
}

// DropUnusedTags removes tag names no record uses, after every tracked
// change and every undo or redo, so that the tag list always matches the
// records and undo leaves no trace of a tag it took away.
func DropUnusedTags(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM event_tags)
		AND id NOT IN (SELECT tag_id FROM prediction_tags)`)
	return err
}
