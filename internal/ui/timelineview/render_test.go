package timelineview

import (
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/hindsight-app/hindsight/assets"
	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/timeline"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview/items"
	"github.com/hindsight-app/hindsight/internal/when"
)

// visibleTexts lists the text objects the renderer currently shows.
func visibleTexts(tv *View) []*canvas.Text {
	var out []*canvas.Text
	for _, o := range tv.rend.Objects() {
		if tx, ok := o.(*canvas.Text); ok && tx.Visible() && tx.Text != "" {
			out = append(out, tx)
		}
	}
	return out
}

// checkNoOverlap fails when two visible texts share pixels or a text leaves
// the widget.
func checkNoOverlap(t *testing.T, tv *View, name string) int {
	t.Helper()
	texts := visibleTexts(tv)
	size := tv.Size()
	for i, a := range texts {
		ap, as := a.Position(), a.Size()
		if as.Width <= 0 || as.Height <= 0 {
			t.Errorf("%s: text %q has no size", name, a.Text)
		}
		if ap.X < 0 || ap.X+as.Width > size.Width+0.5 || ap.Y < 0 || ap.Y+as.Height > size.Height+0.5 {
			t.Errorf("%s: text %q at %v size %v leaves the %v widget", name, a.Text, ap, as, size)
		}
		for _, b := range texts[i+1:] {
			bp, bs := b.Position(), b.Size()
			if ap.X < bp.X+bs.Width && bp.X < ap.X+as.Width && ap.Y < bp.Y+bs.Height && bp.Y < ap.Y+as.Height {
				t.Errorf("%s: %q at %v+%v overlaps %q at %v+%v", name, a.Text, ap, as, b.Text, bp, bs)
			}
		}
	}
	return len(texts)
}

func TestTimelineLabelsDoNotOverlap(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		t.Run(lang, func(t *testing.T) {
			tv, _ := seedTimelineIn(t, lang)
			views := []struct {
				name        string
				first, last when.Day
			}{
				{"story", seedFirst, seedLast},
				{"2023", when.DayOf(2023, 1, 1), when.DayOf(2023, 12, 31)},
				{"board-crisis", when.DayOf(2023, 11, 1), when.DayOf(2023, 11, 30)},
				{"week", when.DayOf(2023, 11, 15), when.DayOf(2023, 11, 22)},
				{"decades", when.DayOf(1990, 1, 1), when.DayOf(2040, 1, 1)},
			}
			for _, v := range views {
				tv.Nav().ShowRange(v.first, v.last)
				tv.Refresh()
				if n := checkNoOverlap(t, tv, v.name); n < 3 {
					t.Errorf("%s: only %d texts drawn", v.name, n)
				}
			}
			tv.Nav().Fit()
			tv.Refresh()
			checkNoOverlap(t, tv, "fit")
		})
	}
}

func TestTimelineSeedStoryIsReadable(t *testing.T) {
	tv, _ := seedTimeline(t)
	tv.Refresh()
	var shown []string
	for _, tx := range visibleTexts(tv) {
		shown = append(shown, tx.Text)
	}
	all := strings.Join(shown, "\n")
	// Whole or shortened, the milestones of the story have labels.
	for _, want := range []string{"ChatGPT", "GPT-4", "plugins", "DevDay", "Altman", "LLaMA", "Qwen", "DeepSeek", "Today", "2024"} {
		if !strings.Contains(all, want) {
			t.Errorf("no visible text mentions %q", want)
		}
	}
	// Predictions come first, above the event lanes.
	lanes := tv.lay.Lanes
	if len(lanes) == 0 || !strings.HasPrefix(lanes[0].Key, items.LaneKeyPrediction) {
		t.Fatalf("the first lane is %q, want a prediction lane", lanes[0].Key)
	}
}

// TestTimelineMarksAreShapes: every labelled prediction has its state mark
// drawn as an image just before its text, followed by the mark of its kind
// when it is not a forecast and a retrospective mark when it is one; each
// lane header has an arrow icon; no text on the timeline holds a mark
// character.
func names(list []fyne.Resource) []string {
	var out []string
	for _, r := range list {
		out = append(out, r.Name())
	}
	return out
}

