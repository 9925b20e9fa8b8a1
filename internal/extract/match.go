package extract

import (
	"strings"
	"unicode"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Match names a record already in the database that a proposal repeats.
type Match struct {
	// Entity is "event" or "prediction", as in the store's history.
	Entity string  `json:"entity"`
	ID     int64   `json:"id"`
	Label  string  `json:"label"`
	Score  float64 `json:"score"`
}

// matcher finds the existing record a proposal repeats.
type matcher struct {
	events  []knownEvent
	byMonth map[int][]int // month number → indexes of events that cover it
	wide    []int         // events spanning too many months to index
	preds   []knownPrediction
	near    func(from, to when.Day) []model.Event
}

type knownEvent struct {
	event  model.Event
	tokens map[string]bool
}

type knownPrediction struct {
	pred    model.Prediction
	compact []string // quote and statements without spaces, lower case
	tokens  map[string]bool
}

const maxIndexedMonths = 36

func newMatcher(k Known) *matcher {
	m := &matcher{byMonth: map[int][]int{}, near: k.EventsNear}
	for _, e := range k.Events {
		if e.Date.IsZero() {
			continue
		}
		i := len(m.events)
		m.events = append(m.events, knownEvent{e, tokens(e.Title + " " + e.TitleZh)})
		first, last := monthNumber(e.Earliest()), monthNumber(e.Latest())
		if last-first > maxIndexedMonths {
			m.wide = append(m.wide, i)
			continue
		}
		for mo := first; mo <= last; mo++ {
			m.byMonth[mo] = append(m.byMonth[mo], i)
		}
	}
	for _, p := range k.Predictions {
		texts := []string{p.Statement, p.StatementZh}
		for _, l := range p.Links {
			texts = append(texts, l.Quote)
		}
		kp := knownPrediction{pred: p, tokens: tokens(strings.Join(texts, " "))}
		for _, s := range texts {
			if c := compact(s); len([]rune(c)) >= 6 {
				kp.compact = append(kp.compact, c)
			}
		}
		m.preds = append(m.preds, kp)
	}
	return m
}

func monthNumber(d when.Day) int {
	y, mo, _ := d.Civil()
	return y*12 + mo - 1
}

func (m *matcher) match(p *Proposal) *Match {
	switch p.Type {
	case ProposalEvent:
		return m.matchEvent(p)
	case ProposalClaim:
		return m.matchClaim(p)
	}
	return nil
}

// matchEvent: an existing event whose dates overlap (a day either side,
// for time zones), whose actor agrees, and whose title shares enough words
// with the quote.
func (m *matcher) matchEvent(p *Proposal) *Match {
	f := p.Event
	if f.Date.IsZero() {
		return nil
	}
	from, to := f.Date.Earliest()-1, f.Date.Latest()+1
	var candidates []knownEvent
	if m.near != nil {
		// The events of these days, read for this proposal.
		for _, e := range m.near(from, to) {
			candidates = append(candidates, knownEvent{e, tokens(e.Title + " " + e.TitleZh)})
		}
	} else {
		seen := map[int]bool{}
		for mo := monthNumber(from); mo <= monthNumber(to) && mo-monthNumber(from) <= maxIndexedMonths; mo++ {
			for _, i := range m.byMonth[mo] {
				seen[i] = true
			}
		}
		for _, i := range m.wide {
			seen[i] = true
		}
		for i := range seen {
			candidates = append(candidates, m.events[i])
		}
	}
	words := tokens(p.Quote)
	var best *Match
	for _, c := range candidates {
		e := c.event
		if e.Date.IsZero() || e.Latest() < from || e.Earliest() > to {
			continue
		}
		if f.Actor != "" && e.Actor != "" && !strings.EqualFold(f.Actor, e.Actor) {
			continue
		}
		score := overlap(words, c.tokens)
		if score < 0.34 && sharesModelName(words, c.tokens) {
			score = 0.34
		}
		if score >= 0.34 && (best == nil || score > best.Score || score == best.Score && e.ID < best.ID) {
			best = &Match{Entity: "event", ID: e.ID, Label: e.Title, Score: clamp(score)}
		}
	}
	return best
}

// matchClaim: an existing prediction whose quote or statement the
// proposal's quote contains (or is contained in), or that shares most of
// its words.
func (m *matcher) matchClaim(p *Proposal) *Match {
	quote := compact(p.Quote)
	words := tokens(p.Quote)
	var best *Match
	for _, kp := range m.preds {
		score := 0.0
		for _, c := range kp.compact {
			if strings.Contains(quote, c) || len([]rune(quote)) >= 6 && strings.Contains(c, quote) {
				score = 1
			}
		}
		if score < 1 {
			score = overlap(words, kp.tokens)
		}
		if score >= 0.6 && (best == nil || score > best.Score) {
			best = &Match{Entity: "prediction", ID: kp.pred.ID, Label: kp.pred.Statement, Score: clamp(score)}
		}
	}
	return best
}

// compact lowers the case and drops spaces and punctuation, so that
// quotes compare whatever their commas are.
func compact(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Words too common to tell two records apart.
var stopTokens = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "and": true, "to": true, "in": true, "on": true, "for": true,
	"with": true, "its": true, "at": true, "by": true, "is": true, "was": true, "that": true, "it": true,
	"de": true, "了一": true, "一个": true, "一些": true, "我们": true, "他们": true, "这个": true, "大家": true,
}

// tokens are the words of s: Latin words without inner hyphens or dots
// ("gpt-4" and "GPT4" are one word), and pairs of Chinese characters.
func tokens(s string) map[string]bool {
	out := map[string]bool{}
	var word strings.Builder
	var prevHan rune
	flush := func() {
		if w := word.String(); len(w) >= 2 && !stopTokens[w] {
			out[w] = true
		}
		word.Reset()
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			if prevHan != 0 {
				if pair := string([]rune{prevHan, r}); !stopTokens[pair] {
					out[pair] = true
				}
			}
			prevHan = r
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word.WriteRune(r)
		case r == '-' || r == '.':
			// inside a word: GPT-4, 3.5
		default:
			flush()
		}
		prevHan = 0
	}
	flush()
	return out
}

// sharesModelName: both name the same model ("gpt4", "yi34b") and share
// at least one other word.
func sharesModelName(a, b map[string]bool) bool {
	name, shared := false, 0
	for w := range a {
		if !b[w] {
			continue
		}
		shared++
		if strings.ContainsAny(w, "0123456789") && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			name = true
		}
	}
	return name && shared >= 2
}

// overlap is the share of the smaller set found in the other.
func overlap(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	small, large := a, b
	if len(b) < len(a) {
		small, large = b, a
	}
	n := 0
	for w := range small {
		if large[w] {
			n++
		}
	}
	return float64(n) / float64(len(small))
}
