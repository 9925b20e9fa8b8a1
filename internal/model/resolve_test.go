package model

import (
	"errors"
	"testing"

	"github.com/hindsight-app/hindsight/internal/when"
)

func TestForResolveRefusesAnOpenStateAndTidiesTheNote(t *testing.T) {
	made := when.MustParse("2023-03")
	var verr *ValidationError
	if _, err := (Resolution{State: StateOpen}).ForResolve(made); !errors.As(err, &verr) || verr.Fields[0].Key != "error.state_open" {
		t.Errorf("open state: %v", err)
	}
	if _, err := (Resolution{State: StateTrue, On: when.MustParse("2022")}).ForResolve(made); !errors.As(err, &verr) || verr.Fields[0].Key != "error.resolved_before_made" {
		t.Errorf("resolved before made: %v", err)
	}
	r, err := Resolution{State: StateTrue, On: when.MustParse("2024-01"), Note: "  came true  "}.ForResolve(made)
	if err != nil || r.Note != "came true" {
		t.Errorf("ForResolve = %+v, %v", r, err)
	}
}

func TestCheckEvidenceNamesTheFirstMissingEvent(t *testing.T) {
	r := Resolution{Evidence: []Evidence{{EventID: 1}, {EventID: 2}, {EventID: 3}}}
	exists := func(id int64) (bool, error) { return id == 1, nil }
	var verr *ValidationError
	if err := r.CheckEvidence(exists); !errors.As(err, &verr) || verr.Fields[0].Field != "evidence[1]" || verr.Fields[0].Message != "event 2 does not exist" {
		t.Errorf("CheckEvidence = %v", err)
	}
	broken := errors.New("the database is gone")
	if err := r.CheckEvidence(func(int64) (bool, error) { return false, broken }); !errors.Is(err, broken) {
		t.Errorf("a failed read gives %v", err)
	}
	if err := r.CheckEvidence(func(int64) (bool, error) { return true, nil }); err != nil {
		t.Errorf("all exist: %v", err)
	}
}

func TestOrOpenAndKindOrForecastGiveWhatADatabaseKeeps(t *testing.T) {
	if r := (Resolution{State: "", Note: "not settled"}).OrOpen(); r.State != StateOpen || r.Note != "" {
		t.Errorf("unsettled: %+v", r)
	}
	settled := Resolution{State: StateFalse, Note: "missed"}
	if r := settled.OrOpen(); r.State != StateFalse || r.Note != "missed" {
		t.Errorf("settled: %+v", r)
	}
	if k := (Prediction{}).KindOrForecast(); k != KindForecast {
		t.Errorf("no kind gives %q", k)
	}
	if k := (Prediction{Kind: KindHope}).KindOrForecast(); k != KindHope {
		t.Errorf("a hope gives %q", k)
	}
}
