package prose

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer/html"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Format is the markup of the input text.
type Format string

// The formats read. Ranges always refer to the plain text PlainText gives,
// which for plain text is the input itself with its line ends made "\n".
const (
	FormatAuto     Format = ""         // HTML if it looks like HTML, else plain text
	FormatPlain    Format = "plain"    // .txt
	FormatMarkdown Format = "markdown" // .md
	FormatHTML     Format = "html"     // .html, .htm
)

// FormatForFile guesses the format from a file name's extension.
func FormatForFile(name string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".mdown":
		return FormatMarkdown
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".txt", ".text":
		return FormatPlain
	}
	return FormatAuto
}

// PlainText turns the input into the text that is read and quoted: HTML
// and Markdown lose their markup (block elements become line breaks,
// ordered list items keep their numbers), every text is valid UTF-8 with
// "\n" line ends.
func PlainText(text string, format Format) (string, Format, error) {
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	if format == FormatAuto {
		format = FormatPlain
		if looksLikeHTML(text) {
			format = FormatHTML
		}
	}
	switch format {
	case FormatPlain:
		return noBreakSpaces(text), format, nil
	case FormatHTML:
		return noBreakSpaces(htmlText(text)), format, nil
	case FormatMarkdown:
		var b bytes.Buffer
		// Raw HTML inside Markdown is passed on to the HTML reader, which
		// only ever takes text out of it.
		md := goldmark.New(goldmark.WithRendererOptions(html.WithUnsafe()))
		if err := md.Convert([]byte(text), &b); err != nil {
			return "", format, fmt.Errorf("reading Markdown: %w", err)
		}
		return noBreakSpaces(htmlText(b.String())), format, nil
	}
	return "", format, fmt.Errorf("unknown format %q (plain, markdown or html)", format)
}

// noBreakSpaces makes a no-break space (&nbsp;) a plain one, to read.
func noBreakSpaces(s string) string { return strings.ReplaceAll(s, "\u00a0", " ") }

// looksLikeHTML is true for text that opens with a tag or a doctype and
// closes at least one element.
func looksLikeHTML(text string) bool {
	head := strings.ToLower(strings.TrimLeftFunc(text, unicode.IsSpace))
	if len(head) > 512 {
		head = head[:512]
	}
	if strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") {
		return true
	}
	return strings.HasPrefix(head, "<") && strings.Contains(text, "</")
}

// Elements whose content is not prose.
var skippedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Select: true, atom.Button: true, atom.Canvas: true,
}

// Elements that start a new paragraph.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Header: true, atom.Footer: true, atom.Nav: true, atom.Aside: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Table: true, atom.Tr: true, atom.Blockquote: true, atom.Pre: true, atom.Hr: true,
	atom.Figure: true, atom.Figcaption: true, atom.Title: true, atom.Address: true,
	atom.Details: true, atom.Summary: true, atom.Form: true, atom.Fieldset: true,
}

// htmlText takes the text out of an HTML document. White space is
// collapsed as a browser would, except inside <pre>; each block element
// becomes its own paragraph; ordered list items keep their number, so
// that "1. …" still reads as a numbered prediction.
func htmlText(doc string) string {
	z := xhtml.NewTokenizer(strings.NewReader(doc))
	var out strings.Builder
	skip, pre := 0, 0
	type list struct{ ordered, counter int }
	var lists []list
	pendingSpace := false
	paragraph := func() {
		s := out.String()
		switch {
		case s == "" || strings.HasSuffix(s, "\n\n"):
		case strings.HasSuffix(s, "\n"):
			out.WriteByte('\n')
		default:
			out.WriteString("\n\n")
		}
		pendingSpace = false
	}
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return strings.TrimSpace(out.String()) + "\n"
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skippedElements[a] {
				if tt == xhtml.StartTagToken {
					skip++
				}
				continue
			}
			if skip > 0 {
				continue
			}
			switch {
			case a == atom.Br:
				out.WriteByte('\n')
				pendingSpace = false
			case a == atom.Ol || a == atom.Ul:
				paragraph()
				ordered := 0
				if a == atom.Ol {
					ordered = 1
				}
				lists = append(lists, list{ordered: ordered, counter: startAttr(z)})
			case a == atom.Li:
				paragraph()
				if n := len(lists); n > 0 && lists[n-1].ordered == 1 {
					lists[n-1].counter++
					out.WriteString(strconv.Itoa(lists[n-1].counter) + ". ")
				}
			case a == atom.Pre:
				paragraph()
				pre++
			case blockElements[a]:
				paragraph()
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skippedElements[a] {
				if skip > 0 {
					skip--
				}
				continue
			}
			if skip > 0 {
				continue
			}
			switch {
			case a == atom.Ol || a == atom.Ul:
				if len(lists) > 0 {
					lists = lists[:len(lists)-1]
				}
				paragraph()
			case a == atom.Pre:
				if pre > 0 {
					pre--
				}
				paragraph()
			case blockElements[a]:
				paragraph()
			}
		case xhtml.TextToken:
			if skip > 0 {
				continue
			}
			text := string(z.Text())
			if pre > 0 {
				out.WriteString(text)
				continue
			}
			for i, field := range strings.FieldsFunc(text, isHTMLSpace) {
				if i > 0 || (pendingSpace || startsWithHTMLSpace(text)) && !atLineStart(&out) {
					out.WriteByte(' ')
				}
				out.WriteString(field)
			}
			pendingSpace = endsWithHTMLSpace(text) && strings.TrimFunc(text, isHTMLSpace) != ""
		}
	}
}

// startAttr is an ordered list's first number minus one (<ol start="3">).
func startAttr(z *xhtml.Tokenizer) int {
	for {
		key, val, more := z.TagAttr()
		if string(key) == "start" {
			if n, err := strconv.Atoi(strings.TrimSpace(string(val))); err == nil && n > 0 && n < 1e6 {
				return n - 1
			}
		}
		if !more {
			return 0
		}
	}
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

func startsWithHTMLSpace(s string) bool { return s != "" && isHTMLSpace(rune(s[0])) }
func endsWithHTMLSpace(s string) bool   { return s != "" && isHTMLSpace(rune(s[len(s)-1])) }

func atLineStart(b *strings.Builder) bool {
	s := b.String()
	return s == "" || strings.HasSuffix(s, "\n")
}
