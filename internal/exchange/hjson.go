package exchange

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Hindsight JSON carries everything, so that Write then Read gives back
// the same Document. Dates are EDTF text, times RFC 3339 in UTC, and a
// deadline keeps both the phrase as typed and its canonical reading.
//
// Version 2 gives each prediction its kind, provenance, interest, the id
// of the prediction it restates, its review date and a list of links with
// published dates and primary marks. Version 1 files are still read: each
// prediction in them is a forecast of unstated provenance whose one link is
// primary, as a database of that time is upgraded (see the store's
// migration to schema 3).
const (
	hindsightFormat  = "hindsight"
	hindsightVersion = 2
)

type hjFile struct {
	Format      string         `json:"format"`
	Version     int            `json:"version"`
	ExportedAt  string         `json:"exported_at"`
	Events      []hjEvent      `json:"events"`
	Predictions []hjPrediction `json:"predictions"`
	Periods     []hjPeriod     `json:"periods,omitempty"`
	Sources     []hjSource     `json:"sources,omitempty"`
	Views       []hjView       `json:"saved_views,omitempty"`
	Reminders   []hjReminder   `json:"reminders_sent,omitempty"`
}

// hjView is a saved view: a filter under a name. Its values are kept as
// text so that an unknown category or state is reported, not guessed.
type hjView struct {
	Name   string   `json:"name"`
	Filter hjFilter `json:"filter"`
}

type hjFilter struct {
	Categories []string `json:"categories,omitempty"`
	Actors     []string `json:"actors,omitempty"`
	Tags       []string `json:"tags,omitempty"`
	States     []string `json:"states,omitempty"`
	From       string   `json:"from,omitempty"`
	To         string   `json:"to,omitempty"`
}

