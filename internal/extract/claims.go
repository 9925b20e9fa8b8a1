package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/internal/extract/prose"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// A unit is the run of clauses one claim takes up in a sentence.
type unit struct {
	span
	clauses []span
	open    bool // ends with a reporting word, waiting for what was said
}

// claimUnits groups a sentence's clauses into claims. A clause with a
// claim cue starts a claim, and takes along the clauses before it that
// have none (in Chinese the topic comes first: "好在…推出了GPTS, …, 但能
// 不能大获成功也是个question"). A clause that ends on a reporting word
// ("在二月份做了个预测,") is joined by the clause that says what was
// said. Clauses left at the end go with the last claim.
func (a *analysis) claimUnits(s prose.Sentence) []unit {
	var units []unit
	var pending []span
	// waiting: the last unit has reported someone saying something but
	// not yet a claim ("李彦宏…曾表示，应用才是…，未来会有…").
	waiting := func(u unit) bool {
		var cues []cue
		for _, c := range u.clauses {
			cues = append(cues, a.clauses[c].cues...)
		}
		return frameOnly(cues)
	}
	for _, c := range s.Clauses {
		info := a.clauses[c]
		marked := hasClaimCue(info.cues)
		last := len(units) - 1
		switch {
		case last >= 0 && (units[last].open || marked && waiting(units[last])):
			units[last].clauses = append(units[last].clauses, append(pending, c)...)
			units[last].open = info.frameEnd || waiting(units[last])
			pending = nil
		case marked && last >= 0 && len(pending) == 0 && (continuesAlternative(a.text, c) || utf8.RuneCountInString(c.Text(a.text)) <= 8):
			// "…, or has the data run out?", "…，也很难说", "…，但不会低于一半":
			// the rest of the claim before it.
			units[last].clauses = append(units[last].clauses, c)
		case marked:
			// A clause that only reports ("去年12月我写过一篇文章") waits for
			// what was reported.
			units = append(units, unit{clauses: append(pending, c), open: info.frameEnd || frameOnly(info.cues)})
			pending = nil
		default:
			pending = append(pending, c)
		}
	}
	if n := len(units); n > 0 {
		units[n-1].clauses = append(units[n-1].clauses, pending...)
	}
	for i := range units {
		cs := units[i].clauses
		units[i].span = span{Start: cs[0].Start, End: cs[len(cs)-1].End}
	}
	return units
}

// continuesAlternative: "…, or has the data run out?", "还是…": the second
// half of an either-or question.
func continuesAlternative(text string, c span) bool {
	body := strings.ToLower(c.Text(text))
	return strings.HasPrefix(body, "or ") || strings.HasPrefix(body, "还是") || strings.HasPrefix(body, "或者")
}

func hasClaimCue(cues []cue) bool {
	for _, c := range cues {
		if _, ok := c.kind.claimKind(); ok {
			return true
		}
		if c.kind.frame() {
			return true
		}
	}
	return false
}

// Headings under which every list item is a forecast.
var reForecastHeading = regexp.MustCompile(`(?i)预测|预言|判断|展望|押注|predictions?|forecasts?|calls|bets|expect|outlook|what.{0,20}next`)

// claims proposes the claims of every sentence.
func (a *analysis) claims() []Proposal {
	var out []Proposal
	var lastRetro *ClaimFields
	lastRetroAt := -1
	for si, s := range a.sentences {
		if s.Heading {
			continue
		}
		listHeading := ""
		// The heading over a list, or the one over that: a byline or a
		// date line may come between ("Predictions for 2025 / Posted on …").
		for h, up := s.Section, 0; s.ListItem && h >= 0 && up < 2; h, up = a.sentences[h].Section, up+1 {
			if text := a.sentences[h].Range.Text(a.text); reForecastHeading.MatchString(text) {
				listHeading = text
				break
			}
		}
		units := a.claimUnits(s)
		if len(units) == 0 && listHeading != "" {
			units = []unit{{span: s.Range, clauses: s.Clauses}}
		}
		var reported *ClaimFields // the sentence's claim reported from someone
		for _, u := range units {
			var prev *ClaimFields
			if lastRetro != nil && si-lastRetroAt <= 3 {
				prev = lastRetro
			}
			p, ok := a.claim(s, u, listHeading, prev)
			if !ok {
				continue
			}
			// "张鹏表示，2025年将是AGI元年，多模态和Agent会成为主战场": the
			// claims after the first are the same person's.
			if c := p.Claim; reported != nil && !hasReason(p.Reasons, ReasonReported) {
				c.By, c.Made, c.MadeReasoning, c.Retrospective = reported.By, reported.Made, reported.MadeReasoning, reported.Retrospective
			} else if hasReason(p.Reasons, ReasonReported) {
				reported = p.Claim
			}
			if p.Claim.Retrospective {
				lastRetro, lastRetroAt = p.Claim, si
			}
			out = append(out, p)
		}
	}
	return out
}

