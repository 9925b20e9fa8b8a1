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
		if len(p.Resolution.Evidence) == 0 {
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
		checkURL(t, "prediction "+p.Key, p.Link.URL)
		if p.Probability != nil && (*p.Probability < 0 || *p.Probability > 1) {
			t.Errorf("prediction %s: probability %v out of range", p.Key, *p.Probability)
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
		switch {
		case r.State == "partly" && r.Fraction == nil:
			t.Errorf("prediction %s: partly without fraction", p.Key)
		case r.State == "partly" && (*r.Fraction <= 0 || *r.Fraction >= 1):
			t.Errorf("prediction %s: fraction %v, want strictly between 0 and 1", p.Key, *r.Fraction)
		case r.State != "partly" && r.Fraction != nil:
			t.Errorf("prediction %s: fraction set for state %q", p.Key, r.State)
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
		if p.Resolution == nil {
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
}

// TestFactSheetStates pins each prediction carried over from the fact sheet
// to the state its status maps to ("" means open, resolution null).
func TestFactSheetStates(t *testing.T) {
	s := mustLoad(t)
	want := map[string]string{
		"pred-openai-internal-conflict":        "true",
		"pred-china-gpt4-class-2024":           "true",
		"opinion-china-top-llm-talent":         "",
		"question-scaling-laws":                "partly",
		"question-gpts-success":                "false",
		"question-productivity-growth-ceiling": "false",
		"question-chatgpt-profitability":       "",
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
