package i18n

import (
	"fmt"
	"math"
	"strconv"

	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Translated names of the model's enumerations, shared by every screen.

// CategoryName is a category as the interface names it.
func CategoryName(c model.Category) string {
	switch c {
	case model.CategoryModel:
		return T("category.model", "Model")
	case model.CategoryProduct:
		return T("category.product", "Product")
	case model.CategoryFunding:
		return T("category.funding", "Funding")
	case model.CategoryPolicy:
		return T("category.policy", "Policy")
	case model.CategoryPeople:
		return T("category.people", "People")
	case model.CategoryResearch:
		return T("category.research", "Research")
	}
	return T("category.other", "Other")
}

// StateName is a prediction state as the interface names it.
func StateName(s model.State) string {
	switch s {
	case model.StateTrue:
		return T("state.true", "True")
	case model.StateFalse:
		return T("state.false", "False")
	case model.StatePartly:
		return T("state.partly", "Partly true")
	case model.StateAmbiguous:
		return T("state.ambiguous", "Ambiguous")
	case model.StateAnnulled:
		return T("state.annulled", "Annulled")
	case model.StateWithdrawn:
		return T("state.withdrawn", "Withdrawn")
	case model.StateUnfalsifiable:
		return T("state.unfalsifiable", "Unfalsifiable")
	}
	return T("state.open", "Open")
}

// KindName is a claim's kind as the interface names it.
func KindName(k model.Kind) string {
	switch k {
	case model.KindQuestion:
		return T("kind.question", "Question")
	case model.KindHope:
		return T("kind.hope", "Hope or intent")
	case model.KindOpinion:
		return T("kind.opinion", "Opinion or claim of fact")
	}
	return T("kind.forecast", "Forecast")
}

// KindHelp says in one line what a kind of claim is and whether it is
// scored.
func KindHelp(k model.Kind) string {
	switch k {
	case model.KindQuestion:
		return T("kind.question.help", "An open question the source asked: it can be answered yes or no, but never counts for or against the source.")
	case model.KindHope:
		return T("kind.hope.help", "A hope or intent (\"we aim to\", 很期待…): logged, not scored.")
	case model.KindOpinion:
		return T("kind.opinion.help", "An opinion or a claim of fact at the time: it can be checked against the record, but is not a forecast and is not scored.")
	}
	return T("kind.forecast.help", "A claim about the future that can come true or not: the only kind that is scored.")
}

// ProvenanceName says how a claim's made-on date is known.
func ProvenanceName(p model.Provenance) string {
	switch p {
	case model.ProvenanceContemporaneous:
		return T("provenance.contemporaneous", "Contemporaneous")
	case model.ProvenanceReportedLater:
		return T("provenance.reported_later", "Reported later")
	case model.ProvenanceRetrospective:
		return T("provenance.retrospective", "Retrospective")
	}
	return T("provenance.unstated", "Not stated")
}

// ProvenanceHelp says in one line what a provenance means.
func ProvenanceHelp(p model.Provenance) string {
	switch p {
	case model.ProvenanceContemporaneous:
		return T("provenance.contemporaneous.help", "A source published on or before the made-on date records it: give that link its published date.")
	case model.ProvenanceReportedLater:
		return T("provenance.reported_later.help", "The only record was written after it was made, before the outcome was known.")
	case model.ProvenanceRetrospective:
		return T("provenance.retrospective.help", "The only record was written after the outcome was known: left out of the headline track record unless you include it.")
	}
	return T("provenance.unstated.help", "Nobody has said how the made-on date is known.")
}

// RoleName is what an evidence event does, as the interface says it.
func RoleName(r model.Role) string {
	switch r {
	case model.RoleSupports:
		return T("role.supports", "supports")
	case model.RoleContradicts:
		return T("role.contradicts", "contradicts")
	}
	return T("role.resolves", "resolves")
}

// EventDateText shows an event's date, or its span, in the interface
// language.
func EventDateText(e model.Event) string { return display.EventDate(e, Lang()) }

// DueText is the last day a prediction can come true, or its deadline
// phrase when it has no fixed end.
func DueText(p model.Prediction) string {
	return display.DueBy(p, Lang(), func(d when.Day) string { return when.DayDate(d).Format(Lang()) })
}

// PercentText shows a probability as a percentage with at most one
// decimal, rounding away float noise (0.55 → "55%", not "55.00000000000001%").
func PercentText(p float64) string {
	return strconv.FormatFloat(math.Round(p*1000)/10, 'f', -1, 64) + "%"
}

// CountText is a count in digits.
func CountText(n int) string { return fmt.Sprintf("%d", n) }

// ProbabilityText writes a probability for the entry as a percentage,
// falling back to the decimal when the percentage would not read back as
// exactly the same number.
func ProbabilityText(p float64) string {
	pct := strconv.FormatFloat(math.Round(p*1e6)/1e4, 'f', -1, 64) + "%"
	if back, err := model.ParseProbability(pct); err == nil && back != nil && *back == p {
		return pct
	}
	return strconv.FormatFloat(p, 'f', -1, 64)
}

// PrecisionName is how precise a date is, as the interface says it.
func PrecisionName(p when.Precision) string {
	switch p {
	case when.PrecisionDay:
		return T("precision.day", "day")
	case when.PrecisionMonth:
		return T("precision.month", "month")
	case when.PrecisionSeason:
		return T("precision.season", "season")
	case when.PrecisionQuarter:
		return T("precision.quarter", "quarter")
	case when.PrecisionHalf:
		return T("precision.half", "half year")
	}
	return T("precision.year", "year")
}
