package main

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// predictionCommands are the commands of `hindsightctl predictions`: list, add, show,
// resolve, unresolve, add-link and review.
type predictionCommands struct{ *cli }

func (c predictionCommands) command() *cobra.Command {
	return withSubcommands(&cobra.Command{Use: "predictions", Aliases: []string{"prediction", "preds", "claims"},
		Short: "List, add, show, resolve and review predictions and the other claims kept beside them",
		Long: `A prediction is a claim of one of four kinds:
  forecast  a claim about the future that can come true or not; scored
  question  an open question the source asked; it may be answered, never scored
  hope      a hope or an intent ("we aim to", 很期待…); logged, not scored
  opinion   an opinion or a claim of fact at the time; checkable, not scored`},
		c.list(), c.add(), c.show(),
		c.resolve(), c.unresolve(), c.addLink(),
		c.review())
}

func (c predictionCommands) list() *cobra.Command {
	var status, dueBefore, source, tag, search, kind string
	var asJSON, withInterest, reviewDue bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List predictions by deadline",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			q := store.PredictionQuery{Source: source, Tag: tag, Search: search, WithInterest: withInterest}
			if kind != "" {
				k, err := model.ParseKind(kind)
				if err != nil {
					return fieldError{"kind", err}
				}
				q.Kind = k
			}
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
			preds, err := inStore(c.cli, func(ctx context.Context, st engine.Store) ([]model.Prediction, error) {
				return st.Claims().Predictions(ctx, q)
			})
			if err != nil {
				return err
			}
			if reviewDue {
				today := when.Today()
				kept := preds[:0]
				for _, p := range preds {
					if p.ReviewDue(today) {
						kept = append(kept, p)
					}
				}
				preds = kept
			}
			return predictionListing.print(c.cli, preds, asJSON)
		},
	}
	f := cmd.Flags()
	f.StringVar(&status, "status", "", "only this state: open, true, false, partly, ambiguous, annulled, unfalsifiable, withdrawn")
	f.StringVar(&kind, "kind", "", "only this kind: forecast, question, hope or opinion")
	f.BoolVar(&withInterest, "with-interest", false, "only those whose source discloses an interest")
	f.BoolVar(&reviewDue, "review-due", false, "only open ones not reviewed in the last 6 months")
	f.StringVar(&dueBefore, "due-before", "", "only those whose deadline ends before this date")
	f.StringVar(&source, "source", "", "only those made by this source")
	f.StringVar(&tag, "tag", "", "only those with this tag")
	f.StringVar(&search, "search", "", "only those whose text contains every word of this")
	f.BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (c predictionCommands) add() *cobra.Command {
	var p model.Prediction
	var made, deadline, prob, kind, provenance string
	var link linkFlags
	var tags []string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "add --statement S --by SOURCE --made D [--kind K] [--deadline PHRASE]",
		Short: "Add a claim (a forecast unless --kind says otherwise) and print its id",
		Long: `Adds a claim. --kind says what sort of claim it is; only a forecast is
scored, and only a forecast carries a probability: a question asks, a hope
wishes and an opinion asserts.

--provenance says how the date it was made is known: contemporaneous (a
source published on or before that date records it: give --published),
reported-later (the only record was written later), retrospective (written
after the outcome was known; left out of the headline score unless asked).
A claim with no --primary source is "source unconfirmed".`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			var err error
			if p.Kind, err = model.ParseKind(kind); err != nil {
				return fieldError{"kind", err}
			}
			if p.Provenance, err = model.ParseProvenance(provenance); err != nil {
				return fieldError{"provenance", err}
			}
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
			p.Tags = tags
			l, err := link.read()
			if err != nil {
				return err
			}
			if !l.IsZero() {
				p.Links = []model.SourceLink{l}
			}
			saved, err := inStore(c.cli, func(ctx context.Context, st engine.Store) (model.Prediction, error) {
				return st.Claims().AddPrediction(ctx, p)
			})
			if err != nil {
				return err
			}
			return c.printSaved(asJSON, toJSON(saved), saved.ID)
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
	f.StringVar(&kind, "kind", string(model.KindForecast), "forecast, question, hope (or intent) or opinion")
	f.StringVar(&provenance, "provenance", "", "how the date it was made is known: contemporaneous, reported-later or retrospective")
	f.StringVar(&p.Interest, "interest", "", `the source's stake in the claim, e.g. "works at 01.AI"`)
	f.Int64Var(&p.Restates, "restates", 0, "id of the earlier claim by the same source that this one restates with a new deadline")
	link.register(f, "source", "link to where it was said (http or https)")
	f.BoolVar(&asJSON, "json", false, "print the saved prediction as JSON")
	return cmd
}

