package when

import (
	"cmp"
	"strings"
	"testing"
)

type parseCase struct {
	in        string
	canonical string
	earliest  string
	latest    string
	prec      Precision
	en, zh    string
}

var parseCases = []parseCase{
	// Canonical EDTF.
	{"2023", "2023", "2023-01-01", "2023-12-31", PrecisionYear, "2023", "2023年"},
	{"2023-02", "2023-02", "2023-02-01", "2023-02-28", PrecisionMonth, "Feb 2023", "2023年2月"},
	{"2024-02", "2024-02", "2024-02-01", "2024-02-29", PrecisionMonth, "Feb 2024", "2024年2月"},
	{"2023-02-13", "2023-02-13", "2023-02-13", "2023-02-13", PrecisionDay, "13 Feb 2023", "2023年2月13日"},
	{"2023-02-13T10:30", "2023-02-13T10:30", "2023-02-13", "2023-02-13", PrecisionDay, "13 Feb 2023 10:30", "2023年2月13日 10:30"},
	{"2023-02-13T23:59:59", "2023-02-13T23:59:59", "2023-02-13", "2023-02-13", PrecisionDay, "13 Feb 2023 23:59:59", "2023年2月13日 23:59:59"},
	{"2022-08~", "2022-08~", "2022-08-01", "2022-08-31", PrecisionMonth, "~Aug 2022", "约2022年8月"},
	{"2024?", "2024?", "2024-01-01", "2024-12-31", PrecisionYear, "2024?", "2024年?"},
	{"2024%", "2024%", "2024-01-01", "2024-12-31", PrecisionYear, "~2024?", "约2024年?"},
	{"2023-33", "2023-33", "2023-01-01", "2023-03-31", PrecisionQuarter, "Q1 2023", "2023年第一季度"},
	{"2023-34", "2023-34", "2023-04-01", "2023-06-30", PrecisionQuarter, "Q2 2023", "2023年第二季度"},
	{"2023-35", "2023-35", "2023-07-01", "2023-09-30", PrecisionQuarter, "Q3 2023", "2023年第三季度"},
	{"2023-36", "2023-36", "2023-10-01", "2023-12-31", PrecisionQuarter, "Q4 2023", "2023年第四季度"},
	{"2022-40", "2022-40", "2022-01-01", "2022-06-30", PrecisionHalf, "H1 2022", "2022年上半年"},
	{"2022-41", "2022-41", "2022-07-01", "2022-12-31", PrecisionHalf, "H2 2022", "2022年下半年"},
	{"2023-21", "2023-21", "2023-03-01", "2023-05-31", PrecisionSeason, "Spring 2023", "2023年春"},
	{"2023-22", "2023-22", "2023-06-01", "2023-08-31", PrecisionSeason, "Summer 2023", "2023年夏"},
	{"2023-23", "2023-23", "2023-09-01", "2023-11-30", PrecisionSeason, "Autumn 2023", "2023年秋"},
	{"2023-24", "2023-24", "2023-12-01", "2024-02-29", PrecisionSeason, "Winter 2023", "2023年冬"},
	{"2023-02/2025-02", "2023-02/2025-02", "2023-02-01", "2025-02-28", PrecisionMonth, "Feb 2023 – Feb 2025", "2023年2月–2025年2月"},
	{"2023-02~/2025-02?", "2023-02~/2025-02?", "2023-02-01", "2025-02-28", PrecisionMonth, "~Feb 2023 – Feb 2025?", "约2023年2月–2025年2月?"},
	{"2023/2023-35", "2023/2023-35", "2023-01-01", "2023-09-30", PrecisionYear, "2023 – Q3 2023", "2023年–2023年第三季度"},
	{"2023-02-13T09:00/2023-02-13T17:30", "2023-02-13T09:00/2023-02-13T17:30", "2023-02-13", "2023-02-13", PrecisionDay, "13 Feb 2023 09:00 – 13 Feb 2023 17:30", "2023年2月13日 09:00–2023年2月13日 17:30"},
	{"-0043", "-0043", "-0043-01-01", "-0043-12-31", PrecisionYear, "44 BC", "公元前44年"},
	{"-0043-03-15", "-0043-03-15", "-0043-03-15", "-0043-03-15", PrecisionDay, "15 Mar 44 BC", "公元前44年3月15日"},
	{"0000", "0000", "0000-01-01", "0000-12-31", PrecisionYear, "1 BC", "公元前1年"},
	{"-0004-02", "-0004-02", "-0004-02-01", "-0004-02-29", PrecisionMonth, "Feb 5 BC", "公元前5年2月"},
	{"0800", "0800", "0800-01-01", "0800-12-31", PrecisionYear, "AD 800", "公元800年"},
	{"1969-07-20", "1969-07-20", "1969-07-20", "1969-07-20", PrecisionDay, "20 Jul 1969", "1969年7月20日"},
	{"  2023-03 ", "2023-03", "2023-03-01", "2023-03-31", PrecisionMonth, "Mar 2023", "2023年3月"},

	// English.
	{"14 Mar 2023", "2023-03-14", "2023-03-14", "2023-03-14", PrecisionDay, "14 Mar 2023", "2023年3月14日"},
	{"14 March 2023", "2023-03-14", "2023-03-14", "2023-03-14", PrecisionDay, "14 Mar 2023", "2023年3月14日"},
	{"Mar 14, 2023", "2023-03-14", "2023-03-14", "2023-03-14", PrecisionDay, "14 Mar 2023", "2023年3月14日"},
	{"March 14 2023", "2023-03-14", "2023-03-14", "2023-03-14", PrecisionDay, "14 Mar 2023", "2023年3月14日"},
	{"march 14th, 2023", "2023-03-14", "2023-03-14", "2023-03-14", PrecisionDay, "14 Mar 2023", "2023年3月14日"},
	{"14 Mar 2023 10:30", "2023-03-14T10:30", "2023-03-14", "2023-03-14", PrecisionDay, "14 Mar 2023 10:30", "2023年3月14日 10:30"},
	{"2023-03-14 9:05", "2023-03-14T09:05", "2023-03-14", "2023-03-14", PrecisionDay, "14 Mar 2023 09:05", "2023年3月14日 09:05"},
	{"March 2023", "2023-03", "2023-03-01", "2023-03-31", PrecisionMonth, "Mar 2023", "2023年3月"},
	{"Mar 2023", "2023-03", "2023-03-01", "2023-03-31", PrecisionMonth, "Mar 2023", "2023年3月"},
	{"SEPT. 2023", "2023-09", "2023-09-01", "2023-09-30", PrecisionMonth, "Sep 2023", "2023年9月"},
	{"2023/03/14", "2023-03-14", "2023-03-14", "2023-03-14", PrecisionDay, "14 Mar 2023", "2023年3月14日"},
	{"2023.03.14", "2023-03-14", "2023-03-14", "2023-03-14", PrecisionDay, "14 Mar 2023", "2023年3月14日"},
	{"2023/3", "2023-03", "2023-03-01", "2023-03-31", PrecisionMonth, "Mar 2023", "2023年3月"},
	{"mid-2022", "2022-05~/2022-08~", "2022-05-01", "2022-08-31", PrecisionMonth, "mid-2022", "2022年中"},
	{"mid 2022", "2022-05~/2022-08~", "2022-05-01", "2022-08-31", PrecisionMonth, "mid-2022", "2022年中"},
	{"Early 2023", "2023-01~/2023-04~", "2023-01-01", "2023-04-30", PrecisionMonth, "early 2023", "2023年初"},
	{"late 2023", "2023-09~/2023-12~", "2023-09-01", "2023-12-31", PrecisionMonth, "late 2023", "2023年底"},
	{"end of 2023", "2023-09~/2023-12~", "2023-09-01", "2023-12-31", PrecisionMonth, "late 2023", "2023年底"},
	{"the end of 2023", "2023-09~/2023-12~", "2023-09-01", "2023-12-31", PrecisionMonth, "late 2023", "2023年底"},
	{"Q3 2023", "2023-35", "2023-07-01", "2023-09-30", PrecisionQuarter, "Q3 2023", "2023年第三季度"},
	{"2023 Q3", "2023-35", "2023-07-01", "2023-09-30", PrecisionQuarter, "Q3 2023", "2023年第三季度"},
	{"third quarter of 2023", "2023-35", "2023-07-01", "2023-09-30", PrecisionQuarter, "Q3 2023", "2023年第三季度"},
	{"H1 2023", "2023-40", "2023-01-01", "2023-06-30", PrecisionHalf, "H1 2023", "2023年上半年"},
	{"first half of 2023", "2023-40", "2023-01-01", "2023-06-30", PrecisionHalf, "H1 2023", "2023年上半年"},
	{"second half of 2023", "2023-41", "2023-07-01", "2023-12-31", PrecisionHalf, "H2 2023", "2023年下半年"},
	{"summer 2023", "2023-22", "2023-06-01", "2023-08-31", PrecisionSeason, "Summer 2023", "2023年夏"},
	{"spring 2023", "2023-21", "2023-03-01", "2023-05-31", PrecisionSeason, "Spring 2023", "2023年春"},
	{"autumn 2023", "2023-23", "2023-09-01", "2023-11-30", PrecisionSeason, "Autumn 2023", "2023年秋"},
	{"fall 2023", "2023-23", "2023-09-01", "2023-11-30", PrecisionSeason, "Autumn 2023", "2023年秋"},
	{"winter 2023", "2023-24", "2023-12-01", "2024-02-29", PrecisionSeason, "Winter 2023", "2023年冬"},
	{"circa 2023", "2023~", "2023-01-01", "2023-12-31", PrecisionYear, "~2023", "约2023年"},
	{"c. 2023", "2023~", "2023-01-01", "2023-12-31", PrecisionYear, "~2023", "约2023年"},
	{"around March 2023", "2023-03~", "2023-03-01", "2023-03-31", PrecisionMonth, "~Mar 2023", "约2023年3月"},
	{"about 2023", "2023~", "2023-01-01", "2023-12-31", PrecisionYear, "~2023", "约2023年"},
	{"~2023", "2023~", "2023-01-01", "2023-12-31", PrecisionYear, "~2023", "约2023年"},
	{"2023?", "2023?", "2023-01-01", "2023-12-31", PrecisionYear, "2023?", "2023年?"},
	{"~Aug 2022?", "2022-08%", "2022-08-01", "2022-08-31", PrecisionMonth, "~Aug 2022?", "约2022年8月?"},
	{"2023-02 to 2025-02", "2023-02/2025-02", "2023-02-01", "2025-02-28", PrecisionMonth, "Feb 2023 – Feb 2025", "2023年2月–2025年2月"},
	{"2023-02 – 2025-02", "2023-02/2025-02", "2023-02-01", "2025-02-28", PrecisionMonth, "Feb 2023 – Feb 2025", "2023年2月–2025年2月"},
	{"Feb 2023 - Feb 2025", "2023-02/2025-02", "2023-02-01", "2025-02-28", PrecisionMonth, "Feb 2023 – Feb 2025", "2023年2月–2025年2月"},
	{"Feb – Aug 2023", "2023-02/2023-08", "2023-02-01", "2023-08-31", PrecisionMonth, "Feb – Aug 2023", "2023年2月–8月"},
	{"3 Feb – 14 Aug 2023", "2023-02-03/2023-08-14", "2023-02-03", "2023-08-14", PrecisionDay, "3 Feb – 14 Aug 2023", "2023年2月3日–8月14日"},
	{"Q1 – Q3 2023", "2023-33/2023-35", "2023-01-01", "2023-09-30", PrecisionQuarter, "Q1 – Q3 2023", "2023年第一季度–第三季度"},
	{"2023-2025", "2023/2025", "2023-01-01", "2025-12-31", PrecisionYear, "2023 – 2025", "2023年–2025年"},
	{"Feb 2023/Aug 2023", "2023-02/2023-08", "2023-02-01", "2023-08-31", PrecisionMonth, "Feb – Aug 2023", "2023年2月–8月"},
	{"between 2024 and 2025", "2024/2025", "2024-01-01", "2025-12-31", PrecisionYear, "2024 – 2025", "2024年–2025年"},
	{"from mid-2022 to late 2023", "2022-05~/2023-12~", "2022-05-01", "2023-12-31", PrecisionMonth, "~May 2022 – ~Dec 2023", "约2022年5月–约2023年12月"},
	{"44 BC", "-0043", "-0043-01-01", "-0043-12-31", PrecisionYear, "44 BC", "公元前44年"},
	{"15 March 44 BC", "-0043-03-15", "-0043-03-15", "-0043-03-15", PrecisionDay, "15 Mar 44 BC", "公元前44年3月15日"},
	{"AD 800", "0800", "0800-01-01", "0800-12-31", PrecisionYear, "AD 800", "公元800年"},

	// Chinese.
	{"2023年3月14日", "2023-03-14", "2023-03-14", "2023-03-14", PrecisionDay, "14 Mar 2023", "2023年3月14日"},
	{"2023年3月14号", "2023-03-14", "2023-03-14", "2023-03-14", PrecisionDay, "14 Mar 2023", "2023年3月14日"},
	{"2023年3月14日 10:30", "2023-03-14T10:30", "2023-03-14", "2023-03-14", PrecisionDay, "14 Mar 2023 10:30", "2023年3月14日 10:30"},
	{"2023年3月", "2023-03", "2023-03-01", "2023-03-31", PrecisionMonth, "Mar 2023", "2023年3月"},
	{"2023年三月", "2023-03", "2023-03-01", "2023-03-31", PrecisionMonth, "Mar 2023", "2023年3月"},
	{"2023年", "2023", "2023-01-01", "2023-12-31", PrecisionYear, "2023", "2023年"},
	{"2022年中", "2022-05~/2022-08~", "2022-05-01", "2022-08-31", PrecisionMonth, "mid-2022", "2022年中"},
	{"2022年年中", "2022-05~/2022-08~", "2022-05-01", "2022-08-31", PrecisionMonth, "mid-2022", "2022年中"},
	{"2023年初", "2023-01~/2023-04~", "2023-01-01", "2023-04-30", PrecisionMonth, "early 2023", "2023年初"},
	{"2023年年初", "2023-01~/2023-04~", "2023-01-01", "2023-04-30", PrecisionMonth, "early 2023", "2023年初"},
	{"2023年底", "2023-09~/2023-12~", "2023-09-01", "2023-12-31", PrecisionMonth, "late 2023", "2023年底"},
	{"2023年末", "2023-09~/2023-12~", "2023-09-01", "2023-12-31", PrecisionMonth, "late 2023", "2023年底"},
	{"2023年年底", "2023-09~/2023-12~", "2023-09-01", "2023-12-31", PrecisionMonth, "late 2023", "2023年底"},
	{"2023年上半年", "2023-40", "2023-01-01", "2023-06-30", PrecisionHalf, "H1 2023", "2023年上半年"},
	{"2023年下半年", "2023-41", "2023-07-01", "2023-12-31", PrecisionHalf, "H2 2023", "2023年下半年"},
	{"2023年第三季度", "2023-35", "2023-07-01", "2023-09-30", PrecisionQuarter, "Q3 2023", "2023年第三季度"},
	{"2023年Q3", "2023-35", "2023-07-01", "2023-09-30", PrecisionQuarter, "Q3 2023", "2023年第三季度"},
	{"2023年春", "2023-21", "2023-03-01", "2023-05-31", PrecisionSeason, "Spring 2023", "2023年春"},
	{"2023年夏天", "2023-22", "2023-06-01", "2023-08-31", PrecisionSeason, "Summer 2023", "2023年夏"},
	{"2023年秋季", "2023-23", "2023-09-01", "2023-11-30", PrecisionSeason, "Autumn 2023", "2023年秋"},
	{"2023年冬", "2023-24", "2023-12-01", "2024-02-29", PrecisionSeason, "Winter 2023", "2023年冬"},
	{"约2023年", "2023~", "2023-01-01", "2023-12-31", PrecisionYear, "~2023", "约2023年"},
	{"2023年左右", "2023~", "2023-01-01", "2023-12-31", PrecisionYear, "~2023", "约2023年"},
	{"大约2023年", "2023~", "2023-01-01", "2023-12-31", PrecisionYear, "~2023", "约2023年"},
	{"２０２３年３月", "2023-03", "2023-03-01", "2023-03-31", PrecisionMonth, "Mar 2023", "2023年3月"},
	{"２０２３－０３－１４", "2023-03-14", "2023-03-14", "2023-03-14", PrecisionDay, "14 Mar 2023", "2023年3月14日"},
	{"2023年2月–8月", "2023-02/2023-08", "2023-02-01", "2023-08-31", PrecisionMonth, "Feb – Aug 2023", "2023年2月–8月"},
	{"2023年至2025年", "2023/2025", "2023-01-01", "2025-12-31", PrecisionYear, "2023 – 2025", "2023年–2025年"},
	{"公元前44年", "-0043", "-0043-01-01", "-0043-12-31", PrecisionYear, "44 BC", "公元前44年"},
	{"公元800年", "0800", "0800-01-01", "0800-12-31", PrecisionYear, "AD 800", "公元800年"},
}

