package exchange

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Hindsight JSON carries everything, so that Write then Read gives back
// the same Document. Dates are EDTF text, times RFC 3339 in UTC, and a
// deadline keeps both the phrase as typed and its canonical reading.
const (
	hindsightFormat  = "hindsight"
	hindsightVersion = 1
)

type hjFile struct {
	Format      string         `json:"format"`
	Version     int            `json:"version"`
	ExportedAt  string         `json:"exported_at"`
	Events      []hjEvent      `json:"events"`
	Predictions []hjPrediction `json:"predictions"`
	Periods     []hjPeriod     `json:"periods,omitempty"`
	Sources     []hjSource     `json:"sources,omitempty"`
}

type hjSource struct {
	Name   string `json:"name"`
	NameZh string `json:"name_zh,omitempty"`
	Kind   string `json:"kind,omitempty"`
	URL    string `json:"url,omitempty"`
}

type hjLink struct {
	URL   string `json:"url"`
	Quote string `json:"quote,omitempty"`
}

type hjEvent struct {
	ID          int64    `json:"id"`
	Title       string   `json:"title"`
	TitleZh     string   `json:"title_zh,omitempty"`
	Date        string   `json:"date"`
	End         string   `json:"end,omitempty"`
	Actor       string   `json:"actor,omitempty"`
	Category    string   `json:"category"`
	Tags        []string `json:"tags"`
	Description string   `json:"description,omitempty"`
	Links       []hjLink `json:"links"`
	CreatedAt   string   `json:"created_at,omitempty"`
	UpdatedAt   string   `json:"updated_at,omitempty"`
}

type hjDeadline struct {
	Phrase    string `json:"phrase"`
	Canonical string `json:"canonical"`
}

type hjEvidence struct {
	EventID int64  `json:"event_id"`
	Role    string `json:"role"`
}

type hjResolution struct {
	State    string       `json:"state"`
	Fraction float64      `json:"fraction,omitempty"`
	On       string       `json:"on,omitempty"`
	Note     string       `json:"note,omitempty"`
	Evidence []hjEvidence `json:"evidence"`
}

type hjPrediction struct {
	ID          int64        `json:"id"`
	Statement   string       `json:"statement"`
	StatementZh string       `json:"statement_zh,omitempty"`
	Source      string       `json:"source"`
	Made        string       `json:"made,omitempty"`
	Deadline    *hjDeadline  `json:"deadline,omitempty"`
	Probability *float64     `json:"probability"`
	Criteria    string       `json:"criteria,omitempty"`
	Tags        []string     `json:"tags"`
	Link        *hjLink      `json:"link,omitempty"`
	Resolution  hjResolution `json:"resolution"`
	History     []hjWording  `json:"history,omitempty"`
	CreatedAt   string       `json:"created_at,omitempty"`
	UpdatedAt   string       `json:"updated_at,omitempty"`
}

// hjWording is one saved wording of a statement, oldest first.
type hjWording struct {
	Version     int    `json:"version"`
	Statement   string `json:"statement"`
	StatementZh string `json:"statement_zh,omitempty"`
	SavedAt     string `json:"saved_at,omitempty"`
}

