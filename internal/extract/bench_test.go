package extract

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// articleOf builds an article of at least n characters from the two test
// reviews, English and Chinese paragraphs in turn, with the dates moved on
// each round so that the text does not repeat itself exactly.
func articleOf(b *testing.B, n int) string {
	b.Helper()
	parts := testReviews(b)
	var sb strings.Builder
	for round := 0; utf8.RuneCountInString(sb.String()) < n; round++ {
		for _, p := range parts {
			sb.WriteString(strings.NewReplacer("2024", fmt.Sprint(2024-round), "2025", fmt.Sprint(2025-round)).Replace(p))
			sb.WriteString("\n\n")
		}
	}
	r := []rune(sb.String())
	return string(r[:n])
}

// BenchmarkExtract20k reads a 20,000-character article; the issue asks
// for under 200 ms.
func BenchmarkExtract20k(b *testing.B) {
	text := articleOf(b, 20000)
	in := Input{Text: text, Published: when.MustParse("2024-12-30")}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Extract(in, Known{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtract20kKnown10k is the same article checked against a
// database of 10,000 events and 1,000 predictions for duplicates.
func BenchmarkExtract20kKnown10k(b *testing.B) {
	text := articleOf(b, 20000)
	var known Known
	start := when.MustParse("2015-01-01").Earliest()
	for i := 0; i < 10000; i++ {
		known.Events = append(known.Events, model.Event{ID: int64(i + 1), Title: fmt.Sprintf("Lab %d releases model %d", i%50, i),
			Date: when.DayDate(start + when.Day(i%3650)), Actor: fmt.Sprintf("Lab %d", i%50)})
	}
	for i := 0; i < 1000; i++ {
		known.Predictions = append(known.Predictions, model.Prediction{ID: int64(i + 1), Statement: fmt.Sprintf("Model %d will top the arena by %d", i, 2020+i%10)})
	}
	in := Input{Text: text, Published: when.MustParse("2024-12-30")}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Extract(in, known); err != nil {
			b.Fatal(err)
		}
	}
}
