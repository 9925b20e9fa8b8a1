package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/internal/when"
)

// State is where a prediction stands.
type State string

// The states of a prediction. Only TRUE, FALSE and PARTLY are scored, and
// only for forecasts.
const (
	StateOpen      State = "open"
	StateTrue      State = "true"
	StateFalse     State = "false"
	StatePartly    State = "partly"    // came partly true; see Resolution.Fraction
	StateAmbiguous State = "ambiguous" // the facts are unclear
	StateAnnulled  State = "annulled"  // the question itself was flawed
	StateWithdrawn State = "withdrawn" // its author took it back
	// StateUnfalsifiable: it can never be checked, whatever happens. Kept
	// apart from ambiguous (the facts are unclear) and annulled (the
	// question was flawed); never scored.
	StateUnfalsifiable State = "unfalsifiable"
)

// States lists every state in display order.
var States = []State{
	StateOpen, StateTrue, StateFalse, StatePartly, StateAmbiguous, StateAnnulled, StateUnfalsifiable, StateWithdrawn,
}

// Valid reports whether s is one of States.
func (s State) Valid() bool { return oneOf(s, States) }

// ParseState reads a state name, case-insensitively.
func ParseState(s string) (State, error) { return parseEnum(s, "state", States) }

// Role is what an evidence event does for a prediction.
type Role string

// The roles an evidence event can play.
const (
	RoleResolves    Role = "resolves"
	RoleSupports    Role = "supports"
	RoleContradicts Role = "contradicts"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	return r == RoleResolves || r == RoleSupports || r == RoleContradicts
}

// Evidence ties a prediction to an event that bears on it.
type Evidence struct {
	EventID int64 `json:"event_id"`
	Role    Role  `json:"role"`
}

// Resolution records how and when a prediction was settled. The zero value
// (with State "" or open) means unresolved.
type Resolution struct {
	State State `json:"state"`
	// Fraction is how much came true, 0–1, used only with StatePartly,
	// and only when a source gives it: 0 means not stated.
	Fraction float64    `json:"fraction,omitempty"`
	On       when.Date  `json:"on,omitzero"`
	Note     string     `json:"note,omitempty"`
	Evidence []Evidence `json:"evidence"`
}

// Resolved reports whether the prediction has been settled one way or another.
func (r Resolution) Resolved() bool { return r.State != "" && r.State != StateOpen }

// Validate reports every problem with the resolution, or nil. made is the
// date the prediction was made: a prediction cannot resolve before it.
func (r Resolution) Validate(made when.Date) error {
	var p problems
	r.check(&p, made)
	return p.err()
}

// OrOpen is r when it settles the prediction, and an open resolution
// otherwise: what a database keeps for one not settled.
func (r Resolution) OrOpen() Resolution {
	if !r.Resolved() {
		return Resolution{State: StateOpen}
	}
	return r
}

// ForResolve tidies r and checks it as the new resolution of a prediction
// made on made: it must settle the prediction (reopening one is not
// resolving it) and be valid.
func (r Resolution) ForResolve(made when.Date) (Resolution, error) {
	r.Note = strings.TrimSpace(r.Note)
	if !r.Resolved() {
		return r, &ValidationError{Fields: []FieldError{{
			Field: "state", Key: "error.state_open", Message: "choose how it resolved (true, false, partly, ambiguous, annulled or withdrawn); use unresolve to reopen it"}}}
	}
	return r, r.Validate(made)
}

// CheckEvidence names the first piece of evidence whose event does not
// exist, as exists (which reads the database) tells.
func (r Resolution) CheckEvidence(exists func(eventID int64) (bool, error)) error {
	for i, ev := range r.Evidence {
		ok, err := exists(ev.EventID)
		if err != nil {
			return err
		}
		if !ok {
			return &ValidationError{Fields: []FieldError{{
				Field: fmt.Sprintf("evidence[%d]", i), Key: "error.evidence_missing",
				Message: fmt.Sprintf("event %d does not exist", ev.EventID)}}}
		}
	}
	return nil
}

