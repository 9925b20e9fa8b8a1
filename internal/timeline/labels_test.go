package timeline

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func newTestCache(n int, m Measure) *labelCache {
	var c labelCache
	c.init(n)
	c.sync(m)
	return &c
}

func TestFitKeepsFullLabelWhenItFits(t *testing.T) {
	c := newTestCache(1, fixedMeasure)
	label := "GPT-4 released"
	w := c.full(0, label, fixedMeasure)
	if w != fixedMeasure(label) {
		t.Fatalf("full width %v", w)
	}
	if s, got := c.fit(0, label, w, w, fixedMeasure); s != label || got != w {
		t.Errorf("fit with exact room = %q %v", s, got)
	}
}

// With an additive measure the shortened label must be the longest prefix
// that fits with its ellipsis.
func TestFitLongestPrefix(t *testing.T) {
	labels := []string{"OpenAI releases GPT-4 with vision", "百度发布文心一言大模型", "Mix 中文 and English"}
	c := newTestCache(len(labels), fixedMeasure)
	for i, label := range labels {
		full := c.full(i, label, fixedMeasure)
		for room := float32(0); room < full; room += 3 {
			s, w := c.fit(i, label, full, room, fixedMeasure)
			if w > room || w != fixedMeasure(s) {
				t.Fatalf("%q in %v: %q measures %v (reported %v)", label, room, s, fixedMeasure(s), w)
			}
			if s == "" {
				if fixedMeasure(string([]rune(label)[:1])+Ellipsis) <= room {
					t.Fatalf("%q in %v: empty although one character fits", label, room)
				}
				continue
			}
			prefix, ok := strings.CutSuffix(s, Ellipsis)
			if !ok || !strings.HasPrefix(label, prefix) || strings.HasSuffix(prefix, " ") {
				t.Fatalf("%q in %v: bad shortening %q", label, room, s)
			}
			// One more character (skipping the spaces that were trimmed)
			// would not fit.
			rest := strings.TrimLeft(label[len(prefix):], " ")
			r, _ := utf8.DecodeRuneInString(rest)
			longer := label[:len(label)-len(rest)] + string(r) + Ellipsis
			if fixedMeasure(longer) <= room {
				t.Fatalf("%q in %v: %q is not the longest fit (%q fits)", label, room, s, longer)
			}
		}
	}
}

// When the measure of a string exceeds the sum of its characters, the guess
// is corrected by measuring the result.
func TestFitCorrectsOptimisticGuess(t *testing.T) {
	label := "an item whose label is definitely too long"
	c := newTestCache(1, kernedMeasure)
	full := c.full(0, label, kernedMeasure)
	for _, room := range []float32{30, 60, 100, 200, full - 1} {
		s, w := c.fit(0, label, full, room, kernedMeasure)
		if w > room || w != kernedMeasure(s) || (s != "" && !strings.HasSuffix(s, Ellipsis)) {
			t.Errorf("room %v: %q (%v px)", room, s, w)
		}
	}
}

func TestFitCache(t *testing.T) {
	calls := 0
	m := func(s string) float32 { calls++; return fixedMeasure(s) }
	c := newTestCache(1, m)
	label := "Anthropic releases Claude 3 family"
	full := c.full(0, label, m)
	s1, w1 := c.fit(0, label, full, 100, m)
	before := calls
	s2, w2 := c.fit(0, label, full, 101, m)
	if s1 != s2 || w1 != w2 || calls != before {
		t.Errorf("a room in the same range should reuse %q, got %q after %d measures", s1, s2, calls-before)
	}
	if s3, _ := c.fit(0, label, full, 200, m); len(s3) <= len(s1) {
		t.Errorf("more room gave %q after %q", s3, s1)
	}
	if s4, w4 := c.fit(0, label, full, 50, m); w4 > 50 || len(s4) >= len(s1) {
		t.Errorf("less room gave %q (%v)", s4, w4)
	}
}

func TestLabelCacheNoticesNewMeasure(t *testing.T) {
	c := newTestCache(1, fixedMeasure)
	if w := c.full(0, "abc", fixedMeasure); w != 21 {
		t.Fatalf("width %v", w)
	}
	double := func(s string) float32 { return 2 * fixedMeasure(s) }
	c.sync(double)
	if w := c.full(0, "abc", double); w != 42 {
		t.Errorf("after a text size change the width is %v, want 42", w)
	}
	if c.ellipsis != 16 {
		t.Errorf("ellipsis %v", c.ellipsis)
	}
	// Same probe width, different measure: only an explicit invalidation
	// can tell.
	ix := NewIndex([]Item{{ID: 1, Label: "abc"}}, nil)
	ix.labels.sync(fixedMeasure)
	ix.labels.full(0, "abc", fixedMeasure)
	ix.InvalidateLabelWidths()
	ix.labels.sync(fixedMeasure)
	if ix.labels.width[0] >= 0 {
		t.Error("InvalidateLabelWidths kept a width")
	}
}

func TestCountWidth(t *testing.T) {
	c := newTestCache(0, fixedMeasure)
	for n, want := range map[int]float32{1: 7, 9: 7, 10: 14, 99: 14, 100: 21, 123456: 42} {
		if got := c.countWidth(n, fixedMeasure); got != want {
			t.Errorf("countWidth(%d) = %v, want %v", n, got, want)
		}
	}
	s := clusterSizer{labels: c, measure: fixedMeasure, marker: 10}
	if got := s.width(42); got != 24 {
		t.Errorf("cluster width %v, want 24", got)
	}
	guess := clusterSizer{marker: 10}
	if got := guess.width(42); got != 22 {
		t.Errorf("cluster width without a measure %v, want 22", got)
	}
}
