package model

import (
	"fmt"
	"strings"

	"github.com/hindsight-app/hindsight/internal/when"
)

// Provenance says how the date a claim was made is known. What was
// predicted cannot be rewritten with hindsight: a claim whose only record
// was written after its outcome was known is retrospective, and is left out
// of the headline track record unless asked for.
type Provenance string

// The provenances of a claim's "made on" date.
const (
	// ProvenanceUnstated: nobody said. Records from before provenance was
	// kept have it; it is not a finding about the claim.
	ProvenanceUnstated Provenance = ""
	// ProvenanceContemporaneous: a source published on or before the
	// made-on date records the claim (one of its links has that published
	// date).
	ProvenanceContemporaneous Provenance = "contemporaneous"
	// ProvenanceReportedLater: the only record was written after the claim
	// was made, before its outcome was known.
	ProvenanceReportedLater Provenance = "reported_later"
	// ProvenanceRetrospective: the only record was written after the
	// outcome was known, so it may have been remembered to fit.
	ProvenanceRetrospective Provenance = "retrospective"
)

// Provenances lists every provenance in display order, unstated first.
var Provenances = []Provenance{ProvenanceUnstated, ProvenanceContemporaneous, ProvenanceReportedLater, ProvenanceRetrospective}

// Valid reports whether p is one of Provenances.
func (p Provenance) Valid() bool { return oneOf(p, Provenances) }

// ParseProvenance reads a provenance as typed: "contemporaneous",
// "reported-later" (or "reported_later", "later"), "retrospective", and ""
// or "unstated" for none.
func ParseProvenance(s string) (Provenance, error) {
	v := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "_")
	switch v {
	case "", "unstated", "unknown":
		return ProvenanceUnstated, nil
	case "later", "reported":
		return ProvenanceReportedLater, nil
	}
	p := Provenance(v)
	if !p.Valid() {
		return "", fmt.Errorf("unknown provenance %q (contemporaneous, reported-later or retrospective)", s)
	}
	return p, nil
}

// SourceLink is one record of a claim: where it was said or reported, the
// words as said, when that record was published, and whether it is a
// primary source — the forecaster's own words or an official record —
// rather than a report of them.
type SourceLink struct {
	URL       string    `json:"url,omitempty"`
	Quote     string    `json:"quote,omitempty"`
	Published when.Date `json:"published,omitzero"`
	Primary   bool      `json:"primary,omitempty"`
}

// IsZero reports whether the link holds nothing at all.
func (l SourceLink) IsZero() bool {
	return l.URL == "" && l.Quote == "" && l.Published.IsZero() && !l.Primary
}

// publishedBy reports whether the link was certainly published by the end
// of day: its published date is known and ends on or before it.
func (l SourceLink) publishedBy(day when.Day) bool {
	return !l.Published.IsZero() && l.Published.Latest() <= day
}

// Retrospective reports whether the claim's only record was written after
// its outcome was known.
func (p Prediction) Retrospective() bool { return p.Provenance == ProvenanceRetrospective }

// SourceUnconfirmed reports whether none of the claim's links is a primary
// source: the claim is known only from reports of it.
func (p Prediction) SourceUnconfirmed() bool {
	for _, l := range p.Links {
		if l.Primary {
			return false
		}
	}
	return true
}

// FirstLink is the link to show when there is room for one: the first
// primary source, else the first link (zero when there is none).
func (p Prediction) FirstLink() SourceLink {
	for _, l := range p.Links {
		if l.Primary {
			return l
		}
	}
	if len(p.Links) > 0 {
		return p.Links[0]
	}
	return SourceLink{}
}

// ReviewInterval is how long an open claim may go without a review before
// the Due list asks for one.
const ReviewInterval = 6 // months

