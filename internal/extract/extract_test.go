package extract

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func mustExtract(t *testing.T, in Input, known Known) *Result {
	t.Helper()
	res, err := Extract(in, known)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, res)
	return res
}

// checkSpans holds for every result: each quote is the text at its span,
// rune offsets count the same characters, and proposals come in order.
func checkSpans(t *testing.T, res *Result) {
	t.Helper()
	check := func(what string, s Span, want string) {
		if s.Start < 0 || s.End < s.Start || s.End > len(res.Text) {
			t.Fatalf("%s: span %+v outside the text (%d bytes)", what, s, len(res.Text))
		}
		if got := res.Text[s.Start:s.End]; want != "" && got != want {
			t.Fatalf("%s: text at %+v is %q, want %q", what, s, got, want)
		}
		if rs := utf8.RuneCountInString(res.Text[:s.Start]); rs != s.RuneStart {
			t.Fatalf("%s: rune start %d, want %d", what, s.RuneStart, rs)
		}
		if n := utf8.RuneCountInString(res.Text[s.Start:s.End]); s.RuneEnd-s.RuneStart != n {
			t.Fatalf("%s: %d runes by offsets, %d in the text", what, s.RuneEnd-s.RuneStart, n)
		}
	}
	for i, p := range res.Proposals {
		check("proposal "+p.Quote, p.Span, p.Quote)
		check("context of "+p.Quote, p.Context, "")
		if !p.Context.contains(p.Span) && p.Type == ProposalClaim {
			t.Fatalf("claim %q lies outside its context %+v", p.Quote, p.Context)
		}
		if p.Confidence < 0 || p.Confidence > 1 {
			t.Fatalf("confidence %v of %q", p.Confidence, p.Quote)
		}
		if (p.Event == nil) == (p.Claim == nil) || p.Event != nil && p.Type != ProposalEvent {
			t.Fatalf("proposal %q: type %s with event %v, claim %v", p.Quote, p.Type, p.Event, p.Claim)
		}
		if i > 0 && res.Proposals[i-1].Span.Start > p.Span.Start {
			t.Fatalf("proposals out of order at %q", p.Quote)
		}
	}
	for _, d := range res.Dates {
		check("date "+d.Text, d.Span, d.Text)
		if d.Problem == "" && d.Date.IsZero() && d.Limit.IsZero() {
			t.Fatalf("date %q read as nothing, with no problem given", d.Text)
		}
	}
	for _, s := range res.Skipped {
		check("skipped "+s.Why, s.Span, "")
	}
}

func (s Span) contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

func claimsOf(res *Result) []Proposal { return proposalsOf(res, ProposalClaim) }

func eventsOf(res *Result) []Proposal { return proposalsOf(res, ProposalEvent) }

// proposalsOf lists the proposals of res of one type, in order.
func proposalsOf(res *Result, typ ProposalType) []Proposal {
	var out []Proposal
	for _, p := range res.Proposals {
		if p.Type == typ {
			out = append(out, p)
		}
	}
	return out
}

