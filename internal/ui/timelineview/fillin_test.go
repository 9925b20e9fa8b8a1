package timelineview

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hindsight-app/hindsight/internal/ui/timelineview/textfit"
)

// Fyne's test driver runs fyne.Do on the calling goroutine, so a redraw
// asked for the next frame runs at once in tests.
func init() { fillIn = func(redraw func()) { redraw() } }

// TestClusterCountsFillInOverFrames: a frame that has spent its time on
// new texts leaves the other clusters' counts for the frames after it, and
// asks for them; they all show in the end, each on its own cluster.
func TestClusterCountsFillInOverFrames(t *testing.T) {
	tv, _, _ := feedTimeline(t, 20_000)
	savedBudget, savedFill := textfit.NewTextBudget, fillIn
	t.Cleanup(func() { textfit.NewTextBudget, fillIn = savedBudget, savedFill })
	textfit.NewTextBudget = 0 // one new text a frame
	var asked []func()
	fillIn = func(redraw func()) { asked = append(asked, redraw) }

	tv.Nav().Fit()
	r := test.WidgetRenderer(tv).(*renderer)
	r.Refresh()
	r.Refresh() // the windows were read in line: lay out and draw from them
	shown := func() map[string]int {
		texts := map[string]int{}
		for _, o := range r.counts.objs {
			if o.Visible() && o.Text != "" {
				texts[o.Text]++
			}
		}
		return texts
	}
	want := map[string]int{}
	for _, c := range tv.lay.Clusters {
		if tv.met.axisH+c.Y+r.barHeight()/2 <= tv.Size().Height {
			want[strconv.Itoa(c.Count)]++
		}
	}
	if len(want) < 3 {
		t.Fatalf("only %d different counts in view: the test does not reach the case", len(want))
	}
	if got := shown(); len(got) >= len(want) || len(asked) != 1 {
		t.Fatalf("the first frame showed %d of %d different counts and asked for %d more frames; want fewer, and one",
			len(got), len(want), len(asked))
	}
	for frames := 0; len(asked) > 0; frames++ {
		if frames > 10*len(want) {
			t.Fatal("the counts never all showed")
		}
		redraw := asked[0]
		asked = asked[1:]
		redraw()
	}
	got := shown()
	for text, n := range want {
		if got[text] != n {
			t.Errorf("count %s shows on %d clusters, want %d", text, got[text], n)
		}
	}
}
