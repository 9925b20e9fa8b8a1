package data

import (
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

var tagRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// titleZhExceptions lists events allowed to have no Chinese title, with the
// reason. It is empty: every event currently has one.
var titleZhExceptions = map[string]string{}

func mustLoad(t *testing.T) *Seed {
	t.Helper()
	s, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return s
}

func eventsByKey(s *Seed) map[string]SeedEvent {
	m := make(map[string]SeedEvent, len(s.Events))
	for _, e := range s.Events {
		m[e.Key] = e
	}
	return m
}

func predictionByKey(t *testing.T, s *Seed, key string) SeedPrediction {
	t.Helper()
	for _, p := range s.Predictions {
		if p.Key == key {
			return p
		}
	}
	t.Fatalf("prediction %q not found", key)
	return SeedPrediction{}
}

func TestLoadHeader(t *testing.T) {
	s := mustLoad(t)
	if s.Format != Format || s.Version != Version {
		t.Errorf("header = %q v%d, want %q v%d", s.Format, s.Version, Format, Version)
	}
	if strings.TrimSpace(s.About) == "" {
		t.Error("about is empty")
	}
	if got := len(s.Events); got < 31 {
		t.Errorf("%d events, want at least 31", got)
	}
	if got := len(s.Predictions); got < 7 {
		t.Errorf("%d predictions, want at least 7", got)
	}
}

func TestRawIsCopyOfEmbeddedFile(t *testing.T) {
	a := Raw()
	if !json.Valid(a) {
		t.Fatal("Raw is not valid JSON")
	}
	a[0] = 'X'
	if b := Raw(); b[0] != '{' {
		t.Errorf("Raw shares its buffer: first byte %q after mutating a copy", b[0])
	}
}

func TestKeysUnique(t *testing.T) {
	s := mustLoad(t)
	seen := map[string]bool{}
	for _, src := range s.Sources {
		if src.Key == "" || seen[src.Key] {
			t.Errorf("source key %q empty or duplicated", src.Key)
		}
		seen[src.Key] = true
	}
	seen = map[string]bool{}
	for _, e := range s.Events {
		if e.Key == "" || seen[e.Key] {
			t.Errorf("event key %q empty or duplicated", e.Key)
		}
		seen[e.Key] = true
	}
	seen = map[string]bool{}
	for _, p := range s.Predictions {
		if p.Key == "" || seen[p.Key] {
			t.Errorf("prediction key %q empty or duplicated", p.Key)
		}
		seen[p.Key] = true
	}
}

func TestReferencesResolve(t *testing.T) {
	s := mustLoad(t)
	sources := map[string]bool{}
	for _, src := range s.Sources {
		sources[src.Key] = true
		if !slices.Contains([]string{"person", "outlet", "report", "organisation"}, src.Kind) {
			t.Errorf("source %s: kind %q", src.Key, src.Kind)
		}
	}
	events := eventsByKey(s)
	for _, p := range s.Predictions {
		if !sources[p.Source] {
			t.Errorf("prediction %s: unknown source %q", p.Key, p.Source)
		}
		if p.Resolution == nil {
			continue
		}
		// An unfalsifiable claim has nothing to cite: it can never be checked.
		if len(p.Resolution.Evidence) == 0 && p.Resolution.State != model.StateUnfalsifiable {
			t.Errorf("prediction %s: resolution without evidence", p.Key)
		}
		for _, ev := range p.Resolution.Evidence {
			if _, ok := events[ev.Event]; !ok {
				t.Errorf("prediction %s: evidence refers to unknown event %q", p.Key, ev.Event)
			}
			if !ev.Role.Valid() {
				t.Errorf("prediction %s: evidence %s has role %q", p.Key, ev.Event, ev.Role)
			}
		}
	}
}

func TestEventFields(t *testing.T) {
	s := mustLoad(t)
	for _, e := range s.Events {
		n := utf8.RuneCountInString(e.Title)
		if strings.TrimSpace(e.Title) == "" || n > 80 {
			t.Errorf("event %s: title has %d runes, want 1..80", e.Key, n)
		}
		if _, ok := titleZhExceptions[e.Key]; !ok && strings.TrimSpace(e.TitleZh) == "" {
			t.Errorf("event %s: no title_zh", e.Key)
		}
		if !e.Category.Valid() {
			t.Errorf("event %s: category %q", e.Key, e.Category)
		}
		if strings.TrimSpace(e.Actor) == "" {
			t.Errorf("event %s: no actor", e.Key)
		}
		if strings.TrimSpace(e.Description) == "" {
			t.Errorf("event %s: no description", e.Key)
		}
		if len(e.Tags) < 2 || len(e.Tags) > 5 {
			t.Errorf("event %s: %d tags, want 2..5", e.Key, len(e.Tags))
		}
		checkTags(t, "event "+e.Key, e.Tags)
		if len(e.Links) == 0 {
			t.Errorf("event %s: no links", e.Key)
		}
		for _, l := range e.Links {
			checkURL(t, "event "+e.Key, l.URL)
		}
	}
	for key := range titleZhExceptions {
		if _, ok := eventsByKey(s)[key]; !ok {
			t.Errorf("title_zh exception for unknown event %q", key)
		}
	}
}

func TestPredictionFields(t *testing.T) {
	s := mustLoad(t)
	for _, src := range s.Sources {
		checkURL(t, "source "+src.Key, src.URL)
	}
	for _, p := range s.Predictions {
		if strings.TrimSpace(p.Statement) == "" || strings.TrimSpace(p.Criteria) == "" {
			t.Errorf("prediction %s: empty statement or criteria", p.Key)
		}
		checkTags(t, "prediction "+p.Key, p.Tags)
		if !p.Kind.Valid() {
			t.Errorf("prediction %s: kind %q", p.Key, p.Kind)
		}
		if !p.Provenance.Valid() {
			t.Errorf("prediction %s: provenance %q", p.Key, p.Provenance)
		}
		if len(p.Links) == 0 {
			t.Errorf("prediction %s: no link", p.Key)
		}
		for _, l := range p.Links {
			checkURL(t, "prediction "+p.Key, l.URL)
			if strings.TrimSpace(l.Quote) == "" {
				t.Errorf("prediction %s: link %s without the words as said", p.Key, l.URL)
			}
			if l.Published != "" {
				mustEDTF(t, "prediction "+p.Key+" published", l.Published)
			}
		}
		if p.Probability != nil && (*p.Probability < 0 || *p.Probability > 1 || p.Kind != model.KindForecast) {
			t.Errorf("prediction %s: probability %v on a %s", p.Key, *p.Probability, p.Kind)
		}
		r := p.Resolution
		if r == nil {
			continue
		}
		if !r.State.Valid() || r.State == model.StateOpen {
			t.Errorf("prediction %s: state %q", p.Key, r.State)
		}
		if strings.TrimSpace(r.Note) == "" {
			t.Errorf("prediction %s: resolution without note", p.Key)
		}
		// A fraction is kept only when a source gives it; none does here.
		if r.Fraction != nil {
			t.Errorf("prediction %s: fraction %v, which no source gives", p.Key, *r.Fraction)
		}
		resolves := 0
		for _, ev := range r.Evidence {
			if ev.Role == "resolves" {
				resolves++
			}
		}
		if resolves > 1 {
			t.Errorf("prediction %s: %d resolving events", p.Key, resolves)
		}
	}
}

func checkTags(t *testing.T, what string, tags []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, tag := range tags {
		if !tagRE.MatchString(tag) {
			t.Errorf("%s: tag %q is not lowercase-hyphenated", what, tag)
		}
		if seen[tag] {
			t.Errorf("%s: tag %q repeated", what, tag)
		}
		seen[tag] = true
	}
}

func checkURL(t *testing.T, what, raw string) {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Errorf("%s: link %q: %v", what, raw, err)
		return
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		t.Errorf("%s: link %q is not an absolute http(s) URL", what, raw)
	}
}