// hjReminder says that a prediction's passed deadline was announced.
type hjReminder struct {
	PredictionID int64  `json:"prediction_id"`
	SentAt       string `json:"sent_at,omitempty"`
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

// hjClaimLink is a prediction's link (version 2).
type hjClaimLink struct {
	URL       string `json:"url,omitempty"`
	Quote     string `json:"quote,omitempty"`
	Published string `json:"published,omitempty"`
	Primary   bool   `json:"primary,omitempty"`
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
	ID          int64         `json:"id"`
	Kind        string        `json:"kind,omitempty"`
	Statement   string        `json:"statement"`
	StatementZh string        `json:"statement_zh,omitempty"`
	Source      string        `json:"source"`
	Made        string        `json:"made,omitempty"`
	Provenance  string        `json:"provenance,omitempty"`
	Deadline    *hjDeadline   `json:"deadline,omitempty"`
	Probability *float64      `json:"probability"`
	Criteria    string        `json:"criteria,omitempty"`
	Tags        []string      `json:"tags"`
	Interest    string        `json:"interest,omitempty"`
	Restates    int64         `json:"restates,omitempty"`
	ReviewedOn  string        `json:"reviewed_on,omitempty"`
	Links       []hjClaimLink `json:"links,omitempty"`
	// Link is the one link of a version 1 file.
	Link       *hjLink      `json:"link,omitempty"`
	Resolution hjResolution `json:"resolution"`
	History    []hjWording  `json:"history,omitempty"`
	CreatedAt  string       `json:"created_at,omitempty"`
	UpdatedAt  string       `json:"updated_at,omitempty"`
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
			ID: p.ID, Kind: string(p.Kind), Statement: p.Statement, StatementZh: p.StatementZh, Source: p.Source,
			Made: p.Made.String(), Provenance: string(p.Provenance),
			Probability: p.Probability, Criteria: p.Criteria, Tags: nonNil(p.Tags),
			Interest: p.Interest, Restates: p.Restates, ReviewedOn: p.ReviewedOn.String(),
			Resolution: hjResolution{
				State: string(p.Resolution.State), Fraction: p.Resolution.Fraction, On: p.Resolution.On.String(),
				Note: p.Resolution.Note, Evidence: make([]hjEvidence, len(p.Resolution.Evidence)),
			},
			CreatedAt: formatTime(p.CreatedAt), UpdatedAt: formatTime(p.UpdatedAt),
		}
		if !p.Deadline.IsZero() {
			hp.Deadline = &hjDeadline{Phrase: p.Deadline.Phrase, Canonical: p.Deadline.Canonical()}
		}
		for _, l := range p.Links {
			hp.Links = append(hp.Links, hjClaimLink{URL: l.URL, Quote: l.Quote, Published: l.Published.String(), Primary: l.Primary})
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
	for _, v := range doc.Views {
		hv := hjView{Name: v.Name, Filter: hjFilter{Actors: v.Filter.Actors, Tags: v.Filter.Tags, From: v.Filter.From, To: v.Filter.To}}
		for _, c := range v.Filter.Categories {
			hv.Filter.Categories = append(hv.Filter.Categories, string(c))
		}
		for _, st := range v.Filter.States {
			hv.Filter.States = append(hv.Filter.States, string(st))
		}
		f.Views = append(f.Views, hv)
	}
	for _, r := range doc.Reminders {
		f.Reminders = append(f.Reminders, hjReminder{PredictionID: r.PredictionID, SentAt: formatTime(r.SentAt)})
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
		views   []jsonElem[hjView]
		sent    []jsonElem[hjReminder]
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
		case "saved_views":
			views, err = decodeArray[hjView](d, key)
		case "reminders_sent":
			sent, err = decodeArray[hjReminder](d, key)
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
	fileVersion, err := version.Int64()
	if err != nil || fileVersion < 1 || fileVersion > hindsightVersion {
		return Result{}, fmt.Errorf("%w: the file is version %q of the Hindsight format; this app reads versions 1 to %d", ErrVersion, version.String(), hindsightVersion)
	}

	var res Result
	t := newTracker(opt, len(events)+len(preds)+len(periods)+len(groups)+len(sources)+len(views)+len(sent))
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
		p := el.v.model(rp, fileVersion)
		predIDs.check(rp, "prediction", &p.ID)
		p.Resolution.Evidence = keepKnownEvidence(p.Resolution.Evidence, eventIDs, rp)
		if rp.finishPrediction(&p) {
			res.Doc.Predictions = append(res.Doc.Predictions, p)
			predIDs.add(p.ID)
		}
		res.report(rp.all()...)
	}
	res.report(keepKnownRestates(res.Doc.Predictions)...)
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
	viewNames := map[string]bool{}
	for i, el := range views {
		if err := t.step(); err != nil {
			return Result{}, err
		}
		rp := elemProblems(d, "saved_views", i, el)
		if v, ok := el.v.model(rp, viewNames); ok {
			res.Doc.Views = append(res.Doc.Views, v)
		}
		res.report(rp.all()...)
	}
	for i, el := range sent {
		if err := t.step(); err != nil {
			return Result{}, err
		}
		rp := elemProblems(d, "reminders_sent", i, el)
		r := model.Reminder{PredictionID: el.v.PredictionID, SentAt: readTime(rp, "sent_at", el.v.SentAt)}
		if rp.ok() && !predIDs[r.PredictionID] {
			rp.add("prediction_id", "prediction %d is not among the imported predictions", r.PredictionID)
		}
		if rp.ok() {
			res.Doc.Reminders = append(res.Doc.Reminders, r)
		}
		res.report(rp.all()...)
	}
	return res, t.finish()
}

// model reads a saved view; a name an earlier view has is refused, since
// names are what a person picks views by.
func (w hjView) model(rp *recordProblems, names map[string]bool) (filter.SavedView, bool) {
	v := filter.SavedView{Name: strings.TrimSpace(cleanText(w.Name))}
	switch {
	case v.Name == "":
		rp.add("name", "a saved view needs a name")
	case names[v.Name]:
		rp.add("name", "an earlier saved view is also called %q", v.Name)
	}
	f := w.Filter
	for i, c := range f.Categories {
		if strings.TrimSpace(c) == "" {
			rp.add(fmt.Sprintf("filter.categories[%d]", i), "an empty category")
		}
		v.Filter.Categories = append(v.Filter.Categories, readCategory(rp, fmt.Sprintf("filter.categories[%d]", i), c))
	}
	for i, st := range f.States {
		if strings.TrimSpace(st) == "" {
			rp.add(fmt.Sprintf("filter.states[%d]", i), "an empty state")
		}
		v.Filter.States = append(v.Filter.States, readState(rp, fmt.Sprintf("filter.states[%d]", i), st))
	}
	for _, a := range f.Actors {
		v.Filter.Actors = append(v.Filter.Actors, cleanText(a))
	}
	for _, tag := range f.Tags {
		v.Filter.Tags = append(v.Filter.Tags, cleanText(tag))
	}
	v.Filter.From, v.Filter.To = cleanText(f.From), cleanText(f.To)
	if !rp.ok() {
		return v, false
	}
	names[v.Name] = true
	return v, true
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
	e.Category = readCategory(rp, "category", w.Category)
	for _, l := range w.Links {
		e.Links = append(e.Links, model.Link(l))
	}
	e.CreatedAt = readTime(rp, "created_at", w.CreatedAt)
	e.UpdatedAt = readTime(rp, "updated_at", w.UpdatedAt)
	return e
}

func (w hjPrediction) model(rp *recordProblems, version int64) model.Prediction {
	p := model.Prediction{
		ID: w.ID, Statement: w.Statement, StatementZh: w.StatementZh, Source: w.Source,
		Probability: w.Probability, Criteria: w.Criteria, Tags: w.Tags, Interest: w.Interest, Restates: w.Restates,
	}
	p.Kind = readKind(rp, "kind", w.Kind)
	p.Provenance = readProvenance(rp, "provenance", w.Provenance)
	p.Made = readDate(rp, "made", w.Made)
	p.ReviewedOn = readDate(rp, "reviewed_on", w.ReviewedOn)
	if w.Deadline != nil {
		p.Deadline = readDeadline(rp, "deadline", w.Deadline.Phrase, w.Deadline.Canonical, p.Made, false)
	}
	switch {
	case version < 2 && w.Link != nil:
		// Version 1 asked for "where it was said": the forecaster's own
		// words, so a primary source.
		p.Links = []model.SourceLink{{URL: w.Link.URL, Quote: w.Link.Quote, Primary: true}}
	case w.Link != nil:
		rp.add("link", "a version %d file gives a prediction's links in \"links\", not \"link\"", version)
	}
	for i, l := range w.Links {
		p.Links = append(p.Links, model.SourceLink{URL: l.URL, Quote: l.Quote, Primary: l.Primary,
			Published: readDate(rp, fmt.Sprintf("links[%d].published", i), l.Published)})
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
		rp.addCause(field, err)
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

func readCategory(rp *recordProblems, field, s string) model.Category {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	c, err := model.ParseCategory(s)
	if err != nil {
		rp.add(field, "%s", err.Error())
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
