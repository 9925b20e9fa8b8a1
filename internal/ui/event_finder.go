package ui

import (
	"context"

	"fyne.io/fyne/v2"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// nearLimit caps the events read around a resolution date for the
// suggestions; the nearest are listed anyway.
const nearLimit = 2000

// eventFinder finds evidence for the resolve form in the store: a window
// of days, a search, a few events by id. Each is one indexed query.
type eventFinder struct{ session *app.Session }

func (f eventFinder) Near(from, to when.Day) []model.Event {
	events, err := f.session.Reads().Near(context.Background(), from, to, nearLimit)
	return logged(events, err)
}

func (f eventFinder) Search(query string, limit int) []model.Event {
	events, err := f.session.Reads().Search(context.Background(), query, limit)
	return logged(events, err)
}

func (f eventFinder) Get(ids []int64) []model.Event {
	events, err := f.session.Reads().ByID(context.Background(), ids)
	return logged(events, err)
}

// logged passes events on, logging err: the form lists what it could
// find and says nothing was found otherwise.
func logged(events []model.Event, err error) []model.Event {
	if err != nil {
		fyne.LogError("finding events for the resolve form", err)
	}
	return events
}
