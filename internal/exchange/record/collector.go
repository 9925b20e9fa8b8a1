package record

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hindsight-app/hindsight/internal/model"
)

// Collector collects the problems of one record as it is read.
type Collector struct {
	Line   int
	Record string
	Name   string    // the record's title, once known
	list   []Problem // problems that keep the record out
	notes  []Problem // problems with a part that was left out, the record kept
}

// Note reports a part of the record that was left out while the record
// itself is kept.
func (r *Collector) Note(field, format string, args ...any) {
	r.notes = append(r.notes, Problem{Line: r.Line, Record: r.Record, Field: field, Name: r.Name,
		Message: fmt.Sprintf(format, args...), Effect: PartLeftOut})
}

// Tell says how a part of a kept record was read ("now" read as today, a
// title made from the text).
func (r *Collector) Tell(field, format string, args ...any) {
	r.notes = append(r.notes, Problem{Line: r.Line, Record: r.Record, Field: field, Name: r.Name,
		Message: fmt.Sprintf(format, args...), Effect: ReadAs})
}

// All is every problem found, for the Result: why the record was left
// out, or, when it was kept, what of it was not.
func (r *Collector) All() []Problem {
	if len(r.list) > 0 {
		return r.list
	}
	return r.notes
}

// Add reports a problem that keeps the record out.
func (r *Collector) Add(field, format string, args ...any) {
	r.list = append(r.list, Problem{Line: r.Line, Record: r.Record, Field: field, Name: r.Name, Message: fmt.Sprintf(format, args...)})
}

// AddCause adds err as the problem of field, keeping it as the cause.
func (r *Collector) AddCause(field string, err error) {
	r.list = append(r.list, Problem{Line: r.Line, Record: r.Record, Field: field, Message: err.Error(), Cause: err})
}

// AddErr adds err, spreading a validation error over its fields.
func (r *Collector) AddErr(field string, err error) {
	var v *model.ValidationError
	if errors.As(err, &v) {
		for _, fe := range v.Fields {
			r.Add(fe.Field, "%s", fe.Message)
		}
		return
	}
	r.Add(field, "%s", err.Error())
}

// OK reports whether nothing keeps the record out so far.
func (r *Collector) OK() bool { return len(r.list) == 0 }

// UniqueIDs keeps the IDs of one kind of record unique within an import:
// a record whose ID an earlier one already has is kept without it, and a
// problem says so. Evidence naming that ID refers to the earlier record.
type UniqueIDs map[int64]bool

// Check drops *id when an earlier record has it.
func (u UniqueIDs) Check(rp *Collector, kind string, id *int64) {
	if *id != 0 && u[*id] {
		rp.Note("id", "id %d is used by an earlier %s, so this one was imported without an id", *id, kind)
		*id = 0
	}
}

// Add takes note of an imported record's ID.
func (u UniqueIDs) Add(id int64) {
	if id != 0 {
		u[id] = true
	}
}

// FinishEvent cleans and normalises e and reports why it is invalid, if it
// is.
func (r *Collector) FinishEvent(e *model.Event) bool {
	if !r.OK() {
		return false
	}
	cleanAll(&e.Title, &e.TitleZh, &e.Actor, &e.Description)
	cleanEach(e.Tags)
	cleanLinks(e.Links)
	e.Normalize()
	e.Links = noneIfEmpty(e.Links)
	return r.valid(e.Validate())
}

// FinishPeriod cleans and normalises p and reports why it is invalid, if
// it is.
func (r *Collector) FinishPeriod(p *model.Period) bool {
	if !r.OK() {
		return false
	}
	cleanAll(&p.Title, &p.Lane, &p.Description, &p.Color)
	cleanLinks(p.Links)
	p.Normalize()
	p.Links = noneIfEmpty(p.Links)
	return r.valid(p.Validate())
}

// FinishPrediction cleans and normalises p and reports why it is invalid,
// if it is.
func (r *Collector) FinishPrediction(p *model.Prediction) bool {
	if !r.OK() {
		return false
	}
	cleanAll(&p.Statement, &p.StatementZh, &p.Source, &p.Criteria, &p.Interest,
		&p.Resolution.Note, &p.Deadline.Phrase)
	cleanEach(p.Tags)
	for i := range p.Links {
		cleanAll(&p.Links[i].URL, &p.Links[i].Quote)
	}
	p.Normalize()
	p.Links = noneIfEmpty(p.Links)
	p.Resolution.Evidence = noneIfEmpty(p.Resolution.Evidence)
	return r.valid(p.Validate())
}

