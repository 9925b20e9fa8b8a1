package when

import (
	"errors"
	"testing"
)

type deadlineCase struct {
	phrase    string
	canonical string
	earliest  string
	latest    string // "max" for MaxDay
	en, zh    string
}

// All made on 2023-02 (a month), so "within" counts from 2023-02-28.
var deadlineCases = []deadlineCase{
	{"within two years", "within:24", "2023-02-01", "2025-02-28", "within 2 years", "两年内"},
	{"within 2 years", "within:24", "2023-02-01", "2025-02-28", "within 2 years", "两年内"},
	{"Within the next two years", "within:24", "2023-02-01", "2025-02-28", "within 2 years", "两年内"},
	{"in the next 18 months", "within:18", "2023-02-01", "2024-08-28", "within 18 months", "一年半内"},
	{"within 6 months", "within:6", "2023-02-01", "2023-08-28", "within 6 months", "半年内"},
	{"within six months", "within:6", "2023-02-01", "2023-08-28", "within 6 months", "半年内"},
	{"within half a year", "within:6", "2023-02-01", "2023-08-28", "within 6 months", "半年内"},
	{"within 1.5 years", "within:18", "2023-02-01", "2024-08-28", "within 18 months", "一年半内"},
	{"within a year", "within:12", "2023-02-01", "2024-02-28", "within a year", "一年内"},
	{"within the next decade", "within:120", "2023-02-01", "2033-02-28", "within 10 years", "十年内"},
	{"within a decade", "within:120", "2023-02-01", "2033-02-28", "within 10 years", "十年内"},
	{"within twenty-four months", "within:24", "2023-02-01", "2025-02-28", "within 2 years", "两年内"},
	{"within thirty-six months", "within:36", "2023-02-01", "2026-02-28", "within 3 years", "三年内"},
	{"within twenty years", "within:240", "2023-02-01", "2043-02-28", "within 20 years", "二十年内"},
	{"within 1 month", "within:1", "2023-02-01", "2023-03-28", "within a month", "一个月内"},
	{"by 2024", "by:2024", "2023-02-01", "2024-12-31", "by end of 2024", "2024年底前"},
	{"by end of 2024", "by:2024", "2023-02-01", "2024-12-31", "by end of 2024", "2024年底前"},
	{"by the end of 2024", "by:2024", "2023-02-01", "2024-12-31", "by end of 2024", "2024年底前"},
	{"By the end of Q3 2024", "by:2024-35", "2023-02-01", "2024-09-30", "by Q3 2024", "2024年第三季度前"},
	{"before 2025", "by:2024-12-31", "2023-02-01", "2024-12-31", "by 31 Dec 2024", "2024年12月31日前"},
	{"no later than March 2024", "by:2024-03", "2023-02-01", "2024-03-31", "by Mar 2024", "2024年3月前"},
	{"by mid-2024", "by:2024-05~/2024-08~", "2023-02-01", "2024-08-31", "by mid-2024", "2024年中前"},
	{"Dec 2024", "by:2024-12", "2023-02-01", "2024-12-31", "by Dec 2024", "2024年12月前"},
	{"~2024", "by:2024~", "2023-02-01", "2024-12-31", "by ~2024", "约2024年前"},
	{"this year", "by:2023", "2023-02-01", "2023-12-31", "by end of 2023", "2023年底前"},
	{"by the end of this year", "by:2023", "2023-02-01", "2023-12-31", "by end of 2023", "2023年底前"},
	{"within this year", "by:2023", "2023-02-01", "2023-12-31", "by end of 2023", "2023年底前"},
	{"by the end of next year", "by:2024", "2023-02-01", "2024-12-31", "by end of 2024", "2024年底前"},
	{"next year", "by:2024", "2023-02-01", "2024-12-31", "by end of 2024", "2024年底前"},
	{"after 2025", "not_earlier_than:2026-01-01", "2026-01-01", "max", "not before 2026", "不早于2026年"},
	{"after March 2025", "not_earlier_than:2025-04-01", "2025-04-01", "max", "not before Apr 2025", "不早于2025年4月"},
	{"not before 2026", "not_earlier_than:2026", "2026-01-01", "max", "not before 2026", "不早于2026年"},
	{"no earlier than Q2 2026", "not_earlier_than:2026-34", "2026-04-01", "max", "not before Q2 2026", "不早于2026年第二季度"},
	{"between 2024 and 2025", "between:2024/2025", "2024-01-01", "2025-12-31", "between 2024 and 2025", "2024年至2025年之间"},
	{"2024-03 to 2024-06", "between:2024-03/2024-06", "2024-03-01", "2024-06-30", "between Mar 2024 and Jun 2024", "2024年3月至2024年6月之间"},
	{"mid-2024", "between:2024-05~/2024-08~", "2024-05-01", "2024-08-31", "mid-2024", "2024年中"},

	{"两年内", "within:24", "2023-02-01", "2025-02-28", "within 2 years", "两年内"},
	{"2年内", "within:24", "2023-02-01", "2025-02-28", "within 2 years", "两年内"},
	{"十八个月内", "within:18", "2023-02-01", "2024-08-28", "within 18 months", "一年半内"},
	{"一年半内", "within:18", "2023-02-01", "2024-08-28", "within 18 months", "一年半内"},
	{"半年内", "within:6", "2023-02-01", "2023-08-28", "within 6 months", "半年内"},
	{"一年内", "within:12", "2023-02-01", "2024-02-28", "within a year", "一年内"},
	{"三年之内", "within:36", "2023-02-01", "2026-02-28", "within 3 years", "三年内"},
	{"二十四个月内", "within:24", "2023-02-01", "2025-02-28", "within 2 years", "两年内"},
	{"未来两年", "within:24", "2023-02-01", "2025-02-28", "within 2 years", "两年内"},
	{"今年", "by:2023", "2023-02-01", "2023-12-31", "by end of 2023", "2023年底前"},
	{"今年内", "by:2023", "2023-02-01", "2023-12-31", "by end of 2023", "2023年底前"},
	{"年底前", "by:2023", "2023-02-01", "2023-12-31", "by end of 2023", "2023年底前"},
	{"明年", "by:2024", "2023-02-01", "2024-12-31", "by end of 2024", "2024年底前"},
	{"2024年底前", "by:2024", "2023-02-01", "2024-12-31", "by end of 2024", "2024年底前"},
	{"2024年前", "by:2024", "2023-02-01", "2024-12-31", "by end of 2024", "2024年底前"},
	{"2024年以前", "by:2024", "2023-02-01", "2024-12-31", "by end of 2024", "2024年底前"},
	{"2024年内", "by:2024", "2023-02-01", "2024-12-31", "by end of 2024", "2024年底前"},
	{"2024年3月底前", "by:2024-03", "2023-02-01", "2024-03-31", "by Mar 2024", "2024年3月前"},
	{"2025年以后", "not_earlier_than:2026-01-01", "2026-01-01", "max", "not before 2026", "不早于2026年"},
	{"2025年之后", "not_earlier_than:2026-01-01", "2026-01-01", "max", "not before 2026", "不早于2026年"},
	{"不早于2026年", "not_earlier_than:2026", "2026-01-01", "max", "not before 2026", "不早于2026年"},
	{"从2026年起", "not_earlier_than:2026", "2026-01-01", "max", "not before 2026", "不早于2026年"},
	{"by 2024年3月", "by:2024-03", "2023-02-01", "2024-03-31", "by Mar 2024", "2024年3月前"},
	{"不早于 Mar 2026", "not_earlier_than:2026-03", "2026-03-01", "max", "not before Mar 2026", "不早于2026年3月"},
	{"2026年起", "not_earlier_than:2026", "2026-01-01", "max", "not before 2026", "不早于2026年"},
	{"2024年至2025年之间", "between:2024/2025", "2024-01-01", "2025-12-31", "between 2024 and 2025", "2024年至2025年之间"},
	{"2024年前后", "by:2024~", "2023-02-01", "2024-12-31", "by ~2024", "约2024年前"},
	{"２０２４年底前", "by:2024", "2023-02-01", "2024-12-31", "by end of 2024", "2024年底前"},
}

