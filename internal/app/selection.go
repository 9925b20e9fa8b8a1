package app

// SelectionKind tells what a Selection points at.
type SelectionKind int

// Kinds of selection.
const (
	SelectNone SelectionKind = iota
	SelectEvent
	SelectPrediction
	SelectPeriod
)

// Selection names the record a person picked: on the timeline, in a table,
// in the search results. The zero value selects nothing.
type Selection struct {
	Kind SelectionKind
	ID   int64
}

// EventSelection selects event id.
func EventSelection(id int64) Selection { return Selection{Kind: SelectEvent, ID: id} }

// PredictionSelection selects prediction id.
func PredictionSelection(id int64) Selection { return Selection{Kind: SelectPrediction, ID: id} }

// PeriodSelection selects period id.
func PeriodSelection(id int64) Selection { return Selection{Kind: SelectPeriod, ID: id} }