func writeHindsightJSON(w io.Writer, doc Document) error {
	f := hjFile{
		Format:      hindsightFormat,
		Version:     hindsightVersion,
		ExportedAt:  time.Now().UTC().Format(time.RFC3339),
		Events:      make([]hjEvent, len(doc.Events)),
		Predictions: make([]hjPrediction, len(doc.Predictions)),
	}
	for i, e := range doc.Events {
		f.Events[i] = hjEvent{
			ID: e.ID, Title: e.Title, TitleZh: e.TitleZh, Date: e.Date.String(), End: e.End.String(),
			Actor: e.Actor, Category: string(e.Category), Tags: nonNil(e.Tags), Description: e.Description,
			Links: make([]hjLink, len(e.Links)), CreatedAt: formatTime(e.CreatedAt), UpdatedAt: formatTime(e.UpdatedAt),
		}
		for j, l := range e.Links {
			f.Events[i].Links[j] = hjLink(l)
		}
	}
	for i, p := range doc.Predictions {
		if p.Probability != nil && !finite(*p.Probability) || !finite(p.Resolution.Fraction) {
			return fmt.Errorf("prediction %d (%q) holds a number that is not finite", i+1, p.Statement)
		}
		hp := hjPrediction{
			ID: p.ID, Statement: p.Statement, StatementZh: p.StatementZh, Source: p.Source, Made: p.Made.String(),
			Probability: p.Probability, Criteria: p.Criteria, Tags: nonNil(p.Tags),
			Resolution: hjResolution{
				State: string(p.Resolution.State), Fraction: p.Resolution.Fraction, On: p.Resolution.On.String(),
				Note: p.Resolution.Note, Evidence: make([]hjEvidence, len(p.Resolution.Evidence)),
			},
			CreatedAt: formatTime(p.CreatedAt), UpdatedAt: formatTime(p.UpdatedAt),
		}
		if !p.Deadline.IsZero() {
			hp.Deadline = &hjDeadline{Phrase: p.Deadline.Phrase, Canonical: p.Deadline.Canonical()}
		}
		if p.Link != (model.Link{}) {
			hp.Link = &hjLink{URL: p.Link.URL, Quote: p.Link.Quote}
		}
		for j, ev := range p.Resolution.Evidence {
			hp.Resolution.Evidence[j] = hjEvidence{EventID: ev.EventID, Role: string(ev.Role)}
		}
		for _, h := range p.History {
			hp.History = append(hp.History, hjWording{Version: h.Version, Statement: h.Statement,
				StatementZh: h.StatementZh, SavedAt: formatTime(h.SavedAt)})
		}
		f.Predictions[i] = hp
	}
	for _, p := range doc.Periods {
		f.Periods = append(f.Periods, hjPeriodOf(p))
	}
	for _, src := range doc.Sources {
		f.Sources = append(f.Sources, hjSource(src))
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("cannot read %q as a time (expected RFC 3339, e.g. 2024-01-02T15:04:05Z)", s)
	}
	return t.UTC(), nil
}

