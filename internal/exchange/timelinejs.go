package exchange

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// TimelineJS (Knight Lab) JSON: events with start_date and end_date parts
// (year, month, day, hour, minute, second — numbers or strings), text with
// an HTML headline and body, a group, media and a unique_id; eras with
// dates and a headline.
//
// What maps where: headline ↔ title (HTML reduced to text), text.text ↔
// description (HTML ↔ Markdown-ish text), group ↔ actor, media.url ↔ the
// first link (its caption is the link's quote; other links follow the
// description as a last paragraph of links), eras ↔ Groups, unique_id
// "hindsight-event-N" ↔ ID. A date the parts cannot say exactly (a
// quarter, "~Aug 2022", an uncertain span) also gets a display_date, which
// TimelineJS shows and import reads back. Tags, category and the Chinese
// title are not carried.

type tlFile struct {
	Title  *tlSlide  `json:"title,omitempty"`
	Events []tlEvent `json:"events"`
	Eras   []tlEra   `json:"eras,omitempty"`
}

type tlSlide struct {
	Text *tlText `json:"text,omitempty"`
}

// tlNum is a date part, which TimelineJS files write as a number or as a
// string; it keeps the text and is read when the date is built.
type tlNum string

func (n *tlNum) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	switch {
	case s == "null":
		*n = ""
	case strings.HasPrefix(s, `"`):
		var str string
		if err := json.Unmarshal(b, &str); err != nil {
			return err
		}
		*n = tlNum(strings.TrimSpace(str))
	default:
		*n = tlNum(s)
	}
	return nil
}

