package markwhen

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hindsight-app/hindsight/internal/exchange/record"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Markwhen sections are Hindsight's periods, and its header holds the
// colours of tags; this file reads and writes both, and works out each
// event's dates in file order (see dates.go).

// mwHeader is what a Markwhen header says that Hindsight reads: the
// timeline's title, to report, and the colours of tags, for sections.
type mwHeader struct {
	title     string
	titleLine int
	tagColors map[string]string // tag (lower case) → "#rrggbb"
	colorLine map[string]int
	unread    []mwProp // colours that could not be read
}

var reTagColor = regexp.MustCompile(`^#([\p{L}\p{N}_-]+):\s*(\S.*?)\s*(?://.*)?$`)

// read takes one header line; it reports whether the line is one a header
// holds (a key: value entry, a tag colour or a list item of one).
func (h *mwHeader) read(line string, lineNo int) bool {
	t := strings.TrimSpace(line)
	if m := reTagColor.FindStringSubmatch(t); m != nil {
		if h.colorLine == nil {
			h.colorLine = map[string]int{}
		}
		tag := strings.ToLower(m[1])
		if c, err := model.ParseColor(m[2]); err == nil {
			h.tagColors[tag] = c
			h.colorLine[tag] = lineNo
		} else {
			h.unread = append(h.unread, mwProp{key: m[1], value: m[2], line: lineNo})
		}
		return true
	}
	if m := reMarkwhenProp.FindStringSubmatch(t); m != nil {
		if strings.EqualFold(m[1], "title") && h.title == "" {
			h.title, h.titleLine = propValue(strings.TrimSpace(m[2])), lineNo
		}
		return true
	}
	return strings.HasPrefix(t, "- ")
}

// workOutDates gives the block its dates, working out a relative range or
// a recurrence against the events before it; it returns the span the next
// events count from (nil when there is none) and whether the block has
// dates.
func (b *mwBlock) workOutDates(rp *record.Collector, c *mwContext) (*mwSpan, bool) {
	if b.err != nil {
		rp.Add("date", "%s", b.err.Error())
		return nil, false
	}
	var span mwSpan
	if b.spec != nil {
		var err error
		if span, err = c.resolve(b.spec); err != nil {
			rp.Add("date", "cannot work out the date %q: %v", b.prefix, err)
			c.usedNow = false
			return nil, false
		}
		if b.start, b.end, err = span.dates(); err != nil {
			rp.Add("date", "the date %q %v", b.prefix, err)
			return nil, false
		}
		b.keepWrittenDates()
		if c.usedNow {
			rp.Tell("date", "“now” was read as %s, the day of this import", c.today)
			c.usedNow = false
		}
	} else {
		span = rangeSpan(b.start, b.end)
	}
	if b.recur != nil {
		n, all, err := b.recur.expand(span)
		if err != nil {
			rp.Add("date", "%v", err)
			return &span, false
		}
		start, end, err := all.dates()
		if err != nil {
			rp.Add("date", "the recurrence %q %v", b.recur.text, err)
			return &span, false
		}
		b.recurLine = b.recur.describe(n, span, all)
		b.start, b.end = start, end
		if start == end {
			b.end = when.Date{}
		}
		rp.Tell("date", "the recurrence “%s” was imported as one event spanning its %d occurrences, with the rule at the top of its description", b.recur.text, n)
	}
	return &span, true
}

// keepWrittenDates puts back a side of the range that was a plain date,
// as written ("2024-01" rather than 2024-01-01), where it covers the same
// days as the worked-out range does.
func (b *mwBlock) keepWrittenDates() {
	last := b.end
	if last.IsZero() {
		last = b.start
	}
	if f := b.spec.from; f.kind == pointDate && f.date.Earliest() == b.start.Earliest() && f.date.Latest() <= last.Latest() {
		b.start = f.date
	}
	if to := b.spec.to; to != nil && to.kind == pointDate && !b.end.IsZero() && to.date.Latest() == b.end.Latest() &&
		to.date.Earliest() >= b.start.Earliest() {
		b.end = to.date
	}
	if b.end == b.start {
		b.end = when.Date{}
	}
}

