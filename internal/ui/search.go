package ui

import (
	"context"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
)

// searchResult is one hit: an event or a prediction.
type searchResult struct {
	sel   app.Selection
	title string
	sub   string
}

// searchPanel is the search box and its results list beside the timeline.
type searchPanel struct {
	entry   *widget.Entry
	list    *widget.List
	summary *widget.Label
	box     *fyne.Container
	results []searchResult

	mu       sync.Mutex
	timer    *time.Timer
	search   func(query string) ([]searchResult, error)
	onSelect func(app.Selection)
	// onToggle is told when the results list appears or goes away, so the
	// window can make room for it.
	onToggle func(visible bool)
}

// searchDelay lets a person finish typing before the database is asked.
const searchDelay = 200 * time.Millisecond

// searchAfter runs f after d on another goroutine; tests run it at once, in
// line (see background).
var searchAfter = time.AfterFunc

func newSearchPanel(search func(string) ([]searchResult, error), onSelect func(app.Selection)) *searchPanel {
	p := &searchPanel{search: search, onSelect: onSelect, summary: widget.NewLabel("")}
	p.entry = widget.NewEntry()
	p.entry.SetPlaceHolder(tr("search.placeholder", "Search titles, statements, sources… (Ctrl+F)"))
	p.entry.OnChanged = p.queryChanged
	p.entry.OnSubmitted = func(string) {
		if len(p.results) > 0 {
			p.list.Select(0)
		}
	}
	p.list = widget.NewList(
		func() int { return len(p.results) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("")
			title.Truncation = fyne.TextTruncateEllipsis
			sub := widget.NewLabel("")
			sub.TextStyle = fyne.TextStyle{Italic: true}
			sub.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(title, sub)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(p.results) {
				return
			}
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(p.results[i].title)
			box.Objects[1].(*widget.Label).SetText(p.results[i].sub)
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.results) {
			p.onSelect(p.results[i].sel)
		}
	}
	p.summary.TextStyle = fyne.TextStyle{Italic: true}
	p.box = container.NewBorder(p.summary, nil, nil, nil, p.list)
	p.box.Hide()
	return p
}

func (p *searchPanel) object() fyne.CanvasObject { return p.box }

// queryChanged schedules a search a moment after the last keystroke.
func (p *searchPanel) queryChanged(query string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.timer != nil {
		p.timer.Stop()
	}
	query = strings.TrimSpace(query)
	if query == "" {
		p.show(nil, "")
		return
	}
	p.timer = searchAfter(searchDelay, func() {
		results, err := p.search(query)
		fyne.Do(func() {
			if strings.TrimSpace(p.entry.Text) != query {
				return // typing went on; a newer search is coming
			}
			if err != nil {
				p.show(nil, err.Error())
				return
			}
			p.show(results, trf("search.count", "{{.Count}} found for “{{.Query}}”", map[string]any{"Count": len(results), "Query": query}))
		})
	})
}

func (p *searchPanel) show(results []searchResult, summary string) {
	p.results = results
	p.summary.SetText(summary)
	p.list.UnselectAll()
	p.list.Refresh()
	visible := summary != ""
	if visible == p.box.Visible() {
		return
	}
	if visible {
		p.box.Show()
	} else {
		p.box.Hide()
	}
	if p.onToggle != nil {
		p.onToggle(visible)
	}
}

// runSearch asks for the events and predictions matching query. It runs
// off the UI goroutine.
func (m *MainWindow) runSearch(query string) ([]searchResult, error) {
	session := m.session
	if session == nil {
		return nil, nil
	}
	events, preds, err := session.Search(context.Background(), query)
	if err != nil {
		return nil, err
	}
	return searchResults(events, preds), nil
}

func searchResults(events []model.Event, preds []model.Prediction) []searchResult {
	out := make([]searchResult, 0, len(events)+len(preds))
	for _, p := range preds {
		out = append(out, searchResult{
			sel:   app.PredictionSelection(p.ID),
			title: p.DisplayStatement(i18n.Lang()),
			sub:   tr("search.prediction", "Prediction") + " · " + i18n.StateName(p.State()) + " · " + p.DisplaySource(i18n.Lang()) + " · " + p.Made.Format(i18n.Lang()),
		})
	}
	for _, e := range events {
		sub := i18n.EventDateText(e)
		if e.Actor != "" {
			sub += " · " + e.Actor
		}
		out = append(out, searchResult{sel: app.EventSelection(e.ID), title: e.DisplayTitle(i18n.Lang()), sub: sub})
	}
	return out
}

func (m *MainWindow) focusSearch() {
	m.win.Canvas().Focus(m.search.entry)
}
