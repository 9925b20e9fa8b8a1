// Package linkgate is the one place that decides which addresses Hindsight
// may hand to the system's opener, and how.
//
// Every address the app shows came from its database, and anything in the
// database may have come from an imported file or a paste. Such text is
// data, never an action: only http and https addresses with a host are ever
// opened, and only after the person has seen the full address and said yes.
// Any other link in a description (file:, javascript:, smb:, a custom
// scheme) is shown as plain text, wherever it sits in the Markdown tree, and
// images are shown as their alt text, so nothing is fetched either.
package linkgate

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/net/idna"
)

// Allowed reports whether u may ever be opened: a web address (http or
// https) that names a host.
func Allowed(u *url.URL) bool {
	return u != nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.Opaque == ""
}

// Gate opens addresses for one window, after asking.
type Gate struct {
	win fyne.Window
	// open hands an address to the system; the app's OpenURL outside tests.
	open func(*url.URL) error
}

// New returns the gate of win; addresses go to the app's opener.
func New(win fyne.Window) *Gate {
	return &Gate{win: win, open: func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) }}
}

// NewWithOpener is New with another opener, for tests.
func NewWithOpener(win fyne.Window, open func(*url.URL) error) *Gate {
	return &Gate{win: win, open: open}
}

// Open asks before opening u in the browser, showing the full address and
// its host (in ASCII when it holds other letters, so a look-alike host is
// told apart). An address that is not Allowed is refused with a message.
func (g *Gate) Open(u *url.URL) {
	if !Allowed(u) {
		dialog.ShowInformation(lang.X("link.refused_title", "Not opened"),
			lang.X("link.refused", "Only web addresses (http and https) are opened. This one was not:")+"\n\n"+Describe(u), g.win)
		return
	}
	msg := lang.X("link.confirm", "Open this address in your browser?") + "\n\n" + Describe(u)
	d := dialog.NewConfirm(lang.X("link.confirm_title", "Open link"), msg, func(ok bool) {
		if !ok {
			return
		}
		if err := g.open(u); err != nil {
			dialog.ShowError(err, g.win)
		}
	}, g.win)
	d.SetConfirmText(lang.X("link.open", "Open"))
	d.SetDismissText(lang.X("dialog.cancel", "Cancel"))
	d.Show()
}

// Describe is the full address, then its host, written in ASCII when it is
// an internationalised name.
func Describe(u *url.URL) string {
	if u == nil {
		return ""
	}
	s := u.String()
	host := u.Hostname()
	if host == "" {
		return s
	}
	shown := host
	if ascii, err := idna.ToASCII(host); err == nil && ascii != host {
		shown = ascii + " (" + host + ")"
	}
	return s + "\n" + lang.X("link.host", "Site") + ": " + shown
}

// Link shows a stored address: a link that opens through the gate when it
// is Allowed, plain text otherwise. text is what the link reads; empty
// means a short form of the address.
func (g *Gate) Link(text, raw string) fyne.CanvasObject {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || !Allowed(u) {
		l := widget.NewLabel(raw)
		l.Wrapping = fyne.TextWrapBreak
		l.TextStyle = fyne.TextStyle{Italic: true}
		return l
	}
	if text == "" {
		text = Short(u)
	}
	h := widget.NewHyperlink(text, u)
	h.Wrapping = fyne.TextWrapBreak
	h.OnTapped = func() { g.Open(u) }
	return h
}

// Short is an address cut to host and path, at most 60 characters.
func Short(u *url.URL) string {
	s := u.Host + u.EscapedPath()
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return s
}

// Markdown renders text (a description) as rich text in which every link
// opens through the gate and nothing else acts.
func (g *Gate) Markdown(text string) *widget.RichText { return Render(text, g.Open) }

// Render is Markdown with the links handed to open, which must be a gate's
// Open or do nothing.
func Render(text string, open func(*url.URL)) *widget.RichText {
	rt := widget.NewRichTextFromMarkdown(text)
	rt.Wrapping = fyne.TextWrapWord
	rt.Segments = Sanitize(rt.Segments, open)
	rt.Refresh()
	return rt
}

// Sanitize rebuilds a rich-text tree so that nothing in it can act on its
// own: at any depth, a link that is not Allowed becomes plain text, an
// allowed one opens only through open, and an image becomes its alt text.
// Containers it does not know (a segment type a later Fyne adds) are
// flattened to their text rather than trusted.
func Sanitize(segs []widget.RichTextSegment, open func(*url.URL)) []widget.RichTextSegment {
	out := make([]widget.RichTextSegment, 0, len(segs))
	for _, seg := range segs {
		out = append(out, sanitize(seg, open))
	}
	return out
}

func sanitize(seg widget.RichTextSegment, open func(*url.URL)) widget.RichTextSegment {
	switch s := seg.(type) {
	case *widget.TextSegment, *widget.SeparatorSegment:
		return seg
	case *widget.HyperlinkSegment:
		if !Allowed(s.URL) {
			return &widget.TextSegment{Text: s.Text, Style: widget.RichTextStyleInline}
		}
		u := s.URL
		return &widget.HyperlinkSegment{Alignment: s.Alignment, Text: s.Text, URL: u, OnTapped: func() { open(u) }}
	case *widget.ImageSegment:
		return &widget.TextSegment{Text: s.Title, Style: widget.RichTextStyleInline}
	case *widget.ListSegment:
		list := &widget.ListSegment{Items: Sanitize(s.Items, open), Ordered: s.Ordered}
		list.SetStartNumber(s.StartNumber())
		return list
	case *widget.ParagraphSegment:
		return &widget.ParagraphSegment{Texts: Sanitize(s.Texts, open)}
	}
	return &widget.TextSegment{Text: plainText(seg), Style: widget.RichTextStyleInline}
}

// plainText is the text of a segment and of everything inside it.
func plainText(seg widget.RichTextSegment) string {
	var sb strings.Builder
	sb.WriteString(seg.Textual())
	if c, ok := seg.(interface {
		Segments() []widget.RichTextSegment
	}); ok {
		for _, inner := range c.Segments() {
			if sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(plainText(inner))
		}
	}
	return sb.String()
}