func hasReason(rs []Reason, code string) bool {
	for _, r := range rs {
		if r.Code == code {
			return true
		}
	}
	return false
}

var reBackThen = regexp.MustCompile(`(?i)^(?:but |and )?(?:back then|at the time|in those days|那时|当时|那会儿?|彼时|前半年)`)

var reAlsoSame = regexp.MustCompile(`(?i)\balso\b|\bsame\b|还|同一|也`)

// claim builds the proposal for one unit, or reports that it is none.
// prev is the retrospective claim reported just before, if any: "I also
// wrote…" and "同一篇文章里我还说过…" were made when it was.
func (a *analysis) claim(s prose.Sentence, u unit, listHeading string, prev *ClaimFields) (Proposal, bool) {
	var cues []cue
	for _, c := range u.clauses {
		cues = append(cues, a.clauses[c].cues...)
	}
	for _, c := range cues {
		if c.kind == cueCourtesy {
			return Proposal{}, false
		}
	}
	quoteSpan := trimQuote(a.text, u.span)
	if quoteSpan.Empty() || !prose.HasLetters(quoteSpan.Text(a.text)) {
		return Proposal{}, false
	}
	fields := &ClaimFields{}
	p := Proposal{Type: ProposalClaim, Claim: fields}
	p.Quote, p.Span = a.quote(quoteSpan)
	p.Context = a.idx.span(s.Range)
	fields.Statement = statementText(p.Quote)

	// Where the report ends and what was reported begins. A quotation
	// followed by its speaker ("“…,” he said") is reported by them.
	frameEnd, frame := a.frameEnd(u, cues)
	if m := reAttribution.FindStringSubmatchIndex(u.Text(a.text)); m != nil {
		frame = &span{Start: u.Start + m[4], End: u.Start + m[5]}
		frameEnd = u.Start
	}
	var frameDates, contentDates []mention
	for _, m := range a.mentionsIn(u.span) {
		if frame != nil && m.End <= frameEnd {
			frameDates = append(frameDates, m)
		} else {
			contentDates = append(contentDates, m)
		}
	}
	hasFuture := false
	for _, c := range cues {
		if c.kind == cueFuture || c.kind == cueForecast || c.kind == cueProbability {
			hasFuture = true
		}
		if c.kind == cueHedge && reComingVerb.MatchString(a.text[c.End:min(c.End+24, u.End)]) {
			hasFuture = true // "could arrive", "可能在…到来": a hedged forecast
		}
	}
	// Dates of what happened in a clause taken along before the claim
	// ("好在OpenAI 11月6日…推出了GPTS, …, 但能不能…") are not its deadline.
	var claimDates []mention
	for _, m := range contentDates {
		for _, c := range u.clauses {
			if c.Contains(m.span) && (m.deadline || hasClaimCue(a.clauses[c].cues) || !hasCue(a.clauses[c].cues, cuePast)) {
				claimDates = append(claimDates, m)
			}
		}
	}
	contentDates = claimDates
	var deadline *DateMention
	for _, m := range contentDates {
		dm := a.read(m, when.LeanFuture)
		if dm.Problem != "" {
			continue
		}
		if m.deadline && deadline == nil {
			deadline = &dm
		}
		if !m.deadline && !dm.Date.IsZero() && !a.published.IsZero() && dm.Date.Earliest() > a.published.Latest() {
			hasFuture = true
		}
	}

	kind, strength, reasons := a.kindOf(cues, hasFuture || deadline != nil)
	if kind != "" && frameOnly(cues) && !a.saysSomething(u, frame, frameEnd) {
		kind = "" // "what I expect next": a reporting word with nothing reported
	}
	// A hedge alone ("好像", "seems") makes an opinion only of a statement
	// that can be checked: a number, a comparison, a verdict. "大家似乎
	// 混淆了概念" is a remark, "前一类可能也就十几个" a claim of fact.
	if kind == model.KindOpinion && onlyHedges(cues) && !reCheckable.MatchString(u.Text(a.text)) {
		kind = ""
	}
	if kind == "" {
		if listHeading == "" {
			return Proposal{}, false
		}
		kind, strength = model.KindForecast, 0.5
		reasons = append(reasons, Reason{ReasonList, prose.Shorten(listHeading, 40)})
	} else if listHeading != "" {
		strength += 0.1
		reasons = append(reasons, Reason{ReasonList, prose.Shorten(listHeading, 40)})
	}
	fields.Kind = kind
	p.Reasons = reasons

	if frame != nil {
		p.Reasons = append(p.Reasons, Reason{ReasonReported, frame.Text(a.text)})
	}
	doubt, ok := a.provenance(fields, u, frame, frameDates, prev)
	if !ok {
		return Proposal{}, false
	}
	strength -= doubt

	// The deadline: a deadline phrase, else a date ahead, else the year
	// of the list's heading.
	if kind != model.KindOpinion {
		a.setDeadline(fields, deadline, contentDates, listHeading)
		if fields.DeadlineText != "" {
			p.Reasons = append(p.Reasons, Reason{ReasonDeadline, fields.DeadlineText})
		}
	}
	fields.Probability = probability(p.Quote)
	if fields.Probability != nil && kind == model.KindForecast {
		strength += 0.1
	}
	if frame != nil && kind == model.KindForecast {
		strength += 0.05
	}
	if utf8.RuneCountInString(p.Quote) > 220 {
		strength -= 0.15
	}
	p.Confidence = clamp(strength)
	return p, true
}

