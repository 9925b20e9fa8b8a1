package timeline

import (
	"cmp"
	"slices"
)

// Kind tells events from predictions; the widget styles them differently
// and predictions usually sit in lanes of their own.
type Kind uint8

// Item kinds.
const (
	KindEvent Kind = iota
	KindPrediction
)

// Item is one thing on the timeline, converted by the widget from its
// records. Start and End are days since 1970-01-01 with End inclusive:
// End == Start is a point, a longer range (or the extent of a fuzzy,
// month-precision date) is a span.
type Item struct {
	ID     int64
	Lane   int // index into the lanes given to NewIndex
	Start  int64
	End    int64
	Fuzzy  bool // an approximate date: drawn as a soft band, not a sharp point
	Kind   Kind
	State  uint8  // opaque to the layout (a prediction's state), copied to Mark
	Label  string // full label; the layout shortens it to the space it gets
	LinkTo int64  // ID of an item to draw a line to (a prediction's resolving event), 0 for none
	// Badges is how many marks a prediction's label follows (its state,
	// then what the caller adds: its kind, a retrospective mark), each
	// Options.BadgeWidth wide; 0 is read as 1.
	Badges uint8
	// Weight is how many records the item stands for; 0 means one. An
	// item standing for more (a count of a lane's events in a stretch of
	// days, read from a summary instead of the rows) is only ever drawn
	// inside a cluster, and its lane is always drawn as clusters.
	Weight int32
}

// Lane is one horizontal band of items (an actor, a category, a tag, the
// predictions). A collapsed lane is one row high and shows markers and
// clusters without labels.
type Lane struct {
	Key       string
	Title     string
	Collapsed bool
}

// Index holds the items in the order the layout needs them. Build it with
// NewIndex whenever the data change; it is then reused for every frame.
//
// Positions are kept in half days so that points and spans share one
// ordering: a point on day d sits at its middle, 2d+1, and a span covers
// [2·Start, 2·(End+1)].
//
// Layout caches label widths in the Index, so one Index must not be laid out
// from several goroutines at once (the UI does it from one).
type Index struct {
	items    []Item  // grouped by lane, then sorted by lo2, hi2, ID
	lo2      []int64 // left end of each item in half days, parallel to items
	hi2      []int64 // right end in half days
	hiSorted []int64 // hi2 sorted within each lane, to count items ending before a day
	laneOff  []int   // items of lane l are items[laneOff[l]:laneOff[l+1]]
	lanes    []Lane
	ends     maxTree // maximum hi2 over ranges of items
	weights  []int64 // weights[i] is the weight of items[:i]; nil when every item stands for one
	summary  []bool  // lanes holding an item of weight above one
	byID     []idRef // sorted by ID, built by the first Item lookup
	first    int64
	last     int64
	labels   labelCache
}

type idRef struct {
	id  int64
	pos int32
}

// NewIndex copies and sorts items; O(n log n). Items whose Lane is negative
// are left out; a Lane beyond the given lanes adds untitled lanes so that no
// item disappears silently. End < Start is read as a point on Start, and
// days are clamped to about ±3 billion years.
func NewIndex(items []Item, lanes []Lane) *Index {
	nLanes := len(lanes)
	kept := 0
	for i := range items {
		if items[i].Lane >= 0 {
			kept++
			nLanes = max(nLanes, items[i].Lane+1)
		}
	}
	ix := &Index{lanes: make([]Lane, nLanes), laneOff: make([]int, nLanes+1)}
	copy(ix.lanes, lanes)

	// Counting sort into lanes first: it is linear and leaves much smaller
	// slices for the comparison sort.
	for i := range items {
		if l := items[i].Lane; l >= 0 {
			ix.laneOff[l+1]++
		}
	}
	for l := 0; l < nLanes; l++ {
		ix.laneOff[l+1] += ix.laneOff[l]
	}
	// Sort small keys rather than whole items, then gather the items once.
	keys := make([]sortKey, kept)
	fill := slices.Clone(ix.laneOff[:nLanes])
	for i := range items {
		it := &items[i]
		if it.Lane < 0 {
			continue
		}
		start, end := clampItemDay(it.Start), clampItemDay(it.End)
		end = max(end, start)
		lo, hi := halfDays(start, end)
		keys[fill[it.Lane]] = sortKey{lo: lo, hi: hi, id: it.ID, src: int32(i)}
		fill[it.Lane]++
	}
	for l := 0; l < nLanes; l++ {
		slices.SortFunc(keys[ix.laneOff[l]:ix.laneOff[l+1]], compareKeys)
	}
	ix.items = make([]Item, kept)
	ix.lo2 = make([]int64, kept)
	ix.hi2 = make([]int64, kept)
	for i, k := range keys {
		it := items[k.src]
		it.Start, it.End = floorDiv(k.lo, 2), endFromHalf(k.hi)
		ix.items[i], ix.lo2[i], ix.hi2[i] = it, k.lo, k.hi
	}
	ix.hiSorted = slices.Clone(ix.hi2)
	for l := 0; l < nLanes; l++ {
		slices.Sort(ix.hiSorted[ix.laneOff[l]:ix.laneOff[l+1]])
	}
	ix.ends = newMaxTree(ix.hi2)

	for i := range ix.items {
		if i == 0 || ix.items[i].Start < ix.first {
			ix.first = ix.items[i].Start
		}
		if i == 0 || ix.items[i].End > ix.last {
			ix.last = ix.items[i].End
		}
	}
	ix.sumWeights()
	ix.labels.init(kept)
	return ix
}

