// Package hindsightjson reads and writes Hindsight's own JSON, which
// carries everything, so that Write then Read gives back the same
// Document. Dates are EDTF text, times RFC 3339 in UTC, and a
// deadline keeps both the phrase as typed and its canonical reading.
//
// Version 2 gives each prediction its kind, provenance, interest, the id
// of the prediction it restates, its review date and a list of links with
// published dates and primary marks. Version 1 files are still read: each
// prediction in them is a forecast of unstated provenance whose one link is
// primary, as a database of that time is upgraded (see the store's
// migration to schema 3).
package hindsightjson

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/internal/exchange/jsondoc"
	"github.com/hindsight-app/hindsight/internal/exchange/record"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
)

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

type hjResolution struct {
	State    string                `json:"state"`
	Fraction float64               `json:"fraction,omitempty"`
	On       string                `json:"on,omitempty"`
	Note     string                `json:"note,omitempty"`
	Evidence []record.EvidenceJSON `json:"evidence"`
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
	Link       *hjLink              `json:"link,omitempty"`
	Resolution hjResolution         `json:"resolution"`
	History    []record.WordingJSON `json:"history,omitempty"`
	CreatedAt  string               `json:"created_at,omitempty"`
	UpdatedAt  string               `json:"updated_at,omitempty"`
}

// Write writes doc as a Hindsight JSON file of the current version.
func Write(w io.Writer, doc record.Document) error {
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
			Actor: e.Actor, Category: string(e.Category), Tags: record.NonNil(e.Tags), Description: e.Description,
			Links: make([]hjLink, len(e.Links)), CreatedAt: record.FormatTime(e.CreatedAt), UpdatedAt: record.FormatTime(e.UpdatedAt),
		}
		for j, l := range e.Links {
			f.Events[i].Links[j] = hjLink(l)
		}
	}
	for i, p := range doc.Predictions {
		if p.Probability != nil && !record.Finite(*p.Probability) || !record.Finite(p.Resolution.Fraction) {
			return fmt.Errorf("prediction %d (%q) holds a number that is not finite", i+1, p.Statement)
		}
		hp := hjPrediction{
			ID: p.ID, Kind: string(p.Kind), Statement: p.Statement, StatementZh: p.StatementZh, Source: p.Source,
			Made: p.Made.String(), Provenance: string(p.Provenance),
			Probability: p.Probability, Criteria: p.Criteria, Tags: record.NonNil(p.Tags),
			Interest: p.Interest, Restates: p.Restates, ReviewedOn: p.ReviewedOn.String(),
			Resolution: hjResolution{
				State: string(p.Resolution.State), Fraction: p.Resolution.Fraction, On: p.Resolution.On.String(),
				Note: p.Resolution.Note, Evidence: record.EvidenceOf(p.Resolution.Evidence),
			},
			CreatedAt: record.FormatTime(p.CreatedAt), UpdatedAt: record.FormatTime(p.UpdatedAt),
		}
		if !p.Deadline.IsZero() {
			hp.Deadline = &hjDeadline{Phrase: p.Deadline.Phrase, Canonical: p.Deadline.Canonical()}
		}
		for _, l := range p.Links {
			hp.Links = append(hp.Links, hjClaimLink{URL: l.URL, Quote: l.Quote, Published: l.Published.String(), Primary: l.Primary})
		}
		hp.History = record.WordingsOf(p.History)
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
		f.Reminders = append(f.Reminders, hjReminder{PredictionID: r.PredictionID, SentAt: record.FormatTime(r.SentAt)})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}

