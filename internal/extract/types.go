package extract

import "unicode/utf8"

// Span is a range of Result.Text, in bytes (for Go strings) and in runes
// (for widgets that count characters), end exclusive.
type Span struct {
	Start     int `json:"start"`
	End       int `json:"end"`
	RuneStart int `json:"rune_start"`
	RuneEnd   int `json:"rune_end"`
}

// runeIndex turns byte offsets into rune offsets. Offsets are asked for
// in rising order most of the time, so it walks on from the last answer.
type runeIndex struct {
	text       string
	byteAt     int
	runesUntil int
}

func newRuneIndex(text string) *runeIndex { return &runeIndex{text: text} }

func (x *runeIndex) runeOffset(b int) int {
	if b < x.byteAt {
		x.byteAt, x.runesUntil = 0, 0
	}
	x.runesUntil += utf8.RuneCountInString(x.text[x.byteAt:b])
	x.byteAt = b
	return x.runesUntil
}

func (x *runeIndex) span(s span) Span {
	start := x.runeOffset(s.Start)
	return Span{Start: s.Start, End: s.End, RuneStart: start, RuneEnd: start + utf8.RuneCountInString(x.text[s.Start:s.End])}
}
