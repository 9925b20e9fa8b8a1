package linkgate

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	// Tests start under a C locale, as the app may.
	_ "github.com/hindsight-app/hindsight/internal/localefix"
	"github.com/hindsight-app/hindsight/internal/ui/uitest"
)

// walk calls visit on every segment of a rich-text tree, at any depth.
func walk(segs []widget.RichTextSegment, visit func(widget.RichTextSegment)) {
	for _, s := range segs {
		visit(s)
		switch c := s.(type) {
		case *widget.ListSegment:
			walk(c.Items, visit)
		case *widget.ParagraphSegment:
			walk(c.Texts, visit)
		default:
			if in, ok := s.(interface {
				Segments() []widget.RichTextSegment
			}); ok {
				walk(in.Segments(), visit)
			}
		}
	}
}

// checkTree fails when anything in the tree could act on its own: a link
// that is not http(s) with a host, a link that would open without the gate,
// or an image.
func checkTree(t testing.TB, input string, segs []widget.RichTextSegment) (links int) {
	t.Helper()
	walk(segs, func(s widget.RichTextSegment) {
		switch s := s.(type) {
		case *widget.HyperlinkSegment:
			links++
			if !Allowed(s.URL) {
				t.Errorf("%q: a link to %v survives", input, s.URL)
			}
			if s.OnTapped == nil {
				t.Errorf("%q: the link to %v would open without asking", input, s.URL)
			}
		case *widget.ImageSegment:
			t.Errorf("%q: an image (%v) survives", input, s.Source)
		}
	})
	return links
}

func newGate(t *testing.T) (*Gate, fyne.Window, *[]string) {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(600, 400))
	var opened []string
	return NewWithOpener(w, func(u *url.URL) error { opened = append(opened, u.String()); return nil }), w, &opened
}

// TestLinksHiddenInListsArePlainText is the description from the report:
// links inside list items escaped the old filter, which looked only at the
// top level.
func TestLinksHiddenInListsArePlainText(t *testing.T) {
	g, _, _ := newGate(t)
	const input = "- item [b](file:///etc/passwd)\n- [c](javascript:alert(1))\n"
	rt := g.Markdown(input)
	if n := checkTree(t, input, rt.Segments); n != 0 {
		t.Errorf("%d links left in the tree", n)
	}
	if n := len(uitest.ObjectsIn[*widget.Hyperlink](rt)); n != 0 {
		t.Errorf("%d hyperlink widgets drawn", n)
	}
	var sb strings.Builder
	walk(rt.Segments, func(s widget.RichTextSegment) { sb.WriteString(s.Textual()) })
	text := sb.String()
	for _, want := range []string{"item", "b", "c"} {
		if !strings.Contains(text, want) {
			t.Errorf("the text %q lost %q", text, want)
		}
	}
}

func TestEveryContainerIsSanitised(t *testing.T) {
	g, _, _ := newGate(t)
	for _, input := range []string{
		"- a\n  - nested [x](file:///etc/shadow)\n    - deeper [y](smb://host/share)",
		"1. first\n2. [two](vscode://open?file=/etc/passwd)",
		"> quoted [q](javascript:alert(1))\n> - and [l](file:///c:/windows)",
		"- item one\n\n  second paragraph [p](ms-settings:privacy)\n\n  third ![img](file:///x.png)",
		"<file:///etc/passwd> and <javascript:alert(1)>",
		"[ref][1]\n\n[1]: file:///etc/passwd",
		"![remote](https://tracker.example/pixel.png)",
		"**bold [b](data:text/html,<script>alert(1)</script>)**",
		"# heading [h](ftp://example.com/x)",
		"[ok](https://example.com/a?b=c) and [also](http://example.org)",
		"[no host](https:///path) [opaque](https:opaque)",
	} {
		rt := g.Markdown(input)
		checkTree(t, input, rt.Segments)
		for _, seg := range rt.Segments {
			if _, ok := seg.(*widget.ImageSegment); ok {
				t.Errorf("%q: an image survives at the top", input)
			}
		}
	}
	// The two good links stay links.
	if n := checkTree(t, "ok", g.Markdown("[ok](https://example.com/a?b=c) and [also](http://example.org)").Segments); n != 2 {
		t.Errorf("%d links kept, want the 2 web links", n)
	}
}

