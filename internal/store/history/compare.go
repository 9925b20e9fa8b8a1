package history

import (
	"database/sql"
	"fmt"
	"hash/crc32"
	"math"
	"slices"
	"strconv"
	"strings"
)

// appendValue writes v in a form that two equal values share whatever way
// they were read: a REAL column holding 1 reads as 1.0 from SQLite and as
// 1 from the history's JSON.
func appendValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, 'N')
	case int64:
		return strconv.AppendInt(append(b, 'I'), x, 10)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return strconv.AppendInt(append(b, 'I'), int64(x), 10)
		}
		return strconv.AppendFloat(append(b, 'F'), x, 'g', -1, 64)
	case string:
		b = strconv.AppendInt(append(b, 'S'), int64(len(x)), 10)
		return append(append(b, ':'), x...)
	default:
		return fmt.Appendf(b, "?%T:%v", x, x)
	}
}

// rowKeys gives each row in the comparable form of appendValue, taking the
// columns in the order of columns, and sorts them: a part's rows are a set.
func rowKeys(t *tableRows, columns []string) []string {
	at := make([]int, len(columns))
	for i, c := range columns {
		at[i] = slices.Index(t.Columns, c)
	}
	keys := make([]string, 0, len(t.Rows))
	var b []byte
	for _, row := range t.Rows {
		b = b[:0]
		for _, j := range at {
			if j < 0 {
				b = append(b, '-')
			} else {
				b = appendValue(b, row[j])
			}
			b = append(b, 0x1f)
		}
		keys = append(keys, string(b))
	}
	slices.Sort(keys)
	return keys
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// digest fingerprints a record's rows, one checksum per part, so that a
// change to many records need not keep all their rows while it is applied,
// and a difference can still be told part by part. It reads each row's
// values in their order, as SELECT * gives them.
func digest(r State) string {
	parts := make([][]string, len(r.Tables))
	for i, t := range r.Tables {
		for _, row := range t.Rows {
			parts[i] = append(parts[i], valuesKey(row))
		}
	}
	return sumParts(parts)
}

// valuesKey is a row's values in the comparable form of appendValue.
func valuesKey(values []any) string {
	var b []byte
	for _, v := range values {
		b = append(appendValue(b, v), 0x1f)
	}
	return string(b)
}

// sumParts checksums each part's rows, as a set, and joins the sums.
func sumParts(parts [][]string) string {
	const hexDigits = "0123456789abcdef"
	out := make([]byte, 0, 9*len(parts))
	for i, keys := range parts {
		slices.Sort(keys)
		var sum uint32
		for _, k := range keys {
			sum = crc32.Update(sum, castagnoli, []byte(k))
			sum = crc32.Update(sum, castagnoli, []byte{0x1e})
		}
		if i > 0 {
			out = append(out, '.')
		}
		for shift := 28; shift >= 0; shift -= 4 {
			out = append(out, hexDigits[sum>>shift&0xf])
		}
	}
	return string(out)
}

// Fingerprint builds the digest of a record from the values a bulk write
// gives its rows, so that the write need not read them back. Each row's
// values must be those SELECT * reads, in the same order (a store test,
// TestBulkFingerprintsMatchTheRows, holds the two together).
type Fingerprint struct {
	parts [][]string
}

// NewFingerprint starts the fingerprint of a record of entity.
func NewFingerprint(entity string) *Fingerprint {
	return &Fingerprint{parts: make([][]string, len(recordParts[entity]))}
}

// Row adds one row to the part at index part; a row given twice (a tag
// written twice is saved once) counts once.
func (f *Fingerprint) Row(part int, values ...any) {
	for i, v := range values {
		values[i] = plainValue(v)
	}
	if key := valuesKey(values); !slices.Contains(f.parts[part], key) {
		f.parts[part] = append(f.parts[part], key)
	}
}

// Sum is the record's digest.
func (f *Fingerprint) Sum() string { return sumParts(f.parts) }

// plainValue turns a value bound to a statement into what SQLite gives
// back for it.
func plainValue(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case sql.NullInt64:
		if !x.Valid {
			return nil
		}
		return x.Int64
	case *float64:
		if x == nil {
			return nil
		}
		return *x
	}
	return v
}

// columnFields names what a column of a record's own row holds, for a
// refusal; columns of one field (a date and its bounds) share the name.
var columnFields = map[string]string{
	"title": FieldTitle, "title_zh": FieldTitleZh, "date": FieldDate, "end_date": FieldDate,
	"earliest": FieldDate, "latest": FieldDate, "actor": FieldActor, "category": FieldCategory,
	"description": FieldDescription, "created_at": FieldCreated, "updated_at": FieldSaved,
	"statement": FieldStatement, "statement_zh": FieldStatementZh, "source_id": FieldSource,
	"made": FieldMade, "made_earliest": FieldMade, "deadline": FieldDeadline, "deadline_phrase": FieldDeadline,
	"due_earliest": FieldDeadline, "due_latest": FieldDeadline, "probability": FieldProbability,
	"criteria": FieldCriteria, "link_url": FieldLink, "link_quote": FieldLink, "state": FieldResolution,
	"fraction": FieldResolution, "resolved_on": FieldResolution, "resolution_note": FieldResolution,
	"kind": FieldKind, "provenance": FieldProvenance, "interest": FieldInterest, "restates": FieldRestates,
	"reviewed_on": FieldReviewed,
	"start":       FieldDate, "color": FieldColor, "lane": FieldLane,
}

// differences lists what differs between the state want, which a change
// left behind, and the state got that the record has now: fields of its
// own row and parts (tags, links…). Both must exist; got has rows.
func differences(want, got State) []string {
	parts := partsOf(got)
	var fields []string
	add := func(f string) {
		if !slices.Contains(fields, f) {
			fields = append(fields, f)
		}
	}
	if want.Digest != "" {
		wantSums := strings.Split(want.Digest, ".")
		if len(wantSums) < len(parts) && got.Entity == EntityPrediction {
			// A fingerprint taken under schema 2: compare the record as
			// schema 2 would have read it.
			got, parts = schema2Prediction(got), parts[:len(wantSums)]
		}
		gotSums := strings.Split(digest(got), ".")
		for i, p := range parts {
			if i < len(wantSums) && i < len(gotSums) && wantSums[i] == gotSums[i] {
				continue
			}
			if i == 0 {
				add(FieldDetails)
			} else {
				add(p.field)
			}
		}
		return fields
	}
	for i, p := range parts {
		w, g := want.table(p.table), got.table(p.table)
		if w == nil || g == nil {
			continue // a part this change did not keep
		}
		if i > 0 {
			if !slices.Equal(rowKeys(w, w.Columns), rowKeys(g, w.Columns)) {
				add(p.field)
			}
			continue
		}
		if len(w.Rows) != 1 || len(g.Rows) != 1 {
			add(FieldDetails)
			continue
		}
		for j, c := range w.Columns {
			k := slices.Index(g.Columns, c)
			if k < 0 || string(appendValue(nil, w.Rows[0][j])) != string(appendValue(nil, g.Rows[0][k])) {
				f := columnFields[c]
				if f == "" {
					f = c
				}
				add(f)
			}
		}
	}
	if len(fields) > 1 {
		fields = slices.DeleteFunc(fields, func(f string) bool { return f == FieldSaved })
	}
	return fields
}

// sameState reports whether a record's state now, got, is the state want.
func sameState(want, got State) bool {
	if !want.exists() || !got.exists() {
		return want.exists() == got.exists()
	}
	return len(differences(want, got)) == 0
}
