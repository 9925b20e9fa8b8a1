package when

import (
	"errors"
	"testing"
)

func TestParseRelative(t *testing.T) {
	cases := []struct {
		phrase, ref string
		lean        Lean
		want        string
		anchor      Anchor
	}{
		// Named with their own year: unchanged, whatever the reference.
		{"March 2023", "2024-01", LeanPast, "2023-03", AnchorNone},
		{"2023年3月14日", "", LeanPast, "2023-03-14", AnchorNone},

		// Years counted from the reference.
		{"去年", "2024-01", LeanPast, "2023", AnchorOffset},
		{"今年", "2024-01", LeanPast, "2024", AnchorOffset},
		{"明年", "2024-01-15", LeanPast, "2025", AnchorOffset},
		{"前年", "2024", LeanPast, "2022", AnchorOffset},
		{"去年底", "2024-01", LeanPast, "2023-09~/2023-12~", AnchorOffset},
		{"去年年底", "2024-01", LeanPast, "2023-09~/2023-12~", AnchorOffset},
		{"今年上半年", "2024-01", LeanPast, "2024-40", AnchorOffset},
		{"去年3月", "2024-01", LeanFuture, "2023-03", AnchorOffset},
		{"去年11月6日", "2024-01", LeanPast, "2023-11-06", AnchorOffset},
		{"last year", "2024-01", LeanFuture, "2023", AnchorOffset},
		{"Last Year", "2024-01", LeanFuture, "2023", AnchorOffset},
		{"next year", "2024-01", LeanPast, "2025", AnchorOffset},
		{"early next year", "2024-06", LeanPast, "2025-01~/2025-04~", AnchorOffset},
		{"the end of last year", "2024-06", LeanPast, "2023-09~/2023-12~", AnchorOffset},
		{"earlier this year", "2024-06", LeanPast, "2024", AnchorOffset},
		{"the first half of next year", "2024-06", LeanPast, "2025-40", AnchorOffset},
		{"the end of the year", "2024-06", LeanPast, "2024-09~/2024-12~", AnchorOffset},
		{"summer of last year", "2024-06", LeanPast, "2023-22", AnchorOffset},
		{"the year before last", "2024-06", LeanPast, "2022", AnchorOffset},

		// Days counted from a reference day (2024-05-15 was a Wednesday).
		{"yesterday", "2024-05-15", LeanPast, "2024-05-14", AnchorOffset},
		{"昨天", "2024-05-15", LeanPast, "2024-05-14", AnchorOffset},
		{"on Tuesday", "2024-05-15", LeanPast, "2024-05-14", AnchorOffset},
		{"Wednesday", "2024-05-15", LeanPast, "2024-05-15", AnchorOffset},
		{"last Wednesday", "2024-05-15", LeanPast, "2024-05-08", AnchorOffset},
		{"next Monday", "2024-05-15", LeanPast, "2024-05-20", AnchorOffset},
		{"周五", "2024-05-15", LeanPast, "2024-05-10", AnchorOffset},
		{"星期日", "2024-05-15", LeanPast, "2024-05-12", AnchorOffset},

		// Months counted from the reference.
		{"last month", "2024-01-20", LeanPast, "2023-12", AnchorOffset},
		{"上个月", "2024-03", LeanPast, "2024-02", AnchorOffset},
		{"下个月", "2024-12", LeanPast, "2025-01", AnchorOffset},
		{"two years ago", "2024-05", LeanPast, "2022", AnchorOffset},
		{"18 months ago", "2024-05", LeanPast, "2022-11", AnchorOffset},
		{"两年前", "2024-05", LeanPast, "2022", AnchorOffset},
		{"三个月前", "2024-05-10", LeanPast, "2024-02", AnchorOffset},
		{"last March", "2024-01", LeanFuture, "2023-03", AnchorOffset},
		{"last March", "2024-04", LeanFuture, "2024-03", AnchorOffset},
		{"next March", "2024-04", LeanPast, "2025-03", AnchorOffset},
		{"this summer", "2024-01", LeanPast, "2024-22", AnchorOffset},
		{"last quarter", "2024-01-10", LeanPast, "2023-36", AnchorOffset},
		{"next quarter", "2024-11", LeanPast, "2025-33", AnchorOffset},

		// The year left out: the lean decides.
		{"二月份", "2024-01", LeanPast, "2023-02", AnchorPast},
		{"二月份", "2024-01", LeanFuture, "2024-02", AnchorFuture},
		{"二月份", "2024-01", LeanNearest, "2024-02", AnchorNearest},
		{"2月", "2024-03", LeanPast, "2024-02", AnchorPast},
		{"11月6日", "2024-01", LeanPast, "2023-11-06", AnchorPast},
		{"11月6号", "2024-01", LeanNearest, "2023-11-06", AnchorNearest},
		{"in February", "2024-01", LeanPast, "2023-02", AnchorPast},
		{"February", "2024-01", LeanFuture, "2024-02", AnchorFuture},
		{"January", "2024-01", LeanPast, "2024-01", AnchorPast},
		{"March 14", "2024-01-10", LeanPast, "2023-03-14", AnchorPast},
		{"14 March", "2024-01-10", LeanFuture, "2024-03-14", AnchorFuture},
		{"Q3", "2024-01", LeanFuture, "2024-35", AnchorFuture},
		{"年底", "2024-01", LeanPast, "2023-09~/2023-12~", AnchorPast},
		{"下半年", "2024-03", LeanFuture, "2024-41", AnchorFuture},
		{"夏天", "2024-01", LeanPast, "2023-22", AnchorPast},

		// Two-digit years, read near the reference (or this century).
		{"22年中", "2024-01", LeanPast, "2022-05~/2022-08~", AnchorTwoDigitYear},
		{"21年", "2024-01", LeanPast, "2021", AnchorTwoDigitYear},
		{"99年", "2024-01", LeanPast, "1999", AnchorTwoDigitYear},
		{"23年3月", "", LeanPast, "2023-03", AnchorTwoDigitYear},
		{"Q3 '24", "2023-01", LeanPast, "2024-35", AnchorTwoDigitYear},
	}
	for _, c := range cases {
		var ref Date
		if c.ref != "" {
			ref = MustParse(c.ref)
		}
		got, anchor, err := ParseRelative(c.phrase, ref, c.lean)
		if err != nil {
			t.Errorf("ParseRelative(%q, %s): %v", c.phrase, c.ref, err)
			continue
		}
		if got.String() != c.want || anchor != c.anchor {
			t.Errorf("ParseRelative(%q, %s, lean %d) = %s (%s), want %s (%s)", c.phrase, c.ref, c.lean, got, anchor, c.want, c.anchor)
		}
	}
}