// sumWeights fills in the running weights and the lanes of summaries,
// when any item stands for more than one record.
func (ix *Index) sumWeights() {
	if !slices.ContainsFunc(ix.items, func(it Item) bool { return it.Weight > 1 }) {
		return
	}
	ix.weights = make([]int64, len(ix.items)+1)
	ix.summary = make([]bool, len(ix.lanes))
	for i := range ix.items {
		w := ix.items[i].Weight
		if w > 1 {
			ix.summary[ix.items[i].Lane] = true
		}
		ix.weights[i+1] = ix.weights[i] + int64(max(w, 1))
	}
}

// weightOf is how many records item i stands for.
func (ix *Index) weightOf(i int) int64 { return int64(max(ix.items[i].Weight, 1)) }

// weightOfRange is how many records items [a, b) stand for.
func (ix *Index) weightOfRange(a, b int) int64 {
	if ix.weights == nil {
		return int64(b - a)
	}
	return ix.weights[b] - ix.weights[a]
}

// summarized reports whether lane l holds summaries, which only clusters
// can show.
func (ix *Index) summarized(l int) bool { return ix.summary != nil && ix.summary[l] }

// Summarized reports whether lane l holds items standing for many
// records, so that it is drawn as clusters only.
func (ix *Index) Summarized(l int) bool { return ix.summarized(l) }

// Records is how many records the items stand for.
func (ix *Index) Records() int64 { return ix.weightOfRange(0, len(ix.items)) }

// sortKey orders a lane's items by their half-day position (a span starting
// on a day comes before a point on that day), then by right end and ID.
type sortKey struct {
	lo, hi, id int64
	src        int32
}

func compareKeys(a, b sortKey) int {
	if c := cmp.Compare(a.lo, b.lo); c != 0 {
		return c
	}
	if c := cmp.Compare(a.hi, b.hi); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}

// maxItemDay keeps item days (about three billion years) far from where
// doubling them into half days could overflow.
const maxItemDay = 1 << 40

func clampItemDay(d int64) int64 { return min(max(d, -maxItemDay), maxItemDay) }

// halfDays returns the extent of an item in half days.
func halfDays(start, end int64) (lo, hi int64) {
	if end == start {
		return 2*start + 1, 2*start + 1
	}
	return 2 * start, 2 * (end + 1)
}

// endFromHalf converts a right end in half days back to the inclusive End day.
func endFromHalf(hi2 int64) int64 { return floorDiv(hi2-1, 2) }

// Len returns the number of items indexed.
func (ix *Index) Len() int { return len(ix.items) }

// LaneCount returns the number of lanes, including any added for items whose
// lane was not described.
func (ix *Index) LaneCount() int { return len(ix.lanes) }

// Lane returns the description of lane l.
func (ix *Index) Lane(l int) Lane { return ix.lanes[l] }

// SetCollapsed collapses or expands lane l without rebuilding the Index.
func (ix *Index) SetCollapsed(l int, collapsed bool) {
	if l >= 0 && l < len(ix.lanes) {
		ix.lanes[l].Collapsed = collapsed
	}
}

// Extent returns the first Start and last End over all items, for a view
// that fits everything; ok is false for an empty Index.
func (ix *Index) Extent() (first, last int64, ok bool) {
	return ix.first, ix.last, len(ix.items) > 0
}

// Item returns the item with the given ID (any one of them if IDs repeat).
// The first call builds the lookup table, so an Index whose items are never
// looked up does not pay for it.
func (ix *Index) Item(id int64) (Item, bool) {
	if ix.byID == nil && len(ix.items) > 0 {
		ix.byID = make([]idRef, len(ix.items))
		for i := range ix.items {
			ix.byID[i] = idRef{ix.items[i].ID, int32(i)}
		}
		slices.SortFunc(ix.byID, func(a, b idRef) int { return cmp.Compare(a.id, b.id) })
	}
	i, found := slices.BinarySearchFunc(ix.byID, id, func(r idRef, id int64) int { return cmp.Compare(r.id, id) })
	if !found {
		return Item{}, false
	}
	return ix.items[ix.byID[i].pos], true
}

// window finds the items of lane l that reach into the half-day window
// [a2, b2]: those in [lo, hi) start inside it, those in [base, lo) start
// before it and count of them still reach it. It costs three binary searches
// whatever the number of items.
func (ix *Index) window(l int, a2, b2 int64) (base, lo, hi, count int) {
	base, end := ix.laneOff[l], ix.laneOff[l+1]
	lo = base + lowerBound(ix.lo2[base:end], a2)
	hi = lo + lowerBound(ix.lo2[lo:end], b2+1)
	// Items ending before a2 also start before it, so they are all in
	// [base, lo); the rest of [base, hi) is visible.
	count = hi - base - lowerBound(ix.hiSorted[base:end], a2)
	return base, lo, hi, count
}

// lowerBound returns the first index whose value is >= x. Written out
// rather than via sort.Search because it runs many times per frame.
func lowerBound(s []int64, x int64) int {
	lo, hi := 0, len(s)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
