package htmltext

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/internal/model"
)

func TestMarkdown(t *testing.T) {
	cases := map[string]string{
		"plain &amp; simple":                                     "plain & simple",
		"<p>one</p><p>two</p>":                                   "one\n\ntwo",
		"a<br>b<BR/>c":                                           "a\nb\nc",
		"a<br><br><br><br>b":                                     "a\n\nb",
		"<b>bold</b> and <em>em</em>":                            "**bold** and *em*",
		`<a href="https://x.example/?a=1&amp;b=2">link</a>`:      "[link](https://x.example/?a=1&b=2)",
		`<a href='javascript:alert(1)'>js</a>`:                   "js",
		`<a href="https://x.example/">https://x.example/</a>`:    "https://x.example/",
		"<script>document.write('x')</script>after":              "after",
		"<STYLE>p{}</STYLE>after":                                "after",
		"<script>never closed":                                   "",
		"<!-- comment -->text<!-- unclosed":                      "text",
		"1 < 2 and 3 > 2":                                        "1 < 2 and 3 > 2",
		"a <b unclosed":                                          "a <b unclosed",
		`<img src="x.png" alt="a chart" onerror="alert(1)"> end`: "a chart end",
		"<h2>Title</h2>body":                                     "## Title\n\nbody",
		"<ul><li>one</li><li>two</li></ul>":                      "- one\n- two",
		"<!DOCTYPE html><html><head><title>t</title></head><body>b</body></html>": "b",
		"  spaced   out \n text  ": "spaced out text",
		"a \r\n b":                 "a b",
		// White space is kept where HTML keeps it.
		"<pre>\n  code\n    indented\n</pre>after":                                                 "code\n    indented\n\nafter",
		`intro<p style="white-space: pre-wrap">  two  spaces` + "\n\n\n" + `three blank lines</p>`: "intro\n\n  two  spaces\n\n\nthree blank lines",
		`<div style='color:red; white-space:pre'>a` + "\t" + `b</div>`:                             "a\tb",
		`<p style="white-space: normal">a   b</p>`:                                                 "a b",
		`<p style="white-space: pre-line">a   b</p>`:                                               "a b",
		`<span style="white-space:pre-wrap">a  <b>b</b>` + "\r\n" + `c</span>`:                     "a  **b**\nc",
	}
	for in, want := range cases {
		if got := Markdown(in); got != want {
			t.Errorf("Markdown(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLine(t *testing.T) {
	for in, want := range map[string]string{
		"<b>GPT-4</b> <i>released</i><br>today": "GPT-4 released today",
		"a\t b\n c":                             "a b c",
		"<p>one</p><p>two</p>":                  "one two",
		`<span style="white-space:pre-wrap">a` + "\tb</span>":       "a\tb",
		`x <span style="white-space:pre-wrap">a  ` + "\nb</span> y": "x a  \nb y",
	} {
		if got := Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
	}
}

// Verbatim text reads back exactly, whatever its spaces, line ends and
// characters that HTML gives a meaning.
func TestVerbatimReadsBack(t *testing.T) {
	for _, s := range []string{
		"intro\n  2024: indented Markdown\n\n\n\n    code",
		"tab\tin title", "a  b", "<b>not bold</b> &amp; co", "\u00a0nbsp\u3000ideographic space",
		"- [ ] task\n- [x] done", "line\n\n", "[q](https://a.example/)",
	} {
		want := strings.TrimSpace(s)
		if got := Line(Verbatim(s)); got != want {
			t.Errorf("Line(Verbatim(%q)) = %q", s, got)
		}
		if got := Markdown(VerbatimBlock(s)); got != want {
			t.Errorf("Markdown(VerbatimBlock(%q)) = %q", s, got)
		}
		desc, links := Description(VerbatimBlock(s) + `<p><a href="https://b.example/">B</a></p>`)
		if desc != want || !reflect.DeepEqual(links, []model.Link{{URL: "https://b.example/", Quote: "B"}}) {
			t.Errorf("Description of %q = %q, %v", s, desc, links)
		}
	}
}

func TestDescriptionLinks(t *testing.T) {
	desc, links := Description(`<p>Typed [q](https://a.example/) stays text.</p><p><a href="https://b.example/">B</a><br>` +
		`<a href="https://c.example/">https://c.example/</a><br><a href="https://d.example/"><span style="white-space:pre-wrap">two  spaces</span></a></p>`)
	want := []model.Link{{URL: "https://b.example/", Quote: "B"}, {URL: "https://c.example/"}, {URL: "https://d.example/", Quote: "two  spaces"}}
	if desc != "Typed [q](https://a.example/) stays text." || !reflect.DeepEqual(links, want) {
		t.Errorf("description %q, links %+v", desc, links)
	}
	// Links followed by text are part of the text.
	desc, links = Description(`<p><a href="https://b.example/">B</a></p><p>after</p>`)
	if desc != "[B](https://b.example/)\n\nafter" || links != nil {
		t.Errorf("description %q, links %+v", desc, links)
	}
}

// Unclosed tags and quotes cost linear time: four times the input takes
// about four times as long, where rescanning from each '<' would take
// sixteen (and minutes for a megabyte). Comparing two sizes keeps the
// check fair on a slow machine or under the race detector.
func TestMarkdownIsLinear(t *testing.T) {
	timeOf := func(unit string, size int) time.Duration {
		in := strings.Repeat(unit, size/len(unit))
		start := time.Now()
		Markdown(in)
		return time.Since(start)
	}
	for _, unit := range []string{`<a "`, "<a ", "<script>", "<!--", "</x", `<a href="`, `<p style="white-space:pre">`, "<pre></pre>"} {
		small, big := timeOf(unit, 1<<18), timeOf(unit, 1<<20)
		if big > 10*small+200*time.Millisecond {
			t.Errorf("%q repeated: 256 KiB took %v, 1 MiB %v", unit, small, big)
		}
	}
}

// FuzzMarkdown's seeds are in testdata/fuzz/FuzzMarkdown.
func FuzzMarkdown(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		// Never panics, and whatever it reads back from Verbatim is the text.
		Description(s)
		Line(s)
		if !utf8.ValidString(s) {
			return
		}
		if got, want := Line(Verbatim(s)), strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")); got != want {
			t.Fatalf("Line(Verbatim(%q)) = %q, want %q", s, got, want)
		}
	})
}