func dayText(d Day) string {
	if d == MaxDay {
		return "max"
	}
	return d.String()
}

func TestParseDeadline(t *testing.T) {
	made := MustParse("2023-02")
	for _, c := range deadlineCases {
		dl, err := ParseDeadline(c.phrase, made)
		if err != nil {
			t.Errorf("ParseDeadline(%q): %v", c.phrase, err)
			continue
		}
		if dl.Phrase != c.phrase || dl.IsZero() {
			t.Errorf("ParseDeadline(%q) kept phrase %q, zero %v", c.phrase, dl.Phrase, dl.IsZero())
		}
		if got := dl.Canonical(); got != c.canonical {
			t.Errorf("ParseDeadline(%q).Canonical() = %q, want %q", c.phrase, got, c.canonical)
		}
		earliest, latest, ok := dl.Due(made)
		if !ok || earliest.String() != c.earliest || dayText(latest) != c.latest {
			t.Errorf("ParseDeadline(%q).Due = %s..%s (%v), want %s..%s", c.phrase, earliest, dayText(latest), ok, c.earliest, c.latest)
		}
		if got := dl.Format("en"); got != c.en {
			t.Errorf("ParseDeadline(%q).Format(en) = %q, want %q", c.phrase, got, c.en)
		}
		if got := dl.Format("zh"); got != c.zh {
			t.Errorf("ParseDeadline(%q).Format(zh) = %q, want %q", c.phrase, got, c.zh)
		}

		stored, err := ParseCanonicalDeadline(dl.Canonical())
		dl.Phrase = ""
		if err != nil || stored != dl {
			t.Errorf("ParseCanonicalDeadline(%q) = %+v, %v; want %+v", dl.Canonical(), stored, err, dl)
		}

		// Format writes phrases that ParseDeadline reads back to the same window.
		for _, lang := range []string{"en", "zh"} {
			back, err := ParseDeadline(dl.Format(lang), made)
			if err != nil {
				t.Errorf("ParseDeadline(Format(%q, %s) = %q): %v", c.phrase, lang, dl.Format(lang), err)
				continue
			}
			e, l, _ := back.Due(made)
			if e != earliest || l != latest {
				t.Errorf("%q reads back as %s..%s, want %s..%s", dl.Format(lang), e, dayText(l), earliest, dayText(latest))
			}
		}
	}
}

