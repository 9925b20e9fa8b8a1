package transfer

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/timelineview"
	"github.com/hindsight-app/hindsight/internal/ui/uitest"
	"github.com/hindsight-app/hindsight/internal/when"
)

const previewFile = `{"format": "hindsight", "version": 1,
"events": [
	{"id": 1, "title": "A brand new event", "date": "2024-05-01", "category": "model", "tags": [], "links": []},
	{"id": 2, "title": "OpenAI releases GPT-4", "date": "2023-03-14", "actor": "OpenAI", "category": "model", "tags": [], "links": []},
	{"id": 3, "title": "Never was", "date": "2023-02-30", "category": "model", "tags": [], "links": []}
],
"predictions": [{"id": 1, "statement": "A new claim", "source": "Someone", "made": "2024-01",
	"resolution": {"state": "true", "on": "2024-06", "evidence": [{"event_id": 99, "role": "resolves"}]}, "tags": []}],
"saved_views": [{"name": "Taken", "filter": {"from": "2020"}}, {"name": "Fresh", "filter": {"to": "2025"}}]}`

// TestImportPreviewSaysWhatHappensToEachRecord: the preview lists what
// will be added with dates and titles, what is skipped and why, what is
// imported only in part, and the saved views; it never calls a record it
// keeps skipped.
func TestImportPreviewSaysWhatHappensToEachRecord(t *testing.T) {
	h := newHarness(t)
	if err := h.session.User().SaveView(context.Background(), filter.SavedView{Name: "Taken", Filter: filter.Filter{To: "1999"}}); err != nil {
		t.Fatal(err)
	}
	plan, err := h.session.Transfers().PlanImport(context.Background(), "file.json", strings.NewReader(previewFile), exchange.FormatHindsightJSON)
	if err != nil {
		t.Fatal(err)
	}
	summary, sections := importPreview(plan)
	if summary != "1 event and 1 prediction will be added from file.json." {
		t.Errorf("summary %q", summary)
	}
	byTitle := map[string][]string{}
	for _, s := range sections {
		byTitle[s.title] = s.lines
	}
	want := map[string][]string{
		"Will be added: 2 records": {"1 May 2024 · A brand new event", "Jan 2024 · A new claim — Someone"},
		"Skipped: 2 records": {"14 Mar 2023 · OpenAI releases GPT-4: already in the database",
			"events[2], line 5, date: Feb 2023 has 28 days, not 30"},
		"Imported without a part: 1 record": {"predictions[0], line 7, resolution.evidence[0]: event 99 is not among the imported events; this evidence was left out"},
		"Saved views and reminders": {"Saved views to add: Fresh", "Saved views stay when the import is undone.",
			"Saved view “Taken”: this database saves another filter under that name, which is kept; the file's is skipped"},
	}
	for title, lines := range want {
		got, ok := byTitle[title]
		if !ok {
			t.Errorf("no section %q among %v", title, byTitle)
			continue
		}
		if strings.Join(got, "\n") != strings.Join(lines, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", title, got, lines)
		}
	}
	if len(sections) != len(want) {
		t.Errorf("sections %v", byTitle)
	}
}

// TestExportSaysWhatItLeavesOutFirst: a Markwhen export first lists what
// it leaves out, counted, and writes nothing unless told to go on.
func TestExportSaysWhatItLeavesOutFirst(t *testing.T) {
	h := newHarness(t)
	h.exportFile(exchange.FormatMarkwhen)
	c := h.win.Canvas()
	top := c.Overlays().Top()
	if top == nil {
		t.Fatal("nothing asked before the export")
	}
	text := strings.Join(uitest.Labels(top), "\n")
	for _, want := range []string{
		"Left out: the created and updated times of " + i18n.PredictionCount(len(h.load(t).Predictions)),
		"Left out: the created and updated times of " + i18n.EventCount(h.load(t).EventCount),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the question lacks %q:\n%s", want, text)
		}
	}
	test.Tap(uitest.Button(t, top, "Cancel"))
	if c.Overlays().Top() != nil {
		t.Fatal("Cancel left a dialog open")
	}
	h.exportFile(exchange.FormatMarkwhen)
	test.Tap(uitest.Button(t, c.Overlays().Top(), "Export anyway"))
	if c.Overlays().Top() == nil {
		t.Error("going on opened no file chooser")
	}
	// Hindsight JSON carries everything and asks nothing.
	c.Overlays().Top().Hide()
	h.exportFile(exchange.FormatHindsightJSON)
	if top := c.Overlays().Top(); top == nil || strings.Contains(strings.Join(uitest.Labels(top), " "), "Left out") {
		t.Error("Hindsight JSON should go straight to the file chooser")
	}
}

