// Package items turns records into what the timeline lays out: items and
// lanes by actor, category or tag, with predictions' lanes first, and the
// counts of a window of days into items that stand for many events. It
// holds no Fyne: the words it shows come in through Words.
package items

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
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
func EventID(id int64) int64      { return id * 2 }
func PredictionID(id int64) int64 { return id*2 + 1 }

// selectionOf maps a timeline item ID back to the record it stands for.
func SelectionOf(itemID int64) app.Selection {
	if itemID&1 == 1 {
		return app.Selection{Kind: app.SelectPrediction, ID: (itemID - 1) / 2}
	}
	return app.Selection{Kind: app.SelectEvent, ID: itemID / 2}
}

// itemIDOf is the inverse of selectionOf; ok is false for app.SelectNone.
func IDOf(sel app.Selection) (int64, bool) {
	switch sel.Kind {
	case app.SelectEvent:
		return EventID(sel.ID), true
	case app.SelectPrediction:
		return PredictionID(sel.ID), true
	}
	return 0, false
}

// Item.State of a prediction: its index in model.States, with StateOverdue
// set when it is still open after its deadline. Events keep 0.
const StateOverdue uint8 = 0x80

func StateIndex(s model.State) uint8 {
	if i := slices.Index(model.States, s); i >= 0 {
		return uint8(i)
	}
	return 0
}

// stateOfItem decodes Item.State of a prediction.
func StateOf(st uint8) (model.State, bool) {
	i := int(st &^ StateOverdue)
	if i >= len(model.States) {
		return model.StateOpen, st&StateOverdue != 0
	}
	return model.States[i], st&StateOverdue != 0
}

// Lane keys carry a prefix per kind so that collapsed lanes saved under one
// grouping never match a lane of another.
const (
	LaneKeyPrediction = "pred:"
	LaneKeyActor      = "actor:"
	LaneKeyCategory   = "cat:"
	LaneKeyTag        = "tag:"
)

// Data is the result of converting records for the layout.
type Data struct {
	Items []timeline.Item
	Lanes []timeline.Lane
}