// valid reports whether a record's validation found nothing, noting what
// it found.
func (r *Collector) valid(err error) bool {
	if err != nil {
		r.AddErr("", err)
		return false
	}
	return true
}

// cleanEach cleans every text of list.
func cleanEach(list []string) {
	for i := range list {
		cleanAll(&list[i])
	}
}

// cleanLinks cleans the address and quote of every link.
func cleanLinks(links []model.Link) {
	for i := range links {
		cleanAll(&links[i].URL, &links[i].Quote)
	}
}

// noneIfEmpty makes an empty list none: the two are the same to every
// format.
func noneIfEmpty[T any](list []T) []T {
	if len(list) == 0 {
		return nil
	}
	return list
}

// KeepKnownRestates drops, with a problem each, the restatements in preds
// that the store could not keep: one naming a prediction not in the
// document, one by another source, one made before the claim it restates,
// and one closing a loop. Each prediction is kept, restating none.
func KeepKnownRestates(preds []model.Prediction) []Problem {
	byID := map[int64]int{}
	for i, p := range preds {
		if p.ID != 0 {
			byID[p.ID] = i
		}
	}
	var problems []Problem
	drop := func(i int, format string, args ...any) {
		problems = append(problems, Problem{Record: fmt.Sprintf("prediction %d", preds[i].ID), Field: "restates",
			Message: fmt.Sprintf(format, args...) + "; it was imported restating none"})
		preds[i].Restates = 0
	}
	for i, p := range preds {
		if p.Restates == 0 {
			continue
		}
		j, ok := byID[p.Restates]
		switch {
		case !ok:
			drop(i, "it restates prediction %d, which is not among the imported predictions", p.Restates)
		case !strings.EqualFold(preds[j].Source, p.Source):
			drop(i, "it restates prediction %d, which is by another source (%s)", p.Restates, preds[j].Source)
		case !p.Made.IsZero() && !preds[j].Made.IsZero() && p.Made.Latest() < preds[j].Made.Earliest():
			drop(i, "it restates prediction %d, which was made later (%s)", p.Restates, preds[j].Made)
		}
	}
	for i := range preds {
		// Walk up from each claim; coming back to it closes a loop.
		seen := map[int64]bool{}
		for at := preds[i].Restates; at != 0 && !seen[at]; {
			seen[at] = true
			if at == preds[i].ID {
				drop(i, "its chain of restatements loops back to it")
				break
			}
			j, ok := byID[at]
			if !ok {
				break
			}
			at = preds[j].Restates
		}
	}
	return problems
}

// KeepKnownEvidence drops evidence naming an event that is not in the
// document, since the store could not tell which event it meant.
func KeepKnownEvidence(evidence []model.Evidence, eventIDs map[int64]bool, rp *Collector) []model.Evidence {
	var kept []model.Evidence
	for j, ev := range evidence {
		if !eventIDs[ev.EventID] {
			rp.Note(fmt.Sprintf("resolution.evidence[%d]", j), "event %d is not among the imported events; this evidence was left out", ev.EventID)
			continue
		}
		kept = append(kept, ev)
	}
	return kept
}

// AddEvent ends the reading of an event: it keeps the event's ID unique
// among ids, cleans and checks it (FinishEvent), adds it to res when it
// passes, and reports the record's problems either way. It reports whether
// the event was added.
func (res *Result) AddEvent(rp *Collector, ids UniqueIDs, e model.Event) bool {
	return addRecord(res, rp, ids, "event", &e, &e.ID, rp.FinishEvent, &res.Doc.Events)
}

// AddPeriod ends the reading of a period as AddEvent does an event's.
func (res *Result) AddPeriod(rp *Collector, ids UniqueIDs, p model.Period) bool {
	return addRecord(res, rp, ids, "period", &p, &p.ID, rp.FinishPeriod, &res.Doc.Periods)
}

// AddPrediction ends the reading of a prediction as AddEvent does an
// event's.
func (res *Result) AddPrediction(rp *Collector, ids UniqueIDs, p model.Prediction) bool {
	return addRecord(res, rp, ids, "prediction", &p, &p.ID, rp.FinishPrediction, &res.Doc.Predictions)
}

// addRecord is AddEvent for a record of any kind: id is its ID, finish
// cleans and checks it, into is where res keeps its kind.
func addRecord[T any](res *Result, rp *Collector, ids UniqueIDs, kind string, rec *T, id *int64, finish func(*T) bool, into *[]T) bool {
	ids.Check(rp, kind, id)
	ok := finish(rec)
	if ok {
		*into = append(*into, *rec)
		ids.Add(*id)
	}
	res.Report(rp.All()...)
	return ok
}
