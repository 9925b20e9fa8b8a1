package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/synth"
)

func (c *cli) devCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "dev", Short: "Tools for developing and measuring Hindsight"}
	cmd.AddCommand(c.devGenerateCommand())
	return cmd
}

func (c *cli) devGenerateCommand() *cobra.Command {
	var events, predictions int
	var seed uint64
	cmd := &cobra.Command{
		Use:   "generate --events N [--predictions M]",
		Short: "Fill the database with synthetic events and predictions",
		Long: `Adds N realistic synthetic events (and M predictions) to the database, for
benchmarks and for trying the app with a large timeline. Use a separate
file (--db) so they do not mix with real records. The same --seed gives
the same data.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if events < 0 || predictions < 0 || events+predictions == 0 {
				return usageError{fmt.Errorf("give --events N and/or --predictions M, positive numbers")}
			}
			st, err := c.open()
			if err != nil {
				return err
			}
			ctx := context.Background()
			g := synth.New(seed)
			// Large transactions write each index page fewer times. The
			// next batch is made on another core while SQLite saves this
			// one.
			const batch = 100_000
			batches := make(chan []model.Event, 1)
			go func() {
				defer close(batches)
				for done := 0; done < events; done += batch {
					batches <- g.Events(min(batch, events-done))
				}
			}()
			done := 0
			for b := range batches {
				if _, err := st.Bulk().AddEvents(ctx, b); err != nil {
					for range batches { // let the maker finish
					}
					return err
				}
				done += len(b)
				fmt.Fprintf(c.stderr, "\revents: %d/%d", done, events)
			}
			for done := 0; done < predictions; done += batch {
				n := min(batch, predictions-done)
				if _, err := st.Bulk().AddPredictions(ctx, g.Predictions(n)); err != nil {
					return err
				}
				fmt.Fprintf(c.stderr, "\rpredictions: %d/%d", done+n, predictions)
			}
			fmt.Fprintln(c.stderr)
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&events, "events", 0, "how many events to add")
	f.IntVar(&predictions, "predictions", 0, "how many predictions to add")
	f.Uint64Var(&seed, "seed", 1, "random seed")
	return cmd
}