func mustEDTF(t *testing.T, what, s string) when.Date {
	t.Helper()
	d, err := when.ParseEDTF(s)
	if err != nil {
		t.Errorf("%s: %q does not parse as EDTF: %v", what, s, err)
		return when.Date{}
	}
	if d.IsZero() {
		t.Errorf("%s: %q parses to no date", what, s)
	}
	return d
}

func TestDatesParse(t *testing.T) {
	s := mustLoad(t)
	for _, e := range s.Events {
		start := mustEDTF(t, "event "+e.Key+" date", e.Date)
		if e.End == "" {
			continue
		}
		end := mustEDTF(t, "event "+e.Key+" end", e.End)
		if !start.IsZero() && !end.IsZero() && end.Latest() < start.Earliest() {
			t.Errorf("event %s: end %s before start %s", e.Key, e.End, e.Date)
		}
	}
	for _, p := range s.Predictions {
		made := mustEDTF(t, "prediction "+p.Key+" made", p.Made)
		if p.Deadline != "" {
			dl, err := when.ParseDeadline(p.Deadline, made)
			if err != nil {
				t.Errorf("prediction %s: deadline %q: %v", p.Key, p.Deadline, err)
			} else if _, latest, ok := dl.Due(made); !ok || latest < made.Earliest() {
				t.Errorf("prediction %s: deadline %q gives no window after %s", p.Key, p.Deadline, p.Made)
			} else if r := p.Resolution; r != nil && r.State == "true" {
				if on, err := when.ParseEDTF(r.On); err == nil && on.Earliest() > latest {
					t.Errorf("prediction %s: resolved true on %s, after its deadline %s", p.Key, r.On, latest)
				}
			}
		}
		if p.Resolution == nil || p.Resolution.State == model.StateUnfalsifiable && p.Resolution.On == "" {
			continue
		}
		on := mustEDTF(t, "prediction "+p.Key+" resolution", p.Resolution.On)
		if !on.IsZero() && !made.IsZero() && on.Latest() < made.Earliest() {
			t.Errorf("prediction %s: resolved %s before it was made %s", p.Key, p.Resolution.On, p.Made)
		}
	}
}

