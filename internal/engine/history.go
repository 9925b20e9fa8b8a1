package engine

import (
	"context"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// History is the undo history both engines offer (store.History and
// pgstore.History). On SQLite it is the file's one history, shared by
// every window and command that opens it; on PostgreSQL each client (the
// name a store is opened as) undoes its own changes only, and an undo
// over another client's later change is refused with a reason.
type History interface {
	// Undo reverts the most recent change not yet undone and returns it;
	// a record no longer as the change left it gives a
	// *store.ConflictError and writes nothing.
	Undo(ctx context.Context) (store.Change, error)
	// Redo applies again the most recently undone change.
	Redo(ctx context.Context) (store.Change, error)
	// Skip drops the change seq, the next to undo (or redo), from the
	// history; store.ErrSkipMoved if it no longer is.
	Skip(ctx context.Context, seq int64, undo bool) error
	// NextUndo and NextRedo describe what Undo and Redo would do.
	NextUndo(ctx context.Context) (store.Change, bool, error)
	NextRedo(ctx context.Context) (store.Change, bool, error)
	// BatchRecords lists the events and predictions a bulk change added,
	// while it stands.
	BatchRecords(ctx context.Context, seq int64) (events, predictions []int64, err error)
}

var _ History = (*store.History)(nil)

// Importer adds the records of a file (store.Bulk and pgstore.Bulk offer
// it), with the semantics documented on store.Bulk.Import.
type Importer interface {
	Import(ctx context.Context, events []model.Event, preds []model.Prediction, opt store.ImportOptions) (store.ImportReport, error)
}

var _ Importer = (*store.Bulk)(nil)

// Exporter reads every record for writing to a file (store.Bulk and
// pgstore.Bulk offer it), as store.Bulk.Export documents.
type Exporter interface {
	Export(ctx context.Context) ([]model.Event, []model.Prediction, error)
}

var _ Exporter = (*store.Bulk)(nil)
