package timeline

import (
	"fmt"
	"testing"
)

var benchSizes = []int{1000, 10000, 100000}

func sizeName(n int) string { return fmt.Sprintf("%dk", n/1000) }

// benchViews are the two views the speed goal is stated for: everything
// fitted, and one busy month.
func benchViews(ix *Index) map[string]Viewport {
	base := Viewport{Width: 1400, Height: 900}
	first, last, _ := ix.Extent()
	return map[string]Viewport{
		"all":   base.Fit(first, last),
		"month": {Start: float64(DaysFromCivil(2023, 3, 1)), End: float64(DaysFromCivil(2023, 4, 1)), Width: 1400, Height: 900},
	}
}

func BenchmarkLayout(b *testing.B) {
	opt := DefaultOptions(fixedMeasure)
	for _, n := range benchSizes {
		items, lanes := synthData(n, 42)
		ix := NewIndex(items, lanes)
		views := benchViews(ix)
		for _, name := range []string{"all", "month"} {
			v := views[name]
			b.Run(sizeName(n)+"/"+name, func(b *testing.B) {
				var dst Layout
				ix.LayoutInto(&dst, v, opt) // warm the label caches and buffers
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					ix.LayoutInto(&dst, v, opt)
				}
				b.ReportMetric(float64(len(dst.Marks)), "marks")
				b.ReportMetric(float64(len(dst.Clusters)), "clusters")
			})
		}
	}
}

// BenchmarkLayoutPan moves the view every frame, as a drag does, so the
// label caches see new items and new room.
func BenchmarkLayoutPan(b *testing.B) {
	opt := DefaultOptions(fixedMeasure)
	for _, n := range benchSizes {
		items, lanes := synthData(n, 42)
		ix := NewIndex(items, lanes)
		v := benchViews(ix)["month"]
		b.Run(sizeName(n), func(b *testing.B) {
			var dst Layout
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				ix.LayoutInto(&dst, v.Pan(float32(-7*(i%400))), opt)
			}
		})
	}
}

func BenchmarkNewIndex(b *testing.B) {
	for _, n := range benchSizes {
		items, lanes := synthData(n, 42)
		b.Run(sizeName(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				NewIndex(items, lanes)
			}
		})
	}
}