func readHindsightJSON(data []byte, opt ReadOptions) (Result, error) {
	if err := checkJSON(opt.Context, data); err != nil {
		return Result{}, err
	}
	d := newJSONDoc(opt.Context, data)
	var (
		format  string
		version json.Number
		events  []jsonElem[hjEvent]
		preds   []jsonElem[hjPrediction]
		periods []jsonElem[hjPeriod]
		groups  []jsonElem[hjPeriod]
		sources []jsonElem[hjSource]
	)
	d.dec.UseNumber()
	err := d.members("Hindsight", func(key string) (err error) {
		switch key {
		case "format":
			return d.value(key, &format)
		case "version":
			return d.value(key, &version)
		case "events":
			events, err = decodeArray[hjEvent](d, key)
		case "predictions":
			preds, err = decodeArray[hjPrediction](d, key)
		case "periods":
			periods, err = decodeArray[hjPeriod](d, key)
		case "groups": // written before periods were records: title, start, end
			groups, err = decodeArray[hjPeriod](d, key)
		case "sources":
			sources, err = decodeArray[hjSource](d, key)
		default:
			return d.skip()
		}
		return err
	})
	if err != nil {
		return Result{}, err
	}
	if format != hindsightFormat {
		if format == "" {
			return Result{}, fmt.Errorf("%w: this JSON file is not a Hindsight export (it has no \"format\": %q)", ErrWrongFormat, hindsightFormat)
		}
		return Result{}, fmt.Errorf("%w: the file's format is %q, not %q", ErrWrongFormat, format, hindsightFormat)
	}
	if version == "" {
		return Result{}, fmt.Errorf("%w: the Hindsight file has no version", ErrVersion)
	}
	if v, err := version.Int64(); err != nil || v != hindsightVersion {
		return Result{}, fmt.Errorf("%w: the file is version %q of the Hindsight format; this app reads version %d", ErrVersion, version.String(), hindsightVersion)
	}

	var res Result
	t := newTracker(opt, len(events)+len(preds)+len(periods)+len(groups)+len(sources))
	eventIDs := uniqueIDs{}
	for i, el := range events {
		if err := t.step(); err != nil {
			return Result{}, err
		}
		rp := elemProblems(d, "events", i, el)
		e := el.v.model(rp)
		eventIDs.check(rp, "event", &e.ID)
		if rp.finishEvent(&e) {
			res.Doc.Events = append(res.Doc.Events, e)
			eventIDs.add(e.ID)
		}
		res.report(rp.all()...)
	}
	predIDs := uniqueIDs{}
	for i, el := range preds {
		if err := t.step(); err != nil {
			return Result{}, err
		}
		rp := elemProblems(d, "predictions", i, el)
		p := el.v.model(rp)
		predIDs.check(rp, "prediction", &p.ID)
		p.Resolution.Evidence = keepKnownEvidence(p.Resolution.Evidence, eventIDs, rp)
		if rp.finishPrediction(&p) {
			res.Doc.Predictions = append(res.Doc.Predictions, p)
			predIDs.add(p.ID)
		}
		res.report(rp.all()...)
	}
	if err := readHJPeriods(d, t, &res, "periods", periods); err != nil {
		return Result{}, err
	}
	if err := readHJPeriods(d, t, &res, "groups", groups); err != nil {
		return Result{}, err
	}
	for i, el := range sources {
		if err := t.step(); err != nil {
			return Result{}, err
		}
		rp := elemProblems(d, "sources", i, el)
		src := model.Source{Name: strings.TrimSpace(cleanText(el.v.Name)), NameZh: strings.TrimSpace(cleanText(el.v.NameZh)),
			Kind: strings.TrimSpace(cleanText(el.v.Kind)), URL: strings.TrimSpace(el.v.URL)}
		if src.Name == "" && rp.ok() {
			rp.add("name", "a source needs a name")
		}
		if src.URL != "" {
			if msg := model.CheckLink(src.URL); msg != "" {
				rp.add("url", "%s", msg)
			}
		}
		if rp.ok() {
			res.Doc.Sources = append(res.Doc.Sources, src)
		}
		res.report(rp.all()...)
	}
	return res, t.finish()
}

// keepKnownEvidence drops evidence naming an event that is not in the
// document, since the store could not tell which event it meant.
func keepKnownEvidence(evidence []model.Evidence, eventIDs map[int64]bool, rp *recordProblems) []model.Evidence {
	var kept []model.Evidence
	for j, ev := range evidence {
		if !eventIDs[ev.EventID] {
			rp.note(fmt.Sprintf("resolution.evidence[%d]", j), "event %d is not among the imported events; this evidence was left out", ev.EventID)
			continue
		}
		kept = append(kept, ev)
	}
	return kept
}

func (w hjEvent) model(rp *recordProblems) model.Event {
	e := model.Event{
		ID: w.ID, Title: w.Title, TitleZh: w.TitleZh, Actor: w.Actor, Tags: w.Tags, Description: w.Description,
	}
	e.Date = readDate(rp, "date", w.Date)
	e.End = readDate(rp, "end", w.End)
	e.Category = readCategory(rp, w.Category)
	for _, l := range w.Links {
		e.Links = append(e.Links, model.Link(l))
	}
	e.CreatedAt = readTime(rp, "created_at", w.CreatedAt)
	e.UpdatedAt = readTime(rp, "updated_at", w.UpdatedAt)
	return e
}

