package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// CopyOptions say how Copy copies.
type CopyOptions struct {
	// Merge lets Copy add to a destination that already holds records:
	// records it already has are skipped as duplicates (and named in the
	// report), and the copies get new ids. Without it a destination with
	// any event, prediction or period is refused.
	Merge bool
	// Progress, when set, hears how many records have been saved.
	Progress func(done, total int)
}

// CopyReport says what Copy did.
type CopyReport struct {
	store.ImportReport
	// Settings counts the settings copied (a merge keeps the
	// destination's own where both have one).
	Settings int
}

// ErrNotEmpty refuses a copy into a database that holds records already,
// unless CopyOptions.Merge says to add to them.
var ErrNotEmpty = errors.New("the destination already holds records")

// Copy copies everything a Hindsight JSON export holds from one database
// to another, of either engine: every event, prediction (with its wording
// history, resolution and evidence) and period, the sources' details, the
// saved views and the reminders sent, and the settings kept with the
// database. It is one import into the destination: one transaction, and
// one change in its undo history (the source's history is not copied).
//
// Into an empty destination that never gave out ids every record keeps
// its id, so an export of the copy is the export of the source, byte for
// byte. Before anything is written, Copy works out the import as a dry run
// and refuses, writing nothing, if it would leave anything out (records
// the source holds twice, a view or reminder it cannot place).
func Copy(ctx context.Context, from, to Store, opt CopyOptions) (CopyReport, error) {
	var report CopyReport
	if !opt.Merge {
		if held, err := holds(ctx, to); err != nil {
			return report, err
		} else if held != "" {
			return report, fmt.Errorf("%w (%s): nothing was copied", ErrNotEmpty, held)
		}
	}
	events, preds, err := from.Bulk().Export(ctx)
	if err != nil {
		return report, fmt.Errorf("reading %s: %w", from.Name(), err)
	}
	importOpt := store.ImportOptions{}
	if importOpt.Sources, err = from.Vocabulary().SourceDetails(ctx); err != nil {
		return report, err
	}
	if importOpt.Periods, err = from.Periods().List(ctx, nil); err != nil {
		return report, err
	}
	if importOpt.Views, err = from.UserData().Views(ctx); err != nil {
		return report, err
	}
	if importOpt.Reminders, err = from.UserData().Reminders(ctx); err != nil {
		return report, err
	}
	settings, err := from.UserData().Settings(ctx)
	if err != nil {
		return report, err
	}
	if !opt.Merge {
		importOpt.DryRun = true
		plan, err := to.Bulk().Import(ctx, cloneEvents(events), clonePredictions(preds), importOpt)
		if err != nil {
			return report, fmt.Errorf("%w: nothing was copied", err)
		}
		if left := leftOut(plan); left != "" {
			return report, fmt.Errorf("the copy would leave out %s: nothing was copied", left)
		}
		importOpt.DryRun = false
	}
	importOpt.Progress = opt.Progress
	if report.ImportReport, err = to.Bulk().Import(ctx, events, preds, importOpt); err != nil {
		return report, fmt.Errorf("%w: nothing was copied", err)
	}
	report.Settings, err = copySettings(ctx, to, settings, opt.Merge)
	if err != nil {
		return report, fmt.Errorf("the records were copied, the settings not: %w", err)
	}
	return report, nil
}

// holds says what st holds ("3 events, 1 period"), or "" when it holds no
// event, prediction or period.
func holds(ctx context.Context, st Store) (string, error) {
	events, err := st.CountEvents(ctx, filter.Filter{})
	if err != nil {
		return "", err
	}
	preds, err := st.Claims().Predictions(ctx, store.PredictionQuery{})
	if err != nil {
		return "", err
	}
	periods, err := st.Periods().List(ctx, nil)
	if err != nil {
		return "", err
	}
	var parts []string
	for _, c := range []struct {
		n         int
		one, many string
	}{{events, "event", "events"}, {len(preds), "prediction", "predictions"}, {len(periods), "period", "periods"}} {
		switch {
		case c.n == 1:
			parts = append(parts, "1 "+c.one)
		case c.n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.many))
		}
	}
	return strings.Join(parts, ", "), nil
}

// leftOut names what a planned copy into an empty database would not
// carry over, or "".
func leftOut(plan store.ImportReport) string {
	var parts []string
	add := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(len(plan.DuplicateEvents), "event held twice in the source (the same title, date and actor)",
		"events held twice in the source (the same title, date and actor)")
	add(len(plan.DuplicatePredictions), "prediction held twice in the source (the same statement, source and date)",
		"predictions held twice in the source (the same statement, source and date)")
	add(len(plan.DuplicatePeriods), "period held twice in the source (the same title, start and end)",
		"periods held twice in the source (the same title, start and end)")
	add(plan.RemindersUnmatched, "reminder of a prediction that is not copied", "reminders of predictions that are not copied")
	add(len(plan.Views.Conflicting), "saved view whose name the destination gives another filter",
		"saved views whose name the destination gives another filter")
	return strings.Join(parts, ", ")
}

// copySettings writes settings into to: all of them into a new database,
// and only the ones it lacks when merging.
func copySettings(ctx context.Context, to Store, settings map[string]string, merge bool) (int, error) {
	have := map[string]string{}
	if merge {
		var err error
		if have, err = to.UserData().Settings(ctx); err != nil {
			return 0, err
		}
	}
	n := 0
	for _, key := range slices.Sorted(maps.Keys(settings)) {
		if _, ok := have[key]; ok {
			continue
		}
		if err := to.UserData().SetSetting(ctx, key, settings[key]); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// cloneEvents copies events deep enough that a dry run's normalising
// leaves the originals as read.
func cloneEvents(events []model.Event) []model.Event {
	out := slices.Clone(events)
	for i := range out {
		out[i].Tags = slices.Clone(out[i].Tags)
		out[i].Links = slices.Clone(out[i].Links)
	}
	return out
}

func clonePredictions(preds []model.Prediction) []model.Prediction {
	out := slices.Clone(preds)
	for i := range out {
		out[i].Tags = slices.Clone(out[i].Tags)
		out[i].Links = slices.Clone(out[i].Links)
		out[i].History = slices.Clone(out[i].History)
		out[i].Resolution.Evidence = slices.Clone(out[i].Resolution.Evidence)
	}
	return out
}
