package prose

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Aside is page furniture set aside, with the reason.
type Aside struct {
	Range
	Why string // what it is, in English
}

// Headings after which a web page has only furniture: related articles,
// comments, copyright notices. A line must be nothing but the heading.
var reTrailerHeading = regexp.MustCompile(`^(?:相关文章|相关推荐|相关阅读|推荐阅读|延伸阅读|猜你喜欢|热门文章|热门推荐|往期回顾|往期推荐|往期精彩|精彩推荐|全部评论|发表评论|版权声明|免责声明|(?i:related (?:articles|posts|stories|reading)|read (?:more|next)|more (?:from|stories)|you (?:may|might) also like|recommended(?: for you| reading)?|further reading|popular posts|share this(?: article| post)?|comments|leave a (?:comment|reply)|about the author))\s*[:：]?\s*(?:[(（]?\d*[)）]?)$`)

// Lines that open a repost site's closing notice.
var reTrailerLine = regexp.MustCompile(`^(?:本文来自互联网用户投稿|本文由.{0,20}(?:转载|投稿)|到了这里，?,?关于.{0,80}的文章就介绍完了|如若转载，?,?请注明出处)`)

// Furniture splits text into the parts to read and the furniture set
// aside: everything after a trailer heading in the second half of the
// text, and runs of three or more lines that start with the same words
// (a list of links to a series).
func Furniture(text string) (read []Range, skipped []Aside) {
	lines := Lines(text, Range{Start: 0, End: len(text)})
	cut := len(text)
	for _, ln := range lines {
		t := Trim(text, ln)
		if t.Start < len(text)*2/5 || t.Empty() {
			continue
		}
		line := t.Text(text)
		if reTrailerHeading.MatchString(line) || reTrailerLine.MatchString(line) {
			cut = t.Start
			skipped = append(skipped, Aside{Range{Start: t.Start, End: len(text)}, "page furniture from “" + Shorten(line, 24) + "” on"})
			break
		}
	}
	skipped = append(skipped, linkLists(text, lines, cut)...)
	// The readable parts are what the skipped parts leave.
	start := 0
	for _, s := range sortedParts(skipped) {
		if s.Start > start {
			read = append(read, Range{Start: start, End: s.Start})
		}
		start = max(start, s.End)
	}
	if start < len(text) {
		read = append(read, Range{Start: start, End: len(text)})
	}
	return read, skipped
}

func sortedParts(parts []Aside) []Aside {
	out := append([]Aside(nil), parts...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Start < out[j-1].Start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// linkLists finds runs of at least three non-blank lines before cut that
// share a prefix of four or more characters after any list marker.
func linkLists(text string, lines []Range, cut int) []Aside {
	type item struct {
		Range
		body string
	}
	var items []item
	for _, ln := range lines {
		t := Trim(text, ln)
		if t.Empty() || t.Start >= cut {
			continue
		}
		body := t.Text(text)
		if m := ListMarker.FindStringIndex(body); m != nil {
			body = body[m[1]:]
		}
		if utf8.RuneCountInString(body) > 80 {
			// A paragraph, not a link: it ends any list.
			items = append(items, item{t, "\x00"})
			continue
		}
		items = append(items, item{t, body})
	}
	var out []Aside
	for i := 0; i < len(items); {
		j := i + 1
		prefix := items[i].body
		for j < len(items) {
			p := commonPrefix(prefix, items[j].body)
			if utf8.RuneCountInString(p) < 4 {
				break
			}
			prefix = p
			j++
		}
		if j-i >= 3 {
			out = append(out, Aside{Range{Start: items[i].Start, End: items[j-1].End},
				"a list of " + itoa(j-i) + " lines starting “" + Shorten(prefix, 24) + "”"})
			i = j
			continue
		}
		i++
	}
	return out
}

func commonPrefix(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	for n > 0 && n < len(a) && !utf8.RuneStart(a[n]) {
		n-- // back to the start of a character
	}
	return a[:n]
}

func Shorten(s string, runes int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= runes {
		return s
	}
	r := []rune(s)
	return string(r[:runes-1]) + "…"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
