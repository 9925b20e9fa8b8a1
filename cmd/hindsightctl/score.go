package main

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/score"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// scoreCommand is `hindsightctl score`: the track record by source, tag or year.
type scoreCommand struct{ *cli }

// scoreReport is what `score --json` prints.
type scoreReport struct {
	By string `json:"by"`
	// Counts says what the figures count: forecasts only.
	Counts string    `json:"counts"`
	Rules  rulesJSON `json:"rules"`
	// LeftOut counts the claims in no figure, by reason (question, hope,
	// opinion, retrospective, unconfirmed); Notes say it in words.
	LeftOut         map[string]int `json:"left_out"`
	Notes           []string       `json:"notes"`
	RedatedBySource map[string]int `json:"redated_by_source"`
	// InterestsBySource are the interests each source's claims disclose,
	// whichever claims are counted.
	InterestsBySource map[string][]string `json:"interests_by_source"`
	Groups            []groupJSON         `json:"groups"`
	Overall           groupJSON           `json:"overall"`
	Calibration       calibrationJSON     `json:"calibration"`
}

type rulesJSON struct {
	IncludeRetrospective bool `json:"include_retrospective"`
	IncludeUnconfirmed   bool `json:"include_unconfirmed"`
	PartlyAsHalf         bool `json:"partly_as_half"`
}

type groupJSON struct {
	Label          string   `json:"label"`
	Made           int      `json:"made"`
	Resolved       int      `json:"resolved"`
	Hits           int      `json:"hits"`
	Misses         int      `json:"misses"`
	Partly         int      `json:"partly"`
	HitRate        *float64 `json:"hit_rate"`
	Brier          *float64 `json:"brier"`
	BrierN         int      `json:"brier_n"`
	LogScore       *float64 `json:"log_score"`
	MeanLeadDays   *float64 `json:"mean_lead_days"`   // made → resolved, as the window's Mean lead
	MedianLeadDays *float64 `json:"median_lead_days"` // the same, median
	Unfalsifiable  int      `json:"unfalsifiable"`
	Redated        int      `json:"redated"`
	RedatedMisses  int      `json:"redated_misses"`
	Interests      []string `json:"interests"`
}

type calibrationJSON struct {
	Included int `json:"included"`
	// Early counts the included predictions resolved while their deadline
	// is still ahead (only with --include-early).
	Early    int            `json:"early"`
	Excluded map[string]int `json:"excluded"`
	Bins     []binJSON      `json:"bins"`
}

type binJSON struct {
	Lower        float64 `json:"lower"`
	Upper        float64 `json:"upper"`
	Count        int     `json:"count"`
	MeanForecast float64 `json:"mean_forecast"`
	Observed     float64 `json:"observed"`
	Low          float64 `json:"low"`
	High         float64 `json:"high"`
}

// optional returns a pointer to v when ok, so JSON shows null otherwise.
func optional(v float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	return &v
}

func toGroupJSON(s score.Summary) groupJSON {
	return groupJSON{
		Label: s.Label, Made: s.Made, Resolved: s.Resolved, Hits: s.Hits, Misses: s.Misses, Partly: s.Partly,
		HitRate: optional(s.HitRate, s.HasHitRate), Brier: optional(s.Brier, s.HasBrier()), BrierN: s.BrierN,
		LogScore:       optional(s.LogScore, s.HasLogScore()),
		MeanLeadDays:   optional(s.MeanLeadDays, s.HasLead()),
		MedianLeadDays: optional(s.MedianLeadDays, s.HasLead()),
		Unfalsifiable:  s.Unfalsifiable, Redated: s.Redated, RedatedMisses: s.RedatedMisses,
		Interests: nonNil(s.Interests),
	}
}

