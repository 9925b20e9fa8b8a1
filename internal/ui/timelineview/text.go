package timelineview

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"github.com/hindsight-app/hindsight/internal/timeline"
)

type textKey struct {
	s    string
	size float32
	bold bool
}

// syncMeasures drops the measured widths when the font changed, noticed
// by the width of a probe text, or when they pile up.
func (r *renderer) syncMeasures() {
	p := fyne.MeasureText("Mg0年", 20, fyne.TextStyle{}).Width
	if r.widths == nil || p != r.probe || len(r.widths) > 4096 {
		r.widths = make(map[textKey]float32)
		r.probe = p
	}
}

func (r *renderer) textWidth(s string, size float32, bold bool) float32 {
	k := textKey{s, size, bold}
	w, ok := r.widths[k]
	if !ok {
		w = fyne.MeasureText(s, size, fyne.TextStyle{Bold: bold}).Width
		r.widths[k] = w
	}
	return w
}

// lineHeight is the height of a line of text at size, kept under an empty
// text key.
func (r *renderer) lineHeight(size float32) float32 {
	k := textKey{"", size, true}
	h, ok := r.widths[k]
	if !ok {
		h = textHeight(size)
		r.widths[k] = h
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
