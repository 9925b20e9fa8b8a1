package timeline

import "math"

// maxBucketDays bounds the bucket width so the arithmetic on half days
// cannot overflow whatever the zoom.
const maxBucketDays = 1 << 40

// bucketDays returns the smallest power-of-two number of days whose width on
// screen is at least minPx. Buckets are aligned to multiples of their width
// counted from 1970-01-01, so panning does not reshuffle clusters and each
// zoom step in or out splits or merges whole buckets, like levels of a
// pyramid.
func bucketDays(pxPerDay float64, minPx float32) int64 {
	need := float64(minPx) / pxPerDay
	b := int64(1)
	for float64(b) < need && b < maxBucketDays {
		b <<= 1
	}
	return b
}

// bucketEntries lists a lane too dense to show item by item: one entry per
// non-empty bucket in [lo, hi), found by binary search without visiting the
// items in between, plus the spans that began before the view and still reach
// into it, as a cluster at the left edge when there are several. A bucket
// holding a single record shows the item itself. In a lane of summaries
// (items standing for many records) counts are sums of weights, and the
// spans from before the view are visited to add theirs: a summary covers
// one stretch of days, so there are few.
func (f *frame) bucketEntries(es []entry, lane, base, lo, hi, count int) []entry {
	ix := f.ix
	if before := count - (hi - lo); before > 0 {
		first := ix.ends.firstAtLeast(base, lo, f.a2)
		weight := int64(before)
		if ix.summarized(lane) {
			f.dst.straddle = ix.ends.appendAtLeast(f.dst.straddle[:0], base, lo, f.a2, before)
			weight = 0
			for _, i := range f.dst.straddle {
				weight += ix.weightOf(int(i))
			}
		}
		if weight == 1 {
			es = append(es, f.itemEntry(first))
		} else {
			e := entry{
				item:     -1,
				rep:      int32(first),
				count:    int32(min(weight, math.MaxInt32)),
				start:    ix.items[first].Start,
				end:      endFromHalf(ix.ends.max(base, lo)),
				labelCap: noCap,
			}
			e.left, e.right = 0, f.sizer.width(int(e.count))
			e.x1, e.x2 = e.left, e.right
			es = append(es, e)
		}
	}
	days := bucketDays(f.ppd, f.opt.MinClusterSpacing)
	for pos := lo; pos < hi; {
		bucket := floorDiv(ix.lo2[pos], 2*days)
		next := pos + lowerBound(ix.lo2[pos:hi], (bucket+1)*2*days)
		if ix.weightOfRange(pos, next) == 1 {
			es = append(es, f.itemEntry(pos))
		} else {
			es = append(es, f.clusterEntry(pos, next, bucket, days))
		}
		pos = next
	}
	return es
}

// clusterEntry makes one cluster of the items [pos, next) in the given
// bucket: a marker wide enough for its count, centred between its first and
// last start but kept inside its bucket, half a gap from each end, so that
// clusters of neighbouring buckets do not collide. It always covers the
// centre it stands for.
func (f *frame) clusterEntry(pos, next int, bucket, days int64) entry {
	ix := f.ix
	e := entry{
		item:     -1,
		rep:      int32(pos),
		count:    int32(min(ix.weightOfRange(pos, next), math.MaxInt32)),
		start:    ix.items[pos].Start,
		end:      endFromHalf(ix.ends.max(pos, next)),
		labelCap: noCap,
	}
	mid := (f.x(float64(e.start)+0.5) + f.x(float64(ix.items[next-1].Start)+0.5)) / 2
	w := f.sizer.width(int(e.count))
	g := f.opt.LabelGap / 2
	l := mid - w/2
	bl := f.x(float64(bucket*days)) + g
	br := f.x(float64((bucket+1)*days)) - g
	if br-bl >= w {
		l = min(max(l, bl), br-w)
	}
	l = min(max(l, mid-w), mid)
	e.left, e.right = l, l+w
	e.x1, e.x2 = e.left, e.right
	return e
}
