// Package csvfile reads and writes CSV files of events and of predictions,
// one record a row. Events may come in any column layout, each column
// recognised by its name or mapped by a person (see Columns); predictions
// have Hindsight's own columns.
package csvfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hindsight-app/hindsight/internal/exchange/record"
	"github.com/hindsight-app/hindsight/internal/model"
)

// CSV files follow RFC 4180 in UTF-8 with a header row; events and
// predictions go in separate files. Export starts with a UTF-8 byte order
// mark so that spreadsheet programs read Chinese text correctly, and ends
// lines with CRLF. Dates are EDTF text (when.Date.String); import also reads
// the natural forms when.Parse knows.
//
// Formula guard: a spreadsheet runs a cell that starts with = + - @ tab or
// CR as a formula, so export puts a ' before such a cell, and before a cell
// that itself starts with ', so that import can remove exactly one leading
// ' from any cell whose next character is one of these and a round trip
// gives back the text unchanged.
//
// Import maps columns by header name, case-insensitively, with aliases.
// For predictions, columns it does not know are reported once and ignored,
// and so is a second column for a field it already has (the first one is
// read). Events may come in any column layout: see columns.go.
// Tags share a cell, separated by "; " (import also takes ","); a tag
// holding ; , or " is written in double quotes with its " doubled. An event's links
// are in source_url and quote, then source_url_2 and quote_2, and so on; a
// prediction's links also have published and primary columns (published_2,
// primary_2…), primary holding "yes" or nothing. A prediction's kind,
// provenance, interest, the id of the prediction it restates (an id in the
// same file) and its review date have columns of their own.
// Predictions' evidence is not carried: evidence names events, which live
// in a different file. A deadline is written as typed (deadline) and as
// read (deadline_canonical); on import a readable phrase wins, since a
// person may have edited it. Line ends inside cells come back as LF.

// csvField is a column Hindsight knows: its canonical name and the header
// names that mean it.
type csvField struct {
	name    string
	aliases []string
}

var predictionFields = []csvField{
	{"id", nil},
	{"statement", nil},
	{"statement_zh", nil},
	{"source", []string{"by"}},
	{"made", []string{"made_on"}},
	{"deadline", nil},
	{"deadline_canonical", nil},
	{"probability", []string{"prob"}},
	{"criteria", nil},
	{"tags", nil},
	{"kind", []string{"claim_kind"}},
	{"provenance", []string{"made_provenance"}},
	{"interest", nil},
	{"restates", nil},
	{"reviewed_on", []string{"last_reviewed"}},
	{"state", []string{"outcome"}},
	{"fraction", nil},
	{"resolved_on", nil},
	{"note", nil},
}

// Link columns: the first link has no number, later ones _2, _3, ...
// Predictions' links have an address, a quote, a published date and a
// primary mark (events' columns are read by columns.go).
var (
	reLinkColumn        = regexp.MustCompile(`^(source_url|url|link|quote|published|primary)(?:_?(\d+))?$`)
	predictionLinkParts = []string{"url", "quote", "published", "primary"}
)

// maxLinkColumns bounds the link number a header may use, so that a
// header such as "url_99999999" cannot make the reader allocate for it.
const maxLinkColumns = 1000

const formulaStarts = "=+-@\t\r"

func guardCell(s string) string {
	if s != "" && strings.IndexByte(formulaStarts+"'", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

func unguardCell(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.IndexByte(formulaStarts+"'", s[1]) >= 0 {
		return s[1:]
	}
	return s
}

// csvHeader maps the fields Hindsight knows to column indexes.
type csvHeader struct {
	cols  map[string]int
	links []linkColumns
}

type linkColumns struct{ url, quote, published, primary int }

func noLinkColumns() linkColumns { return linkColumns{-1, -1, -1, -1} }

func (h *csvHeader) get(rec []string, field string) string {
	if i, ok := h.cols[field]; ok {
		return cell(rec, i)
	}
	return ""
}

func cell(rec []string, i int) string {
	if i >= 0 && i < len(rec) {
		return record.UnixNewlines(unguardCell(rec[i]))
	}
	return ""
}

// HeaderKey is a column name as the readers compare it: lower case, its
// spaces and hyphens made underscores, without a formula guard.
func HeaderKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(unguardCell(s)))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(s)
}

