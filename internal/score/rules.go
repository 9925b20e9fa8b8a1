package score

import (
	"slices"

	"github.com/hindsight-app/hindsight/internal/model"
)

// The rules of the headline figures. Nobody is scored on something they
// never claimed, and what was predicted cannot be rewritten with
// hindsight:
//
//   - Only forecasts count. A question, a hope or an opinion is logged and
//     may be answered, but is in no figure and no denominator.
//   - A forecast known only from a record written after its outcome was
//     known (retrospective) is left out unless Rules.IncludeRetrospective.
//   - A forecast with no primary source — only reports of it — is left out
//     unless Rules.IncludeUnconfirmed.
//   - Re-dating cannot erase a miss. When a forecaster restates a claim with
//     a new deadline, each claim of the chain is scored on its own deadline:
//     the restatement is a new forecast, and the claim it restates stays on
//     the record. If the restated claim's deadline has passed and it was
//     neither settled true nor false (still open, or withdrawn when it was
//     restated), it counts as a miss. So restating "AGI by 2025" as "by
//     2027" the week before 2025 ends leaves the 2025 claim a miss, and only
//     the 2027 claim stays open.
//   - Partly true is neither a hit nor a miss: it is left out of the hit
//     rate, and enters the probability scores with the share that came true
//     when a source states one (left out of them when none does). With
//     Rules.PartlyAsHalf it counts as half a hit and half a miss in the hit
//     rate, and as 50% in the probability scores unless a share is stated.
//   - Unfalsifiable, ambiguous, annulled and withdrawn outcomes are never
//     scored (but see re-dating, above).

// Rules say what the headline figures count. The zero value is the
// default: forecasts only, no retrospective or unconfirmed one, partly
// true neither hit nor miss, and deadlines judged on day 0 (set Today).
type Rules struct {
	IncludeRetrospective bool
	IncludeUnconfirmed   bool
	PartlyAsHalf         bool
	// Today is the day (since 1970-01-01) re-dated deadlines are judged
	// on: a restated forecast past its deadline on Today counts as a miss.
	Today int64
}

// LeftOut says why a claim is not in the figures.
type LeftOut string

// Reasons a claim is left out, checked in this order; a claim is counted
// under the first that applies.
const (
	LeftQuestion      LeftOut = "question"
	LeftHope          LeftOut = "hope"
	LeftOpinion       LeftOut = "opinion"
	LeftRetrospective LeftOut = "retrospective"
	LeftUnconfirmed   LeftOut = "unconfirmed"
)

// LeftOutReasons lists the reasons in the order they are checked.
var LeftOutReasons = []LeftOut{LeftQuestion, LeftHope, LeftOpinion, LeftRetrospective, LeftUnconfirmed}

// Selection is what a track record counts under some rules.
type Selection struct {
	Rules Rules
	// Forecasts are the forecasts counted, their outcomes as the rules
	// read them (see RedatedMiss); Indexes[i] is where Forecasts[i] was in
	// the list given to Select.
	Forecasts []Forecast
	Indexes   []int
	// Left counts the claims left out, by reason.
	Left map[LeftOut]int
}

// LeftTotal is how many claims were left out for any reason.
func (s Selection) LeftTotal() int { return total(s.Left) }

// Select picks the forecasts the rules count from every claim, and applies
// the re-dating rule to them.
func Select(fs []Forecast, r Rules) Selection {
	sel := Selection{Rules: r, Left: map[LeftOut]int{}}
	for i, f := range fs {
		if why, out := leftOut(f, r); out {
			sel.Left[why]++
			continue
		}
		if missedByRedating(f, r.Today) {
			f.Outcome, f.Fraction, f.RedatedMiss = model.StateFalse, 0, true
		}
		sel.Forecasts = append(sel.Forecasts, f)
		sel.Indexes = append(sel.Indexes, i)
	}
	return sel
}

func leftOut(f Forecast, r Rules) (LeftOut, bool) {
	switch f.kind() {
	case model.KindQuestion:
		return LeftQuestion, true
	case model.KindHope:
		return LeftHope, true
	case model.KindOpinion:
		return LeftOpinion, true
	}
	if f.Retrospective && !r.IncludeRetrospective {
		return LeftRetrospective, true
	}
	if f.Unconfirmed && !r.IncludeUnconfirmed {
		return LeftUnconfirmed, true
	}
	return "", false
}

// missedByRedating reports a forecast that a later one restates, whose
// deadline passed before today, and that was never settled true, false or
// partly: re-dating it does not take it off the record.
func missedByRedating(f Forecast, today int64) bool {
	if !f.Restated || !f.HasDeadline || f.DeadlineDay >= today {
		return false
	}
	return f.Outcome == model.StateOpen || f.Outcome == "" || f.Outcome == model.StateWithdrawn
}

// Redatings counts, per source, the forecasts that restate an earlier
// claim with a new deadline: "re-dated N times". Every forecast counts,
// whether or not the figures include it.
func Redatings(fs []Forecast) map[string]int {
	out := map[string]int{}
	for _, f := range fs {
		if f.Restates != 0 && f.kind() == model.KindForecast {
			out[f.Source]++
		}
	}
	return out
}

// Interests lists, per source, the distinct interests its claims disclose,
// in the order first met, so that the scores can show them.
func Interests(fs []Forecast) map[string][]string {
	out := map[string][]string{}
	for _, f := range fs {
		if f.Interest != "" && !slices.Contains(out[f.Source], f.Interest) {
			out[f.Source] = append(out[f.Source], f.Interest)
		}
	}
	return out
}
