// Package htmltext reduces the HTML fragments timeline files hold (a
// TimelineJS headline, a slide's text) to plain text. Text is only ever
// read as text: scripts, styles and other hidden elements are dropped with
// their content, every other tag is dropped, entities are decoded, and
// nothing is fetched or run. Each function reads its input once, so it
// takes time in proportion to the input's length whatever the input.
//
// White space follows HTML's rule — a run of it is one space — except
// inside <pre> and inside an element styled "white-space: pre" or
// "pre-wrap" (or "break-spaces"), where it is kept as written, line ends
// included. That is how a writer keeps text whose spaces matter, such as
// indented Markdown: Verbatim wraps text so that it reads back unchanged.
package htmltext

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/internal/model"
)

// Line reduces HTML to one line of plain text; only runs kept verbatim
// may hold line ends.
func Line(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(s), " ")
	}
	return finish(convert(s, false).buf)
}

// Markdown turns HTML into Markdown-ish plain text: paragraphs and line
// breaks become newlines (at most one blank line in a row), links
// [text](address) when the address is http(s), bold and italics ** and *,
// headings #, list items "- ".
func Markdown(s string) string {
	return finish(convert(s, true).buf)
}

// Description is Markdown for an event's text, except that a last block
// holding nothing but http(s) links gives the event's links rather than
// text. Only real <a> elements count: a link typed as text stays text.
func Description(s string) (string, []model.Link) {
	h := convert(s, true)
	if h.linksStart < 0 {
		return finish(h.buf), nil
	}
	return finish(h.buf[:min(h.linksStart, len(h.buf))]), h.links
}

// preWrap is the style that keeps white space as written.
const preWrap = `style="white-space:pre-wrap"`

// Verbatim writes text as an inline element that keeps its white space,
// with <, > and & escaped: Line, Markdown and Description read it back
// unchanged (but for white space at the very start or end, which they
// trim). A browser shows it as written, line ends included.
func Verbatim(text string) string {
	return "<span " + preWrap + ">" + html.EscapeString(text) + "</span>"
}

// VerbatimBlock is Verbatim as a paragraph of its own.
func VerbatimBlock(text string) string {
	return "<p " + preWrap + ">" + html.EscapeString(text) + "</p>"
}

// finish trims the text at both ends.
func finish(buf []byte) string { return strings.TrimSpace(string(buf)) }

// Elements whose content is never text a reader should see.
var hiddenElements = map[string]bool{
	"script": true, "style": true, "iframe": true, "object": true, "embed": true,
	"noscript": true, "template": true, "head": true, "svg": true, "math": true, "title": true,
}

// Elements that have no content and so never close.
var voidElements = map[string]bool{
	"br": true, "img": true, "hr": true, "wbr": true, "input": true, "meta": true, "link": true,
	"area": true, "base": true, "col": true, "source": true, "track": true, "param": true,
}