// mapHeader reads the header row, with link columns of the parts given.
// The first column matching a field wins.
func mapHeader(row []string, fields []csvField, linkParts []string) (*csvHeader, []record.Problem) {
	h := &csvHeader{cols: map[string]int{}}
	names := map[string]string{}
	for _, f := range fields {
		names[f.name] = f.name
		for _, a := range f.aliases {
			names[a] = f.name
		}
	}
	var problems []record.Problem
	// A second column for a field is read by no one: say so, naming both.
	duplicate := func(i, first int, what string) {
		problems = append(problems, record.Problem{Line: 1, Record: "row 1", Field: strings.TrimSpace(row[i]), Effect: record.Ignored,
			Message: fmt.Sprintf("column %d is a second %s column (the first is column %d, %q); only the first is read, this one was ignored",
				i+1, what, first+1, strings.TrimSpace(row[first]))})
	}
	for i, raw := range row {
		key := HeaderKey(raw)
		if field, ok := names[key]; ok {
			if first, dup := h.cols[field]; dup {
				duplicate(i, first, field)
			} else {
				h.cols[field] = i
			}
			continue
		}
		if n, part, ok := linkColumn(key); ok && slices.Contains(linkParts, part) {
			for len(h.links) < n {
				h.links = append(h.links, noLinkColumns())
			}
			col, what := &h.links[n-1].url, "link address"
			switch part {
			case "quote":
				col, what = &h.links[n-1].quote, "quote"
			case "published":
				col, what = &h.links[n-1].published, "published date"
			case "primary":
				col, what = &h.links[n-1].primary, "primary mark"
			}
			if n > 1 {
				what += " " + strconv.Itoa(n)
			}
			if *col >= 0 {
				duplicate(i, *col, what)
			} else {
				*col = i
			}
			continue
		}
		if key != "" {
			problems = append(problems, record.Problem{Line: 1, Record: "row 1", Field: strings.TrimSpace(raw), Effect: record.Ignored,
				Message: "this column is not one Hindsight knows; it was ignored"})
		}
	}
	return h, problems
}

// linkColumn reads a link column name: which link (1-based) and which part
// of it (url, quote, published or primary) the column holds.
func linkColumn(key string) (n int, part string, ok bool) {
	m := reLinkColumn.FindStringSubmatch(key)
	if m == nil {
		return 0, "", false
	}
	part = m[1]
	if part == "source_url" || part == "link" {
		part = "url"
	}
	n = 1
	if m[2] != "" {
		v, err := strconv.Atoi(m[2])
		if err != nil || v < 1 || v > maxLinkColumns {
			return 0, "", false
		}
		n = v
	}
	return n, part, true
}

func (h *csvHeader) require(what string, fields ...[]string) error {
	for _, alts := range fields {
		if _, ok := h.cols[alts[0]]; !ok {
			return fmt.Errorf("%w: a CSV file of %s needs a %s column (%s)", record.ErrWrongFormat, what, alts[0], strings.Join(alts, ", "))
		}
	}
	return nil
}

// csvRow is one data record with where it was found.
type csvRow struct {
	row, line int
	rec       []string
}

func (r csvRow) problems() *record.Collector {
	return &record.Collector{Line: r.line, Record: fmt.Sprintf("row %d", r.row)}
}

// readCSV reads the header, hands it to header, and then hands each data
// record to row as it is read, so that only one record of the file is held
// as text at a time. Records that break CSV syntax become problems and the
// reader goes on with the next line. The progress total is the number of
// lines, an estimate when cells hold line breaks.
func readCSV(data []byte, opt record.ReadOptions, res *record.Result, header func([]string) error, row func(csvRow)) error {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err == io.EOF {
		return fmt.Errorf("%w: the file is empty", record.ErrWrongFormat)
	}
	if err != nil {
		return fmt.Errorf("%w: the header row cannot be read: %v", record.ErrMalformed, csvMessage(err))
	}
	if err := header(head); err != nil {
		return err
	}
	t := record.NewTracker(opt, max(bytes.Count(data, []byte("\n"))-1, 0))
	for rowNum := 2; ; rowNum++ {
		before := r.InputOffset()
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		switch {
		case err != nil && !errors.As(err, &pe):
			return fmt.Errorf("read row %d: %w", rowNum, err)
		case err == nil && blankRecord(rec):
			continue
		}
		if err := t.Step(); err != nil {
			return err
		}
		if pe != nil {
			res.Report(record.Problem{Line: pe.StartLine, Record: fmt.Sprintf("row %d", rowNum), Message: csvMessage(pe)})
			if r.InputOffset() == before {
				break
			}
			continue
		}
		line, _ := r.FieldPos(0)
		row(csvRow{row: rowNum, line: line, rec: rec})
	}
	return t.Finish()
}

