// Command hindsightctl is Hindsight's command-line companion: it reads and
// writes the same database as the app, for scripting and headless use.
//
//	hindsightctl [--db PATH|postgres://…] events list [--from D] [--to D] [--search TEXT] [--json]
//	hindsightctl [--db PATH] predictions resolve ID --outcome true --on 2023-11-17 --evidence 6
//
// Run `hindsightctl help` for every command.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the process exit code: 0 on
// success, 1 when the command failed, 2 when it was used wrongly.
func run(args []string, stdout, stderr io.Writer) int {
	app := &cli{stdout: stdout, stderr: stderr}
	root := app.rootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if closeErr := app.close(); err == nil && closeErr != nil {
		err = fmt.Errorf("closing the database: %w", closeErr)
	}
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "error:", describe(err))
	var usage usageError
	if errors.As(err, &usage) {
		return 2
	}
	return 1
}

// cli carries what every command shares: where output goes and the store,
// opened on first use. Each group of commands is a small type that embeds
// it (eventCommands, predictionCommands, exchangeCommands, …), so that
// they all work on the one store the run opened and main closes.
type cli struct {
	dbPath string
	stdout io.Writer
	stderr io.Writer
	st     engine.Store
}

func (c *cli) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "hindsightctl",
		Short: "Read and write a Hindsight database from the command line",
		Long: `hindsightctl reads and writes the database of Hindsight, the timeline of
AI-industry events that keeps score of predictions about them.

The database is the app's own (in the user's configuration directory)
unless --db or the HINDSIGHT_DB environment variable names another file,
or a database on a PostgreSQL server shared with a team:
postgres://user@host:5432/database?sslmode=verify-full (or libpq's
"host=… dbname=… user=…" form). A server's password comes from PGPASSWORD
or ~/.pgpass (one in the address works too, and is never printed).
A new file is filled with the bundled events and predictions; a database
on a server starts empty (fill it with copy or import).

Dates may be written as 2023-03-14, 2023-03, 2023, 2022-08~ (approximate),
March 2023, 14 Mar 2023, mid-2022, 2023年3月14日 and similar forms.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&c.dbPath, "db", "", "database file or postgres:// address (default: $HINDSIGHT_DB, else the app's database)")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w\nsee '%s --help'", err, cmd.CommandPath())}
	})
	exchange := exchangeCommands{c}
	root.AddCommand(eventCommands{c}.command(), periodCommands{c}.command(), predictionCommands{c}.command(), scoreCommand{c}.command(),
		exchange.importCommand(), exchange.exportCommand(), copyCommand{c}.command(), extractCommand{c}.command(), devCommands{c}.command())
	return root
}

// open returns the store, opening (and for a new file, seeding) it first:
// a file, or a database on a PostgreSQL server (never seeded).
func (c *cli) open() (engine.Store, error) {
	if c.st != nil {
		return c.st, nil
	}
	path, err := c.path()
	if err != nil {
		return nil, err
	}
	st, err := engine.OpenWith(context.Background(), path, engine.OpenOptions{Seed: true})
	if err != nil {
		return nil, err
	}
	c.st = st
	return st, nil
}

// path is the database the command works on, a file's path or a
// server's address: --db, else the default ($HINDSIGHT_DB, else the app's
// file).
func (c *cli) path() (string, error) {
	if c.dbPath != "" {
		return c.dbPath, nil
	}
	return store.DefaultPath()
}

// withSubcommands gives group, a command that only holds others, with its
// subcommands.
func withSubcommands(group *cobra.Command, subs ...*cobra.Command) *cobra.Command {
	group.AddCommand(subs...)
	return group
}

// inStore opens the store and runs do on it.
func inStore[T any](c *cli, do func(ctx context.Context, st engine.Store) (T, error)) (T, error) {
	st, err := c.open()
	if err != nil {
		var none T
		return none, err
	}
	return do(context.Background(), st)
}

// openRecord reads the id of the record a command works on (what names it
// in a message) and opens the store.
func (c *cli) openRecord(what, arg string) (engine.Store, int64, error) {
	id, err := parseID(what, arg)
	if err != nil {
		return nil, 0, err
	}
	st, err := c.open()
	return st, id, err
}

// close closes the store, which checkpoints it; an error means the last
// writes may not be in the main file yet and is reported.
func (c *cli) close() error {
	if c.st == nil {
		return nil
	}
	err := c.st.Close()
	c.st = nil
	return err
}

// usageError marks a mistake in how a command was called (exit code 2).
type usageError struct{ error }

func (u usageError) Unwrap() error { return u.error }

// describe turns an error into the message printed after "error:". A
// validation error lists each bad field with the flag that sets it.
func describe(err error) string {
	var ve *model.ValidationError
	if !errors.As(err, &ve) {
		return err.Error()
	}
	msg := "nothing was saved:"
	for _, f := range ve.Fields {
		msg += "\n  " + f.Field + ": " + f.Message
	}
	return msg
}

// argsError reports a wrong number of positional arguments as a usage error.
func exactArgs(n int, names string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError{fmt.Errorf("%s needs %s\nsee '%s --help'", cmd.CommandPath(), names, cmd.CommandPath())}
		}
		return nil
	}
}
