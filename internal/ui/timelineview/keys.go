package timelineview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/hindsight-app/hindsight/internal/when"
)

// TypedRune handles the keys that stand for characters: + = - zoom, T goes
// to today, G asks for a date. Zoom keys are read as runes rather than key
// names so that + works wherever it sits on the keyboard layout.
func (t *View) TypedRune(r rune) {
	switch r {
	case '+', '=':
		t.nav.ZoomBy(keyZoomStep)
	case '-', '_':
		t.nav.ZoomBy(1 / keyZoomStep)
	case 't', 'T':
		t.nav.GoToToday()
	case 'g', 'G':
		// The window asks for a date; the view centres it.
		if t.AskDate != nil {
			t.AskDate(func(d when.Day) { t.nav.CenterOn(d) })
		}
	}
}

// TypedKey handles navigation keys: arrows pan and scroll the lanes, Home
// fits everything, Backspace goes back, Alt+Left/Right walk the history.
func (t *View) TypedKey(ev *fyne.KeyEvent) {
	alt := t.modifiers()&fyne.KeyModifierAlt != 0
	v := t.nav.viewport()
	switch ev.Name {
	case fyne.KeyLeft:
		if alt {
			t.nav.Back()
			return
		}
		t.nav.move(v.Pan(v.Width * keyPanShare))
		t.nav.settleLater()
	case fyne.KeyRight:
		if alt {
			t.nav.Forward()
			return
		}
		t.nav.move(v.Pan(-v.Width * keyPanShare))
		t.nav.settleLater()
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyPageUp, fyne.KeyPageDown:
		step := 3 * t.sizer.metrics().opt.RowHeight
		if ev.Name == fyne.KeyPageUp || ev.Name == fyne.KeyPageDown {
			step = 0.9 * v.Height
		}
		if ev.Name == fyne.KeyUp || ev.Name == fyne.KeyPageUp {
			step = -step
		}
		v.ScrollY += step
		t.nav.move(v.ClampScroll(t.lay.ContentHeight))
		t.nav.settleLater()
	case fyne.KeyHome:
		t.nav.Fit()
	case fyne.KeyBackspace:
		t.nav.Back()
	}
}

// TypedShortcut takes Alt+Left and Alt+Right, which arrive as shortcuts
// rather than keys, and passes every other shortcut on to the window so
// that focusing the timeline does not swallow the window's shortcuts.
func (t *View) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierAlt {
		switch cs.KeyName {
		case fyne.KeyLeft:
			t.nav.Back()
			return
		case fyne.KeyRight:
			t.nav.Forward()
			return
		}
	}
	if a := fyne.CurrentApp(); a != nil {
		if c, ok := a.Driver().CanvasForObject(t).(interface{ TypedShortcut(fyne.Shortcut) }); ok {
			c.TypedShortcut(s)
		}
	}
}
