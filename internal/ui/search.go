package ui

import (
	"context"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
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
	// onResults is told every new list of results, and nil when the search
	// is cleared, so the timeline can show them.
	onResults func(results []searchResult)
	// words are the words searched for, highlighted in the results.
	words []string
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
			title := widget.NewRichText()
			title.Truncation = fyne.TextTruncateEllipsis
			sub := widget.NewRichText()
			sub.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(title, sub)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(p.results) {
				return
			}
			box := o.(*fyne.Container)
			title, sub := box.Objects[0].(*widget.RichText), box.Objects[1].(*widget.RichText)
			title.Segments = highlighted(p.results[i].title, p.words, widget.RichTextStyleInline)
			title.Refresh()
			sub.Segments = highlighted(p.results[i].sub, p.words, widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Italic: true}})
			sub.Refresh()
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
			p.words = strings.Fields(query)
			p.show(results, trf("search.count", "{{.Count}} found for “{{.Query}}”", map[string]any{"Count": len(results), "Query": query}))
		})
	})
}

func (p *searchPanel) show(results []searchResult, summary string) {
	p.results = results
	if p.onResults != nil {
		if summary == "" {
			p.onResults(nil)
		} else {
			p.onResults(results)
		}
	}
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

// search asks session for the events and predictions matching query. It
// runs off the UI goroutine.
func search(session *app.Session, query string) ([]searchResult, error) {
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

// focus puts the keyboard in the search box.
func (p *searchPanel) focus(c fyne.Canvas) { c.Focus(p.entry) }

// highlighted splits text into rich-text segments with every occurrence of
// words (ignoring case) in bold and the theme's primary colour.
func highlighted(text string, words []string, style widget.RichTextStyle) []widget.RichTextSegment {
	lower := strings.ToLower(text)
	marked := make([]bool, len(text))
	for _, w := range words {
		w = strings.ToLower(w)
		if w == "" || len(lower) != len(text) {
			continue // lower-casing changed the length: no safe offsets
		}
		for from := 0; ; {
			i := strings.Index(lower[from:], w)
			if i < 0 {
				break
			}
			for k := from + i; k < from+i+len(w); k++ {
				marked[k] = true
			}
			from += i + len(w)
		}
	}
	hit := style
	hit.TextStyle.Bold = true
	hit.ColorName = theme.ColorNamePrimary
	var segs []widget.RichTextSegment
	for start := 0; start < len(text); {
		end := start
		for end < len(text) && marked[end] == marked[start] {
			end++
		}
		st := style
		if marked[start] {
			st = hit
		}
		segs = append(segs, &widget.TextSegment{Text: text[start:end], Style: st})
		start = end
	}
	return segs
}
