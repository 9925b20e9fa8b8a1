package exchange

import (
	"fmt"
	"strings"

	"github.com/hindsight-app/hindsight/internal/exchange/ical"
	"github.com/hindsight-app/hindsight/internal/exchange/markwhen"
	"github.com/hindsight-app/hindsight/internal/exchange/record"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Loss is a part of a document that a format cannot carry: records left
// out, or one field of some records left out or changed. Plan lists them
// before anything is written, so that no export drops anything without
// saying so.
type Loss struct {
	// Records is the kind of record concerned: "events", "predictions",
	// "periods", "sources", "views" (saved views) or "reminders" (reminders
	// already sent).
	Records string
	// Field is what of them is lost (one of the Loss… constants), or
	// LossRecords when the records themselves are left out.
	Field string
	// Count is how many records are concerned; at least 1.
	Count int
	// Message says, in English, what is lost and why, count included.
	Message string
}

func (l Loss) String() string { return l.Message }

// What a Loss concerns.
const (
	LossRecords   = ""            // the records themselves are left out
	LossTimes     = "times"       // created and updated times
	LossLineEnds  = "line_ends"   // carriage returns, written as plain line ends
	LossTags      = "tags"        // an event's tags
	LossCategory  = "category"    // an event's category (other than "other")
	LossTitleZh   = "title_zh"    // the Chinese title
	LossTitle     = "title"       // the English title, when the Chinese one is written in its place
	LossDate      = "date"        // an uncertain date (a span) that also has an end
	LossID        = "id"          // an ID used by an earlier record
	LossLinkQuote = "links.quote" // a link's quote
	LossEvidence  = "evidence"    // a prediction's evidence
	LossHistory   = "history"     // a prediction's earlier wordings
	LossDeadline  = "deadline"    // a deadline phrase that now reads as another deadline
	LossDuplicate = "duplicate"   // a period that repeats an earlier one, written once
	LossColor     = "color"       // a period's colour
	LossLane      = "lane"        // a period's lane
)

// Plan says what writing doc in format f with opt would leave out or
// change: nothing for Hindsight JSON; for the other formats, the records
// and fields the format has no place for, counted. Whatever Plan does not
// list comes back unchanged when the file is read again (iCalendar, which
// cannot be read, only lists what the calendar leaves out).
func Plan(f Format, doc Document, opt WriteOptions) []Loss {
	if opt.Lang == "" {
		opt.Lang = "en"
	}
	var p planner
	c := carried[f]
	if c.events {
		p.events(doc.Events, LossID, repeatsID(func(e model.Event) int64 { return e.ID }),
			"the IDs of %s are left out: an earlier event has each one, and an import keeps IDs unique")
	}
	if c.predictions {
		p.predictions(doc.Predictions, LossID, repeatsID(func(p model.Prediction) int64 { return p.ID }),
			"the IDs of %s are left out: an earlier prediction has each one, and an import keeps IDs unique")
	}
	if c.periods {
		p.periods(doc.Periods, LossID, repeatsID(func(p model.Period) int64 { return p.ID }),
			"the IDs of %s are left out: an earlier period has each one, and an import keeps IDs unique")
	} else {
		why := "CSV has no eras or sections"
		if f == FormatICal {
			why = "a calendar has no eras or sections"
		}
		p.records("periods", len(doc.Periods), why)
	}
	switch f {
	case FormatCSVEvents:
		p.records("predictions", len(doc.Predictions), "a CSV file holds one kind of record; export csv-predictions for them")
		p.sources(doc)
		p.eventTimes(doc.Events)
		p.lineEnds(doc.Events, nil, nil)
	case FormatCSVPredictions:
		p.records("events", len(doc.Events), "a CSV file holds one kind of record; export csv-events for them")
		p.sources(doc)
		p.predictions(doc.Predictions, LossEvidence, func(p model.Prediction) bool { return len(p.Resolution.Evidence) > 0 },
			"the evidence of %s is left out: it names events, which a CSV file of predictions does not hold")
		p.predictions(doc.Predictions, LossHistory, func(p model.Prediction) bool { return len(p.History) > 0 },
			"the earlier wordings of %s are left out: only Hindsight JSON carries them")
		p.predictions(doc.Predictions, LossDeadline, phraseReadsOtherwise,
			"the deadline phrases of %s now read as other deadlines than the ones stored; a CSV import takes the phrase")
		p.predictions(doc.Predictions, LossTimes, func(p model.Prediction) bool { return !p.CreatedAt.IsZero() || !p.UpdatedAt.IsZero() },
			"the created and updated times of %s are left out")
		p.lineEnds(nil, doc.Predictions, nil)
	case FormatTimelineJS:
		p.records("predictions", len(doc.Predictions), "TimelineJS holds events only")
		p.sources(doc)
		p.events(doc.Events, LossTags, func(e model.Event) bool { return len(e.Tags) > 0 },
			"the tags of %s are left out: TimelineJS has no tags")
		p.events(doc.Events, LossCategory, func(e model.Event) bool { return e.Category != model.CategoryOther },
			"the categories of %s are left out: TimelineJS has no categories")
		hasZh := func(e model.Event) bool { return e.TitleZh != "" }
		if opt.Lang == "zh" {
			p.events(doc.Events, LossTitle, hasZh,
				"the English titles of %s are left out: TimelineJS has one title, and the Chinese one is the headline")
		} else {
			p.events(doc.Events, LossTitleZh, hasZh, "the Chinese titles of %s are left out: TimelineJS has one title")
		}
		p.events(doc.Events, LossDate, func(e model.Event) bool { return spanAndSameEnd(e.Date, e.End) },
			"the ends of %s are left out: each has an uncertain date that ends with its end, and TimelineJS keeps only the date")
		p.periods(doc.Periods, LossDate, func(g model.Period) bool { return spanAndSameEnd(g.Start, g.End) },
			"the ends of %s are left out: each has an uncertain start that ends with its end, and TimelineJS keeps only the start")
		p.periods(doc.Periods, LossColor, func(g model.Period) bool { return g.Color != "" },
			"the colours of %s are left out: TimelineJS eras have none")
		p.periods(doc.Periods, LossLane, func(g model.Period) bool { return g.Lane != "" },
			"the lanes of %s are left out: a TimelineJS era spans the whole timeline")
		p.periods(doc.Periods, LossLinkQuote, func(g model.Period) bool { return changesQuotes(g.Links) },
			"link quotes of %s change: a quote over several lines is joined into one, and one that repeats its address is left out")
		p.events(doc.Events, LossLinkQuote, func(e model.Event) bool { return changesQuotes(e.Links[min(1, len(e.Links)):]) },
			"link quotes of %s change: after the first link, a quote over several lines is joined into one, and one that repeats its address is left out")
		p.eventTimes(doc.Events)
		p.periodTimes(doc.Periods)
		p.lineEnds(doc.Events, nil, doc.Periods)
	case FormatMarkwhen:
		p.sources(doc)
		p.predictions(doc.Predictions, LossTimes, func(p model.Prediction) bool { return !p.CreatedAt.IsZero() || !p.UpdatedAt.IsZero() },
			"the created and updated times of %s are left out")
		seen := map[string]bool{}
		p.periods(doc.Periods, LossDuplicate, func(g model.Period) bool {
			key := markwhen.SectionKey(g)
			dup := seen[key]
			seen[key] = true
			return dup
		}, "written once, as each repeats an earlier one: %s")
		p.eventTimes(doc.Events)
		p.periodTimes(doc.Periods)
		// Only the description is written as lines; other text that needs
		// it travels as JSON.
		p.events(doc.Events, LossLineEnds, func(e model.Event) bool { return hasCR(e.Description) }, lineEndsMessage)
	case FormatICal:
		p.sources(doc)
		p.predictions(doc.Predictions, LossRecords, func(p model.Prediction) bool { return p.Deadline.IsZero() },
			"left out of the calendar, with no deadline: %s")
		p.predictions(doc.Predictions, LossRecords, func(p model.Prediction) bool {
			_, due, ok := p.Due()
			return ok && due == when.MaxDay
		}, "left out of the calendar, with a deadline that has no end (\"not before …\"): %s")
		p.predictions(doc.Predictions, LossRecords, func(p model.Prediction) bool {
			_, due, ok := p.Due()
			return ok && due != when.MaxDay && !(ical.Writable(due) && ical.Writable(due+1))
		}, "left out of the calendar, due outside the years 1 to 9999, which iCalendar cannot write: %s")
		p.events(doc.Events, LossRecords, func(e model.Event) bool {
			return !e.Date.IsZero() && !(ical.Writable(e.Earliest()) && ical.Writable(e.Latest()+1))
		}, "left out of the calendar, outside the years 1 to 9999, which iCalendar cannot write: %s")
	}
	if f != FormatHindsightJSON {
		p.records("views", len(doc.Views), "only Hindsight JSON carries saved views")
		p.records("reminders", len(doc.Reminders), "only Hindsight JSON carries which passed deadlines were already announced")
	}
	return p.losses
}

// carried says which kinds of record each format writes.
var carried = map[Format]struct{ events, predictions, periods, sources, views, reminders bool }{
	FormatHindsightJSON:  {true, true, true, true, true, true},
	FormatCSVEvents:      {events: true},
	FormatCSVPredictions: {predictions: true},
	FormatTimelineJS:     {events: true, periods: true},
	FormatMarkwhen:       {events: true, predictions: true, periods: true},
	FormatICal:           {events: true, predictions: true},
}

// changesQuotes reports links whose quotes a paragraph of links in
// TimelineJS text cannot carry: over several lines, or the address again.
func changesQuotes(links []model.Link) bool {
	for _, l := range links {
		if l.Quote == l.URL || strings.ContainsAny(l.Quote, "\r\n") {
			return true
		}
	}
	return false
}

// repeatsID reports, record by record, an ID that an earlier record has.
func repeatsID[T any](id func(T) int64) func(T) bool {
	seen := map[int64]bool{}
	return func(r T) bool {
		n := id(r)
		dup := n != 0 && seen[n]
		seen[n] = true
		return dup
	}
}

// spanAndSameEnd reports a date that is an interval and an end that ends
// on the same day, which only Hindsight JSON and Markwhen tell apart from
// the interval alone.
func spanAndSameEnd(date, end when.Date) bool {
	return date.IsInterval() && !end.IsZero() && end.Latest() == date.Latest()
}

// phraseReadsOtherwise reports a prediction whose deadline phrase, read
// today against its making date, gives another deadline than the stored
// one (phrases read differently once the reading of "end of 2025" was
// settled).
func phraseReadsOtherwise(p model.Prediction) bool {
	if p.Deadline.Phrase == "" || p.Deadline.IsZero() {
		return false
	}
	dl, err := when.ParseDeadline(p.Deadline.Phrase, p.Made)
	return err == nil && dl.Canonical() != p.Deadline.Canonical()
}

// planner collects the losses of a Plan.
type planner struct{ losses []Loss }

func (p *planner) add(records, field string, n int, message string) {
	if n > 0 {
		p.losses = append(p.losses, Loss{Records: records, Field: field, Count: n, Message: message})
	}
}

// records reports n records of a kind left out, and why.
func (p *planner) records(records string, n int, why string) {
	verb := "are"
	if n == 1 {
		verb = "is"
	}
	p.add(records, LossRecords, n, fmt.Sprintf("%s %s left out: %s", record.Counted(n, records), verb, why))
}

func (p *planner) sources(doc Document) {
	p.add("sources", LossRecords, len(doc.Sources), fmt.Sprintf(
		"the details (Chinese name, kind, address) of %s are left out: only Hindsight JSON carries them", record.Counted(len(doc.Sources), "sources")))
}

// field reports the records of a kind for which has is true; message
// holds a %s for their count.
func field[T any](p *planner, records, field string, list []T, has func(T) bool, message string) {
	n := 0
	for _, r := range list {
		if has(r) {
			n++
		}
	}
	if n > 0 {
		p.add(records, field, n, fmt.Sprintf(message, record.Counted(n, records)))
	}
}

func (p *planner) events(list []model.Event, f string, has func(model.Event) bool, message string) {
	field(p, "events", f, list, has, message)
}

func (p *planner) predictions(list []model.Prediction, f string, has func(model.Prediction) bool, message string) {
	field(p, "predictions", f, list, has, message)
}

func (p *planner) periods(list []model.Period, f string, has func(model.Period) bool, message string) {
	field(p, "periods", f, list, has, message)
}

func (p *planner) periodTimes(list []model.Period) {
	p.periods(list, LossTimes, func(g model.Period) bool { return !g.CreatedAt.IsZero() || !g.UpdatedAt.IsZero() },
		"the created and updated times of %s are left out")
}

func (p *planner) eventTimes(list []model.Event) {
	p.events(list, LossTimes, func(e model.Event) bool { return !e.CreatedAt.IsZero() || !e.UpdatedAt.IsZero() },
		"the created and updated times of %s are left out")
}

// lineEnds reports text holding carriage returns, which every format but
// Hindsight JSON writes as plain line ends.
func (p *planner) lineEnds(events []model.Event, preds []model.Prediction, periods []model.Period) {
	p.events(events, LossLineEnds, eventHasCR, lineEndsMessage)
	p.predictions(preds, LossLineEnds, predictionHasCR, lineEndsMessage)
	p.periods(periods, LossLineEnds, periodHasCR, lineEndsMessage)
}

func periodHasCR(g model.Period) bool {
	if hasCR(g.Title, g.Lane, g.Description) {
		return true
	}
	for _, l := range g.Links {
		if hasCR(l.URL, l.Quote) {
			return true
		}
	}
	return false
}

const lineEndsMessage = "carriage returns (CR) in %s are written as plain line ends"

func hasCR(texts ...string) bool {
	for _, s := range texts {
		if strings.Contains(s, "\r") {
			return true
		}
	}
	return false
}

func eventHasCR(e model.Event) bool {
	if hasCR(e.Title, e.TitleZh, e.Actor, e.Description) || hasCR(e.Tags...) {
		return true
	}
	for _, l := range e.Links {
		if hasCR(l.URL, l.Quote) {
			return true
		}
	}
	return false
}

func predictionHasCR(p model.Prediction) bool {
	if hasCR(p.Statement, p.StatementZh, p.Source, p.Criteria, p.Interest, p.Resolution.Note, p.Deadline.Phrase) || hasCR(p.Tags...) {
		return true
	}
	for _, l := range p.Links {
		if hasCR(l.URL, l.Quote) {
			return true
		}
	}
	return false
}
