package main

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/hindsight-app/hindsight/internal/display"
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

// printEvents lists events as a table whose columns line up in a terminal,
// Chinese included.
func (c *cli) printEvents(events []model.Event) error {
	rows := [][]string{{"ID", "DATE", "ACTOR", "CATEGORY", "TITLE"}}
	for _, e := range events {
		rows = append(rows, []string{strconv.FormatInt(e.ID, 10), display.EventDate(e, "en"), e.Actor, string(e.Category), e.Title})
	}
	if err := display.Table(c.stdout, rows); err != nil {
		return err
	}
	_, err := fmt.Fprintf(c.stderr, "%d events\n", len(events))
	return err
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

// printPredictions lists predictions as a table whose columns line up.
func (c *cli) printPredictions(preds []model.Prediction) error {
	rows := [][]string{{"ID", "STATE", "MADE", "DUE BY", "SOURCE", "STATEMENT"}}
	for _, p := range preds {
		rows = append(rows, []string{strconv.FormatInt(p.ID, 10), string(p.State()), p.Made.Format("en"),
			display.DueBy(p, "en", when.Day.String), display.Shorten(p.Source, 30), display.Shorten(p.Statement, 80)})
	}
	if err := display.Table(c.stdout, rows); err != nil {
		return err
	}
	_, err := fmt.Fprintf(c.stderr, "%d predictions\n", len(preds))
	return err
}
