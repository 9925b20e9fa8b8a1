package extract

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/extract/prose"
	"github.com/hindsight-app/hindsight/internal/repofiles"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The extractor is measured against gold lists: every claim a careful
// reader would log (with its kind) and every event whose date the text
// states. The thresholds are those of the issue that asked for it.
const (
	minClaimRecall = 0.80 // of the gold claims, share proposed
	minKindRight   = 0.70 // of those proposed, share with the right kind
	minEventsDated = 0.70 // of the gold events, share proposed with the right date and precision
)

var updateDoc = flag.Bool("extraction.doc", false, "write the measured figures into docs/extraction.md")

type gold struct {
	Published string      `json:"published"`
	Claims    []goldClaim `json:"claims"`
	Events    []goldEvent `json:"events"`
}

type goldClaim struct {
	Quote         string   `json:"quote"`
	Kind          string   `json:"kind"`
	Made          string   `json:"made"`
	Retrospective bool     `json:"retrospective"`
	Deadline      string   `json:"deadline"`
	By            string   `json:"by"`
	Probability   *float64 `json:"probability"`
}

type goldEvent struct {
	Quote string `json:"quote"`
	Date  string `json:"date"`
	Actor string `json:"actor"`
}

// score is how one text fared.
type score struct {
	name                                 string
	chars                                int
	claims, claimsFound, kindRight       int
	events, eventsFound, eventsDated     int
	right, wrong                         int
	madeChecked, madeRight               int
	retroChecked, retroRight             int
	deadlineChecked, deadlineRight       int
	speakerChecked, speakerRight         int
	probabilityChecked, probabilityRight int
	notes                                []string
}

