package timeline

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Measure returns the width in pixels of text drawn at the label text size.
type Measure func(text string) float32

// Ellipsis ends every shortened label.
const Ellipsis = "…"

// probeText is measured once per layout: if its width changes, the text size
// or font changed and every cached width is stale. It mixes Latin, digits and
// CJK so that a change of either font is noticed.
const probeText = "Mg0年" + Ellipsis

// maxFitted bounds the cache of shortened labels; it is cleared when full so
// panning across years of data cannot grow it without limit.
const maxFitted = 8192

// labelCache remembers label widths across frames: measuring text may cost
// microseconds each, far more than the rest of a layout.
type labelCache struct {
	ok       bool
	probe    float32
	width    []float32 // full label width per item, < 0 when not yet measured
	ascii    [128]float32
	runes    map[rune]float32
	ellipsis float32
	digits   [20]float32 // width of n digits; 0 when not yet measured
	fitted   map[int32]fittedLabel
}

// fittedLabel is a shortened label, valid while the space offered stays in
// [w, next): more room could hold another character.
type fittedLabel struct {
	s    string
	w    float32
	next float32
}

func (c *labelCache) init(n int) {
	c.width = make([]float32, n)
	c.ok = false
}

// sync makes sure the cached widths belong to m.
func (c *labelCache) sync(m Measure) {
	p := m(probeText)
	if c.ok && p == c.probe {
		return
	}
	c.ok, c.probe = true, p
	for i := range c.width {
		c.width[i] = -1
	}
	for i := range c.ascii {
		c.ascii[i] = -1
	}
	if c.runes == nil {
		c.runes = make(map[rune]float32)
		c.fitted = make(map[int32]fittedLabel)
	}
	clear(c.runes)
	clear(c.fitted)
	c.digits = [20]float32{}
	c.ellipsis = m(Ellipsis)
}

// InvalidateLabelWidths drops every cached text width. Layout notices most
// text size changes by itself; call this after changing the font in a way
// that might keep a probe text's width.
func (ix *Index) InvalidateLabelWidths() { ix.labels.ok = false }

// full returns the width of item i's whole label.
func (c *labelCache) full(i int, label string, m Measure) float32 {
	w := c.width[i]
	if w < 0 {
		w = max(m(label), 0)
		c.width[i] = w
	}
	return w
}

func (c *labelCache) runeWidth(r rune, m Measure) float32 {
	if r < utf8.RuneSelf {
		w := c.ascii[r]
		if w < 0 {
			w = m(string(r))
			c.ascii[r] = w
		}
		return w
	}
	w, ok := c.runes[r]
	if !ok {
		w = m(string(r))
		c.runes[r] = w
	}
	return w
}

// countWidth returns the width of a cluster's count text.
func (c *labelCache) countWidth(n int, m Measure) float32 {
	d := 1
	for n >= 10 && d < len(c.digits)-1 {
		n /= 10
		d++
	}
	if c.digits[d] == 0 {
		c.digits[d] = m(strings.Repeat("0", d))
	}
	return c.digits[d]
}

// fit returns item i's label shortened with an ellipsis to at most space
// pixels, and its measured width; "" when not even one character fits.
//
// Per-character widths (cached) guess the cut; the real measure of the
// result then confirms it, stepping back a character at a time if kerning
// made the guess too long, so the returned width is never more than space.
func (c *labelCache) fit(i int, label string, full, space float32, m Measure) (string, float32) {
	if full <= space {
		return label, full
	}
	if f, ok := c.fitted[int32(i)]; ok && f.w <= space && space < f.next {
		return f.s, f.w
	}
	budget := space - c.ellipsis
	if budget <= 0 {
		return "", 0
	}
	var sum float32
	cut := len(label)
	next := float32(math.MaxFloat32)
	for j, r := range label {
		w := c.runeWidth(r, m)
		if sum+w > budget {
			cut, next = j, sum+w+c.ellipsis
			break
		}
		sum += w
	}
	for {
		prefix := strings.TrimRight(label[:cut], " ")
		if prefix == "" {
			return "", 0
		}
		s := prefix + Ellipsis
		w := m(s)
		if w <= space {
			if len(c.fitted) >= maxFitted {
				clear(c.fitted)
			}
			c.fitted[int32(i)] = fittedLabel{s: s, w: w, next: next}
			return s, w
		}
		next = w
		_, size := utf8.DecodeLastRuneInString(prefix)
		cut = len(prefix) - size
	}
}