// int reads the part; ok is false when it is absent.
func (n tlNum) int(field string) (v int, ok bool, err error) {
	if n == "" {
		return 0, false, nil
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || f != float64(int64(f)) || f < -1e6 || f > 1e6 {
		return 0, false, fmt.Errorf("%s %q is not a whole number", field, string(n))
	}
	return int(f), true, nil
}

type tlDate struct {
	Year        tlNum  `json:"year"`
	Month       tlNum  `json:"month,omitempty"`
	Day         tlNum  `json:"day,omitempty"`
	Hour        tlNum  `json:"hour,omitempty"`
	Minute      tlNum  `json:"minute,omitempty"`
	Second      tlNum  `json:"second,omitempty"`
	DisplayDate string `json:"display_date,omitempty"`
}

type tlText struct {
	Headline string `json:"headline,omitempty"`
	Text     string `json:"text,omitempty"`
}

type tlMedia struct {
	URL     string `json:"url"`
	Caption string `json:"caption,omitempty"`
	Credit  string `json:"credit,omitempty"`
}

type tlEvent struct {
	StartDate *tlDate  `json:"start_date"`
	EndDate   *tlDate  `json:"end_date,omitempty"`
	Text      *tlText  `json:"text,omitempty"`
	Media     *tlMedia `json:"media,omitempty"`
	Group     string   `json:"group,omitempty"`
	UniqueID  string   `json:"unique_id,omitempty"`
}

type tlEra struct {
	StartDate *tlDate `json:"start_date"`
	EndDate   *tlDate `json:"end_date"`
	Text      *tlText `json:"text,omitempty"`
}

var reTimelineID = regexp.MustCompile(`^hindsight-event-(\d{1,18})$`)

func readTimelineJS(data []byte, opt ReadOptions) (Result, error) {
	if err := checkJSON(opt.Context, data); err != nil {
		return Result{}, err
	}
	d := newJSONDoc(opt.Context, data)
	var (
		events    []jsonElem[tlEvent]
		eras      []jsonElem[tlEra]
		hasEvents bool
		format    string
	)
	err := d.members("TimelineJS", func(key string) (err error) {
		switch key {
		case "events":
			hasEvents = true
			events, err = decodeArray[tlEvent](d, key)
		case "eras":
			eras, err = decodeArray[tlEra](d, key)
		case "format":
			if err := d.value(key, &format); err != nil {
				return d.skip()
			}
		default:
			return d.skip()
		}
		return err
	})
	if err != nil {
		return Result{}, err
	}
	if format == hindsightFormat {
		return Result{}, fmt.Errorf("%w: this is a Hindsight export, not a TimelineJS file; import it as Hindsight JSON", ErrWrongFormat)
	}
	if !hasEvents {
		return Result{}, fmt.Errorf("%w: a TimelineJS file has an \"events\" list, and this JSON file has none", ErrWrongFormat)
	}

	var res Result
	t := newTracker(opt, len(events)+len(eras))
	ids := map[int64]bool{}
	for i, el := range events {
		if err := t.step(); err != nil {
			return Result{}, err
		}
		rp := elemProblems(d, "events", i, el)
		e := el.v.model(rp)
		if ids[e.ID] {
			e.ID = 0
		}
		if rp.finishEvent(&e) {
			res.Doc.Events = append(res.Doc.Events, e)
			if e.ID != 0 {
				ids[e.ID] = true
			}
		}
		res.report(rp.all()...)
	}
	for i, el := range eras {
		if err := t.step(); err != nil {
			return Result{}, err
		}
		rp := elemProblems(d, "eras", i, el)
		g := Group{}
		if el.v.Text != nil {
			g.Title = cleanText(htmlToText(el.v.Text.Headline))
		}
		g.Start, g.End = readTimelineSpan(rp, el.v.StartDate, el.v.EndDate)
		if g.End == g.Start.End() && !g.Start.IsInterval() {
			g.End = when.Date{}
		}
		if rp.ok() {
			res.Doc.Groups = append(res.Doc.Groups, g)
		}
		res.report(rp.all()...)
	}
	return res, t.finish()
}

func (w tlEvent) model(rp *recordProblems) model.Event {
	var e model.Event
	if m := reTimelineID.FindStringSubmatch(strings.TrimSpace(w.UniqueID)); m != nil {
		e.ID, _ = strconv.ParseInt(m[1], 10, 64)
	}
	var links []model.Link
	if w.Text != nil {
		e.Title = htmlToText(w.Text.Headline)
		e.Description, links = htmlToDescription(w.Text.Text)
	}
	if strings.TrimSpace(e.Title) == "" {
		rp.add("text.headline", "the headline is empty")
	}
	e.Actor = htmlToText(w.Group)
	e.Date, e.End = readTimelineSpan(rp, w.StartDate, w.EndDate)
	if w.Media != nil && strings.TrimSpace(w.Media.URL) != "" {
		url := strings.TrimSpace(w.Media.URL)
		if msg := model.CheckLink(url); msg == "" {
			e.Links = append(e.Links, model.Link{URL: url, Quote: htmlToText(w.Media.Caption)})
		} else {
			// Not a reason to drop the event: the media simply is not a link.
			rp.note("media.url", "not imported as a link: %s", msg)
		}
	}
	e.Links = append(e.Links, links...)
	return e
}

// readTimelineSpan reads an event's or era's dates. A start display_date
// that names an interval ending with the end date stands for one uncertain
// date rather than a span.
func readTimelineSpan(rp *recordProblems, start, end *tlDate) (date, endDate when.Date) {
	if start == nil {
		rp.add("start_date", "the start date is missing")
		return
	}
	date, err := start.point()
	if err != nil {
		rp.add("start_date", "%s", err.Error())
		return
	}
	if end != nil && end.Year != "" {
		if endDate, err = end.point(); err != nil {
			rp.add("end_date", "%s", err.Error())
			return
		}
	}
	if start.DisplayDate != "" {
		if shown, err := when.Parse(htmlToText(start.DisplayDate)); err == nil && shown.IsInterval() &&
			shown.Earliest() == date.Earliest() && !endDate.IsZero() && shown.Latest() == endDate.Latest() {
			date, endDate = shown, when.Date{}
		}
	}
	if !endDate.IsZero() && endDate.Latest() < date.Earliest() {
		rp.add("end_date", "the end (%s) is before the start (%s)", endDate, date)
	}
	return date, endDate
}

// point builds the date the parts name, precise to the last part given;
// a display_date that reads as a point starting the same day refines it.
func (t *tlDate) point() (when.Date, error) {
	d, err := t.parts()
	if err != nil {
		return d, err
	}
	if t.DisplayDate != "" {
		if shown, err := when.Parse(htmlToText(t.DisplayDate)); err == nil && !shown.IsInterval() && shown.Earliest() == d.Earliest() {
			return shown, nil
		}
	}
	return d, nil
}

func (t *tlDate) parts() (when.Date, error) {
	year, ok, err := t.Year.int("year")
	if err != nil {
		return when.Date{}, err
	}
	if !ok {
		return when.Date{}, fmt.Errorf("the year is missing")
	}
	if year < -9999 || year > 9999 {
		return when.Date{}, fmt.Errorf("year %d is outside the years Hindsight can store (-9999 to 9999)", year)
	}
	sign := ""
	if year < 0 {
		sign, year = "-", -year
	}
	s := fmt.Sprintf("%s%04d", sign, year)
	var parts [5]int
	names := [5]string{"month", "day", "hour", "minute", "second"}
	for i, n := range []tlNum{t.Month, t.Day, t.Hour, t.Minute, t.Second} {
		v, ok, err := n.int(names[i])
		if err != nil {
			return when.Date{}, err
		}
		if !ok {
			break
		}
		if v < 0 || v > 99 {
			return when.Date{}, fmt.Errorf("%s %d is out of range", names[i], v)
		}
		parts[i] = v
		switch i {
		case 0, 1:
			s += fmt.Sprintf("-%02d", v)
		case 2:
			m, _, _ := t.Minute.int("minute")
			s += fmt.Sprintf("T%02d:%02d", v, min(max(m, 0), 99))
		case 4:
			s += fmt.Sprintf(":%02d", v)
		}
	}
	return when.ParseEDTF(s)
}

func writeTimelineJS(w io.Writer, doc Document, opt WriteOptions) error {
	f := tlFile{Events: make([]tlEvent, 0, len(doc.Events))}
	for _, e := range doc.Events {
		te := tlEvent{Group: e.Actor}
		te.StartDate, te.EndDate = timelineSpan(e.Date, e.End, opt.Lang)
		te.Text = &tlText{Headline: html.EscapeString(e.DisplayTitle(opt.Lang)), Text: timelineHTML(e.Description, e.Links)}
		if len(e.Links) > 0 {
			te.Media = &tlMedia{URL: e.Links[0].URL, Caption: html.EscapeString(e.Links[0].Quote)}
		}
		if e.ID != 0 {
			te.UniqueID = "hindsight-event-" + strconv.FormatInt(e.ID, 10)
		}
		f.Events = append(f.Events, te)
	}
	for _, g := range doc.Groups {
		era := tlEra{Text: &tlText{Headline: html.EscapeString(g.Title)}}
		era.StartDate, era.EndDate = timelineSpan(g.Start, g.End, opt.Lang)
		if era.EndDate == nil {
			era.EndDate = timelineDate(g.Start.End(), opt.Lang)
		}
		f.Eras = append(f.Eras, era)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}

// timelineSpan gives the start and end parts for a date and an optional end.
func timelineSpan(date, end when.Date, lang string) (start, stop *tlDate) {
	if date.IsZero() {
		return nil, nil
	}
	start = timelineDate(date.Start(), lang)
	switch {
	case !end.IsZero():
		stop = timelineDate(end.End(), lang)
	case date.IsInterval():
		stop = timelineDate(date.End(), lang)
		start.DisplayDate = date.Format(lang)
	}
	return start, stop
}

var reClock = regexp.MustCompile(`T(\d{2}):(\d{2})(?::(\d{2}))?`)

// timelineDate writes the parts of a single point, adding a display_date
// when the parts alone would read back as a different date.
func timelineDate(p when.Date, lang string) *tlDate {
	y, m, d := p.Earliest().Civil()
	t := &tlDate{Year: tlNum(strconv.Itoa(y))}
	switch p.Precision() {
	case when.PrecisionYear:
	case when.PrecisionDay:
		t.Month, t.Day = tlNum(strconv.Itoa(m)), tlNum(strconv.Itoa(d))
		if c := reClock.FindStringSubmatch(p.String()); c != nil {
			t.Hour, t.Minute = trimZeros(c[1]), trimZeros(c[2])
			if c[3] != "" {
				t.Second = trimZeros(c[3])
			}
		}
	default:
		t.Month = tlNum(strconv.Itoa(m))
	}
	if back, err := t.parts(); err != nil || back != p {
		t.DisplayDate = p.Format(lang)
	}
	return t
}

// trimZeros writes a two-digit clock part as TimelineJS files do: "08" as "8".
func trimZeros(s string) tlNum {
	n, _ := strconv.Atoi(s)
	return tlNum(strconv.Itoa(n))
}

// timelineHTML writes a description as HTML paragraphs, escaped, with the
// links after the first as a last paragraph.
func timelineHTML(desc string, links []model.Link) string {
	var b strings.Builder
	for _, para := range splitParagraphs(desc) {
		lines := strings.Split(para, "\n")
		for i := range lines {
			lines[i] = html.EscapeString(lines[i])
		}
		b.WriteString("<p>" + strings.Join(lines, "<br>") + "</p>")
	}
	if len(links) > 1 {
		b.WriteString("<p>")
		for i, l := range links[1:] {
			if i > 0 {
				b.WriteString("<br>")
			}
			text := strings.Join(strings.Fields(l.Quote), " ")
			if text == "" {
				text = l.URL
			}
			fmt.Fprintf(&b, `<a href="%s">%s</a>`, html.EscapeString(l.URL), html.EscapeString(text))
		}
		b.WriteString("</p>")
	}
	return b.String()
}

var reBlankLine = regexp.MustCompile(`\n[ \t]*\n`)

func splitParagraphs(s string) []string {
	var out []string
	for _, p := range reBlankLine.Split(strings.TrimSpace(s), -1) {
		if p = strings.Trim(p, "\n"); strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

// htmlToText reduces HTML to one line of plain text.
func htmlToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(s), " ")
	}
	return strings.Join(strings.Fields(string(convertHTML(s, false).buf)), " ")
}

// htmlToMarkdown turns HTML into Markdown-ish plain text: paragraphs and
// line breaks become newlines, links [text](address) when the address is
// http(s), bold and italics ** and *, headings #, list items "- ".
func htmlToMarkdown(s string) string {
	h := convertHTML(s, true)
	return tidyLines(string(h.buf))
}

// htmlToDescription is htmlToMarkdown for an event's text, except that a
// last block holding nothing but http(s) links gives the event's links
// rather than text. Only real <a> elements count: a link typed as text
// stays text.
func htmlToDescription(s string) (string, []model.Link) {
	h := convertHTML(s, true)
	if h.linksStart < 0 {
		return tidyLines(string(h.buf)), nil
	}
	return tidyLines(string(h.buf[:h.linksStart])), h.links
}

// Elements whose content is never text a reader should see.
var hiddenElements = map[string]bool{
	"script": true, "style": true, "iframe": true, "object": true, "embed": true,
	"noscript": true, "template": true, "head": true, "svg": true, "math": true, "title": true,
}

var (
	reHref = regexp.MustCompile(`(?i)\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)
	reAlt  = regexp.MustCompile(`(?i)\balt\s*=\s*(?:"([^"]*)"|'([^']*)')`)
)

// htmlText builds the text of an HTML fragment.
type htmlText struct {
	buf      []byte
	space    bool // white space was seen and not yet written
	markdown bool
	anchors  []anchor

	// The block being written (a paragraph, a list…): where it starts,
	// whether it holds text outside links, and its links.
	blockStart int
	blockText  bool
	blockLinks []model.Link
	// The last finished block with content, if it held only links.
	linksStart int
	links      []model.Link
}

type anchor struct {
	href  string
	start int
}

// convertHTML reduces HTML to text; with markdown it keeps structure as
// Markdown-ish marks. Scripts, styles and other hidden elements are dropped
// with their content, every other tag is dropped and entities are decoded.
// Nothing is fetched or run. It reads the input once, so it takes time in
// proportion to its length whatever the input.
func convertHTML(s string, markdown bool) *htmlText {
	h := &htmlText{markdown: markdown, linksStart: -1}
	for i := 0; i < len(s); {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 {
			h.text(html.UnescapeString(s[i:]))
			break
		}
		if lt > 0 {
			h.text(html.UnescapeString(s[i : i+lt]))
			i += lt
		}
		if strings.HasPrefix(s[i:], "<!--") {
			end := strings.Index(s[i+4:], "-->")
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		name, closing, attrs, next, ok := scanTag(s, i)
		switch {
		case !ok && next < 0:
			// An unclosed tag runs to the end: the rest is text, and
			// scanning it again from each '<' would take quadratic time.
			h.text(html.UnescapeString(s[i:]))
			i = len(s)
			continue
		case !ok:
			h.text("<") // a '<' that opens no tag is text
			i++
			continue
		}
		i = next
		if hiddenElements[name] && !closing {
			end := indexClosingTag(s[i:], name)
			if end < 0 {
				break
			}
			i += end
			continue
		}
		h.tag(name, closing, attrs)
	}
	h.endBlock()
	return h
}

// endBlock finishes the block being written.
func (h *htmlText) endBlock() {
	if len(strings.TrimSpace(string(h.buf[h.blockStart:]))) > 0 {
		h.linksStart, h.links = -1, nil
		if !h.blockText && len(h.blockLinks) > 0 {
			h.linksStart, h.links = h.blockStart, h.blockLinks
		}
	}
	h.blockStart, h.blockText, h.blockLinks = len(h.buf), false, nil
}

// text writes text with HTML's white-space rule: a run of white space is
// one space, and none at the start of a line.
func (h *htmlText) text(t string) {
	for _, r := range t {
		if unicode.IsSpace(r) {
			h.space = true
			continue
		}
		h.flushSpace()
		h.buf = utf8.AppendRune(h.buf, r)
		if len(h.anchors) == 0 {
			h.blockText = true
		}
	}
}

func (h *htmlText) flushSpace() {
	if h.space && len(h.buf) > 0 && h.buf[len(h.buf)-1] != '\n' && h.buf[len(h.buf)-1] != ' ' {
		h.buf = append(h.buf, ' ')
	}
	h.space = false
}

func (h *htmlText) mark(s string) {
	if h.markdown {
		h.flushSpace()
		h.buf = append(h.buf, s...)
	}
}

func (h *htmlText) breakLine(s string) {
	h.buf = append(h.buf, s...)
	h.space = false
}

func (h *htmlText) tag(name string, closing bool, attrs string) {
	switch name {
	case "br":
		h.breakLine("\n")
	case "p", "div", "section", "article", "header", "footer", "blockquote", "pre", "table", "ul", "ol", "dl":
		h.endBlock()
		h.breakLine("\n\n")
	case "h1", "h2", "h3", "h4", "h5", "h6":
		h.endBlock()
		h.breakLine("\n\n")
		if !closing {
			h.mark(strings.Repeat("#", int(name[1]-'0')) + " ")
		}
	case "tr", "dt", "dd":
		h.breakLine("\n")
	case "li":
		if !closing {
			h.breakLine("\n")
			h.mark("- ")
		}
	case "b", "strong":
		h.mark("**")
	case "i", "em":
		h.mark("*")
	case "img":
		if m := reAlt.FindStringSubmatch(attrs); m != nil {
			h.space = true
			h.text(html.UnescapeString(m[1] + m[2]))
		}
	case "a":
		if !h.markdown {
			return
		}
		if !closing {
			h.flushSpace()
			href := ""
			if m := reHref.FindStringSubmatch(attrs); m != nil {
				href = strings.TrimSpace(html.UnescapeString(m[1] + m[2] + m[3]))
			}
			h.anchors = append(h.anchors, anchor{href: href, start: len(h.buf)})
			return
		}
		n := len(h.anchors)
		if n == 0 {
			return
		}
		a := h.anchors[n-1]
		h.anchors = h.anchors[:n-1]
		if a.start > len(h.buf) {
			return
		}
		text := strings.TrimSpace(string(h.buf[a.start:]))
		switch {
		case text == "":
		case model.CheckLink(a.href) != "" || strings.Contains(text, "\n") || len(h.anchors) > 0:
			// Not a link Hindsight keeps: its text is plain text.
			h.blockText = true
		case text == a.href:
			h.blockLinks = append(h.blockLinks, model.Link{URL: a.href})
		default:
			h.blockLinks = append(h.blockLinks, model.Link{URL: a.href, Quote: text})
			h.buf = append(h.buf[:a.start], "["+text+"]("+a.href+")"...)
		}
	}
}

// scanTag reads the tag that starts at s[i] ('<'): its lower-case name,
// whether it closes, its attribute text and where it ends. ok is false for
// a '<' that opens no tag; next is then -1 if the tag runs to the end of s
// without a '>'. Declarations such as <!DOCTYPE> come back with an empty
// name.
func scanTag(s string, i int) (name string, closing bool, attrs string, next int, ok bool) {
	j := i + 1
	if j < len(s) && s[j] == '!' {
		end := strings.IndexByte(s[j:], '>')
		if end < 0 {
			return "", false, "", -1, false
		}
		return "", false, "", j + end + 1, true
	}
	if j < len(s) && s[j] == '/' {
		closing = true
		j++
	}
	k := j
	for k < len(s) && (isASCIILetter(s[k]) || k > j && s[k] >= '0' && s[k] <= '9') {
		k++
	}
	if k == j {
		return "", false, "", 0, false
	}
	var quote byte
	for m := k; m < len(s); m++ {
		c := s[m]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return strings.ToLower(s[j:k]), closing, s[k:m], m + 1, true
		case c == '<':
			// A new tag starts before this one closed: this '<' was text.
			return "", false, "", 0, false
		}
	}
	return "", false, "", -1, false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// indexClosingTag finds "</name" in s, ignoring case.
func indexClosingTag(s, name string) int {
	for i := 0; ; {
		k := strings.Index(s[i:], "</")
		if k < 0 {
			return -1
		}
		i += k
		if rest := s[i+2:]; len(rest) >= len(name) && strings.EqualFold(rest[:len(name)], name) {
			return i
		}
		i += 2
	}
}

// tidyLines trims each line and keeps at most one blank line in a row.
func tidyLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := true
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, l)
		blank = false
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
