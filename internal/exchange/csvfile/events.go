package csvfile

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/hindsight-app/hindsight/internal/exchange/record"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// ReadEvents reads a CSV file of events in any column layout: the columns
// are recognised by their names (RecogniseColumns), then mapped as
// ReadOptions.Columns says. A file with no column for the title or the
// date reads no rows, and one problem says which to map. The Columns say
// how each column was read.
func ReadEvents(data []byte, opt record.ReadOptions) (record.Result, Columns, error) {
	var (
		res      record.Result
		cols     Columns
		ids      = record.UniqueIDs{}
		unmapped []string
		skipped  int
	)
	err := readCSV(data, opt, &res, func(header []string) error {
		cols = RecogniseColumns(header)
		if err := cols.Apply(opt.Columns); err != nil {
			return fmt.Errorf("%w: %v", record.ErrWrongFormat, err)
		}
		res.Report(cols.problems...)
		unmapped = cols.missing()
		return nil
	}, func(row csvRow) {
		if len(unmapped) > 0 {
			skipped++
			return
		}
		rp := row.problems()
		res.AddEvent(rp, ids, cols.event(row.rec, rp))
	})
	if err != nil {
		return record.Result{}, Columns{}, err
	}
	if len(unmapped) > 0 {
		res.Report(record.Problem{Line: 1, Record: "file", Message: fmt.Sprintf(
			"no column is read as the %s, so none of the %d rows was imported: map a column to %s (hindsightctl import --map %s=COLUMN, or in the import preview)",
			strings.Join(unmapped, " or the "), skipped, strings.Join(unmapped, " and "), unmapped[0])})
	}
	return res, cols, nil
}

// cellLinks reads a cell of web addresses: one, or several separated by
// spaces, line ends, commas or semicolons. An address starts a new link
// wherever "http://" or "https://" follows such a separator, so that an
// address holding a comma stays whole. text reports words in the cell
// that are no address; the caller keeps the cell in the description then.
func cellLinks(v string) (links []model.Link, text bool) {
	isSep := func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' }
	var starts []int
	for i := 0; i < len(v); i++ {
		if (strings.HasPrefix(v[i:], "http://") || strings.HasPrefix(v[i:], "https://")) &&
			(i == 0 || isSep(rune(v[i-1]))) {
			starts = append(starts, i)
		}
	}
	if len(starts) == 1 && starts[0] == 0 && model.CheckLink(v) == "" && !strings.ContainsFunc(v, unicode.IsSpace) {
		return []model.Link{{URL: v}}, false // one address, as it is
	}
	if len(starts) == 0 || strings.TrimFunc(v[:starts[0]], isSep) != "" {
		text = true
	}
	for k, at := range starts {
		end := len(v)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		piece := strings.TrimRightFunc(v[at:end], isSep)
		// Words after an address, past a space, are text.
		if sp := strings.IndexFunc(piece, unicode.IsSpace); sp >= 0 {
			piece, text = piece[:sp], true
		}
		if model.CheckLink(piece) == "" {
			links = append(links, model.Link{URL: piece})
		} else {
			text = true
		}
	}
	return links, text
}

// listSeparators split a cell listing several organisations or domains.
var listSeparators = func(r rune) bool { return r == ',' || r == ';' || r == '，' || r == '、' || r == '；' || r == '\n' }

// event reads one row.
func (c Columns) event(rec []string, rp *record.Collector) model.Event {
	var e model.Event
	var notes []string
	var description string
	links := map[int][]model.Link{}
	quotes := map[int]string{}
	slots := []int{}
	for i, col := range c.List {
		v := cell(rec, i)
		if strings.TrimSpace(v) == "" {
			continue
		}
		switch col.Field {
		case FieldTitle:
			e.Title = v
		case FieldTitleZh:
			e.TitleZh = v
		case FieldDate:
			e.Date = readCSVDate(rp, FieldDate, v)
		case FieldEnd:
			e.End = readCSVDate(rp, FieldEnd, v)
		case FieldActor:
			e.Actor = v
		case FieldOrganizations:
			orgs := splitList(v)
			if len(orgs) > 0 {
				e.Actor = orgs[0]
				e.Tags = append(e.Tags, orgs[1:]...)
			}
			if len(orgs) > 1 {
				notes = append(notes, col.Name+": "+v)
			}
		case FieldCategory:
			if cat, err := model.ParseCategory(v); err == nil {
				e.Category = cat
			} else {
				e.Tags = append(e.Tags, v)
				rp.Note(col.Name, "%q is not one of Hindsight's categories; it was kept as a tag", strings.TrimSpace(v))
			}
		case FieldTags:
			e.Tags = append(e.Tags, record.SplitTags(v)...)
		case FieldDomain:
			e.Tags = append(e.Tags, splitList(v)...)
		case FieldLink:
			found, text := cellLinks(v)
			links[col.Slot] = append(links[col.Slot], found...)
			if text {
				notes = append(notes, col.Name+": "+v)
				rp.Note(col.Name, "the cell holds text besides web addresses; it was kept in the description")
			}
			if !slices.Contains(slots, col.Slot) {
				slots = append(slots, col.Slot)
			}
		case FieldQuote:
			quotes[col.Slot] = v
			if !slices.Contains(slots, col.Slot) {
				slots = append(slots, col.Slot)
			}
		case FieldDescription:
			description = v
		case FieldID:
			e.ID = record.ReadID(rp, v)
		case FieldFlag:
			switch yesNo(v) {
			case "yes":
				e.Tags = append(e.Tags, col.Name)
			case "":
				notes = append(notes, col.Name+": "+v)
			}
		case FieldNote:
			notes = append(notes, noteLine(col.Name, v))
		}
	}
	slices.Sort(slots)
	for _, slot := range slots {
		list := links[slot]
		if q := quotes[slot]; q != "" {
			if len(list) == 0 {
				list = []model.Link{{}}
			}
			list[0].Quote = q
		}
		e.Links = append(e.Links, list...)
	}
	if e.Date.IsZero() && rp.OK() {
		rp.Add("date", "the date is empty")
	}
	if strings.TrimSpace(e.Title) == "" {
		rp.Add("title", "the title is empty")
	}
	parts := []string{}
	if strings.TrimSpace(description) != "" {
		parts = append(parts, description)
	}
	if len(notes) > 0 {
		parts = append(parts, strings.Join(notes, "\n"))
	}
	e.Description = strings.Join(parts, "\n\n")
	return e
}

// noteLine writes a column's value as a line of the description. The
// column's name gets the cells' line ends (a lone CR read as a line
// break), so that the description reads back the same after an export.
func noteLine(name, value string) string {
	if name == "" {
		return value
	}
	return record.UnixNewlines(name) + ": " + value
}

// readCSVDate reads a date as spreadsheets write them: any form when.Parse
// reads, an ISO 8601 instant, or a date with a time of day.
func readCSVDate(rp *record.Collector, field, s string) when.Date {
	s = strings.TrimSpace(s)
	d, err := when.Parse(s)
	if err == nil {
		return d
	}
	if day, ok := record.InstantDay(s); ok {
		if d, err := when.ParseEDTF(day); err == nil {
			return d
		}
	}
	if d, err := record.ParseDateTime(s); err == nil {
		return d
	}
	rp.AddCause(field, err)
	return when.Date{}
}

// splitList splits a cell listing several names.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, listSeparators) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// yesNo reads a checkbox cell: "yes", "no", or "" when it is neither.
func yesNo(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "y", "1", "x", "✓", "✔", "checked", "是", "对":
		return "yes"
	case "false", "no", "n", "0", "unchecked", "否":
		return "no"
	}
	return ""
}
