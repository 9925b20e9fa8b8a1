package htmltext

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
)

// markdownLink finds [text](address) in converted text.
var markdownLink = regexp.MustCompile(`\]\(([^)\s]*)\)`)

// TestHTMLNeverYieldsActiveLinks: TimelineJS text is HTML from the web.
// Whatever it holds, the description made from it carries links only to
// http(s) addresses, as Markdown or as the event's links, and no script,
// style or event handler text survives.
func TestHTMLNeverYieldsActiveLinks(t *testing.T) {
	for _, in := range []string{
		`<a href="javascript:alert(1)">click</a>`,
		`<a href=" JAVASCRIPT:alert(1) ">click</a>`,
		`<a href="&#106;avascript:alert(1)">entity</a>`,
		`<a href="jav&#x09;ascript:alert(1)">tab</a>`,
		`<a href='file:///etc/passwd'>file</a>`,
		`<a href=smb://host/share>smb</a>`,
		`<a href="data:text/html,<script>alert(1)</script>">data</a>`,
		`<a href="vscode://open?file=/etc/passwd">custom scheme</a>`,
		`<a HREF="https://ok.example/a">fine</a> <a href="//no-scheme.example">relative</a>`,
		`<img src="file:///x.png" onerror="alert(1)" alt="an image">`,
		`<p onclick="alert(1)">text</p><script>alert(2)</script><style>p{}</style>`,
		`<a href="https://ok.example/">ok</a><a href="javascript:void(0)">bad</a>`,
		`<ul><li><a href="file:///c:/windows/system32">nested</a></li></ul>`,
	} {
		desc, links := Description(in)
		for _, m := range markdownLink.FindAllStringSubmatch(desc, -1) {
			if model.CheckLink(m[1]) != "" {
				t.Errorf("%q: the description links to %q: %q", in, m[1], desc)
			}
		}
		for _, l := range links {
			if model.CheckLink(l.URL) != "" {
				t.Errorf("%q: an event link to %q", in, l.URL)
			}
		}
		for _, bad := range []string{"alert(", "onerror", "onclick", "<script", "p{}"} {
			if strings.Contains(desc, bad) && !strings.Contains(in, "data:text/html") {
				t.Errorf("%q: %q survives in %q", in, bad, desc)
			}
		}
	}
}