func (c scoreCommand) command() *cobra.Command {
	var by string
	var include []string
	var asJSON, includeEarly, partlyHalf bool
	cmd := &cobra.Command{
		Use:   "score [--by source|tag|year] [--include retrospective,unconfirmed] [--partly-half]",
		Short: "Show the track record: hit rate, Brier and log scores, calibration",
		Long: `Scores the resolved forecasts, grouped by source (default), tag or the
year they were made, with the app's track record defaults:

  - Only forecasts count. Questions, hopes and opinions are logged, never
    scored, and in no denominator.
  - A retrospective forecast (known only from a record written after its
    outcome was known) is left out; --include retrospective counts it.
  - A forecast with no primary source (source unconfirmed) is left out;
    --include unconfirmed counts it.
  - Re-dating cannot erase a miss: each claim of a chain of restatements is
    scored on its own deadline, and a restated forecast still open (or
    withdrawn) when its deadline passes counts as a miss.
  - Partly true is neither hit nor miss, and enters the Brier and log scores
    only with a share a source states; --partly-half counts it as half a
    hit (and 50%).

Hit rate counts TRUE and FALSE outcomes. The Brier score (0 is perfect,
0.25 is what always saying 50% earns) and the log score (1 is perfect, 0 is
what 50% earns) need a stated probability. Ambiguous, annulled,
unfalsifiable, withdrawn and open forecasts are not scored.

MEAN LEAD is how long before its outcome was settled a forecast was
made: the days from the day it was made to the day it resolved (the
window's "Mean lead").

Calibration leaves out, by default, forecasts resolved while their
deadline is still ahead: a "within two years" claim can come true early
but can only fail at its deadline, so counting such early TRUEs alone
biases the chart toward yes. --include-early counts them too (the window's
"Include predictions resolved while their deadline is still ahead").`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			group := score.GroupBy(by)
			if group != score.BySource && group != score.ByTag && group != score.ByYear {
				return fieldError{"by", fmt.Errorf("unknown grouping %q (source, tag or year)", by)}
			}
			rules := score.Rules{PartlyAsHalf: partlyHalf, Today: int64(when.Today())}
			for _, list := range include {
				for _, what := range strings.Split(list, ",") {
					switch strings.ToLower(strings.TrimSpace(what)) {
					case "retrospective":
						rules.IncludeRetrospective = true
					case "unconfirmed":
						rules.IncludeUnconfirmed = true
					case "":
					default:
						return fieldError{"include", fmt.Errorf("unknown %q (retrospective or unconfirmed)", what)}
					}
				}
			}
			st, err := c.open()
			if err != nil {
				return err
			}
			preds, err := st.Claims().Predictions(context.Background(), store.PredictionQuery{})
			if err != nil {
				return err
			}
			all := score.FromPredictions(preds)
			sel := score.Select(all, rules)
			forecasts := sel.Forecasts
			groups := score.BreakdownWith(forecasts, group, rules)
			overall := score.SummarizeWith("all", forecasts, rules)
			cal := score.Calibrate(forecasts, score.CalibrationOptions{Today: rules.Today, IncludeEarly: includeEarly, PartlyAsHalf: partlyHalf})
			notes := leftOutNotes(sel)
			if asJSON {
				report := scoreReport{By: by, Counts: "forecasts", Overall: toGroupJSON(overall), Groups: []groupJSON{},
					Rules:   rulesJSON{rules.IncludeRetrospective, rules.IncludeUnconfirmed, rules.PartlyAsHalf},
					LeftOut: map[string]int{}, Notes: nonNil(notes), RedatedBySource: score.Redatings(all),
					InterestsBySource: score.Interests(all),
					Calibration:       calibrationJSON{Included: cal.Included, Early: cal.Early, Excluded: map[string]int{}, Bins: []binJSON{}}}
				for why, n := range sel.Left {
					report.LeftOut[string(why)] = n
				}
				for _, g := range groups {
					report.Groups = append(report.Groups, toGroupJSON(g))
				}
				for reason, n := range cal.Excluded {
					report.Calibration.Excluded[string(reason)] = n
				}
				for _, b := range cal.Bins {
					report.Calibration.Bins = append(report.Calibration.Bins, binJSON(b))
				}
				return c.printJSON(report)
			}
			return c.printScores(groups, overall, cal, notes, all, rules)
		},
	}
	f := cmd.Flags()
	f.StringVar(&by, "by", string(score.BySource), "group by source, tag or year")
	f.BoolVar(&asJSON, "json", false, "print JSON")
	f.StringArrayVar(&include, "include", nil, "also count these forecasts: retrospective, unconfirmed (comma-separated or repeated)")
	f.BoolVar(&partlyHalf, "partly-half", false, "count a partly true forecast as half a hit")
	f.BoolVar(&includeEarly, "include-early", false, "also calibrate forecasts resolved while their deadline is still ahead (left out by default)")
	return cmd
}

// leftOutNotes says in words what the figures leave out and how to count
// what may be counted.
func leftOutNotes(sel score.Selection) []string {
	var notes []string
	var logged []string
	for _, why := range []score.LeftOut{score.LeftQuestion, score.LeftHope, score.LeftOpinion} {
		if n := sel.Left[why]; n > 0 {
			logged = append(logged, plural(n, string(why), string(why)+"s"))
		}
	}
	if len(logged) > 0 {
		notes = append(notes, strings.Join(logged, ", ")+": logged, never scored, in no denominator")
	}
	if n := sel.Left[score.LeftRetrospective]; n > 0 {
		notes = append(notes, plural(n, "retrospective forecast", "retrospective forecasts")+
			" left out: known only from a record written after the outcome was known (count with --include retrospective)")
	}
	if n := sel.Left[score.LeftUnconfirmed]; n > 0 {
		notes = append(notes, plural(n, "forecast", "forecasts")+
			" left out as source unconfirmed: no primary source (count with --include unconfirmed)")
	}
	if len(sel.Forecasts) == 0 {
		notes = append(notes, "no forecast is counted")
	}
	return notes
}

