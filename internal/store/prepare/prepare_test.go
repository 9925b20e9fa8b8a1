package prepare

import (
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestNewStampsBothTimesAndChangedOnlyTheLast(t *testing.T) {
	made := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	e := model.Event{Title: "  GPT-4  ", Date: when.MustParse("2023-03-14"), Category: model.CategoryModel}
	if err := New(&e, Event, made); err != nil {
		t.Fatal(err)
	}
	if e.Title != "GPT-4" || !e.CreatedAt.Equal(made) || !e.UpdatedAt.Equal(made) {
		t.Errorf("new event: %q, made %v, changed %v", e.Title, e.CreatedAt, e.UpdatedAt)
	}
	later := made.Add(time.Hour)
	if err := Changed(&e, Event, later); err != nil {
		t.Fatal(err)
	}
	if !e.CreatedAt.Equal(made) || !e.UpdatedAt.Equal(later) {
		t.Errorf("changed event: made %v, changed %v", e.CreatedAt, e.UpdatedAt)
	}
}

func TestAllNamesTheInvalidRecordByItsPlace(t *testing.T) {
	events := []model.Event{
		{Title: "GPT-4", Date: when.MustParse("2023-03-14"), Category: model.CategoryModel},
		{Title: "", Date: when.MustParse("2023-03-15"), Category: model.CategoryModel},
	}
	err := Events(events, Now())
	if err == nil || !strings.HasPrefix(err.Error(), "event 2 of 2: ") {
		t.Errorf("Events = %v", err)
	}
	if now := Now(); now.Location() != time.UTC || now.Nanosecond() != 0 {
		t.Errorf("Now = %v, want whole seconds of UTC", now)
	}
}