func (r Resolution) check(p *problems, made when.Date) {
	if !r.State.Valid() {
		p.add("state", "error.state", fmt.Sprintf("unknown state %q", r.State))
		return
	}
	if !r.Resolved() {
		return
	}
	if r.On.IsZero() {
		// An unfalsifiable claim is not settled on a day: it never could be.
		if r.State != StateUnfalsifiable {
			p.add("resolved_on", "error.date_missing", "the date it resolved must not be empty")
		}
	} else if !made.IsZero() && r.On.Latest() < made.Earliest() {
		p.add("resolved_on", "error.resolved_before_made",
			fmt.Sprintf("it cannot resolve (%s) before it was made (%s)", r.On, made))
	}
	if r.State == StatePartly && (math.IsNaN(r.Fraction) || r.Fraction < 0 || r.Fraction >= 1) {
		p.add("fraction", "error.fraction", "for a partly true prediction, how much came true must be more than 0 and less than 1, or left out when no source says")
	}
	if r.State != StatePartly && r.Fraction != 0 {
		p.add("fraction", "error.fraction_not_partly", "a fraction only applies to a partly true prediction")
	}
	seen := map[int64]bool{}
	for i, ev := range r.Evidence {
		field := fmt.Sprintf("evidence[%d]", i)
		if ev.EventID <= 0 {
			p.add(field, "error.evidence", "evidence must name an event")
		}
		if !ev.Role.Valid() {
			p.add(field, "error.role", fmt.Sprintf("unknown evidence role %q (resolves, supports or contradicts)", ev.Role))
		}
		if seen[ev.EventID] {
			p.add(field, "error.duplicate", fmt.Sprintf("event %d is cited twice", ev.EventID))
		}
		seen[ev.EventID] = true
	}
}

// Source is someone who makes predictions — a person, outlet or report —
// with the details the sources list keeps about them.
type Source struct {
	Name   string `json:"name"`
	NameZh string `json:"name_zh,omitempty"`
	Kind   string `json:"kind,omitempty"`
	URL    string `json:"url,omitempty"`
}

// Wording is one saved wording of a prediction's statement.
type Wording struct {
	Version     int       `json:"version"`
	Statement   string    `json:"statement"`
	StatementZh string    `json:"statement_zh,omitempty"`
	SavedAt     time.Time `json:"saved_at"`
}

