package trackrecord

import (
	"strings"

	"github.com/hindsight-app/hindsight/internal/score"
)

// countedText says how many forecasts the figures count and what they
// leave out, and why.
func countedText(n int, left map[score.LeftOut]int) string {
	counted := trn("track.counted", "Counting 1 forecast.", "Counting {{.Count}} forecasts.", n, nil)
	var parts []string
	add := func(why score.LeftOut, text func(int) string) {
		if c := left[why]; c > 0 {
			parts = append(parts, text(c))
		}
	}
	add(score.LeftQuestion, func(c int) string { return trn("track.left.question", "1 question", "{{.Count}} questions", c, nil) })
	add(score.LeftHope, func(c int) string { return trn("track.left.hope", "1 hope", "{{.Count}} hopes", c, nil) })
	add(score.LeftOpinion, func(c int) string { return trn("track.left.opinion", "1 opinion", "{{.Count}} opinions", c, nil) })
	add(score.LeftRetrospective, func(c int) string {
		return trn("track.left.retrospective", "1 retrospective forecast", "{{.Count}} retrospective forecasts", c, nil)
	})
	add(score.LeftUnconfirmed, func(c int) string {
		return trn("track.left.unconfirmed", "1 forecast with its source unconfirmed", "{{.Count}} forecasts with their source unconfirmed", c, nil)
	})
	if len(parts) == 0 {
		return counted
	}
	return counted + " " + trf("track.left", "Left out: {{.List}}.", map[string]any{"List": strings.Join(parts, tr("track.separator", ", "))})
}

// legendText states every rule the figures follow, as the switches set
// them.
func legendText(r score.Rules) string {
	lines := []string{
		tr("track.rule.kinds", "Only forecasts are scored. Questions, hopes and opinions are logged and may be answered, but count for or against nobody and are in no denominator."),
	}
	if r.IncludeRetrospective {
		lines = append(lines, tr("track.rule.retrospective_in", "Retrospective forecasts (recorded only after the outcome was known) are included, as the switch asks."))
	} else {
		lines = append(lines, tr("track.rule.retrospective_out", "Retrospective forecasts (recorded only after the outcome was known) are left out: they may have been remembered to fit."))
	}
	if r.IncludeUnconfirmed {
		lines = append(lines, tr("track.rule.unconfirmed_in", "Forecasts with no primary source are included, as the switch asks."))
	} else {
		lines = append(lines, tr("track.rule.unconfirmed_out", "Forecasts with no primary source (the forecaster's own words or an official record) are left out as unconfirmed."))
	}
	lines = append(lines,
		tr("track.rule.redating", "Re-dating cannot erase a miss: each claim of a moving target is scored on its own deadline, and a restated forecast still open, or withdrawn, when its deadline passes counts as a miss. Re-dated: how many of a source's forecasts restate an earlier one."))
	if r.PartlyAsHalf {
		lines = append(lines, tr("track.rule.partly_half", "Partly true counts as half a hit and half a miss in the hit rate, and as 50% in the Brier and log scores unless a source states how much came true."))
	} else {
		lines = append(lines, tr("track.rule.partly", "Partly true is neither a hit nor a miss: it is left out of the hit rate, and enters the Brier and log scores only with a share a source states."))
	}
	lines = append(lines,
		tr("track.explain.hit", "Hit rate: TRUE out of TRUE + FALSE; partly true is left out of it."),
		tr("track.explain.brier", "Brier score: 0 is perfect; 0.25 is what always saying 50% earns."),
		tr("track.explain.log", "Log score: 0 is what 50% earns, 1 is perfect, negative is worse than a coin."),
		tr("track.explain.no_probability", "Predictions without a probability count for hit rate only."),
		tr("track.explain.unscored", "Ambiguous, annulled, unfalsifiable, withdrawn and open forecasts are not scored."),
		tr("track.explain.lead", "Mean lead: how long before its outcome was settled a prediction was made, from the day made to the day resolved."),
		tr("track.explain.interest", "Interest: what the source's claims disclose of its stake in them."),
	)
	return strings.Join(lines, "\n")
}