// linkFlags are the flags of one source link.
type linkFlags struct {
	url, quote, published string
	primary               bool
}

func (l *linkFlags) register(f *pflag.FlagSet, urlFlag, urlHelp string) {
	f.StringVar(&l.url, urlFlag, "", urlHelp)
	f.StringVar(&l.quote, "quote", "", "the original wording, quoted")
	f.StringVar(&l.published, "published", "", "when that source was published")
	f.BoolVar(&l.primary, "primary", false, "the source is primary: the forecaster's own words or an official record")
}

func (l linkFlags) read() (model.SourceLink, error) {
	published, err := parseDate("published", l.published)
	if err != nil {
		return model.SourceLink{}, err
	}
	return model.SourceLink{URL: l.url, Quote: l.quote, Published: published, Primary: l.primary}, nil
}

func (c predictionCommands) addLink() *cobra.Command {
	var link linkFlags
	cmd := c.recordCommand("add-link ID --url U [--quote Q] [--published D] [--primary]", "Add a source to a claim: where it was said or reported", "prediction id", func(cmd *cobra.Command, st engine.Store, id int64) error {
		l, err := link.read()
		if err != nil {
			return err
		}
		if l.IsZero() {
			return fieldError{"url", fmt.Errorf("give the address, the words as said, or both")}
		}
		ctx := context.Background()
		p, err := st.Claims().Prediction(ctx, id)
		if err != nil {
			return err
		}
		p.Links = append(p.Links, l)
		saved, err := st.Claims().UpdatePrediction(ctx, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "prediction %d has %s%s\n", saved.ID, plural(len(saved.Links), "source", "sources"), unconfirmedNote(saved))
		return nil
	})
	link.register(cmd.Flags(), "url", "the source's address (http or https)")
	return cmd
}

func unconfirmedNote(p model.Prediction) string {
	if p.SourceUnconfirmed() {
		return "; none is primary, so its source is unconfirmed"
	}
	return ""
}

func (c predictionCommands) review() *cobra.Command {
	var on string
	cmd := c.recordCommand("review ID [--on D]", "Record that an open claim was looked at again (the Due list asks after 6 months)", "prediction id", func(cmd *cobra.Command, st engine.Store, id int64) error {
		day, err := parseDate("on", on)
		if err != nil {
			return err
		}
		p, err := st.Claims().MarkReviewed(context.Background(), id, day)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "prediction %d reviewed on %s\n", p.ID, p.ReviewedOn)
		return nil
	})
	cmd.Flags().StringVar(&on, "on", "", "the day it was reviewed (default: today)")
	return cmd
}

func (c predictionCommands) show() *cobra.Command {
	return showCommand(c.cli, "Show one prediction with its resolution, evidence and wording history", "prediction id",
		readPrediction, func(p model.Prediction) any { return toJSON(p) }, printPrediction)
}

func readPrediction(st engine.Store, ctx context.Context, id int64) (model.Prediction, error) {
	return st.Claims().Prediction(ctx, id)
}

