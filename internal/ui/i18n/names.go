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

// help is the key under which names holds a value's one-line help.
type help struct{ of any }

// names holds, for each value of the model's enumerations, its name as the
// interface says it (and under help{value} its one-line help). One table
// rather than a switch per enumeration; a value missing here reads as its
// enumeration's fallback.
var names = map[any]Text{
	model.CategoryModel:    {"category.model", "Model"},
	model.CategoryProduct:  {"category.product", "Product"},
	model.CategoryFunding:  {"category.funding", "Funding"},
	model.CategoryPolicy:   {"category.policy", "Policy"},
	model.CategoryPeople:   {"category.people", "People"},
	model.CategoryResearch: {"category.research", "Research"},
	model.CategoryOther:    {"category.other", "Other"},

	model.StateOpen:          {"state.open", "Open"},
	model.StateTrue:          {"state.true", "True"},
	model.StateFalse:         {"state.false", "False"},
	model.StatePartly:        {"state.partly", "Partly true"},
	model.StateAmbiguous:     {"state.ambiguous", "Ambiguous"},
	model.StateAnnulled:      {"state.annulled", "Annulled"},
	model.StateWithdrawn:     {"state.withdrawn", "Withdrawn"},
	model.StateUnfalsifiable: {"state.unfalsifiable", "Unfalsifiable"},

	model.KindForecast: {"kind.forecast", "Forecast"},
	model.KindQuestion: {"kind.question", "Question"},
	model.KindHope:     {"kind.hope", "Hope or intent"},
	model.KindOpinion:  {"kind.opinion", "Opinion or claim of fact"},

	model.ProvenanceUnstated:        {"provenance.unstated", "Not stated"},
	model.ProvenanceContemporaneous: {"provenance.contemporaneous", "Contemporaneous"},
	model.ProvenanceReportedLater:   {"provenance.reported_later", "Reported later"},
	model.ProvenanceRetrospective:   {"provenance.retrospective", "Retrospective"},

	model.RoleResolves:    {"role.resolves", "resolves"},
	model.RoleSupports:    {"role.supports", "supports"},
	model.RoleContradicts: {"role.contradicts", "contradicts"},

	when.PrecisionDay:     {"precision.day", "day"},
	when.PrecisionMonth:   {"precision.month", "month"},
	when.PrecisionSeason:  {"precision.season", "season"},
	when.PrecisionQuarter: {"precision.quarter", "quarter"},
	when.PrecisionHalf:    {"precision.half", "half year"},
	when.PrecisionYear:    {"precision.year", "year"},

	help{model.KindForecast}:              {"kind.forecast.help", "A claim about the future that can come true or not: the only kind that is scored."},
	help{model.KindQuestion}:              {"kind.question.help", "An open question the source asked: it can be answered yes or no, but never counts for or against the source."},
	help{model.KindHope}:                  {"kind.hope.help", "A hope or intent (\"we aim to\", 很期待…): logged, not scored."},
	help{model.KindOpinion}:               {"kind.opinion.help", "An opinion or a claim of fact at the time: it can be checked against the record, but is not a forecast and is not scored."},
	help{model.ProvenanceUnstated}:        {"provenance.unstated.help", "Nobody has said how the made-on date is known."},
	help{model.ProvenanceContemporaneous}: {"provenance.contemporaneous.help", "A source published on or before the made-on date records it: give that link its published date."},
	help{model.ProvenanceReportedLater}:   {"provenance.reported_later.help", "The only record was written after it was made, before the outcome was known."},
	help{model.ProvenanceRetrospective}:   {"provenance.retrospective.help", "The only record was written after the outcome was known: left out of the headline track record unless you include it."},
}

// nameOf is v's entry in names, or fallback's where v has none.
func nameOf(v, fallback any) string {
	if name, ok := names[v]; ok {
		return name.String()
	}
	return names[fallback].String()
}

// CategoryName is a category as the interface names it.
func CategoryName(c model.Category) string { return nameOf(c, model.CategoryOther) }

// StateName is a prediction state as the interface names it.
func StateName(s model.State) string { return nameOf(s, model.StateOpen) }

// KindName is a claim's kind as the interface names it.
func KindName(k model.Kind) string { return nameOf(k, model.KindForecast) }

// KindHelp says in one line what a kind of claim is and whether it is
// scored.
func KindHelp(k model.Kind) string { return nameOf(help{k}, help{model.KindForecast}) }

// ProvenanceName says how a claim's made-on date is known.
func ProvenanceName(p model.Provenance) string { return nameOf(p, model.ProvenanceUnstated) }

// ProvenanceHelp says in one line what a provenance means.
func ProvenanceHelp(p model.Provenance) string {
	return nameOf(help{p}, help{model.ProvenanceUnstated})
}

// RoleName is what an evidence event does, as the interface says it.
func RoleName(r model.Role) string { return nameOf(r, model.RoleResolves) }

// PrecisionName is how precise a date is, as the interface says it.
func PrecisionName(p when.Precision) string { return nameOf(p, when.PrecisionYear) }

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