func TestParse(t *testing.T) {
	for _, c := range parseCases {
		d, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if got := d.String(); got != c.canonical {
			t.Errorf("Parse(%q).String() = %q, want %q", c.in, got, c.canonical)
		}
		if got := d.Earliest().String(); got != c.earliest {
			t.Errorf("Parse(%q).Earliest() = %s, want %s", c.in, got, c.earliest)
		}
		if got := d.Latest().String(); got != c.latest {
			t.Errorf("Parse(%q).Latest() = %s, want %s", c.in, got, c.latest)
		}
		if got := d.Precision(); got != c.prec {
			t.Errorf("Parse(%q).Precision() = %v, want %v", c.in, got, c.prec)
		}
		if got := d.Format("en"); got != c.en {
			t.Errorf("Parse(%q).Format(en) = %q, want %q", c.in, got, c.en)
		}
		if got := d.Format("zh"); got != c.zh {
			t.Errorf("Parse(%q).Format(zh) = %q, want %q", c.in, got, c.zh)
		}
		if again, err := Parse(d.String()); err != nil || again != d {
			t.Errorf("Parse(%q) does not round-trip through %q: got %v, %v", c.in, d.String(), again, err)
		}
		if strict, err := ParseEDTF(d.String()); err != nil || strict != d {
			t.Errorf("ParseEDTF(%q) = %v, %v; want %v", d.String(), strict, err, d)
		}
	}
}