// printPrediction writes a prediction as show prints it, with the claims
// it restates or is restated by, the events it cites and its earlier
// wordings, read from st.
func printPrediction(ctx context.Context, st engine.Store, w io.Writer, p model.Prediction) error {
	fmt.Fprintf(w, "%s\n", p.Statement)
	if p.StatementZh != "" {
		fmt.Fprintln(w, p.StatementZh)
	}
	fmt.Fprintf(w, "%s", kindLine(p))
	fmt.Fprintf(w, "\nby %s, made %s", p.Source, p.Made.Format("en"))
	if p.Provenance != model.ProvenanceUnstated {
		fmt.Fprintf(w, " (%s)", provenanceWords[p.Provenance])
	}
	if !p.Deadline.IsZero() {
		fmt.Fprintf(w, ", deadline %s (due by %s)", p.Deadline.Format("en"), display.DueBy(p, "en", when.Day.String))
	}
	if p.Probability != nil {
		fmt.Fprintf(w, ", probability %s%%", strconv.FormatFloat(*p.Probability*100, 'f', -1, 64))
	}
	if p.Interest != "" {
		fmt.Fprintf(w, "\ninterest: %s", p.Interest)
	}
	for _, l := range p.Links {
		fmt.Fprintf(w, "\nsource: %s", linkLine(l))
	}
	if p.SourceUnconfirmed() {
		fmt.Fprint(w, "\nsource unconfirmed: no primary source")
	}
	chain, err := st.Claims().ClaimChain(ctx, p.ID)
	if err != nil {
		return err
	}
	if len(chain) > 1 {
		fmt.Fprint(w, "\nmoving target, oldest first:")
		for _, q := range chain {
			mark := " "
			if q.ID == p.ID {
				mark = "*"
			}
			fmt.Fprintf(w, "\n %s %d  made %s, due by %s, %s: %s", mark, q.ID, q.Made.Format("en"),
				display.DueBy(q, "en", when.Day.String), q.State(), display.Shorten(q.Statement, 60))
		}
	}
	fmt.Fprintf(w, "\nstate: %s", p.State())
	if p.State() == model.StateOpen {
		fmt.Fprintf(w, ", last reviewed %s", p.LastReviewed())
		if p.ReviewDue(when.Today()) {
			fmt.Fprint(w, " (due for review)")
		}
	}
	if r := p.Resolution; r.Resolved() {
		if !r.On.IsZero() {
			fmt.Fprintf(w, " on %s", r.On.Format("en"))
		}
		if r.State == model.StatePartly && r.Fraction != 0 {
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
	versions, err := st.Claims().Versions(ctx, p.ID)
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
}

func (c predictionCommands) resolve() *cobra.Command {
	var outcome, on, note string
	var fraction float64
	var evidence []string
	var role string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "resolve ID --outcome true|false|partly|ambiguous|annulled|unfalsifiable|withdrawn --on D",
		Short: "Record how a prediction turned out",
		Long: `Records how a claim turned out. Unfalsifiable (it can never be checked)
needs no date; every other outcome does. A partly true claim takes
--fraction only when a source says how much came true.`,
		Args: exactArgs(1, "a prediction id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID("prediction id", args[0])
			if err != nil {
				return err
			}
			state, err := model.ParseState(outcome)
			if err != nil {
				return fieldError{"outcome", err}
			}
			if on == "" && state != model.StateUnfalsifiable {
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
			p, err := inStore(c.cli, func(ctx context.Context, st engine.Store) (model.Prediction, error) {
				return st.Claims().Resolve(ctx, id, r)
			})
			if err != nil {
				return err
			}
			if asJSON {
				return c.printJSON(toJSON(p))
			}
			if p.Resolution.On.IsZero() {
				fmt.Fprintf(c.stdout, "prediction %d resolved %s\n", p.ID, p.State())
			} else {
				fmt.Fprintf(c.stdout, "prediction %d resolved %s on %s\n", p.ID, p.State(), p.Resolution.On)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&outcome, "outcome", "", "true, false, partly, ambiguous, annulled, unfalsifiable or withdrawn (required)")
	f.Float64Var(&fraction, "fraction", 0, "for partly, when a source says: how much came true, between 0 and 1")
	f.StringVar(&on, "on", "", "the date it resolved (required but for unfalsifiable)")
	f.StringArrayVar(&evidence, "evidence", nil, "id of an event that settled it (repeat for several)")
	f.StringVar(&role, "role", string(model.RoleResolves), "what the evidence events do: resolves, supports or contradicts")
	f.StringVar(&note, "note", "", "why it resolved this way")
	f.BoolVar(&asJSON, "json", false, "print the resolved prediction as JSON")
	return cmd
}

func (c predictionCommands) unresolve() *cobra.Command {
	return c.recordCommand("unresolve ID", "Reopen a resolved prediction", "prediction id", func(cmd *cobra.Command, st engine.Store, id int64) error {
		p, err := st.Claims().Unresolve(context.Background(), id)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "prediction %d is open again\n", p.ID)
		return nil
	})
}
