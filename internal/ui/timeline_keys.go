package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/hindsight-app/hindsight/internal/when"
)

// TypedRune handles the keys that stand for characters: + = - zoom, T goes
// to today, G asks for a date. Zoom keys are read as runes rather than key
// names so that + works wherever it sits on the keyboard layout.
func (t *TimelineView) TypedRune(r rune) {
	switch r {
	case '+', '=':
		t.ZoomBy(tlKeyZoomStep)
	case '-', '_':
		t.ZoomBy(1 / tlKeyZoomStep)
	case 't', 'T':
		t.GoToToday()
	case 'g', 'G':
		t.askDate()
	}
}

// TypedKey handles navigation keys: arrows pan and scroll the lanes, Home
// fits everything, Backspace goes back, Alt+Left/Right walk the history.
func (t *TimelineView) TypedKey(ev *fyne.KeyEvent) {
	alt := t.modifiers()&fyne.KeyModifierAlt != 0
	v := t.viewport()
	switch ev.Name {
	case fyne.KeyLeft:
		if alt {
			t.Back()
			return
		}
		t.move(v.Pan(v.Width * tlKeyPanShare))
		t.settleLater()
	case fyne.KeyRight:
		if alt {
			t.Forward()
			return
		}
		t.move(v.Pan(-v.Width * tlKeyPanShare))
		t.settleLater()
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyPageUp, fyne.KeyPageDown:
		step := 3 * t.metrics().opt.RowHeight
		if ev.Name == fyne.KeyPageUp || ev.Name == fyne.KeyPageDown {
			step = 0.9 * v.Height
		}
		if ev.Name == fyne.KeyUp || ev.Name == fyne.KeyPageUp {
			step = -step
		}
		v.ScrollY += step
		t.move(v.ClampScroll(t.lay.ContentHeight))
		t.settleLater()
	case fyne.KeyHome:
		t.Fit()
	case fyne.KeyBackspace:
		t.Back()
	}
}

// TypedShortcut takes Alt+Left and Alt+Right, which arrive as shortcuts
// rather than keys, and passes every other shortcut on to the window so
// that focusing the timeline does not swallow the window's shortcuts.
func (t *TimelineView) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierAlt {
		switch cs.KeyName {
		case fyne.KeyLeft:
			t.Back()
			return
		case fyne.KeyRight:
			t.Forward()
			return
		}
	}
	if a := fyne.CurrentApp(); a != nil {
		if c, ok := a.Driver().CanvasForObject(t).(interface{ TypedShortcut(fyne.Shortcut) }); ok {
			c.TypedShortcut(s)
		}
	}
}

// askDate lets the window ask for a date and centres it.
func (t *TimelineView) askDate() {
	if t.AskDate == nil {
		return
	}
	t.AskDate(func(d when.Day) { t.CenterOn(d) })
}
