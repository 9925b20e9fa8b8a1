package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/internal/engine"
)

// copyCommand is `hindsightctl copy`: a whole database between files and servers.
type copyCommand struct{ *cli }

func (c copyCommand) command() *cobra.Command {
	var from, to string
	var merge bool
	cmd := &cobra.Command{
		Use:   "copy [--from A] --to B [--merge]",
		Short: "Copy a whole database to a file or a PostgreSQL server, or back",
		Long: `Copies everything from one database to another, each a file or a
postgres:// address: every event, prediction (with its wordings, resolution
and evidence) and period, the sources' details, the saved views, the
reminders sent and the settings kept with the database. Not the undo
history: in the destination the copy is one change, which one undo takes
back. --from defaults to the database --db names (or the default one).

The destination must be empty (a file that does not exist yet is created,
without the bundled events), so that every record keeps its id and a
Hindsight JSON export of the copy is the export of the source. --merge adds
to a destination that holds records: what it has already (same title, date
and actor; for predictions, same statement, source and date made; for
periods, same title, start and end) is skipped and named, the rest get new
ids, and its own settings win. Nothing is written when anything fails or
when the copy would leave a record out.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if to == "" {
				return usageError{errors.New("give --to: a file or a postgres:// address to copy into")}
			}
			if from == "" {
				var err error
				if from, err = c.path(); err != nil {
					return err
				}
			}
			if !engine.IsServer(from) {
				if _, err := os.Stat(from); errors.Is(err, fs.ErrNotExist) {
					return fmt.Errorf("there is no database file %s to copy from", from)
				}
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			source, err := engine.Open(ctx, from)
			if err != nil {
				return err
			}
			defer source.Close()
			dest, err := engine.Open(ctx, to)
			if err != nil {
				return err
			}
			report, err := engine.Copy(ctx, source, dest, engine.CopyOptions{Merge: merge,
				Progress: func(done, total int) { fmt.Fprintf(c.stderr, "\rsaving: %d/%d", done, total) }})
			fmt.Fprintln(c.stderr)
			if closeErr := dest.Close(); err == nil && closeErr != nil {
				err = fmt.Errorf("closing %s: %w", dest.Name(), closeErr)
			}
			if errors.Is(err, context.Canceled) {
				return errors.New("copy cancelled; the destination is as it was")
			}
			if errors.Is(err, engine.ErrNotEmpty) {
				return fmt.Errorf("%w; copy into a new file or an empty database, or add to it with --merge", err)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "copied %s, %s and %s from %s to %s",
				plural(report.AddedEvents, "event", "events"), plural(report.AddedPredictions, "prediction", "predictions"),
				plural(report.AddedPeriods, "period", "periods"), source.Name(), dest.Name())
			if report.KeptIDs {
				fmt.Fprint(c.stdout, ", each with its id")
			} else if report.AddedEvents+report.AddedPredictions+report.AddedPeriods > 0 {
				fmt.Fprint(c.stdout, ", with new ids")
			}
			fmt.Fprintf(c.stdout, "; %s\n", plural(report.Settings, "setting", "settings"))
			if merge {
				fmt.Fprintf(c.stdout, "skipped as already there: %s, %s and %s\n",
					plural(len(report.DuplicateEvents), "event", "events"),
					plural(len(report.DuplicatePredictions), "prediction", "predictions"),
					plural(len(report.DuplicatePeriods), "period", "periods"))
			}
			c.printImportedUserData(report.ImportReport, false)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&from, "from", "", "the database to copy: a file or a postgres:// address (default: --db)")
	f.StringVar(&to, "to", "", "the database to copy into: a new or empty file, or a postgres:// address")
	f.BoolVar(&merge, "merge", false, "add to a destination that already holds records, skipping what it has")
	return cmd
}
