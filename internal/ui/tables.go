package ui

import (
	"cmp"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/when"
)

// column describes one column of a sortable table.
type column[T any] struct {
	title   string
	width   float32
	text    func(T) string
	compare func(a, b T) int
}

// sortedTable is a table of records whose header cells sort it: a tap sorts
// by that column, a second tap reverses the order.
type sortedTable[T any] struct {
	table    *widget.Table
	cols     []column[T]
	rows     []T
	sortCol  int
	desc     bool
	onSelect func(T)
	count    *widget.Label
	box      fyne.CanvasObject
}

func newSortedTable[T any](cols []column[T], onSelect func(T)) *sortedTable[T] {
	t := &sortedTable[T]{cols: cols, onSelect: onSelect, count: widget.NewLabel("")}
	t.count.TextStyle = fyne.TextStyle{Italic: true}
	t.table = widget.NewTable(
		func() (int, int) { return len(t.rows), len(t.cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(t.rows) {
				o.(*widget.Label).SetText(t.cols[id.Col].text(t.rows[id.Row]))
			}
		})
	t.table.ShowHeaderRow = true
	t.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		return b
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 || id.Col >= len(t.cols) {
			b.SetText("")
			b.OnTapped = nil
			return
		}
		// The sort direction is an icon: ▲ and ▼ are in neither bundled font.
		var icon fyne.Resource
		if id.Col == t.sortCol {
			icon = theme.MoveUpIcon()
			if t.desc {
				icon = theme.MoveDownIcon()
			}
		}
		b.SetText(t.cols[id.Col].title)
		b.SetIcon(icon)
		col := id.Col
		b.OnTapped = func() { t.sortBy(col) }
	}
	t.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(t.rows) && t.onSelect != nil {
			t.onSelect(t.rows[id.Row])
		}
	}
	for i, c := range cols {
		t.table.SetColumnWidth(i, c.width)
	}
	t.box = container.NewBorder(nil, t.count, nil, nil, t.table)
	return t
}

func (t *sortedTable[T]) object() fyne.CanvasObject { return t.box }

// sortBy sorts by column col; the same column again reverses the order.
func (t *sortedTable[T]) sortBy(col int) {
	if col == t.sortCol {
		t.desc = !t.desc
	} else {
		t.sortCol, t.desc = col, false
	}
	t.sort()
	t.table.Refresh()
}

func (t *sortedTable[T]) sort() {
	compare := t.cols[t.sortCol].compare
	slices.SortStableFunc(t.rows, func(a, b T) int {
		if t.desc {
			return compare(b, a)
		}
		return compare(a, b)
	})
}

// pointers lets a table sort its rows without copying every record.
func pointers[T any](list []T) []*T {
	out := make([]*T, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	return out
}

func (t *sortedTable[T]) setRows(rows []T, countText string) {
	t.rows = rows
	t.sort()
	t.count.SetText(countText)
	t.table.UnselectAll()
	t.table.Refresh()
}

// predictionTable lists every prediction, sortable by any column.
type predictionTable struct {
	*sortedTable[*model.Prediction]
}

func newPredictionTable(onSelect func(id int64)) *predictionTable {
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
	return &predictionTable{newSortedTable(cols, func(p *model.Prediction) { onSelect(p.ID) })}
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

// set shows predictions; the table points into the slice, which must not change.
func (t *predictionTable) set(preds []model.Prediction) {
	t.setRows(pointers(preds), i18n.PredictionCount(len(preds)))
}
