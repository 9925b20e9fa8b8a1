package extract

import (
	"os"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/extract/prose"
	"github.com/hindsight-app/hindsight/internal/when"
)

// FuzzExtract feeds any text, in any of the formats, with a published date
// or none: Extract must not fail on it, and every span, quote, rune offset
// and date it gives must hold (see checkSpans). Proposals that are ticked
// must turn into records or say why not.
func FuzzExtract(f *testing.F) {
	formats := []Format{FormatAuto, FormatPlain, FormatMarkdown, FormatHTML}
	f.Fuzz(func(t *testing.T, text string, published string, format uint8) {
		in := Input{Text: text, Format: formats[int(format)%len(formats)], URL: "https://example.com/a", Author: "Author"}
		if d, err := when.Parse(published); err == nil {
			in.Published = d
		}
		res, err := Extract(in, Known{Actors: []string{"Acme"}})
		if err != nil {
			if in.Format == FormatMarkdown {
				return // the Markdown reader may refuse; it says so
			}
			t.Fatalf("Extract: %v", err)
		}
		checkSpans(t, res)
		for _, p := range res.Proposals {
			if p.Type == ProposalEvent && p.Event.Date.IsZero() {
				t.Fatalf("event %q has no date", p.Quote)
			}
			if p.Type == ProposalClaim && !p.Claim.Kind.Valid() {
				t.Fatalf("claim %q of kind %q", p.Quote, p.Claim.Kind)
			}
		}
		recs, err := res.Records()
		if err != nil && !strings.Contains(err.Error(), "proposal") {
			t.Fatalf("Records: an error that names no proposal: %v", err)
		}
		_ = recs
	})
}

// testReviews reads the two test reviews, English and Chinese.
func testReviews(t testing.TB) []string {
	t.Helper()
	var texts []string
	for _, f := range []string{"testdata/review-2024.en.md", "testdata/review-2024.zh.txt"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return texts
}

// TestPrefilterNeverSkipsAMatch: a rule's literal prefixes never skip a
// clause the rule itself would match.
func TestPrefilterNeverSkipsAMatch(t *testing.T) {
	texts := testReviews(t)
	if seed, ok := seedArticle(t); ok {
		texts = append(texts, seed)
	}
	texts = append(texts, "I WILL ship it. WHETHER or not. Won't. They'll see. 我们将继续。会不会？ HOPEFULLY. IN MY VIEW. Predicted.")
	for _, text := range texts {
		for _, s := range prose.Split(text, []span{{Start: 0, End: len(text)}}) {
			for _, c := range s.Clauses {
				body := c.Text(text)
				lower := strings.ToLower(body)
				for _, r := range cueRules {
					if !r.re.mayMatch(lower) && r.re.FindStringIndex(body) != nil {
						t.Errorf("rule %q skips %q, which it matches", r.re.String(), body)
					}
				}
				for _, v := range eventVerbs {
					if !v.re.mayMatch(lower) && v.re.FindStringIndex(body) != nil {
						t.Errorf("verb rule %q skips %q, which it matches", v.re.String(), body)
					}
				}
			}
		}
	}
}
