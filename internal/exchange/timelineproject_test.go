package exchange

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

const timelineSample = `<?xml version="1.0" encoding="utf-8"?>
<timeline>
  <version>2.9.0</version>
  <timetype>gregoriantime</timetype>
  <eras>
    <era><name>The 2010s</name><start>2010-01-01 00:00:00</start><end>2019-12-31 00:00:00</end><color>200,100,0</color><ends_today>False</ends_today></era>
  </eras>
  <categories>
    <category><name>Releases</name><color>128,255,128</color></category>
    <category><name>Bug fixes</name><color>255,0,0</color><parent>Releases</parent></category>
  </categories>
  <events>
    <event><start>2013-03-30 11:16:00</start><end>2013-03-30 11:16:00</end><text>(1)Timeline 0.20.0 </text>
      <fuzzy>True</fuzzy><locked>True</locked><ends_today>False</ends_today><category>Bug fixes</category>
      <description>Line one &amp; two
Line &lt;three&gt;</description><hyperlink>https://a.example/;not a link</hyperlink><alert>2013-04-01 00:00:00;Ping</alert></event>
    <event><start>2013-01-01 00:00:00</start><end>2013-12-31 00:00:00</end><text>[1]Year of releases </text><category>Releases</category></event>
    <event><start>2014-05-01 00:00:00</start><end>2014-06-01 00:00:00</end><text>Milestone</text><milestone>True</milestone><progress>40</progress></event>
    <event><start>2024-09-01 00:00:00</start><end>2024-09-01 00:00:00</end><text>Still going</text><ends_today>True</ends_today><icon>iVBOR</icon></event>
    <event><start>2013-13-01 00:00:00</start><end>2013-13-01 00:00:00</end><text>Bad month</text></event>
    <note>not an event</note>
  </events>
  <view><displayed_period><start>2010-01-01 00:00:00</start><end>2020-01-01 00:00:00</end></displayed_period></view>
  <extras>?</extras>
</timeline>
`

func TestReadTimelineProjectByHand(t *testing.T) {
	f, err := Detect("plans.timeline", []byte(timelineSample))
	if err != nil || f != FormatTimeline {
		t.Fatalf("Detect = %q, %v", f, err)
	}
	if f, err := Detect("plans", []byte(timelineSample)); err != nil || f != FormatTimeline {
		t.Errorf("Detect by content = %q, %v", f, err)
	}
	res, err := Read(strings.NewReader(timelineSample), FormatTimeline, ReadOptions{Today: when.DayOf(2024, 10, 4)})
	if err != nil {
		t.Fatal(err)
	}
	checkValid(t, res)
	want := []model.Event{
		{Title: "Timeline 0.20.0", Date: when.MustParse("2013-03-30~"), Category: model.CategoryOther,
			Tags: []string{"year-of-releases", "locked", "bug-fixes", "releases"}, Description: "Line one & two\nLine <three>",
			Links: []model.Link{{URL: "https://a.example/"}}},
		{Title: "Milestone", Date: when.MustParse("2014-05-01"), Category: model.CategoryOther, Tags: []string{"milestone"},
			Description: "Progress: 40%"},
		{Title: "Still going", Date: when.MustParse("2024-09-01"), End: when.MustParse("2024-10-04"), Category: model.CategoryOther, Tags: []string{}},
	}
	sameEvents(t, res.Doc.Events, want)
	var periods []string
	for _, p := range res.Doc.Periods {
		periods = append(periods, p.Start.String()+"|"+p.End.String()+"|"+p.Title+"|"+p.Color)
	}
	if !slices.Equal(periods, []string{"2010-01-01|2019-12-31|The 2010s|#c86400", "2013-01-01|2013-12-31|Year of releases|#80ff80"}) {
		t.Errorf("periods %q", periods)
	}
	sameLines(t, "problems", problemLines(res), []string{
		"kept categories color", "refused view", "refused <extras>",
		"kept events[0] start", "kept events[0] hyperlink",
		"kept events[2] end",
		"kept events[3] ends_today",
		"refused events[4] start",
		"refused events[5]",
		"kept <alert>", "kept <icon>",
	})
	problemSays(t, res.Problems, "<alert>", "", "events[0] “Timeline 0.20.0”")
}

func TestReadTimelineProjectRefuses(t *testing.T) {
	for text, want := range map[string]error{
		"<timeline><timetype>numtime</timetype></timeline>": ErrWrongFormat,
		"<events></events>":                    ErrWrongFormat,
		"<timeline><events><event></timeline>": ErrMalformed,
		"<timeline/><timeline/>":               ErrMalformed,
		"":                                     ErrWrongFormat,
		strings.Repeat("<a>", 40) + "x":        ErrTooDeep,
	} {
		if _, err := Read(strings.NewReader(text), FormatTimeline, ReadOptions{}); !errors.Is(err, want) {
			t.Errorf("Read(%.40q) = %v, want %v", text, err, want)
		}
	}
	var buf bytes.Buffer
	if err := Write(&buf, FormatTimeline, Document{}, WriteOptions{}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("Write = %v", err)
	}
}

// What is read of a Timeline project survives Hindsight's own format whole.
func FuzzReadTimelineProject(f *testing.F) {
	reimportFuzz{format: FormatTimeline, opt: ReadOptions{Today: when.DayOf(2024, 10, 4)},
		kinds:    []error{ErrWrongFormat, ErrMalformed, ErrNotText, ErrTooDeep, ErrTooLarge},
		rereadAs: FormatHindsightJSON}.run(f)
}

// A TimelineJS year outside ±9999 is refused, naming the event and the
// year; an era becomes a period; Hindsight JSON from before periods
// were records reads its groups as periods.
func TestReadTimelineJSDeepTimeAndLegacyGroups(t *testing.T) {
	text := `{"events":[{"start_date":{"year":"-13800000000"},"text":{"headline":"Big Bang"}},
		{"start_date":{"year":"2023"},"text":{"headline":"Now"}}],
		"eras":[{"start_date":{"year":"2020"},"end_date":{"year":"2024"},"text":{"headline":"Era","text":"<p>About it</p><p><a href=\"https://a.example/\">a</a></p>"}}]}`
	res, err := Read(strings.NewReader(text), FormatTimelineJS, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := problemAt(t, res.Problems, "events[0]", "start_date")
	if p.Kept() || p.Name != "Big Bang" || !strings.Contains(p.Message, "year -13800000000") || !strings.Contains(p.String(), "“Big Bang”") {
		t.Errorf("deep time: %+v (%s)", p, p)
	}
	if len(res.Doc.Events) != 1 || len(res.Doc.Periods) != 1 {
		t.Fatalf("%+v", res.Doc)
	}
	if era := res.Doc.Periods[0]; era.Title != "Era" || era.Description != "About it" || len(era.Links) != 1 || era.End.String() != "2024" {
		t.Errorf("era: %+v", era)
	}
	legacy := `{"format":"hindsight","version":1,"events":[],"predictions":[],"groups":[{"title":"Old","start":"2023","end":"2024"}]}`
	res, err = Read(strings.NewReader(legacy), FormatHindsightJSON, ReadOptions{})
	if err != nil || len(res.Doc.Periods) != 1 || res.Doc.Periods[0].Title != "Old" || res.Doc.Periods[0].End.String() != "2024" {
		t.Errorf("legacy groups: %+v, %v", res.Doc.Periods, err)
	}
}