// TestParseFormatted checks that Parse reads back what Format writes.
func TestParseFormatted(t *testing.T) {
	for _, c := range parseCases {
		d := MustParse(c.in)
		for _, lang := range []string{"en", "zh"} {
			text := d.Format(lang)
			back, err := Parse(text)
			if err != nil {
				t.Errorf("Parse(Format(%q, %s) = %q): %v", c.in, lang, text, err)
				continue
			}
			if back.Earliest() != d.Earliest() || back.Latest() != d.Latest() || back.Precision() != d.Precision() {
				t.Errorf("Parse(%q) = %s, want the same extent as %s", text, back, d)
			}
		}
	}
}

func TestParseQualifiers(t *testing.T) {
	cases := []struct {
		in                     string
		approximate, uncertain bool
		interval               bool
	}{
		{"2023", false, false, false},
		{"2022-08~", true, false, false},
		{"2024?", false, true, false},
		{"2024%", true, true, false},
		{"mid-2022", true, false, true},
		{"2023-02/2025-02?", false, true, true},
		{"约2023年", true, false, false},
	}
	for _, c := range cases {
		d := MustParse(c.in)
		if d.Approximate() != c.approximate || d.Uncertain() != c.uncertain || d.IsInterval() != c.interval {
			t.Errorf("%q: approximate %v uncertain %v interval %v; want %v %v %v", c.in,
				d.Approximate(), d.Uncertain(), d.IsInterval(), c.approximate, c.uncertain, c.interval)
		}
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"2023-13-40", "month 13 is out of range (1–12)"},
		{"2023-02-30", "February 2023 has 28 days, not 30"},
		{"2024-02-30", "February 2024 has 29 days, not 30"},
		{"1900-02-29", "February 1900 has 28 days, not 29"},
		{"2023-04-31", "April 2023 has 30 days, not 31"},
		{"2023-01-32", "day 32 is out of range (1–31)"},
		{"2023-00", "month 0 is out of range (1–12)"},
		{"2023-25", "month 25 is out of range (1–12)"},
		{"", "empty date"},
		{"   ", "empty date"},
		{"garbage", `cannot read "garbage" as a date (try 2023-03-14, 2023-03, March 2023 or 2023年3月)`},
		{"2025-02/2023-02", "interval ends (2023-02) before it starts (2025-02)"},
		{"2023-02-13T10:00/2023-02-13T09:00", "interval ends (2023-02-13T09:00) before it starts (2023-02-13T10:00)"},
		{"Feb 2025 - Feb 2023", "interval ends (2023-02) before it starts (2025-02)"},
		{"../2024", `open-ended interval "../2024" is not supported`},
		{"2023/..", `open-ended interval "2023/.." is not supported`},
		{"2023/", `open-ended interval "2023/" is not supported`},
		{"garbage/", `cannot read "garbage/" as a date`},
		{"/", `cannot read "/" as a date`},
		{"2023-02-13T10:30Z", "time zones are not supported"},
		{"2023-02-13T10:30+08:00", "time zones are not supported"},
		{"2023-02-13T24:00", "hour 24 is out of range (0–23)"},
		{"2023-02-13T10:60", "minute 60 is out of range (0–59)"},
		{"2023-33-01", "a day cannot follow a season, quarter or half"},
		{"31 Feb 2023", "February 2023 has 28 days, not 31"},
		{"Q5 2023", "quarter 5 is out of range (1–4)"},
		{"H3 2023", "half 3 is out of range (1–2)"},
		{"2023/13/01", "month 13 is out of range (1–12)"},
		{"March 2023 10:30", "a time of day needs a full date"},
		{"2023年13月", "month 13 is out of range (1–12)"},
		{"2023年2月29日", "February 2023 has 28 days, not 29"},
		{"2023年第五季度", "quarter 5 is out of range (1–4)"},
		{"March", `cannot read "March" as a date`},
		{"23年3月", `cannot read "23年3月" as a date`},
		{"2023-03-14 and more", `cannot read "2023-03-14 and more" as a date`},
	}
	for _, c := range cases {
		d, err := Parse(c.in)
		if err := refusedSaying(t, "Parse", c.in, d, err, c.want); err != nil {
			if _, ok := err.(*Error); !ok {
				t.Errorf("Parse(%q) error is %T, want *Error", c.in, err)
			}
		}
	}
}

