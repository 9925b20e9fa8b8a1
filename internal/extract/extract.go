package extract

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hindsight-app/hindsight/internal/extract/prose"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Input is the text to read and what is known about it.
type Input struct {
	Text   string
	Format Format
	// URL is where the text was published; it becomes the link of every
	// record made from it.
	URL string
	// Published is the date the text was published. Relative dates
	// ("去年", "last March") are read against it, and a claim is made on
	// it unless the text says otherwise. When zero, a date line near the
	// top of the text ("Posted on 28 December 2024", "发布于2024-01-15")
	// is used if there is one.
	Published when.Date
	// Author is who wrote the text: the source of the claims it makes in
	// its own voice. Claims it quotes from others name their speaker.
	Author string
	// ReadAll reads page furniture too (related-article lists, share
	// prompts, repeated link lists) instead of setting it aside.
	ReadAll bool
}

// Known is what the database already holds, so that proposals can be
// filed under its actors and flagged when they repeat one of its records.
type Known struct {
	Actors []string
	// Events are events held in memory; EventsNear, when set, is asked
	// instead for the events overlapping the days around each dated
	// proposal, so that a large database is never read whole.
	Events      []model.Event
	EventsNear  func(from, to when.Day) []model.Event
	Predictions []model.Prediction
}

// ProposalType says whether a proposal is an event or a claim.
type ProposalType string

// The types of proposal.
const (
	ProposalEvent ProposalType = "event"
	ProposalClaim ProposalType = "claim"
)

// Proposal is one record the text suggests. A review dialog shows its
// Quote highlighted at Span within Context, lets the reviewer tick it and
// edit its fields, and saves the ticked ones (see Result.Records).
type Proposal struct {
	Type ProposalType `json:"type"`
	// Ticked is the suggested choice: confident enough and not already
	// in the database.
	Ticked     bool    `json:"ticked"`
	Confidence float64 `json:"confidence"`
	// Quote is the text's own words, Span where they are, Context the
	// sentence around them.
	Quote   string `json:"quote"`
	Span    Span   `json:"span"`
	Context Span   `json:"context"`
	// Reasons say why it was proposed: the words that mark it, the date
	// and actor found.
	Reasons []Reason `json:"reasons"`
	// Duplicate is set when the database already has this record; the
	// reviewer may add this text as a source to it instead.
	Duplicate *Match `json:"duplicate,omitempty"`
	// Event holds the fields of an event proposal, Claim those of a claim.
	Event *EventFields `json:"event,omitempty"`
	Claim *ClaimFields `json:"claim,omitempty"`
}

// EventFields are the editable fields of a proposed event.
type EventFields struct {
	Title    string         `json:"title"`
	TitleZh  string         `json:"title_zh,omitempty"`
	Date     when.Date      `json:"date"`
	DateText string         `json:"date_text"`
	Actor    string         `json:"actor"`
	Category model.Category `json:"category"`
	// DateReasoning says how a relative date was read ("" for a date
	// written out in full).
	DateReasoning string `json:"date_reasoning,omitempty"`
}

// ClaimFields are the editable fields of a proposed claim.
type ClaimFields struct {
	Kind      model.Kind `json:"kind"`
	Statement string     `json:"statement"`
	// By is who made the claim: a person or organisation the text quotes,
	// else the text's author ("" when Input.Author was not given).
	By string `json:"by"`
	// Made is when the claim was made: the published date, or an earlier
	// date the text reports it was made on; zero when the text reports it
	// as made earlier without saying when.
	Made          when.Date `json:"made,omitzero"`
	MadeReasoning string    `json:"made_reasoning"`
	// Retrospective is true when the text reports the claim as made
	// before the text was written: this text is a later record of it,
	// not the claim itself.
	Retrospective bool          `json:"retrospective,omitempty"`
	Deadline      when.Deadline `json:"-"`
	DeadlineText  string        `json:"deadline_text,omitempty"`
	Probability   *float64      `json:"probability,omitempty"`
}

// Reason is one piece of evidence for a proposal. Code is stable (for a
// translated interface), Text the words of the text it rests on.
type Reason struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// The reason codes.
const (
	ReasonQuestion    = "question"    // ?, 能不能, whether
	ReasonHope        = "hope"        // 期待, hope, we aim to
	ReasonForecast    = "forecast"    // will, 会, 预计
	ReasonOpinion     = "opinion"     // 我觉得, in my view
	ReasonHedge       = "hedge"       // might, 可能
	ReasonProbability = "probability" // (55%)
	ReasonReported    = "reported"    // said, predicted, 表示
	ReasonList        = "list"        // an item under a heading of predictions
	ReasonPastTense   = "past-tense"  // released, 发布了
	ReasonActor       = "actor"       // OpenAI, 深度求索
	ReasonDate        = "date"        // the date phrase
	ReasonDeadline    = "deadline"    // 两年内, by 2025
)

func (r Reason) String() string { return r.Code + " “" + r.Text + "”" }

// Skipped is text set aside as page furniture, and why.
type Skipped struct {
	Span Span   `json:"span"`
	Why  string `json:"why"`
}

