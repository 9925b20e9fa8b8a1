package markwhen

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/hindsight-app/hindsight/internal/exchange/record"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Package markwhen reads and writes Markwhen text (https://markwhen.com),
// as documented in 2025: an event is
// a line "<date range>: <title> #tag #tag" followed by its description up
// to the next event. Ranges are EDTF ("2023-02/2025-02") or two dates
// joined by "-", "to" or a dash; dates are EDTF, American m/d/yyyy (or
// d/m/yyyy after "dateFormat: d/M/y"), ISO 8601 or the natural forms
// when.Parse reads ("Mar 14 2023"), with a time of day or not. "now",
// relative dates, durations and recurrences are worked out as
// dates.go says. Tags anywhere in a description tag its event.
// "section Name" … "endSection" blocks become periods (a section's tags
// give it the colour the header sets for them); "group Name" … "endGroup"
// blocks give their events an actor and the group's tags. "//" lines are
// comments. The header (between "---" lines, or whatever comes before the
// first event) sets d/M/y dates and tag colours; its title is reported,
// not imported, as are colours no section uses.
//
// Markwhen properties — "key: value" lines straight after an event or
// section line — carry what Markwhen has no syntax for: id (a number is
// the record's id; any id names the event for relative dates, as "!id" on
// the event line does), actor, category, title_zh, and, only when the event
// line cannot say it exactly, title, date, end and tags. A section has
// start, end, id, color, lane, description and links properties. An
// event's links are the last lines of its description, each a bare
// address or "[quote](address)", or, when one of them cannot be written
// as a line (a quote over several lines), a links property holding them
// all as JSON. A description line that Markwhen would take for something
// else (an event, a keyword, a comment, a link line) or read as blank (a
// line of spaces) is written with a leading backslash, which import
// removes. Predictions follow the events, each on the day it was made with
// a claim property (see claims.go).

const (
	// maxDatePrefix bounds how far into a line the date range may reach.
	maxDatePrefix = 64
	// maxRangeSplits bounds the places a range is tried split into two
	// dates; real ranges split at one of the first few.
	maxRangeSplits = 6
	// maxProps bounds the properties kept for one event or section; the
	// ones Hindsight reads number eight.
	maxProps = 100
	mwTitle  = "Hindsight"
)

var (
	reMarkwhenProp  = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*):(?:[ \t]+(.*))?$`)
	reSlashDay      = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(-?\d{1,4})$`)
	reSlashMonth    = regexp.MustCompile(`^(\d{1,2})/(-?\d{1,4})$`)
	reTitleLink     = regexp.MustCompile(`\[([^\[\]]*)\]\((https?://[^\s()]+)\)`)
	reDateToken     = regexp.MustCompile(`^[0-9/\-.:~?%+]*[0-9][0-9/\-.:~?%+tz]*(?:st|nd|rd|th|am|pm)?$`)
	reEventRef      = regexp.MustCompile(`^!\w+(?:\.(?:start|end))?$`)
	reTag           = regexp.MustCompile(`(?:^|\s)#([\p{L}\p{N}_][\p{L}\p{N}_-]*)`)
	reWholeTag      = regexp.MustCompile(`^[\p{L}\p{N}_][\p{L}\p{N}_-]*$`)
	reAllDigits     = regexp.MustCompile(`^\d+$`)
	reSafePropValue = regexp.MustCompile(`^[\p{L}\p{N}_(][^\x00-\x1f"#:\[\]{}]*$`)
)

// dateWords are the words a Markwhen date may hold, so that a line such as
// "after !launch 2 weeks: …" is recognised as an event Hindsight cannot
// date rather than as text.
var dateWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`now to after before by plus and every for until til x
		january february march april may june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec
		year years y month months week weeks w day days d hour hours h minute minutes min mins
		second seconds sec secs s ms milliseconds week work business weekday weekdays am pm`) {
		dateWords[w] = true
	}
}

// mwProp is one "key: value" property line.
type mwProp struct {
	key, value string
	line       int
}

