package textfit

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hindsight-app/hindsight/internal/timeline"
)

func TestFitTextShortensToTheRoomWithAnEllipsis(t *testing.T) {
	test.NewTempApp(t)
	const size = 12
	long := "OpenAI announces plugins for ChatGPT, a first step to an app store"
	full := fyne.MeasureText(long, size, fyne.TextStyle{}).Width
	if got := FitText(long, full+1, size, fyne.TextStyle{}); got != long {
		t.Errorf("a text with room enough was changed to %q", got)
	}
	room := full / 2
	got := FitText(long, room, size, fyne.TextStyle{})
	if !strings.HasSuffix(got, timeline.Ellipsis) || !strings.HasPrefix(long, strings.TrimSuffix(got, timeline.Ellipsis)) {
		t.Fatalf("shortened to %q: want a prefix of the text and an ellipsis", got)
	}
	if w := fyne.MeasureText(got, size, fyne.TextStyle{}).Width; w > room {
		t.Errorf("%q is %.1f wide, more than the room of %.1f", got, w, room)
	}
	if got := FitText(long, 1, size, fyne.TextStyle{}); got != "" {
		t.Errorf("no room at all gave %q, want nothing", got)
	}
}

func TestWidthSoonMeasuresAtLeastOneNewTextAFrame(t *testing.T) {
	test.NewTempApp(t)
	saved := NewTextBudget
	t.Cleanup(func() { NewTextBudget = saved })
	NewTextBudget = 0
	var m Measures
	m.Sync()
	if _, ok := m.WidthSoon("123", 12); !ok {
		t.Fatal("the frame's first new text was left out")
	}
	if _, ok := m.WidthSoon("456", 12); ok || !m.Postponed() {
		t.Fatal("a second new text was measured beyond the budget, or not said to be postponed")
	}
	if w, ok := m.WidthSoon("123", 12); !ok || w != m.Width("123", 12, false) {
		t.Error("a text measured before is not given at once")
	}
	m.Sync() // the next frame
	if _, ok := m.WidthSoon("456", 12); !ok || m.Postponed() {
		t.Error("the next frame did not measure the text left out")
	}
}