func TestTimelineMarksAreShapes(t *testing.T) {
	tv, r := drawnSeed(t)
	type badge struct {
		x   float32
		res fyne.Resource
	}
	rows := map[float32][]badge{}
	for _, img := range r.badges.objs[:r.badges.used] {
		if img.Visible() {
			y := img.Position().Y + img.Size().Height/2
			rows[y] = append(rows[y], badge{img.Position().X, img.Resource})
		}
	}
	labelled, kinds, retrospective := 0, 0, 0
	for _, mk := range tv.lay.Marks {
		if mk.Kind != timeline.KindPrediction || mk.Label == "" {
			continue
		}
		labelled++
		p := tv.preds[tv.predAt[items.SelectionOf(mk.ID).ID]]
		s, _ := items.StateOf(mk.State)
		want := []fyne.Resource{look.StateIcon(s)}
		if k := look.KindIcon(p.Kind, s); k != nil {
			want = append(want, k)
			kinds++
		}
		if p.Retrospective() {
			want = append(want, look.RetrospectiveIcon(s))
			retrospective++
		}
		var got []fyne.Resource
		lo := mk.LabelX - tv.met.opt.BadgeWidth*float32(mk.Badges) - 0.5
		for _, b := range rows[tv.met.axisH+mk.Y] {
			if b.x >= lo && b.x < mk.LabelX {
				got = append(got, b.res)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("prediction %q: marks %v, want %v", mk.Label, names(got), names(want))
		}
	}
	if labelled == 0 || kinds == 0 || retrospective == 0 {
		t.Fatalf("%d labelled predictions, %d with a kind mark, %d retrospective on the seed timeline; want some of each",
			labelled, kinds, retrospective)
	}
	if r.arrows.used != len(tv.lay.Lanes) {
		t.Errorf("%d arrows for %d lanes", r.arrows.used, len(tv.lay.Lanes))
	}
	for _, tx := range visibleTexts(tv) {
		if strings.ContainsAny(tx.Text, "✓✗◐○▾▸⚠") {
			t.Errorf("text %q draws a mark as a character", tx.Text)
		}
	}
}

func TestTimelineObjectCountBounded(t *testing.T) {
	tv, _ := newTestTimeline(t, 1400, 900)
	tv.SetData(withoutPeriods(synthData(100_000)))
	const limit = 3000
	check := func(name string) {
		tv.Refresh()
		objs := tv.rend.Objects()
		visible := 0
		for _, o := range objs {
			if o.Visible() {
				visible++
			}
		}
		t.Logf("%s: %d objects, %d visible, %d marks, %d clusters", name, len(objs), visible, len(tv.lay.Marks), len(tv.lay.Clusters))
		if len(objs) > limit {
			t.Errorf("%s: %d canvas objects for 100k events, want ≤ %d", name, len(objs), limit)
		}
	}
	tv.Nav().Fit()
	check("fit")
	tv.Nav().ShowRange(when.DayOf(2020, 3, 1), when.DayOf(2020, 3, 31))
	check("month")
	tv.Nav().ShowRange(when.DayOf(2020, 3, 10), when.DayOf(2020, 3, 10))
	check("day")
	// Panning a long way does not grow the pools beyond what one view needs.
	for range 200 {
		tv.nav.view = tv.nav.viewport().Pan(-300)
		tv.invalidate()
	}
	check("after panning")
}

func TestTimelineRendersSeed(t *testing.T) {
	var err error
	dir := os.Getenv("HINDSIGHT_TIMELINE_PNG")
	if dir == "" {
		dir = t.TempDir()
	}
	for _, lang := range []string{"en", "zh"} {
		func() {
			tv, win := seedTimelineIn(t, lang)
			id := eventID(t, tv.events, "OpenAI's board removes Sam Altman as CEO")
			tv.Select(app.Selection{Kind: app.SelectEvent, ID: id})
			gpt4 := eventID(t, tv.events, "OpenAI releases GPT-4")
			tv.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: markPos(t, tv, items.EventID(gpt4))}})
			img := win.Canvas().Capture()
			if b := img.Bounds(); b.Dx() != 1400 || b.Dy() != 900 {
				t.Fatalf("capture is %v", b)
			}
			// The picture holds the event colour and the claim states of
			// the seed in view (true, open).
			for _, c := range []color.NRGBA{look.StateColor(model.StateTrue), look.StateColor(model.StateOpen)} {
				if !hasColor(img, c) {
					t.Errorf("%s: no pixel of %v", lang, c)
				}
			}
			writePNG(t, filepath.Join(dir, "timeline-seed-"+lang+".png"), img)

			tv.MouseOut()
			tv.Nav().ShowRange(when.DayOf(2023, 10, 15), when.DayOf(2024, 1, 31))
			writePNG(t, filepath.Join(dir, "timeline-late2023-"+lang+".png"), win.Canvas().Capture())
			tv.Nav().Fit()
			writePNG(t, filepath.Join(dir, "timeline-fit-"+lang+".png"), win.Canvas().Capture())
		}()
	}
	// Tag lanes, a collapsed lane and an overdue prediction.
	tv, win := seedTimeline(t)
	due := model.Prediction{ID: 9999, Statement: "Someone will ship something by 2024", Source: "Test", Made: when.MustParse("2023-01")}
	if due.Deadline, err = when.ParseDeadline("by 2024", due.Made); err != nil {
		t.Fatal(err)
	}
	tv.SetData(tv.events, append(slices.Clone(tv.preds), due), nil)
	tv.SetGrouping(GroupByTag)
	tv.ensureLayout()
	lane := tv.lay.Lanes[2] // collapsed by a tap on its title
	test.TapAt(tv, fyne.NewPos(40, tv.met.axisH+lane.Y+4))
	if !tv.collapsed[lane.Key] {
		t.Fatalf("a tap on the title of lane %q did not collapse it", lane.Key)
	}
	img := win.Canvas().Capture()
	if !hasColor(img, look.StateColor(model.StateOpen)) {
		t.Error("the overdue prediction is not drawn")
	}
	writePNG(t, filepath.Join(dir, "timeline-tags-en.png"), img)

	// The light theme reads as well as the dark one the test app defaults to.
	tv, win = seedTimeline(t)
	fyne.CurrentApp().Settings().SetTheme(lightTheme{look.NewTheme()})
	tv.Refresh()
	img = win.Canvas().Capture()
	if !hasColor(img, look.StateColor(model.StateTrue)) {
		t.Error("light theme: no prediction drawn")
	}
	writePNG(t, filepath.Join(dir, "timeline-seed-light.png"), img)

	tv, win = newTestTimeline(t, 1400, 900)
	tv.SetData(withoutPeriods(synthData(100_000)))
	tv.Nav().ShowRange(when.DayOf(2022, 1, 1), when.DayOf(2023, 12, 31))
	writePNG(t, filepath.Join(dir, "timeline-100k.png"), win.Canvas().Capture())
}

