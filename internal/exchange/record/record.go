// Package record holds what every format of package exchange shares: the
// Document an import reads and an export writes, the Problem said about a
// record that could not be read whole, the Collector that gathers a
// record's problems as it is read, the limits a whole file must keep, and
// the helpers that clean text and read dates, kinds and states the same
// way in every format.
//
// The format packages (csvfile, hindsightjson, markwhen, timelinejs,
// timelineproject, ical) import this one and never package exchange, which
// imports them all and dispatches; exchange names these types again for
// its callers.
package record

import (
	"context"
	"fmt"
	"strings"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Document is what an import reads and an export writes.
type Document struct {
	Events []model.Event
	// Predictions' Resolution.Evidence refers to Events by model.Event.ID
	// within the document.
	Predictions []model.Prediction
	// Periods are named stretches of time: TimelineJS eras, Markwhen
	// sections, Timeline containers.
	Periods []model.Period
	// Sources are the details of the predictions' sources (Chinese name,
	// kind, address); only Hindsight JSON carries them.
	Sources []model.Source
	// Views are the filters saved under a name, and Reminders the
	// predictions (by ID within the document) whose passed deadline was
	// already announced; only Hindsight JSON carries them.
	Views     []filter.SavedView
	Reminders []model.Reminder
}

// Problem is something an import could not read, by record, or read in a
// way worth knowing about. Effect says what became of what it names.
type Problem struct {
	Line    int    // 1-based line or row in the file; 0 if unknown
	Record  string // which record: "events[3]", "row 12", "line 40"
	Field   string // which field, as the format names it; "" for the whole record
	Message string
	Effect  Effect
	Name    string // the record's title, when it has one, so that a person knows which it is
	// Cause is the error behind Message when there is one a reader may
	// want to word in its own language (a *when.Error for a date).
	Cause error
}

// Effect is what became of the part of a file a Problem names.
type Effect int

const (
	// RecordLeftOut: the record was not imported.
	RecordLeftOut Effect = iota
	// PartLeftOut: the record was imported without the field named.
	PartLeftOut
	// Ignored: a part of the file that holds no record (a column, a line)
	// was passed over.
	Ignored
	// ReadAs: the record was imported whole, and the message says how a
	// part of it was read ("now" read as today, a title made from its
	// text).
	ReadAs
)

// Kept reports whether the record the problem names was imported.
func (p Problem) Kept() bool { return p.Effect == PartLeftOut || p.Effect == ReadAs }

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Record)
	if p.Name != "" {
		b.WriteString(" “" + ShortText(p.Name, 60) + "”")
	}
	// "row 12" says where it is on its own unless the row starts on
	// another line, as rows after a multi-line cell do.
	if p.Line > 0 && p.Record != fmt.Sprintf("line %d", p.Line) && p.Record != fmt.Sprintf("row %d", p.Line) {
		fmt.Fprintf(&b, " (line %d)", p.Line)
	}
	if p.Field != "" {
		b.WriteString(", " + p.Field)
	}
	b.WriteString(": " + p.Message)
	if p.Effect == PartLeftOut {
		b.WriteString(" (the rest of the record was imported)")
	}
	return b.String()
}

// Result is what a format's reader returns: all readable records and the
// problems of the unreadable ones.
type Result struct {
	Doc Document
	// Problems lists at most MaxProblems problems once Close has run; a
	// last one counts the rest.
	Problems []Problem
	omitted  int
}

// ReadOptions tune an import. The zero value is ready to use.
type ReadOptions struct {
	// MaxBytes refuses larger files; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Progress, if set, is called about every thousand records with the
	// number read so far and the number in the file (for CSV, its line
	// count, an estimate when cells hold line breaks), and once at the end
	// with done == total.
	Progress func(done, total int)
	// Context cancels a long import; nil means context.Background().
	Context context.Context
	// Columns maps the columns of a CSV file of events by name to the
	// fields they go into (see csvfile.Columns), over what the header is
	// recognised as; a column it does not name keeps its recognised use.
	Columns map[string]string
	// Today is the day Markwhen's "now" stands for; zero means the day of
	// the import.
	Today when.Day
}

// WriteOptions tune an export.
type WriteOptions struct {
	// Lang is "en" or "zh", for human text such as iCalendar summaries and
	// display dates. Formats that cannot carry both titles show the one in
	// Lang.
	Lang string
}
