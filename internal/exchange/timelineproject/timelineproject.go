// Package timelineproject reads Timeline project files (.timeline, the XML
// that thetimelineproj's Timeline saves; import only):
//
//	<timeline><version/><timetype/>
//	  <eras><era><name/><start/><end/><color/></era></eras>
//	  <categories><category><name/><color/><parent/>…</category></categories>
//	  <events><event><start/><end/><text/><fuzzy/><locked/><ends_today/>
//	    <category/><description/><milestone/><hyperlink/>…</event></events>
//	  <view>…</view></timeline>
//
// What maps where:
//
//   - An event is an event: its text the title, its description the
//     description, its start and end the dates (a time of 00:00:00 is a
//     whole day), its hyperlinks links.
//   - Categories become tags (a category's parents too), not Hindsight
//     categories: Timeline's categories are names a person chose ("Planned
//     Release"), Hindsight's a fixed list of kinds. Their colours colour the
//     periods made from containers; for the rest there is no place, which
//     the report says.
//   - fuzzy makes both dates approximate ("2013-03~"), as Hindsight marks
//     dates known only roughly; fuzzy_start and fuzzy_end each one date.
//   - locked gives the tag "locked" (Hindsight has no locking; the tag keeps
//     the flag to filter by), milestone the tag "milestone" (and no end),
//     ends_today an end on the day of the import, said in the report.
//   - A container ("[1]Name" in its text) becomes a period over its time,
//     coloured as its category; its subevents ("(1)Name") are events that
//     get the container's name as a tag. Eras become periods.
//   - Everything else is reported by name: an event's alert, icon, colour
//     or progress, the view, unknown elements.
package timelineproject

