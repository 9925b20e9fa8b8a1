// Package display writes records as a reader sees them, for the window and
// the command line alike: an event's date or span, a prediction's due day,
// text cut to a length, and tables whose columns line up when they hold
// Chinese, which takes two columns of a terminal per character. Pure Go.
package display

import (
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Shorten cuts s to at most n characters, marking the cut with an
// ellipsis; runs of white space become one space.
func Shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:max(n-1, 0)]) + "…"
}

// EventDate is an event's date, or its span, in lang ("en" or "zh").
func EventDate(e model.Event, lang string) string {
	if e.End.IsZero() {
		return e.Date.Format(lang)
	}
	return e.Date.Format(lang) + " – " + e.End.Format(lang)
}

// DueBy is the last day a prediction can come true, written by day, or its
// deadline phrase in lang when it has no fixed end, or "—" without a
// deadline.
func DueBy(p model.Prediction, lang string, day func(when.Day) string) string {
	if _, latest, ok := p.Due(); ok && latest != when.MaxDay {
		return day(latest)
	}
	if !p.Deadline.IsZero() {
		return p.Deadline.Format(lang)
	}
	return "—"
}

// Table writes rows in columns padded to their widest cell, measured in
// terminal columns (a Chinese character takes two), two spaces apart. The
// last column is not padded.
func Table(w io.Writer, rows [][]string) error {
	widths := map[int]int{}
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], runewidth.StringWidth(cell))
		}
	}
	var sb strings.Builder
	for _, row := range rows {
		for i, cell := range row {
			sb.WriteString(cell)
			if i < len(row)-1 {
				sb.WriteString(strings.Repeat(" ", widths[i]-runewidth.StringWidth(cell)+2))
			}
		}
		sb.WriteByte('\n')
	}
	_, err := fmt.Fprint(w, sb.String())
	return err
}
