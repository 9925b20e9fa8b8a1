package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// An actor is a lab, company or other organisation events are filed
// under, with the other names, products and people that stand for it in a
// sentence ("GPT-4 finished training" is OpenAI's event).
type actor struct {
	name    string
	aliases []string
}

// builtinActors are the AI labs and companies most often named in
// reviews of the field, in English and Chinese. Names already in the
// database come first and win (see actorList).
var builtinActors = []actor{
	{"OpenAI", []string{"ChatGPT", "GPT-4o", "GPT-4", "GPT4", "GPT-5", "GPT5", "GPT-3.5", "GPT-3", "GPTs", "GPT Store", "o1-preview", "o1", "o3", "Sora", "DALL-E", "DALL·E", "Codex", "Sam Altman", "Altman", "奥特曼", "阿尔特曼"}},
	{"Anthropic", []string{"Claude", "Dario Amodei", "Amodei"}},
	{"Google", []string{"Google DeepMind", "DeepMind", "Gemini", "Gemma", "Bard", "PaLM", "AlphaFold", "AlphaGo", "谷歌", "Alphabet", "Sundar Pichai", "Demis Hassabis"}},
	{"Meta", []string{"Meta AI", "Facebook", "LLaMA", "Llama", "脸书", "Mark Zuckerberg", "Zuckerberg", "扎克伯格", "Yann LeCun", "LeCun"}},
	{"Microsoft", []string{"微软", "Bing", "Satya Nadella", "Nadella"}},
	{"Apple", []string{"苹果公司", "苹果", "Apple Intelligence", "Siri", "Tim Cook"}},
	{"Amazon", []string{"亚马逊", "AWS"}},
	{"Nvidia", []string{"NVIDIA", "英伟达", "Jensen Huang", "黄仁勋"}},
	{"xAI", []string{"Grok"}},
	{"Mistral AI", []string{"Mistral"}},
	{"Stability AI", []string{"Stable Diffusion"}},
	{"Hugging Face", []string{"HuggingFace"}},
	{"Cohere", nil},
	{"Perplexity", nil},
	{"Midjourney", nil},
	{"Runway", nil},
	{"Character.AI", nil},
	{"Inflection AI", []string{"Inflection"}},
	{"Safe Superintelligence", []string{"SSI", "Ilya Sutskever", "Sutskever"}},
	{"Scale AI", nil},
	{"Databricks", nil},
	{"IBM", nil},
	{"Intel", []string{"英特尔"}},
	{"AMD", nil},
	{"TSMC", []string{"台积电"}},
	{"Samsung", []string{"三星"}},
	{"Tesla", []string{"特斯拉"}},
	{"DeepSeek", []string{"深度求索", "DeepSeek-V2", "DeepSeek-V3", "DeepSeek-R1"}},
	{"Alibaba Cloud", []string{"Alibaba", "阿里巴巴", "阿里云", "阿里", "通义千问", "通义", "Qwen", "QWen"}},
	{"Baidu", []string{"百度", "文心一言", "文心", "ERNIE", "李彦宏", "Robin Li"}},
	{"Tencent", []string{"腾讯", "混元", "Hunyuan"}},
	{"ByteDance", []string{"字节跳动", "字节", "豆包", "Doubao", "火山引擎"}},
	{"Zhipu AI", []string{"智谱AI", "智谱", "ChatGLM", "GLM-4", "GLM"}},
	{"Moonshot AI", []string{"月之暗面", "Kimi", "杨植麟"}},
	{"01.AI", []string{"零一万物", "Yi-34B", "Yi-Large", "Yi-Lightning", "李开复", "Kai-Fu Lee"}},
	{"Baichuan Intelligence", []string{"百川智能", "百川", "Baichuan", "王小川"}},
	{"MiniMax", []string{"稀宇科技", "海螺AI"}},
	{"StepFun", []string{"阶跃星辰"}},
	{"Huawei", []string{"华为", "盘古", "昇腾"}},
	{"iFlytek", []string{"科大讯飞", "讯飞", "讯飞星火"}},
	{"SenseTime", []string{"商汤科技", "商汤"}},
	{"Xiaomi", []string{"小米"}},
	{"Kuaishou", []string{"快手", "可灵", "Kling"}},
	{"Meituan", []string{"美团"}},
	{"Light Year Beyond (光年之外)", []string{"光年之外", "王慧文"}},
	{"Shanghai AI Laboratory", []string{"上海人工智能实验室", "InternLM", "书生"}},
}