func TestDateMentions(t *testing.T) {
	text := "2023年3月14日，OpenAI发布了GPT-4。在二月份做了个预测，矛盾会在两年内爆发。" +
		"群友已超过2000人，12年来第一次。In March 2023 they may ship; by the end of 2025 we will know. " +
		"22年中训练完成。The May 13 launch came two years ago, last year's was in February."
	res := mustExtract(t, Input{Text: text, Published: when.MustParse("2024-01")}, Known{})
	got := map[string]DateMention{}
	for _, d := range res.Dates {
		got[d.Text] = d
	}
	want := map[string]string{
		"2023年3月14日":         "2023-03-14",
		"二月份":                "2023-02",
		"两年内":                "",
		"March 2023":         "2023-03",
		"by the end of 2025": "2025",
		"22年中":               "2022-05~/2022-08~",
		"May 13":             "2023-05-13",
		"two years ago":      "2022",
		"February":           "2023-02",
	}
	for phrase, date := range want {
		d, ok := got[phrase]
		if !ok {
			t.Errorf("no date mention %q among %v", phrase, keys(got))
			continue
		}
		if d.Date.String() != date {
			t.Errorf("%q read as %s, want %s", phrase, d.Date, date)
		}
	}
	for _, notDate := range []string{"2000", "12年", "may"} {
		if _, ok := got[notDate]; ok {
			t.Errorf("%q is not a date", notDate)
		}
	}
	if d := got["两年内"]; !d.Deadline || d.Limit.Canonical() != "within:24" {
		t.Errorf("两年内 = %+v, want a deadline of 24 months", d)
	}
	if d := got["by the end of 2025"]; !d.Deadline || d.Limit.Canonical() != "by:2025" {
		t.Errorf("by the end of 2025 = %+v", d)
	}
	if r := got["二月份"].Reasoning; !strings.Contains(r, "二月份 in a text published 2024-01 → 2023-02") {
		t.Errorf("the reasoning of 二月份 is %q", r)
	}
	if got["2023年3月14日"].Reasoning != "" {
		t.Error("a date written out in full needs no reasoning")
	}
}

func keys(m map[string]DateMention) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestClaimKinds(t *testing.T) {
	published := when.MustParse("2024-06-01")
	cases := []struct {
		text     string
		kind     model.Kind // "" for no claim
		deadline string
	}{
		{"OpenAI will release GPT-5 next year.", model.KindForecast, "by:2025"},
		{"我预计明年会有三家大模型公司上市。", model.KindForecast, "by:2025"},
		{"The odds that Congress passes an AI law by 2026 are low, maybe 20%.", model.KindForecast, "by:2026"},
		{"能不能持续下去，还是个问题。", model.KindQuestion, ""},
		{"Whether open models catch up is unclear.", model.KindQuestion, ""},
		{"Will Apple ship a new Siri this year?", model.KindQuestion, "by:2024"},
		{"很期待中国今年能做出GPT4 comparable的基础模型。", model.KindHope, "by:2024"},
		{"We aim to open-source the weights by September.", model.KindHope, "by:2024-09"},
		{"我觉得有一半以上是在中国。", model.KindOpinion, ""},
		{"In my view, plugins were a failure.", model.KindOpinion, ""},
		{"可以说，国内头部的大模型都已经和chatgpt3.5 comparable了。", model.KindOpinion, ""},
		{"AI could well replace most call centres within five years.", model.KindForecast, "within:60"},
		{"前一类可能也就十几个，不到二十个。", model.KindOpinion, ""},
		{"It seems the launch was a failure.", model.KindOpinion, ""},
		// A hedge on nothing checkable is a remark, not a claim.
		{"这个词似乎被滥用了。", "", ""},
		// Not claims: courtesies, meetings, "说明", the crowd's mood.
		{"希望对大家有所帮助。", "", ""},
		{"开发者大会在旧金山举行。", "", ""},
		{"他说明了原因。", "", ""},
		{"大家都认为这个模型很强。", "", ""},
		{"Every December I look back at what I expected.", "", ""},
	}
	for _, c := range cases {
		res := mustExtract(t, Input{Text: c.text, Published: published}, Known{})
		claims := claimsOf(res)
		if c.kind == "" {
			if len(claims) != 0 {
				t.Errorf("%q: proposed %s %q, want no claim", c.text, claims[0].Claim.Kind, claims[0].Quote)
			}
			continue
		}
		if len(claims) != 1 {
			t.Errorf("%q: %d claims, want 1", c.text, len(claims))
			continue
		}
		got := claims[0].Claim
		if got.Kind != c.kind || got.Deadline.Canonical() != c.deadline {
			t.Errorf("%q: %s with deadline %q, want %s with %q", c.text, got.Kind, got.Deadline.Canonical(), c.kind, c.deadline)
		}
		if len(claims[0].Reasons) == 0 {
			t.Errorf("%q: no reasons given", c.text)
		}
	}
}