func (c scoreCommand) printScores(groups []score.Summary, overall score.Summary, cal score.Calibration, notes []string,
	all []score.Forecast, rules score.Rules) error {
	redated := score.Redatings(all)
	rows := [][]string{{"GROUP", "MADE", "RESOLVED", "HITS", "HIT RATE", "BRIER", "LOG SCORE", "MEAN LEAD", "RE-DATED", "INTEREST"}}
	for _, s := range append(groups, overall) {
		hits := fmt.Sprintf("%d/%d", s.Hits, s.Hits+s.Misses)
		if rules.PartlyAsHalf && s.Partly > 0 {
			hits = fmt.Sprintf("%s/%d", strconv.FormatFloat(float64(s.Hits)+float64(s.Partly)/2, 'f', -1, 64), s.Hits+s.Misses+s.Partly)
		}
		rows = append(rows, []string{display.Shorten(s.Label, 40), strconv.Itoa(s.Made), strconv.Itoa(s.Resolved), hits,
			maybe(s.HitRate*100, s.HasHitRate, "%.0f%%"), maybe(s.Brier, s.HasBrier(), "%.3f"),
			maybe(s.LogScore, s.HasLogScore(), "%.3f"), leadText(s),
			redatedCell(s, redated), display.Shorten(strings.Join(s.Interests, "; "), 40)})
	}
	if err := display.Table(c.stdout, rows); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, "\ncounts forecasts only")
	for _, n := range notes {
		fmt.Fprintln(c.stdout, "  "+n)
	}
	interests := score.Interests(all)
	sources := make([]string, 0, len(interests))
	for src := range interests {
		sources = append(sources, src)
	}
	sort.Strings(sources)
	for _, src := range sources {
		fmt.Fprintf(c.stdout, "interest disclosed by %s: %s\n", src, strings.Join(interests[src], "; "))
	}
	fmt.Fprintf(c.stdout, "\ncalibration: %s in the chart", plural(cal.Included, "prediction", "predictions"))
	if cal.Early > 0 {
		fmt.Fprintf(c.stdout, " (%d of them resolved while their deadline is still ahead)", cal.Early)
	}
	if cal.ExcludedTotal() > 0 {
		var reasons []string
		for _, reason := range []score.ExclusionReason{score.ExcludedNoProbability, score.ExcludedNotScored, score.ExcludedDeadlineNotPassed} {
			if n := cal.Excluded[reason]; n > 0 {
				reasons = append(reasons, fmt.Sprintf("%d %s", n, exclusionWords[reason]))
			}
		}
		fmt.Fprintf(c.stdout, "; left out: %s", strings.Join(reasons, ", "))
		if n := cal.Excluded[score.ExcludedDeadlineNotPassed]; n > 0 {
			fmt.Fprintf(c.stdout, " (--include-early counts those %d)", n)
		}
	}
	fmt.Fprintln(c.stdout)
	for _, b := range cal.Bins {
		if b.Count == 0 {
			continue
		}
		fmt.Fprintf(c.stdout, "  %3.0f–%3.0f%%: %4d forecasts, mean %5.1f%%, came true %5.1f%% (90%% interval %.0f–%.0f%%)\n",
			b.Lower*100, b.Upper*100, b.Count, b.MeanForecast*100, b.Observed*100, b.Low*100, b.High*100)
	}
	return nil
}

// redatedCell is "re-dated N times" for a source: every forecast of it
// that restates an earlier claim, counted or not.
func redatedCell(s score.Summary, bySource map[string]int) string {
	n, ok := bySource[s.Label]
	if !ok || n == 0 {
		return ""
	}
	times := "times"
	if n == 1 {
		times = "time"
	}
	return fmt.Sprintf("%d %s", n, times)
}

// maybe formats v, or a dash when there is no value.
func maybe(v float64, ok bool, format string) string {
	if !ok {
		return "—"
	}
	return fmt.Sprintf(format, v)
}

// exclusionWords say why forecasts were left out of the calibration, as
// the window says it.
var exclusionWords = map[score.ExclusionReason]string{
	score.ExcludedNoProbability:     "without a probability",
	score.ExcludedNotScored:         "not scored (open, ambiguous, annulled, unfalsifiable or withdrawn, or partly true with no share stated)",
	score.ExcludedDeadlineNotPassed: "resolved while their deadline is still ahead",
}

// leadText is a group's mean lead in days, or a dash.
func leadText(s score.Summary) string {
	if !s.HasLead() {
		return "—"
	}
	return plural(int(math.Round(s.MeanLeadDays)), "day", "days")
}
