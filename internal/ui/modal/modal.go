// Package modal shows the window's dialogs the way the keyboard expects:
// Escape closes the dialog on top (doing what its Cancel does), Enter
// submits a dialog of one field, and the file choosers are large, follow
// the window's size and open in the folder last used for the same
// purpose.
//
// Fyne v2.7's dialogs handle none of these keys: a key goes to the
// focused widget, or to the canvas when nothing has the focus. So a
// dialog shown here is registered with its canvas, the canvas's key
// handler closes the registered dialog on top, and the text entries of
// dialogs (Entry, and the forms' own entries through EscapeFrom) pass
// Escape on to it. A focused button or list does not: Fyne gives it the
// key and it keeps it.
package modal

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// canvasDialogs are the dialogs shown on one canvas, by the overlay that
// shows each, with what Escape does to it.
type canvasDialogs struct {
	escape map[fyne.CanvasObject]func()
}

// shown holds the dialogs of every canvas. Only the UI goroutine uses it.
var shown = map[fyne.Canvas]*canvasDialogs{}

// Show shows d over win; Escape dismisses it as its Cancel button would.
func Show(win fyne.Window, d dialog.Dialog) { ShowEscaping(win, d, d.Dismiss) }

// ShowEscaping shows d over win; Escape calls escape (which may ask
// before it closes d).
func ShowEscaping(win fyne.Window, d dialog.Dialog, escape func()) {
	d.Show()
	Register(win.Canvas(), escape)
}

// Register makes Escape call escape while the overlay now on top of c (a
// dialog just shown) stays on top.
func Register(c fyne.Canvas, escape func()) {
	top := c.Overlays().Top()
	if top == nil {
		return
	}
	cd := shown[c]
	if cd == nil {
		cd = &canvasDialogs{escape: map[fyne.CanvasObject]func(){}}
		shown[c] = cd
		previous := c.OnTypedKey()
		c.SetOnTypedKey(func(k *fyne.KeyEvent) {
			if k.Name == fyne.KeyEscape && Escape(c) {
				return
			}
			if previous != nil {
				previous(k)
			}
		})
	}
	// Forget dialogs that have closed.
	open := map[fyne.CanvasObject]bool{}
	for _, o := range c.Overlays().List() {
		open[o] = true
	}
	for o := range cd.escape {
		if !open[o] {
			delete(cd.escape, o)
		}
	}
	cd.escape[top] = escape
}

// Escape does what Escape does to the dialog on top of c, and reports
// whether there was one.
func Escape(c fyne.Canvas) bool {
	cd := shown[c]
	if cd == nil {
		return false
	}
	top := c.Overlays().Top()
	escape, ok := cd.escape[top]
	if !ok || top == nil || !top.Visible() {
		return false
	}
	escape()
	return true
}

// EscapeFrom is Escape for the canvas that shows o: the key handler of a
// text field in a dialog calls it, and keeps the key when it reports
// false.
func EscapeFrom(o fyne.CanvasObject) bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	return c != nil && Escape(c)
}

// Entry is a one-line text entry for dialogs: Escape closes the dialog it
// is in.
type Entry struct{ widget.Entry }

// NewEntry makes an Entry.
func NewEntry() *Entry {
	e := &Entry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey passes Escape on to the dialog.
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && EscapeFrom(e) {
		return
	}
	e.Entry.TypedKey(k)
}

// SubmitOnEnter makes Enter in entry submit the form dialog d (when its
// confirm button is enabled), as in any dialog of one field.
func SubmitOnEnter(entry *Entry, d *dialog.FormDialog) {
	entry.OnSubmitted = func(string) { d.Submit() }
}

// Info shows a message with a Close button; Escape closes it too.
func Info(win fyne.Window, title, message string) {
	Show(win, dialog.NewInformation(title, message, win))
}