func TestDeadlineDueEdges(t *testing.T) {
	within := Deadline{Kind: DeadlineWithin, Months: 1}
	for made, want := range map[string]string{"2023-01-31": "2023-02-28", "2024-01-31": "2024-02-29", "2023-03-31": "2023-04-30"} {
		if _, latest, _ := within.Due(MustParse(made)); latest.String() != want {
			t.Errorf("within 1 month of %s ends %s, want %s", made, latest, want)
		}
	}
	if _, _, ok := within.Due(Date{}); ok {
		t.Error("within with no making date has a window")
	}

	by := Deadline{Kind: DeadlineBy, Date: MustParse("2024")}
	if earliest, latest, ok := by.Due(Date{}); !ok || earliest.String() != "2024-01-01" || latest.String() != "2024-12-31" {
		t.Errorf("by 2024 with no making date = %s..%s, %v", earliest, latest, ok)
	}
	// Made after the deadline: the window is empty, not widened.
	if earliest, latest, ok := by.Due(MustParse("2025-06")); !ok || earliest <= latest {
		t.Errorf("by 2024 made in 2025 = %s..%s, %v; want an empty window", earliest, latest, ok)
	}
	var none Deadline
	if _, _, ok := none.Due(MustParse("2023")); ok || !none.IsZero() || none.Format("en") != "" || none.Canonical() != "" {
		t.Error("the zero Deadline sets a window")
	}
	for _, dl := range []Deadline{{Kind: DeadlineBy}, {Kind: DeadlineBetween}, {Kind: DeadlineNotEarlier}} {
		if _, _, ok := dl.Due(MustParse("2023")); ok {
			t.Errorf("%s with no date has a window", dl.Kind)
		}
	}
}

