package ui

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/when"
)

// objectsIn lists every object of o's tree of a type.
func objectsIn[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if v, ok := o.(T); ok {
			out = append(out, v)
		}
		switch w := o.(type) {
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// button finds the button labelled text in o's tree.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, b := range objectsIn[*widget.Button](o) {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// menuItem finds an item of the main menu by its label.
func findMenuItem(t *testing.T, m *MainWindow, label string) *fyne.MenuItem {
	t.Helper()
	for _, menu := range m.win.MainMenu().Items {
		for _, it := range menu.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

// A period is added from the Edit menu, drawn on the timeline, selected
// by its label, shown in the detail panel, deleted from there and undone.
func TestPeriodsInTheWindow(t *testing.T) {
	m, path := openWindow(t)
	fyne.DoAndWait(findMenuItem(t, m, "New period…").Action)
	top := m.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(labelTexts(top), "Add period") {
		t.Fatalf("the Edit menu did not open the period form")
	}
	entries := objectsIn[*modal.Entry](top)
	if len(entries) < 3 {
		t.Fatalf("%d entries in the form", len(entries))
	}
	fyne.DoAndWait(func() {
		test.Type(entries[0], "The hundred-model war")
		entries[1].SetText("2023-03")
		entries[2].SetText("2023-12")
	})
	fyne.DoAndWait(func() { test.Tap(button(t, top, "Save")) })
	waitFor(t, "the period to load", func() bool { return len(m.lib.Periods) == 1 })
	p := m.lib.Periods[0]
	if p.Title != "The hundred-model war" || p.End != when.MustParse("2023-12") {
		t.Fatalf("saved %+v", p)
	}
	if m.timeline.Selected() != app.PeriodSelection(p.ID) {
		t.Errorf("the new period is not selected: %+v", m.timeline.Selected())
	}
	detail := labelTexts(m.detail.Object())
	if !strings.Contains(detail, "The hundred-model war") || !strings.Contains(detail, "Drawn across every lane.") {
		t.Errorf("the detail panel shows:\n%s", detail)
	}
	// Edit from the detail panel: the change is on disk and one undo
	// takes it back.
	fyne.DoAndWait(func() { test.Tap(button(t, m.detail.Object(), "Edit…")) })
	top = m.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(labelTexts(top), "Edit period") {
		t.Fatal("Edit… did not open the period form")
	}
	entries = objectsIn[*modal.Entry](top)
	fyne.DoAndWait(func() {
		entries[0].SetText("百模大战")
		entries[3].SetText("orange") // the colour
		test.Tap(button(t, top, "Save"))
	})
	waitFor(t, "the edit", func() bool { return m.lib.Periods[0].Title == "百模大战" })
	if got := storedPeriod(t, path, p.ID); got.Title != "百模大战" || got.Color != "#ffa500" {
		t.Errorf("on disk after the edit: %+v", got)
	}
	if detail := labelTexts(m.detail.Object()); !strings.Contains(detail, "百模大战") || !strings.Contains(detail, "#ffa500") {
		t.Errorf("the detail panel after the edit shows:\n%s", detail)
	}
	fyne.DoAndWait(m.history.undo)
	waitFor(t, "the undo of the edit", func() bool { return m.lib.Periods[0].Title == "The hundred-model war" })
	if got := storedPeriod(t, path, p.ID); got.Title != "The hundred-model war" || got.Color != "" {
		t.Errorf("on disk after undoing the edit: %+v", got)
	}
	// Delete from the detail panel, confirmed.
	fyne.DoAndWait(func() { test.Tap(button(t, m.detail.Object(), "Delete…")) })
	confirm := m.win.Canvas().Overlays().Top()
	if confirm == nil || !strings.Contains(labelTexts(confirm), "The hundred-model war") {
		t.Fatal("no confirmation names the period")
	}
	fyne.DoAndWait(func() { test.Tap(button(t, confirm, "Yes")) })
	waitFor(t, "the delete", func() bool { return len(m.lib.Periods) == 0 })
	if periods := storedPeriods(t, path); len(periods) != 0 {
		t.Errorf("on disk after the delete: %+v", periods)
	}
	fyne.DoAndWait(m.history.undo)
	waitFor(t, "the undo", func() bool { return len(m.lib.Periods) == 1 })
	if m.timeline.Selected() != app.PeriodSelection(p.ID) {
		t.Errorf("undo does not select the period: %+v", m.timeline.Selected())
	}
}

// storedPeriods reads the periods from the database file itself.
func storedPeriods(t *testing.T, path string) []model.Period {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	periods, err := st.Periods().List(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return periods
}

func storedPeriod(t *testing.T, path string, id int64) model.Period {
	t.Helper()
	for _, p := range storedPeriods(t, path) {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("period %d is not in the database", id)
	return model.Period{}
}

// selected lists the field each column of the preview is read into, by
// the column's name, and the names shown in bold (mapped by a person).
func selected(preview fyne.CanvasObject) (fields map[string]string, bold []string) {
	fields = map[string]string{}
	grid := objectsIn[*fyne.Container](preview)
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
	m, path := openWindow(t)
	header := "Model,Organization,Publication date,Link,Notes,Parameters\n"
	csv := header + "Falcon-X,\"Lab A, Lab B\",2031-03-05,https://example.com/f https://example.org/f-paper,\"Made up\nover two lines\",7e9\n"
	fyne.DoAndWait(func() {
		m.transfers.readForImport("models.csv", strings.NewReader(csv), nopCloser{}, exchange.FormatCSVEvents)
	})
	preview := m.win.Canvas().Overlays().Top()
	fields, bold := selected(preview)
	want := map[string]string{
		"Model": fieldName(exchange.FieldTitle), "Organization": fieldName(exchange.FieldOrganizations),
		"Publication date": fieldName(exchange.FieldDate), "Link": fieldName(exchange.FieldLink),
		"Notes": fieldName(exchange.FieldDescription), "Parameters": fieldName(exchange.FieldNote),
	}
	if !reflect.DeepEqual(fields, want) || len(bold) != 0 {
		t.Fatalf("columns read as %v, bold %v; want %v, none bold", fields, bold, want)
	}
	text := labelTexts(preview)
	for _, s := range []string{"1 event will be added from models.csv.",
		"The column “Parameters” goes into each description as a “name: value” line.",
		"Actor: Lab A", "Tags: lab-b", "Sources: https://example.com/f, https://example.org/f-paper", "Parameters: 7e9"} {
		if !strings.Contains(text, s) {
			t.Errorf("the preview does not say %q:\n%s", s, text)
		}
	}
	importButton := button(t, preview, "Import")
	if importButton.Disabled() {
		t.Fatal("Import is disabled on a file with an event to add")
	}
	sel := objectsIn[*widget.Select](preview)[5]
	fyne.DoAndWait(func() { sel.SetSelected(fieldName(exchange.FieldSkip)) })
	if !importButton.Disabled() || !strings.Contains(labelTexts(preview), "read the file again") {
		t.Fatal("Import stays enabled while the columns shown are not those read")
	}
	fyne.DoAndWait(func() { sel.SetSelected(fieldName(exchange.FieldNote)) })
	if importButton.Disabled() {
		t.Error("Import stays disabled once the columns are back as read")
	}
	fyne.DoAndWait(func() {
		sel.SetSelected(fieldName(exchange.FieldSkip))
		test.Tap(button(t, preview, "Read again with these columns"))
	})
	preview = m.win.Canvas().Overlays().Top()
	text = labelTexts(preview)
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
	fyne.DoAndWait(func() { test.Tap(button(t, preview, "Import")) })
	waitFor(t, "the import", func() bool { return m.lib.EventCount > 0 && slices.ContainsFunc(allEvents(t, m), isFalcon) })
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
		m.transfers.readForImport("more.csv", strings.NewReader(next), nopCloser{}, exchange.FormatCSVEvents)
	})
	preview = m.win.Canvas().Overlays().Top()
	if fields, _ = selected(preview); fields["Parameters"] != fieldName(exchange.FieldSkip) {
		t.Errorf("the next file's columns: %v", fields)
	}
	if text = labelTexts(preview); !strings.Contains(text, "The columns were read as you mapped them on") || strings.Contains(text, "1.2e10") {
		t.Errorf("the next file's preview:\n%s", text)
	}
}

func isFalcon(e model.Event) bool { return e.Title == "Falcon-X" }

// The import preview of a CSV file shows how each column is read; mapping
// them and reading again gives the events, and the mapping is kept.
func TestImportPreviewMapsColumns(t *testing.T) {
	m, _ := openWindow(t)
	csv := "Name of model,When,Who,Secret\nAlpha-7,2031-02-03,Lab X,p\n"
	r := strings.NewReader(csv)
	fyne.DoAndWait(func() { m.transfers.readForImport("models.csv", r, nopCloser{}, exchange.FormatCSVEvents) })
	preview := m.win.Canvas().Overlays().Top()
	if preview == nil || !strings.Contains(labelTexts(preview), "no column is read as the title") {
		t.Fatalf("the preview does not say what to map:\n%s", labelTexts(preview))
	}
	selects := objectsIn[*widget.Select](preview)
	if len(selects) != 4 {
		t.Fatalf("%d column choices, want 4", len(selects))
	}
	fyne.DoAndWait(func() {
		selects[0].SetSelected(fieldName(exchange.FieldTitle))
		selects[1].SetSelected(fieldName(exchange.FieldDate))
		selects[2].SetSelected(fieldName(exchange.FieldActor))
		selects[3].SetSelected(fieldName(exchange.FieldSkip))
		test.Tap(button(t, preview, "Read again with these columns"))
	})
	preview = m.win.Canvas().Overlays().Top()
	if !strings.Contains(labelTexts(preview), "1 event will be added") {
		t.Fatalf("after mapping:\n%s", labelTexts(preview))
	}
	fyne.DoAndWait(func() { test.Tap(button(t, preview, "Import")) })
	waitFor(t, "the import", func() bool {
		for _, e := range allEvents(t, m) {
			if e.Title == "Alpha-7" && e.Actor == "Lab X" {
				return true
			}
		}
		return false
	})
	// The next file with the header is read as mapped.
	plan, err := m.session.PlanImport(context.Background(), "more.csv",
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
	m, _ := openWindow(t)
	periods := []model.Period{{ID: 1, Title: "Era", Start: when.MustParse("2023"), Color: "#d336b1"}}
	img := renderTimeline(allEvents(t, m), m.lib.Predictions, periods, m.timeline.ViewState(), true, 1200, imageCaption{Exported: when.DayOf(2026, 11, 30)})
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
