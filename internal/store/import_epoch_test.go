package store

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/synth"
)

// BenchmarkImportEpochCSV100k reads 100,000 rows in Epoch AI's layout
// (46 columns, multi-line notes, several links and organisations in a
// cell), mapping its columns as it goes, and saves them in one transaction
// into an empty database: the whole import of a large table with no
// mapping given.
func BenchmarkImportEpochCSV100k(b *testing.B) {
	data := synth.EpochCSV(100_000, 1)
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), fmt.Sprintf("epoch-%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		result, err := exchange.Read(bytes.NewReader(data), exchange.FormatCSVEvents, exchange.ReadOptions{})
		if err != nil || len(result.Doc.Events) != 100_000 {
			b.Fatalf("read %d events: %v", len(result.Doc.Events), err)
		}
		report, err := s.Bulk().Import(ctx, result.Doc.Events, nil, ImportOptions{})
		if err != nil || report.AddedEvents != 100_000 {
			b.Fatalf("added %d: %v", report.AddedEvents, err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
