// Package timelinejs reads and writes TimelineJS (Knight Lab) JSON: events
// with start_date and end_date parts (year, month, day, hour, minute,
// second — numbers or strings), text with an HTML headline and body, a
// group, media and a unique_id; eras with dates and a headline.
//
// What maps where: headline ↔ title (HTML reduced to text), text.text ↔
// description (HTML ↔ Markdown-ish text), group ↔ actor, media.url ↔ the
// first link (its caption is the link's quote; other links follow the
// description as a last paragraph of links), eras ↔ periods (headline ↔
// title, text ↔ description and links, unique_id "hindsight-period-N" ↔
// ID), unique_id "hindsight-event-N" ↔ ID. An event whose headline is
// empty or missing is kept, titled from its text or, with no text, its
// date, and the report says so. The title slide introduces the timeline:
// it is not an event, and the report says it was not imported. A date the parts cannot say exactly (a
// quarter, "~Aug 2022", an uncertain span, on either end) also gets a
// display_date, which TimelineJS shows and import reads back. Text whose
// white space HTML would collapse (indented Markdown, blank lines, a tab,
// two spaces) is written in an element styled white-space:pre-wrap, which
// browsers show as written and import reads back exactly (see htmltext).
// Tags, category and the Chinese title are not carried; exchange.Plan says
// so.
package timelinejs

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hindsight-app/hindsight/internal/exchange/htmltext"
	"github.com/hindsight-app/hindsight/internal/exchange/jsondoc"
	"github.com/hindsight-app/hindsight/internal/exchange/record"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// hindsightFormat is the format a Hindsight JSON file names itself by,
// which a TimelineJS file does not.
const hindsightFormat = "hindsight"

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
	if err != nil || f != float64(int64(f)) {
		return 0, false, fmt.Errorf("%s %q is not a whole number", field, string(n))
	}
	// Deep time (a year of -13800000000) is a whole number all the same;
	// the caller says it is beyond what Hindsight stores.
	if f < -1e15 || f > 1e15 {
		return 0, false, fmt.Errorf("%s %q is beyond any date Hindsight can store (years -9999 to 9999)", field, string(n))
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
	// unread are the keys of the event, with a value, that are not read.
	unread []string
	// headlineKey says whether its text has a headline, even an empty one.
	headlineKey bool
}

type tlEra struct {
	StartDate *tlDate `json:"start_date"`
	EndDate   *tlDate `json:"end_date"`
	Text      *tlText `json:"text,omitempty"`
	UniqueID  string  `json:"unique_id,omitempty"`
}

var (
	reTimelineID = regexp.MustCompile(`^hindsight-event-(-?\d{1,19})$`)
	reEraID      = regexp.MustCompile(`^hindsight-period-(-?\d{1,19})$`)
)

// Read reads a TimelineJS file: its events as events, its eras as
// periods.
func Read(data []byte, opt record.ReadOptions) (record.Result, error) {
	if err := jsondoc.Check(opt.Context, data); err != nil {
		return record.Result{}, err
	}
	d := jsondoc.New(opt.Context, data)
	var (
		events    []jsondoc.Elem[tlEvent]
		eras      []jsondoc.Elem[tlEra]
		hasEvents bool
		format    string
		title     *tlEvent
	)
	err := d.Members("TimelineJS", func(key string) (err error) {
		switch key {
		case "events":
			hasEvents = true
			events, err = jsondoc.DecodeArray[tlEvent](d, key)
		case "eras":
			eras, err = jsondoc.DecodeArray[tlEra](d, key)
		case "format":
			if err := d.Value(key, &format); err != nil {
				return d.Skip()
			}
		case "title":
			if err := d.Value(key, &title); err != nil {
				title = &tlEvent{}
			}
		default:
			return d.Skip()
		}
		return err
	})
	if err != nil {
		return record.Result{}, err
	}
	if format == hindsightFormat {
		return record.Result{}, fmt.Errorf("%w: this is a Hindsight export, not a TimelineJS file; import it as Hindsight JSON", record.ErrWrongFormat)
	}
	if !hasEvents {
		return record.Result{}, fmt.Errorf("%w: a TimelineJS file has an \"events\" list, and this JSON file has none", record.ErrWrongFormat)
	}

	var res record.Result
	if title != nil {
		res.Report(titleSlideProblem(title))
	}
	t := record.NewTracker(opt, len(events)+len(eras))
	ids := record.UniqueIDs{}
	var unread unreadKeys
	err = jsondoc.Each(d, t, "events", events, func(rp *record.Collector, v tlEvent) {
		if res.AddEvent(rp, ids, v.model(rp)) {
			unread.add(rp.Record, v.unread)
		}
	})
	if err != nil {
		return record.Result{}, err
	}
	unread.report(&res)
	periodIDs := record.UniqueIDs{}
	err = jsondoc.Each(d, t, "eras", eras, func(rp *record.Collector, v tlEra) {
		res.AddPeriod(rp, periodIDs, v.model(rp))
	})
	if err != nil {
		return record.Result{}, err
	}
	return res, t.Finish()
}