func TestReportedClaims(t *testing.T) {
	published := when.MustParse("2024-01")
	cases := []struct {
		text, by, made string
		retrospective  bool
		deadline       string
	}{
		// The seed's own forecast, reported after the fact.
		{"在二月份做了个预测,OpenAI内部关于AGI和商业化的矛盾会在两年内爆发。", "the author", "2023-02", true, "within:24"},
		{"Last March I predicted that GPT-5 would ship within a year.", "the author", "2023-03", true, "within:12"},
		{"Jensen Huang predicted in November that AI would pass any test within five years.", "Jensen Huang", "2023-11", true, "within:60"},
		{"李彦宏在去年4月的大会上说，开源模型会越来越落后。", "李彦宏", "2023-04", true, ""},
		{"Dario Amodei has said that powerful AI could arrive as early as 2026.", "Dario Amodei", "", true, "by:2026"},
		{"Sam Altman says GPT-5 will be a big leap.", "Sam Altman", "2024-01", false, ""},
		{"“Open models will win,” she said.", "", "2024-01", false, ""},
	}
	for _, c := range cases {
		res := mustExtract(t, Input{Text: c.text, Published: published, Author: "the author"}, Known{})
		claims := claimsOf(res)
		if len(claims) != 1 {
			t.Errorf("%q: %d claims, want 1", c.text, len(claims))
			continue
		}
		got := claims[0].Claim
		if got.Kind != model.KindForecast || got.By != c.by || got.Made.String() != c.made || got.Retrospective != c.retrospective ||
			got.Deadline.Canonical() != c.deadline {
			t.Errorf("%q:\n got %s by %q made %q retrospective %v deadline %q\nwant forecast by %q made %q retrospective %v deadline %q",
				c.text, got.Kind, got.By, got.Made, got.Retrospective, got.Deadline.Canonical(), c.by, c.made, c.retrospective, c.deadline)
		}
		if got.MadeReasoning == "" {
			t.Errorf("%q: no reasoning for the made-on date", c.text)
		}
	}
}

func TestEvents(t *testing.T) {
	published := when.MustParse("2024-01-15")
	cases := []struct {
		text, date, actor string
		category          model.Category
	}{
		{"On March 14, 2023, OpenAI released GPT-4.", "2023-03-14", "OpenAI", model.CategoryModel},
		{"GPT-4 was released by OpenAI in March 2023.", "2023-03", "OpenAI", model.CategoryModel},
		{"去年11月，零一万物发布了Yi-34B。", "2023-11", "01.AI", model.CategoryModel},
		{"5月6日，深度求索发布了DeepSeek-V2。", "2023-05-06", "DeepSeek", model.CategoryModel},
		{"Acme Labs raised $10 million in December.", "2023-12", "Acme Labs", model.CategoryFunding},
		{"22年中GPT4就已经训练完成了。", "2022-05~/2022-08~", "OpenAI", model.CategoryOther},
	}
	for _, c := range cases {
		res := mustExtract(t, Input{Text: c.text, Published: published}, Known{Actors: []string{"Acme Labs"}})
		events := eventsOf(res)
		if len(events) != 1 {
			t.Errorf("%q: %d events, want 1", c.text, len(events))
			continue
		}
		e := events[0].Event
		if e.Date.String() != c.date || e.Actor != c.actor || e.Category != c.category {
			t.Errorf("%q: %s %q %s, want %s %q %s", c.text, e.Date, e.Actor, e.Category, c.date, c.actor, c.category)
		}
	}
	for _, text := range []string{
		"年初去了趟us,拜访了不少OpenAI、Google、Microsoft做大模型相关的researcher。", // the actors are visited, not acting
		"OpenAI will release GPT-5 in March.",                                   // not yet
		"Sam Altman said in March that GPT-5 would be great.",                   // a report, not an event
		"OpenAI released GPT-4o.",                                               // no date
		"OpenAI will hold DevDay on November 6, 2025.",                          // after the text
		"OpenAI released o1 on September 12, and Google followed a week later.", // one event, not two
	} {
		res := mustExtract(t, Input{Text: text, Published: published}, Known{})
		if n := len(eventsOf(res)); n > 1 || n == 1 && !strings.HasPrefix(text, "OpenAI released o1") {
			t.Errorf("%q: %d events proposed", text, n)
		}
	}
}

