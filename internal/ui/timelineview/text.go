package timelineview

import (
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"github.com/hindsight-app/hindsight/internal/timeline"
)

// textMeasures keeps the widths of texts a frame measured, so that the next
// frames measure only new texts.
type textMeasures struct {
	widths map[textKey]float32
	probe  float32 // width of a probe text when widths was filled
	// spent is the time this frame measured new texts with widthSoon;
	// postponed says that it left some for a later frame.
	spent     time.Duration
	postponed bool
}

// newTextBudget is how long a frame may spend measuring texts it can
// leave for the next one (the counts on clusters). Each new text is
// shaped, about 50–100 µs, and a view zoomed out over a million events
// shows hundreds of different counts at once: measured in one frame,
// they took twice its 16 ms.
var newTextBudget = 4 * time.Millisecond

type textKey struct {
	s    string
	size float32
	bold bool
}

// sync drops the measured widths when the font changed, noticed by the
// width of a probe text, or when they pile up; it starts a frame's budget
// for new texts.
func (m *textMeasures) sync() {
	m.spent, m.postponed = 0, false
	p := fyne.MeasureText("Mg0年", 20, fyne.TextStyle{}).Width
	if m.widths == nil || p != m.probe || len(m.widths) > 4096 {
		m.widths = make(map[textKey]float32)
		m.probe = p
	}
}

// width is the width of s at size, in bold or not.
func (m *textMeasures) width(s string, size float32, bold bool) float32 {
	k := textKey{s, size, bold}
	w, ok := m.widths[k]
	if !ok {
		w = fyne.MeasureText(s, size, fyne.TextStyle{Bold: bold}).Width
		m.widths[k] = w
	}
	return w
}

// widthSoon is width, unless s is new and the frame has spent its budget
// for new texts: then it reports false, and the caller leaves the text for
// a later frame (see postponed).
func (m *textMeasures) widthSoon(s string, size float32) (float32, bool) {
	if w, ok := m.widths[textKey{s, size, false}]; ok {
		return w, true
	}
	if m.spent > newTextBudget {
		m.postponed = true
		return 0, false
	}
	start := time.Now()
	w := m.width(s, size, false)
	m.spent += max(time.Since(start), time.Nanosecond) // a frame measures at least one
	return w, true
}

// lineHeight is the height of a line of text at size, kept under an empty
// text key.
func (m *textMeasures) lineHeight(size float32) float32 {
	k := textKey{"", size, true}
	h, ok := m.widths[k]
	if !ok {
		h = textHeight(size)
		m.widths[k] = h
	}
	return h
}

// textHeight is the line height of text at size in the regular style.
func textHeight(size float32) float32 {
	return fyne.MeasureText("Mg", size, fyne.TextStyle{}).Height
}

// fitText shortens s with an ellipsis to at most width pixels.
func fitText(s string, width, size float32, style fyne.TextStyle) string {
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