// mwBlock is an event as written: its line and everything under it.
type mwBlock struct {
	line      int
	start     when.Date
	end       when.Date
	spec      *mwRange      // a range to work out once the earlier events are known
	recur     *mwRecurrence // "every …", when the range repeats
	prefix    string        // the date range as written
	refIDs    []string      // the ids other events may name it by
	tags      []string      // the tags of the groups it is in
	rest      string        // the text after the date range
	err       error         // why the date range could not be read
	props     []mwProp
	desc      []string // raw description lines, escapes still on
	size      int      // bytes of description seen, kept or not
	recurLine string   // the rule of a recurrence, which its description starts with
	indent    string
	actor     string
	sections  []int
}

// mwContainer is an open section or group.
type mwContainer struct {
	section bool
	title   string
	tags    []string
	group   int // index into the section accumulators, for a section
}

// mwSection accumulates a section while the file is read.
type mwSection struct {
	line        int
	title       string
	tags        []string
	props       []mwProp
	first, last when.Date // the earliest start and latest end of its events
}

type mwParser struct {
	european bool
	blocks   []*mwBlock
	sections []*mwSection
	stack    []mwContainer
	res      record.Result
	prose    bool // a line that is neither Markwhen nor a header was seen
	header   mwHeader
	// groupProps are properties of groups, which Hindsight has no place
	// for: reported, by group.
	groupProps []mwProp
}

// Read reads a Markwhen file.
func Read(data []byte, opt record.ReadOptions) (record.Result, error) {
	p := &mwParser{header: mwHeader{tagColors: map[string]string{}}}
	if err := p.parse(opt, record.UnixNewlines(string(data))); err != nil {
		return record.Result{}, err
	}
	// A file of nothing but a header and comments is an empty timeline;
	// one of prose with no event is not a timeline at all.
	if len(p.blocks) == 0 && len(p.sections) == 0 && len(p.res.Problems) == 0 && p.prose {
		return record.Result{}, fmt.Errorf("%w: no line of this file is a Markwhen event (\"2023-03-14: Title\")", record.ErrWrongFormat)
	}
	return p.convert(opt)
}

// lineIter walks text line by line without splitting it all at once: a
// file of empty lines would otherwise cost sixteen bytes a line.
type lineIter struct {
	text string
	pos  int
	n    int // number of the line last returned, 1-based
}

func (it *lineIter) next() (string, bool) {
	if it.pos > len(it.text) {
		return "", false
	}
	it.n++
	end := strings.IndexByte(it.text[it.pos:], '\n')
	if end < 0 {
		line := it.text[it.pos:]
		it.pos = len(it.text) + 1
		return line, true
	}
	line := it.text[it.pos : it.pos+end]
	it.pos += end + 1
	return line, true
}

// skipHeader moves it past a "---" header block at the start of the text,
// reading what it says (h may be nil) and reporting whether it sets d/M/y
// dates.
func skipHeader(it *lineIter, h *mwHeader) (european bool) {
	start := *it
	for {
		l, ok := it.next()
		if !ok {
			*it = start
			return false
		}
		if t := strings.TrimSpace(l); t == "---" {
			break
		} else if t != "" {
			*it = start
			return false
		}
	}
	afterOpen := *it
	for {
		l, ok := it.next()
		if !ok {
			// An unclosed header: only its opening line is skipped.
			*it = afterOpen
			return false
		}
		if strings.TrimSpace(l) == "---" {
			return european
		}
		if strings.Contains(l, "dateFormat:") && strings.Contains(l, "d/M/y") {
			european = true
		}
		h.read(l, it.n)
	}
}

// maxDescBytes bounds the description gathered under one event: beyond it
// the event is refused anyway, and a huge one need not be kept.
const maxDescBytes = 4 * model.MaxDescriptionRunes

func (b *mwBlock) addDesc(line string) {
	if b.size += len(line) + 1; b.size <= maxDescBytes {
		b.desc = append(b.desc, line)
	}
}