func TestDuplicatesAreFlagged(t *testing.T) {
	known := Known{
		Actors: []string{"OpenAI"},
		Events: []model.Event{
			{ID: 7, Title: "OpenAI releases GPT-4", TitleZh: "OpenAI 发布 GPT-4", Date: when.MustParse("2023-03-14"), Actor: "OpenAI"},
			{ID: 8, Title: "OpenAI announces ChatGPT plugins", Date: when.MustParse("2023-03-23"), Actor: "OpenAI"},
		},
		Predictions: []model.Prediction{
			{ID: 3, Statement: "A GPT-4-class Chinese model in 2024", Links: []model.SourceLink{{Quote: "很期待中国今年能做出GPT4 comparable的基础模型。"}}},
		},
	}
	text := "OpenAI released GPT-4 on March 14, 2023. Meta released Llama 2 on July 18, 2023. 很期待中国今年能做出GPT4 comparable的基础模型。"
	res := mustExtract(t, Input{Text: text, Published: when.MustParse("2024-01")}, known)
	var flagged, fresh int
	for _, p := range res.Proposals {
		switch {
		case p.Duplicate != nil:
			flagged++
			if p.Ticked {
				t.Errorf("%q repeats record %d and should not start ticked", p.Quote, p.Duplicate.ID)
			}
			if strings.HasPrefix(p.Quote, "OpenAI") && (p.Duplicate.ID != 7 || p.Duplicate.Entity != "event") {
				t.Errorf("GPT-4's release matched %+v, want event 7", p.Duplicate)
			}
			if strings.HasPrefix(p.Quote, "很期待") && (p.Duplicate.ID != 3 || p.Duplicate.Entity != "prediction") {
				t.Errorf("the hope matched %+v, want prediction 3", p.Duplicate)
			}
		default:
			fresh++
			if !strings.Contains(p.Quote, "Llama 2") {
				t.Errorf("%q should have matched an existing record", p.Quote)
			}
		}
	}
	if flagged != 2 || fresh != 1 {
		t.Errorf("%d flagged and %d new proposals, want 2 and 1", flagged, fresh)
	}

	// The reviewer may add this text as a source of the existing event.
	p := res.Proposals[0]
	e := p.AddSourceTo(known.Events[0], "https://example.com/review")
	if len(e.Links) != 1 || e.Links[0].Quote != p.Quote || len(known.Events[0].Links) != 0 {
		t.Errorf("AddSourceTo: %+v (the original now %+v)", e.Links, known.Events[0].Links)
	}
	if again := p.AddSourceTo(e, "https://example.com/review"); len(again.Links) != 1 {
		t.Errorf("the same source added twice: %+v", again.Links)
	}

	// Read from a store by the days of each proposal, the same events
	// match the same way.
	held := known.Events
	var asked [][2]when.Day
	known.Events = nil
	known.EventsNear = func(from, to when.Day) []model.Event {
		asked = append(asked, [2]when.Day{from, to})
		var out []model.Event
		for _, e := range held {
			if e.Latest() >= from && e.Earliest() <= to {
				out = append(out, e)
			}
		}
		return out
	}
	again := mustExtract(t, Input{Text: text, Published: when.MustParse("2024-01")}, known)
	if len(again.Proposals) != len(res.Proposals) || len(asked) == 0 {
		t.Fatalf("%d proposals reading by days (asked %v), %d holding the events", len(again.Proposals), asked, len(res.Proposals))
	}
	for i := range res.Proposals {
		if a, b := res.Proposals[i].Duplicate, again.Proposals[i].Duplicate; (a == nil) != (b == nil) || a != nil && *a != *b {
			t.Errorf("%q: %+v holding the events, %+v reading them by days", res.Proposals[i].Quote, a, b)
		}
	}
}