func (w hjPrediction) model(rp *recordProblems) model.Prediction {
	p := model.Prediction{
		ID: w.ID, Statement: w.Statement, StatementZh: w.StatementZh, Source: w.Source,
		Probability: w.Probability, Criteria: w.Criteria, Tags: w.Tags,
	}
	p.Made = readDate(rp, "made", w.Made)
	if w.Deadline != nil {
		p.Deadline = readDeadline(rp, "deadline", w.Deadline.Phrase, w.Deadline.Canonical, p.Made, false)
	}
	if w.Link != nil {
		p.Link = model.Link(*w.Link)
	}
	r := w.Resolution
	p.Resolution = model.Resolution{Fraction: r.Fraction, Note: r.Note}
	p.Resolution.State = readState(rp, "resolution.state", r.State)
	p.Resolution.On = readDate(rp, "resolution.on", r.On)
	for _, ev := range r.Evidence {
		p.Resolution.Evidence = append(p.Resolution.Evidence,
			model.Evidence{EventID: ev.EventID, Role: model.Role(strings.ToLower(strings.TrimSpace(ev.Role)))})
	}
	seen := map[int]bool{}
	for i, h := range w.History {
		if h.Version <= 0 || seen[h.Version] || strings.TrimSpace(h.Statement) == "" {
			rp.add(fmt.Sprintf("history[%d]", i), "a wording needs its own positive version number and a statement")
			continue
		}
		seen[h.Version] = true
		p.History = append(p.History, model.Wording{Version: h.Version, Statement: cleanText(h.Statement),
			StatementZh: cleanText(h.StatementZh), SavedAt: readTime(rp, fmt.Sprintf("history[%d].saved_at", i), h.SavedAt)})
	}
	p.CreatedAt = readTime(rp, "created_at", w.CreatedAt)
	p.UpdatedAt = readTime(rp, "updated_at", w.UpdatedAt)
	return p
}

func readDate(rp *recordProblems, field, s string) when.Date {
	d, err := parseDate(s)
	if err != nil {
		rp.add(field, "%s", err.Error())
	}
	return d
}

func readTime(rp *recordProblems, field, s string) time.Time {
	t, err := parseTime(strings.TrimSpace(s))
	if err != nil {
		rp.add(field, "%s", err.Error())
	}
	return t
}

func readCategory(rp *recordProblems, s string) model.Category {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	c, err := model.ParseCategory(s)
	if err != nil {
		rp.add("category", "%s", err.Error())
	}
	return c
}

func readState(rp *recordProblems, field, s string) model.State {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	st, err := model.ParseState(s)
	if err != nil {
		rp.add(field, "%s", err.Error())
	}
	return st
}

// readDeadline reads a deadline from its phrase and canonical form. In a
// Hindsight file the canonical form is the truth (a relative phrase such as
// "this year" may have been read against an earlier making date); in a
// spreadsheet a person may have edited the phrase, so preferPhrase lets a
// readable phrase win. Either way the canonical form stands in when the
// phrase is missing or unreadable.
func readDeadline(rp *recordProblems, field, phrase, canonical string, made when.Date, preferPhrase bool) when.Deadline {
	phrase, canonical = strings.TrimSpace(phrase), strings.TrimSpace(canonical)
	if canonical != "" {
		dl, err := when.ParseCanonicalDeadline(canonical)
		if err != nil {
			rp.add(field, "%s", err.Error())
			return when.Deadline{}
		}
		if preferPhrase && phrase != "" {
			if fromPhrase, err := when.ParseDeadline(phrase, made); err == nil && fromPhrase.Canonical() != canonical {
				dl = fromPhrase
			}
		}
		dl.Phrase = phrase
		return dl
	}
	if phrase == "" {
		return when.Deadline{}
	}
	dl, err := when.ParseDeadline(phrase, made)
	if err != nil {
		if errors.Is(err, when.ErrNoMadeDate) {
			rp.add(field, "%q counts from the date the prediction was made, which is missing", phrase)
		} else {
			rp.add(field, "%s", err.Error())
		}
		return when.Deadline{}
	}
	return dl
}
