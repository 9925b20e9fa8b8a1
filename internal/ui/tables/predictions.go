package tables

import (
	"cmp"
	"strings"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Predictions lists every prediction, sortable by any column.
type Predictions struct {
	*sortedTable[*model.Prediction]
}

// NewPredictions builds the table; onSelect hears the prediction tapped.
func NewPredictions(onSelect func(id int64)) *Predictions {
	byText := func(f func(*model.Prediction) string) func(a, b *model.Prediction) int {
		return func(a, b *model.Prediction) int { return strings.Compare(strings.ToLower(f(a)), strings.ToLower(f(b))) }
	}
	state := func(p *model.Prediction) string { return i18n.StateName(p.State()) }
	statement := func(p *model.Prediction) string { return p.DisplayStatement(i18n.Lang()) }
	source := func(p *model.Prediction) string { return p.DisplaySource(i18n.Lang()) }
	made := func(p *model.Prediction) string { return p.Made.Format(i18n.Lang()) }
	prob := func(p *model.Prediction) string {
		if p.Probability == nil {
			return "—"
		}
		return i18n.PercentText(*p.Probability)
	}
	dueDay := func(p *model.Prediction) when.Day {
		if _, latest, ok := p.Due(); ok {
			return latest
		}
		return when.MaxDay
	}
	kind := func(p *model.Prediction) string { return i18n.KindName(p.Kind) }
	cols := []column[*model.Prediction]{
		{tr("field.state", "State"), 130, state, byText(state)},
		{tr("field.kind", "Kind"), 190, kind, byText(kind)},
		{tr("field.statement", "Statement"), 400, statement, byText(statement)},
		{tr("field.source", "Made by"), 180, source, byText(source)},
		{tr("field.made", "Made on"), 130, made, func(a, b *model.Prediction) int { return cmp.Compare(a.Made.Earliest(), b.Made.Earliest()) }},
		{tr("field.due", "Due by"), 130, func(p *model.Prediction) string { return i18n.DueText(*p) }, func(a, b *model.Prediction) int { return cmp.Compare(dueDay(a), dueDay(b)) }},
		{tr("field.probability", "Probability"), 100, prob, func(a, b *model.Prediction) int {
			return cmp.Compare(probValue(a), probValue(b))
		}},
		{tr("field.record", "Record"), 260, claimRecord, byText(claimRecord)},
	}
	return &Predictions{newSortedTable(cols, func(p *model.Prediction) { onSelect(p.ID) })}
}

// claimRecord says, in a table cell, what is known of how the claim was
// recorded: retrospective, source unconfirmed, a restatement, an interest.
func claimRecord(p *model.Prediction) string {
	var notes []string
	if p.Retrospective() {
		notes = append(notes, tr("record.retrospective", "retrospective"))
	}
	if p.SourceUnconfirmed() {
		notes = append(notes, tr("record.unconfirmed", "source unconfirmed"))
	}
	if p.Restates != 0 {
		notes = append(notes, tr("record.restates", "restated with a new deadline"))
	}
	if p.Interest != "" {
		notes = append(notes, trf("record.interest", "interest: {{.Interest}}", map[string]any{"Interest": p.Interest}))
	}
	return strings.Join(notes, " · ")
}

// probValue sorts predictions without a probability first.
func probValue(p *model.Prediction) float64 {
	if p.Probability == nil {
		return -1
	}
	return *p.Probability
}

// Set shows predictions; the table points into the slice, which must not change.
func (t *Predictions) Set(preds []model.Prediction) {
	t.setRows(pointers(preds), i18n.PredictionCount(len(preds)))
}

// Len is how many predictions the table lists.
func (t *Predictions) Len() int { return len(t.rows) }
