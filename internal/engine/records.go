package engine

import (
	"context"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// records gives either engine's store as Events, Predictions and
// Vocabulary. Both engines keep these operations in the same places, on
// the store itself or on one of its facets (bulk writes on Bulk, counts on
// Summary, names on Vocabulary, a claim's chain and reviews on Claims), so
// one adapter serves both: each embedded field is where that engine keeps
// those methods.
type records struct {
	recordOps
	outcomeOps
	summaryOps
	bulkOps
	vocabularyOps
	claims claimOps
}

// sqliteRecords adapts a SQLite store, which keeps a prediction's outcome
// on the store itself.
func sqliteRecords(s *store.Store) records {
	return records{s, s, s.Summary(), s.Bulk(), s.Vocabulary(), s.Claims()}
}

// postgresRecords adapts a PostgreSQL store, which keeps a prediction's
// outcome on its Claims.
func postgresRecords(s *pgstore.Store) records {
	return records{s, s.Claims(), s.Summary(), s.Bulk(), s.Vocabulary(), s.Claims()}
}

// ClaimChain is the Claims facet's Chain.
func (r records) ClaimChain(ctx context.Context, id int64) ([]model.Prediction, error) {
	return r.claims.Chain(ctx, id)
}

// MarkReviewed is the Claims facet's MarkReviewed.
func (r records) MarkReviewed(ctx context.Context, id int64, day when.Date) (model.Prediction, error) {
	return r.claims.MarkReviewed(ctx, id, day)
}

// The methods of Events, Predictions and Vocabulary, grouped by where the
// stores keep them (documented on those interfaces).
type (
	recordOps interface {
		AddEvent(ctx context.Context, e model.Event) (model.Event, error)
		UpdateEvent(ctx context.Context, e model.Event) (model.Event, error)
		DeleteEvent(ctx context.Context, id int64) error
		Event(ctx context.Context, id int64) (model.Event, error)
		Events(ctx context.Context, q store.EventQuery) ([]model.Event, error)
		AddPrediction(ctx context.Context, p model.Prediction) (model.Prediction, error)
		UpdatePrediction(ctx context.Context, p model.Prediction) (model.Prediction, error)
		DeletePrediction(ctx context.Context, id int64) error
		Prediction(ctx context.Context, id int64) (model.Prediction, error)
		Predictions(ctx context.Context, q store.PredictionQuery) ([]model.Prediction, error)
		CitingPredictions(ctx context.Context, eventID int64) ([]model.Prediction, error)
	}
	outcomeOps interface {
		Resolve(ctx context.Context, id int64, r model.Resolution) (model.Prediction, error)
		Unresolve(ctx context.Context, id int64) (model.Prediction, error)
		Versions(ctx context.Context, id int64) ([]store.Version, error)
	}
	summaryOps interface {
		CountEvents(ctx context.Context, f filter.Filter) (int, error)
		Lanes(ctx context.Context, dim string, f filter.Filter) ([]store.LaneCount, error)
		Buckets(ctx context.Context, dim string, f filter.Filter, from, to when.Day) ([]store.Bucket, error)
		Extent(ctx context.Context, f filter.Filter) (first, last when.Day, ok bool, err error)
	}
	bulkOps interface {
		AddEvents(ctx context.Context, events []model.Event) ([]int64, error)
		AddPredictions(ctx context.Context, preds []model.Prediction) ([]int64, error)
		SourceDetails(ctx context.Context) ([]model.Source, error)
	}
	vocabularyOps interface {
		Sources(ctx context.Context) ([]string, error)
		Actors(ctx context.Context) ([]string, error)
		Tags(ctx context.Context) ([]string, error)
	}
	claimOps interface {
		Chain(ctx context.Context, id int64) ([]model.Prediction, error)
		MarkReviewed(ctx context.Context, id int64, day when.Date) (model.Prediction, error)
	}
)

// database adds to the records the facets both engines' stores offer as
// this package's interfaces: what a whole Store shares whichever engine
// holds it.
type database struct {
	records
	periods  Periods
	userData UserData
	history  History
	bulk     Bulk
}

func (d database) Claims() Predictions    { return d.records }
func (d database) Vocabulary() Vocabulary { return d.records }
func (d database) Periods() Periods       { return d.periods }
func (d database) UserData() UserData     { return d.userData }
func (d database) History() History       { return d.history }
func (d database) Bulk() Bulk             { return d.bulk }
