package pghistory

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// State is one record as a change found or left it: the record's
// model as JSON (model.Event, model.Period; a prediction as
// predictionState).
type State struct {
	Entity string          `json:"entity"`
	ID     int64           `json:"id"`
	Record json.RawMessage `json:"record"`
}

// Key names a record in the changes table: its kind and id.
func Key(entity string, id int64) string { return entity + ":" + strconv.FormatInt(id, 10) }

// StateOf is the state of a record as model m, written the same way
// whichever way it was read: tags sorted, empty lists as [].
func StateOf(entity string, id int64, m any) (State, error) {
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
	case model.Prediction:
		m = stateOfPrediction(r)
	}
	raw, err := json.Marshal(m)
	return State{Entity: entity, ID: id, Record: raw}, err
}

// predictionState is a prediction as the history keeps it: the model's
// JSON, with the deadline (which that leaves out) and the evidence of its
// resolution as fields of their own, so that a refusal can name them.
// The source's Chinese name is left out: it belongs to the source, which
// an import may fill in without touching the prediction.
type predictionState struct {
	model.Prediction
	Deadline       string           `json:"deadline"`
	DeadlinePhrase string           `json:"deadline_phrase"`
	Evidence       []model.Evidence `json:"evidence"`
}

// stateOfPrediction is p as the history writes it, whichever way it was
// read: tags sorted, evidence by event, empty lists as [].
func stateOfPrediction(p model.Prediction) predictionState {
	p.Tags = slices.Sorted(slices.Values(p.Tags))
	if p.Tags == nil {
		p.Tags = []string{}
	}
	if p.Links == nil {
		p.Links = []model.SourceLink{}
	}
	evidence := slices.SortedFunc(slices.Values(p.Resolution.Evidence), func(a, b model.Evidence) int {
		return cmp.Compare(a.EventID, b.EventID)
	})
	if evidence == nil {
		evidence = []model.Evidence{}
	}
	p.Resolution.Evidence = nil
	p.SourceZh = ""
	return predictionState{Prediction: p, Deadline: p.Deadline.Canonical(), DeadlinePhrase: p.Deadline.Phrase, Evidence: evidence}
}

// PredictionOf reads back a prediction from its state (see StateOf).
func PredictionOf(st State) (model.Prediction, error) {
	var ps predictionState
	if err := json.Unmarshal(st.Record, &ps); err != nil {
		return model.Prediction{}, err
	}
	p := ps.Prediction
	if ps.Deadline != "" {
		d, err := when.ParseCanonicalDeadline(ps.Deadline)
		if err != nil {
			return p, fmt.Errorf("prediction %d: unreadable deadline %q: %w", st.ID, ps.Deadline, err)
		}
		p.Deadline = d
	}
	p.Deadline.Phrase = ps.DeadlinePhrase
	p.Resolution.Evidence = ps.Evidence
	return p, nil
}

// cites lists what a record's state points at outside its own rows: the
// events a prediction's evidence cites and the claim it restates.
func cites(st State) (events []int64, restates int64) {
	if st.Entity != store.EntityPrediction {
		return nil, 0
	}
	var r struct {
		Evidence []model.Evidence `json:"evidence"`
		Restates int64            `json:"restates"`
	}
	_ = json.Unmarshal(st.Record, &r)
	for _, ev := range r.Evidence {
		events = append(events, ev.EventID)
	}
	return events, r.Restates
}

// tagsOf lists the tags the states name.
func tagsOf(states []State) []string {
	var names []string
	for _, st := range states {
		var r struct {
			Tags []string `json:"tags"`
		}
		_ = json.Unmarshal(st.Record, &r)
		names = append(names, r.Tags...)
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// canonical rewrites st as StateOf writes it, for a state read back from
// the database (whose JSON keeps neither key order nor spacing).
func canonical(st State) (State, error) {
	switch st.Entity {
	case store.EntityEvent:
		var e model.Event
		if err := json.Unmarshal(st.Record, &e); err != nil {
			return st, err
		}
		return StateOf(st.Entity, st.ID, e)
	case store.EntityPeriod:
		var p model.Period
		if err := json.Unmarshal(st.Record, &p); err != nil {
			return st, err
		}
		return StateOf(st.Entity, st.ID, p)
	case store.EntityPrediction:
		var ps predictionState
		if err := json.Unmarshal(st.Record, &ps); err != nil {
			return st, err
		}
		raw, err := json.Marshal(ps)
		return State{Entity: st.Entity, ID: st.ID, Record: raw}, err
	}
	return st, fmt.Errorf("the history keeps no %s", st.Entity)
}

// compare says how the record entity id, now as now (exists false: gone),
// differs from want (nil: the change left none); nil when it does not.
func compare(want *State, now State, exists bool, entity string, id int64) (*store.ConflictError, error) {
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

func byKey(states []State) map[string]*State {
	m := make(map[string]*State, len(states))
	for i := range states {
		m[Key(states[i].Entity, states[i].ID)] = &states[i]
	}
	return m
}

// SplitKey is the kind and id of the record k names (see Key).
func SplitKey(k string) (string, int64) {
	entity, id, _ := strings.Cut(k, ":")
	n, _ := strconv.ParseInt(id, 10, 64)
	return entity, n
}

// labelOf is a record's title or statement, for a refusal.
func labelOf(st State) string {
	var r struct {
		Title     string `json:"title"`
		Statement string `json:"statement"`
	}
	_ = json.Unmarshal(st.Record, &r)
	return cmp.Or(r.Title, r.Statement)
}

// recordFields names what a key of a record's JSON holds, for a refusal.
var recordFields = map[string]string{
	"title": store.FieldTitle, "title_zh": store.FieldTitleZh, "date": store.FieldDate, "end": store.FieldDate,
	"start": store.FieldDate, "actor": store.FieldActor, "category": store.FieldCategory, "tags": store.FieldTags,
	"description": store.FieldDescription, "links": store.FieldLinks, "created_at": store.FieldCreated,
	"updated_at": store.FieldSaved, "color": store.FieldColor, "lane": store.FieldLane,
	"statement": store.FieldStatement, "statement_zh": store.FieldStatementZh, "source": store.FieldSource,
	"kind": store.FieldKind, "made": store.FieldMade, "provenance": store.FieldProvenance,
	"deadline": store.FieldDeadline, "deadline_phrase": store.FieldDeadline, "probability": store.FieldProbability,
	"criteria": store.FieldCriteria, "interest": store.FieldInterest, "restates": store.FieldRestates,
	"reviewed_on": store.FieldReviewed, "resolution": store.FieldResolution, "evidence": store.FieldEvidence,
	"history": store.FieldVersions,
}

// fieldsDiffering names the fields in which two states of one record
// differ; the time saved goes unsaid beside a real change.
func fieldsDiffering(a, b State) ([]string, error) {
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