func TestSpotFacts(t *testing.T) {
	s := mustLoad(t)
	events := eventsByKey(s)
	day := func(key string, y, m, d int) {
		t.Helper()
		e, ok := events[key]
		if !ok {
			t.Errorf("event %s missing", key)
			return
		}
		got, err := when.ParseEDTF(e.Date)
		if err != nil {
			t.Errorf("event %s: %v", key, err)
			return
		}
		want := when.DayOf(y, m, d)
		if got.Precision() != when.PrecisionDay || got.Earliest() != want || got.Latest() != want {
			t.Errorf("event %s: date %q, want the single day %s", key, e.Date, want)
		}
	}
	day("gpt4-release", 2023, 3, 14)
	day("chatgpt-launch", 2022, 11, 30)
	day("altman-fired", 2023, 11, 17)
	day("llama-release", 2023, 2, 24)
	day("openai-devday-2023", 2023, 11, 6)

	if e, ok := events["gpt4-training-finished"]; !ok {
		t.Error("event gpt4-training-finished missing")
	} else if d, err := when.ParseEDTF(e.Date); err != nil {
		t.Errorf("gpt4-training-finished: %v", err)
	} else if d.Precision() != when.PrecisionMonth || d.Earliest() != when.DayOf(2022, 8, 1) || d.Latest() != when.DayOf(2022, 8, 31) {
		t.Errorf("gpt4-training-finished: date %q, want month precision 2022-08", e.Date)
	}

	p := predictionByKey(t, s, "pred-openai-internal-conflict")
	if p.Made != "2023-02" {
		t.Errorf("OpenAI conflict forecast made %q, want 2023-02", p.Made)
	}
	dueBy := func(p SeedPrediction, y, m, d int) {
		t.Helper()
		made, err := when.ParseEDTF(p.Made)
		if err != nil {
			t.Errorf("prediction %s: made %q: %v", p.Key, p.Made, err)
			return
		}
		dl, err := when.ParseDeadline(p.Deadline, made)
		if err != nil {
			t.Errorf("prediction %s: deadline %q: %v", p.Key, p.Deadline, err)
			return
		}
		_, latest, ok := dl.Due(made)
		if want := when.DayOf(y, m, d); !ok || latest != want {
			t.Errorf("prediction %s: deadline %q from %s is due by %s (ok=%v), want %s", p.Key, p.Deadline, p.Made, latest, ok, want)
		}
	}
	dueBy(p, 2025, 2, 28)
	dueBy(predictionByKey(t, s, "pred-china-gpt4-class-2024"), 2024, 12, 31)
	r := p.Resolution
	if r == nil {
		t.Fatal("OpenAI conflict forecast is unresolved")
	}
	if r.State != "true" || r.On != "2023-11-17" {
		t.Errorf("OpenAI conflict forecast resolved %q on %q, want true on 2023-11-17", r.State, r.On)
	}
	if !slices.Contains(r.Evidence, SeedEvidence{Event: "altman-fired", Role: "resolves"}) {
		t.Errorf("OpenAI conflict forecast evidence %v lacks altman-fired as resolves", r.Evidence)
	}
	if !slices.Contains(r.Evidence, SeedEvidence{Event: "altman-return-agreement", Role: "supports"}) {
		t.Errorf("OpenAI conflict forecast evidence %v lacks altman-return-agreement as supports", r.Evidence)
	}
	// The recapitalisation came after the deadline: it is no evidence.
	if slices.ContainsFunc(r.Evidence, func(e SeedEvidence) bool { return e.Event == "ev-openai-recapitalization" }) {
		t.Error("the October 2025 recapitalisation, after the February 2025 deadline, is cited as evidence")
	}
}