// lightTheme forces the light variant of a theme.
type lightTheme struct{ fyne.Theme }

func (l lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return l.Theme.Color(n, theme.VariantLight)
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// hasColor reports a pixel close to c, allowing for blending of the edges.
func hasColor(img image.Image, c color.NRGBA) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			p := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if absDiff(p.R, c.R) < 12 && absDiff(p.G, c.G) < 12 && absDiff(p.B, c.B) < 12 {
				return true
			}
		}
	}
	return false
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// TestTimelineTranslations checks that both timeline translation files
// hold exactly the keys the timeline code uses.
func TestTimelineTranslations(t *testing.T) {
	used := map[string]bool{}
	re := regexp.MustCompile(`"(timeline\.[A-Za-z0-9_.]+)"`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	inItems, err := filepath.Glob("items/*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(files, inItems...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(src, -1) {
			used[string(m[1])] = true
		}
	}
	for _, c := range model.Categories {
		if !used["timeline.category."+string(c)] {
			t.Errorf("category %q has no translated title", c)
		}
	}
	for _, s := range model.States {
		if !used["timeline.state."+string(s)] {
			t.Errorf("state %q has no translated name", s)
		}
	}
	for _, lang := range []string{"en", "zh"} {
		data, err := assets.Translations.ReadFile("translations/timeline." + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]string
		if err := json.Unmarshal(data, &msgs); err != nil {
			t.Fatalf("timeline.%s.json: %v", lang, err)
		}
		for k := range used {
			if strings.TrimSpace(msgs[k]) == "" {
				t.Errorf("timeline.%s.json lacks %q", lang, k)
			}
		}
		for k := range msgs {
			if !used[k] {
				t.Errorf("timeline.%s.json has unused key %q", lang, k)
			}
		}
		// Placeholders must survive translation.
		en := map[string]string{}
		enData, _ := assets.Translations.ReadFile("translations/timeline.en.json")
		_ = json.Unmarshal(enData, &en)
		ph := regexp.MustCompile(`\{\{\.[A-Za-z]+\}\}`)
		for k, v := range msgs {
			a, b := ph.FindAllString(v, -1), ph.FindAllString(en[k], -1)
			slices.Sort(a)
			slices.Sort(b)
			if !slices.Equal(a, b) {
				t.Errorf("timeline.%s.json %q has placeholders %v, English has %v", lang, k, a, b)
			}
		}
	}
}

