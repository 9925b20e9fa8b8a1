package timeline

import "math"

// Options are the sizes, in pixels, the layout works with.
type Options struct {
	RowHeight         float32 // height of one row of items
	LaneHeaderHeight  float32 // room above a lane's rows for its title
	LaneGap           float32 // space between lanes
	MarkerSize        float32 // diameter of a point marker; narrower spans widen to it
	LabelGap          float32 // space between a marker and its label, and between neighbours in a row
	MinClusterSpacing float32 // closest distance between clusters; sets the bucket width when zoomed out
	MinTickSpacing    float32 // closest distance between axis ticks
	MaxRows           int     // rows per expanded lane; what does not fit joins a "+N more" cluster
	BadgeWidth        float32 // room before a prediction's label for each of its marks (Item.Badges), drawn by the caller
	Measure           Measure // label width; nil draws no labels
}

// DefaultOptions returns sizes that suit the default Fyne theme.
func DefaultOptions(m Measure) Options {
	return Options{
		RowHeight:         22,
		LaneHeaderHeight:  20,
		LaneGap:           8,
		MarkerSize:        10,
		LabelGap:          6,
		MinClusterSpacing: 40,
		MinTickSpacing:    64,
		MaxRows:           6,
		Measure:           m,
	}
}

// normalized replaces unusable sizes by the defaults so a zero field cannot
// produce an empty or endless layout.
func (o Options) normalized() Options {
	d := DefaultOptions(o.Measure)
	pos := func(v *float32, def float32) {
		if !(*v > 0) {
			*v = def
		}
	}
	nonNeg := func(v *float32) {
		if !(*v >= 0) {
			*v = 0
		}
	}
	pos(&o.RowHeight, d.RowHeight)
	pos(&o.MarkerSize, d.MarkerSize)
	pos(&o.MinClusterSpacing, d.MinClusterSpacing)
	pos(&o.MinTickSpacing, d.MinTickSpacing)
	nonNeg(&o.LaneHeaderHeight)
	nonNeg(&o.LaneGap)
	nonNeg(&o.LabelGap)
	nonNeg(&o.BadgeWidth)
	if o.MaxRows <= 0 {
		o.MaxRows = d.MaxRows
	}
	return o
}

// LaneBox is a lane intersecting the viewport vertically.
type LaneBox struct {
	Lane      int // index into the Index's lanes
	Key       string
	Title     string
	Collapsed bool
	Y         float32 // top of the header, viewport pixels
	Height    float32 // header and rows
	Rows      int
	Count     int // records of the lane in the visible time window
}

// Mark is one item drawn on its own.
type Mark struct {
	ID         int64
	Lane       int
	Row        int
	X1, X2     float32 // X2 == X1 for a point; span ends are clipped just outside the view
	Left       float32 // marker extent: a span narrower than MarkerSize widens around its middle
	Right      float32
	Y          float32 // centre of the row
	Label      string  // fitted label, ending in Ellipsis when shortened; "" when none fits
	LabelX     float32 // where Label's text starts; a prediction's marks stand Badges×BadgeWidth before it
	LabelWidth float32 // measured width of Label
	Fuzzy      bool
	Kind       Kind
	State      uint8
	LinkTo     int64
	Badges     uint8 // marks before a prediction's label, at least 1
}

// Cluster stands for several items of a lane drawn as one marker with a
// count: zoomed out too far to tell them apart, or more than the rows hold.
type Cluster struct {
	X, Width       float32 // marker extent
	Y              float32 // centre of the row
	Lane           int
	Row            int
	Count          int   // records it stands for
	Start, End     int64 // days covered by the items, e.g. to zoom into them
	Representative int64 // ID of its earliest item (a summary's, when it holds one)
}

// Link is a line from an item to the item it links to, when both are drawn.
type Link struct {
	X1, Y1, X2, Y2 float32
	FromID, ToID   int64
}

// Layout is everything to draw for one viewport, in viewport pixels.
// Reuse one Layout with LayoutInto to avoid allocating every frame.
type Layout struct {
	Ticks         []Tick
	Spans         []Span // the axis's upper tier, around the ticks
	Lanes         []LaneBox
	Marks         []Mark
	Clusters      []Cluster
	Links         []Link
	ContentHeight float32 // height of all lanes, for the vertical scroll range

	rowHeight float32
	entries   []entry
	straddle  []int32
	pk        packer
	sizer     clusterSizer
	markByID  map[int64]int32
}

// frame is the state of one layout pass.
type frame struct {
	ix    *Index
	dst   *Layout
	v     Viewport
	opt   Options
	ppd   float64
	a2    int64 // visible window in half days, widened by half a marker
	b2    int64
	half  float32
	pad   float32 // span ends are clipped this far outside the view
	label bool    // labels wanted in the current lane
	pk    *packer
	sizer *clusterSizer
}

