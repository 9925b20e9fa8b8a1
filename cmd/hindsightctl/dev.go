package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/data"
	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/synth"
)

// devCommands are `hindsightctl dev` and its generate command, for trying scale.
type devCommands struct{ *cli }

func (c devCommands) command() *cobra.Command {
	return withSubcommands(&cobra.Command{Use: "dev", Short: "Tools for developing and measuring Hindsight"},
		c.generate())
}

func (c devCommands) generate() *cobra.Command {
	var events, predictions int
	var seed uint64
	cmd := &cobra.Command{
		Use:   "generate --events N [--predictions M]",
		Short: "Fill the database with synthetic events and predictions",
		Long: `Adds N realistic synthetic events (and M predictions) to the database, for
benchmarks and for trying the app with a large timeline. Use a separate
file (--db) so they do not mix with real records. The same --seed gives
the same data.

A file that does not exist yet is built whole before it gets its name (the
seed dataset, then the generated records), which is about twice as fast;
what it holds is where the file starts, with nothing to undo. Records
added to an existing file, or to a database on a server, are one undoable
change a batch of 100,000.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if events < 0 || predictions < 0 || events+predictions == 0 {
				return usageError{fmt.Errorf("give --events N and/or --predictions M, positive numbers")}
			}
			path, err := c.path()
			if err != nil {
				return err
			}
			gen := generation{g: synth.New(seed), events: events, predictions: predictions, stderr: c.stderr}
			if engine.IsServer(path) {
				fmt.Fprintln(c.stderr, "adding to the database on the server, one undoable change a batch of 100,000")
			} else if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
				seedData, err := data.Load()
				if err != nil {
					return err
				}
				err = store.Build(cmd.Context(), path, seedData, gen.build)
				fmt.Fprintln(c.stderr)
				return err
			}
			st, err := c.open()
			if err != nil {
				return err
			}
			err = gen.add(cmd.Context(), st)
			fmt.Fprintln(c.stderr)
			return err
		},
	}
	f := cmd.Flags()
	f.IntVar(&events, "events", 0, "how many events to add")
	f.IntVar(&predictions, "predictions", 0, "how many predictions to add")
	f.Uint64Var(&seed, "seed", 1, "random seed")
	return cmd
}

// generation makes synthetic records in batches and writes them.
type generation struct {
	g                   *synth.Generator
	events, predictions int
	stderr              io.Writer
}

// batch is how many records are made and written at a time: large writes
// write each index page fewer times, and the next batch is made on another
// core while SQLite saves this one.
const batch = 100_000

// eventBatches makes the events, a batch at a time, on a goroutine of its
// own. Drain the channel to let it end.
func (gen generation) eventBatches() <-chan []model.Event {
	batches := make(chan []model.Event, 1)
	go func() {
		defer close(batches)
		for done := 0; done < gen.events; done += batch {
			batches <- gen.g.Events(min(batch, gen.events-done))
		}
	}()
	return batches
}

// build fills a new file: everything in one transaction (see store.Build).
func (gen generation) build(b *store.Builder) error {
	b.OnAdded(gen.progress)
	batches := gen.eventBatches()
	defer func() {
		for range batches { // let the maker finish
		}
	}()
	for events := range batches {
		if err := b.AddEvents(events); err != nil {
			return err
		}
	}
	for done := 0; done < gen.predictions; done += batch {
		if err := b.AddPredictions(gen.g.Predictions(min(batch, gen.predictions-done))); err != nil {
			return err
		}
	}
	return nil
}

// add writes to an open file, a transaction (and an undoable change) a
// batch.
func (gen generation) add(ctx context.Context, st engine.Store) error {
	batches := gen.eventBatches()
	defer func() {
		for range batches {
		}
	}()
	done := 0
	for events := range batches {
		if _, err := st.AddEvents(ctx, events); err != nil {
			return err
		}
		done += len(events)
		gen.progress(done, 0)
	}
	for made := 0; made < gen.predictions; made += batch {
		n := min(batch, gen.predictions-made)
		if _, err := st.Claims().AddPredictions(ctx, gen.g.Predictions(n)); err != nil {
			return err
		}
		gen.progress(done, made+n)
	}
	return nil
}

func (gen generation) progress(events, predictions int) {
	if predictions == 0 {
		fmt.Fprintf(gen.stderr, "\revents: %d/%d", events, gen.events)
		return
	}
	fmt.Fprintf(gen.stderr, "\rpredictions: %d/%d", predictions, gen.predictions)
}
