package main

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/score"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// scoreReport is what `score --json` prints.
type scoreReport struct {
	By          string          `json:"by"`
	Groups      []groupJSON     `json:"groups"`
	Overall     groupJSON       `json:"overall"`
	Calibration calibrationJSON `json:"calibration"`
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
	}
}

func (c *cli) scoreCommand() *cobra.Command {
	var by string
	var asJSON, includeEarly bool
	cmd := &cobra.Command{
		Use:   "score [--by source|tag|year]",
		Short: "Show the track record: hit rate, Brier and log scores, calibration",
		Long: `Scores every resolved prediction, grouped by source (default), tag or the
year it was made.

Hit rate counts TRUE and FALSE outcomes only. The Brier score (0 is perfect,
0.25 is what always saying 50% earns) and the log score (1 is perfect, 0 is
what 50% earns) need a stated probability; PARTLY counts as its fraction.
Ambiguous, annulled, withdrawn and open predictions are never scored.

MEAN LEAD is how long before its outcome was settled a prediction was
made: the days from the day it was made to the day it resolved (the
window's "Mean lead").

Calibration leaves out, by default, predictions resolved while their
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
			st, err := c.open()
			if err != nil {
				return err
			}
			preds, err := st.Predictions(context.Background(), store.PredictionQuery{})
			if err != nil {
				return err
			}
			forecasts := score.FromPredictions(preds)
			groups := score.Breakdown(forecasts, group)
			overall := score.Summarize("all", forecasts)
			cal := score.Calibrate(forecasts, score.CalibrationOptions{Today: int64(when.Today()), IncludeEarly: includeEarly})
			if asJSON {
				report := scoreReport{By: by, Overall: toGroupJSON(overall), Groups: []groupJSON{},
					Calibration: calibrationJSON{Included: cal.Included, Early: cal.Early, Excluded: map[string]int{}, Bins: []binJSON{}}}
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
			return c.printScores(groups, overall, cal)
		},
	}
	f := cmd.Flags()
	f.StringVar(&by, "by", string(score.BySource), "group by source, tag or year")
	f.BoolVar(&asJSON, "json", false, "print JSON")
	f.BoolVar(&includeEarly, "include-early", false, "also calibrate predictions resolved while their deadline is still ahead (left out by default)")
	return cmd
}

func (c *cli) printScores(groups []score.Summary, overall score.Summary, cal score.Calibration) error {
	rows := [][]string{{"GROUP", "MADE", "RESOLVED", "HITS", "HIT RATE", "BRIER", "LOG SCORE", "MEAN LEAD"}}
	for _, s := range append(groups, overall) {
		rows = append(rows, []string{display.Shorten(s.Label, 40), strconv.Itoa(s.Made), strconv.Itoa(s.Resolved),
			fmt.Sprintf("%d/%d", s.Hits, s.Hits+s.Misses),
			maybe(s.HitRate*100, s.HasHitRate, "%.0f%%"), maybe(s.Brier, s.HasBrier(), "%.3f"),
			maybe(s.LogScore, s.HasLogScore(), "%.3f"), leadText(s)})
	}
	if err := display.Table(c.stdout, rows); err != nil {
		return err
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

// exclusionWords say why predictions were left out of the calibration,
// as the window says it.
var exclusionWords = map[score.ExclusionReason]string{
	score.ExcludedNoProbability:     "without a probability",
	score.ExcludedNotScored:         "not scored (open, ambiguous, annulled or withdrawn)",
	score.ExcludedDeadlineNotPassed: "resolved while their deadline is still ahead",
}

// leadText is a group's mean lead in days, or a dash.
func leadText(s score.Summary) string {
	if !s.HasLead() {
		return "—"
	}
	return plural(int(math.Round(s.MeanLeadDays)), "day", "days")
}

// maybe formats v, or a dash when there is no value.
func maybe(v float64, ok bool, format string) string {
	if !ok {
		return "—"
	}
	return fmt.Sprintf(format, v)
}
