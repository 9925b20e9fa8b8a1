package exchange

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16Bytes encodes s as UTF-16 with a byte order mark.
func utf16Bytes(s string, bigEndian bool) []byte {
	units := utf16.Encode([]rune("\uFEFF" + s))
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestToUTF8(t *testing.T) {
	text := "date,title\n2023-03-14,GPT-4 发布 🚀\n"
	for _, in := range [][]byte{
		[]byte(text),
		[]byte("\uFEFF" + text),
		utf16Bytes(text, false),
		utf16Bytes(text, true),
	} {
		got, err := toUTF8(in)
		if err != nil || string(got) != text {
			t.Errorf("toUTF8(% x…) = %q, %v", in[:4], got, err)
		}
	}
}

func TestToUTF8Refuses(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		says string
	}{
		{"latin-1", []byte("a\nb\ncaf\xe9\n"), "line 3 is not valid UTF-8"},
		{"NUL", []byte("a\x00b"), "binary"},
		{"UTF-32", []byte{0xFF, 0xFE, 0, 0, 'a', 0, 0, 0}, "UTF-32"},
		{"odd UTF-16", []byte{0xFF, 0xFE, 'a', 0, 'b'}, "truncated"},
		{"lone surrogate", []byte{0xFF, 0xFE, 0x00, 0xD8, 'a', 0}, "broken"},
		{"UTF-16 NUL", []byte{0xFF, 0xFE, 'a', 0, 0, 0}, "NUL"},
	}
	for _, c := range cases {
		_, err := toUTF8(c.in)
		if !errors.Is(err, ErrNotText) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want ErrNotText saying %q", c.name, err, c.says)
		}
	}
}

func TestCheckJSON(t *testing.T) {
	ctx := context.Background()
	deep := strings.Repeat(`{"a":`, MaxJSONDepth+1) + "1" + strings.Repeat("}", MaxJSONDepth+1)
	if err := checkJSON(ctx, []byte(deep)); !errors.Is(err, ErrTooDeep) {
		t.Errorf("depth %d objects: %v", MaxJSONDepth+1, err)
	}
	// A million open brackets are refused at the 65th, without recursion.
	if err := checkJSON(ctx, []byte(strings.Repeat("[", 1_000_000))); !errors.Is(err, ErrTooDeep) {
		t.Errorf("a million brackets: %v", err)
	}
	ok := strings.Repeat(`[`, MaxJSONDepth) + strings.Repeat("]", MaxJSONDepth)
	if err := checkJSON(ctx, []byte(ok)); err != nil {
		t.Errorf("depth %d: %v", MaxJSONDepth, err)
	}
	for _, bad := range []string{`{"a":1`, `{"a":"b`, `{"a":}`, `{} x`, "  "} {
		if err := checkJSON(ctx, []byte(bad)); err == nil {
			t.Errorf("checkJSON(%q) accepted it", bad)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	long := "[" + strings.Repeat("1,", 100_000) + "1]"
	if err := checkJSON(cancelled, []byte(long)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestByteSize(t *testing.T) {
	for n, want := range map[int64]string{256 << 20: "256 MiB", 1024: "1 KiB", 1000: "1000 bytes"} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// Files of many tiny records are refused before they take gigabytes, and
// files of many bad records list a bounded number of problems.
func TestRecordAndProblemLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("builds files of a million records")
	}
	cases := []struct {
		f    Format
		head string
		unit string
	}{
		{FormatCSVEvents, "date,title\n", "2023,x\n"},
		{FormatMarkwhen, "", "2023: x\n"},
		{FormatHindsightJSON, `{"format":"hindsight","version":1,"events":[{}`, `,{}`},
	}
	for _, c := range cases {
		text := c.head + strings.Repeat(c.unit, MaxRecords+1)
		if c.f == FormatHindsightJSON {
			text += "]}"
		}
		_, err := Read(strings.NewReader(text), c.f, ReadOptions{})
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "records") {
			t.Errorf("%s with %d records: %v", c.f, MaxRecords+1, err)
		}
	}

	bad := "date,title\n" + strings.Repeat("someday,x\n", 5000)
	res, err := Read(strings.NewReader(bad), FormatCSVEvents, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != MaxProblems+1 || !strings.Contains(res.Problems[MaxProblems].Message, "4000 more problems") {
		t.Errorf("%d problems, last %+v", len(res.Problems), res.Problems[len(res.Problems)-1])
	}
}

func TestMarkwhenDescriptionLimit(t *testing.T) {
	text := "2023: big\n" + strings.Repeat("line of text\n", 40_000) + "2024: small\n"
	res, err := Read(strings.NewReader(text), FormatMarkwhen, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Doc.Events) != 1 || res.Doc.Events[0].Title != "small" || len(res.Problems) != 1 || res.Problems[0].Field != "description" {
		t.Errorf("events %d, problems %v", len(res.Doc.Events), res.Problems)
	}
}
