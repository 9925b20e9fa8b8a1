package engine

import (
	"context"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// Periods are the period operations both engines offer (store.Periods and
// pgstore.Periods), with the semantics documented on store.Periods.
type Periods interface {
	// Add validates and saves a new period, returning it with its id.
	Add(ctx context.Context, p model.Period) (model.Period, error)
	// Update validates and saves changes to an existing period.
	Update(ctx context.Context, p model.Period) (model.Period, error)
	// Delete removes a period; a missing one is store.ErrNotFound.
	Delete(ctx context.Context, id int64) error
	// Get reads one period; a missing one is store.ErrNotFound.
	Get(ctx context.Context, id int64) (model.Period, error)
	// List reads the periods that overlap window (all when nil), by start.
	List(ctx context.Context, window *store.Window) ([]model.Period, error)
}

// Both engines' periods satisfy the interface.
var _ Periods = (*store.Periods)(nil)
