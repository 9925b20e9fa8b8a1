package extract

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/hindsight-app/hindsight/internal/extract/prose"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// LeftOut is a ticked proposal that Records did not turn into a record,
// and why.
type LeftOut struct {
	Index int    `json:"index"` // into Result.Proposals
	Why   string `json:"why"`
}

// Records are what the ticked proposals become.
type Records struct {
	Events      []model.Event
	Predictions []model.Prediction
	// Indexes say which proposal each record came from.
	EventFrom      []int
	PredictionFrom []int
	Left           []LeftOut
	// Notes name a part of a saved proposal that its record does not
	// carry, and why (a percentage found in a question).
	Notes []LeftOut
}

// RecordOptions tune Records.
type RecordOptions struct {
	// Primary says the text is its author's own publication, first
	// published at the URL: the claims the author makes in it (not those
	// it reports from others, nor ones it says were made earlier) get it
	// as a primary source.
	Primary bool
}

// Records turns the ticked proposals into records, validated as the
// forms validate them. A claim keeps its kind and how its date is known:
// made on the published date, it is contemporaneous (the text is its
// record, with that published date); reported as made earlier, it is
// reported later (whether its outcome was known by then is for the
// reviewer to say). A proposal that repeats a record already in the
// database, or a claim reported as made earlier without saying when, is
// left out and listed with the reason; nothing is changed to make it fit.
// An invalid proposal (an empty title, a claim with no source) is an error
// naming it, so that the reviewer can fix it.
func (r *Result) Records() (Records, error) { return r.RecordsWith(RecordOptions{}) }

// RecordsWith is Records with options.
func (r *Result) RecordsWith(opt RecordOptions) (Records, error) {
	var out Records
	for i, p := range r.Proposals {
		if !p.Ticked {
			continue
		}
		if p.Duplicate != nil {
			out.Left = append(out.Left, LeftOut{i, fmt.Sprintf("already in the database as %s %d (%s)",
				p.Duplicate.Entity, p.Duplicate.ID, prose.Shorten(p.Duplicate.Label, 60))})
			continue
		}
		switch p.Type {
		case ProposalEvent:
			e, err := p.ToEvent(r.URL)
			if err != nil {
				return Records{}, fmt.Errorf("proposal %d (%s): %w", i+1, prose.Shorten(p.Quote, 40), err)
			}
			out.Events = append(out.Events, e)
			out.EventFrom = append(out.EventFrom, i)
		case ProposalClaim:
			if why := unsaveable(p.Claim); why != "" {
				out.Left = append(out.Left, LeftOut{i, why})
				continue
			}
			pred, err := p.toPrediction(r.URL, r.Published, opt.Primary && r.Author != "" && p.Claim.By == r.Author && !p.Claim.Retrospective)
			if err != nil {
				return Records{}, fmt.Errorf("proposal %d (%s): %w", i+1, prose.Shorten(p.Quote, 40), err)
			}
			if p.Claim.Probability != nil && pred.Probability == nil {
				out.Notes = append(out.Notes, LeftOut{i, fmt.Sprintf("saved without the percentage %s found in its text: %s carries no probability",
					formatPercent(*p.Claim.Probability), kindArticle(p.Claim.Kind))})
			}
			out.Predictions = append(out.Predictions, pred)
			out.PredictionFrom = append(out.PredictionFrom, i)
		}
	}
	return out, nil
}

// unsaveable says why a claim cannot be stored without inventing
// something: one the text reports as made earlier without saying when has
// no date it was made, and guessing one would rewrite the record.
func unsaveable(c *ClaimFields) string {
	if c.Retrospective && c.Made.IsZero() {
		return "reported as made earlier, without saying when: edit it with the date it was made"
	}
	return ""
}

func kindArticle(k model.Kind) string {
	if k == model.KindOpinion {
		return "an opinion"
	}
	return "a " + string(k)
}

func formatPercent(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e4)/1e2, 'f', -1, 64) + "%"
}

// ToEvent builds the event the proposal describes, normalised and
// validated as the event form does. url, when set, becomes its link, with
// the quote.
func (p Proposal) ToEvent(url string) (model.Event, error) {
	if p.Event == nil {
		return model.Event{}, fmt.Errorf("not an event proposal")
	}
	f := p.Event
	e := model.Event{
		Title:       f.Title,
		TitleZh:     f.TitleZh,
		Date:        f.Date,
		Actor:       f.Actor,
		Category:    f.Category,
		Description: "“" + p.Quote + "”",
	}
	if url = strings.TrimSpace(url); url != "" {
		e.Links = []model.Link{{URL: url, Quote: p.Quote}}
	}
	e.Normalize()
	return e, e.Validate()
}

// ToPrediction builds the prediction the claim describes, normalised and
// validated as the prediction form does: its kind, its quote as a link to
// url (a secondary source: nothing says the text is the forecaster's own)
// published on published, and how its date is known. Only a forecast
// keeps a probability.
func (p Proposal) ToPrediction(url string, published when.Date) (model.Prediction, error) {
	return p.toPrediction(url, published, false)
}

func (p Proposal) toPrediction(url string, published when.Date, primary bool) (model.Prediction, error) {
	if p.Claim == nil {
		return model.Prediction{}, fmt.Errorf("not a claim proposal")
	}
	f := p.Claim
	pred := model.Prediction{
		Kind:      f.Kind,
		Statement: f.Statement,
		Source:    f.By,
		Made:      f.Made,
		Deadline:  f.Deadline,
		Links:     []model.SourceLink{{URL: strings.TrimSpace(url), Quote: p.Quote, Published: published, Primary: primary && strings.TrimSpace(url) != ""}},
	}
	if f.Kind == model.KindForecast {
		pred.Probability = f.Probability
	}
	switch {
	case f.Retrospective:
		pred.Provenance = model.ProvenanceReportedLater
	case !published.IsZero() && f.Made == published:
		pred.Provenance = model.ProvenanceContemporaneous
	}
	pred.Normalize()
	return pred, pred.Validate()
}

// AddSourceTo gives an existing event, which the proposal repeats, this
// text as one more source: its link with the proposal's quote. An event
// that already links to url is returned as it is.
func (p Proposal) AddSourceTo(e model.Event, url string) model.Event {
	url = strings.TrimSpace(url)
	if url == "" {
		return e
	}
	for _, l := range e.Links {
		if l.URL == url {
			return e
		}
	}
	e.Links = append(append([]model.Link(nil), e.Links...), model.Link{URL: url, Quote: p.Quote})
	return e
}
