package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/internal/model"
)

// A cue is a word or sign in a clause that marks a claim, a tense or a
// reported statement.
type cue struct {
	span
	kind     cueKind
	strength float64 // how sure the cue alone makes us, 0–1
}

type cueKind uint8

const (
	cueQuestion cueKind = iota + 1
	cueHope
	cueIntent // first-person will: "we will", "我们将" — logged as a hope
	cueForecast
	cueHedge // "might", "可能": a forecast with a time ahead, else an opinion
	cueOpinion
	cueProbability // "(55%)", "70% chance"
	cueFrameForecast
	cueFrameOpinion
	cueFrameSay // said, wrote, 说, 表示: whose claim, not which kind
	cuePast
	cueFuture
	cueCourtesy // 希望对大家有所帮助, "hope this helps": not a claim
)

func (k cueKind) frame() bool {
	return k == cueFrameForecast || k == cueFrameOpinion || k == cueFrameSay
}

// claimKind is the kind of claim a cue stands for, if any.
func (k cueKind) claimKind() (model.Kind, bool) {
	switch k {
	case cueQuestion:
		return model.KindQuestion, true
	case cueHope, cueIntent:
		return model.KindHope, true
	case cueForecast, cueProbability, cueFrameForecast:
		return model.KindForecast, true
	case cueOpinion, cueFrameOpinion, cueHedge:
		return model.KindOpinion, true
	}
	return "", false
}

type cueRule struct {
	re       filteredRegexp
	kind     cueKind
	strength float64
	// check, when set, decides whether a match at loc really is the cue.
	check func(text string, loc []int) bool
}

func rule(pattern string, kind cueKind, strength float64) cueRule {
	return cueRule{re: compileFiltered(pattern), kind: kind, strength: strength}
}

