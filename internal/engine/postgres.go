package engine

import "github.com/hindsight-app/hindsight/internal/pgstore"

// PostgreSQL gives the event operations of a PostgreSQL store.
func PostgreSQL(s *pgstore.Store) Events { return postgresRecords(s) }

// PostgreSQLPredictions gives the prediction operations of a PostgreSQL
// store.
func PostgreSQLPredictions(s *pgstore.Store) Predictions { return postgresRecords(s) }

// PostgreSQLVocabulary gives the names in use in a PostgreSQL store.
func PostgreSQLVocabulary(s *pgstore.Store) Vocabulary { return postgresRecords(s) }

// The PostgreSQL store's facets satisfy the interfaces directly.
var (
	_ Periods        = (*pgstore.Periods)(nil)
	_ UserData       = (*pgstore.UserData)(nil)
	_ History        = (*pgstore.History)(nil)
	_ Importer       = (*pgstore.Bulk)(nil)
	_ Exporter       = (*pgstore.Bulk)(nil)
	_ ColumnMappings = (*pgstore.Bulk)(nil)
)
