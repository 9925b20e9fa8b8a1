package model

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
)

// Limits keep a single record from growing without bound; they are far
// above what any real title or note needs.
const (
	MaxTitleRunes       = 300
	MaxDescriptionRunes = 100_000
	MaxTagRunes         = 60
)

// inLanguage picks zh, a record's Chinese text, for a Chinese interface
// when there is one, else text.
func inLanguage(lang, text, zh string) string {
	if lang == "zh" && zh != "" {
		return zh
	}
	return text
}

// trimAll trims the white space around each of fields.
func trimAll(fields ...*string) {
	for _, f := range fields {
		*f = strings.TrimSpace(*f)
	}
}

// tidyLinks trims each link's address and quote and drops the links left
// with neither.
func tidyLinks(links []Link) []Link {
	kept := links[:0:0]
	for _, l := range links {
		l.URL, l.Quote = strings.TrimSpace(l.URL), strings.TrimSpace(l.Quote)
		if l.URL != "" || l.Quote != "" {
			kept = append(kept, l)
		}
	}
	return kept
}

// NormalizeTags trims, lower-cases and de-duplicates tags, joining inner
// white space with hyphens ("Open Weights" → "open-weights"), and drops
// empty ones. Order of first appearance is kept.
func NormalizeTags(tags []string) []string {
	seen := make(map[string]bool, len(tags))
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t = strings.Join(strings.FieldsFunc(strings.ToLower(t), unicode.IsSpace), "-")
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}

// CheckLink reports why raw is not a link Hindsight will open, or "" if it
// is one. Only absolute http and https addresses are accepted: anything
// else (javascript:, file:, a bare word) is never handed to a browser.
func CheckLink(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return fmt.Sprintf("%q is not a valid address", raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Sprintf("%q must start with http:// or https://", raw)
	}
	if u.Host == "" {
		return fmt.Sprintf("%q has no host name", raw)
	}
	return ""
}

func runeCount(s string) int { return len([]rune(s)) }

// checkTags adds a problem for each tag that is too long.
func checkTags(p *problems, tags []string) {
	for i, t := range tags {
		if runeCount(t) > MaxTagRunes {
			p.add(fmt.Sprintf("tags[%d]", i), "error.too_long",
				fmt.Sprintf("tag %q is longer than %d characters", t, MaxTagRunes))
		}
	}
}

// checkLinks adds a problem for each link that is not http(s).
func checkLinks(p *problems, field string, links []Link) {
	for i, l := range links {
		if msg := CheckLink(l.URL); msg != "" {
			p.add(fmt.Sprintf("%s[%d].url", field, i), "error.link", msg)
		}
	}
}