// provenance fills in who made the claim and when: the author on the
// published date, unless the text reports someone else or an earlier
// date. It reports false for a claim that is nobody's ("大家认为"), and
// how much less sure the claim is for what it found.
func (a *analysis) provenance(fields *ClaimFields, u unit, frame *span, frameDates []mention, prev *ClaimFields) (doubt float64, ok bool) {
	fields.By = a.author
	fields.Made, fields.MadeReasoning = a.published, "the date the text was published"
	if a.published.IsZero() {
		fields.MadeReasoning = "the text's published date is not known"
	}
	if frame != nil {
		who := a.speaker(u, *frame)
		if reCrowd.MatchString(who) {
			return 0, false // "大家认为", "people think": a mood, not anyone's claim
		}
		pronoun := who == pronounSpeaker
		if pronoun {
			// "he said" with nobody named before: whose it is stays open.
			who, fields.By = a.lastSpeaker, ""
		}
		if who != "" {
			fields.By = who
			a.lastSpeaker = who
		}
		if made, dm, ok := a.madeEarlier(frameDates); ok {
			fields.Made, fields.Retrospective = made, true
			fields.MadeReasoning = "reported as made " + dm.Text
			if dm.Reasoning != "" {
				fields.MadeReasoning += " (" + dm.Reasoning + ")"
			}
		} else if a.earlierFrame(*frame, u, fields.By == a.author && !pronoun) {
			fields.Made, fields.Retrospective = when.Date{}, true
			fields.MadeReasoning = "reported as made earlier; the text does not say when"
		} else if a.pastFrame(*frame) {
			fields.MadeReasoning = "reported in the text, which does not say when it was said; the published date is used"
		}
	}
	// "I also wrote…", "同一篇文章里我还说过…": when the claim before it was.
	if fields.Retrospective && fields.Made.IsZero() && prev != nil && !prev.Made.IsZero() && reAlsoSame.MatchString(u.Text(a.text)) {
		fields.Made = prev.Made
		fields.MadeReasoning = "reported along with the claim before it, made " + prev.Made.String()
	}
	// "那时…将会在几周内发布", "back then everyone expected…": what was
	// expected at a time the text looks back on.
	if !fields.Retrospective && reBackThen.MatchString(a.text[u.Start:min(u.End, u.Start+40)]) {
		fields.Made, fields.Retrospective = when.Date{}, true
		fields.MadeReasoning = "described as expected back then; the text does not say when"
		doubt = 0.25
	}
	return doubt, true
}