func TestParseRelativeRefusals(t *testing.T) {
	for _, phrase := range []string{"last year", "去年", "二月份", "in February", "上个月", "two years ago"} {
		if _, _, err := ParseRelative(phrase, Date{}, LeanPast); !errors.Is(err, ErrNoReference) {
			t.Errorf("ParseRelative(%q) with no reference: %v, want ErrNoReference", phrase, err)
		}
	}
	year := MustParse("2024")
	for _, phrase := range []string{"last month", "上个月", "18 months ago", "last quarter", "yesterday", "on Tuesday"} {
		if _, _, err := ParseRelative(phrase, year, LeanPast); err == nil {
			t.Errorf("ParseRelative(%q) against a bare year should ask for the month", phrase)
		}
	}
	ref := MustParse("2024-01")
	// Not dates, and counts too large to be an "ago" (2025年前 is a deadline).
	for _, phrase := range []string{"", "whenever", "the end", "early", "2025年前", "一百年前", "中", "1年", "the year"} {
		if d, _, err := ParseRelative(phrase, ref, LeanPast); err == nil {
			t.Errorf("ParseRelative(%q) = %s, want an error", phrase, d)
		}
	}
}

func TestParseDeadlineRelativeDates(t *testing.T) {
	made := MustParse("2024-01")
	cases := map[string]string{
		"by next March":                 "by:2024-03",
		"by March":                      "by:2024-03",
		"by next summer":                "by:2024-22",
		"by Q3":                         "by:2024-35",
		"by the end of the decade":      "by:2029",
		"before the end of this decade": "by:2029",
		"到2025年":                        "by:2025",
		"到2025年底":                       "by:2025",
		"在两年内":                          "within:24",
		"明年3月前":                         "by:2025-03",
		"下半年之前":                         "by:2024-41",
		"去年底前":                          "by:2023",
	}
	for phrase, want := range cases {
		dl, err := ParseDeadline(phrase, made)
		if err != nil || dl.Canonical() != want {
			t.Errorf("ParseDeadline(%q) = %q, %v; want %q", phrase, dl.Canonical(), err, want)
		}
		if err == nil {
			checkDeadline(t, phrase)
		}
	}
	for _, phrase := range []string{"by next March", "明年3月前", "by the end of the decade"} {
		if _, err := ParseDeadline(phrase, Date{}); !errors.Is(err, ErrNoMadeDate) {
			t.Errorf("ParseDeadline(%q) with no making date: %v, want ErrNoMadeDate", phrase, err)
		}
	}
}