var (
	reHref     = regexp.MustCompile(`(?i)\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)
	reAlt      = regexp.MustCompile(`(?i)\balt\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	reVerbatim = regexp.MustCompile(`(?i)\bstyle\s*=\s*(?:"[^"]*|'[^']*)\bwhite-space\s*:\s*(?:pre|pre-wrap|break-spaces)\s*(?:[;"']|$)`)
)

// converter builds the text of an HTML fragment.
type converter struct {
	buf      []byte
	space    bool // white space was seen and not yet written
	markdown bool
	anchors  []anchor
	// verbatim holds the names of the open elements that keep white
	// space; floor is where the text kept so ends, which line breaks and
	// trimming never reach below.
	verbatim []string
	floor    int
	// skipNewline drops a line end straight after <pre>, as HTML does.
	skipNewline bool

	// The block being written (a paragraph, a list…): where it starts,
	// whether it holds text outside links, and its links.
	blockStart int
	blockText  bool
	blockLinks []model.Link
	// The last finished block with content, if it held only links.
	linksStart int
	links      []model.Link
}

type anchor struct {
	href  string
	start int
}

// convert reduces HTML to text; with markdown it keeps structure as
// Markdown-ish marks. HTML reads a CR or CRLF line end as LF, and so does
// convert.
func convert(s string, markdown bool) *converter {
	if strings.Contains(s, "\r") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	h := &converter{markdown: markdown, linksStart: -1}
	for i := 0; i < len(s); {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 {
			h.text(html.UnescapeString(s[i:]))
			break
		}
		if lt > 0 {
			h.text(html.UnescapeString(s[i : i+lt]))
			i += lt
		}
		if strings.HasPrefix(s[i:], "<!--") {
			end := strings.Index(s[i+4:], "-->")
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		name, closing, attrs, next, ok := scanTag(s, i)
		switch {
		case !ok && next < 0:
			// An unclosed tag runs to the end: the rest is text, and
			// scanning it again from each '<' would take quadratic time.
			h.text(html.UnescapeString(s[i:]))
			i = len(s)
			continue
		case !ok:
			h.text("<") // a '<' that opens no tag is text
			i++
			continue
		}
		i = next
		if hiddenElements[name] && !closing {
			end := indexClosingTag(s[i:], name)
			if end < 0 {
				break
			}
			i += end
			continue
		}
		// An element that keeps white space holds its own tags' line
		// breaks, but not those of its start and end.
		if closing {
			h.trackVerbatim(name, closing, attrs)
			h.tag(name, closing, attrs)
		} else {
			h.tag(name, closing, attrs)
			h.trackVerbatim(name, closing, attrs)
		}
	}
	h.endBlock()
	return h
}

// trackVerbatim opens or closes an element that keeps white space.
func (h *converter) trackVerbatim(name string, closing bool, attrs string) {
	if name == "" || voidElements[name] {
		return
	}
	if !closing {
		if name == "pre" || reVerbatim.MatchString(attrs) {
			h.verbatim = append(h.verbatim, name)
			h.flushSpace()
			h.skipNewline = name == "pre"
		}
		return
	}
	// A closing tag closes the innermost open element of its name, and
	// any left open inside it.
	for i := len(h.verbatim) - 1; i >= 0; i-- {
		if h.verbatim[i] == name {
			h.verbatim = h.verbatim[:i]
			h.space = false
			return
		}
	}
}

// endBlock finishes the block being written.
func (h *converter) endBlock() {
	// A link rewritten as [text](address) may have ended before the block.
	h.blockStart = min(h.blockStart, len(h.buf))
	if len(strings.TrimSpace(string(h.buf[h.blockStart:]))) > 0 {
		h.linksStart, h.links = -1, nil
		if !h.blockText && len(h.blockLinks) > 0 {
			h.linksStart, h.links = h.blockStart, h.blockLinks
		}
	}
	h.blockStart, h.blockText, h.blockLinks = len(h.buf), false, nil
}

// text writes text with HTML's white-space rule — a run of white space is
// one space, and none at the start of a line — or as it is inside an
// element that keeps white space.
func (h *converter) text(t string) {
	for _, r := range t {
		if len(h.verbatim) > 0 {
			if h.skipNewline && r == '\n' {
				h.skipNewline = false
				continue
			}
			h.skipNewline = false
			h.buf = utf8.AppendRune(h.buf, r)
			h.floor = len(h.buf)
			if len(h.anchors) == 0 && !unicode.IsSpace(r) {
				h.blockText = true
			}
			continue
		}
		if unicode.IsSpace(r) {
			h.space = true
			continue
		}
		h.flushSpace()
		h.buf = utf8.AppendRune(h.buf, r)
		if len(h.anchors) == 0 {
			h.blockText = true
		}
	}
}

func (h *converter) flushSpace() {
	if h.space && len(h.buf) > 0 && h.buf[len(h.buf)-1] != '\n' && h.buf[len(h.buf)-1] != ' ' {
		h.buf = append(h.buf, ' ')
	}
	h.space = false
}

func (h *converter) mark(s string) {
	if h.markdown {
		h.flushSpace()
		h.buf = append(h.buf, s...)
	}
}

// breakLine ends the line: n more line ends in Markdown, keeping at most
// one blank line in a row and no white space at the end of a line; a
// space on one line. Text kept verbatim is left as it is.
func (h *converter) breakLine(n int) {
	if len(h.verbatim) > 0 {
		h.buf = append(h.buf, '\n')
		h.floor = len(h.buf)
		return
	}
	if !h.markdown {
		h.space = true
		return
	}
	h.space = false
	h.floor = min(h.floor, len(h.buf))
	end := len(h.buf)
	for end > h.floor && h.buf[end-1] == ' ' {
		end--
	}
	h.buf = h.buf[:end]
	if end == 0 {
		return // no blank lines at the start
	}
	have := 0
	for have < 2 && end-have > 0 && h.buf[end-have-1] == '\n' {
		have++
	}
	for ; n > 0 && have < 2; n-- {
		h.buf = append(h.buf, '\n')
		have++
	}
}

func (h *converter) tag(name string, closing bool, attrs string) {
	switch name {
	case "br":
		h.breakLine(1)
	case "p", "div", "section", "article", "header", "footer", "blockquote", "pre", "table", "ul", "ol", "dl":
		h.endBlock()
		h.breakLine(2)
	case "h1", "h2", "h3", "h4", "h5", "h6":
		h.endBlock()
		h.breakLine(2)
		if !closing {
			h.mark(strings.Repeat("#", int(name[1]-'0')) + " ")
		}
	case "tr", "dt", "dd":
		h.breakLine(1)
	case "li":
		if !closing {
			h.breakLine(1)
			h.mark("- ")
		}
	case "b", "strong":
		h.mark("**")
	case "i", "em":
		h.mark("*")
	case "img":
		if m := reAlt.FindStringSubmatch(attrs); m != nil {
			h.space = true
			h.text(html.UnescapeString(m[1] + m[2]))
		}
	case "a":
		h.anchor(closing, attrs)
	}
}

// anchor opens or closes a link. A link to an http(s) address becomes
// [text](address) and one of the block's links; any other keeps its text.
func (h *converter) anchor(closing bool, attrs string) {
	if !h.markdown {
		return
	}
	if !closing {
		h.flushSpace()
		href := ""
		if m := reHref.FindStringSubmatch(attrs); m != nil {
			href = strings.TrimSpace(html.UnescapeString(m[1] + m[2] + m[3]))
		}
		h.anchors = append(h.anchors, anchor{href: href, start: len(h.buf)})
		return
	}
	n := len(h.anchors)
	if n == 0 {
		return
	}
	a := h.anchors[n-1]
	h.anchors = h.anchors[:n-1]
	if a.start > len(h.buf) {
		return
	}
	text := strings.TrimSpace(string(h.buf[a.start:]))
	switch {
	case text == "":
	case model.CheckLink(a.href) != "" || strings.Contains(text, "\n") || len(h.anchors) > 0:
		// Not a link Hindsight keeps: its text is plain text.
		h.blockText = true
	case text == a.href:
		h.blockLinks = append(h.blockLinks, model.Link{URL: a.href})
	default:
		h.blockLinks = append(h.blockLinks, model.Link{URL: a.href, Quote: text})
		kept := h.floor > a.start // the text holds white space kept verbatim
		h.buf = append(h.buf[:a.start], "["+text+"]("+a.href+")"...)
		if kept {
			h.floor = len(h.buf)
		}
	}
}

// scanTag reads the tag that starts at s[i] ('<'): its lower-case name,
// whether it closes, its attribute text and where it ends. ok is false for
// a '<' that opens no tag; next is then -1 if the tag runs to the end of s
// without a '>'. Declarations such as <!DOCTYPE> come back with an empty
// name.
func scanTag(s string, i int) (name string, closing bool, attrs string, next int, ok bool) {
	j := i + 1
	if j < len(s) && s[j] == '!' {
		end := strings.IndexByte(s[j:], '>')
		if end < 0 {
			return "", false, "", -1, false
		}
		return "", false, "", j + end + 1, true
	}
	if j < len(s) && s[j] == '/' {
		closing = true
		j++
	}
	k := j
	for k < len(s) && (isASCIILetter(s[k]) || k > j && s[k] >= '0' && s[k] <= '9') {
		k++
	}
	if k == j {
		return "", false, "", 0, false
	}
	var quote byte
	for m := k; m < len(s); m++ {
		c := s[m]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return strings.ToLower(s[j:k]), closing, s[k:m], m + 1, true
		case c == '<':
			// A new tag starts before this one closed: this '<' was text.
			return "", false, "", 0, false
		}
	}
	return "", false, "", -1, false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// indexClosingTag finds "</name" in s, ignoring case.
func indexClosingTag(s, name string) int {
	for i := 0; ; {
		k := strings.Index(s[i:], "</")
		if k < 0 {
			return -1
		}
		i += k
		if rest := s[i+2:]; len(rest) >= len(name) && strings.EqualFold(rest[:len(name)], name) {
			return i
		}
		i += 2
	}
}
