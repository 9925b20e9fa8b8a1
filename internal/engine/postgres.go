package engine

import (
	"context"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// PostgreSQL gives the event operations of a PostgreSQL store.
func PostgreSQL(s *pgstore.Store) Events { return postgresEvents{s} }

// PostgreSQLPredictions gives the prediction operations of a PostgreSQL
// store.
func PostgreSQLPredictions(s *pgstore.Store) Predictions { return postgresEvents{s} }

// PostgreSQLVocabulary gives the names in use in a PostgreSQL store.
func PostgreSQLVocabulary(s *pgstore.Store) Vocabulary { return postgresEvents{s} }

// postgresEvents adapts the PostgreSQL store, whose bulk writes, counts,
// names and claim operations live on its facets, as the SQLite store's do.
type postgresEvents struct{ *pgstore.Store }

// The PostgreSQL store's facets satisfy the interfaces directly.
var (
	_ Periods        = (*pgstore.Periods)(nil)
	_ UserData       = (*pgstore.UserData)(nil)
	_ History        = (*pgstore.History)(nil)
	_ Importer       = (*pgstore.Bulk)(nil)
	_ Exporter       = (*pgstore.Bulk)(nil)
	_ ColumnMappings = (*pgstore.Bulk)(nil)
)

func (s postgresEvents) AddEvents(ctx context.Context, events []model.Event) ([]int64, error) {
	return s.Bulk().AddEvents(ctx, events)
}

func (s postgresEvents) CountEvents(ctx context.Context, f filter.Filter) (int, error) {
	return s.Summary().CountEvents(ctx, f)
}

func (s postgresEvents) Lanes(ctx context.Context, dim string, f filter.Filter) ([]store.LaneCount, error) {
	return s.Summary().Lanes(ctx, dim, f)
}

func (s postgresEvents) Buckets(ctx context.Context, dim string, f filter.Filter, from, to when.Day) ([]store.Bucket, error) {
	return s.Summary().Buckets(ctx, dim, f, from, to)
}

func (s postgresEvents) Extent(ctx context.Context, f filter.Filter) (first, last when.Day, ok bool, err error) {
	return s.Summary().Extent(ctx, f)
}

func (s postgresEvents) AddPredictions(ctx context.Context, preds []model.Prediction) ([]int64, error) {
	return s.Bulk().AddPredictions(ctx, preds)
}

func (s postgresEvents) Resolve(ctx context.Context, id int64, r model.Resolution) (model.Prediction, error) {
	return s.Claims().Resolve(ctx, id, r)
}

func (s postgresEvents) Unresolve(ctx context.Context, id int64) (model.Prediction, error) {
	return s.Claims().Unresolve(ctx, id)
}

func (s postgresEvents) Versions(ctx context.Context, id int64) ([]store.Version, error) {
	return s.Claims().Versions(ctx, id)
}

func (s postgresEvents) ClaimChain(ctx context.Context, id int64) ([]model.Prediction, error) {
	return s.Claims().Chain(ctx, id)
}

func (s postgresEvents) MarkReviewed(ctx context.Context, id int64, day when.Date) (model.Prediction, error) {
	return s.Claims().MarkReviewed(ctx, id, day)
}

func (s postgresEvents) Sources(ctx context.Context) ([]string, error) {
	return s.Vocabulary().Sources(ctx)
}

func (s postgresEvents) Actors(ctx context.Context) ([]string, error) {
	return s.Vocabulary().Actors(ctx)
}

func (s postgresEvents) Tags(ctx context.Context) ([]string, error) {
	return s.Vocabulary().Tags(ctx)
}

func (s postgresEvents) SourceDetails(ctx context.Context) ([]model.Source, error) {
	return s.Bulk().SourceDetails(ctx)
}
