package engine

import (
	"context"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Predictions are the prediction (claim) operations both engines offer,
// with the semantics documented on package store's methods of the same
// names; ClaimChain and MarkReviewed are its Claims().Chain and
// Claims().MarkReviewed, AddPredictions its Bulk().AddPredictions. The
// PostgreSQL store keeps Resolve, Unresolve and Versions on its Claims()
// too (see PostgreSQLPredictions).
type Predictions interface {
	// AddPrediction validates and saves a new prediction, returning it
	// with its id.
	AddPrediction(ctx context.Context, p model.Prediction) (model.Prediction, error)
	// AddPredictions saves many predictions in one transaction, all or
	// none, and returns their ids in order.
	AddPredictions(ctx context.Context, preds []model.Prediction) ([]int64, error)
	// UpdatePrediction saves changes to a prediction, keeping a changed
	// statement as a new wording and leaving its resolution alone.
	UpdatePrediction(ctx context.Context, p model.Prediction) (model.Prediction, error)
	// DeletePrediction removes a prediction; the claims restating it then
	// restate none.
	DeletePrediction(ctx context.Context, id int64) error
	// Prediction reads one prediction; a missing one is store.ErrNotFound.
	Prediction(ctx context.Context, id int64) (model.Prediction, error)
	// Predictions lists the predictions q selects, by deadline.
	Predictions(ctx context.Context, q store.PredictionQuery) ([]model.Prediction, error)
	// Resolve records how a prediction turned out, with its evidence.
	Resolve(ctx context.Context, id int64, r model.Resolution) (model.Prediction, error)
	// Unresolve reopens a prediction, dropping its resolution and evidence.
	Unresolve(ctx context.Context, id int64) (model.Prediction, error)
	// Versions lists every saved wording of a prediction, the first first.
	Versions(ctx context.Context, id int64) ([]store.Version, error)
	// CitingPredictions lists the predictions citing an event as evidence.
	CitingPredictions(ctx context.Context, eventID int64) ([]model.Prediction, error)
	// ClaimChain lists the chain of restatements a claim belongs to,
	// oldest first.
	ClaimChain(ctx context.Context, id int64) ([]model.Prediction, error)
	// MarkReviewed records that an open claim was reviewed on day (today
	// when zero).
	MarkReviewed(ctx context.Context, id int64, day when.Date) (model.Prediction, error)
}

// Vocabulary is the names in use, for the choices and completions the
// screens offer (package store's Vocabulary, and its Bulk().SourceDetails).
type Vocabulary interface {
	// Sources lists everyone who has made a prediction, by name.
	Sources(ctx context.Context) ([]string, error)
	// Actors lists the actors named by events, by name.
	Actors(ctx context.Context) ([]string, error)
	// Tags lists every tag in use, by name.
	Tags(ctx context.Context) ([]string, error)
	// SourceDetails lists every source with its details, by name.
	SourceDetails(ctx context.Context) ([]model.Source, error)
}

// SQLitePredictions gives the prediction operations of a SQLite store.
func SQLitePredictions(s *store.Store) Predictions { return sqliteRecords(s) }

// SQLiteVocabulary gives the names in use in a SQLite store.
func SQLiteVocabulary(s *store.Store) Vocabulary { return sqliteRecords(s) }