func csvMessage(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote):
		return `a quoted field is not closed, or a " inside it is not doubled; the record was skipped`
	case errors.Is(err, csv.ErrBareQuote):
		return `a " appears inside a field that does not start with one (quote the field and double the "); the record was skipped`
	}
	return err.Error()
}

func blankRecord(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// ReadPredictions reads a CSV file of predictions.
func ReadPredictions(data []byte, opt record.ReadOptions) (record.Result, error) {
	var (
		res record.Result
		h   *csvHeader
		ids = record.UniqueIDs{}
	)
	err := readCSV(data, opt, &res, func(header []string) error {
		var problems []record.Problem
		h, problems = mapHeader(header, predictionFields, predictionLinkParts)
		res.Report(problems...)
		return h.require("predictions", []string{"statement"}, []string{"source", "by"}, []string{"made", "made_on"})
	}, func(row csvRow) {
		rp := row.problems()
		res.AddPrediction(rp, ids, h.prediction(row.rec, rp))
	})
	if err != nil {
		return record.Result{}, err
	}
	res.Report(record.KeepKnownRestates(res.Doc.Predictions)...)
	return res, nil
}

func (h *csvHeader) prediction(rec []string, rp *record.Collector) model.Prediction {
	p := model.Prediction{
		ID:          record.ReadID(rp, h.get(rec, "id")),
		Statement:   h.get(rec, "statement"),
		StatementZh: h.get(rec, "statement_zh"),
		Source:      h.get(rec, "source"),
		Criteria:    h.get(rec, "criteria"),
		Tags:        record.SplitTags(h.get(rec, "tags")),
		Interest:    h.get(rec, "interest"),
		Restates:    record.ReadIDField(rp, "restates", h.get(rec, "restates")),
	}
	p.Kind = record.ReadKind(rp, "kind", h.get(rec, "kind"))
	p.Provenance = record.ReadProvenance(rp, "provenance", h.get(rec, "provenance"))
	p.ReviewedOn = record.ReadDate(rp, "reviewed_on", h.get(rec, "reviewed_on"))
	if strings.TrimSpace(p.Statement) == "" {
		rp.Add("statement", "the statement is empty")
	}
	p.Made = record.ReadDate(rp, "made", h.get(rec, "made"))
	if p.Made.IsZero() && rp.OK() {
		rp.Add("made", "the date it was made is empty")
	}
	p.Deadline = record.ReadDeadline(rp, "deadline", h.get(rec, "deadline"), h.get(rec, "deadline_canonical"), p.Made, true)
	prob, err := model.ParseProbability(h.get(rec, "probability"))
	if err != nil {
		rp.Add("probability", "%s", err.Error())
	}
	p.Probability = prob
	for i, lc := range h.links {
		l := model.SourceLink{URL: cell(rec, lc.url), Quote: cell(rec, lc.quote)}
		suffix := ""
		if i > 0 {
			suffix = "_" + strconv.Itoa(i+1)
		}
		l.Published = record.ReadDate(rp, "published"+suffix, cell(rec, lc.published))
		l.Primary = readPrimary(rp, "primary"+suffix, cell(rec, lc.primary))
		if strings.TrimSpace(l.URL) != "" || strings.TrimSpace(l.Quote) != "" || !l.Published.IsZero() || l.Primary {
			p.Links = append(p.Links, l)
		}
	}
	p.Resolution.State = record.ReadState(rp, "state", h.get(rec, "state"))
	p.Resolution.Fraction = record.ReadFraction(rp, h.get(rec, "fraction"))
	p.Resolution.On = record.ReadDate(rp, "resolved_on", h.get(rec, "resolved_on"))
	p.Resolution.Note = h.get(rec, "note")
	return p
}

// readPrimary reads a primary mark: yes, true, 1, x or 是 for a primary
// source; no, false, 0 or nothing for one that is not.
func readPrimary(rp *record.Collector, field, s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "true", "1", "x", "primary", "是":
		return true
	case "", "no", "n", "false", "0", "secondary", "否":
		return false
	}
	rp.Add(field, "cannot read %q as a primary mark (yes or nothing)", s)
	return false
}

