package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/hindsight-app/hindsight/internal/model"
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

func dateText(e model.Event) string {
	if e.End.IsZero() {
		return e.Date.Format("en")
	}
	return e.Date.Format("en") + " – " + e.End.Format("en")
}

func (c *cli) printEvents(events []model.Event) {
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tDATE\tACTOR\tCATEGORY\tTITLE")
	for _, e := range events {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", e.ID, dateText(e), e.Actor, e.Category, e.Title)
	}
	w.Flush()
	fmt.Fprintf(c.stderr, "%d events\n", len(events))
}

// predictionJSON adds the deadline, which model.Prediction leaves to its
// users to present, as phrase, canonical form and due day.
type predictionJSON struct {
	model.Prediction
	State    model.State   `json:"state"`
	Deadline *deadlineJSON `json:"deadline"`
}

type deadlineJSON struct {
	Phrase    string `json:"phrase"`
	Canonical string `json:"canonical"`
	DueBy     string `json:"due_by,omitempty"`
}

func toJSON(p model.Prediction) predictionJSON {
	out := predictionJSON{Prediction: p, State: p.State()}
	if !p.Deadline.IsZero() {
		out.Deadline = &deadlineJSON{Phrase: p.Deadline.Phrase, Canonical: p.Deadline.Canonical()}
		if _, latest, ok := p.Due(); ok && latest != when.MaxDay {
			out.Deadline.DueBy = latest.String()
		}
	}
	return out
}

func dueText(p model.Prediction) string {
	if _, latest, ok := p.Due(); ok && latest != when.MaxDay {
		return latest.String()
	}
	if !p.Deadline.IsZero() {
		return p.Deadline.Format("en")
	}
	return "—"
}

func (c *cli) printPredictions(preds []model.Prediction) {
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tSTATE\tMADE\tDUE BY\tSOURCE\tSTATEMENT")
	for _, p := range preds {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", p.ID, p.State(), p.Made.Format("en"), dueText(p),
			shorten(p.Source, 30), shorten(p.Statement, 80))
	}
	w.Flush()
	fmt.Fprintf(c.stderr, "%d predictions\n", len(preds))
}

// shorten cuts s to at most n characters, marking the cut with an ellipsis.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
