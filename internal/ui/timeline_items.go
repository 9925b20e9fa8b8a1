package ui

import (
	"cmp"
	"slices"
	"strings"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/timeline"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Grouping chooses what the event lanes of the timeline stand for.
type Grouping int

// The groupings of event lanes; predictions always get one lane per source.
const (
	GroupByActor Grouping = iota
	GroupByCategory
	GroupByTag
)

// SelectionKind tells what a Selection points at.
type SelectionKind int

// Kinds of selection.
const (
	SelectNone SelectionKind = iota
	SelectEvent
	SelectPrediction
)

// Selection names the record picked on the timeline.
type Selection struct {
	Kind SelectionKind
	ID   int64
}

// Events and predictions share the one ID space of timeline.Item, so an
// event takes the even number and a prediction the odd one after it.
func tlEventItemID(id int64) int64      { return id * 2 }
func tlPredictionItemID(id int64) int64 { return id*2 + 1 }

// tlSelectionOf maps a timeline item ID back to the record it stands for.
func tlSelectionOf(itemID int64) Selection {
	if itemID&1 == 1 {
		return Selection{Kind: SelectPrediction, ID: (itemID - 1) / 2}
	}
	return Selection{Kind: SelectEvent, ID: itemID / 2}
}

// tlItemIDOf is the inverse of tlSelectionOf; ok is false for SelectNone.
func tlItemIDOf(sel Selection) (int64, bool) {
	switch sel.Kind {
	case SelectEvent:
		return tlEventItemID(sel.ID), true
	case SelectPrediction:
		return tlPredictionItemID(sel.ID), true
	}
	return 0, false
}

// Item.State of a prediction: its index in model.States, with tlStateOverdue
// set when it is still open after its deadline. Events keep 0.
const tlStateOverdue uint8 = 0x80

func tlStateIndex(s model.State) uint8 {
	if i := slices.Index(model.States, s); i >= 0 {
		return uint8(i)
	}
	return 0
}

// tlStateOfItem decodes Item.State of a prediction.
func tlStateOfItem(st uint8) (model.State, bool) {
	i := int(st &^ tlStateOverdue)
	if i >= len(model.States) {
		return model.StateOpen, st&tlStateOverdue != 0
	}
	return model.States[i], st&tlStateOverdue != 0
}

// Lane keys carry a prefix per kind so that collapsed lanes saved under one
// grouping never match a lane of another.
const (
	tlLaneKeyPrediction = "pred:"
	tlLaneKeyActor      = "actor:"
	tlLaneKeyCategory   = "cat:"
	tlLaneKeyTag        = "tag:"
)

// tlData is the result of converting records for the layout.
type tlData struct {
	items []timeline.Item
	lanes []timeline.Lane
}

// tlBuildItems converts records to timeline items and lanes:
// prediction lanes (one per source) first, then the event lanes of the
// grouping, each group sorted busiest first, then by name. collapsed holds
// the keys of collapsed lanes; today decides which predictions are overdue.
func tlBuildItems(events []model.Event, preds []model.Prediction, g Grouping, lang string, today when.Day, collapsed map[string]bool) tlData {
	var lb tlLaneBuilder
	items := make([]timeline.Item, 0, len(events)+len(preds))

	for i := range preds {
		p := &preds[i]
		start, end, ok := tlPredictionExtent(p)
		if !ok {
			continue
		}
		src := strings.TrimSpace(p.Source)
		lane := lb.lane(tlLaneKeyPrediction+src, func() string {
			name := strings.TrimSpace(p.DisplaySource(lang))
			if name == "" {
				name = tr("timeline.lane.unknownSource", "unknown source")
			}
			return trf("timeline.lane.predictions", "Predictions · {{.Source}}", map[string]any{"Source": name})
		})
		state := p.State()
		st := tlStateIndex(state)
		if tlPredictionOverdue(p, today) {
			st |= tlStateOverdue
		}
		it := timeline.Item{
			ID:    tlPredictionItemID(p.ID),
			Lane:  lane,
			Start: int64(start),
			End:   int64(end),
			Kind:  timeline.KindPrediction,
			State: st,
			Label: p.DisplayStatement(lang),
		}
		// The line goes to the first event that resolves the prediction.
		for _, ev := range p.Resolution.Evidence {
			if ev.Role == model.RoleResolves {
				it.LinkTo = tlEventItemID(ev.EventID)
				break
			}
		}
		items = append(items, it)
	}
	predLanes := len(lb.lanes)

	for i := range events {
		e := &events[i]
		key, title := tlEventLane(e, g)
		lane := lb.lane(key, title)
		start, end := e.Earliest(), e.Latest()
		items = append(items, timeline.Item{
			ID:    tlEventItemID(e.ID),
			Lane:  lane,
			Start: int64(start),
			End:   int64(end),
			Fuzzy: tlEventFuzzy(e),
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
	return tlData{items: items, lanes: lanes}
}

// tlPredictionExtent is the stretch a prediction covers: from the day it was
// made to the last day of its deadline. Without a deadline (or with one
// that never ends) it runs to its resolution, or is a point on the day it
// was made while open. A prediction with no date at all is left out.
func tlPredictionExtent(p *model.Prediction) (start, end when.Day, ok bool) {
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

// tlPredictionOverdue reports an open prediction whose deadline has passed.
func tlPredictionOverdue(p *model.Prediction, today when.Day) bool {
	if p.State() != model.StateOpen {
		return false
	}
	_, hi, ok := p.Due()
	return ok && hi != when.MaxDay && hi < today
}

// tlEventFuzzy reports a date too vague for a sharp mark: coarser than a day,
// or marked approximate.
func tlEventFuzzy(e *model.Event) bool {
	if e.Date.Approximate() || e.End.Approximate() {
		return true
	}
	if e.Date.Precision() != when.PrecisionDay {
		return true
	}
	return !e.End.IsZero() && e.End.Precision() != when.PrecisionDay
}

// tlEventLane returns the key of an event's lane under grouping g and a
// function naming it, called once per lane rather than once per event.
func tlEventLane(e *model.Event, g Grouping) (key string, title func() string) {
	switch g {
	case GroupByCategory:
		c := e.Category
		if !c.Valid() {
			c = model.CategoryOther
		}
		return tlLaneKeyCategory + string(c), func() string { return tlCategoryTitle(c) }
	case GroupByTag:
		// An event with several tags sits in the lane of its first tag
		// only: one mark per event keeps the lanes honest about how much
		// happened, and the first tag is the one its author chose first.
		if len(e.Tags) == 0 || strings.TrimSpace(e.Tags[0]) == "" {
			return tlLaneKeyTag, func() string { return tr("timeline.lane.noTag", "No tag") }
		}
		tag := e.Tags[0]
		return tlLaneKeyTag + tag, func() string { return "#" + tag }
	}
	actor := strings.TrimSpace(e.Actor)
	if actor == "" {
		return tlLaneKeyActor, func() string { return tr("timeline.lane.noActor", "No actor") }
	}
	return tlLaneKeyActor + actor, func() string { return actor }
}

func tlCategoryTitle(c model.Category) string {
	switch c {
	case model.CategoryModel:
		return tr("timeline.category.model", "Models")
	case model.CategoryProduct:
		return tr("timeline.category.product", "Products")
	case model.CategoryFunding:
		return tr("timeline.category.funding", "Funding")
	case model.CategoryPolicy:
		return tr("timeline.category.policy", "Policy")
	case model.CategoryPeople:
		return tr("timeline.category.people", "People")
	case model.CategoryResearch:
		return tr("timeline.category.research", "Research")
	}
	return tr("timeline.category.other", "Other")
}

func tlStateTitle(s model.State) string {
	switch s {
	case model.StateTrue:
		return tr("timeline.state.true", "came true")
	case model.StateFalse:
		return tr("timeline.state.false", "proved false")
	case model.StatePartly:
		return tr("timeline.state.partly", "partly true")
	case model.StateAmbiguous:
		return tr("timeline.state.ambiguous", "ambiguous")
	case model.StateAnnulled:
		return tr("timeline.state.annulled", "annulled")
	case model.StateWithdrawn:
		return tr("timeline.state.withdrawn", "withdrawn")
	}
	return tr("timeline.state.open", "open")
}

// tlLaneBuilder hands out lane numbers in order of first appearance and
// counts their items.
type tlLaneBuilder struct {
	lanes []tlLaneInfo
	byKey map[string]int
}

type tlLaneInfo struct {
	key, title string
	sortTitle  string // lower-case title, for sorting by name
	count      int
}

// lane returns the number of the lane with key, naming a new lane with
// title.
func (b *tlLaneBuilder) lane(key string, title func() string) int {
	if b.byKey == nil {
		b.byKey = make(map[string]int)
	}
	l, ok := b.byKey[key]
	if !ok {
		l = len(b.lanes)
		b.byKey[key] = l
		t := title()
		b.lanes = append(b.lanes, tlLaneInfo{key: key, title: t, sortTitle: strings.ToLower(t)})
	}
	b.lanes[l].count++
	return l
}
