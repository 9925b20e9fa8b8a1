// Package textfit measures the timeline's texts and fits them to their
// room: widths kept from frame to frame, a per-frame budget for new texts,
// and shortening with an ellipsis.
package textfit

import (
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"github.com/hindsight-app/hindsight/internal/timeline"
)

// Measures keeps the widths of texts a frame measured, so that the next
// frames measure only new texts.
type Measures struct {
	widths map[key]float32
	probe  float32 // width of a probe text when widths was filled
	// spent is the time this frame measured new texts with WidthSoon;
	// postponed says that it left some for a later frame.
	spent     time.Duration
	postponed bool
}

// Postponed reports whether this frame left texts for a later one.
func (m *Measures) Postponed() bool { return m.postponed }

// NewTextBudget is how long a frame may spend measuring texts it can
// leave for the next one (the counts on clusters). Each new text is
// shaped, about 50–100 µs, and a view zoomed out over a million events
// shows hundreds of different counts at once: measured in one frame,
// they took twice its 16 ms.
var NewTextBudget = 4 * time.Millisecond

type key struct {
	s    string
	size float32
	bold bool
}

// Sync drops the measured widths when the font changed, noticed by the
// width of a probe text, or when they pile up; it starts a frame's budget
// for new texts.
func (m *Measures) Sync() {
	m.spent, m.postponed = 0, false
	p := fyne.MeasureText("Mg0年", 20, fyne.TextStyle{}).Width
	if m.widths == nil || p != m.probe || len(m.widths) > 4096 {
		m.widths = make(map[key]float32)
		m.probe = p
	}
}

// Width is the width of s at size, in bold or not.
func (m *Measures) Width(s string, size float32, bold bool) float32 {
	k := key{s, size, bold}
	w, ok := m.widths[k]
	if !ok {
		w = fyne.MeasureText(s, size, fyne.TextStyle{Bold: bold}).Width
		m.widths[k] = w
	}
	return w
}

// WidthSoon is Width, unless s is new and the frame has spent its budget
// for new texts: then it reports false, and the caller leaves the text for
// a later frame (see Postponed).
func (m *Measures) WidthSoon(s string, size float32) (float32, bool) {
	if w, ok := m.widths[key{s, size, false}]; ok {
		return w, true
	}
	if m.spent > NewTextBudget {
		m.postponed = true
		return 0, false
	}
	start := time.Now()
	w := m.Width(s, size, false)
	m.spent += max(time.Since(start), time.Nanosecond) // a frame measures at least one
	return w, true
}

// LineHeight is the height of a line of text at size, kept under an empty
// text key.
func (m *Measures) LineHeight(size float32) float32 {
	k := key{"", size, true}
	h, ok := m.widths[k]
	if !ok {
		h = TextHeight(size)
		m.widths[k] = h
	}
	return h
}

// TextHeight is the line height of text at size in the regular style.
func TextHeight(size float32) float32 {
	return fyne.MeasureText("Mg", size, fyne.TextStyle{}).Height
}

// FitText shortens s with an ellipsis to at most width pixels.
func FitText(s string, width, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	// Binary search on the rune count of the kept prefix.
	runes := utf8.RuneCountInString(s)
	lo, hi := 0, runes
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(prefixRunes(s, mid)+timeline.Ellipsis, size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return ""
	}
	return strings.TrimRight(prefixRunes(s, lo), " ") + timeline.Ellipsis
}

func prefixRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}
