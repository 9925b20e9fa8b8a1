package app

import (
	"context"
	"io"

	"github.com/hindsight-app/hindsight/internal/exchange"
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
	report, err := s.st.Bulk().Import(ctx, result.Doc.Events, result.Doc.Predictions, importOptions(result.Doc, true, nil))
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
	return s.st.Bulk().Import(ctx, doc.Events, doc.Predictions, importOptions(doc, false, progress))
}

// importOptions brings everything of doc besides its records: source
// details, saved views, reminders sent.
func importOptions(doc exchange.Document, dryRun bool, progress func(done, total int)) store.ImportOptions {
	return store.ImportOptions{DryRun: dryRun, Progress: progress, Sources: doc.Sources, Views: doc.Views, Reminders: doc.Reminders}
}

// Document is every record, source detail, saved view and reminder sent,
// for an export.
func (s *Session) Document(ctx context.Context) (exchange.Document, error) {
	return ExportDocument(ctx, s.st)
}

// ExportDocument reads everything an export writes from st (the
// command-line tool, which has no Session, uses it too).
func ExportDocument(ctx context.Context, st *store.Store) (exchange.Document, error) {
	var doc exchange.Document
	var err error
	if doc.Events, doc.Predictions, err = st.Bulk().Export(ctx); err != nil {
		return doc, err
	}
	if doc.Sources, err = st.Bulk().SourceDetails(ctx); err != nil {
		return doc, err
	}
	if doc.Views, err = st.UserData().Views(ctx); err != nil {
		return doc, err
	}
	doc.Reminders, err = st.UserData().Reminders(ctx)
	return doc, err
}
