package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

func (c *cli) printJSON(v any) error {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// nonNil makes an empty list print as [] rather than null.
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}

// printSaved prints what an add command saved: its id, or with --json the
// record as v.
func (c *cli) printSaved(asJSON bool, v any, id int64) error {
	if asJSON {
		return c.printJSON(v)
	}
	_, err := fmt.Fprintln(c.stdout, id)
	return err
}

// recordCommand is a command that works on one record, named by its id
// (idName names it in messages): it reads the id, opens the store and
// hands both to run.
func (c *cli) recordCommand(use, short, idName string, run func(cmd *cobra.Command, st engine.Store, id int64) error) *cobra.Command {
	article := "a "
	if strings.ContainsAny(idName[:1], "aeiou") {
		article = "an "
	}
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  exactArgs(1, article+idName),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, id, err := c.openRecord(idName, args[0])
			if err != nil {
				return err
			}
			return run(cmd, st, id)
		},
	}
}

// showCommand is a show command: it reads the record whose id it is given
// and prints it with show, or with --json as json(record).
func showCommand[T any](c *cli, short, idName string, read func(engine.Store, context.Context, int64) (T, error),
	json func(T) any, show func(context.Context, engine.Store, io.Writer, T) error) *cobra.Command {
	var asJSON bool
	cmd := c.recordCommand("show ID", short, idName, func(_ *cobra.Command, st engine.Store, id int64) error {
		ctx := context.Background()
		record, err := read(st, ctx, id)
		if err != nil {
			return err
		}
		if asJSON {
			return c.printJSON(json(record))
		}
		return show(ctx, st, c.stdout, record)
	})
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// listing is how a list command prints its records: with --json as a JSON
// array ([] when there are none), else as a table whose columns line up in
// a terminal, Chinese included, followed on standard error by the count.
type listing[T any] struct {
	header []string
	row    func(T) []string
	// json is what a record prints as in JSON; nil prints the record.
	json func(T) any
	// plural names what the count counts ("events").
	plural string
}

// readAndPrint reads the records through read, in the store --db names,
// and prints them.
func (l listing[T]) readAndPrint(c *cli, asJSON bool, read func(ctx context.Context, st engine.Store) ([]T, error)) error {
	records, err := inStore(c, read)
	if err != nil {
		return err
	}
	return l.print(c, records, asJSON)
}

func (l listing[T]) print(c *cli, records []T, asJSON bool) error {
	if asJSON {
		out := make([]any, len(records))
		for i, r := range records {
			out[i] = r
			if l.json != nil {
				out[i] = l.json(r)
			}
		}
		return c.printJSON(out)
	}
	rows := [][]string{l.header}
	for _, r := range records {
		rows = append(rows, l.row(r))
	}
	if err := display.Table(c.stdout, rows); err != nil {
		return err
	}
	_, err := fmt.Fprintf(c.stderr, "%d %s\n", len(records), l.plural)
	return err
}

var eventListing = listing[model.Event]{
	header: []string{"ID", "DATE", "ACTOR", "CATEGORY", "TITLE"},
	row: func(e model.Event) []string {
		return []string{strconv.FormatInt(e.ID, 10), display.EventDate(e, "en"), e.Actor, string(e.Category), e.Title}
	},
	plural: "events",
}

// predictionJSON adds the deadline, which model.Prediction leaves to its
// users to present, as phrase, canonical form and due day, and what the
// claim's record says about it.
type predictionJSON struct {
	model.Prediction
	State             model.State   `json:"state"`
	Deadline          *deadlineJSON `json:"deadline"`
	Retrospective     bool          `json:"retrospective"`
	SourceUnconfirmed bool          `json:"source_unconfirmed"`
	Scored            bool          `json:"scored_kind"`
	LastReviewed      string        `json:"last_reviewed,omitempty"`
}

type deadlineJSON struct {
	Phrase    string `json:"phrase"`
	Canonical string `json:"canonical"`
	DueBy     string `json:"due_by,omitempty"`
}

func toJSON(p model.Prediction) predictionJSON {
	out := predictionJSON{Prediction: p, State: p.State(), Retrospective: p.Retrospective(),
		SourceUnconfirmed: p.SourceUnconfirmed(), Scored: kindOf(p).Scored()}
	if p.State() == model.StateOpen {
		out.LastReviewed = p.LastReviewed().String()
	}
	if !p.Deadline.IsZero() {
		out.Deadline = &deadlineJSON{Phrase: p.Deadline.Phrase, Canonical: p.Deadline.Canonical()}
		if _, latest, ok := p.Due(); ok && latest != when.MaxDay {
			out.Deadline.DueBy = latest.String()
		}
	}
	return out
}

var predictionListing = listing[model.Prediction]{
	header: []string{"ID", "KIND", "STATE", "MADE", "DUE BY", "SOURCE", "NOTES", "STATEMENT"},
	row: func(p model.Prediction) []string {
		return []string{strconv.FormatInt(p.ID, 10), string(kindOf(p)), string(p.State()), p.Made.Format("en"),
			display.DueBy(p, "en", when.Day.String), display.Shorten(p.Source, 30), strings.Join(claimNotes(p), ", "),
			display.Shorten(p.Statement, 80)}
	},
	json:   func(p model.Prediction) any { return toJSON(p) },
	plural: "predictions",
}

var periodListing = listing[model.Period]{
	header: []string{"ID", "FROM", "TO", "COLOUR", "LANE", "TITLE"},
	row: func(p model.Period) []string {
		return []string{strconv.FormatInt(p.ID, 10), p.Start.Format("en"), p.End.Format("en"), p.Color, p.Lane,
			display.Shorten(p.Title, 80)}
	},
	plural: "periods",
}

func kindOf(p model.Prediction) model.Kind {
	if p.Kind == "" {
		return model.KindForecast
	}
	return p.Kind
}

// kindWords say in one line what each kind of claim is and whether it is
// scored.
var kindWords = map[model.Kind]string{
	model.KindForecast: "forecast: a claim about the future that can come true or not; scored",
	model.KindQuestion: "question: an open question the source asked; never scored",
	model.KindHope:     "hope or intent: logged, not scored",
	model.KindOpinion:  "opinion or claim of fact at the time: checkable, not scored",
}

var provenanceWords = map[model.Provenance]string{
	model.ProvenanceContemporaneous: "contemporaneous: recorded on or before that date",
	model.ProvenanceReportedLater:   "reported later: the only record was written afterwards",
	model.ProvenanceRetrospective:   "retrospective: the only record was written after the outcome was known",
}

func kindLine(p model.Prediction) string { return kindWords[kindOf(p)] }

// claimNotes are the short marks a list shows beside a claim.
func claimNotes(p model.Prediction) []string {
	var notes []string
	if p.Retrospective() {
		notes = append(notes, "retrospective")
	}
	if p.SourceUnconfirmed() {
		notes = append(notes, "unconfirmed")
	}
	if p.Restates != 0 {
		notes = append(notes, fmt.Sprintf("restates %d", p.Restates))
	}
	if p.Interest != "" {
		notes = append(notes, "interest")
	}
	if p.ReviewDue(when.Today()) {
		notes = append(notes, "review due")
	}
	return notes
}

// linkLine shows one source: its address, quote, published date and
// whether it is primary.
func linkLine(l model.SourceLink) string {
	var parts []string
	if l.URL != "" {
		parts = append(parts, l.URL)
	}
	if l.Quote != "" {
		parts = append(parts, "“"+l.Quote+"”")
	}
	if !l.Published.IsZero() {
		parts = append(parts, "published "+l.Published.Format("en"))
	}
	if l.Primary {
		parts = append(parts, "primary")
	} else {
		parts = append(parts, "secondary")
	}
	return strings.Join(parts, ", ")
}

// printImportedUserData says what became of the file's saved views and
// reminders sent, when it has any.
func (c *cli) printImportedUserData(report store.ImportReport, dryRun bool) {
	verb := "added"
	if dryRun {
		verb = "would add"
	}
	v := report.Views
	if n := len(v.Added); n > 0 {
		fmt.Fprintf(c.stdout, "%s %s: %s\n", verb, plural(n, "saved view", "saved views"), strings.Join(v.Added, ", "))
	}
	for _, name := range v.Same {
		fmt.Fprintf(c.stdout, "  skipped saved view %q: the database has it already\n", name)
	}
	for _, name := range v.Conflicting {
		fmt.Fprintf(c.stdout, "  skipped saved view %q: the database gives that name to another filter, which is kept\n", name)
	}
	if report.Reminders > 0 {
		fmt.Fprintf(c.stdout, "%s %s (deadlines already announced)\n", verb, plural(report.Reminders, "reminder sent", "reminders sent"))
	}
}