// BenchmarkTimelineRefresh measures one frame of panning: move the view,
// lay it out and copy the layout into the canvas objects.
func BenchmarkTimelineRefresh(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			tv, _ := newTestTimeline(b, 1400, 900)
			tv.SetData(withoutPeriods(synthData(n)))
			tv.Nav().ShowRange(when.DayOf(2021, 1, 1), when.DayOf(2023, 12, 31))
			r := test.WidgetRenderer(tv)
			r.Refresh()
			dx := float32(7)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if i%200 == 0 {
					dx = -dx // pan back and forth over the same years
				}
				tv.nav.view = tv.nav.viewport().Pan(dx)
				tv.gen++
				r.Refresh()
			}
		})
	}
}

// TestAxisIsLabelledAtEveryZoom: from a week to five centuries the axis
// shows at least three labels, none overlapping, one of them naming the
// year; where months are visible, one names the month too.
func TestAxisIsLabelledAtEveryZoom(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		tv, _ := seedTimelineIn(t, lang)
		center := when.DayOf(2023, 11, 17)
		for _, days := range []int{7, 30, 91, 200, 365, 2 * 365, 5 * 365, 13 * 365, 40 * 365, 500 * 365} {
			first := center - when.Day(days/2)
			tv.Nav().ShowRange(first, first+when.Day(days))
			tv.Refresh()
			name := fmt.Sprintf("%s %d days", lang, days)
			checkNoOverlap(t, tv, name)
			var labels []string
			for _, tx := range visibleTexts(tv) {
				if tx.Position().Y < tv.met.axisH && tx.Text != "Today" && tx.Text != "今天" {
					labels = append(labels, tx.Text)
				}
			}
			all := strings.Join(labels, " ")
			if len(labels) < 3 {
				t.Errorf("%s: %d axis labels %q, want at least 3", name, len(labels), labels)
			}
			if !regexp.MustCompile(`\d{4}`).MatchString(all) {
				t.Errorf("%s: no label names the year: %q", name, labels)
			}
			if days <= 365 && !regexp.MustCompile(`[A-Z][a-z]{2}|\d{1,2}月`).MatchString(all) {
				t.Errorf("%s: no label names a month: %q", name, labels)
			}
		}
	}
}

// TestSearchHitsStandOut: with hits set, every other mark is dimmed and
// each hit outlined; clearing them restores the marks.
func TestSearchHitsStandOut(t *testing.T) {
	tv, _ := seedTimeline(t)
	gpt4 := eventID(t, tv.events, "OpenAI releases GPT-4")
	tv.SetHits(&Hits{Events: []int64{gpt4}})
	tv.Refresh()
	r := tv.rend
	if r.hitRings.used != 1 {
		t.Fatalf("%d hit outlines, want 1", r.hitRings.used)
	}
	ring := r.hitRings.objs[0]
	pos := markPos(t, tv, items.EventID(gpt4))
	if p, s := ring.Position(), ring.Size(); pos.X < p.X || pos.X > p.X+s.Width || pos.Y < p.Y || pos.Y > p.Y+s.Height {
		t.Errorf("the outline at %v+%v misses GPT-4's mark at %v", p, s, pos)
	}
	dimmed, full := 0, 0
	for _, tx := range visibleTexts(tv) {
		if tx.Position().Y < tv.met.axisH {
			continue
		}
		if c := color.NRGBAModel.Convert(tx.Color).(color.NRGBA); c.A < 128 {
			dimmed++
		} else if strings.Contains(tx.Text, "GPT-4") {
			full++
		}
	}
	if dimmed < 10 || full == 0 {
		t.Errorf("%d labels dimmed, GPT-4's at full strength: %d", dimmed, full)
	}
	tv.SetHits(nil)
	tv.Refresh()
	if r.hitRings.used != 0 {
		t.Error("outlines stay after the search is cleared")
	}
}

// TestEvidenceLinesFadeUntilPointedAt: lines from predictions to their
// evidence are faint, and strong for the prediction selected.
func TestEvidenceLinesFadeUntilPointedAt(t *testing.T) {
	tv, r := drawnSeed(t)
	if r.links.lines.used == 0 {
		t.Fatal("the seed draws no evidence line")
	}
	for _, a := range lineAlphas(r) {
		if a > 100 {
			t.Fatalf("a line is drawn strong (alpha %d) with nothing selected", a)
		}
	}
	from := tv.lay.Links[0].FromID
	tv.Select(items.SelectionOf(from))
	tv.Refresh()
	if !slices.ContainsFunc(lineAlphas(r), func(a uint8) bool { return a > 200 }) {
		t.Error("selecting a prediction does not bring out its lines")
	}
}

