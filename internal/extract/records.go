package extract

import (
	"fmt"
	"strings"

	"github.com/hindsight-app/hindsight/internal/extract/prose"
	"github.com/hindsight-app/hindsight/internal/model"
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
}

// Records turns the ticked proposals into records, validated as the
// forms validate them. A proposal that repeats a record already in the
// database, or that the database cannot yet hold as it is, is left out
// and listed with the reason; nothing is changed to make it fit. An
// invalid proposal (an empty title, a claim with no source) is an error
// naming it, so that the reviewer can fix it.
func (r *Result) Records() (Records, error) {
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
			pred, err := p.ToPrediction(r.URL)
			if err != nil {
				return Records{}, fmt.Errorf("proposal %d (%s): %w", i+1, prose.Shorten(p.Quote, 40), err)
			}
			out.Predictions = append(out.Predictions, pred)
			out.PredictionFrom = append(out.PredictionFrom, i)
		}
	}
	return out, nil
}

// unsaveable says why a claim cannot be stored without changing what it
// says. Predictions in the database do not yet record their kind or how
// their made-on date is known: saving a question or a retrospective
// forecast as a plain forecast would score its author on something they
// never claimed, so such claims are left out until they can be stored.
func unsaveable(c *ClaimFields) string {
	if c.Kind != model.KindForecast {
		article := "a"
		if c.Kind == model.KindOpinion {
			article = "an"
		}
		return fmt.Sprintf("%s %s: the database does not yet record claim kinds, and would keep it as a forecast", article, c.Kind)
	}
	if c.Retrospective {
		return "reported after it was made: the database does not yet mark retrospective forecasts"
	}
	return ""
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
// validated as the prediction form does.
func (p Proposal) ToPrediction(url string) (model.Prediction, error) {
	if p.Claim == nil {
		return model.Prediction{}, fmt.Errorf("not a claim proposal")
	}
	f := p.Claim
	pred := model.Prediction{
		Statement:   f.Statement,
		Source:      f.By,
		Made:        f.Made,
		Deadline:    f.Deadline,
		Probability: f.Probability,
		Link:        model.Link{URL: strings.TrimSpace(url), Quote: p.Quote},
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
