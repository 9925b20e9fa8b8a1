package exchange

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// A version 2 file carries every field of a claim; what the store could
// not keep is reported, not dropped in silence.
func TestReadHindsightJSONVersion2Claims(t *testing.T) {
	// The question with a probability is refused.
	res := readCounting(t, "hindsight-export-v2.json", FormatHindsightJSON, 1, 5)
	preds := res.Doc.Predictions
	agi := preds[0]
	wantLinks := []model.SourceLink{
		{URL: "https://example.com/later-post", Quote: "I predicted it in February", Published: when.MustParse("2024-01~")},
		{URL: "https://example.com/feb-talk", Primary: true},
	}
	if agi.Kind != model.KindForecast || agi.Provenance != model.ProvenanceRetrospective || agi.Interest != "runs an AGI fund" ||
		!reflect.DeepEqual(agi.Links, wantLinks) || agi.SourceUnconfirmed() {
		t.Errorf("forecast 41: %+v", agi)
	}
	again := preds[1]
	if again.Restates != 41 || again.ReviewedOn.String() != "2026-06-01" || *again.Probability != 0.6 || again.SourceUnconfirmed() != true {
		t.Errorf("restatement 42: %+v", again)
	}
	hope := preds[2]
	if hope.Kind != model.KindHope || hope.Provenance != model.ProvenanceContemporaneous || hope.State() != model.StateTrue ||
		len(hope.Resolution.Evidence) != 1 {
		t.Errorf("hope 43: %+v", hope)
	}
	opinion := preds[3]
	if opinion.Kind != model.KindOpinion || opinion.State() != model.StateUnfalsifiable || !opinion.Resolution.On.IsZero() {
		t.Errorf("opinion 44: %+v", opinion)
	}
	other := preds[4]
	if other.Restates != 0 || other.Kind != model.KindForecast {
		t.Errorf("46 restates another source's claim and should restate none: %+v", other)
	}
	problemSays(t, res.Problems, "predictions[4]", "probability", "question")
	problemSays(t, res.Problems, "prediction 46", "restates", "another source")
}

// Markwhen carries predictions as entries with a claim property.
func TestReadMarkwhenClaims(t *testing.T) {
	res := readCounting(t, "markwhen-claims.mw", FormatMarkwhen, 1, 3)
	agi := res.Doc.Predictions[0]
	if agi.Statement != "AGI by 2025" || agi.Made.String() != "2023-02" || agi.Source != "Futurist" || agi.Provenance != model.ProvenanceRetrospective ||
		agi.Deadline.Canonical() != "within:24" || len(agi.Links) != 2 || !agi.Links[1].Primary || agi.Links[0].Published.String() != "2024-01~" {
		t.Errorf("first: %s", describe(agi))
	}
	if again := res.Doc.Predictions[1]; again.Restates != 41 || *again.Probability != 0.6 {
		t.Errorf("second: %s", describe(again))
	}
	hope := res.Doc.Predictions[2]
	if hope.Kind != model.KindHope || hope.State() != model.StateTrue || len(hope.Resolution.Evidence) != 1 ||
		hope.Resolution.Evidence[0].EventID != 31 || !strings.Contains(hope.Criteria, "A line written by hand") {
		t.Errorf("hope: %s", describe(hope))
	}
	problemSays(t, res.Problems, "line 35", "probability", "question")
}

// Plan lists what each format cannot carry of the new fields: TimelineJS
// and CSV of events have no predictions; every other format keeps them.
func TestPlanOfClaims(t *testing.T) {
	res := readTestdata(t, "hindsight-export-v2.json", FormatHindsightJSON)
	for i := range res.Doc.Predictions {
		res.Doc.Predictions[i].Resolution.Evidence = nil // CSV has no events to name
	}
	for _, f := range []Format{FormatHindsightJSON, FormatCSVPredictions, FormatMarkwhen} {
		for _, l := range Plan(f, Document{Predictions: res.Doc.Predictions}, WriteOptions{}) {
			t.Errorf("%s loses something of claims without times or evidence: %s", f, l)
		}
	}
	if l, ok := lossOf(Plan(FormatTimelineJS, res.Doc, WriteOptions{}), "predictions", LossRecords); !ok || l.Count != 5 {
		t.Errorf("TimelineJS: %+v", l)
	}
}
