package pghistory

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

func conflictClaim() model.Prediction {
	made := when.MustParse("2023-02")
	deadline, err := when.ParseDeadline("within two years", made)
	if err != nil {
		panic(err)
	}
	return model.Prediction{ID: 5, Statement: "The conflict erupts", Source: "Blog author", SourceZh: "博客作者",
		Made: made, Deadline: deadline, Tags: []string{"openai", "governance"},
		Resolution: model.Resolution{State: model.StateTrue, On: when.MustParse("2023-11-17"),
			Evidence: []model.Evidence{{EventID: 9, Role: model.RoleSupports}, {EventID: 4, Role: model.RoleResolves}}},
		History:   []model.Wording{{Version: 1, Statement: "The conflict erupts", SavedAt: time.Date(2023, 2, 14, 0, 0, 0, 0, time.UTC)}},
		UpdatedAt: time.Date(2023, 11, 20, 0, 0, 0, 0, time.UTC)}
}

// A prediction's state keeps what its model's JSON leaves out (the
// deadline) and reads back as the prediction, its source's Chinese name
// aside (a detail of the source, not of the claim).
func TestPredictionStateReadsBack(t *testing.T) {
	p := conflictClaim()
	st, err := StateOf(store.EntityPrediction, p.ID, p)
	if err != nil {
		t.Fatal(err)
	}
	back, err := PredictionOf(st)
	if err != nil {
		t.Fatal(err)
	}
	want := p
	want.SourceZh = ""
	want.Tags = []string{"governance", "openai"}
	want.Resolution.Evidence = []model.Evidence{{EventID: 4, Role: model.RoleResolves}, {EventID: 9, Role: model.RoleSupports}}
	want.Links = []model.SourceLink{}
	if !reflect.DeepEqual(back, want) {
		t.Errorf("read back\n %+v\nwant %+v", back, want)
	}
	if events, restates := cites(st); !slices.Equal(events, []int64{4, 9}) || restates != 0 {
		t.Errorf("cites %v, %d", events, restates)
	}
	if tags := tagsOf([]State{st}); !slices.Equal(tags, []string{"governance", "openai"}) {
		t.Errorf("tags %v", tags)
	}
}

// A refusal names a prediction's changed parts as the SQLite store's
// history names them, and the claim by its statement.
func TestComparePredictionsNamesTheirFields(t *testing.T) {
	p := conflictClaim()
	want, _ := StateOf(store.EntityPrediction, p.ID, p)
	var loose map[string]any
	if err := json.Unmarshal(want.Record, &loose); err != nil {
		t.Fatal(err)
	}
	raw, _ := json.MarshalIndent(loose, "", "  ") // as read back from jsonb
	loosened := State{Entity: store.EntityPrediction, ID: p.ID, Record: raw}
	if problem, err := compare(&loosened, want, true, store.EntityPrediction, p.ID); problem != nil || err != nil {
		t.Fatalf("the same prediction compared as %+v, %v", problem, err)
	}
	p.Deadline.Phrase = "by 2025"
	p.Criteria = "A public split"
	p.Resolution.Evidence = p.Resolution.Evidence[:1]
	p.History = append(p.History, model.Wording{Version: 2, Statement: "The conflict erupts at last"})
	now, _ := StateOf(store.EntityPrediction, p.ID, p)
	problem, err := compare(&loosened, now, true, store.EntityPrediction, p.ID)
	if err != nil || problem == nil {
		t.Fatalf("a changed prediction compared as %+v, %v", problem, err)
	}
	wantFields := []string{store.FieldCriteria, store.FieldDeadline, store.FieldEvidence, store.FieldVersions}
	if problem.Label != "The conflict erupts" || !slices.Equal(problem.Fields, wantFields) {
		t.Errorf("refusal %+v; want %v", problem, wantFields)
	}
}