// selected lists the field each column of the preview is read into, by
// the column's name, and the names shown in bold (mapped by a person).
func selected(preview fyne.CanvasObject) (fields map[string]string, bold []string) {
	fields = map[string]string{}
	grid := uitest.ObjectsIn[*fyne.Container](preview)
	for _, c := range grid {
		if _, ok := c.Layout.(*twoColumns); !ok {
			continue
		}
		for i := 0; i+1 < len(c.Objects); i += 2 {
			label, sel := c.Objects[i].(*widget.Label), c.Objects[i+1].(*widget.Select)
			fields[label.Text] = sel.Selected
			if label.TextStyle.Bold {
				bold = append(bold, label.Text)
			}
		}
	}
	return fields, bold
}

// A CSV file in a layout Hindsight knows shows the columns as recognised
// and its first row as it will be imported; leaving a column out holds
// Import back until the file is read again, the preview then says what is
// left out, and only the column changed is kept as the person's mapping.
func TestImportPreviewShowsRecognisedColumns(t *testing.T) {
	h := newHarness(t)
	path := h.session.Path()
	header := "Model,Organization,Publication date,Link,Notes,Parameters\n"
	csv := header + "Falcon-X,\"Lab A, Lab B\",2031-03-05,https://example.com/f https://example.org/f-paper,\"Made up\nover two lines\",7e9\n"
	fyne.DoAndWait(func() {
		h.readForImport("models.csv", strings.NewReader(csv), nopCloser{}, exchange.FormatCSVEvents)
	})
	preview := h.win.Canvas().Overlays().Top()
	fields, bold := selected(preview)
	want := map[string]string{
		"Model": fieldName(exchange.FieldTitle), "Organization": fieldName(exchange.FieldOrganizations),
		"Publication date": fieldName(exchange.FieldDate), "Link": fieldName(exchange.FieldLink),
		"Notes": fieldName(exchange.FieldDescription), "Parameters": fieldName(exchange.FieldNote),
	}
	if !reflect.DeepEqual(fields, want) || len(bold) != 0 {
		t.Fatalf("columns read as %v, bold %v; want %v, none bold", fields, bold, want)
	}
	text := uitest.LabelTexts(preview)
	for _, s := range []string{"1 event will be added from models.csv.",
		"The column “Parameters” goes into each description as a “name: value” line.",
		"Actor: Lab A", "Tags: lab-b", "Sources: https://example.com/f, https://example.org/f-paper", "Parameters: 7e9"} {
		if !strings.Contains(text, s) {
			t.Errorf("the preview does not say %q:\n%s", s, text)
		}
	}
	importButton := uitest.Button(t, preview, "Import")
	if importButton.Disabled() {
		t.Fatal("Import is disabled on a file with an event to add")
	}
	sel := uitest.ObjectsIn[*widget.Select](preview)[5]
	fyne.DoAndWait(func() { sel.SetSelected(fieldName(exchange.FieldSkip)) })
	if !importButton.Disabled() || !strings.Contains(uitest.LabelTexts(preview), "read the file again") {
		t.Fatal("Import stays enabled while the columns shown are not those read")
	}
	fyne.DoAndWait(func() { sel.SetSelected(fieldName(exchange.FieldNote)) })
	if importButton.Disabled() {
		t.Error("Import stays disabled once the columns are back as read")
	}
	fyne.DoAndWait(func() {
		sel.SetSelected(fieldName(exchange.FieldSkip))
		test.Tap(uitest.Button(t, preview, "Read again with these columns"))
	})
	preview = h.win.Canvas().Overlays().Top()
	text = uitest.LabelTexts(preview)
	if _, bold = selected(preview); !reflect.DeepEqual(bold, []string{"Parameters"}) {
		t.Errorf("bold after reading again: %v", bold)
	}
	for _, s := range []string{"The column “Parameters” is left out, as chosen: nothing of it will be imported.",
		"The columns you mapped will be read the same way in the next file with this header."} {
		if !strings.Contains(text, s) {
			t.Errorf("the preview does not say %q:\n%s", s, text)
		}
	}
	if strings.Contains(text, "7e9") {
		t.Errorf("the sample still shows the column left out:\n%s", text)
	}
	fyne.DoAndWait(func() { test.Tap(uitest.Button(t, preview, "Import")) })
	// The import ran in line: the window was told, and the event is there.
	if h.changed != 1 || !slices.ContainsFunc(h.allEvents(t), isFalcon) {
		t.Fatalf("after Import: %d changes told, Falcon-X not read back", h.changed)
	}
	// On disk, whole: the window's copy holds no descriptions or links.
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	events, err := st.Events(context.Background(), store.EventQuery{})
	st.Close()
	if err != nil || !slices.ContainsFunc(events, isFalcon) {
		t.Fatalf("Falcon-X is not in the database: %v", err)
	}
	e := events[slices.IndexFunc(events, isFalcon)]
	if e.Actor != "Lab A" || len(e.Links) != 2 || strings.Contains(e.Description, "7e9") || !strings.Contains(e.Description, "over two lines") {
		t.Errorf("imported %+v", e)
	}
	// The next file with this header is read as mapped, and says so.
	next := header + "Heron-2,Lab C,2032-07-19,https://example.com/h,,1.2e10\n"
	fyne.DoAndWait(func() {
		h.readForImport("more.csv", strings.NewReader(next), nopCloser{}, exchange.FormatCSVEvents)
	})
	preview = h.win.Canvas().Overlays().Top()
	if fields, _ = selected(preview); fields["Parameters"] != fieldName(exchange.FieldSkip) {
		t.Errorf("the next file's columns: %v", fields)
	}
	if text = uitest.LabelTexts(preview); !strings.Contains(text, "The columns were read as you mapped them on") || strings.Contains(text, "1.2e10") {
		t.Errorf("the next file's preview:\n%s", text)
	}
}

