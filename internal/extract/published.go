package extract

import (
	"regexp"
	"strings"

	"github.com/hindsight-app/hindsight/internal/when"
)

// A date line near the top of a text: "Posted on 28 December 2024",
// "Published: 2024-01-15", "发布于 2024年1月15日", "2024-01-15 10:32".
var rePublishedLine = regexp.MustCompile(`(?i)(?:posted|published|updated|written|dated|发布于|发表于|发布时间|发表时间|日期|时间)\s*(?:on|:|：)?\s*`)

// findPublished looks for the date a text was published in its first
// lines. It gives the date and the words it was read from.
func findPublished(text string) (when.Date, string) {
	limit := min(len(text), 800)
	for _, m := range findDates(text, []span{{Start: 0, End: limit}}) {
		if m.deadline {
			continue
		}
		phrase := m.Text(text)
		d, err := when.Parse(phrase)
		if err != nil || d.Precision() < when.PrecisionMonth || d.IsInterval() {
			continue
		}
		lineStart := strings.LastIndexByte(text[:m.Start], '\n') + 1
		before := text[lineStart:m.Start]
		if rePublishedLine.MatchString(before) || strings.TrimSpace(before) == "" || strings.TrimSpace(strings.Trim(before, "*_")) == "" {
			return d, strings.TrimSpace(text[lineStart:m.End])
		}
	}
	return when.Date{}, ""
}
