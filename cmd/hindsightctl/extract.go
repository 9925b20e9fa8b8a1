package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/extract"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// extractCommand is `hindsightctl extract`: the events and claims an article proposes.
type extractCommand struct{ *cli }

// maxExtractBytes bounds the text read: a long book, not an article.
const maxExtractBytes = 8 << 20

func (c extractCommand) command() *cobra.Command {
	var url, published, author, only string
	var asJSON, apply, all, primary bool
	cmd := &cobra.Command{
		Use:   "extract FILE",
		Short: "Propose the events and claims of an article",
		Long: `Reads an article (.txt, .md or .html; - for standard input) and proposes
its events (past-tense sentences with a date and an actor) and claims
(forecasts, questions, hopes and opinions), each with its quote, where it
is in the text, and a confidence. Proposals that repeat a record already in
the database are flagged with its id.

Relative dates ("去年", "last March") are read against --published; without
it, a date line near the top of the text is used if there is one.

--apply saves the ticked proposals (confident ones that are not duplicates;
--all ticks every one that is not a duplicate, --only picks them by number)
in one transaction. Before anything is written it lists what it leaves out
and why. Each claim keeps its kind (only forecasts are scored) and how its
date is known: made when the text was published (contemporaneous), or
reported as made earlier (reported later). Its link to --url is a secondary
source unless --primary says the text is the author's own first
publication; then the claims the author makes in it link to a primary one.`,
		Args: exactArgs(1, "a file to read (or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			text, err := readArticle(args[0], cmd.InOrStdin())
			if err != nil {
				return err
			}
			in := extract.Input{Text: text, Format: extract.FormatForFile(args[0]), URL: url, Author: author}
			if in.Published, err = parseDate("published", published); err != nil {
				return err
			}
			if url != "" {
				if msg := model.CheckLink(url); msg != "" {
					return fieldError{"url", errors.New(msg)}
				}
			}
			st, err := c.open()
			if err != nil {
				return err
			}
			ctx := context.Background()
			known, err := knownRecords(ctx, st)
			if err != nil {
				return err
			}
			res, err := extract.Extract(in, known)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			if err := tick(res, all, only); err != nil {
				return err
			}
			if !apply {
				if asJSON {
					return c.printJSON(res)
				}
				c.printProposals(res)
				return nil
			}
			return c.applyProposals(ctx, st, res, args[0], extract.RecordOptions{Primary: primary})
		},
	}
	f := cmd.Flags()
	f.StringVar(&url, "url", "", "where the text was published; every record links to it")
	f.StringVar(&published, "published", "", "when the text was published (relative dates are read against it)")
	f.StringVar(&author, "by", "", "who wrote the text: the source of the claims it makes in its own voice")
	f.BoolVar(&asJSON, "json", false, "print the proposals as JSON")
	f.BoolVar(&apply, "apply", false, "save the ticked proposals, in one transaction")
	f.BoolVar(&primary, "primary", false, "the text at --url is the author's own first publication of its claims (a primary source)")
	f.BoolVar(&all, "all", false, "tick every proposal that is not a duplicate")
	f.StringVar(&only, "only", "", "tick just these proposals, by number (e.g. 1,3,7)")
	return cmd
}

func readArticle(path string, stdin io.Reader) (string, error) {
	var r io.Reader = stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxExtractBytes+1))
	if err != nil {
		return "", err
	}
	if len(b) > maxExtractBytes {
		return "", fmt.Errorf("%s is larger than %d MB; extract reads articles, not books", path, maxExtractBytes>>20)
	}
	return string(b), nil
}

// knownRecords reads what the database holds, for duplicates and actors.
func knownRecords(ctx context.Context, st engine.Store) (extract.Known, error) {
	var k extract.Known
	var err error
	if k.Actors, err = st.Vocabulary().Actors(ctx); err != nil {
		return k, err
	}
	if k.Events, err = st.Events(ctx, store.EventQuery{Brief: true}); err != nil {
		return k, err
	}
	k.Predictions, err = st.Claims().Predictions(ctx, store.PredictionQuery{})
	return k, err
}

// tick applies --all and --only to the proposals' ticks.
func tick(res *extract.Result, all bool, only string) error {
	if all && only != "" {
		return usageError{errors.New("give --all or --only, not both")}
	}
	if all {
		for i := range res.Proposals {
			res.Proposals[i].Ticked = res.Proposals[i].Duplicate == nil
		}
	}
	if only == "" {
		return nil
	}
	picked := map[int]bool{}
	for _, field := range strings.Split(only, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < 1 || n > len(res.Proposals) {
			return fieldError{"only", fmt.Errorf("%q is not a proposal number (1 to %d)", field, len(res.Proposals))}
		}
		picked[n-1] = true
	}
	for i := range res.Proposals {
		res.Proposals[i].Ticked = picked[i]
	}
	return nil
}

