// Package tables holds the window's Events and Predictions tabs: tables
// whose header cells sort them. The events table reads its rows a page at
// a time from an EventSource, so that a million events open at once; the
// predictions table sorts the predictions it is given.
package tables

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
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
	sortHeaders(t.table, func(col int) (string, bool) {
		if col < 0 || col >= len(t.cols) {
			return "", false
		}
		return t.cols[col].title, true
	}, func() (int, bool) { return t.sortCol, t.desc }, t.sortBy)
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

// Object is the table with its count below.
func (t *sortedTable[T]) Object() fyne.CanvasObject { return t.box }

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

// sortHeaders makes table's header a row of buttons, one a column, that
// sort by their column; the sorted column shows the direction as an icon
// (▲ and ▼ are in neither bundled font). title names column col, sorted
// says which column sorts and which way, and sortBy (nil for a column that
// cannot sort) is called with the column tapped.
func sortHeaders(table *widget.Table, title func(col int) (string, bool), sorted func() (col int, desc bool), sortBy func(col int)) {
	table.ShowHeaderRow = true
	table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		return b
	}
	table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		text, sorts := title(id.Col)
		b.OnTapped = nil
		if text == "" {
			b.SetText("")
			return
		}
		var icon fyne.Resource
		if col, desc := sorted(); col == id.Col {
			icon = theme.MoveUpIcon()
			if desc {
				icon = theme.MoveDownIcon()
			}
		}
		b.SetText(text)
		b.SetIcon(icon)
		if col := id.Col; sorts {
			b.OnTapped = func() { sortBy(col) }
		}
	}
}
