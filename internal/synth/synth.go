// Package synth makes realistic synthetic events and predictions for
// benchmarks, tests and trying the app with a large database. The same seed
// always gives the same data.
package synth

import (
	"fmt"
	"math/rand/v2"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// actors are weighted like real coverage: a few organisations make most of
// the news.
var actors = []struct {
	name   string
	weight int
}{
	{"OpenAI", 30}, {"Google DeepMind", 18}, {"Meta", 14}, {"Anthropic", 12}, {"Microsoft", 10},
	{"百度", 8}, {"阿里巴巴", 8}, {"智谱AI", 6}, {"零一万物", 5}, {"DeepSeek", 7},
	{"Mistral AI", 5}, {"NVIDIA", 6}, {"EU Commission", 3}, {"月之暗面", 4}, {"xAI", 4},
}

var subjects = []string{"GPT", "Gemini", "Llama", "Claude", "Qwen", "ERNIE", "GLM", "Yi", "DeepSeek", "Mistral", "Grok", "Kimi"}

var headlines = []string{
	"%s releases %s-%d", "%s opens %s-%d to developers", "%s raises funding after %s-%d demo",
	"%s publishes %s-%d technical report", "%s cuts %s-%d API prices", "%s 发布 %s-%d 大模型",
	"%s 开源 %s-%d", "%s names new lead for %s-%d team", "%s faces scrutiny over %s-%d",
	"%s ships %s-%d agents beta",
}

var tagPool = []string{"llm", "open-weights", "agents", "multimodal", "china-base-models", "safety", "funding",
	"chips", "regulation", "benchmarks", "api-pricing", "reasoning", "robotics", "search", "百模大战"}

// Generator produces synthetic records from a fixed seed.
type Generator struct {
	rng         *rand.Rand
	totalWeight int
	first, span int64 // days
}

// New returns a generator whose dates spread over 2015–2026.
func New(seed uint64) *Generator {
	g := &Generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	for _, a := range actors {
		g.totalWeight += a.weight
	}
	g.first = int64(when.DayOf(2015, 1, 1))
	g.span = int64(when.DayOf(2026, 12, 31)) - g.first
	return g
}

func (g *Generator) actor() string {
	n := g.rng.IntN(g.totalWeight)
	for _, a := range actors {
		if n < a.weight {
			return a.name
		}
		n -= a.weight
	}
	return actors[0].name
}

// day favours busy stretches: news clusters around launches, so a share of
// events lands near one of a few hundred "busy" days.
func (g *Generator) day() when.Day {
	if g.rng.IntN(3) == 0 {
		busy := int64(g.rng.IntN(300)) * g.span / 300
		return when.Day(g.first + busy + int64(g.rng.IntN(15)))
	}
	return when.Day(g.first + g.rng.Int64N(g.span))
}

// Event makes one event: mostly day precision, a fifth month precision
// (some approximate) and a tenth spans.
func (g *Generator) Event(i int) model.Event {
	d := g.day()
	y, m, _ := d.Civil()
	e := model.Event{
		Title:    fmt.Sprintf(headlines[g.rng.IntN(len(headlines))], g.actor(), subjects[g.rng.IntN(len(subjects))], i%9+1),
		Category: model.Categories[g.rng.IntN(len(model.Categories))],
		Tags:     []string{tagPool[g.rng.IntN(len(tagPool))], tagPool[g.rng.IntN(len(tagPool))]},
	}
	e.Actor = g.actor()
	switch r := g.rng.IntN(10); {
	case r < 2:
		suffix := ""
		if r == 0 {
			suffix = "~"
		}
		e.Date = when.MustParse(fmt.Sprintf("%04d-%02d%s", y, m, suffix))
	case r == 2:
		e.Date = when.DayDate(d)
		e.End = when.DayDate(d + when.Day(1+g.rng.IntN(90)))
	default:
		e.Date = when.DayDate(d)
	}
	if g.rng.IntN(4) == 0 {
		e.Description = "Synthetic event for trying Hindsight with a large timeline."
	}
	e.Links = []model.Link{{URL: fmt.Sprintf("https://example.com/news/%d", i)}}
	return e
}

// Events makes n events.
func (g *Generator) Events(n int) []model.Event { return many(n, g.Event) }

// many makes n records with one, numbered from 0.
func many[R any](n int, one func(i int) R) []R {
	out := make([]R, n)
	for i := range out {
		out[i] = one(i)
	}
	return out
}

var sources = []string{"Analyst A", "Analyst B", "Tech Weekly", "AI Forecast Report", "匿名博主", "Industry Survey"}

// Prediction makes one prediction, made on a day in range, with a deadline
// of one to three years, a probability on most, and about half resolved.
// Its source link was published the day it was made; one in ten is a
// report of it rather than a primary source.
func (g *Generator) Prediction(i int) model.Prediction {
	made := g.day()
	years := 1 + g.rng.IntN(3)
	p := model.Prediction{
		Statement: fmt.Sprintf("%s will ship %s-%d within %d years", g.actor(), subjects[g.rng.IntN(len(subjects))], i%9+1, years),
		Source:    sources[g.rng.IntN(len(sources))],
		Made:      when.DayDate(made),
		Tags:      []string{tagPool[g.rng.IntN(len(tagPool))]},
		Deadline:  when.Deadline{Kind: when.DeadlineWithin, Months: 12 * years, Phrase: fmt.Sprintf("within %d years", years)},
		// Chosen by i, not drawn: the numbers drawn stay as they were.
		Links: []model.SourceLink{{URL: fmt.Sprintf("https://example.com/claims/%d", i), Published: when.DayDate(made),
			Primary: i%10 != 9}},
		Provenance: model.ProvenanceContemporaneous,
	}
	if g.rng.IntN(5) != 0 {
		prob := float64(1+g.rng.IntN(19)) / 20
		p.Probability = &prob
	}
	resolvedOn := made + when.Day(30+g.rng.IntN(365*years))
	if g.rng.IntN(2) == 0 && resolvedOn < when.Today() {
		state := model.StateFalse
		if p.Probability != nil && g.rng.Float64() < *p.Probability || p.Probability == nil && g.rng.IntN(2) == 0 {
			state = model.StateTrue
		}
		p.Resolution = model.Resolution{State: state, On: when.DayDate(resolvedOn)}
	}
	return p
}

// Predictions makes n predictions.
func (g *Generator) Predictions(n int) []model.Prediction { return many(n, g.Prediction) }
