package exchange

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// utf16Bytes encodes s as UTF-16 with a byte order mark, with an encoder
// other than the one under test.
func utf16Bytes(s string, bigEndian bool) []byte {
	order := unicode.LittleEndian
	if bigEndian {
		order = unicode.BigEndian
	}
	out, err := unicode.UTF16(order, unicode.ExpectBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return out
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
