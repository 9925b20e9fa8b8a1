package display

import (
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestShorten(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"a  b\n c", 10, "a b c"},
		{"exactly ten", 11, "exactly ten"},
		{"one two three", 7, "one tw…"},
		{"百模大战开始了", 4, "百模大…"},
	} {
		if got := Shorten(c.in, c.n); got != c.want {
			t.Errorf("Shorten(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}

func TestEventDateAndDueBy(t *testing.T) {
	e := model.Event{Date: when.MustParse("2023-11-17"), End: when.MustParse("2023-11-22")}
	if got := EventDate(e, "en"); got != "17 Nov 2023 – 22 Nov 2023" {
		t.Errorf("span = %q", got)
	}
	made := when.MustParse("2023-02")
	dl, err := when.ParseDeadline("within two years", made)
	if err != nil {
		t.Fatal(err)
	}
	p := model.Prediction{Made: made, Deadline: dl}
	if got := DueBy(p, "en", func(d when.Day) string { return d.String() }); got != "2025-02-28" {
		t.Errorf("due by %q", got)
	}
	if got := DueBy(model.Prediction{Made: made}, "en", nil); got != "—" {
		t.Errorf("no deadline: %q", got)
	}
}

// TestTableAlignsChinese: columns line up in a terminal whatever mix of
// Latin and Chinese the cells hold.
func TestTableAlignsChinese(t *testing.T) {
	var sb strings.Builder
	if err := Table(&sb, [][]string{{"ID", "ACTOR", "TITLE"}, {"1", "零一万物", "Yi"}, {"22", "OpenAI", "GPT-4"}}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(sb.String(), "\n"), "\n")
	col := -1
	for _, l := range lines {
		// The third column starts at the same display column on every line.
		idx := strings.LastIndex(l, "  ")
		at := runewidth.StringWidth(l[:idx+2])
		if col >= 0 && at != col {
			t.Errorf("misaligned:\n%s", sb.String())
		}
		col = at
	}
}
