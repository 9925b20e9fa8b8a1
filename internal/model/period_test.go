package model

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/when"
)

func TestPeriodValidationNamesEveryBadField(t *testing.T) {
	p := Period{
		Title: " ", End: when.MustParse("2023"), Color: "not-a-colour",
		Lane:  strings.Repeat("x", MaxTitleRunes+1),
		Links: []Link{{URL: "https://ok.example"}, {URL: "ftp://x.org"}},
	}
	err := p.Validate()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Validate() = %v, want a ValidationError", err)
	}
	want := map[string]string{"title": "error.empty", "start": "error.date_missing", "color": "error.color",
		"lane": "error.too_long", "links[1].url": "error.link"}
	for field, key := range want {
		fe, ok := ve.For(field)
		if !ok || fe.Key != key {
			t.Errorf("%s: got %+v (%v), want key %s", field, fe, ok, key)
		}
	}
	if _, ok := ve.For("links[0].url"); ok {
		t.Error("a good link was reported")
	}
	backwards := Period{Title: "x", Start: when.MustParse("2024"), End: when.MustParse("2023")}
	if err := backwards.Validate(); err == nil || !strings.Contains(err.Error(), "before the start") {
		t.Errorf("an end before the start: %v", err)
	}
}

func TestPeriodNormalizeAndExtent(t *testing.T) {
	p := Period{Title: "  百模大战  ", Start: when.MustParse("2023-03"), End: when.MustParse("2023-12-31"),
		Color: " #ABC ", Lane: " 国内 ", Links: []Link{{URL: " "}, {URL: " https://x.org ", Quote: " q "}}}
	p.Normalize()
	if p.Title != "百模大战" || p.Color != "#aabbcc" || p.Lane != "国内" || len(p.Links) != 1 || p.Links[0] != (Link{URL: "https://x.org", Quote: "q"}) {
		t.Errorf("Normalize: %+v", p)
	}
	if p.Earliest() != when.DayOf(2023, 3, 1) || p.Latest() != when.DayOf(2023, 12, 31) {
		t.Errorf("extent %v..%v", p.Earliest(), p.Latest())
	}
	if err := p.Validate(); err != nil {
		t.Errorf("valid period refused: %v", err)
	}
	alone := Period{Title: "2023", Start: when.MustParse("2023")}
	if alone.Latest() != when.DayOf(2023, 12, 31) {
		t.Errorf("a year-long period ends %v", alone.Latest())
	}
}

func TestParseColor(t *testing.T) {
	for in, want := range map[string]string{"#D336B1": "#d336b1", "#abc": "#aabbcc", "orange": "#ffa500",
		"Medium Violet Red": "#c71585", "": ""} {
		if got, err := ParseColor(in); err != nil || got != want {
			t.Errorf("ParseColor(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"#12345", "#ggg", "blurple", "rgb(1,2,3)"} {
		if _, err := ParseColor(bad); err == nil {
			t.Errorf("ParseColor(%q) accepted", bad)
		}
	}
	// A colour that could not be read stays as typed, so Validate names it.
	p := Period{Title: "x", Start: when.MustParse("2023"), Color: "blurple"}
	p.Normalize()
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "blurple") {
		t.Errorf("an unreadable colour: %v", err)
	}
}

func TestColorRGBReadsWhatParseColorWrites(t *testing.T) {
	for _, in := range []string{"#008080", "teal", "#abc"} {
		hex, err := ParseColor(in)
		if err != nil {
			t.Fatal(err)
		}
		c, ok := ColorRGB(hex)
		if !ok || c.A != 0xff || fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) != hex {
			t.Errorf("%q → %q → %+v, %v", in, hex, c, ok)
		}
	}
	for _, bad := range []string{"", "teal", "#12345", "#12345g", "0080800"} {
		if _, ok := ColorRGB(bad); ok {
			t.Errorf("%q read as a colour", bad)
		}
	}
}
