package score

import (
	"slices"
	"strconv"
	"strings"

	"github.com/hindsight-app/hindsight/internal/model"
)

// Summary is the track record of one group of forecasts.
type Summary struct {
	Label    string
	Made     int // forecasts in the group
	Resolved int // any outcome other than open
	Scored   int // true, false or partly

	Hits, Misses, Partly int
	// HitRate is Hits / (Hits + Misses); with Rules.PartlyAsHalf,
	// (Hits + Partly/2) / (Hits + Misses + Partly).
	HitRate    float64
	HasHitRate bool
	// RedatedMisses counts the misses that are restated forecasts left
	// unsettled past their deadline (see Select); Redated counts the
	// forecasts in the group that restate an earlier claim.
	RedatedMisses, Redated int
	// Unfalsifiable counts forecasts that can never be checked.
	Unfalsifiable int
	// Interests are the distinct interests its forecasts disclose.
	Interests []string

	Brier    float64 // mean Brier term over BrierN forecasts
	BrierN   int
	LogScore float64 // mean log score over LogN forecasts
	LogN     int

	// Lead: how long before the outcome was settled the forecast was
	// made, ResolvedDay − MadeDay, over LeadN scored forecasts with both
	// days known. The window and the command line show this one measure
	// under the one name.
	MeanLeadDays, MedianLeadDays float64
	LeadN                        int
}

// HasBrier reports whether any forecast in the group has a Brier term.
func (s Summary) HasBrier() bool { return s.BrierN > 0 }

// HasLogScore reports whether any forecast in the group has a log score.
func (s Summary) HasLogScore() bool { return s.LogN > 0 }

// HasLead reports whether the lead is known for any forecast in the
// group.
func (s Summary) HasLead() bool { return s.LeadN > 0 }

// LeadDays is a forecast's lead: the days from its making to its
// resolution, ResolvedDay − MadeDay. Only true, false and partly outcomes
// have one: the day an annulled or withdrawn forecast was closed says
// nothing about foresight.
func LeadDays(f Forecast) (days int64, ok bool) {
	if !settled(f.Outcome) || !f.HasResolved {
		return 0, false
	}
	return f.ResolvedDay - f.MadeDay, true
}

// Summarize computes the track record of fs under the default rules (see
// SummarizeWith). Every resolved forecast counts, whether or not its
// deadline has passed.
func Summarize(label string, fs []Forecast) Summary {
	return SummarizeWith(label, fs, Rules{})
}

// SummarizeWith computes the track record of fs, which Select picked,
// reading partly-true outcomes as r says.
func SummarizeWith(label string, fs []Forecast, r Rules) Summary {
	t := tally{half: r.PartlyAsHalf}
	for _, f := range fs {
		t.add(f)
	}
	return t.summary(label)
}

// tally accumulates a Summary one forecast at a time, so Breakdown can
// feed each group without copying forecasts into per-group slices.
type tally struct {
	s                Summary
	half             bool // partly counts as half a hit
	brierSum, logSum float64
	leads            []int64
}

func (t *tally) add(f Forecast) {
	t.s.Made++
	if isResolved(f.Outcome) {
		t.s.Resolved++
	}
	if f.Restates != 0 {
		t.s.Redated++
	}
	if f.Interest != "" && !slices.Contains(t.s.Interests, f.Interest) {
		t.s.Interests = append(t.s.Interests, f.Interest)
	}
	if f.Outcome == model.StateUnfalsifiable {
		t.s.Unfalsifiable++
	}
	if !settled(f.Outcome) {
		return
	}
	t.s.Scored++
	switch f.Outcome {
	case model.StateTrue:
		t.s.Hits++
	case model.StateFalse:
		t.s.Misses++
		if f.RedatedMiss {
			t.s.RedatedMisses++
		}
	case model.StatePartly:
		t.s.Partly++
	}
	o, valued := PartlyValue(f.Outcome, f.Fraction, t.half)
	if p, ok := probability(f); ok && valued {
		t.brierSum += Brier(p, o)
		t.s.BrierN++
		t.logSum += LogScore(p, o)
		t.s.LogN++
	}
	if lead, ok := LeadDays(f); ok {
		t.leads = append(t.leads, lead)
	}
}

// summary finishes the means; every division is guarded so an empty
// group reports zeros, never NaN.
func (t *tally) summary(label string) Summary {
	s := t.s
	s.Label = label
	if decided := s.Hits + s.Misses; t.half && decided+s.Partly > 0 {
		s.HitRate, s.HasHitRate = (float64(s.Hits)+float64(s.Partly)/2)/float64(decided+s.Partly), true
	} else if decided > 0 {
		s.HitRate, s.HasHitRate = float64(s.Hits)/float64(decided), true
	}
	if s.BrierN > 0 {
		s.Brier = t.brierSum / float64(s.BrierN)
	}
	if s.LogN > 0 {
		s.LogScore = t.logSum / float64(s.LogN)
	}
	s.LeadN = len(t.leads)
	s.MeanLeadDays, s.MedianLeadDays = meanMedian(t.leads)
	return s
}

// meanMedian returns 0, 0 for no values so callers never see NaN. It
// sorts days in place.
func meanMedian(days []int64) (mean, median float64) {
	n := len(days)
	if n == 0 {
		return 0, 0
	}
	var sum float64
	for _, d := range days {
		sum += float64(d)
	}
	slices.Sort(days)
	if n%2 == 1 {
		median = float64(days[n/2])
	} else {
		median = (float64(days[n/2-1]) + float64(days[n/2])) / 2
	}
	return sum / float64(n), median
}

// GroupBy names the field a Breakdown groups on.
type GroupBy string

// Breakdown groupings.
const (
	BySource GroupBy = "source"
	ByTag    GroupBy = "tag"
	ByYear   GroupBy = "year"
)

// Breakdown summarizes fs per source, per tag or per year made, sorted by
// number of forecasts (descending), then label, under the default rules
// (see BreakdownWith). A forecast with several tags counts in each of
// them. Forecasts without a source, without tags or with no year
// (YearMade ≤ 0) are gathered under the empty label, which the caller may
// show as "unknown". An unknown grouping yields nil.
func Breakdown(fs []Forecast, by GroupBy) []Summary {
	return BreakdownWith(fs, by, Rules{})
}

// BreakdownWith is Breakdown reading partly-true outcomes as r says.
func BreakdownWith(fs []Forecast, by GroupBy, r Rules) []Summary {
	if by != BySource && by != ByTag && by != ByYear {
		return nil
	}
	groups := map[string]*tally{}
	addTo := func(label string, f Forecast) {
		t := groups[label]
		if t == nil {
			t = &tally{half: r.PartlyAsHalf}
			groups[label] = t
		}
		t.add(f)
	}
	for _, f := range fs {
		switch by {
		case BySource:
			addTo(f.Source, f)
		case ByYear:
			label := ""
			if f.YearMade > 0 {
				label = strconv.Itoa(f.YearMade)
			}
			addTo(label, f)
		case ByTag:
			if len(f.Tags) == 0 {
				addTo("", f)
			}
			for i, tag := range f.Tags {
				// A tag repeated on one forecast must not count it twice.
				if slices.Contains(f.Tags[:i], tag) {
					continue
				}
				addTo(tag, f)
			}
		}
	}
	out := make([]Summary, 0, len(groups))
	for label, t := range groups {
		out = append(out, t.summary(label))
	}
	slices.SortFunc(out, func(a, b Summary) int {
		if a.Made != b.Made {
			return b.Made - a.Made
		}
		return strings.Compare(a.Label, b.Label)
	})
	return out
}