// Verbs of things to come, after a hedge: "could arrive", "might
// overtake", "可能在…到来", "可能成为".
var reComingVerb = regexp.MustCompile(`(?i)^\s*(?:well\s+|soon\s+|even\s+|still\s+|not\s+)?(?:be\s+)?(?:arrive|come|happen|reach|surpass|overtake|replace|launch|ship|release|become|lead|win|lose|fail|collapse|crash|double|triple|halve|fall|rise|grow|hit|pass|beat|match|disappear|end|emerge|take over|catch up|overtook)\b|^(?:会|在|成为|出现|到来|超过|取代|实现|发布|推出|达到|迎来|诞生|落地|爆发|崩溃|破产|倒闭)`)

// Speakers that are nobody in particular.
var reCrowd = regexp.MustCompile(`(?i)^(?:之前|以前|过去|当时|那时)?(?:大家|人们|很多人|不少人|许多人|多数人|大多数人|所有人|everyone|everybody|people|many|most people|some people|many people)$`)

func hasCue(cues []cue, kind cueKind) bool {
	for _, c := range cues {
		if c.kind == kind {
			return true
		}
	}
	return false
}

// Words of a statement that can be checked against the record.
var reCheckable = regexp.MustCompile(`(?i)\d|[一二两三四五六七八九十百千万亿][个家款倍成%]|不到|超过|多于|少于|一半|大多数|多数|少数|比|更|最|领先|落后|失败|成功|证明|彻底|第一|错了|对了|早了|晚了|过早|过时|正确|错误|\b(?:than|more|less|most|least|best|worst|half|majority|minority|fail(?:ed|ure)?|success(?:ful)?|first|last|wrong|right|premature|too (?:early|late)|mistaken)\b`)

// onlyHedges: the unit's opinion rests on hedges alone.
func onlyHedges(cues []cue) bool {
	hedged := false
	for _, c := range cues {
		switch c.kind {
		case cueOpinion, cueFrameOpinion:
			return false
		case cueHedge:
			hedged = true
		}
	}
	return hedged
}

// frameOnly: the unit's only claim cues are reporting words.
func frameOnly(cues []cue) bool {
	for _, c := range cues {
		if _, ok := c.kind.claimKind(); ok && !c.kind.frame() {
			return false
		}
	}
	return true
}

// saysSomething: after the report ends there are words of what was said
// (at least a few), not just "next" or nothing.
func (a *analysis) saysSomething(u unit, frame *span, frameEnd int) bool {
	if frame == nil || frameEnd <= u.Start || frameEnd >= u.End {
		return false
	}
	rest := strings.TrimSpace(a.text[frameEnd:u.End])
	if prose.HanShare(rest) > 0.3 {
		return utf8.RuneCountInString(rest) >= 6
	}
	// English: "predicted that …" or "expects prices to …".
	after := strings.ToLower(a.text[frame.End:u.End])
	return len(strings.Fields(rest)) >= 4 && (reThatClause.MatchString(after) || reObjectTo.MatchString(after))
}

var (
	reThatClause = regexp.MustCompile(`^(?:\s+\S+){0,4}?\s+that\s`)
	reObjectTo   = regexp.MustCompile(`^(?:\s+\S+){1,4}?\s+to\s`)
)

// kindOf decides the kind from the cues: a question over a hope over a
// forecast over an opinion. A hedge ("might", "可能") is a forecast when
// the claim looks ahead, else an opinion.
func (a *analysis) kindOf(cues []cue, ahead bool) (model.Kind, float64, []Reason) {
	best := map[model.Kind]cue{}
	sayOnly := true
	for _, c := range cues {
		k, ok := c.kind.claimKind()
		if c.kind == cueHedge && ahead {
			k, ok = model.KindForecast, true
		}
		if !ok {
			continue
		}
		sayOnly = false
		if b, seen := best[k]; !seen || c.strength > b.strength {
			best[k] = c
		}
	}
	if sayOnly {
		return "", 0, nil
	}
	for _, k := range []model.Kind{model.KindQuestion, model.KindHope, model.KindForecast, model.KindOpinion} {
		c, ok := best[k]
		if !ok {
			continue
		}
		strength := c.strength
		if k == model.KindForecast && ahead {
			strength += 0.1
		}
		var reasons []Reason
		for _, other := range cues {
			if ok, code := reasonFor(other); ok {
				reasons = append(reasons, Reason{code, other.Text(a.text)})
			}
		}
		return k, strength, reasons
	}
	return "", 0, nil
}