func isFalcon(e model.Event) bool { return e.Title == "Falcon-X" }

// The import preview of a CSV file shows how each column is read; mapping
// them and reading again gives the events, and the mapping is kept.
func TestImportPreviewMapsColumns(t *testing.T) {
	h := newHarness(t)
	csv := "Name of model,When,Who,Secret\nAlpha-7,2031-02-03,Lab X,p\n"
	r := strings.NewReader(csv)
	fyne.DoAndWait(func() { h.readForImport("models.csv", r, nopCloser{}, exchange.FormatCSVEvents) })
	preview := h.win.Canvas().Overlays().Top()
	if preview == nil || !strings.Contains(uitest.LabelTexts(preview), "no column is read as the title") {
		t.Fatalf("the preview does not say what to map:\n%s", uitest.LabelTexts(preview))
	}
	selects := uitest.ObjectsIn[*widget.Select](preview)
	if len(selects) != 4 {
		t.Fatalf("%d column choices, want 4", len(selects))
	}
	fyne.DoAndWait(func() {
		selects[0].SetSelected(fieldName(exchange.FieldTitle))
		selects[1].SetSelected(fieldName(exchange.FieldDate))
		selects[2].SetSelected(fieldName(exchange.FieldActor))
		selects[3].SetSelected(fieldName(exchange.FieldSkip))
		test.Tap(uitest.Button(t, preview, "Read again with these columns"))
	})
	preview = h.win.Canvas().Overlays().Top()
	if !strings.Contains(uitest.LabelTexts(preview), "1 event will be added") {
		t.Fatalf("after mapping:\n%s", uitest.LabelTexts(preview))
	}
	fyne.DoAndWait(func() { test.Tap(uitest.Button(t, preview, "Import")) })
	if !slices.ContainsFunc(h.allEvents(t), func(e model.Event) bool { return e.Title == "Alpha-7" && e.Actor == "Lab X" }) {
		t.Fatal("Alpha-7 of Lab X was not imported")
	}
	// The next file with the header is read as mapped.
	plan, err := h.session.Transfers().PlanImport(context.Background(), "more.csv",
		strings.NewReader("Name of model,When,Who,Secret\nBeta-8,2032-01-01,Lab Y,q\n"), exchange.FormatCSVEvents)

	if err != nil || plan.Report.AddedEvents != 1 || plan.MappingSaved.IsZero() {
		t.Errorf("the next file: %+v, %v", plan.Report, err)
	}
	if e := plan.Read.Doc.Events[0]; strings.Contains(e.Description, "Secret") || e.Actor != "Lab Y" {
		t.Errorf("read as %+v", e)
	}
}

type nopCloser struct{}

func (nopCloser) Close() error { return nil }

// The image export draws the periods too.
func TestRenderTimelineImageWithPeriods(t *testing.T) {
	h := newHarness(t)
	periods := []model.Period{{ID: 1, Title: "Era", Start: when.MustParse("2023"), Color: "#d336b1"}}
	img := renderTimeline(h.allEvents(t), h.load(t).Predictions, periods, timelineview.ViewState{}, true, 1200, imageCaption{Exported: when.DayOf(2026, 11, 30)})
	found := false
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y && !found; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 > 0xb0 && g>>8 < 0x60 && bl>>8 > 0x90 {
				found = true
				break
			}
		}
	}
	if !found {
		t.Error("the period's colour is nowhere in the image")
	}
}