// lineAlphas is how opaque each evidence line drawn is.
func lineAlphas(r *renderer) []uint8 {
	var alphas []uint8
	for _, l := range r.links.lines.objs[:r.links.lines.used] {
		alphas = append(alphas, color.NRGBAModel.Convert(l.StrokeColor).(color.NRGBA).A)
	}
	return alphas
}

// TestFuzzyDatesAreHatched: a date coarser than a day is drawn as a
// hatched band, stripes of ink over a faint fill, fading at its ends.
func TestFuzzyDatesAreHatched(t *testing.T) {
	_, r := drawnSeed(t)
	if r.hatches.rasters.used == 0 {
		t.Fatal("no fuzzy date is drawn hatched")
	}
	p := r.hatches.paint[r.hatches.rasters.objs[0]]
	ink := color.NRGBAModel.Convert(p.pixel(100, 0, 200)).(color.NRGBA)
	gap := color.NRGBAModel.Convert(p.pixel(102, 0, 200)).(color.NRGBA)
	edge := color.NRGBAModel.Convert(p.pixel(0, 0, 200)).(color.NRGBA)
	if !(ink.A > gap.A && gap.A > 0) || !(edge.A < ink.A) {
		t.Errorf("stripes %v, gaps %v, ends %v", ink.A, gap.A, edge.A)
	}
}

// TestTimelineDrawsMovingTargets: a claim restated with a new deadline is
// joined to its restatement by a connector that drops from its bar at the
// day it was restated and ends in an arrowhead on the restatement.
func TestTimelineDrawsMovingTargets(t *testing.T) {
	tv, _ := newTestTimelineIn(t, "en", 1200, 600)
	made1, made2, made3 := when.MustParse("2023-01"), when.MustParse("2025-11"), when.MustParse("2029-06")
	dl := when.MustParseDeadline
	preds := []model.Prediction{
		{ID: 1, Statement: "AGI by 2025", Source: "Futurist", Made: made1, Deadline: dl("by end of 2025", made1)},
		{ID: 2, Statement: "AGI by 2027", Source: "Futurist", Made: made2, Deadline: dl("by end of 2027", made2), Restates: 1},
		// Restated only after the 2027 deadline had passed.
		{ID: 3, Statement: "AGI by 2031", Source: "Futurist", Made: made3, Deadline: dl("by end of 2031", made3), Restates: 2,
			Kind: model.KindHope},
	}
	tv.SetData(nil, preds, nil)
	tv.Nav().ShowRange(when.DayOf(2022, 6, 1), when.DayOf(2032, 6, 1))
	tv.ensureLayout()
	tv.Refresh()
	r := tv.rend
	mark := func(id int64) timeline.Mark {
		for _, m := range tv.lay.Marks {
			if m.ID == items.PredictionID(id) {
				return m
			}
		}
		t.Fatalf("claim %d is not drawn", id)
		return timeline.Mark{}
	}
	lines := map[[4]float32]bool{}
	for _, ln := range r.links.lines.objs[:r.links.lines.used] {
		lines[[4]float32{ln.Position1.X, ln.Position1.Y, ln.Position2.X, ln.Position2.Y}] = true
	}
	ends := func(x, y float32) (n int) {
		for l := range lines {
			if l[2] == x && l[3] == y {
				n++
			}
		}
		return n
	}
	half := tv.rend.barHeight() / 2
	for _, pair := range [][2]int64{{1, 2}, {2, 3}} {
		from, to := mark(pair[0]), mark(pair[1])
		y1, y2 := tv.met.axisH+from.Y, tv.met.axisH+to.Y
		dir := float32(1)
		if y2 < y1 {
			dir = -1
		}
		y2 -= dir * half
		if !lines[[4]float32{to.Left, y1, to.Left, y2}] || ends(to.Left, y2) != 3 {
			t.Errorf("chain %d → %d: no connector down to an arrowhead at %v,%v", pair[0], pair[1], to.Left, y2)
		}
		// Restated after its deadline: the connector first runs along the
		// restated claim's row to the day of the restatement.
		if to.Left > from.Right && !lines[[4]float32{from.Right, y1, to.Left, y1}] {
			t.Errorf("chain %d → %d: no line along the row from %v to %v", pair[0], pair[1], from.Right, to.Left)
		}
	}
}
