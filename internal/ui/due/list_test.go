package due

import (
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The Due list holds the open predictions past or near their deadline,
// then the open claims nobody has reviewed for six months.
func TestDueItemsListReviews(t *testing.T) {
	today := when.DayOf(2026, 7, 1)
	created := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	dl := when.MustParseDeadline
	made := when.MustParse("2025-01")
	preds := []model.Prediction{
		{ID: 1, Statement: "overdue", Made: made, Deadline: dl("by end of 2025", made), CreatedAt: created},
		{ID: 2, Statement: "no deadline, never reviewed", Made: made, Kind: model.KindQuestion, CreatedAt: created},
		{ID: 3, Statement: "reviewed last month", Made: made, ReviewedOn: when.MustParse("2026-06-01"), CreatedAt: created},
		{ID: 4, Statement: "due in 2030, reviewed long ago", Made: made, Deadline: dl("by end of 2030", made),
			ReviewedOn: when.MustParse("2025-06-01"), CreatedAt: created},
		{ID: 5, Statement: "resolved", Made: made, CreatedAt: created,
			Resolution: model.Resolution{State: model.StateFalse, On: when.MustParse("2025-06")}},
	}
	got := itemsDue(preds, today)
	var ids []int64
	var reviews []bool
	for _, it := range got {
		ids = append(ids, it.p.ID)
		reviews = append(reviews, it.review)
	}
	if len(ids) != 3 || ids[0] != 1 || reviews[0] || ids[1] != 2 || !reviews[1] || ids[2] != 4 || !reviews[2] {
		t.Errorf("due items %v (reviews %v), want 1 by its deadline, then 2 and 4 for a review, longest unreviewed first", ids, reviews)
	}
}
