package trackrecord

import (
	"strings"

	"github.com/hindsight-app/hindsight/internal/score"
)

// countedText says how many forecasts the figures count and what they
// leave out, and why.
func countedText(n int, left map[score.LeftOut]int) string {
	counted := trf("track.counted.other", "Counting {{.Count}} forecasts.", map[string]any{"Count": n})
	if n == 1 {
		counted = tr("track.counted.one", "Counting 1 forecast.")
	}
	var parts []string
	add := func(c int, one, other string) {
		switch {
		case c == 1:
			parts = append(parts, one)
		case c > 1:
			parts = append(parts, other)
		}
	}
	count := func(why score.LeftOut) map[string]any { return map[string]any{"Count": left[why]} }
	add(left[score.LeftQuestion], tr("track.left.question.one", "1 question"),
		trf("track.left.question.other", "{{.Count}} questions", count(score.LeftQuestion)))
	add(left[score.LeftHope], tr("track.left.hope.one", "1 hope"),
		trf("track.left.hope.other", "{{.Count}} hopes", count(score.LeftHope)))
	add(left[score.LeftOpinion], tr("track.left.opinion.one", "1 opinion"),
		trf("track.left.opinion.other", "{{.Count}} opinions", count(score.LeftOpinion)))
	add(left[score.LeftRetrospective], tr("track.left.retrospective.one", "1 retrospective forecast"),
		trf("track.left.retrospective.other", "{{.Count}} retrospective forecasts", count(score.LeftRetrospective)))
	add(left[score.LeftUnconfirmed], tr("track.left.unconfirmed.one", "1 forecast with its source unconfirmed"),
		trf("track.left.unconfirmed.other", "{{.Count}} forecasts with their source unconfirmed", count(score.LeftUnconfirmed)))
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
		tr("track.explain.lead", "Mean lead: how long before its deadline a prediction was resolved."),
		tr("track.explain.interest", "Interest: what the source's claims disclose of its stake in them."),
	)
	return strings.Join(lines, "\n")
}