func TestHTMLAndMarkdownInput(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Calls for 2025</title><style>p{color:red}</style>
<script>var willBreak = "OpenAI will release";</script></head><body>
<article><h1>Predictions for 2025</h1>
<p>Posted on <time>28 December 2024</time></p>
<p>OpenAI <b>released</b> o1 on September 12&nbsp;&amp; shipped o3 later.</p>
<ol><li>GPT-5 ships by June. (70%)</li><li>Nvidia stays on top.</li></ol>
</article></body></html>`
	res := mustExtract(t, Input{Text: page}, Known{})
	if res.Format != FormatHTML {
		t.Errorf("format %q, want html", res.Format)
	}
	if strings.Contains(res.Text, "willBreak") || strings.Contains(res.Text, "color:red") {
		t.Errorf("script or style kept:\n%s", res.Text)
	}
	if !strings.Contains(res.Text, "1. GPT-5 ships by June. (70%)") || !strings.Contains(res.Text, "September 12 & shipped") {
		t.Errorf("list numbers or entities lost:\n%s", res.Text)
	}
	if res.Published.String() != "2024-12-28" || res.PublishedFrom == "" {
		t.Errorf("published %s from %q, want 2024-12-28 from the posted line", res.Published, res.PublishedFrom)
	}
	claims := claimsOf(res)
	if len(claims) != 2 || claims[0].Claim.Deadline.Canonical() != "by:2025-06" || claims[1].Claim.Deadline.Canonical() != "by:2025" {
		t.Fatalf("list items under the heading should be forecasts for 2025: %+v", claims)
	}
	if p := claims[0].Claim.Probability; p == nil || *p != 0.70 {
		t.Errorf("probability of the first item: %v", p)
	}

	md := "# Outlook\n\n*Published 2024-12-30*\n\nWe think **open models** will [catch up](https://example.com) by the end of 2025.\n"
	res = mustExtract(t, Input{Text: md, Format: FormatMarkdown}, Known{})
	claims = claimsOf(res)
	if len(claims) != 1 || claims[0].Quote != "We think open models will catch up by the end of 2025." {
		t.Fatalf("Markdown claims: %+v\ntext: %q", claims, res.Text)
	}
}

func TestFurnitureIsSetAsideAndSaid(t *testing.T) {
	body := "今年2月，OpenAI发布了Sora。我觉得视频模型明年会普及。\n\n5月，谷歌发布了Gemini 1.5 Pro。\n\n"
	nav := "系列文章：大模型会怎样改变搜索？\n系列文章：大模型会取代程序员吗？\n系列文章：为什么我们希望开源？\n\n"
	trailer := "相关文章\n\n大模型会不会取代律师？2024年02月09日\n"
	text := body + nav + trailer
	res := mustExtract(t, Input{Text: text, Published: when.MustParse("2024-06")}, Known{})
	if len(res.Skipped) != 2 {
		t.Fatalf("skipped %+v, want the link list and the trailer", res.Skipped)
	}
	for _, p := range res.Proposals {
		if p.Span.Start >= len(body) {
			t.Errorf("proposal from page furniture: %q", p.Quote)
		}
	}
	all := mustExtract(t, Input{Text: text, Published: when.MustParse("2024-06"), ReadAll: true}, Known{})
	if len(all.Skipped) != 0 || len(all.Proposals) <= len(res.Proposals) {
		t.Errorf("ReadAll should read the furniture too: %d proposals against %d", len(all.Proposals), len(res.Proposals))
	}
}

func TestRecords(t *testing.T) {
	text := "On March 14, 2023, OpenAI released GPT-4. OpenAI will release GPT-5 before the end of 2025. (60%) " +
		"Will open models catch up? Last year I predicted that GPT-5 would ship in 2024."
	known := Known{Events: []model.Event{{ID: 1, Title: "OpenAI releases GPT-4", Date: when.MustParse("2023-03-14"), Actor: "OpenAI"}}}
	res := mustExtract(t, Input{Text: text, Published: when.MustParse("2024-06-01"), URL: "https://example.com/post", Author: "A. Writer"}, known)
	for i := range res.Proposals {
		res.Proposals[i].Ticked = true // the reviewer ticks everything, duplicates too
	}
	recs, err := res.Records()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs.Events) != 0 || len(recs.Predictions) != 3 {
		t.Fatalf("%d events and %d predictions, want 0 and 3 (left out: %+v)", len(recs.Events), len(recs.Predictions), recs.Left)
	}
	byKind := map[model.Kind]model.Prediction{}
	for _, p := range recs.Predictions {
		if p.Kind == model.KindForecast && p.Provenance == model.ProvenanceReportedLater {
			byKind["retrospective"] = p
			continue
		}
		byKind[p.Kind] = p
	}
	p := byKind[model.KindForecast]
	link := model.SourceLink{URL: "https://example.com/post", Quote: "OpenAI will release GPT-5 before the end of 2025. (60%)",
		Published: when.MustParse("2024-06-01")}
	if p.Source != "A. Writer" || p.Made.String() != "2024-06-01" || !reflect.DeepEqual(p.Links, []model.SourceLink{link}) ||
		p.Provenance != model.ProvenanceContemporaneous || p.Probability == nil || p.Deadline.Canonical() != "by:2025" {
		t.Errorf("forecast %+v", p)
	}
	// A question is saved as a question, never scored; a forecast the
	// text reports from last year is saved as reported later.
	if q, ok := byKind[model.KindQuestion]; !ok || q.Probability != nil || q.Provenance != model.ProvenanceContemporaneous {
		t.Errorf("question %+v", q)
	}
	if r, ok := byKind["retrospective"]; !ok || r.Made.String() != "2023" || r.Links[0].Published.String() != "2024-06-01" {
		t.Errorf("forecast reported later %+v", r)
	}
	if len(recs.Left) != 1 || !strings.Contains(recs.Left[0].Why, "already in the database") {
		t.Fatalf("left out %+v, want the duplicate", recs.Left)
	}
	// Nothing says the text is the author's own post unless asked: then
	// the author's own claims, not the one reported from last year, get
	// it as a primary source.
	if p.SourceUnconfirmed() != true {
		t.Error("an extracted claim has a primary source nobody vouched for")
	}
	own, err := res.RecordsWith(RecordOptions{Primary: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range own.Predictions {
		if want := q.Provenance != model.ProvenanceReportedLater; q.Links[0].Primary != want {
			t.Errorf("with the text as primary, %q primary=%v", q.Statement, q.Links[0].Primary)
		}
	}

	// An edited proposal is validated as the forms validate.
	i := recs.PredictionFrom[0]
	res.Proposals[i].Claim.By = ""
	if _, err := res.Records(); err == nil || !strings.Contains(err.Error(), "who made the prediction") {
		t.Errorf("a claim with no source: %v", err)
	}
}

func TestExtractWithoutPublishedDate(t *testing.T) {
	res := mustExtract(t, Input{Text: "去年OpenAI发布了GPT-4。两年内会有更好的模型。"}, Known{})
	if !res.Published.IsZero() {
		t.Fatalf("published %s from nowhere", res.Published)
	}
	var problems int
	for _, d := range res.Dates {
		if d.Problem != "" {
			problems++
		}
	}
	if problems == 0 {
		t.Error("去年 cannot be read without a published date, and the mention should say so")
	}
	for _, p := range res.Proposals {
		if p.Type == ProposalClaim && (!p.Claim.Made.IsZero() || p.Claim.MadeReasoning == "") {
			t.Errorf("claim %q made %s (%q) with no published date", p.Quote, p.Claim.Made, p.Claim.MadeReasoning)
		}
	}
}

func TestTestArticlesAreOwnText(t *testing.T) {
	// The seed article is read from beside the repository, never copied.
	seed, ok := seedArticle(t)
	if !ok {
		t.Skip("the seed article is not beside the repository")
	}
	for _, f := range []string{"testdata/review-2024.en.md", "testdata/review-2024.zh.txt"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(seed, "\n") {
			if len([]rune(line)) > 30 && strings.Contains(string(b), line) {
				t.Errorf("%s copies a line of the seed article: %q", f, line)
			}
		}
	}
}