// Prediction is a claim made by a source at a date — a forecast, or a
// question, hope or opinion logged beside them — with how that date is
// known, a deadline and, once the facts are in, a resolution.
type Prediction struct {
	ID          int64  `json:"id"`
	Statement   string `json:"statement"`
	StatementZh string `json:"statement_zh,omitempty"`
	// Source is who made the prediction: a person, outlet or report. Track
	// records group by it.
	Source string `json:"source"`
	// SourceZh is the source's Chinese name, when the sources list has
	// one; read from the store for display, never written through here.
	SourceZh string `json:"source_zh,omitempty"`
	// Kind is what sort of claim it is; only forecasts are scored.
	Kind Kind      `json:"kind"`
	Made when.Date `json:"made,omitzero"`
	// Provenance says how the made-on date is known.
	Provenance Provenance    `json:"provenance,omitempty"`
	Deadline   when.Deadline `json:"-"`
	// Probability is the stated confidence, 0–1; nil when none was given,
	// as with most quotes.
	Probability *float64 `json:"probability"`
	Criteria    string   `json:"criteria,omitempty"`
	Tags        []string `json:"tags"`
	// Links are the records of the claim: where it was said or reported,
	// each with its quote, published date and whether it is primary.
	Links []SourceLink `json:"links"`
	// Interest discloses the source's stake in the claim ("works at
	// 01.AI"), in free text; empty when none is known.
	Interest string `json:"interest,omitempty"`
	// Restates is the id of the earlier claim this one restates with a new
	// deadline (a moving target); 0 when it restates none.
	Restates int64 `json:"restates,omitempty"`
	// ReviewedOn is the day an open claim was last looked at; zero when it
	// never was (see LastReviewed).
	ReviewedOn when.Date  `json:"reviewed_on,omitzero"`
	Resolution Resolution `json:"resolution"`
	// History holds every saved wording, oldest first, when a prediction
	// is exported with it (store.Export); lists and forms leave it empty.
	// Importing a prediction with a history keeps it.
	History   []Wording `json:"history,omitempty"`
	CreatedAt time.Time `json:"created_at,omitzero"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// State is the prediction's resolution state, open when unresolved.
func (p Prediction) State() State {
	if p.Resolution.State == "" {
		return StateOpen
	}
	return p.Resolution.State
}

// Due is the window in which the prediction must come true; ok is false
// when it has no deadline.
func (p Prediction) Due() (earliest, latest when.Day, ok bool) {
	if p.Deadline.IsZero() {
		return 0, 0, false
	}
	return p.Deadline.Due(p.Made)
}

// Overdue reports whether the prediction is still open after the last day
// of its deadline. One with no deadline, or an open-ended one, never is.
func (p Prediction) Overdue(today when.Day) bool {
	_, latest, ok := p.Due()
	return ok && p.State() == StateOpen && latest != when.MaxDay && latest < today
}

// DisplayStatement picks the Chinese wording for a Chinese interface when
// there is one.
func (p Prediction) DisplayStatement(lang string) string {
	return inLanguage(lang, p.Statement, p.StatementZh)
}

// DisplaySource picks the source's Chinese name for a Chinese interface
// when there is one.
func (p Prediction) DisplaySource(lang string) string {
	return inLanguage(lang, p.Source, p.SourceZh)
}

// KindOrForecast is p's kind, a forecast when it names none (as a record
// from before kinds were kept does).
func (p Prediction) KindOrForecast() Kind {
	if p.Kind == "" {
		return KindForecast
	}
	return p.Kind
}

// Normalize tidies free text typed by a person. Call it before Validate.
func (p *Prediction) Normalize() {
	trimAll(&p.Statement, &p.StatementZh, &p.Source, &p.Criteria, &p.Interest, &p.Resolution.Note)
	p.Tags = NormalizeTags(p.Tags)
	if p.Kind == "" {
		p.Kind = KindForecast
	}
	links := p.Links[:0:0]
	for _, l := range p.Links {
		l.URL, l.Quote = strings.TrimSpace(l.URL), strings.TrimSpace(l.Quote)
		if !l.IsZero() {
			links = append(links, l)
		}
	}
	p.Links = links
	if p.Resolution.State == "" {
		p.Resolution.State = StateOpen
	}
}

// Validate reports every problem with the prediction, or nil.
func (p Prediction) Validate() error {
	var pr problems
	switch {
	case strings.TrimSpace(p.Statement) == "":
		pr.add("statement", "error.empty", "statement must not be empty")
	case runeCount(p.Statement) > MaxDescriptionRunes:
		pr.add("statement", "error.too_long", "statement is too long")
	}
	if strings.TrimSpace(p.Source) == "" {
		pr.add("source", "error.empty", "who made the prediction must not be empty")
	} else if runeCount(p.Source) > MaxTitleRunes {
		pr.add("source", "error.too_long", fmt.Sprintf("source is longer than %d characters", MaxTitleRunes))
	}
	if p.Made.IsZero() {
		pr.add("made", "error.date_missing", "the date it was made must not be empty")
	}
	if p.Probability != nil {
		if v := *p.Probability; math.IsNaN(v) || v < 0 || v > 1 {
			pr.add("probability", "error.probability",
				fmt.Sprintf("probability %s is outside 0–100%%", formatPercent(v)))
		}
	}
	p.checkClaim(&pr)
	checkTags(&pr, p.Tags)
	p.Resolution.check(&pr, p.Made)
	return pr.err()
}

func formatPercent(v float64) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	return fmt.Sprintf("%g%%", math.Round(v*1e4)/1e2)
}

// ParseProbability reads a probability as a person types it: "70%",
// "0.7", or a bare number above 1 taken as a percentage ("70"). An empty
// string means no probability (nil). Values outside 0–100% are refused.
func ParseProbability(s string) (*float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	percent := strings.HasSuffix(s, "%") || strings.HasSuffix(s, "％")
	num := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(s, "%"), "％"))
	if !isNumber(num) {
		return nil, fmt.Errorf("cannot read %q as a probability (try 70%% or 0.7)", s)
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return nil, fmt.Errorf("cannot read %q as a probability (try 70%% or 0.7)", s)
	}
	if !percent && v > 1 {
		// A bare number above 1 is a percentage only when it is a whole
		// number from 2 to 100: "1.4" is more likely a slip than 1.4 %,
		// and guessing either way would store what nobody meant.
		if v != math.Trunc(v) || v < 2 || v > 100 {
			return nil, fmt.Errorf("cannot read %q as a probability: write a fraction from 0 to 1 (0.7) or a percentage (70%%; a whole number from 2 to 100 also reads as a percentage)", s)
		}
		percent = true
	}
	if percent {
		v /= 100
	}
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > 1 {
		return nil, fmt.Errorf("probability %s is outside 0–100%%", s)
	}
	return &v, nil
}

// isNumber accepts plain decimal numbers only: no hex, exponents, "Inf" or
// "NaN", which ParseFloat would otherwise take.
func isNumber(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.':
		case (r == '-' || r == '+') && i == 0:
		default:
			return false
		}
	}
	return digits > 0 && strings.Count(s, ".") <= 1
}

// Review marks an open claim as looked at again on day (today when day is
// zero), so that the Due list stops asking for a review for another six
// months. A resolved claim is not reviewed. Both engines save what it
// sets.
func (p *Prediction) Review(day when.Date) error {
	if day.IsZero() {
		day = when.DayDate(when.Today())
	}
	if p.State() != StateOpen {
		return &ValidationError{Fields: []FieldError{{Field: "reviewed_on",
			Key: "error.reviewed_resolved", Message: "only an open claim is reviewed; this one is resolved"}}}
	}
	p.ReviewedOn = day
	return p.Validate()
}
