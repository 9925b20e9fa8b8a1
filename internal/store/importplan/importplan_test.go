package importplan

import (
	"slices"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
)

func TestRestatedFirstPutsARestatedClaimFirstAndEndsALoop(t *testing.T) {
	preds := []model.Prediction{{ID: 1, Restates: 2}, {ID: 2, Restates: 3}, {ID: 3}, {ID: 4, Restates: 5}, {ID: 5, Restates: 4}}
	var got []int64
	for _, p := range RestatedFirst(preds) {
		got = append(got, p.ID)
	}
	if want := []int64{3, 2, 1, 5, 4}; !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}

func TestSortEventsTellsAWholeRepeatFromAnEventThatSharesItsKey(t *testing.T) {
	a := model.Event{ID: 1, Title: "GPT-4", Actor: "OpenAI"}
	repeat := a
	repeat.ID = 2
	other := a
	other.ID, other.Description = 3, "another event of the same title, date and actor"
	known := model.Event{ID: 4, Title: "Claude", Actor: "Anthropic"}
	existing := map[string]int64{EventKeyOf("claude", known.Date.String(), "ANTHROPIC"): 40} // case aside
	c := SortEvents([]model.Event{a, repeat, other, known}, existing)
	var fresh []int64
	for _, e := range c.Fresh {
		fresh = append(fresh, e.ID)
	}
	if want := []int64{1, 3}; !slices.Equal(fresh, want) {
		t.Errorf("fresh = %v, want %v", fresh, want)
	}
	if c.Target[4] != 40 || c.CopyOf[2] != 1 || len(c.Dups) != 2 {
		t.Errorf("target %v, copyOf %v, %d duplicates", c.Target, c.CopyOf, len(c.Dups))
	}
	c.Target[1] = 100
	c.PointCopies()
	if c.Target[2] != 100 {
		t.Errorf("the repeat points at %d, want the first copy's 100", c.Target[2])
	}
}

func TestRepointDropsEvidenceOfNoSavedEventAndFollowsACopiedClaim(t *testing.T) {
	preds := Copies[model.Prediction]{Target: map[int64]int64{7: 70}, CopyOf: map[int64]int64{8: 7}}
	p := model.Prediction{ID: 9, Restates: 8, Resolution: model.Resolution{Evidence: []model.Evidence{
		{EventID: 1, Role: "settles"}, {EventID: 2}, {EventID: 3}}}}
	got := Repoint(p, map[int64]int64{1: 10, 3: 10}, preds)
	if got.Restates != 70 {
		t.Errorf("restates %d, want 70", got.Restates)
	}
	if want := []model.Evidence{{EventID: 10, Role: "settles"}}; !slices.Equal(got.Resolution.Evidence, want) {
		t.Errorf("evidence %v, want %v", got.Resolution.Evidence, want)
	}
}

func TestSortPeriodsKeepsIDsOnlyWhenUniqueAndUnused(t *testing.T) {
	periods := []model.Period{{ID: 5, Title: "Era"}, {ID: 6, Title: "era"}, {ID: 7, Title: "Other"}}
	s := SortPeriods(periods, map[string]bool{})
	if len(s.Added) != 2 || len(s.Dups) != 1 || !s.KeepIDs {
		t.Fatalf("added %d, duplicates %d, keep ids %v", len(s.Added), len(s.Dups), s.KeepIDs)
	}
	s.Above(6)
	if s.KeepIDs {
		t.Error("ids kept although the database gave out id 5")
	}
	if s := SortPeriods([]model.Period{{Title: "No id"}}, map[string]bool{}); s.KeepIDs {
		t.Error("ids kept for a period with none")
	}
}

func TestCountRemindersAndAbove(t *testing.T) {
	preds := []model.Prediction{{ID: 1}, {ID: 2}}
	kept, unmatched := CountReminders([]model.Reminder{{PredictionID: 1}, {PredictionID: 3}, {}}, preds)
	if kept != 1 || unmatched != 2 {
		t.Errorf("kept %d, unmatched %d", kept, unmatched)
	}
	if Above(nil, preds, 0, 1) || !Above(nil, preds, 5, 0) {
		t.Error("Above does not compare the prediction ids with the last one given")
	}
}
