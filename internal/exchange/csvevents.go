package exchange

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// readCSVEvents reads a CSV file of events in any column layout: the
// columns are recognised by their names (RecogniseColumns), then mapped as
// ReadOptions.Columns says. A file with no column for the title or the date
// reads no rows, and one problem says which to map.
func readCSVEvents(data []byte, opt ReadOptions) (Result, error) {
	var (
		res      Result
		cols     Columns
		ids      = uniqueIDs{}
		unmapped []string
		skipped  int
	)
	err := readCSV(data, opt, &res, func(header []string) error {
		cols = RecogniseColumns(header)
		if err := cols.Apply(opt.Columns); err != nil {
			return fmt.Errorf("%w: %v", ErrWrongFormat, err)
		}
		res.report(cols.problems...)
		unmapped = cols.missing()
		return nil
	}, func(row csvRow) {
		if len(unmapped) > 0 {
			skipped++
			return
		}
		rp := row.problems()
		e := cols.event(row.rec, rp)
		ids.check(rp, "event", &e.ID)
		if rp.finishEvent(&e) {
			res.Doc.Events = append(res.Doc.Events, e)
			ids.add(e.ID)
		}
		res.report(rp.all()...)
	})
	if err != nil {
		return Result{}, err
	}
	if len(unmapped) > 0 {
		res.report(Problem{Line: 1, Record: "file", Message: fmt.Sprintf(
			"no column is read as the %s, so none of the %d rows was imported: map a column to %s (hindsightctl import --map %s=COLUMN, or in the import preview)",
			strings.Join(unmapped, " or the "), skipped, strings.Join(unmapped, " and "), unmapped[0])})
	}
	res.Columns = &cols
	return res, nil
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
func (c Columns) event(rec []string, rp *recordProblems) model.Event {
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
				rp.note(col.Name, "%q is not one of Hindsight's categories; it was kept as a tag", strings.TrimSpace(v))
			}
		case FieldTags:
			e.Tags = append(e.Tags, splitTags(v)...)
		case FieldDomain:
			e.Tags = append(e.Tags, splitList(v)...)
		case FieldLink:
			found, text := cellLinks(v)
			links[col.Slot] = append(links[col.Slot], found...)
			if text {
				notes = append(notes, col.Name+": "+v)
				rp.note(col.Name, "the cell holds text besides web addresses; it was kept in the description")
			}
			if !containsInt(slots, col.Slot) {
				slots = append(slots, col.Slot)
			}
		case FieldQuote:
			quotes[col.Slot] = v
			if !containsInt(slots, col.Slot) {
				slots = append(slots, col.Slot)
			}
		case FieldDescription:
			description = v
		case FieldID:
			e.ID = readID(rp, v)
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
	for _, slot := range sortedInts(slots) {
		list := links[slot]
		if q := quotes[slot]; q != "" {
			if len(list) == 0 {
				list = []model.Link{{}}
			}
			list[0].Quote = q
		}
		e.Links = append(e.Links, list...)
	}
	if e.Date.IsZero() && rp.ok() {
		rp.add("date", "the date is empty")
	}
	if strings.TrimSpace(e.Title) == "" {
		rp.add("title", "the title is empty")
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

// noteLine writes a column's value as a line of the description.
func noteLine(name, value string) string {
	if name == "" {
		return value
	}
	return name + ": " + value
}

// readCSVDate reads a date as spreadsheets write them: any form when.Parse
// reads, an ISO 8601 instant, or a date with a time of day.
func readCSVDate(rp *recordProblems, field, s string) when.Date {
	s = strings.TrimSpace(s)
	d, err := when.Parse(s)
	if err == nil {
		return d
	}
	if m := reISOInstant.FindStringSubmatch(s); m != nil {
		if d, err := when.ParseEDTF(m[1]); err == nil {
			return d
		}
	}
	if d, err := timelineTime(s); err == nil {
		return d
	}
	rp.addCause(field, err)
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

func containsInt(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func sortedInts(list []int) []int {
	out := append([]int(nil), list...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
