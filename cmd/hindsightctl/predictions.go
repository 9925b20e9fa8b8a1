package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

func (c *cli) predictionsCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "predictions", Aliases: []string{"prediction", "preds"},
		Short: "List, add, show, resolve and unresolve predictions"}
	cmd.AddCommand(c.predictionsListCommand(), c.predictionsAddCommand(), c.predictionsShowCommand(),
		c.predictionsResolveCommand(), c.predictionsUnresolveCommand())
	return cmd
}

func (c *cli) predictionsListCommand() *cobra.Command {
	var status, dueBefore, source, tag, search string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List predictions by deadline",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			q := store.PredictionQuery{Source: source, Tag: tag, Search: search}
			if status != "" {
				st, err := model.ParseState(status)
				if err != nil {
					return fieldError{"status", err}
				}
				q.State = st
			}
			if dueBefore != "" {
				d, err := parseDate("due-before", dueBefore)
				if err != nil {
					return err
				}
				day := d.Earliest()
				q.DueBefore = &day
			}
			st, err := c.open()
			if err != nil {
				return err
			}
			preds, err := st.Predictions(context.Background(), q)
			if err != nil {
				return err
			}
			if asJSON {
				out := make([]predictionJSON, len(preds))
				for i, p := range preds {
					out[i] = toJSON(p)
				}
				return c.printJSON(out)
			}
			return c.printPredictions(preds)
		},
	}
	f := cmd.Flags()
	f.StringVar(&status, "status", "", "only this state: open, true, false, partly, ambiguous, annulled, withdrawn")
	f.StringVar(&dueBefore, "due-before", "", "only those whose deadline ends before this date")
	f.StringVar(&source, "source", "", "only those made by this source")
	f.StringVar(&tag, "tag", "", "only those with this tag")
	f.StringVar(&search, "search", "", "only those whose text contains every word of this")
	f.BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (c *cli) predictionsAddCommand() *cobra.Command {
	var p model.Prediction
	var made, deadline, prob, link, quote string
	var tags []string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "add --statement S --by SOURCE --made D --deadline PHRASE",
		Short: "Add a prediction and print its id",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			var err error
			if p.Made, err = parseDate("made", made); err != nil {
				return err
			}
			if deadline != "" {
				if p.Made.IsZero() {
					return fieldError{"made", fmt.Errorf("give the date it was made, so the deadline %q can be read", deadline)}
				}
				if p.Deadline, err = when.ParseDeadline(deadline, p.Made); err != nil {
					return fieldError{"deadline", err}
				}
			}
			if p.Probability, err = model.ParseProbability(prob); err != nil {
				return fieldError{"prob", err}
			}
			p.Tags, p.Link = tags, model.Link{URL: link, Quote: quote}
			st, err := c.open()
			if err != nil {
				return err
			}
			saved, err := st.AddPrediction(context.Background(), p)
			if err != nil {
				return err
			}
			if asJSON {
				return c.printJSON(toJSON(saved))
			}
			fmt.Fprintln(c.stdout, saved.ID)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&p.Statement, "statement", "", "what was predicted (required)")
	f.StringVar(&p.StatementZh, "statement-zh", "", "the statement in Chinese")
	f.StringVar(&p.Source, "by", "", "who made it: a person, outlet or report (required)")
	f.StringVar(&made, "made", "", "when it was made (required)")
	f.StringVar(&deadline, "deadline", "", `by when: "within two years", "by end of 2024", "两年内", a date…`)
	f.StringVar(&prob, "prob", "", "stated probability: 70% or 0.7")
	f.StringVar(&p.Criteria, "criteria", "", "how to tell whether it came true")
	f.StringArrayVar(&tags, "tag", nil, "a tag (repeat for several)")
	f.StringVar(&link, "source", "", "link to where it was said (http or https)")
	f.StringVar(&quote, "quote", "", "the original wording, quoted")
	f.BoolVar(&asJSON, "json", false, "print the saved prediction as JSON")
	return cmd
}

