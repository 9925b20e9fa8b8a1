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
		parts = append(parts, summaryList(namesOf(f.Categories, i18n.CategoryName)))
	}
	parts = listed(parts, filter.NonEmpty(f.Actors),
		i18n.Text{Key: "filter.summary_actor", English: "actor: {{.List}}"},
		i18n.Text{Key: "filter.summary_actors", English: "actors: {{.List}}"})
	parts = listed(parts, model.NormalizeTags(f.Tags),
		i18n.Text{Key: "filter.summary_tag", English: "tag: {{.List}}"},
		i18n.Text{Key: "filter.summary_tags", English: "tags: {{.List}}"})
	states := i18n.Text{Key: "filter.summary_states", English: "predictions: {{.List}}"}
	parts = listed(parts, namesOf(f.States, i18n.StateName), states, states)
	kinds := i18n.Text{Key: "filter.summary_kinds", English: "claims: {{.List}}"}
	parts = listed(parts, namesOf(f.Kinds, i18n.KindName), kinds, kinds)
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

// namesOf words each of values as the interface names it.
func namesOf[T any](values []T, name func(T) string) []string {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = name(v)
	}
	return names
}

// listed adds to parts the part that names values: one, the text for one
// ("tag: open-weights"), more, the text for many, with a few named and the
// rest counted. No values add no part.
func listed(parts, values []string, one, many i18n.Text) []string {
	switch len(values) {
	case 0:
		return parts
	case 1:
		return append(parts, trf(one.Key, one.English, map[string]any{"List": values[0]}))
	}
	return append(parts, trf(many.Key, many.English, map[string]any{"List": summaryList(values)}))
}

// summaryList joins a few names and counts the rest.
func summaryList(names []string) string {
	if len(names) <= summaryListMax {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:summaryListMax], ", ") + fmt.Sprintf(" +%d", len(names)-summaryListMax)
}