func reasonFor(c cue) (bool, string) {
	switch c.kind {
	case cueQuestion:
		return true, ReasonQuestion
	case cueHope, cueIntent:
		return true, ReasonHope
	case cueForecast:
		return true, ReasonForecast
	case cueOpinion, cueFrameOpinion:
		return true, ReasonOpinion
	case cueHedge:
		return true, ReasonHedge
	case cueProbability:
		return true, ReasonProbability
	case cueFrameForecast:
		return true, ReasonForecast
	}
	return false, ""
}

// frameEnd finds the reporting word of a unit ("predicted", "预测",
// "表示") that comes before its first claim cue, and where the report
// ends: after the word, after a date that follows it ("predicted in
// March that …"), or at the end of its clause when the clause stops there.
func (a *analysis) frameEnd(u unit, cues []cue) (int, *span) {
	var frame *span
	for i := range cues {
		c := cues[i]
		if c.kind.frame() || c.kind == cueOpinion && c.End-c.Start > 3 && isFirstPersonFrame(c.Text(a.text)) {
			frame = &cues[i].span
			break
		}
		if _, ok := c.kind.claimKind(); ok && c.kind != cueOpinion && c.kind != cueHedge {
			break
		}
	}
	if frame == nil {
		return u.Start, nil
	}
	end := frame.End
	rest := a.text[end:u.End]
	if i := strings.Index(strings.ToLower(rest), " that "); i >= 0 && i < 40 {
		end += i + 1
	} else {
		for _, c := range u.clauses {
			if c.Has(frame.Start) && a.clauses[c].frameEnd {
				end = c.End
			}
		}
		// A date right after the reporting word belongs to the report:
		// "said last week", "predicted in March".
		for _, m := range a.mentionsIn(span{Start: end, End: u.End}) {
			if gap := strings.ToLower(strings.TrimSpace(a.text[end:m.Start])); gap == "" && a.text[end:m.Start] != "" || gap == "in" || gap == "on" {
				end = m.End
			}
		}
	}
	return end, frame
}

func isFirstPersonFrame(s string) bool {
	return strings.HasPrefix(s, "我") || strings.HasPrefix(strings.ToLower(s), "i ")
}

// madeEarlier picks, from the dates of the report, the one before the
// text was published: when the claim was made.
func (a *analysis) madeEarlier(frameDates []mention) (when.Date, DateMention, bool) {
	for i := len(frameDates) - 1; i >= 0; i-- {
		m := frameDates[i]
		if m.deadline {
			continue
		}
		dm := a.read(m, when.LeanPast)
		if dm.Problem != "" || dm.Date.IsZero() {
			continue
		}
		if a.published.IsZero() || dm.Date.Latest() < a.published.Earliest() {
			return dm.Date, dm, true
		}
	}
	return when.Date{}, DateMention{}, false
}

var (
	rePastReport    = regexp.MustCompile(`(?i)^(?:predicted|forecast|expected|bet|wagered|estimated|promised|warned|projected|believed|thought|argued|claimed|insisted|said|wrote|written|told|tweeted|posted|stated|noted|declared|suggested|added)$|过|了`)
	reEarlierReport = regexp.MustCompile(`(?i)\b(?:has|have|had)\s+(?:\w+\s+)?(?:said|written|predicted|argued|claimed|warned|suggested|forecast|long|repeatedly|often)\b|\bonce\b|\bback then\b|曾|过|此前|早前|早在`)
)

// pastFrame: the reporting word is in the past tense ("said", "预测了").
func (a *analysis) pastFrame(frame span) bool {
	return rePastReport.MatchString(frame.Text(a.text))
}

