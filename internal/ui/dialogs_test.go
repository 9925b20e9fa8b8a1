package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/when"
)

// labelsIn lists the text of every label drawn in o.
func labelsIn(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// buttonLabelled finds the button labelled text drawn in o.
func buttonLabelled(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == text {
				found = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

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
	m, _ := openWindow(t)
	if err := m.session.SaveView(context.Background(), filter.SavedView{Name: "Taken", Filter: filter.Filter{To: "1999"}}); err != nil {
		t.Fatal(err)
	}
	plan, err := m.session.PlanImport(context.Background(), "file.json", strings.NewReader(previewFile), exchange.FormatHindsightJSON)
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
	m, _ := openWindow(t)
	m.transfers.exportFile(exchange.FormatMarkwhen)
	c := m.win.Canvas()
	top := c.Overlays().Top()
	if top == nil {
		t.Fatal("nothing asked before the export")
	}
	text := strings.Join(labelsIn(top), "\n")
	for _, want := range []string{
		"Left out: the created and updated times of " + i18n.PredictionCount(len(m.lib.Predictions)),
		"Left out: the created and updated times of " + i18n.EventCount(m.lib.EventCount),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the question lacks %q:\n%s", want, text)
		}
	}
	test.Tap(buttonLabelled(t, top, "Cancel"))
	if c.Overlays().Top() != nil {
		t.Fatal("Cancel left a dialog open")
	}
	m.transfers.exportFile(exchange.FormatMarkwhen)
	test.Tap(buttonLabelled(t, c.Overlays().Top(), "Export anyway"))
	if c.Overlays().Top() == nil {
		t.Error("going on opened no file chooser")
	}
	// Hindsight JSON carries everything and asks nothing.
	c.Overlays().Top().Hide()
	m.transfers.exportFile(exchange.FormatHindsightJSON)
	if top := c.Overlays().Top(); top == nil || strings.Contains(strings.Join(labelsIn(top), " "), "Left out") {
		t.Error("Hindsight JSON should go straight to the file chooser")
	}
}

// TestGoToDateTakesEnterAndEscape: the one field of Go to date submits on
// Enter once readable, and Escape closes the dialog.
func TestGoToDateTakesEnterAndEscape(t *testing.T) {
	m, _ := openWindow(t)
	c := m.win.Canvas()
	var went []when.Day
	m.askDate(func(d when.Day) { went = append(went, d) })
	entry, ok := c.Focused().(*modal.Entry)
	if !ok {
		t.Fatalf("%T is focused, want the date field", c.Focused())
	}
	typeInto(c, "2023-02-30")
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(went) != 0 || c.Overlays().Top() == nil {
		t.Fatal("Enter went to an unreadable date")
	}
	if err := entry.Validate(); err == nil || err.Error() != "Feb 2023 has 28 days, not 30" {
		t.Errorf("the field does not say why in the interface's words: %v", err)
	}
	for range len("2023-02-30") {
		entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	}
	typeInto(c, "March 2023")
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(went) != 1 || c.Overlays().Top() != nil {
		t.Fatalf("Enter on March 2023: went %v, top %v", went, c.Overlays().Top())
	}
	m.askDate(func(d when.Day) { went = append(went, d) })
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil || len(went) != 1 {
		t.Error("Escape did not close Go to date")
	}
}

// typeInto types into whatever has the keyboard.
func typeInto(c fyne.Canvas, text string) {
	for _, r := range text {
		c.Focused().TypedRune(r)
	}
}

// TestLanguageMenuShowsTheChoiceAndOffersARestart: the saved language is
// ticked, and choosing another offers to restart on the same database.
func TestLanguageMenuShowsTheChoiceAndOffersARestart(t *testing.T) {
	m, path := openWindow(t)
	var restarted []string
	saved := restartApp
	restartApp = func(p string) error { restarted = append(restarted, p); return nil }
	t.Cleanup(func() { restartApp = saved })

	item := m.menus.languageMenu()
	ticked := func() []string {
		var out []string
		for _, it := range item.ChildMenu.Items {
			if it.Checked {
				out = append(out, it.Label)
			}
		}
		return out
	}
	if got := ticked(); len(got) != 1 || got[0] != "Follow the system" {
		t.Errorf("ticked %q, want Follow the system", got)
	}
	item.ChildMenu.Items[2].Action() // 中文
	if got := ticked(); len(got) != 1 || got[0] != "中文（简体）" {
		t.Errorf("ticked %q after choosing Chinese", got)
	}
	if got := m.app.Preferences().String(i18n.PrefLanguage); got != i18n.LanguageChinese {
		t.Errorf("saved language %q", got)
	}
	top := m.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no offer to restart")
	}
	test.Tap(buttonLabelled(t, top, "Restart now"))
	if len(restarted) != 1 || restarted[0] != path {
		t.Errorf("restarted %q, want the same database %q", restarted, path)
	}
}
