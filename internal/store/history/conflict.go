package history

import (
	"errors"
	"fmt"
	"strings"
)

// ErrConflict is what a refused undo or redo matches with errors.Is; the
// error itself is a *ConflictError.
var ErrConflict = errors.New("the records are no longer as that change left them")

// ErrSkipMoved: the change to skip is no longer the next one to undo or
// redo, because the history moved on meanwhile (another window or command
// wrote); nothing was skipped.
var ErrSkipMoved = errors.New("the history changed meanwhile; nothing was skipped")

// Problem says why a replay was refused.
type Problem string

// The reasons a replay is refused.
const (
	// ProblemChanged: the record was changed since; Fields says how.
	ProblemChanged Problem = "changed"
	// ProblemDeleted: the record was deleted since.
	ProblemDeleted Problem = "deleted"
	// ProblemExists: a record with that id exists where the change left
	// none (in a file from before ids were never reused, another record
	// may have been given the id).
	ProblemExists Problem = "exists"
	// ProblemCited: replaying would delete the event, but a prediction
	// that the change does not cover cites it as evidence (Other names it).
	ProblemCited Problem = "cited"
	// ProblemMissing: replaying would bring back a record that cites a
	// record that no longer exists (Other names it).
	ProblemMissing Problem = "missing"
)

// What a refusal may name as changed. Parts of a record: its tags, links,
// the saved wordings of a prediction and the evidence of its resolution.
// Fields of its own row: the rest. FieldDetails stands for its own row as a
// whole when only a Fingerprint of it was kept (a record an import added).
const (
	FieldTags        = "tags"
	FieldLinks       = "links"
	FieldVersions    = "versions"
	FieldEvidence    = "evidence"
	FieldDetails     = "details"
	FieldTitle       = "title"
	FieldTitleZh     = "title_zh"
	FieldDate        = "date"
	FieldActor       = "actor"
	FieldCategory    = "category"
	FieldDescription = "description"
	FieldCreated     = "created"
	FieldSaved       = "saved"
	FieldStatement   = "statement"
	FieldStatementZh = "statement_zh"
	FieldSource      = "source"
	FieldMade        = "made"
	FieldDeadline    = "deadline"
	FieldProbability = "probability"
	FieldCriteria    = "criteria"
	FieldLink        = "link"
	FieldResolution  = "resolution"
	FieldKind        = "kind"
	FieldProvenance  = "provenance"
	FieldInterest    = "interest"
	FieldRestates    = "restates"
	FieldReviewed    = "reviewed"
	FieldColor       = "color"
	FieldLane        = "lane"
)

// ConflictError is an undo or redo that was refused because a record it
// would write is no longer as the change left it. Nothing was written. The
// change stays in the history; Skip (Store.Skip) drops it, so that the
// next undo or redo goes on past it.
type ConflictError struct {
	// Change is the change that was not replayed, and Undo says which way.
	Change Change
	Undo   bool
	// Entity, ID and Label name the record that differs: its title or
	// statement now, or, if it is gone, as the change left it ("" if
	// unknown).
	Entity string
	ID     int64
	Label  string
	// Problem says what is different; for ProblemChanged, Fields says
	// what changed (see the Field constants).
	Problem Problem
	Fields  []string
	// Other names the record that cites it or that it cites, for
	// ProblemCited and ProblemMissing.
	OtherEntity string
	OtherID     int64
	OtherLabel  string
	// More counts the other records of the change that differ too.
	More int
}

func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

func (e *ConflictError) Error() string {
	verb := "redo"
	if e.Undo {
		verb = "undo"
	}
	msg := fmt.Sprintf("cannot %s %s: %s", verb, e.Change.Describe(), e.Reason())
	if e.More > 0 {
		msg += fmt.Sprintf(" (and %d more record(s) of it differ)", e.More)
	}
	return msg + "; nothing was changed, and the step stays in the history until it is skipped"
}

// Reason says, in English, what is different.
func (e *ConflictError) Reason() string {
	record := describeRecord(e.Entity, e.ID, e.Label)
	other := describeRecord(e.OtherEntity, e.OtherID, e.OtherLabel)
	switch e.Problem {
	case ProblemChanged:
		return fmt.Sprintf("%s was changed since (%s)", record, strings.Join(e.Fields, ", "))
	case ProblemDeleted:
		return record + " was deleted since"
	case ProblemExists:
		return fmt.Sprintf("%s exists, where this change left none", record)
	case ProblemCited:
		return fmt.Sprintf("%s now cites %s as evidence", other, record)
	case ProblemMissing:
		return fmt.Sprintf("%s cites %s, which no longer exists", record, other)
	}
	return string(e.Problem)
}

func describeRecord(entity string, id int64, label string) string {
	if label == "" {
		return fmt.Sprintf("%s %d", entity, id)
	}
	return fmt.Sprintf("%s %d “%s”", entity, id, shortText(label, 60))
}

// Describe names a change in English, as the command line prints it:
// "import of 952 events", "edit of event 3 “GPT-4”".
func (c Change) Describe() string {
	if c.Entity == EntityBatch {
		return fmt.Sprintf("%s of %s", c.Action, countRecords(c.Events, c.Predictions, c.Periods))
	}
	return fmt.Sprintf("%s of %s", c.Action, describeRecord(c.Entity, c.EntityID, c.Label))
}

func countRecords(events, predictions, periods int) string {
	plural := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	var parts []string
	if events > 0 || predictions+periods == 0 {
		parts = append(parts, plural(events, "event", "events"))
	}
	if predictions > 0 {
		parts = append(parts, plural(predictions, "prediction", "predictions"))
	}
	if periods > 0 {
		parts = append(parts, plural(periods, "period", "periods"))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// shortText cuts s to n characters.
func shortText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
