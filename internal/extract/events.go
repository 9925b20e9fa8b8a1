package extract

import (
	"regexp"
	"strings"

	"github.com/hindsight-app/hindsight/internal/extract/prose"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Verbs that report something an actor did: released, 发布. Each carries
// the category it most often means.
var eventVerbs = []struct {
	re       filteredRegexp
	category model.Category
}{
	{compileFiltered(`(?i)\b(?:released|launched|unveiled|introduced|shipped|debuted|open-sourced|open sourced|rolled out|put out|showed off|showed|demoed|showcased|previewed|updated|upgraded|followed with|came out with)\b`), model.CategoryModel},
	{compileFiltered(`(?i)\b(?:announced|opened|published|revealed|confirmed|unveiled|made available)\b`), model.CategoryProduct},
	{compileFiltered(`(?i)\b(?:raised|closed (?:a|its)|secured|acquired|bought|sold|merged|invested|valued|went public|filed for|listed)\b`), model.CategoryFunding},
	{compileFiltered(`(?i)\b(?:fired|ousted|hired|appointed|resigned|stepped down|left|quit|joined|returned|reinstated|named)\b`), model.CategoryPeople},
	{compileFiltered(`(?i)\b(?:sued|settled|signed|passed|approved|banned|fined|ruled|blocked|restricted)\b`), model.CategoryPolicy},
	{compileFiltered(`(?i)\b(?:trained|finished training|completed|topped|surpassed|overtook|beat|reached|crossed|hit|cut|slashed|lowered|dropped|paused|delayed|discontinued|shut down|deprecated)\b`), model.CategoryOther},
	{compileFiltered(`发布|推出|开源|上线|亮相|问世|更新|升级|展示`), model.CategoryModel},
	{compileFiltered(`宣布|公布|开放|推送`), model.CategoryProduct},
	{compileFiltered(`收购|并购|融资|估值|上市|投资|入股`), model.CategoryFunding},
	{compileFiltered(`辞职|离职|罢免|解雇|被开除|加入|回归|出任|任命|卸任`), model.CategoryPeople},
	{compileFiltered(`起诉|判决|签署|通过了|批准|禁止|处罚|出台`), model.CategoryPolicy},
	{compileFiltered(`训练完成|完成训练|完成了|降价|降到|降至|登顶|超过了|关闭|下线|裁员`), model.CategoryOther},
}

// verbAt is an event verb found in a clause.
type verbAt struct {
	span
	category model.Category
	explicit bool // a verb of the list, not just any past tense
}

// events proposes the events: clauses in the past tense that name an
// actor before their verb and carry (or follow) a date not after the
// text was published.
func (a *analysis) events() []Proposal {
	var out []Proposal
	seen := map[string]bool{}
	for _, s := range a.sentences {
		if s.Heading {
			continue
		}
		for ci, c := range s.Clauses {
			p, ok := a.event(s, ci, c)
			if !ok {
				continue
			}
			key := p.Event.Actor + "\x1f" + p.Event.Date.String() + "\x1f" + p.Event.Title
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, p)
		}
	}
	return out
}

func (a *analysis) event(s prose.Sentence, ci int, c span) (Proposal, bool) {
	info := a.clauses[c]
	past := false
	for _, cu := range info.cues {
		switch {
		case cu.kind.frame(), cu.kind == cueForecast, cu.kind == cueQuestion, cu.kind == cueHope,
			cu.kind == cueIntent, cu.kind == cueFuture, cu.kind == cueProbability, cu.kind == cueHedge:
			return Proposal{}, false // said, will, whether: not something that happened
		case cu.kind == cuePast:
			past = true
		}
	}
	verb, ok := a.eventVerb(c, info)
	if !ok || !verb.explicit && !past {
		return Proposal{}, false
	}
	actor, ok := a.subject(c, verb)
	if !ok {
		return Proposal{}, false
	}
	date, dateSpan, ok := a.eventDate(s, ci, c)
	if !ok {
		return Proposal{}, false
	}
	quote := trimQuote(a.text, c)
	if dateSpan.Start < quote.Start {
		quote.Start = dateSpan.Start
	}
	fields := &EventFields{Date: date.Date, DateText: date.Text, Actor: actor.actor, Category: verb.category, DateReasoning: date.Reasoning}
	title := statementText(trimQuote(a.text, c).Text(a.text))
	fields.Title = title
	if prose.HanShare(title) > 0.3 {
		fields.TitleZh = title
	}
	p := Proposal{Type: ProposalEvent, Event: fields}
	p.Quote, p.Span = a.quote(quote)
	p.Context = a.idx.span(s.Range)
	p.Reasons = []Reason{
		{ReasonPastTense, verb.Text(a.text)},
		{ReasonActor, actor.Text(a.text)},
		{ReasonDate, date.Text},
	}
	confidence := 0.55
	if verb.explicit {
		confidence = 0.75
	}
	if dateSpan.Start >= c.Start && dateSpan.End <= c.End {
		confidence += 0.1
	}
	if date.Anchor == when.AnchorNearest || date.Anchor == when.AnchorPast {
		confidence -= 0.05 // its year was left out
	}
	p.Confidence = clamp(confidence)
	return p, true
}