// Layout returns a new Layout of v. See LayoutInto.
func (ix *Index) Layout(v Viewport, opt Options) Layout {
	var l Layout
	ix.LayoutInto(&l, v, opt)
	return l
}

// LayoutInto lays out the items visible in v into dst, reusing its buffers:
// everything dst held before is overwritten.
//
// Every lane is packed (its height depends on the rows it needs) but only
// the part inside the viewport is emitted. A lane with more visible items
// than its rows could show one by one is drawn as clusters of day buckets,
// so the work per lane is bounded by the viewport width, not by the data.
func (ix *Index) LayoutInto(dst *Layout, v Viewport, opt Options) {
	opt = opt.normalized()
	dst.Ticks = dst.Ticks[:0]
	dst.Spans = dst.Spans[:0]
	dst.Lanes = dst.Lanes[:0]
	dst.Marks = dst.Marks[:0]
	dst.Clusters = dst.Clusters[:0]
	dst.Links = dst.Links[:0]
	dst.ContentHeight = 0
	dst.rowHeight = opt.RowHeight
	if !v.valid() {
		return
	}
	dst.Ticks = AppendTicks(dst.Ticks, v, opt.MinTickSpacing)
	dst.Spans = AppendSpans(dst.Spans, v, opt.MinTickSpacing)
	if opt.Measure != nil {
		ix.labels.sync(opt.Measure)
	}
	f := frame{
		ix:   ix,
		dst:  dst,
		v:    v,
		opt:  opt,
		ppd:  v.PxPerDay(),
		half: opt.MarkerSize / 2,
		pad:  opt.MarkerSize,
		pk:   &dst.pk,
	}
	dst.sizer = clusterSizer{labels: &ix.labels, measure: opt.Measure, marker: opt.MarkerSize}
	f.sizer = &dst.sizer
	// An item is visible when its marker reaches into the view: a point
	// whose centre is within half a marker of it, a span overlapping the
	// view widened by half a marker.
	f.a2 = clampDay(math.Ceil(2 * v.Day(-f.half)))
	f.b2 = clampDay(math.Floor(2 * v.Day(v.Width+f.half)))
	// A lane shows its items one by one only while they are no more than
	// the cluster slots across the view (Width / MinClusterSpacing), or a
	// third of the slots of all its rows: past that labels would shrink to
	// nothing, and bucket clusters read better and cost less.
	cols := int(math.Ceil(float64(v.Width / opt.MinClusterSpacing)))
	wide := 2 * opt.MinClusterSpacing

	y := -v.ScrollY
	links := false
	for l := range ix.lanes {
		lane := &ix.lanes[l]
		rows := opt.MaxRows
		f.label = opt.Measure != nil
		if lane.Collapsed {
			rows, f.label = 1, false
		}
		base, lo, hi, count := ix.window(l, f.a2, f.b2)
		es := dst.entries[:0]
		records := int64(count)
		if ix.summarized(l) || count > max(cols, rows*cols/3) {
			es = f.bucketEntries(es, l, base, lo, hi, count)
			if ix.summarized(l) {
				records = 0
				for k := range es {
					records += int64(es[k].count)
				}
			}
		} else {
			es = f.itemEntries(es, base, lo, hi, count)
		}
		dst.entries = es
		f.pk.reset(rows, opt.LabelGap, wide, f.sizer)
		f.pk.pack(es, ix.items)
		rowsUsed := f.pk.used()
		if len(es) == 0 {
			rowsUsed = 0 // nothing in view: the lane shrinks to its header
		}
		h := opt.LaneHeaderHeight + float32(rowsUsed)*opt.RowHeight
		if y < v.Height && y+h > 0 {
			dst.Lanes = append(dst.Lanes, LaneBox{
				Lane: l, Key: lane.Key, Title: lane.Title, Collapsed: lane.Collapsed,
				Y: y, Height: h, Rows: rowsUsed, Count: int(records),
			})
			links = f.emit(l, y+opt.LaneHeaderHeight, es) || links
		}
		y += h + opt.LaneGap
	}
	if len(ix.lanes) > 0 {
		dst.ContentHeight = y + v.ScrollY - opt.LaneGap
	}
	if links {
		dst.link()
	}
}