// buildItems converts records to timeline items and lanes:
// prediction lanes (one per source) first, then the event lanes of the
// grouping, each group sorted busiest first, then by name. collapsed holds
// the keys of collapsed lanes; today decides which predictions are overdue.
func Build(events []model.Event, preds []model.Prediction, g Grouping, w Words, today when.Day, collapsed map[string]bool) Data {
	lang := w.Lang()
	var lb laneBuilder
	items := make([]timeline.Item, 0, len(events)+len(preds))

	for i := range preds {
		p := &preds[i]
		start, end, ok := PredictionExtent(p)
		if !ok {
			continue
		}
		src := strings.TrimSpace(p.Source)
		lane := lb.lane(LaneKeyPrediction+src, func() string {
			name := strings.TrimSpace(p.DisplaySource(lang))
			if name == "" {
				name = w.T("timeline.lane.unknownSource", "unknown source")
			}
			return w.TF("timeline.lane.predictions", "Predictions · {{.Source}}", map[string]any{"Source": name})
		})
		state := p.State()
		st := StateIndex(state)
		if p.Overdue(today) {
			st |= StateOverdue
		}
		it := timeline.Item{
			ID:     PredictionID(p.ID),
			Lane:   lane,
			Start:  int64(start),
			End:    int64(end),
			Kind:   timeline.KindPrediction,
			State:  st,
			Label:  p.DisplayStatement(lang),
			Badges: ClaimBadges(p),
		}
		// The line goes to the first event that resolves the prediction.
		for _, ev := range p.Resolution.Evidence {
			if ev.Role == model.RoleResolves {
				it.LinkTo = EventID(ev.EventID)
				break
			}
		}
		items = append(items, it)
	}
	predLanes := len(lb.lanes)

	for i := range events {
		e := &events[i]
		key, title := EventLane(e, g, w)
		lane := lb.lane(key, title)
		start, end := e.Earliest(), e.Latest()
		items = append(items, timeline.Item{
			ID:    EventID(e.ID),
			Lane:  lane,
			Start: int64(start),
			End:   int64(end),
			Fuzzy: EventFuzzy(e),
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
	return Data{Items: items, Lanes: lanes}
}

// claimBadges counts the marks before a claim's label: its state, its
// kind when it is not a forecast, and a retrospective mark.
func ClaimBadges(p *model.Prediction) uint8 {
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
func PredictionExtent(p *model.Prediction) (start, end when.Day, ok bool) {
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
func EventFuzzy(e *model.Event) bool {
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
func EventLane(e *model.Event, g Grouping, w Words) (key string, title func() string) {
	switch g {
	case GroupByCategory:
		c := e.Category
		if !c.Valid() {
			c = model.CategoryOther
		}
		return LaneKeyCategory + string(c), func() string { return CategoryTitle(w, c) }
	case GroupByTag:
		// An event with several tags sits in the lane of its first tag
		// only: one mark per event keeps the lanes honest about how much
		// happened, and the first tag is the one its author chose first.
		if len(e.Tags) == 0 || strings.TrimSpace(e.Tags[0]) == "" {
			return LaneKeyTag, func() string { return w.T("timeline.lane.noTag", "No tag") }
		}
		tag := e.Tags[0]
		return LaneKeyTag + tag, func() string { return "#" + tag }
	}
	actor := strings.TrimSpace(e.Actor)
	if actor == "" {
		return LaneKeyActor, func() string { return w.T("timeline.lane.noActor", "No actor") }
	}
	return LaneKeyActor + actor, func() string { return actor }
}

// text is a message the timeline shows: its key and its English text,
// looked up through Words when it is shown.
type text struct{ key, english string }

// titles names, for each value of the enumerations the timeline shows,
// that value in the timeline's words. One table rather than a switch per
// enumeration; a value missing here reads as its enumeration's fallback.
var titles = map[any]text{
	model.CategoryModel:    {"timeline.category.model", "Models"},
	model.CategoryProduct:  {"timeline.category.product", "Products"},
	model.CategoryFunding:  {"timeline.category.funding", "Funding"},
	model.CategoryPolicy:   {"timeline.category.policy", "Policy"},
	model.CategoryPeople:   {"timeline.category.people", "People"},
	model.CategoryResearch: {"timeline.category.research", "Research"},
	model.CategoryOther:    {"timeline.category.other", "Other"},

	model.StateOpen:          {"timeline.state.open", "open"},
	model.StateTrue:          {"timeline.state.true", "came true"},
	model.StateFalse:         {"timeline.state.false", "proved false"},
	model.StatePartly:        {"timeline.state.partly", "partly true"},
	model.StateAmbiguous:     {"timeline.state.ambiguous", "ambiguous"},
	model.StateAnnulled:      {"timeline.state.annulled", "annulled"},
	model.StateWithdrawn:     {"timeline.state.withdrawn", "withdrawn"},
	model.StateUnfalsifiable: {"timeline.state.unfalsifiable", "unfalsifiable: it can never be checked"},

	model.KindForecast: {"timeline.kind.forecast", "forecast"},
	model.KindQuestion: {"timeline.kind.question", "question (never scored)"},
	model.KindHope:     {"timeline.kind.hope", "hope or intent (not scored)"},
	model.KindOpinion:  {"timeline.kind.opinion", "opinion or claim of fact (not scored)"},
}

// title is v's entry in titles, or fallback's where v has none.
func title(w Words, v, fallback any) string {
	t, ok := titles[v]
	if !ok {
		t = titles[fallback]
	}
	return w.T(t.key, t.english)
}

// CategoryTitle names a category's lane.
func CategoryTitle(w Words, c model.Category) string { return title(w, c, model.CategoryOther) }

// StateTitle says how a prediction turned out.
func StateTitle(w Words, s model.State) string { return title(w, s, model.StateOpen) }

// KindTitle says what sort of claim a prediction is.
func KindTitle(w Words, k model.Kind) string { return title(w, k, model.KindForecast) }

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

// Input is what a build from windows needs besides them: the records the
// view holds whole and how it draws them.
type Input struct {
	Pinned    []model.Event
	Preds     []model.Prediction
	Grouping  Grouping
	Words     Words
	Today     when.Day
	Collapsed map[string]bool
}

// buildFromWindows converts the windows' rows and counts, with the held
// records, to items and lanes. Event lanes come in the order of the lanes'
// counts over the whole database, so they keep their places as the view
// moves; counts become items that stand for many events (Item.Weight),
// drawn only inside clusters.
func FromWindows(datas []app.TimelineData, in Input) Data {
	seen := make(map[int64]bool)
	var events []model.Event
	add := func(es []model.Event) {
		for _, e := range es {
			if !seen[e.ID] {
				seen[e.ID] = true
				events = append(events, e)
			}
		}
	}
	add(in.Pinned)
	for _, d := range datas {
		add(d.Events)
	}
	d := Build(events, in.Preds, in.Grouping, in.Words, in.Today, in.Collapsed)

	// Every lane of the database, in its place, even when this stretch of
	// days has nothing in it.
	var order []store.LaneCount
	if len(datas) > 0 {
		order = datas[0].Lanes
	}
	lanes, remap := orderEventLanes(d.Lanes, order, in)
	for i := range d.Items {
		d.Items[i].Lane = remap[d.Items[i].Lane]
	}
	byKey := make(map[string]int, len(lanes))
	for i, l := range lanes {
		byKey[l.Key] = i
	}
	id := int64(0)
	counted := map[store.Bucket]bool{} // a bucket once, whichever windows hold it
	for _, data := range datas {
		for _, b := range data.Buckets {
			if counted[b] {
				continue
			}
			counted[b] = true
			l, ok := byKey[LaneKeyOf(in.Grouping, b.Lane)]
			if !ok {
				continue
			}
			id--
			start := int64(store.BucketStart(b.Bucket))
			d.Items = append(d.Items, timeline.Item{ID: id, Lane: l, Start: start, End: start + store.BucketDays - 1,
				Kind: timeline.KindEvent, Weight: int32(min(b.N, math.MaxInt32))})
		}
	}
	d.Lanes = lanes
	return d
}

// Dim is the store's name for what the event lanes stand for.
func (g Grouping) Dim() string {
	switch g {
	case GroupByCategory:
		return store.DimCategory
	case GroupByTag:
		return store.DimTag
	}
	return store.DimActor
}

// laneKeyOf is the key of the event lane a store lane stands for.
func LaneKeyOf(g Grouping, lane string) string {
	switch g {
	case GroupByCategory:
		if !model.Category(lane).Valid() {
			lane = string(model.CategoryOther)
		}
		return LaneKeyCategory + lane
	case GroupByTag:
		return LaneKeyTag + lane
	}
	return LaneKeyActor + lane
}

// orderEventLanes puts the event lanes of built in the order of the
// database's lanes, adding those with nothing in the windows, after the
// prediction lanes; remap takes a lane of built to its new place.
func orderEventLanes(built []timeline.Lane, order []store.LaneCount, in Input) (lanes []timeline.Lane, remap []int) {
	remap = make([]int, len(built))
	at := make(map[string]int, len(built))
	for i, l := range built {
		at[l.Key] = i
		if len(l.Key) >= len(LaneKeyPrediction) && l.Key[:len(LaneKeyPrediction)] == LaneKeyPrediction {
			remap[i] = len(lanes)
			lanes = append(lanes, l)
		}
	}
	placed := make(map[string]bool, len(order))
	for _, lc := range order {
		key := LaneKeyOf(in.Grouping, lc.Lane)
		if placed[key] {
			continue
		}
		placed[key] = true
		if i, ok := at[key]; ok {
			remap[i] = len(lanes)
			lanes = append(lanes, built[i])
			continue
		}
		e := model.Event{Actor: lc.Lane, Category: model.Category(lc.Lane)}
		if lc.Lane != "" {
			e.Tags = []string{lc.Lane}
		}
		k, title := EventLane(&e, in.Grouping, in.Words)
		lanes = append(lanes, timeline.Lane{Key: k, Title: title(), Collapsed: in.Collapsed[k]})
	}
	// Lanes of held events the database's list does not name (it changed
	// since it was read) go last.
	for i, l := range built {
		if !placed[l.Key] && !(len(l.Key) >= len(LaneKeyPrediction) && l.Key[:len(LaneKeyPrediction)] == LaneKeyPrediction) {
			remap[i] = len(lanes)
			lanes = append(lanes, l)
		}
	}
	return lanes, remap
}
