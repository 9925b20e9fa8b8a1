package due

import (
	"cmp"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/when"
)

// window is how far ahead, in days, the Due list looks.
const window = 30

// item is an open prediction with the last day it can come true,
// or, for one due for a review, the day it was last reviewed.
type item struct {
	p      model.Prediction
	latest when.Day
	// review marks a claim listed because nobody has looked at it for
	// model.ReviewInterval months; latest is then its last review.
	review bool
}

// itemsDue returns the open predictions whose deadline has passed or ends
// within window days of today, most overdue first, then the open claims
// not reviewed in six months, longest unreviewed first.
func itemsDue(preds []model.Prediction, today when.Day) []item {
	var out, reviews []item
	for _, p := range preds {
		if p.State() != model.StateOpen {
			continue
		}
		_, latest, ok := p.Due()
		switch {
		case ok && latest != when.MaxDay && latest <= today+window:
			out = append(out, item{p: p, latest: latest})
		case p.ReviewDue(today):
			reviews = append(reviews, item{p: p, latest: p.LastReviewed(), review: true})
		}
	}
	byDay := func(a, b item) int {
		return cmp.Or(cmp.Compare(a.latest, b.latest), cmp.Compare(a.p.ID, b.p.ID))
	}
	slices.SortFunc(out, byDay)
	slices.SortFunc(reviews, byDay)
	return append(out, reviews...)
}

// List is the "Due" tab: predictions waiting to be resolved, and open
// claims waiting for a review; and the toolbar's button that counts them.
type List struct {
	// preds are the predictions the list picks from (the filtered ones).
	preds        []model.Prediction
	items        []item
	today        when.Day
	list         *widget.List
	empty        *widget.Label
	box          *fyne.Container
	button       *widget.Button
	resolve      func(model.Prediction)
	markReviewed func(model.Prediction)
}

// New returns an empty Due list. onSelect hears a prediction chosen in the
// list, resolve and markReviewed its buttons, and showTab the toolbar's
// button.
func New(onSelect func(id int64), resolve, markReviewed func(model.Prediction), showTab func()) *List {
	d := &List{resolve: resolve, markReviewed: markReviewed}
	d.button = widget.NewButtonWithIcon(tr("action.due", "Due"), theme.WarningIcon(), showTab)
	d.list = widget.NewList(
		func() int { return len(d.items) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("")
			title.Truncation = fyne.TextTruncateEllipsis
			when := widget.NewLabel("")
			reviewed := widget.NewButtonWithIcon(tr("action.mark_reviewed", "Mark reviewed"), theme.VisibilityIcon(), nil)
			btn := widget.NewButtonWithIcon(tr("action.resolve", "Resolve…"), theme.ConfirmIcon(), nil)
			return container.NewBorder(nil, nil, nil, container.NewHBox(when, reviewed, btn), title)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(d.items) {
				return
			}
			item := d.items[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(item.p.DisplayStatement(i18n.Lang()))
			right := box.Objects[1].(*fyne.Container)
			label := right.Objects[0].(*widget.Label)
			reviewed := right.Objects[1].(*widget.Button)
			days := int(d.today - item.latest)
			switch {
			case item.review:
				label.SetText(trf("due.review", "not reviewed since {{.Date}}", map[string]any{
					"Date": when.DayDate(item.latest).Format(i18n.Lang())}))
				label.Importance = widget.MediumImportance
				reviewed.Show()
			case days > 0:
				label.SetText(trn("due.overdue", "overdue by 1 day", "overdue by {{.Count}} days", days, nil))
				label.Importance = widget.DangerImportance
				reviewed.Hide()
			default:
				label.SetText(trn("due.in", "due in 1 day", "due in {{.Count}} days", -days, nil))
				label.Importance = widget.WarningImportance
				reviewed.Hide()
			}
			label.Refresh()
			reviewed.OnTapped = func() { d.markReviewed(item.p) }
			right.Objects[2].(*widget.Button).OnTapped = func() { d.resolve(item.p) }
		})
	d.list.OnSelected = func(i widget.ListItemID) {
		if i < len(d.items) {
			onSelect(d.items[i].p.ID)
		}
	}
	d.empty = widget.NewLabel(tr("due.empty", "No open prediction is overdue or due within 30 days, and none has gone six months without a review."))
	d.empty.TextStyle = fyne.TextStyle{Italic: true}
	d.empty.Wrapping = fyne.TextWrapWord
	d.box = container.NewBorder(d.empty, nil, nil, nil, d.list)
	return d
}

// Object is the tab's content.
func (d *List) Object() fyne.CanvasObject { return d.box }

// Button is the toolbar's button: it shows the tab, counting what is due.
func (d *List) Button() *widget.Button { return d.button }

// Set shows which of preds are due as of today; nil empties the list.
func (d *List) Set(preds []model.Prediction, today when.Day) {
	d.preds = preds
	d.Update(today)
}

// Update shows the due predictions as of today, in the list and counted
// on the button: a window left open past a deadline says so.
func (d *List) Update(today when.Day) {
	d.items, d.today = itemsDue(d.preds, today), today
	if len(d.items) == 0 {
		d.empty.Show()
	} else {
		d.empty.Hide()
	}
	d.list.UnselectAll()
	d.list.Refresh()
	d.button.SetText(trf("action.due_count", "Due ({{.Count}})", map[string]any{"Count": len(d.items)}))
	if len(d.items) > 0 {
		d.button.Importance = widget.WarningImportance
	} else {
		d.button.Importance = widget.MediumImportance
	}
	d.button.Refresh()
}
