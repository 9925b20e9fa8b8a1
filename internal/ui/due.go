package ui

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

// dueWindow is how far ahead the Due list looks.
const dueWindow = 30

// duePrediction is an open prediction with the last day it can come true,
// or, for one due for a review, the day it was last reviewed.
type duePrediction struct {
	p      model.Prediction
	latest when.Day
	// review marks a claim listed because nobody has looked at it for
	// model.ReviewInterval months; latest is then its last review.
	review bool
}

// dueItems returns the open predictions whose deadline has passed or ends
// within dueWindow days of today, most overdue first, then the open claims
// not reviewed in six months, longest unreviewed first.
func dueItems(preds []model.Prediction, today when.Day) []duePrediction {
	var out, reviews []duePrediction
	for _, p := range preds {
		if p.State() != model.StateOpen {
			continue
		}
		_, latest, ok := p.Due()
		switch {
		case ok && latest != when.MaxDay && latest <= today+dueWindow:
			out = append(out, duePrediction{p: p, latest: latest})
		case p.ReviewDue(today):
			reviews = append(reviews, duePrediction{p: p, latest: p.LastReviewed(), review: true})
		}
	}
	byDay := func(a, b duePrediction) int {
		return cmp.Or(cmp.Compare(a.latest, b.latest), cmp.Compare(a.p.ID, b.p.ID))
	}
	slices.SortFunc(out, byDay)
	slices.SortFunc(reviews, byDay)
	return append(out, reviews...)
}

// dueList is the "Due" tab: predictions waiting to be resolved, and open
// claims waiting for a review.
type dueList struct {
	// preds are the predictions the list picks from (the filtered ones).
	preds        []model.Prediction
	items        []duePrediction
	today        when.Day
	list         *widget.List
	empty        *widget.Label
	box          *fyne.Container
	resolve      func(model.Prediction)
	markReviewed func(model.Prediction)
}

func newDueList(onSelect func(id int64), resolve, markReviewed func(model.Prediction)) *dueList {
	d := &dueList{resolve: resolve, markReviewed: markReviewed}
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

func (d *dueList) object() fyne.CanvasObject { return d.box }

// set shows the due predictions as of today and returns how many there are.
func (d *dueList) set(preds []model.Prediction, today when.Day) int {
	d.items, d.today = dueItems(preds, today), today
	if len(d.items) == 0 {
		d.empty.Show()
	} else {
		d.empty.Hide()
	}
	d.list.UnselectAll()
	d.list.Refresh()
	return len(d.items)
}