// TestClaimStates pins each claim's state ("" means open, resolution null).
func TestClaimStates(t *testing.T) {
	s := mustLoad(t)
	want := map[string]string{
		"pred-openai-internal-conflict":        "true",
		"pred-china-gpt4-class-2024":           "true",
		"opinion-china-top-llm-talent":         "unfalsifiable",
		"question-scaling-laws":                "",
		"question-gpts-success":                "false",
		"question-productivity-growth-ceiling": "false",
		"question-chatgpt-profitability":       "",
		"question-openai-displaced":            "",
		"claim-china-top-models-gpt35":         "",
		"claim-fewer-than-twenty-base-models":  "",
		"opinion-plugins-failure":              "true",
	}
	if len(s.Predictions) != len(want) {
		t.Errorf("%d claims, want %d", len(s.Predictions), len(want))
	}
	for key, state := range want {
		p := predictionByKey(t, s, key)
		got := model.State("")
		if p.Resolution != nil {
			got = p.Resolution.State
		}
		if got != model.State(state) {
			t.Errorf("prediction %s: state %q, want %q", key, got, state)
		}
	}
}

// TestClaimKindsAndQuotes pins what sort of claim each one is and the
// post's words it rests on, verbatim, as the review of the seed found them:
// one forecast (reported after the outcome), one hope, five questions and
// four opinions or claims of fact. A claim turned back into a forecast, or a
// quote reworded, fails here.
func TestClaimKindsAndQuotes(t *testing.T) {
	s := mustLoad(t)
	want := map[string]struct {
		kind  model.Kind
		quote string
	}{
		"pred-openai-internal-conflict":        {model.KindForecast, "在二月份做了个预测,OpenAI内部关于AGI和商业化的矛盾会在两年内爆发。"},
		"pred-china-gpt4-class-2024":           {model.KindHope, "很期待中国今年能做出GPT4 comparable的基础模型。"},
		"opinion-china-top-llm-talent":         {model.KindOpinion, "如果现在要问我世界上做大模型最强的100个人,我觉得有一半以上是在中国。"},
		"question-scaling-laws":                {model.KindQuestion, "但现在大家都在讨论“scaling law”还能不能持续下去"},
		"question-gpts-success":                {model.KindQuestion, "好在OpenAI 11月6日的开发者大会紧急推出了GPTS,并放了一些新的feature,但能不能大获成功也是个question"},
		"question-productivity-growth-ceiling": {model.KindQuestion, "chatgpt用户量增长几乎平了,productivity类的产品会不会有增长天花板"},
		"question-chatgpt-profitability":       {model.KindQuestion, "从推理成本来看chatgpt是否真的能盈利"},
		"question-openai-displaced":            {model.KindQuestion, "如果OpenAI不能持续保持模型的领先力,会不会被to B传统企业和做产品更强的公司给替代掉"},
		"claim-china-top-models-gpt35":         {model.KindOpinion, "可以说,国内头部的大模型都已经和chatgpt3.5 comparable了"},
		"claim-fewer-than-twenty-base-models":  {model.KindOpinion, "前一类可能也就十几个,不到二十个"},
		"opinion-plugins-failure":              {model.KindOpinion, "plugin好像已经证明是个彻底的失败了"},
	}
	for key, w := range want {
		p := predictionByKey(t, s, key)
		if p.Kind != w.kind {
			t.Errorf("%s: kind %q, want %q", key, p.Kind, w.kind)
		}
		if len(p.Links) == 0 || p.Links[0].Quote != w.quote {
			t.Errorf("%s: quote %v, want %q", key, p.Links, w.quote)
		}
	}
	forecasts := 0
	for _, p := range s.Predictions {
		if p.Kind == model.KindForecast {
			forecasts++
		}
		// The post survives only as a repost: no claim has a primary source.
		for _, l := range p.Links {
			if l.Primary {
				t.Errorf("%s: the repost %s is marked primary", p.Key, l.URL)
			}
		}
	}
	if forecasts != 1 {
		t.Errorf("%d forecasts, want 1", forecasts)
	}
}

