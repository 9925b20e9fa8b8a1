package transfer

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hindsight-app/hindsight/internal/store/storetest"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview"
	"github.com/hindsight-app/hindsight/internal/ui/uitest"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestRenderTimelineImage(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(look.NewTheme())
	st := storetest.OpenSeeded(t)
	events, preds, err := st.Bulk().Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	whole := renderTimeline(events, preds, nil, timelineview.ViewState{}, true, 1600, imageCaption{Exported: when.DayOf(2026, 11, 30)})
	if b := whole.Bounds(); b.Dx() != 1600 || b.Dy() < 400 {
		t.Fatalf("image is %v; want 1600 px wide and tall enough for every lane", b)
	}
	// Not a blank picture: count the distinct colours drawn.
	colours := map[[4]uint32]bool{}
	for y := 0; y < whole.Bounds().Dy(); y += 7 {
		for x := 0; x < 1600; x += 7 {
			r, g, b, a := whole.At(x, y).RGBA()
			colours[[4]uint32{r, g, b, a}] = true
		}
	}
	if len(colours) < 20 {
		t.Errorf("the image has %d colours; it looks blank", len(colours))
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, whole); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("HINDSIGHT_SCREENSHOT_DIR"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, "export-whole.png"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	view := renderTimeline(events, preds, nil, timelineview.ViewState{Start: 19300, End: 19400}, false, 800, imageCaption{Exported: when.DayOf(2026, 11, 30)})
	if b := view.Bounds(); b.Dx() != 800 {
		t.Errorf("current-view image is %v wide, want 800", b.Dx())
	}
	if _, err := parseImageWidth("100"); err == nil {
		t.Error("a 100 px image should be refused")
	}
	if px, err := parseImageWidth(" 2400 "); err != nil || px != 2400 {
		t.Errorf("parseImageWidth = %v, %v", px, err)
	}
}

// TestExportedImageSaysWhatItShows: the image has a title, the dates it
// covers, the filter, a legend of every mark and colour, the counts and
// the day it was exported.
func TestExportedImageSaysWhatItShows(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(look.NewTheme())
	view := timelineview.ViewState{Start: float64(when.DayOf(2023, 1, 1)), End: float64(when.DayOf(2024, 6, 30))}
	head, foot := imageFrame(view, 3, 1, imageCaption{Filter: "Actor: OpenAI", Exported: when.DayOf(2026, 11, 30)}, 1200)
	text := strings.Join(append(uitest.Labels(head), uitest.Labels(foot)...), "\n")
	for _, want := range []string{"Hindsight: events and predictions", "1 Jan 2023 to 30 Jun 2024", "Filtered: Actor: OpenAI",
		"Event", "Prediction: Open", "Prediction: True", "Prediction: False", "Prediction: Partly true", "Overdue (red outline)",
		"Uncertain date (soft band)", "3 events · 1 prediction · exported 30 Nov 2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("the image lacks %q:\n%s", want, text)
		}
	}
	// The legend wraps within the width: a narrow image is taller.
	_, narrow := imageFrame(view, 3, 1, imageCaption{Exported: when.DayOf(2026, 11, 30)}, 400)
	if narrow.MinSize().Height <= foot.MinSize().Height {
		t.Errorf("a narrow legend (%v) is not taller than a wide one (%v)", narrow.MinSize(), foot.MinSize())
	}
}