// refusedSaying checks that the call of fn on in, which returned got and
// err, was refused with an error that contains want, and returns the
// error (nil when there was none).
func refusedSaying[T any](t *testing.T, fn, in string, got T, err error, want string) error {
	t.Helper()
	if err == nil {
		t.Errorf("%s(%q) = %+v, want an error", fn, in, got)
		return nil
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("%s(%q) error %q, want it to contain %q", fn, in, err, want)
	}
	return err
}

func TestParseEDTFIsStrict(t *testing.T) {
	for _, in := range []string{"March 2023", "mid-2022", "2023年3月", "2023/03/14", "14 Mar 2023", "2023-3"} {
		// The error names the input.
		d, err := ParseEDTF(in)
		refusedSaying(t, "ParseEDTF", in, d, err, in)
	}
	if _, err := ParseEDTF("2023-13"); err == nil || !strings.Contains(err.Error(), "month 13") {
		t.Errorf("ParseEDTF(2023-13) error = %v, want month 13 out of range", err)
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParse(garbage) did not panic")
		}
	}()
	MustParse("garbage")
}

func TestTextMarshalling(t *testing.T) {
	for _, in := range []string{"2023-02~/2025-02", "2022-08~", "-0043-03-15", "2023-02-13T10:30:05"} {
		d := MustParse(in)
		b, err := d.MarshalText()
		if err != nil || string(b) != in {
			t.Errorf("MarshalText(%v) = %q, %v", d, b, err)
		}
		var back Date
		if err := back.UnmarshalText(b); err != nil || back != d {
			t.Errorf("UnmarshalText(%q) = %v, %v", b, back, err)
		}
	}
	var zero Date
	if b, _ := zero.MarshalText(); len(b) != 0 {
		t.Errorf("zero Date marshals to %q", b)
	}
	back := MustParse("2023")
	if err := back.UnmarshalText(nil); err != nil || !back.IsZero() {
		t.Errorf("UnmarshalText(empty) = %v, %v; want zero Date", back, err)
	}
	if err := back.UnmarshalText([]byte("March 2023")); err == nil {
		t.Error("UnmarshalText accepted a natural form")
	}
}