// itemEntries lists every visible item of a lane in start order: first the
// spans that began before the view (found in the interval tree), then those
// starting in it.
func (f *frame) itemEntries(es []entry, base, lo, hi, count int) []entry {
	if before := count - (hi - lo); before > 0 {
		f.dst.straddle = f.ix.ends.appendAtLeast(f.dst.straddle[:0], base, lo, f.a2, before)
		for _, i := range f.dst.straddle {
			es = append(es, f.itemEntry(int(i)))
		}
	}
	for i := lo; i < hi; i++ {
		es = append(es, f.itemEntry(i))
	}
	return es
}

func (f *frame) x(day float64) float32 { return float32((day - f.v.Start) * f.ppd) }

func (f *frame) clip(x float32) float32 { return min(max(x, -f.pad), f.v.Width+f.pad) }

// itemEntry places item i: a point is centred in its day, a span covers its
// days; a label follows a point marker and starts inside a span's bar.
func (f *frame) itemEntry(i int) entry {
	it := &f.ix.items[i]
	e := entry{item: int32(i), rep: int32(i), count: int32(f.ix.weightOf(i)), labelCap: noCap}
	label := f.label && it.Label != ""
	if it.End == it.Start {
		c := f.x(float64(it.Start) + 0.5)
		e.x1, e.x2 = c, c
		e.left, e.right = c-f.half, c+f.half
		e.labelX = e.right + f.opt.LabelGap
	} else {
		e.x1 = f.clip(f.x(float64(it.Start)))
		e.x2 = f.clip(f.x(float64(it.End + 1)))
		if e.x2-e.x1 < f.opt.MarkerSize {
			mid := (e.x1 + e.x2) / 2
			e.left, e.right = mid-f.half, mid+f.half
			e.labelX = e.right + f.opt.LabelGap
		} else {
			e.left, e.right = e.x1, e.x2
			e.labelX = max(e.x1, 0) + f.opt.LabelGap
			// A bar showing less than a marker of itself at the left edge
			// gets no label: it would float over days the item misses.
			label = label && e.x2 >= f.opt.MarkerSize
		}
	}
	if label {
		e.labelW = f.ix.labels.full(i, it.Label, f.opt.Measure)
		if it.Kind == KindPrediction {
			// The marks stand before the text: the text starts after
			// them, and packing counts them as part of the label.
			e.labelX += f.opt.BadgeWidth * float32(max(it.Badges, 1))
		}
	}
	return e
}

// emit appends the packed entries of a lane whose rows start at top,
// skipping rows outside the viewport, and reports whether a mark links.
func (f *frame) emit(lane int, top float32, es []entry) bool {
	rh := f.opt.RowHeight
	links := false
	for k := range es {
		e := &es[k]
		if e.row < 0 {
			continue // absorbed into a cluster
		}
		y := top + (float32(e.row)+0.5)*rh
		if y+rh/2 <= 0 || y-rh/2 >= f.v.Height {
			continue
		}
		if e.item < 0 {
			f.dst.Clusters = append(f.dst.Clusters, Cluster{
				X: e.left, Width: e.right - e.left, Y: y,
				Lane: lane, Row: int(e.row), Count: int(e.count),
				Start: e.start, End: e.end,
				Representative: f.ix.items[e.rep].ID,
			})
			continue
		}
		it := &f.ix.items[e.item]
		m := Mark{
			ID: it.ID, Lane: lane, Row: int(e.row),
			X1: e.x1, X2: e.x2, Left: e.left, Right: e.right, Y: y,
			LabelX: e.labelX,
			Fuzzy:  it.Fuzzy, Kind: it.Kind, State: it.State, LinkTo: it.LinkTo, Badges: max(it.Badges, 1),
		}
		if e.labelW > 0 {
			room := min(e.labelCap, f.v.Width-e.labelX)
			m.Label, m.LabelWidth = f.ix.labels.fit(int(e.item), it.Label, e.labelW, room, f.opt.Measure)
		}
		links = links || it.LinkTo != 0
		f.dst.Marks = append(f.dst.Marks, m)
	}
	return links
}

// link adds a segment from the end of every linking mark to the start of
// its target when the target is drawn too.
func (l *Layout) link() {
	if l.markByID == nil {
		l.markByID = make(map[int64]int32, len(l.Marks))
	}
	clear(l.markByID)
	for i := range l.Marks {
		if _, dup := l.markByID[l.Marks[i].ID]; !dup {
			l.markByID[l.Marks[i].ID] = int32(i)
		}
	}
	for i := range l.Marks {
		from := &l.Marks[i]
		if from.LinkTo == 0 {
			continue
		}
		j, ok := l.markByID[from.LinkTo]
		if !ok {
			continue
		}
		to := &l.Marks[j]
		l.Links = append(l.Links, Link{X1: from.X2, Y1: from.Y, X2: to.X1, Y2: to.Y, FromID: from.ID, ToID: to.ID})
	}
}
