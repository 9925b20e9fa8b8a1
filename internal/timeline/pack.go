package timeline

import "math"

// noCap marks a label whose room is not limited by a following entry.
const noCap = float32(math.MaxFloat32)

// entry is one thing competing for room in a lane: an item or a cluster.
type entry struct {
	item     int32   // index into Index.items, or -1 for a cluster
	rep      int32   // item standing for a cluster (its earliest)
	count    int32   // records represented (an item's weight, a cluster's sum)
	row      int32   // row inside the lane, -1 once absorbed into a cluster
	start    int64   // first day of a cluster
	end      int64   // last day of a cluster
	x1, x2   float32 // item position, X2 == X1 for a point
	left     float32 // marker extent
	right    float32
	labelX   float32
	labelW   float32 // full label width, 0 for no label
	labelCap float32 // room for the label before the next entry of its row
}

// extent returns the right end of everything the entry draws.
func (e *entry) extent() float32 {
	if e.labelW <= 0 {
		return e.right
	}
	return max(e.right, e.labelX+min(e.labelW, e.labelCap))
}

// packer assigns rows to the entries of one lane. Each row keeps its entries
// sorted by position, so an entry can go anywhere it fits. An entry goes, in
// order of preference:
//  1. into the first row where it fits with its whole label and without
//     touching the labels already there,
//  2. into a new row while the lane has rows to spare,
//  3. into the row where only labels are in the way (its own or its left
//     neighbour's), shortening them so that the most text survives,
//  4. into its nearest entry, which becomes (or stays) a "+N more" cluster.
//
// Steps 3 and 4 only shrink labels or grow a cluster into free room, so two
// entries of a row never overlap.
type packer struct {
	gap      float32
	maxRows  int
	wide     float32   // markers wider than this are packed last
	rows     [][]int32 // entry indices of each used row, sorted by left
	slots    []slot    // scratch: the slot of the entry being placed in each row
	deferred []int32   // scratch: the wide entries, packed last
	sizer    *clusterSizer
}

func (p *packer) reset(maxRows int, gap, wide float32, sizer *clusterSizer) {
	p.gap, p.maxRows, p.wide, p.sizer = gap, maxRows, wide, sizer
	p.rows = p.rows[:cap(p.rows)] // keep the buffers of earlier lanes
	for len(p.rows) < maxRows {
		p.rows = append(p.rows, nil)
	}
	for r := range p.rows {
		p.rows[r] = p.rows[r][:0]
	}
	p.rows = p.rows[:0]
	if len(p.slots) < maxRows {
		p.slots = make([]slot, maxRows)
	}
}

// used returns the number of rows the lane needs, at least one.
func (p *packer) used() int { return max(len(p.rows), 1) }

// pack assigns rows to es, which are in start order. Spans wider than
// p.wide come last: such a bar would claim a whole row and push every point
// under it into clusters, while a point left without a row costs one item.
func (p *packer) pack(es []entry, items []Item) {
	p.deferred = p.deferred[:0]
	for k := range es {
		if es[k].right-es[k].left > p.wide {
			p.deferred = append(p.deferred, int32(k))
		} else {
			p.place(es, k, items)
		}
	}
	for _, k := range p.deferred {
		p.place(es, int(k), items)
	}
}

// slot is where an entry would go in one row: its insertion position and
// the entries left and right of it (-1 at the ends).
type slot struct {
	pos  int
	l, r int32
}

// slotIn finds the slot of e in row r. Entries mostly arrive left to right,
// so the end of the row is tried before a binary search.
func (p *packer) slotIn(es []entry, r int, e *entry) slot {
	row := p.rows[r]
	n := len(row)
	lo, hi := 0, n
	if n > 0 && es[row[n-1]].left <= e.left {
		lo = n
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if es[row[m]].left <= e.left {
			lo = m + 1
		} else {
			hi = m
		}
	}
	s := slot{pos: lo, l: -1, r: -1}
	if lo > 0 {
		s.l = row[lo-1]
	}
	if lo < n {
		s.r = row[lo]
	}
	return s
}