func (c *cli) predictionsShowCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one prediction with its resolution, evidence and wording history",
		Args:  exactArgs(1, "a prediction id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, id, err := c.openRecord("prediction id", args[0])
			if err != nil {
				return err
			}
			ctx := context.Background()
			p, err := st.Prediction(ctx, id)
			if err != nil {
				return err
			}
			if asJSON {
				return c.printJSON(toJSON(p))
			}
			w := c.stdout
			fmt.Fprintf(w, "%s\n", p.Statement)
			if p.StatementZh != "" {
				fmt.Fprintln(w, p.StatementZh)
			}
			fmt.Fprintf(w, "by %s, made %s", p.Source, p.Made.Format("en"))
			if !p.Deadline.IsZero() {
				fmt.Fprintf(w, ", deadline %s (due by %s)", p.Deadline.Format("en"), display.DueBy(p, "en", when.Day.String))
			}
			if p.Probability != nil {
				fmt.Fprintf(w, ", probability %s%%", strconv.FormatFloat(*p.Probability*100, 'f', -1, 64))
			}
			fmt.Fprintf(w, "\nstate: %s", p.State())
			if r := p.Resolution; r.Resolved() {
				fmt.Fprintf(w, " on %s", r.On.Format("en"))
				if r.State == model.StatePartly {
					fmt.Fprintf(w, " (%.0f%% came true)", r.Fraction*100)
				}
				if r.Note != "" {
					fmt.Fprintf(w, "\nnote: %s", r.Note)
				}
				for _, ev := range r.Evidence {
					title := "(missing)"
					if e, err := st.Event(ctx, ev.EventID); err == nil {
						title = e.Title
					}
					fmt.Fprintf(w, "\nevidence (%s): %d %s", ev.Role, ev.EventID, title)
				}
			}
			fmt.Fprintln(w)
			versions, err := st.Versions(ctx, id)
			if err != nil {
				return err
			}
			if len(versions) > 1 {
				fmt.Fprintln(w, "earlier wordings:")
				for _, v := range versions[:len(versions)-1] {
					fmt.Fprintf(w, "  v%d (%s): %s\n", v.Version, v.SavedAt.Format("2006-01-02"), v.Statement)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (c *cli) predictionsResolveCommand() *cobra.Command {
	var outcome, on, note string
	var fraction float64
	var evidence []string
	var role string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "resolve ID --outcome true|false|partly|ambiguous|annulled|withdrawn --on D",
		Short: "Record how a prediction turned out",
		Args:  exactArgs(1, "a prediction id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID("prediction id", args[0])
			if err != nil {
				return err
			}
			state, err := model.ParseState(outcome)
			if err != nil {
				return fieldError{"outcome", err}
			}
			if on == "" {
				return fieldError{"on", fmt.Errorf("give the date it resolved")}
			}
			r := model.Resolution{State: state, Fraction: fraction, Note: note}
			if r.On, err = parseDate("on", on); err != nil {
				return err
			}
			evRole := model.Role(role)
			if !evRole.Valid() {
				return fieldError{"role", fmt.Errorf("unknown role %q (resolves, supports or contradicts)", role)}
			}
			for _, raw := range evidence {
				eid, err := parseID("--evidence", raw)
				if err != nil {
					return err
				}
				r.Evidence = append(r.Evidence, model.Evidence{EventID: eid, Role: evRole})
			}
			st, err := c.open()
			if err != nil {
				return err
			}
			p, err := st.Resolve(context.Background(), id, r)
			if err != nil {
				return err
			}
			if asJSON {
				return c.printJSON(toJSON(p))
			}
			fmt.Fprintf(c.stdout, "prediction %d resolved %s on %s\n", p.ID, p.State(), p.Resolution.On)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&outcome, "outcome", "", "true, false, partly, ambiguous, annulled or withdrawn (required)")
	f.Float64Var(&fraction, "fraction", 0, "for partly: how much came true, between 0 and 1")
	f.StringVar(&on, "on", "", "the date it resolved (required)")
	f.StringArrayVar(&evidence, "evidence", nil, "id of an event that settled it (repeat for several)")
	f.StringVar(&role, "role", string(model.RoleResolves), "what the evidence events do: resolves, supports or contradicts")
	f.StringVar(&note, "note", "", "why it resolved this way")
	f.BoolVar(&asJSON, "json", false, "print the resolved prediction as JSON")
	return cmd
}

func (c *cli) predictionsUnresolveCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "unresolve ID",
		Short: "Reopen a resolved prediction",
		Args:  exactArgs(1, "a prediction id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, id, err := c.openRecord("prediction id", args[0])
			if err != nil {
				return err
			}
			p, err := st.Unresolve(context.Background(), id)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "prediction %d is open again\n", p.ID)
			return nil
		},
	}
}
