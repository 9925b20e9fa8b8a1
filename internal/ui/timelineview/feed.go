package timelineview

import (
	"cmp"
	"context"
	"errors"
	"maps"
	"math"
	"math/bits"
	"slices"

	"fyne.io/fyne/v2"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/timeline"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/items"
	"github.com/hindsight-app/hindsight/internal/when"
)

// A timeline of a million events cannot hold them all. Given a Source, the
// view reads its events a window of days at a time, off the UI goroutine:
// the rows of the quieter lanes and, for the busier ones, counts it draws
// as clusters. Windows are aligned to powers of two days at least as wide
// as the view, so a pan reuses them; the view reads the windows it shows
// plus one on each side, keeps the last few, and draws what it has while
// the rest is read. What a frame costs then follows the window, not the
// database.

// Background runs the reads and builds of a view with a Source. Tests
// that drive the view from one goroutine run them in line.
var Background = func(work func()) { go work() }

// toUI hands what a read or build made back to the UI goroutine. The
// frame benchmark, which stands in for that goroutine, queues it instead.
var toUI = fyne.Do

// Source is where a timeline too big to hold whole reads its events.
type Source interface {
	// Window reads what the view shows of the days from..to with its event
	// lanes standing for g.
	Window(ctx context.Context, from, to when.Day, g Grouping) (app.TimelineData, error)
	// Extent is the first and last day of the events.
	Extent(ctx context.Context) (first, last when.Day, ok bool, err error)
}

// Tuning of the windows.
const (
	// The narrowest window is 2^5 = 32 days: one bucket of the store's
	// counts (store.BucketDays), so that windows and buckets align and a
	// lane's count never covers days another window read as rows.
	minWindowLevel = store.BucketShift
	keptWindows    = 12 // windows kept for panning back
)

// windowKey names one window: the days [k<<level, (k+1)<<level) of the
// events under one grouping, as read for one generation of the data.
type windowKey struct {
	level    int
	k        int64
	grouping Grouping
	gen      uint64
}

func (w windowKey) days() (from, to when.Day) {
	return when.Day(w.k << w.level), when.Day((w.k+1)<<w.level - 1)
}

// window is a window read, or being read.
type window struct {
	data    app.TimelineData
	err     error
	loading bool
	used    uint64 // clock of its last use, to keep the latest
}

// feeder reads and keeps the windows of a View with a Source, and builds
// its index from them. Every method runs on the UI goroutine; reads and
// builds run in goroutines and hand their results back through fyne.Do.
type feeder struct {
	t      *View
	source Source
	gen    uint64 // bumped when the data changed: every window is stale
	clock  uint64
	cache  map[windowKey]*window
	// built lists the windows the current index was built from; building
	// those a build in progress is for.
	built, building []windowKey
	// extent of the events, once read; fitWanted asks for a Fit when it
	// arrives.
	first, last when.Day
	extentKnown bool
	fitWanted   bool
	// reveal is an item selected before a window holding it was read.
	reveal int64
	// buildSeq numbers builds: only the latest is put in place.
	buildSeq uint64
	// following is set while follow runs.
	following bool
	// errors: the last read that failed, for the caller to show.
	onError func(error)
	cancel  context.CancelFunc
	ctx     context.Context
}

func newFeeder(t *View, s Source, onError func(error)) *feeder {
	f := &feeder{t: t, source: s, onError: onError}
	f.reset()
	return f
}

// reset forgets every window and the extent, and reads the extent again.
func (f *feeder) reset() {
	if f.cancel != nil {
		f.cancel()
	}
	f.ctx, f.cancel = context.WithCancel(context.Background())
	f.gen++
	f.cache = map[windowKey]*window{}
	f.built, f.building = nil, nil
	f.buildSeq++
	f.extentKnown = false
	ctx, gen := f.ctx, f.gen
	Background(func() {
		first, last, ok, err := f.source.Extent(ctx)
		toUI(func() {
			if gen != f.gen {
				return
			}
			if err != nil {
				f.failed(err)
				return
			}
			f.first, f.last, f.extentKnown = first, last, ok
			if ok || f.fitWanted {
				f.t.invalidate()
			}
			if f.fitWanted {
				f.fitWanted = false
				f.t.nav.Fit()
			}
		})
	})
}

func (f *feeder) failed(err error) {
	if f.onError != nil && !errors.Is(err, context.Canceled) {
		f.onError(err)
	}
}

// extent widens first..last (ok: known) to the events of the source;
// known is false while it is being read.
func (f *feeder) extent(first, last int64, ok bool) (int64, int64, bool, bool) {
	if !f.extentKnown {
		return first, last, ok, false
	}
	if !ok {
		return int64(f.first), int64(f.last), true, true
	}
	return min(first, int64(f.first)), max(last, int64(f.last)), true, true
}

// stop cancels what is being read or built; the feeder is not used
// again. An index still being built is dropped: put in place, it would
// show the records of a file closed meanwhile.
func (f *feeder) stop() {
	f.cancel()
	f.gen++
	f.buildSeq++
}

