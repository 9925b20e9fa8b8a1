package markwhen

import (
	"regexp"
	"strings"

	"github.com/hindsight-app/hindsight/internal/model"
)

// Link lines are how Markwhen carries an event's links: a line that holds
// nothing but an address, or a Markdown link "[quote](address)", at the
// end of its description.
var (
	reBareLink     = regexp.MustCompile(`^(https?://\S+)$`)
	reMarkdownLink = regexp.MustCompile(`^\[(.*)\]\((https?://\S+)\)$`)
)

// linkLine formats l as a link line; ok is false when the line would not
// read back as l (a quote over several lines, an address with a space).
func linkLine(l model.Link) (line string, ok bool) {
	line = l.URL
	if l.Quote != "" {
		line = "[" + l.Quote + "](" + l.URL + ")"
	}
	back, ok := parseLinkLine(line)
	return line, ok && back == l && !strings.ContainsAny(line, "\r\n")
}

// parseLinkLine reads a link line; ok is false for any other text.
func parseLinkLine(s string) (model.Link, bool) {
	s = strings.TrimSpace(s)
	if m := reBareLink.FindStringSubmatch(s); m != nil && model.CheckLink(m[1]) == "" {
		return model.Link{URL: m[1]}, true
	}
	if m := reMarkdownLink.FindStringSubmatch(s); m != nil && model.CheckLink(m[2]) == "" {
		return model.Link{URL: m[2], Quote: m[1]}, true
	}
	return model.Link{}, false
}

// takeTrailingLinks splits the link lines at the end of a description
// from the text above them.
func takeTrailingLinks(lines []string) (rest []string, links []model.Link) {
	end := len(lines)
	for end > 0 && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	i := end
	for i > 0 {
		if _, ok := parseLinkLine(lines[i-1]); !ok {
			break
		}
		i--
	}
	for _, s := range lines[i:end] {
		l, _ := parseLinkLine(s)
		links = append(links, l)
	}
	return lines[:i], links
}