// Result is what Extract found.
type Result struct {
	// Text is the plain text read; every Span refers to it.
	Text      string    `json:"-"`
	Format    Format    `json:"format"`
	URL       string    `json:"url,omitempty"`
	Published when.Date `json:"published,omitzero"`
	// PublishedFrom says where Published came from: "given", or the
	// words of the text it was read from; "" when unknown.
	PublishedFrom string        `json:"published_from,omitempty"`
	Author        string        `json:"author,omitempty"`
	Dates         []DateMention `json:"dates"`
	Proposals     []Proposal    `json:"proposals"`
	Skipped       []Skipped     `json:"skipped"`
}

// Extract reads in and proposes its events and claims, ordered by where
// they start in the text.
func Extract(in Input, known Known) (*Result, error) {
	text, format, err := prose.PlainText(in.Text, in.Format)
	if err != nil {
		return nil, err
	}
	res := &Result{Text: text, Format: format, URL: strings.TrimSpace(in.URL), Author: strings.TrimSpace(in.Author)}
	idx := newRuneIndex(text)
	readable := []span{{Start: 0, End: len(text)}}
	if !in.ReadAll {
		var skipped []prose.Aside
		readable, skipped = prose.Furniture(text)
		for _, s := range skipped {
			res.Skipped = append(res.Skipped, Skipped{Span: idx.span(s.Range), Why: s.Why})
		}
	}
	res.Published, res.PublishedFrom = in.Published, "given"
	if in.Published.IsZero() {
		res.Published, res.PublishedFrom = findPublished(text)
	}

	a := &analysis{text: text, published: res.Published, author: res.Author, idx: idx, actors: actorList(known.Actors)}
	a.sentences = prose.Split(text, readable)
	a.mentions = findDates(text, readable)
	a.analyseClauses()
	claims := a.claims()
	events := a.events()
	res.Dates = a.resolvedMentions()
	res.Proposals = append(claims, events...)
	sort.SliceStable(res.Proposals, func(i, j int) bool {
		return res.Proposals[i].Span.Start < res.Proposals[j].Span.Start
	})
	matcher := newMatcher(known)
	for i := range res.Proposals {
		p := &res.Proposals[i]
		p.Duplicate = matcher.match(p)
		p.Ticked = p.Confidence >= TickThreshold && p.Duplicate == nil
	}
	return res, nil
}

// TickThreshold is the confidence from which a proposal starts ticked.
const TickThreshold = 0.5

// analysis carries the text through the steps of Extract.
type analysis struct {
	text      string
	published when.Date
	author    string
	idx       *runeIndex
	actors    []actorName
	sentences []prose.Sentence
	clauses   map[span]*clauseInfo
	mentions  []mention
	// leans records how each mention was read (by its start offset).
	leans map[int]when.Lean
	// lastSpeaker is the last person a claim was reported from, for "he said".
	lastSpeaker string
}

// clauseInfo is what one clause says about itself.
type clauseInfo struct {
	cues     []cue
	frameEnd bool // stops after a reporting word; what was said follows
}

func (a *analysis) analyseClauses() {
	a.clauses = map[span]*clauseInfo{}
	a.leans = map[int]when.Lean{}
	for _, s := range a.sentences {
		for _, c := range s.Clauses {
			cues := findCues(a.text, c)
			a.clauses[c] = &clauseInfo{cues: cues, frameEnd: endsWithFrame(a.text, c, cues)}
		}
	}
}

// mentionsIn lists the date mentions inside s.
func (a *analysis) mentionsIn(s span) []mention {
	i := sort.Search(len(a.mentions), func(i int) bool { return a.mentions[i].Start >= s.Start })
	var out []mention
	for ; i < len(a.mentions) && a.mentions[i].End <= s.End; i++ {
		out = append(out, a.mentions[i])
	}
	return out
}

// read resolves a mention the way lean says and remembers the lean.
func (a *analysis) read(m mention, lean when.Lean) DateMention {
	if _, seen := a.leans[m.Start]; !seen {
		a.leans[m.Start] = lean
	}
	return resolve(a.text, m, a.published, lean, a.idx)
}

// resolvedMentions reads every mention, with the lean it was used with
// (or the past, for one no proposal used: most dates in a review are).
func (a *analysis) resolvedMentions() []DateMention {
	out := make([]DateMention, 0, len(a.mentions))
	for _, m := range a.mentions {
		lean, ok := a.leans[m.Start]
		if !ok {
			lean = when.LeanPast
		}
		out = append(out, resolve(a.text, m, a.published, lean, a.idx))
	}
	return out
}

func (a *analysis) quote(s span) (string, Span) {
	return s.Text(a.text), a.idx.span(s)
}

func clamp(x float64) float64 {
	switch {
	case x < 0:
		return 0
	case x > 1:
		return 1
	}
	return float64(int(x*100+0.5)) / 100
}

func (r *Result) String() string {
	return fmt.Sprintf("%d proposals, %d dates, %d parts skipped", len(r.Proposals), len(r.Dates), len(r.Skipped))
}
