package modal

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func newWindow(t *testing.T) fyne.Window {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("behind"))
	w.Resize(fyne.NewSize(1000, 700))
	return w
}

func pressEscape(c fyne.Canvas) {
	k := &fyne.KeyEvent{Name: fyne.KeyEscape}
	if f := c.Focused(); f != nil {
		f.TypedKey(k)
	} else if h := c.OnTypedKey(); h != nil {
		h(k)
	}
}

// TestEscapeClosesTheDialogOnTop: with nothing focused or a dialog's entry
// focused, Escape closes the dialog on top (as its Cancel would), one at
// a time; without a dialog the canvas's own key handler still gets it.
func TestEscapeClosesTheDialogOnTop(t *testing.T) {
	w := newWindow(t)
	c := w.Canvas()
	var passed []fyne.KeyName
	c.SetOnTypedKey(func(k *fyne.KeyEvent) { passed = append(passed, k.Name) })

	cancelled := false
	entry := NewEntry()
	form := dialog.NewForm("Name", "Save", "Cancel", []*widget.FormItem{widget.NewFormItem("Name", entry)},
		func(ok bool) { cancelled = !ok }, w)
	Show(w, form)
	Show(w, dialog.NewInformation("Note", "over the form", w))
	pressEscape(c) // nothing focused: the note closes
	if len(c.Overlays().List()) != 1 {
		t.Fatalf("%d overlays after the first Escape, want the form only", len(c.Overlays().List()))
	}
	c.Focus(entry)
	pressEscape(c) // the entry passes it on: the form closes, as Cancel
	if c.Overlays().Top() != nil || !cancelled {
		t.Fatalf("Escape in the form's entry: top %v, cancelled %v", c.Overlays().Top(), cancelled)
	}
	pressEscape(c)
	if len(passed) != 1 || passed[0] != fyne.KeyEscape {
		t.Errorf("with no dialog Escape should reach the window's handler: %v", passed)
	}
	// An entry outside any dialog keeps Escape to itself.
	if EscapeFrom(entry) {
		t.Error("EscapeFrom reported a dialog where there is none")
	}
}

// TestEnterSubmitsASingleField: Enter in the one field submits the form,
// unless its confirm button is disabled by validation.
func TestEnterSubmitsASingleField(t *testing.T) {
	w := newWindow(t)
	entry := NewEntry()
	entry.Validator = func(s string) error {
		if s == "" {
			return os.ErrInvalid
		}
		return nil
	}
	submitted := 0
	form := dialog.NewForm("Go to", "Go", "Cancel", []*widget.FormItem{widget.NewFormItem("Date", entry)},
		func(ok bool) {
			if ok {
				submitted++
			}
		}, w)
	SubmitOnEnter(entry, form)
	Show(w, form)
	w.Canvas().Focus(entry)
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if submitted != 0 || w.Canvas().Overlays().Top() == nil {
		t.Fatal("Enter submitted an invalid field")
	}
	test.Type(entry, "2023")
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if submitted != 1 || w.Canvas().Overlays().Top() != nil {
		t.Errorf("Enter: submitted %d, top %v", submitted, w.Canvas().Overlays().Top())
	}
}

// TestFileChoosersRememberTheirFolder: each purpose opens where it was
// last used, large, and Escape cancels it.
func TestFileChoosersRememberTheirFolder(t *testing.T) {
	w := newWindow(t)
	dir := t.TempDir()
	imports := filepath.Join(dir, "imports")
	if err := os.Mkdir(imports, 0o755); err != nil {
		t.Fatal(err)
	}
	remember(PurposeImport, storage.NewFileURI(filepath.Join(imports, "file.json")))
	if got, ok := LastFolder(PurposeImport); !ok || filepath.Clean(got.Path()) != imports {
		t.Errorf("import folder %v, %v; want %s", got, ok, imports)
	}
	if _, ok := LastFolder(PurposeExport); ok {
		t.Error("the export chooser remembers the import's folder")
	}
	if err := os.Remove(imports); err != nil {
		t.Fatal(err)
	}
	if _, ok := LastFolder(PurposeImport); ok {
		t.Error("a folder that is gone is offered")
	}

	chosen := 0
	OpenFile(w, PurposeDatabase, nil, func(r fyne.URIReadCloser) {
		if r == nil {
			chosen++
		}
	})
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no file chooser")
	}
	// The dialog's padding takes a little of the size asked for.
	if size, want := top.(*widget.PopUp).Content.Size(), FileSize(w.Canvas().Size()); size.Width < want.Width-20 || size.Height < want.Height-20 {
		t.Errorf("the chooser is %v in a %v window, want %v", size, w.Canvas().Size(), want)
	}
	pressEscape(w.Canvas())
	if w.Canvas().Overlays().Top() != nil || chosen != 1 {
		t.Errorf("Escape left the chooser open (or did not cancel it): %d", chosen)
	}
	if got := FileSize(fyne.NewSize(1400, 900)); got != fyne.NewSize(1352, 852) {
		t.Errorf("FileSize = %v", got)
	}
}