// actorName is one way of writing an actor's name.
type actorName struct {
	text  string
	actor string
}

// actorList merges the actors of the database with the built-in ones.
// A built-in actor whose name or alias the database already spells its
// own way ("Meta AI") is filed under the database's spelling. Longer
// names are tried first, so "GPT-4o" wins over "GPT-4".
func actorList(known []string) []actorName {
	spelled := map[string]string{}
	var names []actorName
	for _, k := range known {
		if k = strings.TrimSpace(k); k == "" {
			continue
		}
		spelled[strings.ToLower(k)] = k
		names = append(names, actorName{k, k})
	}
	for _, a := range builtinActors {
		name := a.name
		for _, n := range append([]string{a.name}, a.aliases...) {
			if k, ok := spelled[strings.ToLower(n)]; ok {
				name = k
				break
			}
		}
		for _, n := range append([]string{a.name}, a.aliases...) {
			names = append(names, actorName{n, name})
		}
	}
	sort.SliceStable(names, func(i, j int) bool { return len(names[i].text) > len(names[j].text) })
	return names
}

// actorMention is an actor named in the text.
type actorMention struct {
	span
	actor string
}

// findActors lists the actors named in s, leftmost first; where names
// overlap the longer wins. Latin names must stand as words ("Meta" not in
// "metadata"), ignoring case only when written in capitals or mixed case
// as the name is; Chinese names match anywhere.
func findActors(text string, s span, names []actorName) []actorMention {
	body := s.Text(text)
	lower := strings.ToLower(body)
	var out []actorMention
	taken := make([]bool, len(body))
	for _, n := range names {
		needle := strings.ToLower(n.text)
		if needle == "" {
			continue
		}
		for from := 0; from < len(lower); {
			i := strings.Index(lower[from:], needle)
			if i < 0 {
				break
			}
			i += from
			end := i + len(needle)
			from = end
			if taken[i] || taken[end-1] || !standsAsName(body, i, end, n.text) {
				continue
			}
			for k := i; k < end; k++ {
				taken[k] = true
			}
			out = append(out, actorMention{span{Start: s.Start + i, End: s.Start + end}, n.actor})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// standsAsName checks a match of name at body[i:end]: a Latin name must
// not run on into a longer word, and a short one must be written with the
// same capitals (so "Yi" or "GLM" is not found inside ordinary words).
func standsAsName(body string, i, end int, name string) bool {
	first, _ := utf8.DecodeRuneInString(name)
	if unicode.Is(unicode.Han, first) {
		return true
	}
	before, _ := utf8.DecodeLastRuneInString(body[:i])
	after, _ := utf8.DecodeRuneInString(body[end:])
	// A version may follow without a space: "chatgpt3.5", "Qwen2.5".
	if i > 0 && isNameRune(before) || end < len(body) && isNameRune(after) && !unicode.IsDigit(after) {
		return false
	}
	found := body[i:end]
	if found == name || found == strings.ToUpper(name) {
		return true
	}
	// Case is ignored only for names no ordinary word looks like:
	// "chatgpt", "openai", "deepseek", but not "apple" or "runway".
	return len(name) > 3 && distinctiveName(name)
}

// distinctiveName: a capital after the first letter, a digit or a dot.
func distinctiveName(name string) bool {
	for i, r := range name {
		if i > 0 && unicode.IsUpper(r) || unicode.IsDigit(r) || r == '.' {
			return true
		}
	}
	return false
}

func isNameRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !unicode.Is(unicode.Han, r)
}