// tapButton taps the button labelled text in the window's top overlay.
func tapButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is showing")
	}
	test.Tap(uitest.Button(t, top, text))
}

func TestOpeningAsksFirstAndShowsTheAddress(t *testing.T) {
	g, w, opened := newGate(t)
	rt := g.Markdown("see [the post](https://example.com/post?id=1)")
	var link *widget.HyperlinkSegment
	walk(rt.Segments, func(s widget.RichTextSegment) {
		if h, ok := s.(*widget.HyperlinkSegment); ok {
			link = h
		}
	})
	if link == nil {
		t.Fatal("the web link was lost")
	}
	link.OnTapped()
	if len(*opened) != 0 {
		t.Fatal("opened before the person said yes")
	}
	tapButton(t, w, "Cancel")
	if len(*opened) != 0 {
		t.Fatal("opened after Cancel")
	}
	link.OnTapped()
	tapButton(t, w, "Open")
	if len(*opened) != 1 || (*opened)[0] != "https://example.com/post?id=1" {
		t.Fatalf("opened %v", *opened)
	}
}

func TestRefusedAddressesNeverReachTheOpener(t *testing.T) {
	g, w, opened := newGate(t)
	for _, raw := range []string{"file:///etc/passwd", "javascript:alert(1)", "smb://host/x", "https:///nohost"} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		g.Open(u)
		if top := w.Canvas().Overlays().Top(); top == nil {
			t.Errorf("%s: refused without a word", raw)
		} else {
			w.Canvas().Overlays().Remove(top)
		}
	}
	if len(*opened) != 0 {
		t.Errorf("opened %v", *opened)
	}
	// Link shows such an address as text.
	if _, ok := g.Link("", "file:///etc/passwd").(*widget.Hyperlink); ok {
		t.Error("Link made a hyperlink of a file address")
	}
	h, ok := g.Link("", "https://example.com/a").(*widget.Hyperlink)
	if !ok || h.OnTapped == nil {
		t.Fatal("a web address is not a gated link")
	}
}

func TestDescribeShowsLookalikeHosts(t *testing.T) {
	test.NewTempApp(t)
	u, _ := url.Parse("https://аpple.com/login") // the first letter is Cyrillic
	d := Describe(u)
	if !strings.Contains(d, "xn--") {
		t.Errorf("the ASCII form of the host is not shown: %q", d)
	}
	if Describe(nil) != "" {
		t.Error("Describe(nil) is not empty")
	}
}

func TestOpenerErrorIsShown(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(600, 400))
	g := NewWithOpener(w, func(*url.URL) error { return errors.New("no browser") })
	u, _ := url.Parse("https://example.com")
	g.Open(u)
	tapButton(t, w, "Open")
	if w.Canvas().Overlays().Top() == nil {
		t.Error("a failure to open was not shown")
	}
}

// FuzzMarkdownLinks: for any description, nothing in the rendered tree can
// act on its own.
func FuzzMarkdownLinks(f *testing.F) {
	for _, s := range []string{
		"- item [b](file:///etc/passwd)\n- [c](javascript:alert(1))\n",
		"> [q](javascript:x)\n> - [l](file:///y)",
		"- a\n\n  b [p](smb://h/s)\n\n  ![i](file:///x.png)",
		"[ok](https://example.com)",
		"<file:///etc/passwd>",
	} {
		f.Add(s)
	}
	test.NewTempApp(f)
	w := test.NewTempWindow(f, widget.NewLabel(""))
	g := NewWithOpener(w, func(*url.URL) error { return nil })
	f.Fuzz(func(t *testing.T, input string) {
		checkTree(t, input, g.Markdown(input).Segments)
	})
}