func TestZeroDate(t *testing.T) {
	var d Date
	if !d.IsZero() || d.String() != "" || d.Format("en") != "" || d.Precision() != PrecisionNone ||
		d.Year() != 0 || d.IsInterval() || d.Approximate() || d.Uncertain() {
		t.Errorf("zero Date misbehaves: %q %q %v %d", d.String(), d.Format("en"), d.Precision(), d.Year())
	}
	if PrecisionNone.String() != "none" || PrecisionSeason.String() != "season" {
		t.Error("Precision.String")
	}
}

func TestCompare(t *testing.T) {
	ordered := []string{"2022-40", "2022", "2022-05~/2022-08~", "2022-08-01", "2022-08", "2022-08-02", "2023-24", "2024"}
	for i, a := range ordered {
		for j, b := range ordered {
			want := cmp.Compare(i, j)
			if got := MustParse(a).Compare(MustParse(b)); got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
	var zero Date
	if zero.Compare(MustParse("2023")) != -1 || MustParse("2023").Compare(zero) != 1 || zero.Compare(zero) != 0 {
		t.Error("the zero Date does not sort first")
	}
}

func TestYear(t *testing.T) {
	cases := map[string]int{"2023-24": 2023, "-0043-03-15": -43, "2022-05~/2023-12": 2022, "0000": 0}
	for in, want := range cases {
		if got := MustParse(in).Year(); got != want {
			t.Errorf("Year(%s) = %d, want %d", in, got, want)
		}
	}
}

func TestConstructors(t *testing.T) {
	if got := DayDate(DayOf(2023, 3, 14)).String(); got != "2023-03-14" {
		t.Errorf("DayDate = %s", got)
	}
	if got := YearDate(-43).Format("en"); got != "44 BC" {
		t.Errorf("YearDate(-43) = %s", got)
	}
	if got := MonthDate(2023, 2).Latest().String(); got != "2023-02-28" {
		t.Errorf("MonthDate(2023, 2).Latest = %s", got)
	}
	d, err := Interval(MustParse("mid-2022"), MustParse("2023-35"))
	if err != nil || d.String() != "2022-05~/2023-35" {
		t.Errorf("Interval = %v, %v", d, err)
	}
	if d.Start().String() != "2022-05~" || d.End().String() != "2023-35" {
		t.Errorf("Start/End = %v, %v", d.Start(), d.End())
	}
	if _, err := Interval(MustParse("2024"), MustParse("2023")); err == nil {
		t.Error("Interval accepted an end before its start")
	}
	if _, err := Interval(Date{}, MustParse("2023")); err == nil {
		t.Error("Interval accepted a zero start")
	}
	if !MustParse("2023-02-13T10:30").HasTime() || MustParse("2023-02-13").HasTime() {
		t.Error("HasTime")
	}
}

func TestExtremeYears(t *testing.T) {
	cases := []struct{ in, canonical, en, zh string }{
		{"-9999", "-9999", "10000 BC", "公元前10000年"},
		{"10000 BC", "-9999", "10000 BC", "公元前10000年"},
		{"公元前10000年冬", "-9999-24", "Winter 10000 BC", "公元前10000年冬"},
		{"9999-24", "9999-24", "Winter 9999", "9999年冬"},
		{"mid-44 BC", "-0043-05~/-0043-08~", "mid-44 BC", "公元前44年中"},
	}
	for _, c := range cases {
		d, err := Parse(c.in)
		if err != nil || d.String() != c.canonical || d.Format("en") != c.en || d.Format("zh") != c.zh {
			t.Errorf("Parse(%q) = %q (%q, %q), %v; want %q (%q, %q)", c.in, d.String(), d.Format("en"), d.Format("zh"), err, c.canonical, c.en, c.zh)
		}
	}
	for _, bad := range []string{"10001 BC", "公元前10001年", "0 BC", "AD 0", "-10000"} {
		if d, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) = %s, want an error", bad, d)
		}
	}
	if got := MustParse("9999-24").Latest().String(); got != "10000-02-29" {
		t.Errorf("winter 9999 ends %s", got)
	}
}