// SectionKey tells two periods apart as a Markwhen file keeps them: by
// everything but their record times. A file that holds a period twice is
// read back with it once; exchange.Plan counts such repeats.
func SectionKey(p model.Period) string {
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.Truncate(0), p.UpdatedAt.Truncate(0)
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.AddDate(0, 0, 0), p.UpdatedAt.AddDate(0, 0, 0)
	b, _ := json.Marshal(struct {
		ID                                int64
		Title, Start, End, Color, Lane, D string
		Links                             []model.Link
	}{p.ID, p.Title, p.Start.String(), p.End.String(), p.Color, p.Lane, p.Description, p.Links})
	return string(b)
}

// convertSections makes the sections periods. A section written twice
// (the writer opens a period again after events outside it) is one period.
func (p *mwParser) convertSections(res *record.Result) {
	seen := map[string]bool{}
	ids := record.UniqueIDs{}
	for _, s := range p.sections {
		rp := &record.Collector{Line: s.line, Record: fmt.Sprintf("line %d", s.line)}
		rp.Name = s.title
		period, ok := s.period(rp, p.header.tagColors)
		if ok {
			key := SectionKey(period)
			if seen[key] {
				continue
			}
			seen[key] = true
			ids.Check(rp, "period", &period.ID)
			if rp.FinishPeriod(&period) {
				res.Doc.Periods = append(res.Doc.Periods, period)
				ids.Add(period.ID)
			}
		}
		res.Report(rp.All()...)
	}
}

// period gives the section as a period: its properties when it has them,
// else the span of its events, and the colour the header gives its first
// tag that has one.
func (s *mwSection) period(rp *record.Collector, tagColors map[string]string) (model.Period, bool) {
	g := model.Period{Title: s.title, Start: s.first, End: s.last}
	if g.End == g.Start {
		g.End = when.Date{}
	}
	// A title property says the whole name; tags in the line are then
	// part of it, not the section's.
	tags := s.tags
	if slices.ContainsFunc(s.props, func(pr mwProp) bool { return pr.key == "title" }) {
		tags = nil
	}
	for _, t := range tags {
		if c, ok := tagColors[strings.ToLower(t)]; ok && g.Color == "" {
			g.Color = c
		}
	}
	for _, pr := range s.props {
		v := propValue(pr.value)
		switch pr.key {
		case "title":
			g.Title = v
		case "start":
			g.Start = record.ReadDate(rp, "start", v)
		case "end":
			g.End = record.ReadDate(rp, "end", v)
		case "id":
			if reAllDigits.MatchString(strings.TrimPrefix(v, "-")) {
				g.ID = record.ReadID(rp, v)
			}
		case "color", "colour":
			c, err := model.ParseColor(v)
			if err != nil {
				rp.Add("color", "%v", err)
			}
			g.Color = c
		case "lane":
			g.Lane = v
		case "description":
			g.Description = v
		case "links":
			g.Links = readLinksProp(rp, pr.value)
		default:
			rp.Note(pr.key, "the section's property %q was not kept: a period has no place for it", pr.key)
		}
	}
	g.Title = strings.TrimSpace(record.CleanText(g.Title))
	if !rp.OK() {
		return g, false
	}
	if g.Start.IsZero() {
		rp.Add("start", "the section holds no dated event and has no start property, so it has no time to be a period of")
		return g, false
	}
	if g.Title == "" {
		g.Title = g.Start.Format("en")
		if !g.End.IsZero() {
			g.Title += " – " + g.End.Format("en")
		}
		rp.Tell("title", "the section has no name, so the period was titled with its dates: “%s”", g.Title)
	}
	if len(tags) > 0 && g.Color == "" {
		rp.Note("tags", "the section's tags (%s) were not kept: a period has no tags, and the header gives none of them a colour", "#"+strings.Join(tags, " #"))
	}
	return g, true
}

