package app

import (
	"context"
	"io"

	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/store"
)

// ImportPlan is a file read for import and what importing it would do,
// worked out before anything is written.
type ImportPlan struct {
	Name   string
	Format exchange.Format
	Read   exchange.Result
	Report store.ImportReport
}

// PlanImport reads a file in format f and works out, without writing,
// what an import would add, skip as a duplicate or leave out as
// unreadable.
func (s *Session) PlanImport(ctx context.Context, name string, r io.Reader, f exchange.Format) (ImportPlan, error) {
	result, err := exchange.Read(r, f, exchange.ReadOptions{Context: ctx})
	if err != nil {
		return ImportPlan{}, err
	}
	report, err := s.st.Bulk().Import(ctx, result.Doc.Events, result.Doc.Predictions, store.ImportOptions{DryRun: true, Sources: result.Doc.Sources})
	if err != nil {
		return ImportPlan{}, err
	}
	return ImportPlan{Name: name, Format: f, Read: result, Report: report}, nil
}

// Import saves what plan read, in one transaction recorded as one
// undoable change; progress, when set, hears how far it got. A cancelled
// ctx leaves the database as it was.
func (s *Session) Import(ctx context.Context, plan ImportPlan, progress func(done, total int)) (store.ImportReport, error) {
	doc := plan.Read.Doc
	return s.st.Bulk().Import(ctx, doc.Events, doc.Predictions, store.ImportOptions{Sources: doc.Sources, Progress: progress})
}

// Document is every record and source detail, for an export.
func (s *Session) Document(ctx context.Context) (exchange.Document, error) {
	events, preds, err := s.st.Bulk().Export(ctx)
	if err != nil {
		return exchange.Document{}, err
	}
	sources, err := s.st.Bulk().SourceDetails(ctx)
	if err != nil {
		return exchange.Document{}, err
	}
	return exchange.Document{Events: events, Predictions: preds, Sources: sources}, nil
}

// ResolveBatch fills in the records of f's import batch from the undo
// history. Once that import was undone the batch is gone:
// store.ErrNoSuchBatch.
func (s *Session) ResolveBatch(ctx context.Context, f filter.Filter) (filter.Filter, error) {
	if f.Batch == nil || f.Batch.Resolved() {
		return f, nil
	}
	events, preds, err := s.st.History().BatchRecords(ctx, f.Batch.Change)
	if err != nil {
		return f, err
	}
	return f.WithBatchRecords(events, preds), nil
}