// Read reads a Hindsight JSON file of any version this app knows.
func Read(data []byte, opt record.ReadOptions) (record.Result, error) {
	if err := jsondoc.Check(opt.Context, data); err != nil {
		return record.Result{}, err
	}
	d := jsondoc.New(opt.Context, data)
	var (
		format  string
		version json.Number
		events  []jsondoc.Elem[hjEvent]
		preds   []jsondoc.Elem[hjPrediction]
		periods []jsondoc.Elem[hjPeriod]
		groups  []jsondoc.Elem[hjPeriod]
		sources []jsondoc.Elem[hjSource]
		views   []jsondoc.Elem[hjView]
		sent    []jsondoc.Elem[hjReminder]
	)
	d.UseNumber()
	err := d.Members("Hindsight", func(key string) (err error) {
		switch key {
		case "format":
			return d.Value(key, &format)
		case "version":
			return d.Value(key, &version)
		case "events":
			events, err = jsondoc.DecodeArray[hjEvent](d, key)
		case "predictions":
			preds, err = jsondoc.DecodeArray[hjPrediction](d, key)
		case "periods":
			periods, err = jsondoc.DecodeArray[hjPeriod](d, key)
		case "groups": // written before periods were records: title, start, end
			groups, err = jsondoc.DecodeArray[hjPeriod](d, key)
		case "sources":
			sources, err = jsondoc.DecodeArray[hjSource](d, key)
		case "saved_views":
			views, err = jsondoc.DecodeArray[hjView](d, key)
		case "reminders_sent":
			sent, err = jsondoc.DecodeArray[hjReminder](d, key)
		default:
			return d.Skip()
		}
		return err
	})
	if err != nil {
		return record.Result{}, err
	}
	if format != hindsightFormat {
		if format == "" {
			return record.Result{}, fmt.Errorf("%w: this JSON file is not a Hindsight export (it has no \"format\": %q)", record.ErrWrongFormat, hindsightFormat)
		}
		return record.Result{}, fmt.Errorf("%w: the file's format is %q, not %q", record.ErrWrongFormat, format, hindsightFormat)
	}
	if version == "" {
		return record.Result{}, fmt.Errorf("%w: the Hindsight file has no version", record.ErrVersion)
	}
	fileVersion, err := version.Int64()
	if err != nil || fileVersion < 1 || fileVersion > hindsightVersion {
		return record.Result{}, fmt.Errorf("%w: the file is version %q of the Hindsight format; this app reads versions 1 to %d", record.ErrVersion, version.String(), hindsightVersion)
	}

	var res record.Result
	t := record.NewTracker(opt, len(events)+len(preds)+len(periods)+len(groups)+len(sources)+len(views)+len(sent))
	eventIDs := record.UniqueIDs{}
	err = jsondoc.Each(d, t, "events", events, func(rp *record.Collector, v hjEvent) {
		res.AddEvent(rp, eventIDs, v.model(rp))
	})
	if err != nil {
		return record.Result{}, err
	}
	predIDs := record.UniqueIDs{}
	err = jsondoc.Each(d, t, "predictions", preds, func(rp *record.Collector, v hjPrediction) {
		p := v.model(rp, fileVersion)
		predIDs.Check(rp, "prediction", &p.ID)
		p.Resolution.Evidence = record.KeepKnownEvidence(p.Resolution.Evidence, eventIDs, rp)
		if rp.FinishPrediction(&p) {
			res.Doc.Predictions = append(res.Doc.Predictions, p)
			predIDs.Add(p.ID)
		}
		res.Report(rp.All()...)
	})
	if err != nil {
		return record.Result{}, err
	}
	res.Report(record.KeepKnownRestates(res.Doc.Predictions)...)
	if err := readHJPeriods(d, t, &res, "periods", periods); err != nil {
		return record.Result{}, err
	}
	if err := readHJPeriods(d, t, &res, "groups", groups); err != nil {
		return record.Result{}, err
	}
	err = jsondoc.Each(d, t, "sources", sources, func(rp *record.Collector, v hjSource) {
		if src, ok := v.model(rp); ok {
			res.Doc.Sources = append(res.Doc.Sources, src)
		}
		res.Report(rp.All()...)
	})
	if err != nil {
		return record.Result{}, err
	}
	viewNames := map[string]bool{}
	err = jsondoc.Each(d, t, "saved_views", views, func(rp *record.Collector, v hjView) {
		if view, ok := v.model(rp, viewNames); ok {
			res.Doc.Views = append(res.Doc.Views, view)
		}
		res.Report(rp.All()...)
	})
	if err != nil {
		return record.Result{}, err
	}
	err = jsondoc.Each(d, t, "reminders_sent", sent, func(rp *record.Collector, v hjReminder) {
		r := model.Reminder{PredictionID: v.PredictionID, SentAt: record.ReadTime(rp, "sent_at", v.SentAt)}
		if rp.OK() && !predIDs[r.PredictionID] {
			rp.Add("prediction_id", "prediction %d is not among the imported predictions", r.PredictionID)
		}
		if rp.OK() {
			res.Doc.Reminders = append(res.Doc.Reminders, r)
		}
		res.Report(rp.All()...)
	})
	if err != nil {
		return record.Result{}, err
	}
	return res, t.Finish()
}

// model reads a source, reporting why it cannot be kept.
func (w hjSource) model(rp *record.Collector) (model.Source, bool) {
	src := model.Source{Name: strings.TrimSpace(record.CleanText(w.Name)), NameZh: strings.TrimSpace(record.CleanText(w.NameZh)),
		Kind: strings.TrimSpace(record.CleanText(w.Kind)), URL: strings.TrimSpace(w.URL)}
	if src.Name == "" && rp.OK() {
		rp.Add("name", "a source needs a name")
	}
	if src.URL != "" {
		if msg := model.CheckLink(src.URL); msg != "" {
			rp.Add("url", "%s", msg)
		}
	}
	return src, rp.OK()
}

