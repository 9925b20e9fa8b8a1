package exchange

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDetectTestdata(t *testing.T) {
	for name, want := range map[string]Format{
		"hindsight-export.json":     FormatHindsightJSON,
		"timelinejs-knightlab.json": FormatTimelineJS,
		"events.csv":                FormatCSVEvents,
		"predictions.csv":           FormatCSVPredictions,
		"markwhen-sample.mw":        FormatMarkwhen,
	} {
		raw, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		head := raw[:min(len(raw), DetectBytes)]
		for _, n := range []string{name, "upload"} {
			if got, err := Detect(n, head); err != nil || got != want {
				t.Errorf("Detect(%q) = %q, %v; want %q", n, got, err, want)
			}
		}
	}
}

// Detect names the format of a file from its name and first bytes, or
// refuses it with the kind of error that says why.
func TestDetect(t *testing.T) {
	cases := []struct {
		name, head string
		want       Format
		err        error
	}{
		{"x.JSON", `  {"format": "hindsight", "version": 1}`, FormatHindsightJSON, nil},
		{"x.json", `{"title": {"text": {"headline": "AI"}}, "events": [`, FormatTimelineJS, nil},
		{"x.json", `{"events": [{"start_date": {"year": 2023}`, FormatTimelineJS, nil},
		{"x.csv", "Start Date,Headline\n2023,x\n", FormatCSVEvents, nil},
		{"x.csv", "statement,by,made_on\n", FormatCSVPredictions, nil},
		{"x.mw", "anything at all", FormatMarkwhen, nil},
		{"x.ics", "BEGIN:VCALENDAR", FormatICal, nil},
		{"x.txt", "// notes\n2023-03-14: GPT-4 released #gpt-4\n", FormatMarkwhen, nil},
		{"x.md", "---\ntitle: t\n---\nsection Early days\n", FormatMarkwhen, nil},
		{"calendar", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", FormatICal, nil},
		{"data", "date,title\n2023,x", FormatCSVEvents, nil},
		{"utf16.json", string(utf16Bytes(`{"format":"hindsight","version":1}`, false)), FormatHindsightJSON, nil},
		// A sample cut in the middle of a character is still text.
		{"cut.mw", "2023: 发布"[:10], FormatMarkwhen, nil},

		{"x.json", `[1, 2]`, "", ErrWrongFormat},
		{"x.json", `{"a": 1}`, "", ErrWrongFormat},
		{"seed.json", `{"format": "hindsight-seed", "version": 1}`, "", ErrWrongFormat},
		{"x.csv", "foo\n1\n", "", ErrWrongFormat},
		{"notes", "foo,bar\n1,2\n", "", ErrWrongFormat},
		{"photo.jpg", "\xff\xd8\xff\xe0\x00\x10JFIF\x00", "", ErrNotText},
		{"x.csv", "\x00\x01\x02", "", ErrNotText},
		{"x.csv", "caf\xe9,x\n", "", ErrNotText},
		{"notes.txt", "Just some prose.", "", ErrWrongFormat},
		{"empty", "", "", ErrWrongFormat},
	}
	for _, c := range cases {
		got, err := Detect(c.name, []byte(c.head))
		if c.err != nil && !errors.Is(err, c.err) || c.err == nil && (err != nil || got != c.want) {
			t.Errorf("Detect(%q, %q) = %q, %v; want %q, %v", c.name, c.head, got, err, c.want, c.err)
		}
	}
}

func FuzzDetect(f *testing.F) {
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		format, err := Detect(name, data)
		if err != nil {
			if format != "" {
				t.Fatalf("an error came with format %q", format)
			}
			return
		}
		if !format.known() {
			t.Fatalf("Detect returned unknown format %q", format)
		}
		if !format.Readable() {
			return
		}
		res, err := Read(bytes.NewReader(data), format, ReadOptions{MaxBytes: 1 << 20})
		if err == nil {
			checkValid(t, res)
		}
	})
}

func TestExportFormatFor(t *testing.T) {
	for name, want := range map[string]Format{"out.json": FormatHindsightJSON, "a.ICS": FormatICal, "t.mw": FormatMarkwhen, "t.markwhen": FormatMarkwhen} {
		if got, err := ExportFormatFor(name); err != nil || got != want {
			t.Errorf("ExportFormatFor(%q) = %q, %v; want %s", name, got, err, want)
		}
	}
	for _, name := range []string{"x.csv", "noext", "x.xlsx"} {
		if _, err := ExportFormatFor(name); err == nil {
			t.Errorf("ExportFormatFor(%q) guessed a format", name)
		}
	}
}

// TestSniffKeepsTheWholeFile: the reader Sniff returns gives every byte,
// including the ones it looked at, for short and long files alike.
func TestSniffKeepsTheWholeFile(t *testing.T) {
	long := "date,title\n" + strings.Repeat("2024-01-01,an event\n", DetectBytes/10)
	for _, content := range []string{"date,title\n2024-01-01,x\n", long} {
		f, r, err := Sniff("events.csv", strings.NewReader(content))
		if err != nil || f != FormatCSVEvents {
			t.Fatalf("Sniff = %q, %v", f, err)
		}
		all, err := io.ReadAll(r)
		if err != nil || string(all) != content {
			t.Errorf("read back %d of %d bytes, %v", len(all), len(content), err)
		}
	}
	if _, r, err := Sniff("notes.bin", strings.NewReader("\x00\x01\x02")); err == nil || r == nil {
		t.Errorf("binary: err %v, reader %v", err, r)
	}
}