// LastReviewed is the day the claim was last looked at: its review date,
// else the day it was recorded, else the day it was made.
func (p Prediction) LastReviewed() when.Day {
	switch {
	case !p.ReviewedOn.IsZero():
		return p.ReviewedOn.Latest()
	case !p.CreatedAt.IsZero():
		return when.FromTime(p.CreatedAt)
	}
	return p.Made.Latest()
}

// ReviewDue reports whether the claim is open and was last reviewed more
// than ReviewInterval months before today.
func (p Prediction) ReviewDue(today when.Day) bool {
	return p.State() == StateOpen && p.LastReviewed() < today.AddMonths(-ReviewInterval)
}

// checkClaim adds the problems with what sort of claim p is and how it is
// known: its kind, provenance, links, interest and restatement.
func (p Prediction) checkClaim(pr *problems) {
	kind := p.Kind
	if kind == "" {
		kind = KindForecast // as Normalize makes it
	}
	if !kind.Valid() {
		pr.add("kind", "error.kind", fmt.Sprintf("unknown kind %q (forecast, question, hope or opinion)", p.Kind))
	} else if p.Probability != nil && kind != KindForecast {
		pr.add("probability", "error.probability_"+string(kind), notForecastReason[kind])
	}
	if !p.Provenance.Valid() {
		pr.add("provenance", "error.provenance",
			fmt.Sprintf("unknown provenance %q (contemporaneous, reported later or retrospective)", p.Provenance))
	}
	for i, l := range p.Links {
		if l.URL == "" && l.Quote == "" {
			pr.add(fmt.Sprintf("links[%d].url", i), "error.link_empty", "a source needs its address or the words as said")
		}
		if l.URL != "" {
			if msg := CheckLink(l.URL); msg != "" {
				pr.add(fmt.Sprintf("links[%d].url", i), "error.link", msg)
			}
		}
		if l.URL == "" && l.Primary {
			pr.add(fmt.Sprintf("links[%d].url", i), "error.primary_needs_url",
				"a primary source needs its address, so that anyone can check the words")
		}
	}
	if !p.Made.IsZero() {
		early := false
		for _, l := range p.Links {
			early = early || l.publishedBy(p.Made.Latest())
		}
		switch {
		case p.Provenance == ProvenanceContemporaneous && !early:
			pr.add("provenance", "error.contemporaneous_unpublished",
				"a contemporaneous claim needs a source published on or before the day it was made: give that link its published date, or say the claim was reported later")
		case (p.Provenance == ProvenanceReportedLater || p.Provenance == ProvenanceRetrospective) && early:
			pr.add("provenance", "error.later_has_early_source",
				"a link was published on or before the day the claim was made, so it is contemporaneous, not reported later")
		}
	}
	if runeCount(p.Interest) > MaxTitleRunes {
		pr.add("interest", "error.too_long", fmt.Sprintf("interest is longer than %d characters", MaxTitleRunes))
	}
	switch {
	case p.Restates < 0:
		pr.add("restates", "error.restates", fmt.Sprintf("%d is not the id of a prediction", p.Restates))
	case p.Restates != 0 && p.Restates == p.ID:
		pr.add("restates", "error.restates_self", "a claim cannot restate itself")
	}
	if !p.ReviewedOn.IsZero() && !p.Made.IsZero() && p.ReviewedOn.Latest() < p.Made.Earliest() {
		pr.add("reviewed_on", "error.reviewed_before_made",
			fmt.Sprintf("it cannot have been reviewed (%s) before it was made (%s)", p.ReviewedOn, p.Made))
	}
}

// notForecastReason says why a claim that is not a forecast carries no
// probability.
var notForecastReason = map[Kind]string{
	KindQuestion: "a question asks, it does not predict, so it carries no probability; if the source gave odds, record it as a forecast",
	KindHope:     "a hope or intent is not a forecast, so it carries no probability; if the source gave odds, record it as a forecast",
	KindOpinion:  "an opinion or claim of fact is not a forecast, so it carries no probability; if the source gave odds, record it as a forecast",
}
