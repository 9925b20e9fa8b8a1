// Package exchange reads and writes Hindsight's records in the file formats
// other tools speak: Hindsight's own JSON, CSV for spreadsheets (any column
// layout, its columns mapped), TimelineJS JSON, Markwhen text, (import
// only) Timeline project files and (export only) iCalendar.
//
// An import reads a file whole into a Document and returns every record it
// could read together with a Problem for each one it could not; only a file
// that is unusable as a whole (too big, not UTF-8, truncated or too deeply
// nested JSON, the wrong format) fails with an error. Imported records are
// normalised and valid: anything that would fail model validation is
// reported as a Problem instead of returned. Text is only ever read as
// text: HTML is reduced to plain text, never rendered, and nothing in a
// file is executed or looked up.
//
// Each format has a package of its own under this one (csvfile,
// hindsightjson, markwhen, timelinejs, timelineproject, ical), sharing the
// Document, Problem and limits of package record; this package tells
// formats apart (Detect, Sniff), dispatches Read and Write to them, and
// says what an export leaves out (Plan). The types it names again from
// record and csvfile are the same types.
//
// The package is pure Go, with no user interface and no database. IDs in a
// Document are the IDs in the file; the store assigns its own when it saves
// records and must map evidence (Resolution.Evidence[].EventID, which
// refers to Document.Events by ID) to the new event IDs, and a
// prediction's Restates (the ID of another of Document.Predictions) to the
// new prediction IDs.
//
// An export never drops anything without a word: Plan lists, before
// anything is written, what a format leaves out or changes, counted (the
// predictions of a Markwhen export, the tags of a TimelineJS one). Any
// document an import can give survives a Write and a Read unchanged but
// for what Plan lists; a property test holds every writer to that.
//
// What each format carries:
//
//   - Hindsight JSON: everything, saved views and reminders sent included,
//     versioned; Write then Read gives back the same Document (times come
//     back in UTC). Version 1 files (before claim kinds) are read as
//     forecasts whose one link is primary.
//   - CSV: events and predictions in separate files, one row each, every
//     field but record times, evidence and earlier wordings (a claim's
//     kind, provenance, interest, restated id, review date and each link's
//     published date and primary mark have columns); line ends come back
//     as LF. Export puts a ' before any cell starting with = + -
//     @ tab, CR or ' so that spreadsheets do not run it as a formula;
//     import removes that one ' again, so a round trip keeps the text
//     exactly.
//   - TimelineJS: events (title, description, actor as group, links, dates)
//     and periods as eras (title, dates, description and links); not tags,
//     category, the Chinese title or a period's colour and lane. Text
//     whose white space matters is written so that browsers show it as
//     written and import reads it back exactly.
//   - Markwhen: events and periods as sections; fields Markwhen has no
//     syntax for travel as properties under the event or section line.
//     Predictions follow as entries on the day they were made, every field
//     a property (a claim property gives the kind); only record times are
//     left out.
//   - Timeline project files (import only): events, their categories as
//     tags, and containers as periods.
//   - iCalendar (export only): prediction deadlines and events as all-day
//     entries.
//
// IDs are unique within each kind of record on import: a record whose ID
// an earlier one has is kept without it, and a problem says so.
package exchange

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/hindsight-app/hindsight/internal/exchange/csvfile"
	"github.com/hindsight-app/hindsight/internal/exchange/hindsightjson"
	"github.com/hindsight-app/hindsight/internal/exchange/ical"
	"github.com/hindsight-app/hindsight/internal/exchange/markwhen"
	"github.com/hindsight-app/hindsight/internal/exchange/record"
	"github.com/hindsight-app/hindsight/internal/exchange/timelinejs"
	"github.com/hindsight-app/hindsight/internal/exchange/timelineproject"
)

// The records an import reads and an export writes, and what is said about
// them (see package record).
type (
	// Document is what an import reads and an export writes.
	Document = record.Document
	// Problem is something an import could not read, by record, or read in
	// a way worth knowing about.
	Problem = record.Problem
	// Effect is what became of the part of a file a Problem names.
	Effect = record.Effect
	// ReadOptions tune an import. The zero value is ready to use.
	ReadOptions = record.ReadOptions
	// WriteOptions tune an export.
	WriteOptions = record.WriteOptions
)

// What became of the part of a file a Problem names.
const (
	RecordLeftOut = record.RecordLeftOut // the record was not imported
	PartLeftOut   = record.PartLeftOut   // the record was imported without the field named
	Ignored       = record.Ignored       // a part of the file that holds no record was passed over
	ReadAs        = record.ReadAs        // the record was imported whole; the message says how a part was read
)

// Limits on what Read accepts (see package record).
const (
	DefaultMaxBytes = record.DefaultMaxBytes
	MaxJSONDepth    = record.MaxJSONDepth
	MaxRecords      = record.MaxRecords
	MaxProblems     = record.MaxProblems
)

// Errors that make a whole file unusable. Read wraps them with details, so
// test with errors.Is; the wrapped message can be shown as is.
var (
	ErrTooLarge    = record.ErrTooLarge
	ErrNotText     = record.ErrNotText
	ErrTooDeep     = record.ErrTooDeep
	ErrMalformed   = record.ErrMalformed
	ErrWrongFormat = record.ErrWrongFormat
	ErrVersion     = record.ErrVersion
	ErrUnsupported = record.ErrUnsupported
)

