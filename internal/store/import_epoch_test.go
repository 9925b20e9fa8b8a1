package store

import (
	"testing"

	"github.com/hindsight-app/hindsight/internal/synth"
)

// BenchmarkImportEpochCSV100k reads 100,000 rows in Epoch AI's layout
// (46 columns, multi-line notes, several links and organisations in a
// cell), mapping its columns as it goes, and saves them in one transaction
// into an empty database: the whole import of a large table with no
// mapping given.
func BenchmarkImportEpochCSV100k(b *testing.B) {
	data := synth.EpochCSV(100_000, 1)
	benchImportCSV(b, data, 100_000)
}