import (
	"bytes"
	"encoding/xml"
	"errors"
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

// timelineDepth bounds how deeply the elements of a .timeline file may
// nest; real files nest four levels.
const timelineDepth = 32

// xmlNode is one element with its text and children.
type xmlNode struct {
	name string
	text strings.Builder
	kids []*xmlNode
	line int
}

func (n *xmlNode) child(name string) *xmlNode {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// value is the text of the named child, trimmed; "" when there is none.
func (n *xmlNode) value(name string) string {
	if k := n.child(name); k != nil {
		return strings.TrimSpace(k.text.String())
	}
	return ""
}

// readXMLTree reads an XML document whole, refusing deep nesting and more
// elements than record.MaxRecords allows.
func readXMLTree(data []byte, opt record.ReadOptions) (*xmlNode, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var root *xmlNode
	var stack []*xmlNode
	count := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return nil, fmt.Errorf("%w: the XML cannot be read at line %d: %v", record.ErrMalformed, line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if count++; count > 16*record.MaxRecords {
				return nil, record.TooManyRecords()
			}
			if count%(record.CancelEvery*16) == 0 {
				if err := opt.Context.Err(); err != nil {
					return nil, err
				}
			}
			line, _ := dec.InputPos()
			n := &xmlNode{name: t.Name.Local, line: line}
			switch {
			case len(stack) == 0 && root != nil:
				return nil, fmt.Errorf("%w: the XML has a second top-level element at line %d", record.ErrMalformed, line)
			case len(stack) == 0:
				root = n
			default:
				parent := stack[len(stack)-1]
				parent.kids = append(parent.kids, n)
			}
			if stack = append(stack, n); len(stack) > timelineDepth {
				return nil, fmt.Errorf("%w: elements nest more than %d levels at line %d", record.ErrTooDeep, timelineDepth, line)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("%w: the file holds no XML element", record.ErrWrongFormat)
	}
	return root, nil
}

var (
	reRGB       = regexp.MustCompile(`^\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*$`)
	reContainer = regexp.MustCompile(`^\[(-?\d+)\](.*)$`)
	reSubevent  = regexp.MustCompile(`^\((-?\d+)\)(.*)$`)
)

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// timelineColor reads "128,255,128" as "#80ff80".
func timelineColor(s string) (string, bool) {
	m := reRGB.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	var c [3]int
	for i := range c {
		if c[i] = atoi(m[i+1]); c[i] > 255 {
			return "", false
		}
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2]), true
}

func isTrue(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "true") }

// tlCategory is a category of the file: its colour and its parent's name.
type tlCategory struct {
	color, parent string
}

// tpReader is a .timeline file being read.
type tpReader struct {
	opt        record.ReadOptions
	res        record.Result
	categories map[string]tlCategory
	// left counts, by what was left out ("<alert>"), the records that had
	// it, and names the first few.
	left      map[string][]string
	leftOrder []string
	// containers maps a container's id to its period's index and name.
	containers map[string]int
	periodIDs  record.UniqueIDs
}

// Read reads a Timeline project file.
func Read(data []byte, opt record.ReadOptions) (record.Result, error) {
	root, err := readXMLTree(data, opt)
	if err != nil {
		return record.Result{}, err
	}
	if root.name != "timeline" {
		return record.Result{}, fmt.Errorf("%w: a Timeline project file is a <timeline> element, and this XML is <%s>", record.ErrWrongFormat, root.name)
	}
	if tt := root.value("timetype"); tt != "" && tt != "gregoriantime" {
		return record.Result{}, fmt.Errorf("%w: this timeline counts time as %q, not in calendar dates; Hindsight reads Timeline files of gregoriantime", record.ErrWrongFormat, tt)
	}
	if opt.Today == 0 {
		opt.Today = when.Today()
	}
	r := &tpReader{opt: opt, categories: map[string]tlCategory{}, left: map[string][]string{},
		containers: map[string]int{}, periodIDs: record.UniqueIDs{}}
	events := root.child("events")
	total := 0
	if events != nil {
		total = len(events.kids)
	}
	t := record.NewTracker(opt, total)
	for _, k := range root.kids {
		switch k.name {
		case "version", "timetype", "events":
		case "categories":
			r.readCategories(k)
		case "eras":
			r.readEras(k)
		case "view":
			r.res.Report(record.Problem{Line: k.line, Record: "view",
				Message: "the view (the period shown, hidden categories) was not imported: it is how Timeline showed the file, not a record"})
		default:
			r.res.Report(record.Problem{Line: k.line, Record: "<" + k.name + ">",
				Message: fmt.Sprintf("the file's <%s> element was not imported: Hindsight does not know it", k.name)})
		}
	}
	if events != nil {
		// Containers first, so their subevents find them whatever the order.
		for _, ev := range events.kids {
			if ev.name == "event" && reContainer.MatchString(strings.TrimSpace(ev.value("text"))) {
				r.readContainer(ev)
			}
		}
		ids := record.UniqueIDs{}
		for i, ev := range events.kids {
			if err := t.Step(); err != nil {
				return record.Result{}, err
			}
			if ev.name != "event" {
				r.res.Report(record.Problem{Line: ev.line, Record: fmt.Sprintf("events[%d]", i),
					Message: fmt.Sprintf("a <%s> among the events was not imported: it is not an event", ev.name)})
				continue
			}
			if reContainer.MatchString(strings.TrimSpace(ev.value("text"))) {
				continue
			}
			rp := &record.Collector{Line: ev.line, Record: fmt.Sprintf("events[%d]", i)}
			e := r.event(ev, rp)
			if rp.FinishEvent(&e) {
				r.res.Doc.Events = append(r.res.Doc.Events, e)
				ids.Add(e.ID)
			}
			r.res.Report(rp.All()...)
		}
	}
	r.reportLeftOut()
	return r.res, t.Finish()
}

func (r *tpReader) readCategories(list *xmlNode) {
	colorless := 0
	var names []string
	for _, c := range list.kids {
		name := c.value("name")
		if c.name != "category" || name == "" {
			r.res.Report(record.Problem{Line: c.line, Record: "categories", Message: fmt.Sprintf("a <%s> without a name was not imported", c.name)})
			continue
		}
		col, _ := timelineColor(c.value("color"))
		r.categories[name] = tlCategory{color: col, parent: c.value("parent")}
		names = append(names, name)
		if col == "" {
			colorless++
		}
	}
	if len(names) > colorless {
		r.res.Report(record.Problem{Line: list.line, Record: "categories", Field: "color", Effect: record.ReadAs,
			Message: fmt.Sprintf("the categories (%s) were imported as tags; their colours (and font, progress and done colours) were kept only for the periods made from containers, since tags have no colour", strings.Join(names, ", "))})
	}
}

func (r *tpReader) readEras(list *xmlNode) {
	for i, era := range list.kids {
		rp := &record.Collector{Line: era.line, Record: fmt.Sprintf("eras[%d]", i)}
		if era.name != "era" {
			rp.Add("", "a <%s> among the eras is not an era", era.name)
			r.res.Report(rp.All()...)
			continue
		}
		p := model.Period{Title: era.value("name")}
		rp.Name = p.Title
		p.Start, p.End = r.span(era, rp)
		if c, ok := timelineColor(era.value("color")); ok {
			p.Color = c
		}
		r.notKnown(era, rp, "name", "start", "end", "color", "ends_today")
		r.periodIDs.Check(rp, "period", &p.ID)
		if rp.FinishPeriod(&p) {
			r.res.Doc.Periods = append(r.res.Doc.Periods, p)
		}
		r.res.Report(rp.All()...)
	}
}

// span reads an element's start and end; an end equal to the start is
// none, and ends_today ends it on the day of the import.
func (r *tpReader) span(n *xmlNode, rp *record.Collector) (start, end when.Date) {
	var err error
	if start, err = record.ParseDateTime(n.value("start")); err != nil {
		rp.Add("start", "%v", err)
		return
	}
	if isTrue(n.value("ends_today")) {
		end = when.DayDate(r.opt.Today)
		rp.Tell("ends_today", "it ends today in Timeline, so its end was read as %s, the day of this import", end)
	} else if s := n.value("end"); s != "" {
		if end, err = record.ParseDateTime(s); err != nil {
			rp.Add("end", "%v", err)
			return
		}
	}
	if end == start {
		end = when.Date{}
	}
	if !end.IsZero() && end.Latest() < start.Earliest() {
		rp.Add("end", "the end (%s) is before the start (%s)", end, start)
	}
	return start, end
}

// readContainer makes a period of a container event.
func (r *tpReader) readContainer(ev *xmlNode) {
	m := reContainer.FindStringSubmatch(strings.TrimSpace(ev.value("text")))
	rp := &record.Collector{Line: ev.line, Record: fmt.Sprintf("line %d (a container)", ev.line), Name: strings.TrimSpace(m[2])}
	p := model.Period{Title: strings.TrimSpace(m[2]), Description: ev.value("description")}
	p.Start, p.End = r.span(ev, rp)
	if cat, ok := r.categories[ev.value("category")]; ok {
		p.Color = cat.color
	}
	p.Links = append(p.Links, r.links(ev, rp)...)
	r.notKnown(ev, rp, "start", "end", "text", "description", "category", "hyperlink", "ends_today", "fuzzy", "locked")
	if rp.FinishPeriod(&p) {
		r.containers[m[1]] = len(r.res.Doc.Periods)
		r.res.Doc.Periods = append(r.res.Doc.Periods, p)
	}
	r.res.Report(rp.All()...)
}

// event reads one event.
func (r *tpReader) event(ev *xmlNode, rp *record.Collector) model.Event {
	text := ev.value("text")
	e := model.Event{Title: text, Description: ev.value("description")}
	if m := reSubevent.FindStringSubmatch(text); m != nil {
		e.Title = strings.TrimSpace(m[2])
		if i, ok := r.containers[m[1]]; ok {
			e.Tags = append(e.Tags, r.res.Doc.Periods[i].Title)
		} else {
			rp.Note("text", "its container (%s) is not in the file", m[1])
		}
	}
	rp.Name = e.Title
	e.Date, e.End = r.span(ev, rp)
	if !rp.OK() {
		return e
	}
	fuzzyStart, fuzzyEnd := isTrue(ev.value("fuzzy")), isTrue(ev.value("fuzzy"))
	if s := ev.value("fuzzy_start"); s != "" {
		fuzzyStart = isTrue(s)
	}
	if s := ev.value("fuzzy_end"); s != "" {
		fuzzyEnd = isTrue(s)
	}
	if fuzzyStart {
		e.Date = approximate(e.Date, rp)
	}
	if fuzzyEnd && !e.End.IsZero() {
		e.End = approximate(e.End, rp)
	} else if fuzzyEnd && fuzzyStart != fuzzyEnd {
		e.Date = approximate(e.Date, rp)
	}
	if isTrue(ev.value("milestone")) {
		e.Tags = append(e.Tags, "milestone")
		if !e.End.IsZero() {
			rp.Note("end", "a milestone is one moment, so its end (%s) was left out", e.End)
			e.End = when.Date{}
		}
	}
	if isTrue(ev.value("locked")) {
		e.Tags = append(e.Tags, "locked")
	}
	for name := ev.value("category"); name != ""; {
		e.Tags = append(e.Tags, name)
		cat, ok := r.categories[name]
		if !ok || slices.Contains(e.Tags[:len(e.Tags)-1], cat.parent) {
			break
		}
		name = cat.parent
	}
	if cats := ev.child("categories"); cats != nil {
		for _, c := range cats.kids {
			if name := strings.TrimSpace(c.text.String()); name != "" {
				e.Tags = append(e.Tags, name)
			}
		}
	}
	if labels := ev.value("labels"); labels != "" {
		e.Tags = append(e.Tags, record.SplitTags(labels)...)
	}
	e.Links = r.links(ev, rp)
	if p := ev.value("progress"); p != "" && p != "0" {
		e.Description = strings.TrimSpace("Progress: " + p + "%\n\n" + e.Description)
	}
	r.notKnown(ev, rp, "start", "end", "text", "description", "category", "categories", "labels", "hyperlink",
		"fuzzy", "fuzzy_start", "fuzzy_end", "locked", "milestone", "ends_today", "progress")
	return e
}

// approximate marks a date as known only roughly.
func approximate(d when.Date, rp *record.Collector) when.Date {
	if d.Approximate() {
		return d
	}
	text := d.String()
	if d.HasTime() {
		text = d.Earliest().String() // EDTF marks days, not times, as approximate
		rp.Note("start", "a fuzzy date keeps its day, not its time of day")
	}
	a, err := when.ParseEDTF(text + "~")
	if err != nil {
		return d
	}
	return a
}

// links reads an element's hyperlinks (Timeline separates several with
// ";").
func (r *tpReader) links(n *xmlNode, rp *record.Collector) []model.Link {
	var links []model.Link
	for _, u := range strings.Split(n.value("hyperlink"), ";") {
		if u = strings.TrimSpace(u); u == "" {
			continue
		}
		if msg := model.CheckLink(u); msg != "" {
			rp.Note("hyperlink", "not imported as a link: %s", msg)
			continue
		}
		links = append(links, model.Link{URL: u})
	}
	return links
}

// notKnown takes note of the children of n that Hindsight does not read,
// to report them once, by name, counted.
func (r *tpReader) notKnown(n *xmlNode, rp *record.Collector, known ...string) {
	for _, k := range n.kids {
		if slices.Contains(known, k.name) {
			continue
		}
		if k.name == "progress" && strings.TrimSpace(k.text.String()) == "0" {
			continue
		}
		key := "<" + k.name + ">"
		if _, seen := r.left[key]; !seen {
			r.leftOrder = append(r.leftOrder, key)
		}
		label := rp.Record
		if rp.Name != "" {
			label += " “" + record.ShortText(rp.Name, 40) + "”"
		}
		r.left[key] = append(r.left[key], label)
	}
}

// leftReasons says why an element of an event was not imported.
var leftReasons = map[string]string{
	"<default_color>": "Hindsight colours events by lane, not one by one",
	"<alert>":         "Hindsight has no alarms on events",
	"<icon>":          "Hindsight shows no pictures on events",
	"<progress>":      "a period has no progress",
}

func (r *tpReader) reportLeftOut() {
	for _, key := range r.leftOrder {
		records := r.left[key]
		why := leftReasons[key]
		if why == "" {
			why = "Hindsight does not know it"
		}
		names := records
		if len(names) > 3 {
			names = append(slices.Clip(names[:3]), fmt.Sprintf("and %d more", len(records)-3))
		}
		r.res.Report(record.Problem{Record: key, Effect: record.PartLeftOut, Message: fmt.Sprintf("%s was not imported for %d records (%s): %s",
			key, len(records), strings.Join(names, ", "), why)})
	}
}
