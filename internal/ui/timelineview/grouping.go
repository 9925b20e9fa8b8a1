package timelineview

import "github.com/hindsight-app/hindsight/internal/ui/timelineview/items"

// Words are the texts the timeline shows, in the interface language. The
// window passes them in; a test may pass words of its own.
type Words = items.Words

// Grouping chooses what the event lanes of the timeline stand for.
type Grouping = items.Grouping

// The groupings of event lanes; predictions always get one lane per source.
const (
	GroupByActor    = items.GroupByActor
	GroupByCategory = items.GroupByCategory
	GroupByTag      = items.GroupByTag
)