// The cues, English and Chinese. Strengths are rough: an explicit "?" or
// "预测" is surer than a bare "会", which is surer than "可能".
var cueRules = []cueRule{
	// Questions.
	rule(`[?？]`, cueQuestion, 0.9),
	rule(`(?i)\bwhether\b`, cueQuestion, 0.8),
	rule(`(?i)\b(?:the|an|one|open|big|real) question\b|个question|\bremains to be seen\b|\bI wonder\b|\bwonder (?:if|whether)\b|\bit(?:'s| is) (?:unclear|not clear) (?:if|whether)\b|\bwho knows\b`, cueQuestion, 0.8),
	rule(`会不会|能不能|是不是|是否|有没有|能否|可否|要不要|行不行|可不可以|还能不能|到底|究竟|有没有可能`, cueQuestion, 0.85),
	rule(`吗[。]?$|很难说|不好说|尚不清楚|还不清楚|有待观察|拭目以待`, cueQuestion, 0.6),

	// Hopes and intents.
	rule(`(?i)\b(?:I|we) (?:really |very much |still )?(?:hope|wish)\b|\bhopefully\b|\blet'?s hope\b|\b(?:I'?d|I would|we'?d|we would) (?:love|like) to see\b|\blook(?:ing)? forward to\b|\bfingers crossed\b`, cueHope, 0.85),
	rule(`(?i)\b(?:I|we) (?:aim|plan|intend|want|hope) to\b|\bour (?:goal|aim|plan|mission) is\b`, cueHope, 0.75),
	rule(`期待|希望|盼望|期望|但愿|祈愿|愿望是`, cueHope, 0.85),
	rule(`力争|争取|打算|我们的目标是|我的目标是|计划在|计划于|计划明年|计划今年`, cueHope, 0.65),
	// "we will release", "I'll keep": a first-person will with a verb of
	// doing is an intent; "we'll get there" is a forecast (see "will" below).
	rule(`(?i)\b(?:I|we)(?: will|'ll| shall| am going to| are going to)(?: \w+ly)? (?:release|launch|ship|publish|build|open-source|continue|keep|focus|invest|hire|grade|write|leave|cover|bring|make|add|try|update|share|post|announce|introduce|offer|expand|deliver|start|stop|work|return|revisit|check|score|track)\b`, cueIntent, 0.5),
	rule(`(?i)\b(?:I'm|I am|we're|we are) (?:hopeful|optimistic) that\b`, cueHope, 0.75),
	rule(`我们(?:将|会|要)(?:继续|努力|推出|发布|开源|坚持)|我(?:将|会)(?:继续|努力)`, cueIntent, 0.6),

	// Forecasts.
	{re: compileFiltered(`(?i)\bwill\b|\bwon'?t\b|\b(?:it|they|he|she|that|this|there|who|which|we|I|you)'ll\b`), kind: cueForecast, strength: 0.65,
		check: func(text string, loc []int) bool {
			switch wordBefore(text, loc[0]) {
			case "the", "free", "good", "political", "at", "ill", "own", "his", "her", "their", "a", "of":
				return false
			}
			return true
		}},
	rule(`(?i)\b(?:is|are|am|isn't|aren't)(?: not)? going to\b|\b(?:likely|unlikely|bound|set|poised|on track|expected|projected|due|certain) to\b`, cueForecast, 0.7),
	rule(`(?i)\bby (?:the end of )?(?:20\d\d|next year|the end of the decade)\b|\bwithin (?:the next )?(?:a|one|two|three|four|five|ten|\d+) (?:years?|months?|decades?)\b`, cueFuture, 0.4),
	{re: compileFiltered(`(?i:\bcould\b|\bmight\b)|\bmay\b`), kind: cueHedge, strength: 0.45, check: isModalHedge},
	// "would" looks ahead only in reported speech: "predicted that AI would pass…".
	{re: compileFiltered(`(?i)\bwould(?:n't| not)?\b`), kind: cueForecast, strength: 0.65, check: isReportedWould},
	rule(`(?i)\(\s*\d{1,3}(?:\.\d+)?\s*%\s*\)|\b\d{1,3}(?:\.\d+)?\s*%\s+(?:chance|probability|likely|confident)\b|\b(?:probability|odds|chance) (?:of|that|is)\b`, cueProbability, 0.75),
	rule(`有望|即将|可能会|大概率|必然会|必将|注定|迟早|终将|势必|料将|估计会|一定会|肯定会|应该会|或将|将会|将要`, cueForecast, 0.8),
	{re: compileFiltered(`不会|会`), kind: cueForecast, strength: 0.65, check: isFutureHui},
	{re: compileFiltered(`将`), kind: cueForecast, strength: 0.65, check: isFutureJiang},
	rule(`要到|未来|今后|明年|接下来`, cueFuture, 0.4),

	// Opinions and hedges.
	rule(`(?i)\bI (?:really |still |honestly )?(?:think|believe|feel|reckon|suspect|doubt|guess|am convinced|'m convinced)\b|\bin my (?:view|opinion|experience)\b|\bmy (?:take|view|guess|sense|bet) is\b|\barguably\b|\b(?:clearly|obviously|undoubtedly|frankly|honestly)\b|\b(?:overrated|underrated|overhyped|underhyped)\b`, cueOpinion, 0.7),
	rule(`(?i)\b(?:seems?|seemed|appears?|appeared) (?:to|that|like)\b|\bit (?:seems|seemed|appears|appeared)\b|\bprobably\b|\bperhaps\b|\bmaybe\b`, cueHedge, 0.45),
	rule(`我觉得|我认为|我相信|我猜|个人认为|个人觉得|在我看来|我的看法|我的判断|可以说|客观来说|客观地说|说实话|坦白说|老实说|不得不说|毫无疑问|显而易见|被低估|被高估|现在看来|现在看|看来`, cueOpinion, 0.75),
	{re: compileFiltered(`好像|似乎|看起来|看上去|恐怕|也许|或许|大概|有可能|可能`), kind: cueHedge, strength: 0.5, check: isHedgeKeneng},

	// Reported statements.
	rule(`(?i)\b(?:predicted|predicts|forecasts?|expected|expects|bet|bets|wagered|estimated|estimates|promised|promises|warned|warns|projected|projects)\b`, cueFrameForecast, 0.75),
	rule(`(?i)\b(?:believed|believes|thought|thinks|argued|argues|claimed|claims|insisted|insists)\b`, cueFrameOpinion, 0.6),
	rule(`(?i)\b(?:said|says|wrote|writes|written|told|tells|tweeted|posted|stated|noted|declared|suggested|suggests|added)\b`, cueFrameSay, 0.5),
	rule(`做了个预测|做了一个预测|做出预测|做过预测|预测过|预言过`, cueFrameForecast, 0.85),
	{re: compileFiltered(`预测|预言|预计|预期|断言`), kind: cueFrameForecast, strength: 0.8, check: isVerbNotNoun},
	rule(`认为|觉得`, cueFrameOpinion, 0.6),
	{re: compileFiltered(`说过|写过|提过|写道|表示|指出|坦言|直言|透露|强调|提到|宣称|声称|称|说`), kind: cueFrameSay, strength: 0.5, check: isReportingSay},

	// Tense.
	rule(`(?i)\b(?:was|were|had|did|got|came|went|began|became|showed|shown|put|took|made|led|ran|won|lost|left|sold|bought|hit|cut|set|gave|built|grew|fell|rose|saw|brought|held|kept)\b|\b(?:last year|last month|ago|earlier this year|back then|at the time)\b`, cuePast, 0.5),
	{re: compileFiltered(`(?i)\b[a-z]{2,}ed\b`), kind: cuePast, strength: 0.5, check: isPastEd},
	{re: compileFiltered(`了`), kind: cuePast, strength: 0.5, check: isPerfectiveLe},
	rule(`已经|曾经|曾|当时|那时|此前|过去一年|去年|发布过|推出过|用过|做过`, cuePast, 0.5),

	// Courtesies.
	rule(`希望(?:对|能对|本文对|这篇文章对)?(?:大家|你|您|各位)(?:有所|有)?(?:帮助|启发|收获|用)|希望(?:大家)?(?:以后)?多多支持|希望大家喜欢|请?(?:点赞|转发|收藏|关注|订阅|一键三连)|(?i)\bhope (?:this|it|that) helps\b|\bhope you (?:enjoy|like|find)\b|\bplease (?:subscribe|share|like)\b`, cueCourtesy, 1),
}

