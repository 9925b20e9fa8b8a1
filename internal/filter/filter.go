// Package filter says which records a view shows: categories, actors, tags,
// prediction states and a date window typed as people type dates. The
// window and the command-line tool use the same Filter; it is pure Go, so
// the store can turn it into a query and the screens into words.
package filter

import (
	"math"
	"slices"
	"strings"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Filter selects which events and predictions the timeline and the tables
// show. The zero Filter shows everything.
//
// Each dimension that is set must match; within a dimension any listed
// value does. A From or To that when.Parse cannot read is ignored, as is a
// window whose end lies before its start, so a typing slip never hides
// every record.
type Filter struct {
	Categories []model.Category `json:"categories,omitempty"` // any of these (empty: all)
	Actors     []string         `json:"actors,omitempty"`     // any of these, case-insensitive
	Tags       []string         `json:"tags,omitempty"`       // records having ANY of these tags
	States     []model.State    `json:"states,omitempty"`     // predictions in any of these states (empty: all)
	// From and To are the date window as typed (any form when.Parse
	// reads); records overlapping it are kept. Either may be empty for a
	// window open at that end.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Batch keeps only the records one import added.
	Batch *ImportBatch `json:"batch,omitempty"`
}

// ImportBatch is the records one import added. Change is the import's
// place in the undo history and Label names its file; the records' ids are
// filled in by whoever reads the history (WithBatchRecords) and are not
// saved with the filter. Until they are, the batch keeps nothing.
type ImportBatch struct {
	Change int64  `json:"change"`
	Label  string `json:"label,omitempty"`

	events, predictions map[int64]bool
}

// Resolved reports whether the batch knows its records.
func (b *ImportBatch) Resolved() bool { return b != nil && b.events != nil }

// WithBatchRecords is f with its batch's records filled in.
func (f Filter) WithBatchRecords(events, predictions []int64) Filter {
	if f.Batch == nil {
		return f
	}
	b := &ImportBatch{Change: f.Batch.Change, Label: f.Batch.Label,
		events: make(map[int64]bool, len(events)), predictions: make(map[int64]bool, len(predictions))}
	for _, id := range events {
		b.events[id] = true
	}
	for _, id := range predictions {
		b.predictions[id] = true
	}
	f.Batch = b
	return f
}

// SavedView is a filter kept under a name.
type SavedView struct {
	Name   string `json:"name"`
	Filter Filter `json:"filter"`
}

// IsZero reports whether f sets nothing at all.
func (f Filter) IsZero() bool {
	return len(f.Categories) == 0 && len(f.Actors) == 0 && len(f.Tags) == 0 && len(f.States) == 0 &&
		strings.TrimSpace(f.From) == "" && strings.TrimSpace(f.To) == "" && f.Batch == nil
}

// SameAs reports whether f and o select the same records: the order of
// the values in each dimension does not matter, nor the case of actors.
func (f Filter) SameAs(o Filter) bool {
	return sameSet(f.Categories, o.Categories, func(c model.Category) string { return string(c) }) &&
		sameSet(f.Actors, o.Actors, func(a string) string { return strings.ToLower(strings.TrimSpace(a)) }) &&
		sameSet(model.NormalizeTags(f.Tags), model.NormalizeTags(o.Tags), func(t string) string { return t }) &&
		sameSet(f.States, o.States, func(s model.State) string { return string(s) }) &&
		strings.TrimSpace(f.From) == strings.TrimSpace(o.From) && strings.TrimSpace(f.To) == strings.TrimSpace(o.To) &&
		(f.Batch == nil) == (o.Batch == nil) && (f.Batch == nil || f.Batch.Change == o.Batch.Change)
}

func sameSet[T any](a, b []T, key func(T) string) bool {
	in := func(xs []T) map[string]bool {
		m := make(map[string]bool, len(xs))
		for _, x := range xs {
			m[key(x)] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	if len(ma) != len(mb) {
		return false
	}
	for k := range ma {
		if !mb[k] {
			return false
		}
	}
	return true
}

// Bounds of a window open at one end.
const (
	MinDay = when.Day(math.MinInt64)
	MaxDay = when.Day(math.MaxInt64)
)

// Window is a filter's date window as read: the days it covers and
// what was wrong with the text typed, if anything.
type Window struct {
	Lo, Hi   when.Day  // the days covered; MinDay and MaxDay for an open end
	From, To when.Date // zero when empty or unreadable
	FromErr  error     // From could not be read and is ignored
	ToErr    error     // To could not be read and is ignored
	Reversed bool      // To ends before From starts: both are ignored
}

// Set reports whether the window limits anything.
func (w Window) Set() bool { return w.Lo != MinDay || w.Hi != MaxDay }

// Window reads the date window of f.
func (f Filter) Window() Window {
	w := Window{Lo: MinDay, Hi: MaxDay}
	if s := strings.TrimSpace(f.From); s != "" {
		if d, err := when.Parse(s); err != nil {
			w.FromErr = err
		} else {
			w.From, w.Lo = d, d.Earliest()
		}
	}
	if s := strings.TrimSpace(f.To); s != "" {
		if d, err := when.Parse(s); err != nil {
			w.ToErr = err
		} else {
			w.To, w.Hi = d, d.Latest()
		}
	}
	if w.Lo > w.Hi {
		w.Reversed = true
		w.Lo, w.Hi = MinDay, MaxDay
		w.From, w.To = when.Date{}, when.Date{}
	}
	return w
}

// matcher is a filter made ready for testing many records: dates read,
// values normalised, and answers for actors and tags remembered, since
// the same few recur across thousands of records.
type matcher struct {
	batch      *ImportBatch
	categories []model.Category
	actors     map[string]bool // lower-cased
	tags       map[string]bool // normalised
	states     []model.State
	win        Window

	actorSeen map[string]bool // actor as stored → matches
	tagSeen   map[string]bool // tag as stored → matches
}

func (f Filter) matcher() *matcher {
	m := &matcher{batch: f.Batch, categories: f.Categories, states: f.States, win: f.Window()}
	if actors := NonEmpty(f.Actors); len(actors) > 0 {
		m.actors = make(map[string]bool, len(actors))
		for _, a := range actors {
			m.actors[strings.ToLower(a)] = true
		}
		m.actorSeen = map[string]bool{}
	}
	if tags := model.NormalizeTags(f.Tags); len(tags) > 0 {
		m.tags = make(map[string]bool, len(tags))
		for _, t := range tags {
			m.tags[t] = true
		}
		m.tagSeen = map[string]bool{}
	}
	return m
}

func (m *matcher) actor(a string) bool {
	ok, seen := m.actorSeen[a]
	if !seen {
		ok = m.actors[strings.ToLower(strings.TrimSpace(a))]
		m.actorSeen[a] = ok
	}
	return ok
}

func (m *matcher) anyTag(tags []string) bool {
	for _, t := range tags {
		ok, seen := m.tagSeen[t]
		if !seen {
			if n := model.NormalizeTags([]string{t}); len(n) == 1 {
				ok = m.tags[n[0]]
			}
			m.tagSeen[t] = ok
		}
		if ok {
			return true
		}
	}
	return false
}

func (m *matcher) overlaps(lo, hi when.Day) bool {
	return hi >= m.win.Lo && lo <= m.win.Hi
}

func (m *matcher) event(e *model.Event) bool {
	// Cheapest first.
	if m.batch != nil && !m.batch.events[e.ID] {
		return false
	}
	if len(m.categories) > 0 && !slices.Contains(m.categories, e.Category) {
		return false
	}
	if m.win.Set() {
		// e.Earliest() and e.Latest(), without copying the event.
		lo, hi := e.Date.Earliest(), e.Date.Latest()
		if !e.End.IsZero() {
			hi = max(hi, e.End.Latest())
		}
		if !m.overlaps(lo, hi) {
			return false
		}
	}
	if m.actors != nil && !m.actor(e.Actor) {
		return false
	}
	return m.tags == nil || m.anyTag(e.Tags)
}

func (m *matcher) prediction(p *model.Prediction) bool {
	if m.batch != nil && !m.batch.predictions[p.ID] {
		return false
	}
	if len(m.states) > 0 && !slices.Contains(m.states, p.State()) {
		return false
	}
	if m.tags != nil && !m.anyTag(p.Tags) {
		return false
	}
	if !m.win.Set() {
		return true
	}
	lo, hi := PredictionSpan(p)
	return m.overlaps(lo, hi)
}

// PredictionSpan is the time a prediction covers: from the day it was made
// until its deadline runs out. Without a deadline it runs until it was
// resolved, or on without end while it is open; an unknown making date
// leaves it open at the start.
func PredictionSpan(p *model.Prediction) (lo, hi when.Day) {
	lo, hi = MinDay, MaxDay
	if !p.Made.IsZero() {
		lo = p.Made.Earliest()
	}
	if dueLo, dueHi, ok := p.Due(); ok {
		if p.Made.IsZero() {
			lo = dueLo
		}
		hi = max(dueHi, lo)
		return lo, hi
	}
	if p.Resolution.Resolved() && !p.Resolution.On.IsZero() {
		hi = max(p.Resolution.On.Latest(), lo)
	}
	return lo, hi
}

// MatchEvent reports whether f keeps e: its category, actor, tags and
// dates all match. States do not apply to events.
func (f Filter) MatchEvent(e model.Event) bool { return f.matcher().event(&e) }

// MatchPrediction reports whether f keeps p: its state and tags match and
// the time from its making to its deadline overlaps the date window.
// Categories and actors do not apply to predictions.
func (f Filter) MatchPrediction(p model.Prediction) bool { return f.matcher().prediction(&p) }

// Apply returns the events and predictions f keeps, in their order. The
// inputs are not changed; with nothing to filter out they are returned as
// they are, since copying 100k records would cost tens of megabytes.
func (f Filter) Apply(events []model.Event, preds []model.Prediction) ([]model.Event, []model.Prediction) {
	if f.IsZero() {
		return events, preds
	}
	m := f.matcher()
	return keep(events, m.event), keep(preds, m.prediction)
}

// keep returns the records match accepts, in order. It notes their
// positions first and copies the records once, into a slice of the right
// size: records are large, and growing the result by appending would
// copy them several times over.
func keep[T any](records []T, match func(*T) bool) []T {
	var kept []int32
	for i := range records {
		if match(&records[i]) {
			kept = append(kept, int32(i))
		}
	}
	if len(kept) == 0 {
		return nil
	}
	out := make([]T, len(kept))
	for j, i := range kept {
		out[j] = records[i]
	}
	return out
}

// NonEmpty is xs without blank values, each trimmed.
func NonEmpty(xs []string) []string {
	var out []string
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// EventIDs are the events of a resolved batch, in no order; nil when it
// is not resolved.
func (b *ImportBatch) EventIDs() []int64 {
	if b == nil || b.events == nil {
		return []int64{}
	}
	out := make([]int64, 0, len(b.events))
	for id := range b.events {
		out = append(out, id)
	}
	return out
}
