package tables

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
)

// pageSize is how many rows the events table reads at a time.
const pageSize = 200

// Events lists the events a filter keeps, a page at a time: the store
// counts and sorts them, and the table reads the pages of the rows in
// view, so that a million events open at once.
type Events struct {
	table    *widget.Table
	countTxt *widget.Label
	box      fyne.CanvasObject
	cols     []eventColumn
	onSelect func(id int64)

	source  EventSource
	run     func(work func())
	filter  filter.Filter
	sortCol int
	desc    bool
	// count is how many rows the table has; -1 while it is counted.
	count int
	pages map[int][]model.Event
	// asked marks the pages being read.
	asked map[int]bool
	// gen is bumped when what the table lists changes: late pages of an
	// earlier listing are dropped.
	gen uint64
	// pending counts the reads under way.
	pending int
}

// eventColumn is a column of the events table and the order its header
// sorts by ("" when the store cannot sort by it).
type eventColumn struct {
	title string
	width float32
	text  func(*model.Event) string
	order store.EventOrder
	sorts bool
}

// EventSource counts and reads the events a filter keeps; the window's
// session is one.
type EventSource interface {
	Count(ctx context.Context, f filter.Filter) (int, error)
	Page(ctx context.Context, p app.EventPage) ([]model.Event, error)
}

// NewEvents builds the table, empty until Show; onSelect hears the event
// tapped, and run runs a read off the UI goroutine (its result comes back
// through fyne.Do).
func NewEvents(onSelect func(id int64), run func(work func())) *Events {
	t := &Events{onSelect: onSelect, run: run, countTxt: widget.NewLabel(""), pages: map[int][]model.Event{}, asked: map[int]bool{}}
	t.countTxt.TextStyle = fyne.TextStyle{Italic: true}
	t.cols = []eventColumn{
		{tr("field.date", "Date"), 150, func(e *model.Event) string { return i18n.EventDateText(*e) }, store.OrderDate, true},
		{tr("field.title", "Title"), 420, func(e *model.Event) string { return e.DisplayTitle(i18n.Lang()) }, titleOrder(), true},
		{tr("field.actor", "Actor"), 170, func(e *model.Event) string { return e.Actor }, store.OrderActor, true},
		{tr("field.category", "Category"), 110, func(e *model.Event) string { return i18n.CategoryName(e.Category) }, store.OrderCategory, true},
		{tr("field.tags", "Tags"), 220, func(e *model.Event) string { return strings.Join(e.Tags, ", ") }, "", false},
	}
	t.table = widget.NewTable(
		func() (int, int) { return max(t.count, 0), len(t.cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			text := ""
			if e, ok := t.row(id.Row); ok {
				text = t.cols[id.Col].text(e)
			} else if id.Col == 0 {
				text = "…"
			}
			o.(*widget.Label).SetText(text)
		})
	sortHeaders(t.table, func(col int) (string, bool) {
		if col < 0 || col >= len(t.cols) {
			return "", false
		}
		return t.cols[col].title, t.cols[col].sorts
	}, func() (int, bool) { return t.sortCol, t.desc }, t.sortBy)
	t.table.OnSelected = func(id widget.TableCellID) {
		if e, ok := t.row(id.Row); ok && t.onSelect != nil {
			t.onSelect(e.ID)
		}
	}
	for i, c := range t.cols {
		t.table.SetColumnWidth(i, c.width)
	}
	t.box = container.NewBorder(nil, t.countTxt, nil, nil, t.table)
	return t
}

// Object is the table with its count below.
func (t *Events) Object() fyne.CanvasObject { return t.box }

// Count is how many events the table lists, as last counted.
func (t *Events) Count() int { return t.count }

// Show lists the events f keeps in source, counting them first; a nil
// source lists none.
func (t *Events) Show(source EventSource, f filter.Filter) {
	t.source, t.filter = source, f
	t.restart()
}

// restart forgets the pages read and counts again.
func (t *Events) restart() {
	t.gen++
	t.pages, t.asked = map[int][]model.Event{}, map[int]bool{}
	t.table.UnselectAll()
	if t.source == nil {
		t.count = 0
		t.table.Refresh()
		return
	}
	source, f := t.source, t.filter
	fetch(t, func(ctx context.Context) (int, error) { return source.Count(ctx, f) }, func(n int, err error) {
		if err != nil {
			fyne.LogError("counting the events", err)
			n = 0
		}
		t.count = n
		t.countTxt.SetText(i18n.EventCount(n))
		t.table.Refresh()
	})
}

// fetch runs read off the UI goroutine, then hands what it read to done on
// the UI goroutine, unless the table was shown something else meanwhile.
func fetch[T any](t *Events, read func(context.Context) (T, error), done func(T, error)) {
	gen := t.gen
	t.pending++
	t.run(func() {
		v, err := read(context.Background())
		fyne.Do(func() {
			t.pending--
			if gen == t.gen {
				done(v, err)
			}
		})
	})
}

// sortBy sorts by column col in the store; the same column again reverses
// the order.
func (t *Events) sortBy(col int) {
	if col == t.sortCol {
		t.desc = !t.desc
	} else {
		t.sortCol, t.desc = col, false
	}
	t.gen++
	t.pages, t.asked = map[int][]model.Event{}, map[int]bool{}
	t.table.UnselectAll()
	t.table.Refresh()
}

// row is the event of row i when its page was read; otherwise the page
// is asked for and the table refreshed when it comes.
func (t *Events) row(i int) (*model.Event, bool) {
	if i < 0 || i >= t.count {
		return nil, false
	}
	page := i / pageSize
	if rows, ok := t.pages[page]; ok {
		if j := i - page*pageSize; j < len(rows) {
			return &rows[j], true
		}
		return nil, false
	}
	t.readPage(page)
	return nil, false
}

func (t *Events) readPage(page int) {
	if t.asked[page] || t.source == nil {
		return
	}
	t.asked[page] = true
	q := app.EventPage{Filter: t.filter, Order: t.cols[t.sortCol].order, Desc: t.desc,
		Offset: page * pageSize, Limit: pageSize}
	source := t.source
	fetch(t, func(ctx context.Context) ([]model.Event, error) { return source.Page(ctx, q) }, func(rows []model.Event, err error) {
		if err != nil {
			fyne.LogError("reading a page of events", err)
			delete(t.asked, page)
			return
		}
		t.pages[page] = rows
		t.table.Refresh()
	})
}

// titleOrder sorts the title column by the titles the column shows: the
// Chinese ones, where there are, in the Chinese interface.
func titleOrder() store.EventOrder {
	if i18n.Lang() == "zh" {
		return store.OrderTitleZh
	}
	return store.OrderTitle
}
