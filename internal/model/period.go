package model

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"time"

	"golang.org/x/image/colornames"

	"github.com/hindsight-app/hindsight/internal/when"
)

// Period is a named stretch of time that the timeline draws as a labelled
// band behind the events: an era, a phase, a section of someone's
// timeline ("the 百模大战 of 2023"). It is a record of its own, not an
// event: nothing happens at a period, events happen within it.
type Period struct {
	ID    int64     `json:"id"`
	Title string    `json:"title"`
	Start when.Date `json:"start"`
	// End is set when the period runs on past its start ("from Start
	// until End"); zero when Start alone is its time (2023, 2023-03).
	End when.Date `json:"end,omitzero"`
	// Color is "#rrggbb", or "" for the timeline's own band colour.
	Color string `json:"color,omitempty"`
	// Lane is the name of the lane the band belongs to (an actor, a
	// category or a tag, as the timeline groups them); "" spans every
	// lane.
	Lane        string    `json:"lane,omitempty"`
	Description string    `json:"description,omitempty"`
	Links       []Link    `json:"links"`
	CreatedAt   time.Time `json:"created_at,omitzero"`
	UpdatedAt   time.Time `json:"updated_at,omitzero"`
}

// Earliest is the first day of the period.
func (p Period) Earliest() when.Day { return p.Start.Earliest() }

// Latest is the last day of the period, counting its end.
func (p Period) Latest() when.Day { return spanLatest(p.Start, p.End) }

// Normalize tidies free text typed by a person: trims the text fields,
// writes a colour as "#rrggbb" when it can be read as one, and drops empty
// links. Call it before Validate.
func (p *Period) Normalize() {
	trimAll(&p.Title, &p.Lane, &p.Description)
	if c, err := ParseColor(p.Color); err == nil {
		p.Color = c
	} else {
		p.Color = strings.TrimSpace(p.Color)
	}
	p.Links = tidyLinks(p.Links)
}

// Validate reports every problem with the period, or nil.
func (p Period) Validate() error {
	var pr problems
	pr.title(p.Title)
	if p.Start.IsZero() {
		pr.add("start", "error.date_missing", "the start must not be empty")
	}
	if !p.End.IsZero() && !p.Start.IsZero() && p.End.Latest() < p.Start.Earliest() {
		pr.add("end", "error.end_before_start", fmt.Sprintf("end (%s) is before the start (%s)", p.End, p.Start))
	}
	if p.Color != "" && !isHexColor(p.Color) {
		pr.add("color", "error.color", fmt.Sprintf("colour %q is not a colour (write #rrggbb, #rgb or a name such as teal)", p.Color))
	}
	if runeCount(p.Lane) > MaxTitleRunes {
		pr.add("lane", "error.too_long", fmt.Sprintf("lane is longer than %d characters", MaxTitleRunes))
	}
	if runeCount(p.Description) > MaxDescriptionRunes {
		pr.add("description", "error.too_long", fmt.Sprintf("description is longer than %d characters", MaxDescriptionRunes))
	}
	checkLinks(&pr, "links", p.Links)
	return pr.err()
}

// ColorRGB reads a colour as ParseColor writes it ("#rrggbb"), opaque.
func ColorRGB(hex string) (color.NRGBA, bool) {
	if len(hex) != 7 || hex[0] != '#' {
		return color.NRGBA{}, false
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return color.NRGBA{}, false
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}, true
}

// ParseColor reads a colour as people and other timeline tools write it:
// "#rrggbb", "#rgb", or a CSS colour name ("teal", "mediumvioletred"),
// and gives it as "#rrggbb" in lower case. Empty text is no colour ("").
func ParseColor(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "":
		return "", nil
	case isHexColor(s):
		return s, nil
	case len(s) == 4 && s[0] == '#' && isHexDigits(s[1:]):
		return "#" + string([]byte{s[1], s[1], s[2], s[2], s[3], s[3]}), nil
	}
	if c, ok := colornames.Map[strings.ReplaceAll(s, " ", "")]; ok {
		return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B), nil
	}
	return "", fmt.Errorf("cannot read %q as a colour (write #rrggbb, #rgb or a name such as teal)", s)
}

// isHexColor reports "#rrggbb" in lower case.
func isHexColor(s string) bool {
	return len(s) == 7 && s[0] == '#' && isHexDigits(s[1:]) && strings.ToLower(s) == s
}

func isHexDigits(s string) bool {
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