func (c extractCommand) printProposals(res *extract.Result) {
	c.printPublished(res)
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "#\tTICK\tTYPE\tKIND\tDATE\tBY\tCONF\tQUOTE")
	for i, p := range res.Proposals {
		mark := "[ ]"
		if p.Ticked {
			mark = "[x]"
		}
		var kind, date, by string
		switch p.Type {
		case extract.ProposalEvent:
			kind, date, by = string(p.Event.Category), p.Event.Date.String(), p.Event.Actor
		case extract.ProposalClaim:
			kind, by = string(p.Claim.Kind), p.Claim.By
			date = "made " + orUnknown(p.Claim.Made.String())
			if p.Claim.Retrospective {
				kind += " (retrospective)"
			}
			if !p.Claim.Deadline.IsZero() {
				date += ", due " + p.Claim.Deadline.Format("en")
			}
		}
		quote := display.Shorten(p.Quote, 70)
		if p.Duplicate != nil {
			quote += fmt.Sprintf("  [already there: %s %d]", p.Duplicate.Entity, p.Duplicate.ID)
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%.2f\t%s\n", i+1, mark, p.Type, kind, date, display.Shorten(by, 24), p.Confidence, quote)
	}
	w.Flush()
	for _, s := range res.Skipped {
		fmt.Fprintf(c.stderr, "not read: %s (characters %d–%d)\n", s.Why, s.Span.RuneStart, s.Span.RuneEnd)
	}
	fmt.Fprintf(c.stderr, "%d proposals (%d ticked), %d date phrases\n", len(res.Proposals), ticked(res), len(res.Dates))
}

func (c extractCommand) printPublished(res *extract.Result) {
	switch {
	case res.Published.IsZero():
		fmt.Fprintln(c.stderr, "no published date: relative dates (last year, 去年) are left unread; give --published")
	case res.PublishedFrom != "given":
		fmt.Fprintf(c.stderr, "published %s, read from %q\n", res.Published, res.PublishedFrom)
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "?"
	}
	return s
}

func ticked(res *extract.Result) int {
	n := 0
	for _, p := range res.Proposals {
		if p.Ticked {
			n++
		}
	}
	return n
}

// applyProposals saves the ticked proposals in one transaction, after
// saying what is left out and why.
func (c extractCommand) applyProposals(ctx context.Context, st engine.Store, res *extract.Result, path string, opt extract.RecordOptions) error {
	c.printPublished(res)
	for i, p := range res.Proposals {
		if p.Ticked && p.Duplicate == nil && p.Type == extract.ProposalClaim && p.Claim.By == "" &&
			!(p.Claim.Retrospective && p.Claim.Made.IsZero()) {
			return fieldError{"by", fmt.Errorf("claim %d (%s) names nobody who made it; give --by with the text's author, or leave it out with --only", i+1, display.Shorten(p.Quote, 40))}
		}
		if p.Ticked && p.Duplicate == nil && p.Type == extract.ProposalClaim && p.Claim.Made.IsZero() && !p.Claim.Retrospective {
			return fieldError{"published", fmt.Errorf("claim %d (%s) has no date it was made; give --published", i+1, display.Shorten(p.Quote, 40))}
		}
	}
	recs, err := res.RecordsWith(opt)
	if err != nil {
		return fmt.Errorf("%w; nothing was saved (fix it with --only, or edit the text)", err)
	}
	for i, p := range res.Proposals {
		if d := p.Duplicate; d != nil && !p.Ticked {
			fmt.Fprintf(c.stderr, "left out %d (%s): already in the database as %s %d (%s)\n",
				i+1, display.Shorten(p.Quote, 40), d.Entity, d.ID, display.Shorten(d.Label, 50))
		}
	}
	for _, l := range recs.Left {
		fmt.Fprintf(c.stderr, "left out %d (%s): %s\n", l.Index+1, display.Shorten(res.Proposals[l.Index].Quote, 40), l.Why)
	}
	for _, n := range recs.Notes {
		fmt.Fprintf(c.stderr, "note on %d (%s): %s\n", n.Index+1, display.Shorten(res.Proposals[n.Index].Quote, 40), n.Why)
	}
	if len(recs.Events)+len(recs.Predictions) == 0 {
		fmt.Fprintf(c.stdout, "nothing to add from %s\n", path)
		return nil
	}
	report, err := st.Bulk().Import(ctx, recs.Events, recs.Predictions, store.ImportOptions{})
	if err != nil {
		return fmt.Errorf("%w; nothing was saved", err)
	}
	fmt.Fprintf(c.stdout, "added %d events and %d predictions from %s; %d left out",
		report.AddedEvents, report.AddedPredictions, path, len(recs.Left))
	if n := len(report.DuplicateEvents) + len(report.DuplicatePredictions); n > 0 {
		fmt.Fprintf(c.stdout, "; %d already there", n)
	}
	fmt.Fprintln(c.stdout)
	return nil
}