// earlierFrame: the text reports the claim as made before it was
// written, without a date: the author's own "I predicted", "我说过", or
// "has said", "曾表示", "预测过".
func (a *analysis) earlierFrame(frame span, u unit, byAuthor bool) bool {
	around := a.text[max(u.Start, frame.Start-24):frame.End]
	if reEarlierReport.MatchString(around) {
		return true
	}
	return byAuthor && a.pastFrame(frame)
}

// A quotation and its speaker: "“…,” he said", "“……”，李开复说".
var reAttribution = regexp.MustCompile(`[”"」]\s*[,，]?\s*((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*|he|she|they|他|她|[\p{Han}]{2,4})\s*(said|says|added|wrote|told|explained|argued|noted|表示|说|称|指出|坦言)`)

// pronounSpeaker stands for "he", "she", "他": the speaker named last.
const pronounSpeaker = "\x00pronoun"

var rePronoun = regexp.MustCompile(`(?i)(?:^|[\s,])(?:he|she|they)\s+(?:(?:has|have|had|also)\s+)*$`)

// Words after which a speaker's name ends in Chinese.
var reZhSpeakerStop = regexp.MustCompile(`在|于|曾|也|还|则|就|又|都|早在|刚刚|日前|近日|此前|最近`)

var reEnSpeaker = regexp.MustCompile(`((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*|\bI\b|\b[Ww]e\b)\s+(?:(?:has|have|had|also|once|publicly|recently|famously|then|later|already)\s+)*$`)