// eventVerb finds the first event verb of a clause, or else its first
// past-tense verb.
func (a *analysis) eventVerb(c span, info *clauseInfo) (verbAt, bool) {
	body := c.Text(a.text)
	lower := strings.ToLower(body)
	best := verbAt{span: span{Start: -1, End: -1}}
	for _, v := range eventVerbs {
		if !v.re.mayMatch(lower) {
			continue
		}
		if loc := v.re.FindStringIndex(body); loc != nil && (best.Start < 0 || c.Start+loc[0] < best.Start) {
			best = verbAt{span{Start: c.Start + loc[0], End: c.Start + loc[1]}, v.category, true}
		}
	}
	if best.Start >= 0 {
		return best, true
	}
	for _, cu := range info.cues {
		if cu.kind == cuePast && !isTimeWord(cu.Text(a.text)) {
			return verbAt{cu.span, model.CategoryOther, false}, true
		}
	}
	return verbAt{}, false
}

func isTimeWord(s string) bool {
	switch strings.ToLower(s) {
	case "last year", "last month", "ago", "earlier this year", "back then", "at the time", "去年", "当时", "那时", "此前", "过去一年":
		return true
	}
	return false
}

// subject is the actor named before the verb ("深度求索发布了", "OpenAI
// launched"), or after "by" in the passive ("was released by Meta").
func (a *analysis) subject(c span, verb verbAt) (actorMention, bool) {
	found := findActors(a.text, c, a.actors)
	for i := len(found) - 1; i >= 0; i-- {
		if found[i].End <= verb.Start {
			return found[i], true
		}
	}
	rest := strings.ToLower(a.text[verb.End:c.End])
	if i := strings.Index(rest, " by "); i >= 0 && i < 30 {
		for _, f := range found {
			if f.Start >= verb.End+i {
				return f, true
			}
		}
	}
	return actorMention{}, false
}

var reMovesOn = regexp.MustCompile(`(?i)^(?:and |but )?(?:then|later|afterwards|subsequently|soon after|随后|之后|后来|接着|此后|紧接着)`)

var reRelativeToEvent = regexp.MustCompile(`(?i)\b(?:a|one|two|three|a few|several|\d+) (?:days?|weeks?|months?|years?) (?:earlier|later|after|before)\b|\bthe (?:next|previous|following) (?:day|week|month)\b|[一两三几数]?[天周月年](?:之?后|之?前|以后)|次日|当天|同一天|同月`)

// eventDate is the point date of the clause, or the nearest one before it
// in the same sentence, read looking back from the published date. A date
// after the text was published is no event's date.
func (a *analysis) eventDate(s prose.Sentence, ci int, c span) (DateMention, span, bool) {
	try := func(m mention) (DateMention, bool) {
		if m.deadline {
			return DateMention{}, false
		}
		dm := a.read(m, when.LeanPast)
		if dm.Problem != "" || dm.Date.IsZero() {
			return DateMention{}, false
		}
		if !a.published.IsZero() && dm.Date.Earliest() > a.published.Latest() {
			return DateMention{}, false
		}
		return dm, true
	}
	for _, m := range a.mentionsIn(c) {
		if dm, ok := try(m); ok {
			return dm, m.span, true
		}
	}
	// "随后…", "later …", "a week earlier": a clause that moves in time
	// keeps no earlier date.
	if reMovesOn.MatchString(c.Text(a.text)) || reRelativeToEvent.MatchString(c.Text(a.text)) {
		return DateMention{}, span{}, false
	}
	for i := ci - 1; i >= 0; i-- {
		ms := a.mentionsIn(s.Clauses[i])
		for j := len(ms) - 1; j >= 0; j-- {
			if dm, ok := try(ms[j]); ok {
				return dm, ms[j].span, true
			}
		}
	}
	return DateMention{}, span{}, false
}