// LooksLike reports whether one of the first lines of text after any
// header is a Markwhen event or section, for telling a Markwhen file by its
// content.
func LooksLike(text string) bool {
	lines := strings.Split(text, "\n")
	p := &mwParser{}
	seen := 0
	for _, l := range lines[headerEnd(lines):] {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "//") {
			continue
		}
		if b := p.eventLine(t); b != nil && b.err == nil {
			return true
		}
		if kw, _, ok := keywordLine(t); ok && (kw == "section" || kw == "group") {
			return true
		}
		if seen++; seen > 50 {
			break
		}
	}
	return false
}

// headerEnd is the index of the first line after a "---" header block.
func headerEnd(lines []string) int {
	first := 0
	for first < len(lines) && strings.TrimSpace(lines[first]) == "" {
		first++
	}
	if first == len(lines) || strings.TrimSpace(lines[first]) != "---" {
		return 0
	}
	for i := first + 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "---" {
			return i + 1
		}
	}
	return first + 1
}

func (p *mwParser) parse(opt record.ReadOptions, text string) error {
	it := &lineIter{text: text}
	p.european = skipHeader(it, &p.header)
	var (
		cur        *mwBlock
		propsOpen  bool
		propsOwner *[]mwProp
	)
	for {
		raw, ok := it.next()
		if !ok {
			break
		}
		lineNo := it.n
		if lineNo%(record.CancelEvery*16) == 0 {
			if err := opt.Context.Err(); err != nil {
				return err
			}
		}
		trimmed := strings.TrimSpace(raw)
		if cur == nil && len(p.blocks) == 0 && strings.Contains(trimmed, "dateFormat:") && strings.Contains(trimmed, "d/M/y") {
			p.european = true
		}
		text := raw
		if cur != nil {
			text = strings.TrimPrefix(raw, cur.indent)
		}
		switch {
		case cur != nil && strings.HasPrefix(text, `\`):
			cur.addDesc(text)
			propsOpen = false
			continue
		case strings.HasPrefix(trimmed, "//"):
			continue
		case trimmed == "":
			propsOpen = false
			if cur != nil {
				cur.addDesc("")
			}
			continue
		}
		if kw, title, ok := keywordLine(trimmed); ok {
			cur, propsOpen = nil, false
			switch kw {
			case "section", "group":
				name, tags, _ := splitTitle(title)
				c := mwContainer{section: kw == "section", title: name, tags: tags, group: -1}
				if c.section {
					if len(p.sections) >= record.MaxRecords {
						return record.TooManyRecords()
					}
					c.group = len(p.sections)
					p.sections = append(p.sections, &mwSection{line: lineNo, title: name, tags: tags})
					propsOwner, propsOpen = &p.sections[c.group].props, true
				} else {
					propsOwner, propsOpen = &p.groupProps, true
				}
				if len(p.stack) >= record.MaxJSONDepth {
					return fmt.Errorf("%w: sections and groups nest more than %d levels at line %d", record.ErrTooDeep, record.MaxJSONDepth, lineNo)
				}
				p.stack = append(p.stack, c)
			default:
				if len(p.stack) == 0 {
					p.res.Report(record.Problem{Line: lineNo, Record: fmt.Sprintf("line %d", lineNo), Effect: record.Ignored,
						Message: kw + " closes no open section or group; it was ignored"})
				} else {
					p.stack = p.stack[:len(p.stack)-1]
				}
			}
			continue
		}
		if b := p.eventLine(trimmed); b != nil {
			if len(p.blocks) >= record.MaxRecords {
				return record.TooManyRecords()
			}
			b.line = lineNo
			b.indent = raw[:len(raw)-len(strings.TrimLeftFunc(raw, unicode.IsSpace))]
			for _, c := range p.stack {
				if c.section {
					b.sections = append(b.sections, c.group)
				} else {
					b.actor = c.title
					b.tags = append(b.tags, c.tags...)
				}
			}
			p.blocks = append(p.blocks, b)
			cur, propsOpen, propsOwner = b, true, &b.props
			continue
		}
		m := reMarkwhenProp.FindStringSubmatch(trimmed)
		if propsOpen && m != nil && len(*propsOwner) < maxProps {
			*propsOwner = append(*propsOwner, mwProp{key: strings.ToLower(m[1]), value: strings.TrimSpace(m[2]), line: lineNo})
			continue
		}
		propsOpen = false
		switch {
		case cur != nil:
			cur.addDesc(text)
		case len(p.blocks) == 0 && len(p.stack) == 0 && p.header.read(trimmed, lineNo):
			// a header line before the first event
		case m == nil && trimmed != "---":
			p.prose = true
		}
	}
	return nil
}

// keywordLine reads "section Name", "group Name", "endSection" and
// "endGroup". A trailing "// comment" is not part of the name.
func keywordLine(t string) (kw, title string, ok bool) {
	word, rest, _ := strings.Cut(t, " ")
	if i := strings.IndexByte(word, '\t'); i >= 0 {
		word, rest = word[:i], word[i+1:]+" "+rest
	}
	// Markwhen writes the openers in lower case; "Section 3 of the act"
	// in a description is text.
	switch lw := strings.ToLower(word); {
	case word == "section" || word == "group":
		if i := strings.Index(rest, "//"); i >= 0 && (i == 0 || rest[i-1] == ' ' || rest[i-1] == '\t') {
			rest = rest[:i]
		}
		return word, strings.TrimSpace(rest), true
	case lw == "endsection" || lw == "endgroup":
		if strings.TrimSpace(rest) == "" || strings.HasPrefix(strings.TrimSpace(rest), "//") {
			return word, "", true
		}
	}
	return "", "", false
}

// eventLine reads the date range at the start of t; it returns nil when
// t is not an event line. A line whose start looks like a date Hindsight
// cannot read comes back with err set, so that its description is not
// mistaken for the previous event's.
func (p *mwParser) eventLine(t string) *mwBlock {
	// The range ends at the first colon followed by white space: a colon
	// inside a date ("10:30", "T16:27:08Z") is followed by a digit.
	i := 0
	for ; i < len(t) && i <= maxDatePrefix; i++ {
		if t[i] == ':' && (i+1 == len(t) || t[i+1] == ' ' || t[i+1] == '\t') {
			break
		}
	}
	if i >= len(t) || i > maxDatePrefix {
		return nil
	}
	prefix := strings.TrimSpace(t[:i])
	if prefix == "" {
		return nil
	}
	rest := t[i+1:]
	core, recur, err := splitRecurrence(prefix)
	if err != nil {
		// A date followed by a rule that cannot be read is an event still.
		before, _, _ := strings.Cut(strings.ToLower(prefix), " every ")
		if _, _, derr := parseMarkwhenRange(prefix[:len(before)], p.european); derr == nil || looksLikeDate(prefix) {
			return &mwBlock{err: err, rest: rest, prefix: prefix}
		}
		return nil
	}
	start, end, err := parseMarkwhenRange(core, p.european)
	if err == nil {
		return &mwBlock{start: start, end: end, recur: recur, rest: rest, prefix: prefix}
	}
	if spec, ok := parseRangeSpec(core, p.european); ok {
		return &mwBlock{spec: spec, recur: recur, rest: rest, prefix: prefix}
	}
	if looksLikeDate(prefix) {
		return &mwBlock{err: fmt.Errorf("cannot read the date %q: %v", prefix, err), rest: rest, prefix: prefix}
	}
	return nil
}

// looksLikeDate reports whether every word of s could belong to a Markwhen
// date and at least one is a number or "now".
func looksLikeDate(s string) bool {
	numeric := false
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return unicode.IsSpace(r) || r == ',' }) {
		switch {
		case reDateToken.MatchString(w):
			numeric = true
		case w == "now":
			numeric = true
		case dateWords[strings.TrimRight(w, ".")], reEventRef.MatchString(w):
		default:
			return false
		}
	}
	return numeric
}

// parseMarkwhenRange reads a date range: one date (an EDTF interval or a
// natural range counts as one), or two dates joined by a separator.
func parseMarkwhenRange(s string, european bool) (start, end when.Date, err error) {
	d, err := markwhenDate(s, european)
	if err == nil {
		if d.IsInterval() {
			return d.Start(), d.End(), nil
		}
		return d, when.Date{}, nil
	}
	if !looksLikeDate(s) {
		return when.Date{}, when.Date{}, err
	}
	tries := 0
	for _, sep := range []string{" to ", " until ", "/", " - ", " – ", " — ", "–", "—", "-"} {
		for off := 0; tries < maxRangeSplits; tries++ {
			k := strings.Index(s[off:], sep)
			if k < 0 {
				break
			}
			k += off
			off = k + len(sep)
			left, right := strings.TrimSpace(s[:k]), strings.TrimSpace(s[k+len(sep):])
			if left == "" || right == "" {
				continue
			}
			a, errA := markwhenDate(left, european)
			if errA != nil || a.IsInterval() {
				continue
			}
			b, errB := markwhenDate(right, european)
			if errB != nil || b.IsInterval() {
				continue
			}
			if b.Latest() < a.Earliest() {
				return when.Date{}, when.Date{}, fmt.Errorf("the range ends (%s) before it starts (%s)", b, a)
			}
			return a, b, nil
		}
	}
	return when.Date{}, when.Date{}, err
}

// markwhenDate reads one date in the forms Markwhen and when.Parse know.
func markwhenDate(s string, european bool) (when.Date, error) {
	if m := reSlashDay.FindStringSubmatch(s); m != nil {
		month, day := m[1], m[2]
		if european {
			month, day = day, month
		}
		return edtfFromParts(m[3], month, day)
	}
	if m := reSlashMonth.FindStringSubmatch(s); m != nil {
		return edtfFromParts(m[2], m[1], "")
	}
	if day, ok := record.InstantDay(s); ok {
		// The calendar day the instant names in UTC; Hindsight dates have
		// no time zone.
		return when.ParseEDTF(day)
	}
	if strings.EqualFold(s, "now") {
		return when.Date{}, fmt.Errorf(`"now" is worked out with the range it is in`)
	}
	d, err := when.Parse(s)
	if err != nil {
		if withTime, ok := withClock(s, european); ok {
			return withTime, nil
		}
	}
	return d, err
}

func edtfFromParts(year, month, day string) (when.Date, error) {
	y, _ := strconv.Atoi(year)
	m, _ := strconv.Atoi(month)
	sign := ""
	if y < 0 {
		sign, y = "-", -y
	}
	s := fmt.Sprintf("%s%04d-%02d", sign, y, m)
	if day != "" {
		d, _ := strconv.Atoi(day)
		s += fmt.Sprintf("-%02d", d)
	}
	return when.ParseEDTF(s)
}

// reIDToken is an event id written on its line: "!Phase1".
var reIDToken = regexp.MustCompile(`(?:^|\s)!([\p{L}\p{N}_-]+)(?:\s|$)`)

// takeIDs takes the event ids ("!Phase1") out of an event line's text.
func takeIDs(s string) (string, []string) {
	var ids []string
	for {
		m := reIDToken.FindStringSubmatchIndex(s)
		if m == nil {
			return s, ids
		}
		ids = append(ids, s[m[2]:m[3]])
		s = s[:m[0]] + " " + s[m[1]:]
	}
}

// splitTitle takes the tags and Markdown links out of an event line's text.
func splitTitle(s string) (title string, tags []string, links []model.Link) {
	s = reTag.ReplaceAllStringFunc(s, func(m string) string {
		tag := m[strings.IndexByte(m, '#')+1:]
		if reAllDigits.MatchString(tag) {
			return m // Markwhen does not take "#1" for a tag
		}
		tags = append(tags, tag)
		return " "
	})
	s = reTitleLink.ReplaceAllStringFunc(s, func(m string) string {
		sub := reTitleLink.FindStringSubmatch(m)
		links = append(links, model.Link{URL: sub[2]})
		return sub[1]
	})
	return strings.Join(strings.Fields(s), " "), tags, links
}

func (p *mwParser) convert(opt record.ReadOptions) (record.Result, error) {
	res := p.res
	t := record.NewTracker(opt, len(p.blocks))
	ids := record.UniqueIDs{}
	dates := &mwContext{today: opt.Today, ids: map[string]mwSpan{}}
	if dates.today == 0 {
		dates.today = when.Today()
	}
	var claims []*mwBlock
	for _, b := range p.blocks {
		if err := t.Step(); err != nil {
			return record.Result{}, err
		}
		if b.isClaim() {
			claims = append(claims, b)
			continue
		}
		rp := &record.Collector{Line: b.line, Record: fmt.Sprintf("line %d", b.line)}
		span, ok := b.workOutDates(rp, dates)
		e, ok := b.event(rp, ids, ok)
		if ok {
			res.Doc.Events = append(res.Doc.Events, e)
			ids.Add(e.ID)
			for _, s := range b.sections {
				p.sections[s].extend(e)
			}
		}
		if span != nil {
			dates.prev = span
			for _, id := range b.refIDs {
				dates.ids[strings.ToLower(id)] = *span
			}
		}
		res.Report(rp.All()...)
	}
	claimIDs := record.UniqueIDs{}
	for _, b := range claims {
		rp := &record.Collector{Line: b.line, Record: fmt.Sprintf("line %d", b.line)}
		// A claim is dated by the day it was made, which a hand-written
		// file may give relative to the events before it.
		if b.err == nil && (b.spec != nil || b.recur != nil) {
			if _, ok := b.workOutDates(rp, dates); !ok {
				res.Report(rp.All()...)
				continue
			}
		}
		if pred, ok := b.prediction(rp, claimIDs, ids); ok {
			res.Doc.Predictions = append(res.Doc.Predictions, pred)
			claimIDs.Add(pred.ID)
		}
		res.Report(rp.All()...)
	}
	res.Report(record.KeepKnownRestates(res.Doc.Predictions)...)
	p.convertSections(&res)
	p.reportRest(&res)
	return res, t.Finish()
}

// event builds the event of the block, whose dates (when dated) are worked
// out.
func (b *mwBlock) event(rp *record.Collector, ids record.UniqueIDs, dated bool) (model.Event, bool) {
	if !dated {
		return model.Event{}, false
	}
	if b.size > maxDescBytes {
		rp.Add("description", "the description is longer than %d characters", model.MaxDescriptionRunes)
		return model.Event{}, false
	}
	rest, lineIDs := takeIDs(b.rest)
	b.refIDs = append(b.refIDs, lineIDs...)
	title, tags, links := splitTitle(rest)
	e := model.Event{Date: b.start, End: b.end, Title: title, Tags: append(tags, b.tags...), Actor: b.actor}
	var extra []string // properties Hindsight does not know stay visible
	var propLinks []model.Link
	for _, pr := range b.props {
		v := propValue(pr.value)
		switch pr.key {
		case "id":
			b.refIDs = append(b.refIDs, v)
			if reAllDigits.MatchString(strings.TrimPrefix(v, "-")) {
				e.ID = record.ReadID(rp, v)
			}
		case "actor":
			e.Actor = v
		case "category":
			e.Category = record.ReadCategory(rp, "category", v)
		case "title_zh":
			e.TitleZh = v
		case "title":
			e.Title, links = v, nil
		case "date":
			e.Date = record.ReadDate(rp, "date", v)
		case "end":
			e.End = record.ReadDate(rp, "end", v)
		case "tags":
			e.Tags = propList(pr.value)
		case "links":
			propLinks = append(propLinks, readLinksProp(rp, pr.value)...)
		default:
			extra = append(extra, pr.key+": "+pr.value)
		}
	}
	if strings.TrimSpace(e.Title) == "" {
		rp.Add("title", "the event has no title")
	}
	if e.Date.IsZero() && rp.OK() {
		rp.Add("date", "the date is empty")
	}
	desc, trailing := takeTrailingLinks(b.desc)
	for i, l := range desc {
		// A line of spaces is a blank line, as Markwhen shows it; so is one
		// that holds nothing else once control characters are dropped. An
		// escaped line is text as it is; another may tag the event.
		if rest, escaped := strings.CutPrefix(l, `\`); escaped {
			l = rest
		} else if strings.TrimSpace(record.CleanText(l)) == "" {
			l = ""
		} else {
			e.Tags = append(e.Tags, descriptionTags(l)...)
		}
		desc[i] = l
	}
	if b.recurLine != "" {
		extra = append([]string{b.recurLine}, extra...)
	}
	e.Description = strings.Join(append(extra, desc...), "\n")
	e.Links = append(append(links, propLinks...), trailing...)
	ids.Check(rp, "event", &e.ID)
	return e, rp.FinishEvent(&e)
}

// readLinksProp reads the links property: a JSON list of {"url", "quote"}.
func readLinksProp(rp *record.Collector, v string) []model.Link {
	list, ok := readJSONProp[[]model.Link](rp, "links", v, `a JSON list of {"url": …, "quote": …}`)
	if !ok {
		return nil
	}
	return list
}

// readJSONProp reads property field, a JSON value shaped as want says; one
// that cannot be read is a problem of the record, and ok is false. What
// could be read of it is returned all the same.
func readJSONProp[T any](rp *record.Collector, field, v, want string) (value T, ok bool) {
	if err := json.Unmarshal([]byte(v), &value); err != nil {
		rp.Add(field, "cannot read the %s property as %s: %v", field, want, err)
		return value, false
	}
	return value, true
}

// propValue reads a property value, which may be a JSON-quoted string.
func propValue(v string) string {
	if strings.HasPrefix(v, `"`) {
		var s string
		if json.Unmarshal([]byte(v), &s) == nil {
			return s
		}
	}
	return v
}

// propList reads a list property: a JSON list, or words.
func propList(v string) []string {
	if strings.HasPrefix(v, "[") {
		var list []string
		if json.Unmarshal([]byte(v), &list) == nil {
			return list
		}
	}
	return strings.FieldsFunc(v, func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
}

// descriptionTags are the tags a description line holds.
func descriptionTags(l string) []string {
	var tags []string
	for _, m := range reTag.FindAllStringSubmatch(l, -1) {
		if !reAllDigits.MatchString(m[1]) {
			tags = append(tags, m[1])
		}
	}
	return tags
}

func (s *mwSection) extend(e model.Event) {
	start, last := e.Date.Start(), e.Date.End()
	if !e.End.IsZero() {
		last = e.End.End()
	}
	if s.first.IsZero() || start.Earliest() < s.first.Earliest() {
		s.first = start
	}
	if s.last.IsZero() || last.Latest() > s.last.Latest() {
		s.last = last
	}
}

func writeMarkwhenEvent(b *strings.Builder, e model.Event, lang string) {
	line := markwhenRange(e.Date, e.End) + ": " + oneLine(e.DisplayTitle(lang))
	for _, t := range e.Tags {
		if reWholeTag.MatchString(t) && !reAllDigits.MatchString(t) {
			line += " #" + t
		}
	}
	b.WriteString(line + "\n")

	// Read the line back as import would, and add a property for each
	// field it does not say exactly.
	p := &mwParser{}
	back := p.eventLine(line)
	var title string
	var tags []string
	var links []model.Link
	if back != nil && back.err == nil {
		rest, _ := takeIDs(back.rest)
		title, tags, links = splitTitle(rest)
	} else {
		back = &mwBlock{}
	}
	if e.ID != 0 {
		writeProp(b, "id", strconv.FormatInt(e.ID, 10))
	}
	if back.start != e.Date {
		writeProp(b, "date", e.Date.String())
	}
	if back.end != e.End {
		writeProp(b, "end", e.End.String())
	}
	if title != e.Title || len(links) > 0 {
		writeProp(b, "title", e.Title)
	}
	if !slices.Equal(model.NormalizeTags(tags), model.NormalizeTags(e.Tags)) {
		list, _ := json.Marshal(record.NonNil(e.Tags))
		b.WriteString("tags: " + string(list) + "\n")
	}
	if e.Actor != "" {
		writeProp(b, "actor", e.Actor)
	}
	if e.Category != "" {
		writeProp(b, "category", string(e.Category))
	}
	if e.TitleZh != "" {
		writeProp(b, "title_zh", e.TitleZh)
	}

	// Links are lines at the end of the description when each one can be;
	// otherwise they all go in a links property, as JSON.
	linkLines := make([]string, 0, len(e.Links))
	for _, l := range e.Links {
		line, ok := linkLine(l)
		if !ok {
			linkLines = nil
			list, _ := json.Marshal(e.Links)
			b.WriteString("links: " + string(list) + "\n")
			break
		}
		linkLines = append(linkLines, line)
	}

	lines := strings.Split(record.UnixNewlines(e.Description), "\n")
	if strings.TrimSpace(e.Description) == "" {
		lines = nil
	}
	if len(lines) > 0 || len(linkLines) > 0 {
		b.WriteString("\n")
	}
	for i, l := range lines {
		if mustEscape(l, i == len(lines)-1) {
			b.WriteString(`\`)
		}
		b.WriteString(l + "\n")
	}
	for _, l := range linkLines {
		b.WriteString(l + "\n")
	}
	b.WriteString("\n")
}

// mustEscape reports whether import would read a description line as
// something other than description text, or a line of spaces as blank.
func mustEscape(l string, last bool) bool {
	t := strings.TrimSpace(l)
	if strings.HasPrefix(l, `\`) || strings.HasPrefix(t, "//") || t == "---" || t == "" && l != "" {
		return true
	}
	if _, _, ok := keywordLine(t); ok {
		return true
	}
	if (&mwParser{}).eventLine(t) != nil || descriptionTags(l) != nil {
		return true
	}
	_, isLink := parseLinkLine(l)
	return last && isLink
}

// writeProp writes a property, quoting the value as JSON (which YAML also
// reads) unless it is plain text.
func writeProp(b *strings.Builder, key, value string) {
	if value != "" && !reSafePropValue.MatchString(value) || strings.TrimSpace(value) != value || strings.Contains(value, " //") {
		q, _ := json.Marshal(value)
		value = string(q)
	}
	b.WriteString(strings.TrimRight(key+": "+value, " ") + "\n")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// markwhenRange writes the dates as plain EDTF that Markwhen reads: a
// point at its own precision, or start/end. Finer distinctions (a time of
// day, "approximately", quarters) go in properties.
func markwhenRange(date, end when.Date) string {
	from := date.Start()
	var to when.Date
	switch {
	case !end.IsZero():
		to = end.End()
	case date.IsInterval():
		to = date.End()
	case subYear(from):
		to = from
	}
	text := plainEDTF(from, from.Earliest())
	if !to.IsZero() {
		text += "/" + plainEDTF(to, to.Latest())
	}
	return text
}

func subYear(d when.Date) bool {
	switch d.Precision() {
	case when.PrecisionHalf, when.PrecisionQuarter, when.PrecisionSeason:
		return true
	}
	return false
}

// plainEDTF writes the unit of point p that holds day, at p's precision
// (a month for sub-year units).
func plainEDTF(p when.Date, day when.Day) string {
	y, m, d := day.Civil()
	year := fmt.Sprintf("%04d", y)
	if y < 0 {
		year = fmt.Sprintf("-%04d", -y)
	}
	switch p.Precision() {
	case when.PrecisionYear:
		return year
	case when.PrecisionDay:
		return fmt.Sprintf("%s-%02d-%02d", year, m, d)
	}
	return fmt.Sprintf("%s-%02d", year, m)
}