// Words in which 会 means a meeting, a society or "know how", not "will".
var huiWords = []string{
	"大会", "会议", "机会", "社会", "学会", "协会", "委员会", "董事会", "理事会", "峰会", "年会", "晚会",
	"聚会", "展会", "博览会", "发布会", "开会", "会长", "会员", "体会", "误会", "领会", "会计", "会谈",
	"会场", "约会", "会话", "会所", "宴会", "演唱会", "运动会", "交流会", "分享会", "研讨会", "座谈会",
	"讨论会", "见面会", "会见", "会晤", "会师", "议会", "省会", "庙会", "酒会", "例会", "早会", "周会",
	"晨会", "融会", "会合", "一会儿", "会儿", "两会", "茶话会", "在会上", "会后", "会前",
}

func isFutureHui(text string, loc []int) bool {
	if text[loc[0]:loc[1]] == "不会" {
		// 会不会 is a question; 不会不 a double negative left to the reader.
		return !strings.HasPrefix(text[loc[1]:], "不") && !strings.HasSuffix(text[:loc[0]], "会")
	}
	if strings.HasPrefix(text[loc[1]:], "不") || strings.HasSuffix(text[:loc[0]], "不") {
		return false
	}
	for _, w := range huiWords {
		i := strings.Index(w, "会")
		if loc[0] >= i && loc[0]-i+len(w) <= len(text) && text[loc[0]-i:loc[0]-i+len(w)] == w {
			// …unless the character before belongs with the first one:
			// 今年会 (this year will), 整体会 (as a whole will).
			if prefix, ok := huiWordBreakers[w]; ok && strings.ContainsRune(prefix, runeBefore(text, loc[0]-i)) {
				continue
			}
			return false
		}
	}
	return true
}

// Characters before 年会 and 体会 that make them 今年 会, 整体 会.
var huiWordBreakers = map[string]string{
	"年会": "今明去后前每0123456789一二三四五六七八九十两",
	"体会": "整个团主实具载媒集",
}

// Words after 将 that show it means "will" rather than "take" (将模型开源).
const jiangFuture = "会在于能成是被有不迎继进推发达超面可要近持"

func isFutureJiang(text string, loc []int) bool {
	before, after := runeBefore(text, loc[0]), runeAfter(text, loc[1])
	if strings.ContainsRune("即或必终也还仍亦", before) {
		return true
	}
	if after == '近' || after == '军' || after == '来' { // 将近, 将军, 将来
		return false
	}
	return strings.ContainsRune(jiangFuture, after)
}

