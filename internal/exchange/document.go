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
	"errors"
	"fmt"
	"io"
	"regexp"
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
		b.WriteString(" “" + shortText(p.Name, 60) + "”")
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

// Result is what an import returns: all readable records and the problems
// of the unreadable ones.
type Result struct {
	Doc Document
	// Problems lists at most MaxProblems problems; a last one counts the
	// rest.
	Problems []Problem
	omitted  int
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
	// fields they go into (see Columns), over what the header is
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
	data, err := readInput(r, opt.MaxBytes)
	if err != nil {
		return Result{}, err
	}
	text, err := toUTF8(data)
	if err != nil {
		return Result{}, err
	}
	var res Result
	switch f {
	case FormatHindsightJSON:
		res, err = readHindsightJSON(text, opt)
	case FormatCSVEvents:
		res, err = readCSVEvents(text, opt)
	case FormatCSVPredictions:
		res, err = readCSVPredictions(text, opt)
	case FormatTimelineJS:
		res, err = readTimelineJS(text, opt)
	case FormatMarkwhen:
		res, err = readMarkwhen(text, opt)
	case FormatTimeline:
		res, err = readTimelineProject(text, opt)
	}
	if err != nil {
		return Result{}, err
	}
	res.closeProblems()
	return res, nil
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
		err = writeHindsightJSON(bw, doc)
	case FormatCSVEvents:
		err = writeCSVEvents(bw, doc.Events)
	case FormatCSVPredictions:
		err = writeCSVPredictions(bw, doc.Predictions)
	case FormatTimelineJS:
		err = writeTimelineJS(bw, doc, opt)
	case FormatMarkwhen:
		err = writeMarkwhen(bw, doc, opt)
	case FormatICal:
		err = writeICal(bw, doc, opt)
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

// recordProblems collects the problems of one record as it is read.
type recordProblems struct {
	line   int
	record string
	name   string    // the record's title, once known
	list   []Problem // problems that keep the record out
	notes  []Problem // problems with a part that was left out, the record kept
}

// note reports a part of the record that was left out while the record
// itself is kept.
func (r *recordProblems) note(field, format string, args ...any) {
	r.notes = append(r.notes, Problem{Line: r.line, Record: r.record, Field: field, Name: r.name,
		Message: fmt.Sprintf(format, args...), Effect: PartLeftOut})
}

// tell says how a part of a kept record was read ("now" read as today, a
// title made from the text).
func (r *recordProblems) tell(field, format string, args ...any) {
	r.notes = append(r.notes, Problem{Line: r.line, Record: r.record, Field: field, Name: r.name,
		Message: fmt.Sprintf(format, args...), Effect: ReadAs})
}

// all is every problem found, for the Result: why the record was left
// out, or, when it was kept, what of it was not.
func (r *recordProblems) all() []Problem {
	if len(r.list) > 0 {
		return r.list
	}
	return r.notes
}

func (r *recordProblems) add(field, format string, args ...any) {
	r.list = append(r.list, Problem{Line: r.line, Record: r.record, Field: field, Name: r.name, Message: fmt.Sprintf(format, args...)})
}

// addCause adds err as the problem of field, keeping it as the cause.
func (r *recordProblems) addCause(field string, err error) {
	r.list = append(r.list, Problem{Line: r.line, Record: r.record, Field: field, Message: err.Error(), Cause: err})
}

// addErr adds err, spreading a validation error over its fields.
func (r *recordProblems) addErr(field string, err error) {
	var v *model.ValidationError
	if errors.As(err, &v) {
		for _, fe := range v.Fields {
			r.add(fe.Field, "%s", fe.Message)
		}
		return
	}
	r.add(field, "%s", err.Error())
}

func (r *recordProblems) ok() bool { return len(r.list) == 0 }

// uniqueIDs keeps the IDs of one kind of record unique within an import:
// a record whose ID an earlier one already has is kept without it, and a
// problem says so. Evidence naming that ID refers to the earlier record.
type uniqueIDs map[int64]bool

// check drops *id when an earlier record has it.
func (u uniqueIDs) check(rp *recordProblems, kind string, id *int64) {
	if *id != 0 && u[*id] {
		rp.note("id", "id %d is used by an earlier %s, so this one was imported without an id", *id, kind)
		*id = 0
	}
}

// add takes note of an imported record's ID.
func (u uniqueIDs) add(id int64) {
	if id != 0 {
		u[id] = true
	}
}

// finishEvent cleans and normalises e and reports why it is invalid, if it
// is.
func (r *recordProblems) finishEvent(e *model.Event) bool {
	if !r.ok() {
		return false
	}
	cleanAll(&e.Title, &e.TitleZh, &e.Actor, &e.Description)
	for i := range e.Tags {
		cleanAll(&e.Tags[i])
	}
	for i := range e.Links {
		cleanAll(&e.Links[i].URL, &e.Links[i].Quote)
	}
	e.Normalize()
	if len(e.Links) == 0 {
		e.Links = nil // an empty list and none are the same to every format
	}
	if err := e.Validate(); err != nil {
		r.addErr("", err)
		return false
	}
	return true
}

// finishPeriod cleans and normalises p and reports why it is invalid, if
// it is.
func (r *recordProblems) finishPeriod(p *model.Period) bool {
	if !r.ok() {
		return false
	}
	cleanAll(&p.Title, &p.Lane, &p.Description, &p.Color)
	for i := range p.Links {
		cleanAll(&p.Links[i].URL, &p.Links[i].Quote)
	}
	p.Normalize()
	if len(p.Links) == 0 {
		p.Links = nil
	}
	if err := p.Validate(); err != nil {
		r.addErr("", err)
		return false
	}
	return true
}

// finishPrediction cleans and normalises p and reports why it is invalid,
// if it is.
func (r *recordProblems) finishPrediction(p *model.Prediction) bool {
	if !r.ok() {
		return false
	}
	cleanAll(&p.Statement, &p.StatementZh, &p.Source, &p.Criteria, &p.Interest,
		&p.Resolution.Note, &p.Deadline.Phrase)
	for i := range p.Tags {
		cleanAll(&p.Tags[i])
	}
	for i := range p.Links {
		cleanAll(&p.Links[i].URL, &p.Links[i].Quote)
	}
	p.Normalize()
	if len(p.Links) == 0 {
		p.Links = nil // an empty list and none are the same to every format
	}
	if len(p.Resolution.Evidence) == 0 {
		p.Resolution.Evidence = nil
	}
	if err := p.Validate(); err != nil {
		r.addErr("", err)
		return false
	}
	return true
}

// readKind reads a claim's kind; empty is a forecast.
func readKind(rp *recordProblems, field, s string) model.Kind {
	if strings.TrimSpace(s) == "" {
		return model.KindForecast
	}
	k, err := model.ParseKind(s)
	if err != nil {
		rp.add(field, "%s", err.Error())
	}
	return k
}

// readProvenance reads how a claim's made-on date is known; empty is
// unstated.
func readProvenance(rp *recordProblems, field, s string) model.Provenance {
	v, err := model.ParseProvenance(s)
	if err != nil {
		rp.add(field, "%s", err.Error())
	}
	return v
}

// keepKnownRestates drops, with a problem each, the restatements in preds
// that the store could not keep: one naming a prediction not in the
// document, one by another source, one made before the claim it restates,
// and one closing a loop. Each prediction is kept, restating none.
func keepKnownRestates(preds []model.Prediction) []Problem {
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

// isControl reports control characters other than tab and line ends.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r >= 0x80 && r <= 0x9f
}

// cleanText drops control characters: no title or note needs them, and
// they could drive a terminal that prints the text (escape sequences) or
// break a line-based format on the next export.
func cleanText(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

func cleanAll(fields ...*string) {
	for _, f := range fields {
		*f = cleanText(*f)
	}
}

// unixNewlines turns CRLF and lone CR line ends into LF, for the formats
// whose writers cannot keep a CR as it is.
func unixNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// parseDate reads a date in any form when.Parse knows; empty is no date.
func parseDate(s string) (when.Date, error) {
	if strings.TrimSpace(s) == "" {
		return when.Date{}, nil
	}
	return when.Parse(s)
}

// Link lines are how the text formats carry an event's links: a line that
// holds nothing but an address, or a Markdown link "[quote](address)".
var (
	reBareLink     = regexp.MustCompile(`^(https?://\S+)$`)
	reMarkdownLink = regexp.MustCompile(`^\[(.*)\]\((https?://\S+)\)$`)
)

// linkLine formats l as a link line; ok is false when the line would not
// read back as l (a quote over several lines, an address with a space).
func linkLine(l model.Link) (line string, ok bool) {
	line = l.URL
	if l.Quote != "" {
		line = "[" + l.Quote + "](" + l.URL + ")"
	}
	back, ok := parseLinkLine(line)
	return line, ok && back == l && !strings.ContainsAny(line, "\r\n")
}

// parseLinkLine reads a link line; ok is false for any other text.
func parseLinkLine(s string) (model.Link, bool) {
	s = strings.TrimSpace(s)
	if m := reBareLink.FindStringSubmatch(s); m != nil && model.CheckLink(m[1]) == "" {
		return model.Link{URL: m[1]}, true
	}
	if m := reMarkdownLink.FindStringSubmatch(s); m != nil && model.CheckLink(m[2]) == "" {
		return model.Link{URL: m[2], Quote: m[1]}, true
	}
	return model.Link{}, false
}

// takeTrailingLinks splits the link lines at the end of a description
// from the text above them.
func takeTrailingLinks(lines []string) (rest []string, links []model.Link) {
	end := len(lines)
	for end > 0 && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	i := end
	for i > 0 {
		if _, ok := parseLinkLine(lines[i-1]); !ok {
			break
		}
		i--
	}
	for _, s := range lines[i:end] {
		l, _ := parseLinkLine(s)
		links = append(links, l)
	}
	return lines[:i], links
}
