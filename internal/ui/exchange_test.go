package ui

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview"
)

func TestRenderTimelineImage(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(look.NewTheme())
	st, err := store.OpenSeeded(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	events, preds, err := st.Bulk().Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	whole := renderTimeline(events, preds, nil, timelineview.ViewState{}, true, 1600)
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
	view := renderTimeline(events, preds, nil, timelineview.ViewState{Start: 19300, End: 19400}, false, 800)
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
