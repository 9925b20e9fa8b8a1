package timeline

import (
	"math"
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// fixedMeasure is a deterministic stand-in for the toolkit's text measure:
// 7 px per ASCII character, 13 px per CJK character, 8 px for the ellipsis.
func fixedMeasure(s string) float32 {
	var w float32
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			w += 7
		case r == '…':
			w += 8
		default:
			w += 13
		}
	}
	return w
}

// kernedMeasure grows faster than the sum of its characters, so guesses made
// from single characters are too optimistic and must be corrected.
func kernedMeasure(s string) float32 {
	n := float32(utf8.RuneCountInString(s))
	return 7*n + 0.2*n*n
}

var synthLaneNames = []string{
	"OpenAI", "Google DeepMind", "Anthropic", "Meta", "Microsoft", "NVIDIA",
	"Baidu", "Alibaba", "Mistral", "xAI", "Regulation", "Predictions",
}

var enWords = strings.Fields(`model release launch open weights benchmark paper
funding round acquisition chip datacenter agent reasoning multimodal safety policy
lawsuit partnership GPT Gemini Claude Llama API pricing context window evaluation
alignment compute cluster training run leak preview general availability`)

var zhWords = strings.Fields(`发布 模型 开源 大模型 融资 芯片 算力 智能体 推理 多模态 安全 监管 合作 训练 评测 上线 内测 公测 价格`)

// synthData returns n items resembling the app's data: twelve lanes of very
// different sizes, dates over 2015–2026 crowding into busy months, a fifth
// of them fuzzy to the month, a tenth spans, a prediction lane whose items
// run from made-on to deadline and link to events, labels of 10–60
// characters, some in Chinese. The same seed gives the same data.
func synthData(n int, seed uint64) ([]Item, []Lane) {
	rng := rand.New(rand.NewPCG(seed, seed*7919+1))
	lanes := make([]Lane, len(synthLaneNames))
	var weights []float64
	var total float64
	for i, name := range synthLaneNames {
		lanes[i] = Lane{Key: strings.ToLower(name), Title: name}
		w := 1 / math.Pow(float64(i+1), 1.2)
		weights = append(weights, w)
		total += w
	}
	pickLane := func() int {
		x := rng.Float64() * total
		for i, w := range weights {
			if x < w {
				return i
			}
			x -= w
		}
		return len(weights) - 1
	}
	first := DaysFromCivil(2015, 1, 1)
	last := DaysFromCivil(2026, 12, 31)
	var busy []int64
	for range 24 {
		busy = append(busy, DaysFromCivil(2015+rng.IntN(12), 1+rng.IntN(12), 1))
	}
	predLane := len(lanes) - 1
	items := make([]Item, 0, n)
	for i := range n {
		var day int64
		if rng.Float64() < 0.35 {
			day = busy[rng.IntN(len(busy))] + rng.Int64N(30)
		} else {
			// Later years have more news.
			day = first + int64(math.Sqrt(rng.Float64())*float64(last-first))
		}
		it := Item{ID: int64(i + 1), Lane: pickLane(), Start: day, End: day, Label: synthLabel(rng)}
		switch r := rng.Float64(); {
		case it.Lane == predLane:
			it.Kind = KindPrediction
			it.End = day + 30 + rng.Int64N(2000)
			it.State = uint8(rng.IntN(4))
			if i > 0 && rng.Float64() < 0.3 {
				it.LinkTo = int64(1 + rng.IntN(i))
			}
		case r < 0.2:
			y, m, _ := CivilFromDays(day)
			it.Start, it.End, it.Fuzzy = DaysFromCivil(y, m, 1), DaysFromCivil(y, m+1, 1)-1, true
		case r < 0.3:
			it.End = day + 1 + int64(rng.ExpFloat64()*60)
		}
		items = append(items, it)
	}
	return items, lanes
}

func synthLabel(rng *rand.Rand) string {
	want := 10 + rng.IntN(51)
	words := enWords
	sep := " "
	if rng.Float64() < 0.15 {
		words, sep, want = zhWords, "", 4+rng.IntN(20)
	}
	var b strings.Builder
	for utf8.RuneCountInString(b.String()) < want {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(words[rng.IntN(len(words))])
	}
	runes := []rune(b.String())
	return strings.TrimSpace(string(runes[:want]))
}