func TestParseDeadlineWithoutMadeDate(t *testing.T) {
	for _, phrase := range []string{"within two years", "in the next 18 months", "this year", "next year", "两年内", "今年", "明年", "年底前", "未来两年"} {
		_, err := ParseDeadline(phrase, Date{})
		if !errors.Is(err, ErrNoMadeDate) {
			t.Errorf("ParseDeadline(%q, zero) error = %v, want ErrNoMadeDate", phrase, err)
		}
	}
	dl, err := ParseDeadline("by 2024", Date{})
	if err != nil || dl.Canonical() != "by:2024" {
		t.Errorf("absolute deadline without a making date = %+v, %v", dl, err)
	}
}

func TestParseDeadlineErrors(t *testing.T) {
	made := MustParse("2023-02-14")
	cases := []struct{ phrase, want string }{
		{"", "empty deadline"},
		{"whenever", `cannot read "whenever" as a deadline`},
		{"within many years", `cannot read "within many years" as a deadline`},
		{"by 2023-13", "month 13 is out of range (1–12)"},
		{"within 200 years", "a deadline of 2400 months is out of range (1–1200)"},
		{"within 1.5 months", "a deadline counts whole months"},
		{"between 2025 and 2024", "interval ends (2024) before it starts (2025)"},
		{"2023年13月前", "month 13 is out of range (1–12)"},
		{"一百年内", `cannot read "一百年内" as a deadline`},
		{"before -9999", `deadline "before -9999" falls outside the years -9999 to 9999`},
		{"after 9999", `deadline "after 9999" falls outside the years -9999 to 9999`},
		{"within 1e1 years", `cannot read "within 1e1 years" as a deadline`},
	}
	for _, c := range cases {
		dl, err := ParseDeadline(c.phrase, made)
		refusedSaying(t, "ParseDeadline", c.phrase, dl, err, c.want)
	}
}

func TestParseCanonicalDeadline(t *testing.T) {
	if dl, err := ParseCanonicalDeadline(""); err != nil || !dl.IsZero() {
		t.Errorf("empty = %+v, %v", dl, err)
	}
	dl, err := ParseCanonicalDeadline("by:2023-02-13T10:30")
	if err != nil || dl.Date.String() != "2023-02-13T10:30" {
		t.Errorf("by with a time = %+v, %v", dl, err)
	}
	for _, bad := range []string{"2024", "soon:2024", "within:x", "within:0", "within:5000", "by:", "by:March 2024", "between:2025/2024"} {
		// The error quotes the input.
		dl, err := ParseCanonicalDeadline(bad)
		refusedSaying(t, "ParseCanonicalDeadline", bad, dl, err, bad)
	}
}

func TestNumbers(t *testing.T) {
	english := map[string]int{"a": 2, "one": 2, "nineteen": 38, "twenty": 40, "twenty-four": 48, "thirty six": 72, "ninety-nine": 198, "3": 6}
	for text, halves := range english {
		if got, ok := parseEnglishCount(text); !ok || got != halves {
			t.Errorf("parseEnglishCount(%q) = %d, %v; want %d", text, got, ok, halves)
		}
	}
	for _, bad := range []string{"twenty-ten", "zero", "many", "-3", "0"} {
		if got, ok := parseEnglishCount(bad); ok {
			t.Errorf("parseEnglishCount(%q) = %d", bad, got)
		}
	}
	chinese := map[string]int{"一": 1, "两": 2, "十": 10, "十一": 11, "十八": 18, "二十": 20, "二十四": 24, "九十九": 99, "36": 36}
	for text, n := range chinese {
		if got, ok := parseChineseNumber(text); !ok || got != n {
			t.Errorf("parseChineseNumber(%q) = %d, %v; want %d", text, got, ok, n)
		}
		if n != 36 {
			if back, _ := parseChineseNumber(chineseCount(n)); back != n {
				t.Errorf("chineseCount(%d) = %q reads back as %d", n, chineseCount(n), back)
			}
		}
	}
	for _, bad := range []string{"十十", "一二", "百", "二十〇", "〇十"} {
		if got, ok := parseChineseNumber(bad); ok {
			t.Errorf("parseChineseNumber(%q) = %d", bad, got)
		}
	}
}