// model reads an era as a period.
func (w tlEra) model(rp *record.Collector) model.Period {
	var p model.Period
	if m := reEraID.FindStringSubmatch(strings.TrimSpace(w.UniqueID)); m != nil {
		if id, err := strconv.ParseInt(m[1], 10, 64); err == nil {
			p.ID = id
		}
	}
	if w.Text != nil {
		p.Title = htmltext.Line(w.Text.Headline)
		p.Description, p.Links = htmltext.Description(w.Text.Text)
	}
	rp.Name = record.CleanText(p.Title)
	p.Start, p.End = readTimelineSpan(rp, w.StartDate, w.EndDate)
	if p.End == p.Start.End() && !p.Start.IsInterval() {
		p.End = when.Date{}
	}
	if strings.TrimSpace(p.Title) == "" && rp.OK() {
		p.Title = p.Start.Format("en")
		if !p.End.IsZero() {
			p.Title += " – " + p.End.Format("en")
		}
		rp.Tell("text.headline", "the era has no headline, so it was titled from its dates: “%s”", p.Title)
	}
	return p
}

// titleSlideProblem says that the title slide, which introduces the
// timeline, was not imported.
func titleSlideProblem(title *tlEvent) record.Problem {
	name := ""
	if title.Text != nil {
		name = htmltext.Line(title.Text.Headline)
		if name == "" {
			name = htmltext.Line(title.Text.Text)
		}
	}
	msg := "the title slide introduces the timeline and is not an event; it was not imported"
	if name != "" {
		msg = fmt.Sprintf("the title slide (“%s”) introduces the timeline and is not an event; it was not imported", record.ShortText(record.CleanText(name), 80))
	}
	return record.Problem{Record: "title", Message: msg}
}

func (w tlEvent) model(rp *record.Collector) model.Event {
	var e model.Event
	if m := reTimelineID.FindStringSubmatch(strings.TrimSpace(w.UniqueID)); m != nil {
		if id, err := strconv.ParseInt(m[1], 10, 64); err == nil {
			e.ID = id
		}
	}
	var links []model.Link
	headline := w.headlineKey
	if w.Text != nil {
		e.Title = htmltext.Line(w.Text.Headline)
		e.Description, links = htmltext.Description(w.Text.Text)
	}
	rp.Name = record.CleanText(e.Title)
	e.Actor = htmltext.Line(w.Group)
	e.Date, e.End = readTimelineSpan(rp, w.StartDate, w.EndDate)
	caption := ""
	if w.Media != nil {
		caption = htmltext.Line(w.Media.Caption)
	}
	if w.Media != nil && strings.TrimSpace(w.Media.URL) != "" {
		url := strings.TrimSpace(w.Media.URL)
		if msg := model.CheckLink(url); msg == "" {
			e.Links = append(e.Links, model.Link{URL: url, Quote: caption})
		} else if text := htmltext.Markdown(url); text != "" && strings.ContainsAny(url, "<> ") {
			// Media that is text (a quote, an embed) is kept as text.
			e.Description = strings.TrimSpace(e.Description + "\n\n" + text)
			if caption != "" {
				e.Description += "\n\n" + caption
			}
			rp.Tell("media.url", "the media is text, not a web address; it was added to the description")
		} else {
			// Not a reason to drop the event: the media simply is not a link.
			rp.Note("media.url", "not imported as a link: %s", msg)
		}
	}
	e.Links = append(e.Links, links...)
	if strings.TrimSpace(e.Title) == "" && rp.OK() {
		missing := "empty"
		if !headline {
			missing = "missing"
		}
		switch {
		case record.TitleFromText(e.Description) != "":
			e.Title = record.TitleFromText(e.Description)
			rp.Tell("text.headline", "the headline is %s, so the event was titled from its text: “%s”", missing, e.Title)
		case record.TitleFromText(caption) != "":
			e.Title = record.TitleFromText(caption)
			rp.Tell("text.headline", "the headline is %s and there is no text, so the event was titled from its media's caption: “%s”", missing, e.Title)
		default:
			e.Title = e.Date.Format("en")
			rp.Tell("text.headline", "the headline is %s and there is no text, so the event was titled with its date: “%s”", missing, e.Title)
		}
	}
	return e
}

// readTimelineSpan reads an event's or era's dates. A display_date that
// names an interval starting (for the start) or ending (for the end) on
// the same day as the parts is that interval: an uncertain date. A start
// display_date that names an interval ending with the end date stands for
// one uncertain date rather than a span.
func readTimelineSpan(rp *record.Collector, start, end *tlDate) (date, endDate when.Date) {
	if start == nil {
		rp.Add("start_date", "the start date is missing")
		return
	}
	date, err := start.point()
	if err != nil {
		rp.Add("start_date", "%s", err.Error())
		return
	}
	if end != nil && end.Year != "" {
		if endDate, err = end.point(); err != nil {
			rp.Add("end_date", "%s", err.Error())
			return
		}
		if shown, ok := end.interval(); ok && shown.Latest() == endDate.Latest() {
			endDate = shown
		}
	}
	if shown, ok := start.interval(); ok && shown.Earliest() == date.Earliest() {
		date = shown
		if !endDate.IsZero() && shown.Latest() == endDate.Latest() {
			endDate = when.Date{}
		}
	}
	if !endDate.IsZero() && endDate.Latest() < date.Earliest() {
		rp.Add("end_date", "the end (%s) is before the start (%s)", endDate, date)
	}
	return date, endDate
}