// levelFor is the window level for a view spanning span days: the
// smallest power of two at least as wide.
func levelFor(span float64) int {
	if span <= 1 || math.IsNaN(span) {
		return minWindowLevel
	}
	n := uint64(math.Ceil(min(span, 1<<40)))
	return max(minWindowLevel, bits.Len64(n-1))
}

// wanted lists the windows the view v shows, and the one on each side of
// them, which are read ahead for a pan.
func (f *feeder) wanted(v timeline.Viewport) (shown, around []windowKey) {
	level := levelFor(v.Span())
	lo := int64(math.Floor(v.Start)) >> level
	hi := int64(math.Floor(v.End)) >> level
	key := func(k int64) windowKey {
		return windowKey{level: level, k: k, grouping: f.t.grouping, gen: f.gen}
	}
	for k := lo; k <= hi; k++ {
		shown = append(shown, key(k))
	}
	return shown, []windowKey{key(lo - 1), key(hi + 1)}
}

// follow reads what view v needs and builds the index once it is all
// there. The index it has stays drawn meanwhile.
func (f *feeder) follow(v timeline.Viewport) {
	if v.Width <= 0 || v.Span() <= 0 {
		return
	}
	shown, around := f.wanted(v)
	f.clock++
	// Reads that finish at once (in tests) do not lay out again from
	// inside this one.
	f.following = true
	defer func() { f.following = false }()
	ready := true
	for _, k := range shown {
		w := f.read(k)
		ready = ready && !w.loading && w.err == nil
	}
	for _, k := range around {
		f.read(k)
	}
	if ready && !slices.Equal(shown, f.built) && !slices.Equal(shown, f.building) {
		f.build(shown)
	}
	f.forget()
}

// read returns the window k, starting to read it when it is not kept.
func (f *feeder) read(k windowKey) *window {
	if w, ok := f.cache[k]; ok {
		w.used = f.clock
		return w
	}
	w := &window{loading: true, used: f.clock}
	f.cache[k] = w
	from, to := k.days()
	ctx := f.ctx
	Background(func() {
		data, err := f.source.Window(ctx, from, to, k.grouping)
		toUI(func() {
			if k.gen != f.gen {
				return
			}
			w.data, w.err, w.loading = data, err, false
			if err != nil {
				delete(f.cache, k) // read again when next wanted
				f.failed(err)
				return
			}
			if !f.following {
				f.t.invalidate() // follow again: it may be the last one wanted
			}
		})
	})
	return w
}

// forget drops the windows used longest ago beyond keptWindows.
func (f *feeder) forget() {
	if len(f.cache) <= keptWindows {
		return
	}
	keys := make([]windowKey, 0, len(f.cache))
	for k, w := range f.cache {
		if !w.loading {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b windowKey) int { return cmp.Compare(f.cache[a].used, f.cache[b].used) })
	for _, k := range keys[:max(0, len(f.cache)-keptWindows)] {
		if !slices.Contains(f.built, k) && !slices.Contains(f.building, k) {
			delete(f.cache, k)
		}
	}
}

// build makes the index of windows keys, with the records the view holds
// whole (predictions, the events they cite), in a goroutine, and puts it
// in place unless the data or the wanted windows changed meanwhile.
func (f *feeder) build(keys []windowKey) {
	t := f.t
	datas := make([]app.TimelineData, len(keys))
	for i, k := range keys {
		datas[i] = f.cache[k].data
	}
	f.building = keys
	f.buildSeq++
	in, seq := f.input(), f.buildSeq
	Background(func() {
		d := items.FromWindows(datas, in)
		ix := timeline.NewIndex(d.Items, d.Lanes)
		toUI(func() {
			if seq != f.buildSeq {
				return
			}
			f.built, f.building = keys, nil
			t.index = ix
			if !f.following {
				t.invalidate()
			}
			if f.reveal != 0 {
				if _, ok := ix.Item(f.reveal); ok {
					id := f.reveal
					f.reveal = 0
					t.nav.reveal(id)
				}
			}
		})
	})
}

// input is what a build needs of the View, copied.
func (f *feeder) input() items.Input {
	t := f.t
	return items.Input{Pinned: t.events, Preds: t.preds, Grouping: t.grouping, Words: t.words, Today: t.today(),
		Collapsed: maps.Clone(t.collapsed)}
}

// rebuild builds the index again, after the held records or the collapsed
// lanes changed: from the windows it was (or is being) built from, or,
// before any was read, at once from the held records alone.
func (f *feeder) rebuild() {
	keys := f.building
	if keys == nil {
		keys = f.built
	}
	if keys == nil {
		f.buildSeq++
		d := items.FromWindows(nil, f.input())
		f.t.index = timeline.NewIndex(d.Items, d.Lanes)
		return
	}
	for _, k := range keys {
		if w, ok := f.cache[k]; !ok || w.loading {
			f.built, f.building = nil, nil // built again when read
			return
		}
	}
	f.build(keys)
}
