package exchange

import (
	"os"
	"testing"
	"fmt"
)

func TestZZProbe(t *testing.T) {
	for _, c := range []struct{ f string; fm Format }{{"mw-test.mw", FormatMarkwhen}, {"mw-small.mw", FormatMarkwhen}, {"timeline-versions.timeline", FormatTimeline}, {"tljs-marktwain.json", FormatTimelineJS}, {"tljs-eras.json", FormatTimelineJS}, {"tljs-women_in_computing.json", FormatTimelineJS}} {
		f, _ := os.Open("../../../shared/fixtures/real/" + c.f)
		res, err := Read(f, c.fm, ReadOptions{Today: 20000})
		fmt.Printf("=== %s: err=%v events=%d periods=%d problems=%d\n", c.f, err, len(res.Doc.Events), len(res.Doc.Periods), len(res.Problems))
		for _, e := range res.Doc.Events {
			fmt.Printf("  E %s | %s | %q actor=%q tags=%v links=%d desc=%d\n", e.Date, e.End, e.Title, e.Actor, e.Tags, len(e.Links), len(e.Description))
		}
		for _, p := range res.Doc.Periods {
			fmt.Printf("  P %s | %s | %q color=%s\n", p.Start, p.End, p.Title, p.Color)
		}
		for _, p := range res.Problems {
			fmt.Printf("  ! kept=%v %s\n", p.Kept, p)
		}
	}
}