// isReportingSay keeps 说 and the like when they introduce what someone
// said, not in 可以说, 说明, 小说 or 据说.
func isReportingSay(text string, loc []int) bool {
	word := text[loc[0]:loc[1]]
	before, after := runeBefore(text, loc[0]), runeAfter(text, loc[1])
	if word == "说" || word == "称" {
		// Reporting 说 is followed by what was said: a comma, a colon, a
		// quote or the end of the clause ("…上说，开源模型会…").
		if !strings.ContainsRune("，,：:“\"「 过道", after) && after != utf8.RuneError {
			return false
		}
		if strings.ContainsRune("可以据听小传学话解游劝演虽再来就所俗难好不是用如者", before) {
			return false
		}
		if strings.ContainsRune("明服法实话过的", after) || word == "称" && strings.ContainsRune("为作号之赞", after) {
			return word == "说" && after == '过'
		}
	}
	return true
}

// Words ending in -ed that are not verbs in the past.
var notPastEd = map[string]bool{"hundred": true, "sacred": true, "naked": true, "wicked": true, "kindred": true,
	"rugged": true, "based": true, "embed": true, "shed": true, "red": true, "bed": true, "need": true, "seed": true,
	"speed": true, "indeed": true, "feed": true, "breed": true, "proceed": true, "succeed": true, "exceed": true}

func isPastEd(text string, loc []int) bool { return !notPastEd[strings.ToLower(text[loc[0]:loc[1]])] }

var reReportBefore = regexp.MustCompile(`(?i)\b(?:predicted|said|wrote|told|expected|thought|believed|argued|claimed|bet|promised|warned|assumed|hoped|feared|guessed|estimated|forecast|reckoned)\b[^.?!;]*$`)

// isReportedWould keeps "would" after a reporting verb in the past.
func isReportedWould(text string, loc []int) bool {
	return reReportBefore.MatchString(text[max(0, loc[0]-160):loc[0]])
}

// isModalHedge keeps "could", "might" and lower-case "may" (the month
// is written May).
func isModalHedge(text string, loc []int) bool {
	return text[loc[0]:loc[1]] != "May"
}

// isHedgeKeneng drops 可能 used as an adjective ("GPT5可能带来的提升",
// the possible gains), which hedges nothing.
func isHedgeKeneng(text string, loc []int) bool {
	word := text[loc[0]:loc[1]]
	if word != "可能" && word != "有可能" {
		return true
	}
	after := text[loc[1]:min(len(text), loc[1]+len("带来的"))]
	return !strings.HasSuffix(after, "的") || strings.HasPrefix(after, "的")
}

// isVerbNotNoun drops 预测 used as a noun: "去年的预测", "这个预测".
func isVerbNotNoun(text string, loc []int) bool {
	before := runeBefore(text, loc[0])
	return !strings.ContainsRune("的个些这那项条次份", before)
}

// isPerfectiveLe keeps 了 after a verb, not in 了解, 为了, 除了, 罢了.
func isPerfectiveLe(text string, loc []int) bool {
	before, after := runeBefore(text, loc[0]), runeAfter(text, loc[1])
	if after == '解' || strings.ContainsRune("为除罢算受得", before) {
		return false
	}
	return true
}

// findCues lists the cues in a clause, in order.
func findCues(text string, clause span) []cue {
	body := clause.Text(text)
	lower := strings.ToLower(body)
	var out []cue
	for _, r := range cueRules {
		if !r.re.mayMatch(lower) {
			continue
		}
		for _, loc := range r.re.FindAllStringIndex(body, -1) {
			abs := []int{clause.Start + loc[0], clause.Start + loc[1]}
			if r.check != nil && !r.check(text, abs) {
				continue
			}
			out = append(out, cue{span: span{Start: abs[0], End: abs[1]}, kind: r.kind, strength: r.strength})
		}
	}
	sortCues(out)
	return out
}

func sortCues(c []cue) {
	for i := 1; i < len(c); i++ {
		for j := i; j > 0 && c[j].Start < c[j-1].Start; j-- {
			c[j], c[j-1] = c[j-1], c[j]
		}
	}
}

// endsWithFrame reports whether a clause stops right after a reporting
// word ("在二月份做了个预测", "李彦宏…上说", "我认为"), so that what was
// said is in the clauses that follow.
func endsWithFrame(text string, clause span, cues []cue) bool {
	for i := len(cues) - 1; i >= 0; i-- {
		c := cues[i]
		if !c.kind.frame() && c.kind != cueOpinion {
			continue
		}
		rest := strings.TrimSpace(text[c.End:clause.End])
		rest = strings.TrimRight(rest, ",，:：")
		return utf8.RuneCountInString(rest) <= 2 || strings.EqualFold(rest, "that")
	}
	return false
}
