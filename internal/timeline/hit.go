package timeline

// Hit is what lies under a point of the layout.
type Hit struct {
	ID        int64 // the item, or a cluster's representative
	Cluster   int   // index into Layout.Clusters when IsCluster
	IsCluster bool
	Lane      int
}

// HitTest returns the mark (marker or label) or cluster under (x, y), in
// viewport pixels. Entries of a row never overlap, so there is at most one.
func (l *Layout) HitTest(x, y float32) (Hit, bool) {
	h := l.rowHeight / 2
	for i := range l.Clusters {
		c := &l.Clusters[i]
		if y >= c.Y-h && y < c.Y+h && x >= c.X && x <= c.X+c.Width {
			return Hit{ID: c.Representative, Cluster: i, IsCluster: true, Lane: c.Lane}, true
		}
	}
	for i := range l.Marks {
		m := &l.Marks[i]
		if y < m.Y-h || y >= m.Y+h || x < m.Left {
			continue
		}
		right := m.Right
		if m.Label != "" {
			right = max(right, m.LabelX+m.LabelWidth)
		}
		if x <= right {
			return Hit{ID: m.ID, Cluster: -1, Lane: m.Lane}, true
		}
	}
	return Hit{Cluster: -1}, false
}

// LaneAt returns the lane whose box (header or rows) contains y, e.g. to
// toggle collapsing on a tap of its title.
func (l *Layout) LaneAt(y float32) (LaneBox, bool) {
	for _, b := range l.Lanes {
		if y >= b.Y && y < b.Y+b.Height {
			return b, true
		}
	}
	return LaneBox{}, false
}