// interval is the display_date when it reads as an interval.
func (t *tlDate) interval() (when.Date, bool) {
	if t.DisplayDate == "" {
		return when.Date{}, false
	}
	shown, err := when.Parse(htmltext.Line(t.DisplayDate))
	return shown, err == nil && shown.IsInterval()
}

// point builds the date the parts name, precise to the last part given;
// a display_date that reads as a point starting the same day refines it.
func (t *tlDate) point() (when.Date, error) {
	d, err := t.parts()
	if err != nil {
		return d, err
	}
	if t.DisplayDate != "" {
		if shown, err := when.Parse(htmltext.Line(t.DisplayDate)); err == nil && !shown.IsInterval() && shown.Earliest() == d.Earliest() {
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

// Write writes the events and periods of doc as a TimelineJS file.
func Write(w io.Writer, doc record.Document, opt record.WriteOptions) error {
	f := tlFile{Events: make([]tlEvent, 0, len(doc.Events))}
	for _, e := range doc.Events {
		te := tlEvent{Group: inlineHTML(e.Actor)}
		te.StartDate, te.EndDate = timelineSpan(e.Date, e.End, opt.Lang)
		te.Text = &tlText{Headline: inlineHTML(e.DisplayTitle(opt.Lang)), Text: timelineHTML(e.Description, e.Links)}
		if len(e.Links) > 0 {
			te.Media = &tlMedia{URL: e.Links[0].URL, Caption: inlineHTML(e.Links[0].Quote)}
		}
		if e.ID != 0 {
			te.UniqueID = "hindsight-event-" + strconv.FormatInt(e.ID, 10)
		}
		f.Events = append(f.Events, te)
	}
	for _, p := range doc.Periods {
		era := tlEra{Text: &tlText{Headline: inlineHTML(p.Title), Text: descriptionHTML(p.Description, p.Links)}}
		era.StartDate, era.EndDate = timelineSpan(p.Start, p.End, opt.Lang)
		if era.EndDate == nil {
			era.EndDate = timelineDate(p.Start.End(), opt.Lang)
		}
		if p.ID != 0 {
			era.UniqueID = "hindsight-period-" + strconv.FormatInt(p.ID, 10)
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
	if date.IsInterval() {
		start.DisplayDate = date.Format(lang)
	}
	switch {
	case !end.IsZero():
		stop = timelineDate(end.End(), lang)
		if end.IsInterval() {
			stop.DisplayDate = end.Format(lang)
		}
	case date.IsInterval():
		stop = timelineDate(date.End(), lang)
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
// links after the first as a last paragraph. A description whose spaces,
// blank lines or indentation the paragraphs would lose is written as one
// paragraph that keeps its white space.
func timelineHTML(desc string, links []model.Link) string {
	var more []model.Link
	if len(links) > 1 {
		more = links[1:]
	}
	return descriptionHTML(desc, more)
}

// descriptionHTML writes a description and, as a last paragraph, links.
func descriptionHTML(desc string, more []model.Link) string {
	tail := linksParagraph(more)
	text := paragraphsHTML(desc) + tail
	if got, gotLinks := htmltext.Description(text); got != desc || !slices.Equal(gotLinks, more) {
		if desc != "" {
			text = htmltext.VerbatimBlock(desc) + tail
		}
	}
	return text
}

func paragraphsHTML(desc string) string {
	var b strings.Builder
	for _, para := range splitParagraphs(desc) {
		lines := strings.Split(para, "\n")
		for i := range lines {
			lines[i] = html.EscapeString(lines[i])
		}
		b.WriteString("<p>" + strings.Join(lines, "<br>") + "</p>")
	}
	return b.String()
}

// linksParagraph writes links as a paragraph of <a> elements. A quote is
// one line of the link's text; Plan reports quotes it cannot carry.
func linksParagraph(links []model.Link) string {
	if len(links) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("<p>")
	for i, l := range links {
		if i > 0 {
			b.WriteString("<br>")
		}
		text := html.EscapeString(l.URL)
		if l.Quote != "" {
			text = inlineHTML(strings.Join(strings.Fields(l.Quote), " "))
			if !strings.ContainsAny(l.Quote, "\r\n") {
				text = inlineHTML(l.Quote)
			}
		}
		fmt.Fprintf(&b, `<a href="%s">%s</a>`, html.EscapeString(l.URL), text)
	}
	b.WriteString("</p>")
	return b.String()
}

// inlineHTML writes one line of text as HTML that reads back as the same
// text: escaped, or kept verbatim when its white space would otherwise be
// lost (two spaces, a tab, a line end).
func inlineHTML(s string) string {
	if e := html.EscapeString(s); htmltext.Line(e) == s {
		return e
	}
	return htmltext.Verbatim(s)
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