// One deadline, one reading: every way of saying the same deadline, in
// English or Chinese, absolute or relative to the day it was said, gives
// the same kind and the same window. A deadline at the end of a year is
// "by" it — from the day the prediction was made to the year's last day —
// never its last months.
func TestDeadlinePhrasingsAgree(t *testing.T) {
	groups := []struct {
		made             string
		earliest, latest string
		phrases          []string
	}{
		{"2024-03-01", "2024-03-01", "2025-12-31", []string{
			"by end of 2025", "end of 2025", "the end of 2025", "by the end of 2025", "End of 2025",
			"before the end of 2025", "before end of 2025", "until the end of 2025", "no later than the end of 2025",
			"by year-end 2025", "year-end 2025", "end-2025", "by 2025", "by 2025-12-31", "by 31 December 2025",
			"by Dec 31, 2025", "2025-12-31", "end of next year", "by the end of next year", "next year",
			"2025年底", "2025年年底", "2025年末", "2025年底前", "2025年年底前", "2025年底之前", "2025年12月31日前",
			"明年底", "明年年底", "明年底前", "明年末", "明年", "到2025年底", "截至2025年底", "截止2025年底前",
			"在2025年底前", "不晚于2025年底", "最迟2025年底", "２０２５年底",
		}},
		{"2024-03-01", "2024-03-01", "2024-12-31", []string{
			"end of this year", "by the end of this year", "end of the year", "by year-end", "year-end", "this year",
			"end of 2024", "2024年底", "今年底", "今年年底", "年底", "年底前", "今年末", "今年",
		}},
		{"2023-12", "2023-12-01", "2024-03-31", []string{
			"end of March 2024", "by the end of March 2024", "by March 2024", "2024年3月底", "2024年3月底前",
			"2024年3月末", "截至2024年3月底",
		}},
		{"2023-12", "2023-12-01", "2024-09-30", []string{
			"end of Q3 2024", "by the end of Q3 2024", "by Q3 2024", "2024年第三季度前",
		}},
	}
	for _, g := range groups {
		made := MustParse(g.made)
		for _, phrase := range g.phrases {
			dl, err := ParseDeadline(phrase, made)
			if err != nil {
				t.Errorf("made %s, %q: %v", g.made, phrase, err)
				continue
			}
			earliest, latest, ok := dl.Due(made)
			if dl.Kind != DeadlineBy || !ok || earliest.String() != g.earliest || latest.String() != g.latest {
				t.Errorf("made %s, %q reads as %s, due %s..%s; want by, due %s..%s",
					g.made, phrase, dl.Canonical(), earliest, latest, g.earliest, g.latest)
			}
			// What the form shows reads back the same way too.
			for _, lang := range []string{"en", "zh"} {
				back, err := ParseDeadline(dl.Format(lang), made)
				if err != nil {
					t.Errorf("%q: Format(%s) = %q does not read: %v", phrase, lang, dl.Format(lang), err)
					continue
				}
				if e, l, _ := back.Due(made); back.Kind != DeadlineBy || e != earliest || l != latest {
					t.Errorf("%q: Format(%s) = %q reads as %s", phrase, lang, dl.Format(lang), back.Canonical())
				}
			}
		}
	}
}

// "late 2025" names the last months of 2025 (a window), unlike "end of
// 2025"; in Chinese it is written as a span, since "2025年底" is a deadline
// by the end of the year.
func TestLateYearStaysAWindow(t *testing.T) {
	made := MustParse("2024-03-01")
	dl, err := ParseDeadline("late 2025", made)
	if err != nil || dl.Canonical() != "between:2025-09~/2025-12~" {
		t.Fatalf("late 2025 = %s, %v", dl.Canonical(), err)
	}
	zh := dl.Format("zh")
	back, err := ParseDeadline(zh, made)
	if err != nil || back.Canonical() != dl.Canonical() {
		t.Errorf("Format(zh) = %q reads back as %s, %v", zh, back.Canonical(), err)
	}
}
