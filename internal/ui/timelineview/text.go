package timelineview

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"github.com/hindsight-app/hindsight/internal/timeline"
)

// textMeasures keeps the widths of texts a frame measured, so that the next
// frames measure only new texts.
type textMeasures struct {
	widths map[textKey]float32
	probe  float32 // width of a probe text when widths was filled
}

type textKey struct {
	s    string
	size float32
	bold bool
}

// sync drops the measured widths when the font changed, noticed by the
// width of a probe text, or when they pile up.
func (m *textMeasures) sync() {
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