func formatID(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// csvWriter guards every cell it writes.
type csvWriter struct {
	w   *csv.Writer
	row []string
}

func newCSVWriter(w io.Writer) (*csvWriter, error) {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &csvWriter{w: cw}, nil
}

func (c *csvWriter) write(cells ...string) error {
	c.row = c.row[:0]
	for _, s := range cells {
		// csv.Writer drops a CR that is not part of a line end, so line
		// ends are made LF first, and written as CRLF.
		c.row = append(c.row, guardCell(record.UnixNewlines(s)))
	}
	return c.w.Write(c.row)
}

func (c *csvWriter) flush() error {
	c.w.Flush()
	return c.w.Error()
}

// mostLinks is how many sets of link columns a file of records needs: as
// many as the record with the most links has, and at least one.
func mostLinks[R any](records []R, links func(R) int) int {
	n := 1
	for _, r := range records {
		n = max(n, links(r))
	}
	return n
}

// linkHeader appends n sets of the link columns named to header: the first
// set bare, the others numbered from 2 ("source_url", "source_url_2").
func linkHeader(header []string, n int, names ...string) []string {
	for i := range n {
		suffix := ""
		if i > 0 {
			suffix = "_" + strconv.Itoa(i+1)
		}
		for _, name := range names {
			header = append(header, name+suffix)
		}
	}
	return header
}

// linkAt is links[i], or an empty link past the end: a row with fewer
// links than the file has columns for leaves the rest empty.
func linkAt[L any](links []L, i int) L {
	var l L
	if i < len(links) {
		l = links[i]
	}
	return l
}

// WriteEvents writes events as CSV, one a row, with as many link columns
// as the event with the most links needs.
func WriteEvents(w io.Writer, events []model.Event) error {
	cw, err := newCSVWriter(w)
	if err != nil {
		return err
	}
	links := mostLinks(events, func(e model.Event) int { return len(e.Links) })
	header := linkHeader([]string{"id", "date", "end", "title", "title_zh", "actor", "category", "tags", "description"},
		links, "source_url", "quote")
	if err := cw.write(header...); err != nil {
		return err
	}
	cells := make([]string, 0, len(header))
	for _, e := range events {
		cells = append(cells[:0], formatID(e.ID), e.Date.String(), e.End.String(), e.Title, e.TitleZh, e.Actor,
			string(e.Category), record.JoinTags(e.Tags), e.Description)
		for i := range links {
			l := linkAt(e.Links, i)
			cells = append(cells, l.URL, l.Quote)
		}
		if err := cw.write(cells...); err != nil {
			return err
		}
	}
	return cw.flush()
}

// WritePredictions writes predictions as CSV, one a row.
func WritePredictions(w io.Writer, preds []model.Prediction) error {
	cw, err := newCSVWriter(w)
	if err != nil {
		return err
	}
	links := mostLinks(preds, func(p model.Prediction) int { return len(p.Links) })
	header := linkHeader([]string{"id", "kind", "statement", "statement_zh", "source", "made", "provenance", "deadline",
		"deadline_canonical", "probability", "criteria", "tags", "interest", "restates", "reviewed_on",
		"state", "fraction", "resolved_on", "note"},
		links, "source_url", "quote", "published", "primary")
	if err := cw.write(header...); err != nil {
		return err
	}
	cells := make([]string, 0, len(header))
	for _, p := range preds {
		prob, fraction, restates := "", "", ""
		if p.Probability != nil {
			prob = record.FormatFloat(*p.Probability)
		}
		if p.Resolution.Fraction != 0 {
			fraction = record.FormatFloat(p.Resolution.Fraction)
		}
		if p.Restates != 0 {
			restates = formatID(p.Restates)
		}
		kind := p.Kind
		if kind == "" {
			kind = model.KindForecast
		}
		cells = append(cells[:0], formatID(p.ID), string(kind), p.Statement, p.StatementZh, p.Source, p.Made.String(),
			string(p.Provenance), p.Deadline.Phrase, p.Deadline.Canonical(), prob, p.Criteria, record.JoinTags(p.Tags),
			p.Interest, restates, p.ReviewedOn.String(),
			string(p.State()), fraction, p.Resolution.On.String(), p.Resolution.Note)
		for i := range links {
			l := linkAt(p.Links, i)
			primary := ""
			if l.Primary {
				primary = "yes"
			}
			cells = append(cells, l.URL, l.Quote, l.Published.String(), primary)
		}
		if err := cw.write(cells...); err != nil {
			return err
		}
	}
	return cw.flush()
}