func (p *packer) place(es []entry, k int, items []Item) {
	e := &es[k]
	slots := p.slots[:len(p.rows)]
	for r := range slots {
		s := p.slotIn(es, r, e)
		slots[r] = s
		if (s.l < 0 || es[s.l].extent()+p.gap <= e.left) && (s.r < 0 || e.extent()+p.gap <= es[s.r].left) {
			p.insert(es, r, s.pos, k)
			return
		}
	}
	if len(p.rows) < p.maxRows {
		p.rows = p.rows[:len(p.rows)+1]
		p.insert(es, len(p.rows)-1, 0, k)
		return
	}
	best, bestText := -1, float32(-1)
	for r, s := range slots {
		if (s.l >= 0 && es[s.l].right+p.gap > e.left) || (s.r >= 0 && e.right+p.gap > es[s.r].left) {
			continue // markers collide; shortening labels would not help
		}
		var text float32
		if s.l >= 0 && es[s.l].labelW > 0 {
			l := &es[s.l]
			text += clampRoom(l.labelW, min(l.labelCap, e.left-p.gap-l.labelX))
		}
		if s.r >= 0 && e.labelW > 0 {
			text += clampRoom(e.labelW, es[s.r].left-p.gap-e.labelX)
		}
		if text > bestText {
			best, bestText = r, text
		}
	}
	if best >= 0 {
		s := slots[best]
		if s.l >= 0 {
			l := &es[s.l]
			l.labelCap = min(l.labelCap, e.left-p.gap-l.labelX)
		}
		if s.r >= 0 {
			e.labelCap = min(e.labelCap, es[s.r].left-p.gap-e.labelX)
		}
		p.insert(es, best, s.pos, k)
		return
	}
	p.absorb(es, k, slots, items)
}

func clampRoom(full, room float32) float32 { return max(min(full, room), 0) }

func (p *packer) insert(es []entry, r, pos, k int) {
	row := append(p.rows[r], 0)
	copy(row[pos+1:], row[pos:])
	row[pos] = int32(k)
	p.rows[r] = row
	es[k].row = int32(r)
}

// absorb merges entry k into the nearest entry of any row, which becomes a
// cluster. The cluster may grow towards the absorbed entry, but only into
// the free room between its neighbours.
func (p *packer) absorb(es []entry, k int, slots []slot, items []Item) {
	e := &es[k]
	bestRow, bestPos := 0, 0
	bestDist := float32(math.MaxFloat32)
	for r, s := range slots {
		for _, q := range [2]int{s.pos - 1, s.pos} {
			if q < 0 || q >= len(p.rows[r]) {
				continue
			}
			c := &es[p.rows[r][q]]
			if d := max(c.left-e.right, e.left-c.right, 0); d < bestDist {
				bestRow, bestPos, bestDist = r, q, d
			}
		}
	}
	row := p.rows[bestRow]
	c := &es[row[bestPos]]
	lo, hi := float32(-math.MaxFloat32), float32(math.MaxFloat32)
	if bestPos > 0 {
		lo = es[row[bestPos-1]].extent() + p.gap
	}
	if bestPos+1 < len(row) {
		hi = es[row[bestPos+1]].left - p.gap
	}
	// Reach for the absorbed marker, or for the nearest point of a wide
	// bar, which would otherwise stretch the cluster across the view.
	tl, tr := e.left, e.right
	if tr-tl > p.wide {
		x := min(max((c.left+c.right)/2, tl), tr)
		tl, tr = x, x
	}
	c.merge(e, items)
	left := max(min(c.left, tl), lo)
	right := min(max(c.right, tr), hi)
	if w := p.sizer.width(int(c.count)); right-left < w {
		right = min(left+w, hi)
		left = max(right-w, lo)
	}
	c.left, c.right = left, right
	c.x1, c.x2 = left, right
	e.row = -1
}

// merge turns c into a cluster (if it is not one yet) that also counts e.
func (c *entry) merge(e *entry, items []Item) {
	if c.item >= 0 {
		it := &items[c.item]
		c.rep, c.start, c.end = c.item, it.Start, it.End
		c.item = -1
	}
	start, end := e.start, e.end
	if e.item >= 0 {
		start, end = items[e.item].Start, items[e.item].End
	}
	if start < c.start {
		c.rep = e.rep
	}
	c.count += e.count
	c.start = min(c.start, start)
	c.end = max(c.end, end)
	c.labelW = 0
}

// clusterSizer gives the width a cluster marker needs to show its count.
type clusterSizer struct {
	labels  *labelCache
	measure Measure
	marker  float32
}

func (s *clusterSizer) width(count int) float32 {
	var text float32
	if s.measure != nil {
		text = s.labels.countWidth(count, s.measure)
	} else {
		// Without a measure, guess digits at 0.6 of the marker size.
		for n := count; n > 0; n /= 10 {
			text += 0.6 * s.marker
		}
	}
	return text + s.marker
}