// speaker finds who made a reported claim: the name before the reporting
// word ("Sam Altman wrote", "李彦宏在4月…说"). The author's own "I" or
// "我" gives the author.
func (a *analysis) speaker(u unit, frame span) string {
	var clause span
	for _, c := range u.clauses {
		if c.Has(frame.Start) {
			clause = c
		}
	}
	before := a.text[clause.Start:frame.Start]
	// A date before the name is no part of it: "Last December I predicted".
	for _, m := range a.mentionsIn(span{Start: clause.Start, End: frame.Start}) {
		before = a.text[m.End:frame.Start]
	}
	// "“…,” he said": the speaker comes after the quotation.
	if i := strings.LastIndexAny(before, "”\"」"); i >= 0 {
		before = before[i+1:]
	}
	if prose.HanShare(before) < 0.3 {
		if m := rePronoun.FindStringSubmatch(before); m != nil {
			return pronounSpeaker
		}
		m := reEnSpeaker.FindStringSubmatch(before)
		if m == nil {
			return ""
		}
		name := strings.TrimSpace(m[1])
		if name == "I" || strings.EqualFold(name, "we") {
			return a.author
		}
		return trimEnglishSpeaker(name)
	}
	if strings.HasSuffix(strings.TrimSpace(before), "他") || strings.HasSuffix(strings.TrimSpace(before), "她") {
		return pronounSpeaker
	}
	// Drop a leading date ("去年12月我…") and stop at the first adverb.
	start := clause.Start
	for _, m := range a.mentionsIn(span{Start: clause.Start, End: frame.Start}) {
		if strings.TrimSpace(a.text[start:m.Start]) == "" {
			start = m.End
		}
	}
	name := a.text[start:frame.Start]
	if loc := reZhSpeakerStop.FindStringIndex(name); loc != nil {
		name = name[:loc[0]]
	}
	for _, m := range a.mentionsIn(span{Start: start, End: frame.Start}) {
		if i := strings.Index(name, m.Text(a.text)); i >= 0 {
			name = name[:i]
		}
	}
	name = strings.TrimFunc(name, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	for _, lead := range []string{"而", "但", "不过", "另外", "此外", "同时", "据"} {
		name = strings.TrimPrefix(name, lead)
	}
	switch {
	case name == "":
		return ""
	case strings.Contains(name, "我"), name == "笔者", name == "作者", name == "本人", name == "小编":
		return a.author
	case utf8.RuneCountInString(name) > 16:
		return ""
	}
	return name
}

// trimEnglishSpeaker drops sentence-opening words caught with a name
// ("Meanwhile Sam Altman" → "Sam Altman").
func trimEnglishSpeaker(name string) string {
	fields := strings.Fields(name)
	for len(fields) > 1 {
		switch strings.ToLower(fields[0]) {
		case "meanwhile", "then", "but", "and", "also", "still", "yet", "so", "in", "last", "this", "back":
			fields = fields[1:]
			continue
		}
		break
	}
	return strings.Join(fields, " ")
}

// setDeadline fills in the claim's deadline.
func (a *analysis) setDeadline(f *ClaimFields, deadline *DateMention, content []mention, listHeading string) {
	unknownMade := f.Made.IsZero() && f.Retrospective
	if deadline != nil && !deadline.Limit.IsZero() && !(unknownMade && deadline.Limit.Kind != when.DeadlineWithin && relativeDeadline(deadline.Text)) {
		f.Deadline, f.DeadlineText = deadline.Limit, deadline.Text
		// A claim made earlier counts "before the summer" from when it was made.
		if !f.Made.IsZero() && f.Made != a.published {
			if dl, err := when.ParseDeadline(deadline.Text, f.Made); err == nil {
				f.Deadline = dl
			}
		}
		return
	}
	ref := f.Made
	if ref.IsZero() {
		ref = a.published
	}
	for _, m := range content {
		if m.deadline {
			continue
		}
		dm := a.read(m, when.LeanFuture)
		if dm.Problem != "" || dm.Date.IsZero() || !ref.IsZero() && dm.Date.Latest() < ref.Earliest() {
			continue
		}
		if unknownMade && dm.Anchor != when.AnchorNone {
			continue // "next year" from an unknown date: nothing to count from
		}
		kind := when.DeadlineBy
		if dm.Date.IsInterval() {
			kind = when.DeadlineBetween
		}
		f.Deadline = when.Deadline{Kind: kind, Date: dm.Date, Phrase: dm.Text}
		f.DeadlineText = dm.Text
		return
	}
	if listHeading == "" || a.published.IsZero() {
		return
	}
	for _, m := range findDates(listHeading, []span{{Start: 0, End: len(listHeading)}}) {
		d, _, err := when.ParseRelative(m.Text(listHeading), a.published, when.LeanFuture)
		if err == nil && d.Precision() == when.PrecisionYear && d.Latest() >= a.published.Earliest() {
			f.Deadline = when.Deadline{Kind: when.DeadlineBy, Date: d, Phrase: m.Text(listHeading)}
			f.DeadlineText = m.Text(listHeading)
			return
		}
	}
}

var reProbability = regexp.MustCompile(`(\d{1,3}(?:\.\d+)?)\s*%`)

// probability reads a stated probability: "(55%)", "a 70% chance",
// "概率为六成" is left to the reviewer.
func probability(quote string) *float64 {
	if !reProbabilityCue.MatchString(quote) {
		return nil
	}
	m := reProbability.FindStringSubmatch(quote)
	if m == nil {
		return nil
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil || v < 0 || v > 100 {
		return nil
	}
	v /= 100
	return &v
}

var reProbabilityCue = regexp.MustCompile(`(?i)\(\s*\d{1,3}(?:\.\d+)?\s*%\s*\)|\d\s*%\s+(?:chance|probability|likely|confident|sure)|(?:probability|odds|chance|confidence|概率|可能性)\D{0,12}\d{1,3}(?:\.\d+)?\s*%`)

// trimQuote drops list markers and sentence-opening connectives that are
// not part of the claim.
func trimQuote(text string, s span) span {
	s = prose.Trim(text, s)
	if m := prose.ListMarker.FindStringIndex(s.Text(text)); m != nil && m[1] < s.Len() {
		s.Start += m[1]
	}
	return s
}

// statementText is the quote as a statement: the connective that ties it
// to the sentence before ("但", "But", "and") taken off.
func statementText(quote string) string {
	s := strings.TrimSpace(quote)
	for _, w := range []string{"但是", "但", "而且", "而", "不过", "好在", "所以", "因此", "And ", "and ", "But ", "but ", "So ", "so "} {
		if rest, ok := strings.CutPrefix(s, w); ok && strings.TrimSpace(rest) != "" {
			s = strings.TrimSpace(rest)
			break
		}
	}
	return strings.TrimLeft(s, ",，、 ")
}