// model reads a saved view; a name an earlier view has is refused, since
// names are what a person picks views by.
func (w hjView) model(rp *record.Collector, names map[string]bool) (filter.SavedView, bool) {
	v := filter.SavedView{Name: strings.TrimSpace(record.CleanText(w.Name))}
	switch {
	case v.Name == "":
		rp.Add("name", "a saved view needs a name")
	case names[v.Name]:
		rp.Add("name", "an earlier saved view is also called %q", v.Name)
	}
	f := w.Filter
	for i, c := range f.Categories {
		if strings.TrimSpace(c) == "" {
			rp.Add(fmt.Sprintf("filter.categories[%d]", i), "an empty category")
		}
		v.Filter.Categories = append(v.Filter.Categories, record.ReadCategory(rp, fmt.Sprintf("filter.categories[%d]", i), c))
	}
	for i, st := range f.States {
		if strings.TrimSpace(st) == "" {
			rp.Add(fmt.Sprintf("filter.states[%d]", i), "an empty state")
		}
		v.Filter.States = append(v.Filter.States, record.ReadState(rp, fmt.Sprintf("filter.states[%d]", i), st))
	}
	for _, a := range f.Actors {
		v.Filter.Actors = append(v.Filter.Actors, record.CleanText(a))
	}
	for _, tag := range f.Tags {
		v.Filter.Tags = append(v.Filter.Tags, record.CleanText(tag))
	}
	v.Filter.From, v.Filter.To = record.CleanText(f.From), record.CleanText(f.To)
	if !rp.OK() {
		return v, false
	}
	names[v.Name] = true
	return v, true
}

func (w hjEvent) model(rp *record.Collector) model.Event {
	e := model.Event{
		ID: w.ID, Title: w.Title, TitleZh: w.TitleZh, Actor: w.Actor, Tags: w.Tags, Description: w.Description,
	}
	e.Date = record.ReadDate(rp, "date", w.Date)
	e.End = record.ReadDate(rp, "end", w.End)
	e.Category = record.ReadCategory(rp, "category", w.Category)
	e.Links = modelLinks(w.Links)
	e.CreatedAt, e.UpdatedAt = readStamps(rp, w.CreatedAt, w.UpdatedAt)
	return e
}

// modelLinks reads the links of an event or a period; none is nil.
func modelLinks(links []hjLink) []model.Link {
	var out []model.Link
	for _, l := range links {
		out = append(out, model.Link(l))
	}
	return out
}

// readStamps reads when a record was created and last saved.
func readStamps(rp *record.Collector, created, updated string) (time.Time, time.Time) {
	return record.ReadTime(rp, "created_at", created), record.ReadTime(rp, "updated_at", updated)
}

func (w hjPrediction) model(rp *record.Collector, version int64) model.Prediction {
	p := model.Prediction{
		ID: w.ID, Statement: w.Statement, StatementZh: w.StatementZh, Source: w.Source,
		Probability: w.Probability, Criteria: w.Criteria, Tags: w.Tags, Interest: w.Interest, Restates: w.Restates,
	}
	p.Kind = record.ReadKind(rp, "kind", w.Kind)
	p.Provenance = record.ReadProvenance(rp, "provenance", w.Provenance)
	p.Made = record.ReadDate(rp, "made", w.Made)
	p.ReviewedOn = record.ReadDate(rp, "reviewed_on", w.ReviewedOn)
	if w.Deadline != nil {
		p.Deadline = record.ReadDeadline(rp, "deadline", w.Deadline.Phrase, w.Deadline.Canonical, p.Made, false)
	}
	switch {
	case version < 2 && w.Link != nil:
		// Version 1 asked for "where it was said": the forecaster's own
		// words, so a primary source.
		p.Links = []model.SourceLink{{URL: w.Link.URL, Quote: w.Link.Quote, Primary: true}}
	case w.Link != nil:
		rp.Add("link", "a version %d file gives a prediction's links in \"links\", not \"link\"", version)
	}
	for i, l := range w.Links {
		p.Links = append(p.Links, model.SourceLink{URL: l.URL, Quote: l.Quote, Primary: l.Primary,
			Published: record.ReadDate(rp, fmt.Sprintf("links[%d].published", i), l.Published)})
	}
	r := w.Resolution
	p.Resolution = model.Resolution{Fraction: r.Fraction, Note: r.Note}
	p.Resolution.State = record.ReadState(rp, "resolution.state", r.State)
	p.Resolution.On = record.ReadDate(rp, "resolution.on", r.On)
	p.Resolution.Evidence = record.ReadEvidence(r.Evidence)
	p.History = record.ReadWordings(rp, w.History)
	p.CreatedAt, p.UpdatedAt = readStamps(rp, w.CreatedAt, w.UpdatedAt)
	return p
}
