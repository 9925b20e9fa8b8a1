package history

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// storedState is the JSON of a change's before or after column: the
// records' rows, or for a batch change that is applied, their
// fingerprints (entity → id → digest). Schema 1 stored one record's rows
// as Tables, its tags by id.
type storedState struct {
	Records []State     `json:"records,omitempty"`
	Digests Digests     `json:"digests,omitempty"`
	Tables  []tableRows `json:"tables,omitempty"`
}

// encodeStates writes the states of the records that exist; no records
// give an empty text.
func encodeStates(states []State) (string, error) {
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
func decodeStates(c Change, text string) ([]State, error) {
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
		stored.Records = []State{{Entity: c.Entity, ID: c.EntityID, Tables: tables}}
	}
	for i, r := range stored.Records {
		for _, t := range r.Tables {
			for _, row := range t.Rows {
				plainNumbers(row)
			}
		}
		stored.Records[i] = fromSchema2(r)
	}
	for _, entity := range bulkEntities {
		ids := make([]int64, 0, len(stored.Digests[entity]))
		for id := range stored.Digests[entity] {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			stored.Records = append(stored.Records, State{Entity: entity, ID: id, Digest: stored.Digests[entity][id]})
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

func encodeDigests(digests Digests) (string, error) {
	b, err := json.Marshal(storedState{Digests: digests})
	return string(b), err
}