func pct(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// measure runs Extract on text and scores its proposals against g.
func measure(t *testing.T, name, text string, format Format, g gold) score {
	t.Helper()
	res, err := Extract(Input{Text: text, Format: format, Published: when.MustParse(g.Published)}, Known{})
	if err != nil {
		t.Fatal(err)
	}
	sc := score{name: name, chars: len([]rune(text)), claims: len(g.Claims), events: len(g.Events)}
	locate := func(quote string) span {
		i := strings.Index(res.Text, quote)
		if i < 0 {
			t.Fatalf("%s: gold quote not in the text: %q", name, quote)
		}
		return span{Start: i, End: i + len(quote)}
	}
	used := make([]bool, len(res.Proposals))
	// best finds the unused proposal of the type that overlaps want most,
	// by at least half of the shorter of the two.
	best := func(want span, typ ProposalType) int {
		found, most := -1, 0
		for i, p := range res.Proposals {
			if used[i] || p.Type != typ {
				continue
			}
			got := span{Start: p.Span.Start, End: p.Span.End}
			n := min(got.End, want.End) - max(got.Start, want.Start)
			if n > most && 2*n >= min(got.Len(), want.Len()) {
				found, most = i, n
			}
		}
		return found
	}
	// take marks used the best proposal for a gold quote, or notes that
	// none was found.
	take := func(quote string, typ ProposalType, missed string) (int, bool) {
		i := best(locate(quote), typ)
		if i < 0 {
			sc.notes = append(sc.notes, missed+": "+quote)
			return i, false
		}
		used[i] = true
		return i, true
	}
	for _, c := range g.Claims {
		i, ok := take(c.Quote, ProposalClaim, "missed "+c.Kind)
		if !ok {
			continue
		}
		sc.claimsFound++
		p := res.Proposals[i].Claim
		// right counts a right answer, or notes a wrong one.
		right := func(counter *int, ok bool, format string, args ...any) {
			if ok {
				*counter++
			} else if format != "" {
				sc.notes = append(sc.notes, fmt.Sprintf(format, args...)+": "+c.Quote)
			}
		}
		right(&sc.kindRight, string(p.Kind) == c.Kind, "kind %s, want %s", p.Kind, c.Kind)
		if c.Made != "" {
			sc.madeChecked++
			right(&sc.madeRight, p.Made.String() == c.Made, "made %q, want %s", p.Made, c.Made)
		}
		sc.retroChecked++
		right(&sc.retroRight, p.Retrospective == c.Retrospective, "retrospective %v, want %v", p.Retrospective, c.Retrospective)
		if c.Deadline != "" {
			sc.deadlineChecked++
			right(&sc.deadlineRight, p.Deadline.Canonical() == c.Deadline, "deadline %q, want %s", p.Deadline.Canonical(), c.Deadline)
		}
		if c.By != "" {
			sc.speakerChecked++
			right(&sc.speakerRight, p.By == c.By, "by %q, want %q", p.By, c.By)
		}
		if c.Probability != nil {
			sc.probabilityChecked++
			right(&sc.probabilityRight, p.Probability != nil && *p.Probability == *c.Probability, "")
		}
	}
	for _, e := range g.Events {
		i, ok := take(e.Quote, ProposalEvent, "missed event "+e.Date)
		if !ok {
			continue
		}
		sc.eventsFound++
		if got := res.Proposals[i].Event.Date.String(); got == e.Date {
			sc.eventsDated++
		} else {
			sc.notes = append(sc.notes, fmt.Sprintf("event dated %s, want %s: %s", got, e.Date, e.Quote))
		}
	}
	for i, p := range res.Proposals {
		if used[i] {
			sc.right++
			continue
		}
		sc.wrong++
		sc.notes = append(sc.notes, fmt.Sprintf("not in the gold list: %s %.2f %q", p.Type, p.Confidence, prose.Shorten(p.Quote, 70)))
	}
	return sc
}

func (sc score) check(t *testing.T) {
	t.Helper()
	for _, n := range sc.notes {
		t.Logf("%s: %s", sc.name, n)
	}
	recall, kind, dated := pct(sc.claimsFound, sc.claims), pct(sc.kindRight, sc.claimsFound), pct(sc.eventsDated, sc.events)
	t.Logf("%s: claims %d/%d (%.0f%%), right kind %d/%d (%.0f%%), events dated %d/%d (%.0f%%), right %d, wrong %d",
		sc.name, sc.claimsFound, sc.claims, 100*recall, sc.kindRight, sc.claimsFound, 100*kind,
		sc.eventsDated, sc.events, 100*dated, sc.right, sc.wrong)
	if recall < minClaimRecall {
		t.Errorf("%s: %.0f%% of the claims proposed, want at least %.0f%%", sc.name, 100*recall, 100*minClaimRecall)
	}
	if kind < minKindRight {
		t.Errorf("%s: %.0f%% of the proposed claims have the right kind, want at least %.0f%%", sc.name, 100*kind, 100*minKindRight)
	}
	if dated < minEventsDated {
		t.Errorf("%s: %.0f%% of the events proposed with the right date, want at least %.0f%%", sc.name, 100*dated, 100*minEventsDated)
	}
	if sc.wrong > sc.right {
		t.Errorf("%s: %d wrong proposals for %d right ones, want at most one for one", sc.name, sc.wrong, sc.right)
	}
}

func readGold(t *testing.T, path string) gold {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g gold
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return g
}

// seedArticle is the article the seed was made from, kept beside the
// repository (never copied into it).
func seedArticle(t *testing.T) (string, bool) {
	path := repofiles.Shared(t, "seed", "source-article.zh.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		return "", false
	}
	return string(b), true
}

func TestMeasuredOnArticles(t *testing.T) {
	var scores []score
	if text, ok := seedArticle(t); ok {
		sc := measure(t, "seed article (zh)", text, FormatPlain, readGold(t, "testdata/seed-article.gold.json"))
		sc.check(t)
		scores = append(scores, sc)
	} else {
		t.Log("the seed article (../shared/seed/source-article.zh.txt) is not beside the repository; measuring the test articles only")
	}
	for _, a := range []struct{ name, file, gold string }{
		{"year-end review (en)", "testdata/review-2024.en.md", "testdata/review-2024.en.gold.json"},
		{"year-end review (zh)", "testdata/review-2024.zh.txt", "testdata/review-2024.zh.gold.json"},
	} {
		b, err := os.ReadFile(a.file)
		if err != nil {
			t.Fatal(err)
		}
		sc := measure(t, a.name, string(b), FormatForFile(a.file), readGold(t, a.gold))
		sc.check(t)
		scores = append(scores, sc)
	}
	if *updateDoc {
		writeMeasuredTable(t, scores)
	}
}

// writeMeasuredTable puts the figures into docs/extraction.md, between
// its measured markers.
func writeMeasuredTable(t *testing.T, scores []score) {
	t.Helper()
	var b strings.Builder
	b.WriteString("| text | characters | claims proposed | right kind | events dated right | right : wrong proposals | made-on right | retrospective right | deadline right | speaker right |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|\n")
	frac := func(n, d int) string {
		if d == 0 {
			return "—"
		}
		return fmt.Sprintf("%d/%d (%.0f %%)", n, d, 100*pct(n, d))
	}
	for _, sc := range scores {
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %d : %d | %s | %s | %s | %s |\n", sc.name, sc.chars,
			frac(sc.claimsFound, sc.claims), frac(sc.kindRight, sc.claimsFound), frac(sc.eventsDated, sc.events),
			sc.right, sc.wrong, frac(sc.madeRight, sc.madeChecked), frac(sc.retroRight, sc.retroChecked),
			frac(sc.deadlineRight, sc.deadlineChecked), frac(sc.speakerRight, sc.speakerChecked))
	}
	path := filepath.Join(repofiles.Root(t), "docs", "extraction.md")
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const open, closing = "<!-- measured -->\n", "<!-- /measured -->"
	i, j := strings.Index(string(doc), open), strings.Index(string(doc), closing)
	if i < 0 || j < i {
		t.Fatalf("%s has no %q … %q markers", path, strings.TrimSpace(open), closing)
	}
	out := string(doc[:i+len(open)]) + b.String() + string(doc[j:])
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}
