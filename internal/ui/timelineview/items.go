package timelineview

import (
	"cmp"
	"slices"
	"strings"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/timeline"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Words are the texts the timeline shows, in the interface language. The
// window passes them in; a test may pass words of its own.
type Words interface {
	T(key, fallback string) string
	TF(key, fallback string, data map[string]any) string
	Lang() string
}

// Grouping chooses what the event lanes of the timeline stand for.
type Grouping int

// The groupings of event lanes; predictions always get one lane per source.
const (
	GroupByActor Grouping = iota
	GroupByCategory
	GroupByTag
)

// Events and predictions share the one ID space of timeline.Item, so an
// event takes the even number and a prediction the odd one after it.
func eventItemID(id int64) int64      { return id * 2 }
func predictionItemID(id int64) int64 { return id*2 + 1 }

// selectionOf maps a timeline item ID back to the record it stands for.
func selectionOf(itemID int64) app.Selection {
	if itemID&1 == 1 {
		return app.Selection{Kind: app.SelectPrediction, ID: (itemID - 1) / 2}
	}
	return app.Selection{Kind: app.SelectEvent, ID: itemID / 2}
}

// itemIDOf is the inverse of selectionOf; ok is false for app.SelectNone.
func itemIDOf(sel app.Selection) (int64, bool) {
	switch sel.Kind {
	case app.SelectEvent:
		return eventItemID(sel.ID), true
	case app.SelectPrediction:
		return predictionItemID(sel.ID), true
	}
	return 0, false
}

// Item.State of a prediction: its index in model.States, with stateOverdue
// set when it is still open after its deadline. Events keep 0.
const stateOverdue uint8 = 0x80

func stateIndex(s model.State) uint8 {
	if i := slices.Index(model.States, s); i >= 0 {
		return uint8(i)
	}
	return 0
}

// stateOfItem decodes Item.State of a prediction.
func stateOfItem(st uint8) (model.State, bool) {
	i := int(st &^ stateOverdue)
	if i >= len(model.States) {
		return model.StateOpen, st&stateOverdue != 0
	}
	return model.States[i], st&stateOverdue != 0
}

// Lane keys carry a prefix per kind so that collapsed lanes saved under one
// grouping never match a lane of another.
const (
	laneKeyPrediction = "pred:"
	laneKeyActor      = "actor:"
	laneKeyCategory   = "cat:"
	laneKeyTag        = "tag:"
)

// itemData is the result of converting records for the layout.
type itemData struct {
	items []timeline.Item
	lanes []timeline.Lane
}

// buildItems converts records to timeline items and lanes:
// prediction lanes (one per source) first, then the event lanes of the
// grouping, each group sorted busiest first, then by name. collapsed holds
// the keys of collapsed lanes; today decides which predictions are overdue.
func buildItems(events []model.Event, preds []model.Prediction, g Grouping, w Words, today when.Day, collapsed map[string]bool) itemData {
	lang := w.Lang()
	var lb laneBuilder
	items := make([]timeline.Item, 0, len(events)+len(preds))

	for i := range preds {
		p := &preds[i]
		start, end, ok := predictionExtent(p)
		if !ok {
			continue
		}
		src := strings.TrimSpace(p.Source)
		lane := lb.lane(laneKeyPrediction+src, func() string {
			name := strings.TrimSpace(p.DisplaySource(lang))
			if name == "" {
				name = w.T("timeline.lane.unknownSource", "unknown source")
			}
			return w.TF("timeline.lane.predictions", "Predictions · {{.Source}}", map[string]any{"Source": name})
		})
		state := p.State()
		st := stateIndex(state)
		if p.Overdue(today) {
			st |= stateOverdue
		}
		it := timeline.Item{
			ID:     predictionItemID(p.ID),
			Lane:   lane,
			Start:  int64(start),
			End:    int64(end),
			Kind:   timeline.KindPrediction,
			State:  st,
			Label:  p.DisplayStatement(lang),
			Badges: claimBadges(p),
		}
		// The line goes to the first event that resolves the prediction.
		for _, ev := range p.Resolution.Evidence {
			if ev.Role == model.RoleResolves {
				it.LinkTo = eventItemID(ev.EventID)
				break
			}
		}
		items = append(items, it)
	}
	predLanes := len(lb.lanes)

	for i := range events {
		e := &events[i]
		key, title := eventLane(e, g, w)
		lane := lb.lane(key, title)
		start, end := e.Earliest(), e.Latest()
		items = append(items, timeline.Item{
			ID:    eventItemID(e.ID),
			Lane:  lane,
			Start: int64(start),
			End:   int64(end),
			Fuzzy: eventFuzzy(e),
			Kind:  timeline.KindEvent,
			Label: e.DisplayTitle(lang),
		})
	}

	// Sort each group, then renumber the items' lanes to the new order.
	order := make([]int, len(lb.lanes))
	for i := range order {
		order[i] = i
	}
	byBusy := func(a, b int) int {
		la, lb2 := &lb.lanes[a], &lb.lanes[b]
		if c := cmp.Compare(lb2.count, la.count); c != 0 {
			return c
		}
		if c := cmp.Compare(la.sortTitle, lb2.sortTitle); c != 0 {
			return c
		}
		return cmp.Compare(la.key, lb2.key)
	}
	slices.SortFunc(order[:predLanes], byBusy)
	slices.SortFunc(order[predLanes:], byBusy)
	newIndex := make([]int, len(order))
	lanes := make([]timeline.Lane, len(order))
	for n, old := range order {
		newIndex[old] = n
		l := &lb.lanes[old]
		lanes[n] = timeline.Lane{Key: l.key, Title: l.title, Collapsed: collapsed[l.key]}
	}
	for i := range items {
		items[i].Lane = newIndex[items[i].Lane]
	}
	return itemData{items: items, lanes: lanes}
}

// claimBadges counts the marks before a claim's label: its state, its
// kind when it is not a forecast, and a retrospective mark.
func claimBadges(p *model.Prediction) uint8 {
	n := uint8(1)
	if p.Kind != "" && p.Kind != model.KindForecast {
		n++
	}
	if p.Retrospective() {
		n++
	}
	return n
}

// predictionExtent is the stretch a prediction covers: from the day it was
// made to the last day of its deadline. Without a deadline (or with one
// that never ends) it runs to its resolution, or is a point on the day it
// was made while open. A prediction with no date at all is left out.
func predictionExtent(p *model.Prediction) (start, end when.Day, ok bool) {
	resolved := p.Resolution.Resolved() && !p.Resolution.On.IsZero()
	dueLo, dueHi, due := p.Due()
	switch {
	case !p.Made.IsZero():
		start = p.Made.Earliest()
	case due:
		start = dueLo
	case resolved:
		start = p.Resolution.On.Earliest()
	default:
		return 0, 0, false
	}
	end = start
	if due && dueHi != when.MaxDay {
		end = dueHi
	} else if resolved {
		end = p.Resolution.On.Latest()
	}
	return start, max(start, end), true
}

// eventFuzzy reports a date too vague for a sharp mark: coarser than a day,
// or marked approximate.
func eventFuzzy(e *model.Event) bool {
	if e.Date.Approximate() || e.End.Approximate() {
		return true
	}
	if e.Date.Precision() != when.PrecisionDay {
		return true
	}
	return !e.End.IsZero() && e.End.Precision() != when.PrecisionDay
}

// eventLane returns the key of an event's lane under grouping g and a
// function naming it, called once per lane rather than once per event.
func eventLane(e *model.Event, g Grouping, w Words) (key string, title func() string) {
	switch g {
	case GroupByCategory:
		c := e.Category
		if !c.Valid() {
			c = model.CategoryOther
		}
		return laneKeyCategory + string(c), func() string { return categoryTitle(w, c) }
	case GroupByTag:
		// An event with several tags sits in the lane of its first tag
		// only: one mark per event keeps the lanes honest about how much
		// happened, and the first tag is the one its author chose first.
		if len(e.Tags) == 0 || strings.TrimSpace(e.Tags[0]) == "" {
			return laneKeyTag, func() string { return w.T("timeline.lane.noTag", "No tag") }
		}
		tag := e.Tags[0]
		return laneKeyTag + tag, func() string { return "#" + tag }
	}
	actor := strings.TrimSpace(e.Actor)
	if actor == "" {
		return laneKeyActor, func() string { return w.T("timeline.lane.noActor", "No actor") }
	}
	return laneKeyActor + actor, func() string { return actor }
}

func categoryTitle(w Words, c model.Category) string {
	switch c {
	case model.CategoryModel:
		return w.T("timeline.category.model", "Models")
	case model.CategoryProduct:
		return w.T("timeline.category.product", "Products")
	case model.CategoryFunding:
		return w.T("timeline.category.funding", "Funding")
	case model.CategoryPolicy:
		return w.T("timeline.category.policy", "Policy")
	case model.CategoryPeople:
		return w.T("timeline.category.people", "People")
	case model.CategoryResearch:
		return w.T("timeline.category.research", "Research")
	}
	return w.T("timeline.category.other", "Other")
}

func stateTitle(w Words, s model.State) string {
	switch s {
	case model.StateTrue:
		return w.T("timeline.state.true", "came true")
	case model.StateFalse:
		return w.T("timeline.state.false", "proved false")
	case model.StatePartly:
		return w.T("timeline.state.partly", "partly true")
	case model.StateAmbiguous:
		return w.T("timeline.state.ambiguous", "ambiguous")
	case model.StateAnnulled:
		return w.T("timeline.state.annulled", "annulled")
	case model.StateWithdrawn:
		return w.T("timeline.state.withdrawn", "withdrawn")
	case model.StateUnfalsifiable:
		return w.T("timeline.state.unfalsifiable", "unfalsifiable: it can never be checked")
	}
	return w.T("timeline.state.open", "open")
}

func kindTitle(w Words, k model.Kind) string {
	switch k {
	case model.KindQuestion:
		return w.T("timeline.kind.question", "question (never scored)")
	case model.KindHope:
		return w.T("timeline.kind.hope", "hope or intent (not scored)")
	case model.KindOpinion:
		return w.T("timeline.kind.opinion", "opinion or claim of fact (not scored)")
	}
	return w.T("timeline.kind.forecast", "forecast")
}

// laneBuilder hands out lane numbers in order of first appearance and
// counts their items.
type laneBuilder struct {
	lanes []laneInfo
	byKey map[string]int
}

type laneInfo struct {
	key, title string
	sortTitle  string // lower-case title, for sorting by name
	count      int
}

// lane returns the number of the lane with key, naming a new lane with
// title.
func (b *laneBuilder) lane(key string, title func() string) int {
	if b.byKey == nil {
		b.byKey = make(map[string]int)
	}
	l, ok := b.byKey[key]
	if !ok {
		l = len(b.lanes)
		b.byKey[key] = l
		t := title()
		b.lanes = append(b.lanes, laneInfo{key: key, title: t, sortTitle: strings.ToLower(t)})
	}
	b.lanes[l].count++
	return l
}
