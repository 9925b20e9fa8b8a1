package filterbar

import (
	"fmt"
	"strings"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
)

// summaryListMax is how many values of one dimension the summary names
// before it counts the rest.
const summaryListMax = 3

// Summary describes f in a few words for a status line, e.g. "Model,
// Product · tag: open-weights · 2023 – 2024"; it is empty when f keeps
// everything. Unreadable dates are left out, as Filter ignores them.
func Summary(f filter.Filter) string {
	var parts []string
	if len(f.Categories) > 0 {
		names := make([]string, len(f.Categories))
		for i, c := range f.Categories {
			names[i] = i18n.CategoryName(c)
		}
		parts = append(parts, summaryList(names))
	}
	switch actors := filter.NonEmpty(f.Actors); len(actors) {
	case 0:
	case 1:
		parts = append(parts, trf("filter.summary_actor", "actor: {{.List}}", map[string]any{"List": actors[0]}))
	default:
		parts = append(parts, trf("filter.summary_actors", "actors: {{.List}}", map[string]any{"List": summaryList(actors)}))
	}
	switch tags := model.NormalizeTags(f.Tags); len(tags) {
	case 0:
	case 1:
		parts = append(parts, trf("filter.summary_tag", "tag: {{.List}}", map[string]any{"List": tags[0]}))
	default:
		parts = append(parts, trf("filter.summary_tags", "tags: {{.List}}", map[string]any{"List": summaryList(tags)}))
	}
	if len(f.States) > 0 {
		names := make([]string, len(f.States))
		for i, s := range f.States {
			names[i] = i18n.StateName(s)
		}
		parts = append(parts, trf("filter.summary_states", "predictions: {{.List}}", map[string]any{"List": summaryList(names)}))
	}
	if len(f.Kinds) > 0 {
		names := make([]string, len(f.Kinds))
		for i, k := range f.Kinds {
			names[i] = i18n.KindName(k)
		}
		parts = append(parts, trf("filter.summary_kinds", "claims: {{.List}}", map[string]any{"List": summaryList(names)}))
	}
	if f.Interest {
		parts = append(parts, tr("filter.summary_interest", "with an interest disclosed"))
	}
	if w := f.Window(); w.Set() {
		parts = append(parts, windowText(w))
	}
	if f.Batch != nil {
		parts = append(parts, trf("filter.summary_batch", "imported from {{.File}}", map[string]any{"File": f.Batch.Label}))
	}
	return strings.Join(parts, " · ")
}

// windowText describes a date window that limits something.
func windowText(w filter.Window) string {
	lang := i18n.Lang()
	switch {
	case w.From.IsZero():
		return trf("filter.summary_until", "until {{.Date}}", map[string]any{"Date": w.To.Format(lang)})
	case w.To.IsZero():
		return trf("filter.summary_from", "from {{.Date}}", map[string]any{"Date": w.From.Format(lang)})
	case w.From == w.To:
		return w.From.Format(lang)
	}
	return w.From.Format(lang) + " – " + w.To.Format(lang)
}

// summaryList joins a few names and counts the rest.
func summaryList(names []string) string {
	if len(names) <= summaryListMax {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:summaryListMax], ", ") + fmt.Sprintf(" +%d", len(names)-summaryListMax)
}
