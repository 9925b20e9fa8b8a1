package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

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

// printPredictions lists predictions as a table whose columns line up.
func (c *cli) printPredictions(preds []model.Prediction) error {
	rows := [][]string{{"ID", "KIND", "STATE", "MADE", "DUE BY", "SOURCE", "NOTES", "STATEMENT"}}
	for _, p := range preds {
		rows = append(rows, []string{strconv.FormatInt(p.ID, 10), string(kindOf(p)), string(p.State()), p.Made.Format("en"),
			display.DueBy(p, "en", when.Day.String), display.Shorten(p.Source, 30), strings.Join(claimNotes(p), ", "),
			display.Shorten(p.Statement, 80)})
	}
	if err := display.Table(c.stdout, rows); err != nil {
		return err
	}
	_, err := fmt.Fprintf(c.stderr, "%d predictions\n", len(preds))
	return err
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
