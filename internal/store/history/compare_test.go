package history

import (
	"database/sql"
	"slices"
	"testing"
)

// The history and SQLite give the same value back in different Go types;
// the comparison must not take that for a change.
func TestEqualValuesCompareEqualWhateverTheirType(t *testing.T) {
	same := [][2]any{{int64(1), 1.0}, {0.5, 0.5}, {nil, nil}, {"", ""}}
	for _, p := range same {
		if string(appendValue(nil, p[0])) != string(appendValue(nil, p[1])) {
			t.Errorf("%#v and %#v differ", p[0], p[1])
		}
	}
	differ := [][2]any{{int64(1), "1"}, {nil, ""}, {nil, int64(0)}, {0.5, 0.25}, {"a\x1fb", "a"}}
	for _, p := range differ {
		if string(appendValue(nil, p[0])) == string(appendValue(nil, p[1])) {
			t.Errorf("%#v and %#v compare equal", p[0], p[1])
		}
	}
	if plainValue(sql.NullInt64{}) != nil || plainValue(sql.NullInt64{Int64: 3, Valid: true}) != int64(3) ||
		plainValue((*float64)(nil)) != nil || plainValue(2) != int64(2) {
		t.Error("values bound to a statement read back differently")
	}
}

func event(title string, tags ...string) State {
	tagRows := [][]any{}
	for _, tag := range tags {
		tagRows = append(tagRows, []any{int64(1), tag})
	}
	return State{Entity: EntityEvent, ID: 1, Tables: []tableRows{
		{Table: "events", Columns: []string{"id", "title", "earliest", "latest", "updated_at"},
			Rows: [][]any{{int64(1), title, int64(10), int64(20), "2024-01-01T00:00:00Z"}}},
		{Table: "event_tags", Columns: []string{"event_id", "tag"}, Rows: tagRows},
		{Table: "event_links", Columns: []string{"event_id", "position", "url", "quote"}, Rows: [][]any{}},
	}}
}

func TestDifferencesNameFieldsAndParts(t *testing.T) {
	want := event("GPT-4", "a", "b")
	if got := differences(want, event("GPT-4", "b", "a")); len(got) != 0 {
		t.Errorf("tags in another order read as %v", got)
	}
	got := event("GPT-4 (edited)", "a")
	got.Tables[0].Rows[0][3] = int64(21)
	got.Tables[0].Rows[0][4] = "2024-02-01T00:00:00Z"
	if fields := differences(want, got); !slices.Equal(fields, []string{FieldTitle, FieldDate, FieldTags}) {
		t.Errorf("differences = %v; the time saved goes unsaid next to a real change", fields)
	}
	onlySaved := event("GPT-4", "a", "b")
	onlySaved.Tables[0].Rows[0][4] = "2024-02-01T00:00:00Z"
	if fields := differences(want, onlySaved); !slices.Equal(fields, []string{FieldSaved}) {
		t.Errorf("only the time saved changed: %v", fields)
	}
	// A record kept by its fingerprint tells the part that changed.
	printed := State{Entity: EntityEvent, ID: 1, Digest: digest(want)}
	if !sameState(printed, event("GPT-4", "b", "a")) {
		t.Error("a fingerprint differs from the rows it was made of")
	}
	if fields := differences(printed, event("GPT-4", "c")); !slices.Equal(fields, []string{FieldTags}) {
		t.Errorf("fingerprint differences = %v", fields)
	}
	if sameState(State{Entity: EntityEvent, ID: 1}, want) || !sameState(State{Entity: EntityEvent, ID: 1}, State{}) {
		t.Error("a record that exists compares equal to none, or none to none unequal")
	}
}

// A fingerprint made from the values a write binds equals the digest of
// the rows it wrote.
func TestFingerprintMatchesDigest(t *testing.T) {
	f := NewFingerprint(EntityEvent)
	f.Row(0, int64(1), "GPT-4", 10, 20, "2024-01-01T00:00:00Z")
	f.Row(1, int64(1), "b")
	f.Row(1, int64(1), "a")
	f.Row(1, int64(1), "a") // saved once
	if got, want := f.Sum(), digest(event("GPT-4", "a", "b")); got != want {
		t.Errorf("fingerprint %s, digest %s", got, want)
	}
}

// Schema 1 kept a record's tags by id, with the tag rows alongside.
func TestSchema1ChangesReadWithTagsByName(t *testing.T) {
	text := `{"tables":[{"table":"events","columns":["id","title"],"rows":[[4,"Undone addition"]]},` +
		`{"table":"tags","columns":["id","name"],"rows":[[7,"alpha"],[9,"beta"]]},` +
		`{"table":"event_tags","columns":["event_id","tag_id"],"rows":[[4,9],[4,7]]},` +
		`{"table":"event_links","columns":["event_id","position","url","quote"],"rows":[]},` +
		`{"table":"evidence","columns":["prediction_id","event_id","role"],"rows":[[2,4,"resolves"]]}]}`
	states, err := decodeStates(Change{Entity: EntityEvent, EntityID: 4}, text)
	if err != nil || len(states) != 1 {
		t.Fatalf("%v, %v", states, err)
	}
	st := states[0]
	if st.Entity != EntityEvent || st.ID != 4 || st.table("tags") != nil || !st.legacy() || st.label() != "Undone addition" {
		t.Errorf("state = %+v", st)
	}
	tags := st.table("event_tags")
	if tags == nil || !slices.Equal(tags.Columns, []string{"event_id", "tag"}) ||
		tags.Rows[0][1] != "beta" || tags.Rows[1][1] != "alpha" || tags.Rows[0][0] != int64(4) {
		t.Errorf("tags = %+v", tags)
	}
	if _, err := decodeStates(Change{Entity: EntityEvent, EntityID: 4},
		`{"tables":[{"table":"event_tags","columns":["event_id","tag_id"],"rows":[[4,9]]}]}`); err == nil {
		t.Error("a tag id without its name was read")
	}
}

func TestDescribeCountsRecords(t *testing.T) {
	for _, c := range []struct {
		change Change
		want   string
	}{
		{Change{Action: ActionImport, Entity: EntityBatch, Events: 952}, "import of 952 events"},
		{Change{Action: ActionImport, Entity: EntityBatch, Events: 1, Predictions: 1}, "import of 1 event and 1 prediction"},
		{Change{Action: ActionAdd, Entity: EntityBatch, Predictions: 3}, "add of 3 predictions"},
		{Change{Action: ActionUpdate, Entity: EntityEvent, EntityID: 3, Label: "GPT-4"}, "update of event 3 “GPT-4”"},
	} {
		if got := c.change.Describe(); got != c.want {
			t.Errorf("%+v reads %q, want %q", c.change, got, c.want)
		}
	}
}