// TestReviewFindings checks the fixes the review of the seed asked for.
func TestReviewFindings(t *testing.T) {
	s := mustLoad(t)
	conflict := predictionByKey(t, s, "pred-openai-internal-conflict")
	if conflict.Provenance != model.ProvenanceRetrospective || conflict.Made != "2023-02" {
		t.Errorf("the Feb 2023 forecast: provenance %q, made %q; want retrospective, 2023-02", conflict.Provenance, conflict.Made)
	}
	hope := predictionByKey(t, s, "pred-china-gpt4-class-2024")
	if hope.Made != "2024-01" || !strings.Contains(hope.Interest, "01.AI") {
		t.Errorf("the GPT-4-class hope: made %q, interest %q; want 2024-01 and the author's tie to 01.AI", hope.Made, hope.Interest)
	}
	if r := hope.Resolution; r == nil || r.On != "2024-05-20" ||
		!slices.Contains(r.Evidence, SeedEvidence{Event: "arena-2024-05-20", Role: model.RoleResolves}) {
		t.Errorf("the hope should be settled by the Arena update of 2024-05-20 as its own event: %+v", r)
	}
	if q := predictionByKey(t, s, "question-scaling-laws"); q.Resolution != nil {
		t.Errorf("the scaling question keeps a resolution no source gives: %+v", q.Resolution)
	}
	events := eventsByKey(s)
	check := func(key, field, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("event %s: %s %q, want %q", key, field, got, want)
		}
	}
	check("yi-llama-tensor-controversy", "date", events["yi-llama-tensor-controversy"].Date, "2023-11-04")
	check("yi-llama-tensor-controversy", "end", events["yi-llama-tensor-controversy"].End, "2023-11-15")
	check("ev-leike-resigns", "date", events["ev-leike-resigns"].Date, "2024-05-17")
	if !strings.Contains(events["ev-leike-resigns"].Title, "explains") {
		t.Errorf("ev-leike-resigns on 05-17 must be titled as his explanation: %q", events["ev-leike-resigns"].Title)
	}
	if !strings.Contains(events["altman-reinstated-official"].Title, "observer") {
		t.Errorf("altman-reinstated-official: %q", events["altman-reinstated-official"].Title)
	}
	for _, key := range []string{"chatgpt-growth-flatlining", "chatgpt-traffic-first-decline", "ev-gpts-traffic-share", "ev-gpt-store-traffic-under-2pct"} {
		if events[key].Actor == "OpenAI" {
			t.Errorf("event %s: a third party's traffic estimate has OpenAI as its actor", key)
		}
	}
	if !strings.Contains(events["chatgpt-growth-flatlining"].TitleZh, "11%") {
		t.Errorf("chatgpt-growth-flatlining: Chinese title %q should say 11%% below the peak", events["chatgpt-growth-flatlining"].TitleZh)
	}
	if !strings.Contains(events["yi-lightning"].TitleZh, "第六") {
		t.Errorf("yi-lightning: the titles disagree: %q / %q", events["yi-lightning"].Title, events["yi-lightning"].TitleZh)
	}
	primary := map[string]string{
		"ev-openai-o1": "openai.com", "ev-openai-recapitalization": "openai.com", "ev-chatgpt-250m-weekly": "openai.com",
		"ev-chatgpt-200m-weekly": "axios.com", "wang-huiwen-health-leave": "scmp.com", "chatgpt-plugins-wound-down": "help.openai.com",
	}
	for key, host := range primary {
		if e := events[key]; len(e.Links) == 0 || !strings.Contains(e.Links[0].URL, host) {
			t.Errorf("event %s: first link %v, want one on %s", key, e.Links, host)
		}
	}
	for _, e := range s.Events {
		for _, l := range e.Links {
			if strings.Contains(l.URL, "277762.cc") {
				t.Errorf("event %s keeps the spam-like link %s", e.Key, l.URL)
			}
		}
	}
	if strings.Contains(s.About, "dates checked against the linked sources") {
		t.Error("the about text still overstates what the links show")
	}
}