// Result is what an import returns: all readable records and the problems
// of the unreadable ones.
type Result struct {
	Doc Document
	// Problems lists at most MaxProblems problems; a last one counts the
	// rest.
	Problems []Problem
	// Columns is how the columns of a CSV file of events were read: the
	// field each one went into. Nil for other formats.
	Columns *Columns
}

// Refused counts the problems whose record was left out.
func (r Result) Refused() int {
	n := 0
	for _, p := range r.Problems {
		if p.Effect == RecordLeftOut {
			n++
		}
	}
	return n
}

// Format names a file format.
type Format string

// The formats the package speaks.
const (
	FormatHindsightJSON  Format = "hindsight-json"
	FormatCSVEvents      Format = "csv-events"
	FormatCSVPredictions Format = "csv-predictions"
	FormatTimelineJS     Format = "timelinejs"
	FormatMarkwhen       Format = "markwhen"
	FormatTimeline       Format = "timeline" // import only: Timeline project files (.timeline)
	FormatICal           Format = "ical"     // export only
)

// Formats lists every format, readable ones first.
var Formats = []Format{
	FormatHindsightJSON, FormatCSVEvents, FormatCSVPredictions, FormatTimelineJS, FormatMarkwhen, FormatTimeline, FormatICal,
}

// formatAliases are the other names people type for a format: the file
// extension everyone knows, or the name without its qualifier.
var formatAliases = map[string]Format{
	"json":        FormatHindsightJSON,
	"hindsight":   FormatHindsightJSON,
	"ics":         FormatICal,
	"icalendar":   FormatICal,
	"mw":          FormatMarkwhen,
	"timeline-js": FormatTimelineJS,
	"tljs":        FormatTimelineJS,
	"csv":         FormatCSVEvents,
	"thetimeline": FormatTimeline,
}

// ParseFormat reads a format name as the command line takes it: one of
// Formats, or an alias such as json or ics.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	if alias, ok := formatAliases[string(f)]; ok {
		return alias, nil
	}
	for _, k := range Formats {
		if f == k {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, k := range Formats {
		names[i] = string(k)
	}
	return "", fmt.Errorf("unknown format %q (one of %s; json and ics also work)", s, strings.Join(names, ", "))
}

// Readable reports whether Read accepts f.
func (f Format) Readable() bool { return f != FormatICal && f.known() }

// Writable reports whether Write accepts f.
func (f Format) Writable() bool { return f != FormatTimeline && f.known() }

func (f Format) known() bool {
	for _, k := range Formats {
		if f == k {
			return true
		}
	}
	return false
}

// Extension is the usual file name extension for f, with its dot.
func (f Format) Extension() string {
	switch f {
	case FormatHindsightJSON, FormatTimelineJS:
		return ".json"
	case FormatCSVEvents, FormatCSVPredictions:
		return ".csv"
	case FormatMarkwhen:
		return ".mw"
	case FormatICal:
		return ".ics"
	case FormatTimeline:
		return ".timeline"
	}
	return ""
}

// Read imports a file in format f. The error is for a file that is
// unusable as a whole; problems with single records are in Result.Problems.
func Read(r io.Reader, f Format, opt ReadOptions) (Result, error) {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Context == nil {
		opt.Context = context.Background()
	}
	if !f.known() {
		return Result{}, fmt.Errorf("%w: unknown format %q", ErrUnsupported, f)
	}
	if !f.Readable() {
		return Result{}, fmt.Errorf("%w: %s files can be exported but not imported", ErrUnsupported, f)
	}
	if err := opt.Context.Err(); err != nil {
		return Result{}, err
	}
	data, err := record.ReadInput(r, opt.MaxBytes)
	if err != nil {
		return Result{}, err
	}
	text, err := record.ToUTF8(data)
	if err != nil {
		return Result{}, err
	}
	var (
		res  record.Result
		cols *Columns
	)
	switch f {
	case FormatHindsightJSON:
		res, err = hindsightjson.Read(text, opt)
	case FormatCSVEvents:
		var c Columns
		res, c, err = csvfile.ReadEvents(text, opt)
		cols = &c
	case FormatCSVPredictions:
		res, err = csvfile.ReadPredictions(text, opt)
	case FormatTimelineJS:
		res, err = timelinejs.Read(text, opt)
	case FormatMarkwhen:
		res, err = markwhen.Read(text, opt)
	case FormatTimeline:
		res, err = timelineproject.Read(text, opt)
	}
	if err != nil {
		return Result{}, err
	}
	res.Close()
	return Result{Doc: res.Doc, Problems: res.Problems, Columns: cols}, nil
}

// Write exports doc in format f. CSV formats write only their own kind of
// record; TimelineJS and Markwhen write events and periods; iCalendar writes
// prediction deadlines and events.
func Write(w io.Writer, f Format, doc Document, opt WriteOptions) error {
	if opt.Lang == "" {
		opt.Lang = "en"
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	switch f {
	case FormatHindsightJSON:
		err = hindsightjson.Write(bw, doc)
	case FormatCSVEvents:
		err = csvfile.WriteEvents(bw, doc.Events)
	case FormatCSVPredictions:
		err = csvfile.WritePredictions(bw, doc.Predictions)
	case FormatTimelineJS:
		err = timelinejs.Write(bw, doc, opt)
	case FormatMarkwhen:
		err = markwhen.Write(bw, doc, opt)
	case FormatICal:
		err = ical.Write(bw, doc, opt)
	case FormatTimeline:
		return fmt.Errorf("%w: %s files can be imported but not exported", ErrUnsupported, f)
	default:
		return fmt.Errorf("%w: unknown format %q", ErrUnsupported, f)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}
