package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/store"
)

// exchangeCommands are `hindsightctl import` and `hindsightctl export`.
type exchangeCommands struct{ *cli }

func formatNames() string {
	names := make([]string, len(exchange.Formats))
	for i, f := range exchange.Formats {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

func (c exchangeCommands) importCommand() *cobra.Command {
	var format string
	var dryRun bool
	var maps []string
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Add the events, predictions and periods of a file",
		Long: `Adds the events, predictions and periods of FILE in one transaction: all of
them or, on an error or Ctrl+C, none. A Hindsight JSON file's saved views
and reminders sent come too; a view whose name the database already has is
skipped and named. Records already in the database (same title, date and
actor; for predictions, same statement, source and date made; for periods,
same title, start and end) are skipped. Rows that cannot be read are listed
and skipped; what was read in a way worth knowing ("now" read as today, a
title made from the text) is listed as a note.

The format is guessed from the file name and content unless --format names
one of: ` + formatNames() + ` (import: all but ical).

A CSV file of events may have any columns. They are recognised by their
names (title, name, model, 标题; date, publication date, 日期; organization,
机构; link, 链接; description, abstract, 描述; …), or mapped with --map
FIELD=COLUMN, repeated: --map title=Model --map date="Publication date".
Fields: ` + strings.Join(exchange.ColumnFields, ", ") + `. A column nothing takes
goes into the description as a "name: value" line; map it to skip to leave
it out. A mapping given is kept for the file's header and used for the
next file with the same header.`,
		Args: exactArgs(1, "a file to import"),
		RunE: func(cmd *cobra.Command, args []string) error {
			columns, err := parseMaps(maps)
			if err != nil {
				return err
			}
			path := args[0]
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			var fm exchange.Format
			var reader io.Reader = f
			if format != "" {
				if fm, err = exchange.ParseFormat(format); err != nil {
					return fieldError{"format", err}
				}
			} else if fm, reader, err = exchange.Sniff(filepath.Base(path), f); err != nil {
				return fmt.Errorf("%s: %w (name the format with --format)", path, err)
			}
			data, err := io.ReadAll(io.LimitReader(reader, exchange.DefaultMaxBytes+1))
			if err != nil {
				return err
			}
			st, err := c.open()
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			if columns == nil && fm == exchange.FormatCSVEvents {
				if columns, err = c.savedMapping(ctx, st, data); err != nil {
					return err
				}
			}
			result, err := exchange.Read(bytes.NewReader(data), fm, exchange.ReadOptions{Context: ctx, Columns: columns,
				Progress: func(done, total int) { fmt.Fprintf(c.stderr, "\rreading: %d records", done) }})
			fmt.Fprintln(c.stderr)
			if err != nil {
				return fmt.Errorf("%s: %w; nothing was imported", path, err)
			}
			if result.Columns != nil {
				fmt.Fprintln(c.stderr, "columns:", result.Columns)
			}
			for _, p := range result.Problems {
				fmt.Fprintln(c.stderr, problemLead[p.Effect], p.String())
			}
			doc := result.Doc
			report, err := st.Bulk().Import(ctx, doc.Events, doc.Predictions, store.ImportOptions{
				DryRun:    dryRun,
				Sources:   doc.Sources,
				Periods:   doc.Periods,
				Views:     doc.Views,
				Reminders: doc.Reminders,
				Progress:  func(done, total int) { fmt.Fprintf(c.stderr, "\rsaving: %d/%d", done, total) },
			})
			fmt.Fprintln(c.stderr)
			if errors.Is(err, context.Canceled) {
				return errors.New("import cancelled; the database is as it was")
			}
			if err != nil {
				return fmt.Errorf("%w; nothing was imported", err)
			}
			if !dryRun {
				if err := app.SaveMapping(ctx, st.Bulk(), result.Columns); err != nil {
					return fmt.Errorf("the records were imported, but the column mapping could not be kept: %w", err)
				}
			}
			verb := "added"
			if dryRun {
				verb = "would add"
			}
			fmt.Fprintf(c.stdout, "%s %s, %s and %s from %s (%s); skipped %s, %s, %s and %s\n",
				verb, plural(report.AddedEvents, "event", "events"), plural(report.AddedPredictions, "prediction", "predictions"),
				plural(report.AddedPeriods, "period", "periods"), path, fm,
				plural(len(report.DuplicateEvents), "duplicate event", "duplicate events"),
				plural(len(report.DuplicatePredictions), "duplicate prediction", "duplicate predictions"),
				plural(len(report.DuplicatePeriods), "duplicate period", "duplicate periods"),
				plural(result.Refused(), "unreadable record", "unreadable records"))
			c.printImportedUserData(report, dryRun)
			if dryRun {
				for _, e := range report.DuplicateEvents {
					fmt.Fprintf(c.stdout, "  duplicate event: %s %s\n", e.Date, e.Title)
				}
				for _, p := range report.DuplicatePredictions {
					fmt.Fprintf(c.stdout, "  duplicate prediction: %s\n", display.Shorten(p.Statement, 80))
				}
				for _, p := range report.DuplicatePeriods {
					fmt.Fprintf(c.stdout, "  duplicate period: %s %s\n", p.Start, p.Title)
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "the file's format (default: guessed)")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "show what would be added and skipped; write nothing")
	cmd.Flags().StringArrayVar(&maps, "map", nil, `read a CSV column into a field: FIELD=COLUMN (repeat; e.g. --map date="Publication date")`)
	return cmd
}

// problemLead says what became of what a problem names.
var problemLead = map[exchange.Effect]string{
	exchange.RecordLeftOut: "skipped:",
	exchange.PartLeftOut:   "imported in part:",
	exchange.Ignored:       "ignored:",
	exchange.ReadAs:        "note:",
}

// plural writes a count with the singular or plural noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// parseMaps reads --map FIELD=COLUMN flags as a mapping of column names to
// fields; nil when none was given.
func parseMaps(maps []string) (map[string]string, error) {
	if len(maps) == 0 {
		return nil, nil
	}
	columns := map[string]string{}
	for _, m := range maps {
		field, column, ok := strings.Cut(m, "=")
		column = strings.TrimSpace(column)
		if !ok || column == "" {
			return nil, usageError{fmt.Errorf("--map %q: write FIELD=COLUMN, e.g. --map title=Model", m)}
		}
		f, slot, err := exchange.ParseField(field)
		if err != nil {
			return nil, fieldError{"map", err}
		}
		if _, dup := columns[column]; dup {
			return nil, fieldError{"map", fmt.Errorf("the column %q is mapped twice", column)}
		}
		columns[column] = (exchange.Column{Field: f, Slot: slot}).FieldName()
	}
	return columns, nil
}

// savedMapping is the mapping kept for the header of a CSV file, saying
// so, or nil.
func (c exchangeCommands) savedMapping(ctx context.Context, st engine.Store, data []byte) (map[string]string, error) {
	cols, err := exchange.ReadCSVColumns(data)
	if err != nil {
		return nil, nil // Read says what is wrong with the file
	}
	mapping, at, ok, err := st.Bulk().ColumnMapping(ctx, cols.Header())
	if err != nil || !ok {
		return nil, err
	}
	fmt.Fprintf(c.stderr, "using the column mapping saved for this header on %s\n", at.Local().Format("2006-01-02 15:04"))
	return mapping, nil
}

func (c exchangeCommands) exportCommand() *cobra.Command {
	var format, output, language string
	cmd := &cobra.Command{
		Use:   "export --format F [-o FILE]",
		Short: "Write every event, prediction and period to a file or standard output",
		Long: `Writes every event, prediction and period in one of: ` + formatNames() + `.
csv-events and csv-predictions are separate files; ical holds prediction
deadlines and events as all-day calendar entries. Without -o the output goes
to standard output; with -o the format may be left out and is guessed from
the file's extension. What the format cannot carry (the predictions of a
Markwhen file, the tags of a TimelineJS one) is named on standard error,
counted, before anything is written.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			fm, err := exportFormat(format, output)
			if err != nil {
				return err
			}
			st, err := c.open()
			if err != nil {
				return err
			}
			ctx := context.Background()
			doc, err := app.ExportDocument(ctx, st)
			if err != nil {
				return err
			}
			opt := exchange.WriteOptions{Lang: language}
			// Say what the format leaves out before anything is written.
			for _, loss := range exchange.Plan(fm, doc, opt) {
				fmt.Fprintln(c.stderr, "note:", loss)
			}
			if output == "" {
				return exchange.Write(c.stdout, fm, doc, opt)
			}
			return writeFileAtomically(output, func(w io.Writer) error { return exchange.Write(w, fm, doc, opt) })
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "output format: "+formatNames())
	cmd.Flags().StringVarP(&output, "output", "o", "", "file to write (default: standard output)")
	cmd.Flags().StringVar(&language, "lang", "en", "language of text the format adds (calendar summaries): en or zh")
	return cmd
}

// exportFormat reads --format, or guesses it from the output file name.
func exportFormat(format, output string) (exchange.Format, error) {
	if format != "" {
		fm, err := exchange.ParseFormat(format)
		if err != nil {
			return "", fieldError{"format", err}
		}
		return fm, nil
	}
	if output == "" {
		return "", usageError{fmt.Errorf("give --format (%s)", formatNames())}
	}
	fm, err := exchange.ExportFormatFor(filepath.Base(output))
	if err != nil {
		return "", fieldError{"format", fmt.Errorf("cannot tell the format from %q: %w", output, err)}
	}
	return fm, nil
}

// writeFileAtomically writes to a temporary file beside path and renames
// it into place, so a failed export never leaves half a file.
func writeFileAtomically(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	if err := write(w); err != nil {
		tmp.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
