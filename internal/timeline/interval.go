package timeline

import "math"

// maxTree is a segment tree holding the maximum right end (hi2) over ranges
// of the sorted items. It answers the two questions a start-sorted array
// cannot: how far a range of items reaches, and which items that started
// before the view still reach into it.
type maxTree struct {
	size int     // number of leaves, a power of two
	t    []int64 // t[1] is the root, leaves at t[size:]
}

func newMaxTree(v []int64) maxTree {
	size := 1
	for size < len(v) {
		size <<= 1
	}
	t := make([]int64, 2*size)
	for i := range t[size:] {
		t[size+i] = math.MinInt64
	}
	copy(t[size:], v)
	for i := size - 1; i >= 1; i-- {
		t[i] = max(t[2*i], t[2*i+1])
	}
	return maxTree{size: size, t: t}
}

// max returns the largest value in [a, b), or math.MinInt64 if empty.
func (m *maxTree) max(a, b int) int64 {
	r := int64(math.MinInt64)
	for a, b = a+m.size, b+m.size; a < b; a, b = a>>1, b>>1 {
		if a&1 == 1 {
			r = max(r, m.t[a])
			a++
		}
		if b&1 == 1 {
			b--
			r = max(r, m.t[b])
		}
	}
	return r
}

// appendAtLeast appends, in increasing order, the positions in [a, b)
// whose value is >= x, stopping after limit of them. Subtrees whose maximum
// is below x are skipped, so the cost is O((k+1) log n) for k results.
func (m *maxTree) appendAtLeast(dst []int32, a, b int, x int64, limit int) []int32 {
	if a >= b || limit <= 0 {
		return dst
	}
	return m.collect(dst, 1, 0, m.size, a, b, x, len(dst)+limit)
}

func (m *maxTree) collect(dst []int32, node, lo, hi, a, b int, x int64, limit int) []int32 {
	if hi <= a || lo >= b || m.t[node] < x || len(dst) >= limit {
		return dst
	}
	if node >= m.size {
		return append(dst, int32(node-m.size))
	}
	mid := (lo + hi) / 2
	dst = m.collect(dst, 2*node, lo, mid, a, b, x, limit)
	return m.collect(dst, 2*node+1, mid, hi, a, b, x, limit)
}

// firstAtLeast returns the first position in [a, b) whose value is >= x,
// or -1.
func (m *maxTree) firstAtLeast(a, b int, x int64) int {
	var buf [1]int32
	if r := m.appendAtLeast(buf[:0], a, b, x, 1); len(r) == 1 {
		return int(r[0])
	}
	return -1
}