// reportRest reports what the file holds besides events and sections: the
// header's title, tag colours no section took, the properties of groups.
func (p *mwParser) reportRest(res *record.Result) {
	h := &p.header
	if h.title != "" && h.title != mwTitle { // Hindsight's own exports carry its name
		res.Report(record.Problem{Line: h.titleLine, Record: "header", Field: "title",
			Message: fmt.Sprintf("the title “%s” names the timeline, not an event; it was not imported", record.ShortText(h.title, 80))})
	}
	used := map[string]bool{}
	for _, period := range res.Doc.Periods {
		for tag, c := range h.tagColors {
			if c == period.Color {
				used[tag] = true
			}
		}
	}
	tags := make([]string, 0, len(h.tagColors))
	for tag := range h.tagColors {
		if !used[tag] {
			tags = append(tags, tag)
		}
	}
	slices.Sort(tags)
	for _, tag := range tags {
		res.Report(record.Problem{Line: h.colorLine[tag], Record: "header", Field: "#" + tag,
			Message: fmt.Sprintf("the colour of #%s (%s) was not kept: Hindsight keeps colours for periods, and no section has that tag", tag, h.tagColors[tag])})
	}
	for _, u := range h.unread {
		res.Report(record.Problem{Line: u.line, Record: "header", Field: "#" + u.key,
			Message: fmt.Sprintf("the colour %q of #%s cannot be read as a colour; it was not kept", u.value, u.key)})
	}
	for _, pr := range p.groupProps {
		res.Report(record.Problem{Line: pr.line, Record: fmt.Sprintf("line %d", pr.line), Field: pr.key,
			Message: fmt.Sprintf("the group's property %q was not kept: Hindsight groups events by actor and has no place for it", pr.key)})
	}
}

// Write writes doc as Markwhen: events with their periods as sections,
// then predictions, each on the day it was made.
func Write(w io.Writer, doc record.Document, opt record.WriteOptions) error {
	var b strings.Builder
	b.WriteString("---\ntitle: " + mwTitle + "\n---\n\n")
	b.WriteString("// The key: value lines under an event keep what Markwhen has no syntax for.\n\n")
	open := -1
	written := make([]bool, len(doc.Periods))
	for i, e := range doc.Events {
		if e.Date.IsZero() {
			return fmt.Errorf("event %d (%q) has no date", i+1, e.Title)
		}
		if g := periodOf(doc.Periods, e); g != open {
			if open >= 0 {
				b.WriteString("endSection\n\n")
			}
			if g >= 0 {
				writeMarkwhenSection(&b, doc.Periods[g])
				written[g] = true
			}
			open = g
		}
		writeMarkwhenEvent(&b, e, opt.Lang)
		if b.Len() > 64<<10 {
			if _, err := io.WriteString(w, b.String()); err != nil {
				return err
			}
			b.Reset()
		}
	}
	if open >= 0 {
		b.WriteString("endSection\n\n")
	}
	for g, done := range written {
		if !done {
			writeMarkwhenSection(&b, doc.Periods[g])
			b.WriteString("endSection\n\n")
		}
	}
	if len(doc.Predictions) > 0 {
		b.WriteString("// Predictions: each on the day it was made; its claim property says what sort of claim it is.\n\n")
	}
	for i, p := range doc.Predictions {
		if p.Made.IsZero() {
			return fmt.Errorf("prediction %d (%q) has no date it was made", i+1, p.Statement)
		}
		writeMarkwhenPrediction(&b, p, opt.Lang)
		if b.Len() > 64<<10 {
			if _, err := io.WriteString(w, b.String()); err != nil {
				return err
			}
			b.Reset()
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// periodOf is the first period whose time holds the event's start, or -1.
func periodOf(periods []model.Period, e model.Event) int {
	day := e.Date.Earliest()
	for i, g := range periods {
		if g.Earliest() <= day && day <= g.Latest() {
			return i
		}
	}
	return -1
}

// writeMarkwhenSection opens a section for a period, with a property for
// everything its line does not say.
func writeMarkwhenSection(b *strings.Builder, g model.Period) {
	name := oneLine(g.Title)
	b.WriteString(strings.TrimSpace("section " + name))
	b.WriteString("\n")
	_, title, _ := keywordLine("section " + name)
	if back, tags, _ := splitTitle(title); back != g.Title || len(tags) > 0 {
		writeProp(b, "title", g.Title)
	}
	if g.ID != 0 {
		writeProp(b, "id", strconv.FormatInt(g.ID, 10))
	}
	writeProp(b, "start", g.Start.String())
	writeProp(b, "end", g.End.String())
	if g.Color != "" {
		writeProp(b, "color", g.Color)
	}
	if g.Lane != "" {
		writeProp(b, "lane", g.Lane)
	}
	if g.Description != "" {
		q, _ := json.Marshal(g.Description)
		b.WriteString("description: " + string(q) + "\n")
	}
	if len(g.Links) > 0 {
		list, _ := json.Marshal(g.Links)
		b.WriteString("links: " + string(list) + "\n")
	}
	b.WriteString("\n")
}
