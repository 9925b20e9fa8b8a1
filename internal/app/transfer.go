package app

import (
	"bytes"
	"context"
	"io"
	"slices"
	"time"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/extract"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// Transfers bring records in from files and text, and take them out.
type Transfers struct{ s *Session }

// Transfers gives the session's imports and exports.
func (s *Session) Transfers() Transfers { return Transfers{s} }

// ImportPlan is a file read for import and what importing it would do,
// worked out before anything is written.
type ImportPlan struct {
	Name   string
	Format exchange.Format
	Read   exchange.Result
	Report store.ImportReport
	// MappingSaved is when the column mapping used was saved, for a CSV
	// file whose header a person mapped before; zero otherwise.
	MappingSaved time.Time
	// data is the file, kept so that the plan can be worked out again
	// with another column mapping.
	data []byte
}

// PlanImport reads a file in format f and works out, without writing,
// what an import would add, skip as a duplicate or leave out as
// unreadable. The columns of a CSV file of events are read as a person
// last mapped a file with the same header, if one did.
func (x Transfers) PlanImport(ctx context.Context, name string, r io.Reader, f exchange.Format) (ImportPlan, error) {
	data, err := io.ReadAll(io.LimitReader(r, exchange.DefaultMaxBytes+1))
	if err != nil {
		return ImportPlan{}, err
	}
	plan := ImportPlan{Name: name, Format: f, data: data}
	var columns map[string]string
	if f == exchange.FormatCSVEvents {
		if cols, err := exchange.ReadCSVColumns(data); err == nil {
			saved, at, ok, err := x.s.st.Bulk().ColumnMapping(ctx, cols.Header())
			if err != nil {
				return ImportPlan{}, err
			}
			if ok {
				columns, plan.MappingSaved = saved, at
			}
		}
	}
	return x.plan(ctx, plan, columns)
}

// ReplanImport works out plan again with the columns of its CSV file
// mapped as columns says (column name → field; see exchange.Columns).
func (x Transfers) ReplanImport(ctx context.Context, plan ImportPlan, columns map[string]string) (ImportPlan, error) {
	plan.MappingSaved = time.Time{}
	return x.plan(ctx, plan, columns)
}

func (x Transfers) plan(ctx context.Context, plan ImportPlan, columns map[string]string) (ImportPlan, error) {
	result, err := exchange.Read(bytes.NewReader(plan.data), plan.Format, exchange.ReadOptions{Context: ctx, Columns: columns})
	if err != nil {
		return ImportPlan{}, err
	}
	plan.Read = result
	plan.Report, err = x.s.st.Bulk().Import(ctx, result.Doc.Events, result.Doc.Predictions, importOptions(result.Doc, true, nil))
	if err != nil {
		return ImportPlan{}, err
	}
	return plan, nil
}

// Import saves what plan read, in one transaction recorded as one
// undoable change; progress, when set, hears how far it got. A cancelled
// ctx leaves the database as it was. A column mapping a person chose is
// kept for the next file with the same header.
func (x Transfers) Import(ctx context.Context, plan ImportPlan, progress func(done, total int)) (store.ImportReport, error) {
	doc := plan.Read.Doc
	report, err := x.s.st.Bulk().Import(ctx, doc.Events, doc.Predictions, importOptions(doc, false, progress))
	if err != nil {
		return report, err
	}
	return report, SaveMapping(ctx, x.s.st.Bulk(), plan.Read.Columns)
}

// SaveMapping keeps the column mapping of a CSV file for its header when a
// person mapped any of its columns (the command-line tool, which has no
// Session, uses it too).
func SaveMapping(ctx context.Context, st engine.ColumnMappings, cols *exchange.Columns) error {
	if cols == nil || !slices.ContainsFunc(cols.List, func(c exchange.Column) bool { return c.Mapped }) {
		return nil
	}
	return st.SaveColumnMapping(ctx, cols.Header(), cols.Mapping())
}

// importOptions brings everything of doc besides its events and
// predictions: source details, periods, saved views, reminders sent.
func importOptions(doc exchange.Document, dryRun bool, progress func(done, total int)) store.ImportOptions {
	return store.ImportOptions{DryRun: dryRun, Progress: progress, Sources: doc.Sources, Periods: doc.Periods,
		Views: doc.Views, Reminders: doc.Reminders}
}

// Document is every record, source detail, saved view and reminder sent,
// for an export.
func (x Transfers) Document(ctx context.Context) (exchange.Document, error) {
	return ExportDocument(ctx, x.s.st)
}

// ExportDocument reads everything an export writes from st (the
// command-line tool, which has no Session, uses it too).
func ExportDocument(ctx context.Context, st engine.Store) (exchange.Document, error) {
	var doc exchange.Document
	var err error
	if doc.Events, doc.Predictions, err = st.Bulk().Export(ctx); err != nil {
		return doc, err
	}
	if doc.Sources, err = st.Vocabulary().SourceDetails(ctx); err != nil {
		return doc, err
	}
	if doc.Views, err = st.UserData().Views(ctx); err != nil {
		return doc, err
	}
	if doc.Reminders, err = st.UserData().Reminders(ctx); err != nil {
		return doc, err
	}
	doc.Periods, err = st.Periods().List(ctx, nil)
	return doc, err
}

// ResolveBatch fills in the records of f's import batch from the undo
// history. Once that import was undone the batch is gone:
// store.ErrNoSuchBatch.
func (x Transfers) ResolveBatch(ctx context.Context, f filter.Filter) (filter.Filter, error) {
	if f.Batch == nil || f.Batch.Resolved() {
		return f, nil
	}
	events, preds, err := x.s.st.History().BatchRecords(ctx, f.Batch.Change)
	if err != nil {
		return f, err
	}
	return f.WithBatchRecords(events, preds), nil
}

// AddExtracted saves what a reviewer kept from a text: the new records in
// one transaction, recorded as one undoable change, then the existing
// events that get the text as one more source (each its own change). It
// returns how many records were written.
func (x Transfers) AddExtracted(ctx context.Context, recs extract.Records, sourced []model.Event) (int, error) {
	n := 0
	if len(recs.Events)+len(recs.Predictions) > 0 {
		report, err := x.s.st.Bulk().Import(ctx, recs.Events, recs.Predictions, store.ImportOptions{})
		if err != nil {
			return 0, err
		}
		n = report.AddedEvents + report.AddedPredictions
	}
	for _, e := range sourced {
		if _, err := x.s.st.UpdateEvent(ctx, e); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
