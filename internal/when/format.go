package when

import (
	"fmt"
	"strconv"
	"strings"
)

var (
	seasonsEnglish  = [4]string{"Spring", "Summer", "Autumn", "Winter"}
	seasonsChinese  = [4]string{"春", "夏", "秋", "冬"}
	quartersChinese = [4]string{"第一季度", "第二季度", "第三季度", "第四季度"}
	halvesChinese   = [2]string{"上半年", "下半年"}
)

// isChinese picks the display language: "zh" (or "zh-CN" and the like)
// gives Chinese, anything else English.
func isChinese(lang string) bool {
	return strings.HasPrefix(strings.ToLower(lang), "zh")
}

// Format gives the display text of d in lang ("en" or "zh"): "14 Mar 2023",
// "~Aug 2022", "mid-2022", "Feb 2023 – Feb 2025", "2023年3月14日",
// "约2022年8月", "2022年中". Parse reads every text Format writes.
func (d Date) Format(lang string) string {
	zh := isChinese(lang)
	switch {
	case d.IsZero():
		return ""
	case !d.IsInterval():
		return formatPoint(d.start, zh)
	}
	if part := d.namedPart(); part != partNone {
		return formatNamed(int(d.start.year), part, zh)
	}
	if sameYearPlain(d.start, d.end) {
		// The year is written once: "Feb – Aug 2023", "2023年2月–8月".
		if zh {
			return formatPoint(d.start, true) + "–" + chineseUnit(d.end)
		}
		return englishUnit(d.start) + " – " + formatPoint(d.end, false)
	}
	if zh {
		return formatPoint(d.start, true) + "–" + formatPoint(d.end, true)
	}
	return formatPoint(d.start, false) + " – " + formatPoint(d.end, false)
}

// sameYearPlain reports whether an interval's ends can share one written
// year: same year and precision, nothing else attached. Seasons are left
// out because winter runs into the next year, and so are years written
// with an era (AD 800, 44 BC), which the shortened form cannot carry.
func sameYearPlain(a, b point) bool {
	switch a.prec {
	case PrecisionHalf, PrecisionQuarter, PrecisionMonth, PrecisionDay:
	default:
		return false
	}
	return a.year >= 1000 && a.year == b.year && a.prec == b.prec && a.qual == 0 && b.qual == 0 &&
		a.clock == clockNone && b.clock == clockNone
}

func formatNamed(year int, part namedPart, zh bool) string {
	if zh {
		return yearChinese(year) + [...]string{partEarly: "初", partMid: "中", partLate: "底"}[part]
	}
	return [...]string{partEarly: "early ", partMid: "mid-", partLate: "late "}[part] + yearEnglish(year)
}

func formatPoint(p point, zh bool) string {
	var text string
	if zh {
		text = yearChinese(int(p.year)) + chineseUnit(p)
	} else {
		text = englishUnit(p)
		if p.prec != PrecisionYear {
			text += " "
		}
		text += yearEnglish(int(p.year))
	}
	switch p.clock {
	case clockMinutes:
		text += fmt.Sprintf(" %02d:%02d", p.hour, p.minute)
	case clockSeconds:
		text += fmt.Sprintf(" %02d:%02d:%02d", p.hour, p.minute, p.second)
	}
	if p.qual&qualApprox != 0 {
		if zh {
			text = "约" + text
		} else {
			text = "~" + text
		}
	}
	if p.qual&qualUncertain != 0 {
		text += "?"
	}
	return text
}

// englishUnit is the part of a point written before the year: "Q3", "14 Mar".
func englishUnit(p point) string {
	switch p.prec {
	case PrecisionHalf:
		return fmt.Sprintf("H%d", p.month-codeHalf1+1)
	case PrecisionQuarter:
		return fmt.Sprintf("Q%d", p.month-codeQuarter1+1)
	case PrecisionSeason:
		return seasonsEnglish[p.month-codeSpring]
	case PrecisionMonth:
		return monthNames[p.month-1][:3]
	case PrecisionDay:
		return fmt.Sprintf("%d %s", p.day, monthNames[p.month-1][:3])
	}
	return ""
}

// chineseUnit is the part of a point written after the year: "第三季度", "3月14日".
func chineseUnit(p point) string {
	switch p.prec {
	case PrecisionHalf:
		return halvesChinese[p.month-codeHalf1]
	case PrecisionQuarter:
		return quartersChinese[p.month-codeQuarter1]
	case PrecisionSeason:
		return seasonsChinese[p.month-codeSpring]
	case PrecisionMonth:
		return fmt.Sprintf("%d月", p.month)
	case PrecisionDay:
		return fmt.Sprintf("%d月%d日", p.month, p.day)
	}
	return ""
}

// yearEnglish writes an astronomical year for display: 2023, AD 800, 44 BC
// (year 0 is 1 BC). Years before 1000 carry an era so that they are not
// mistaken for day numbers.
func yearEnglish(y int) string {
	switch {
	case y <= 0:
		return strconv.Itoa(1-y) + " BC"
	case y < 1000:
		return "AD " + strconv.Itoa(y)
	}
	return strconv.Itoa(y)
}

func yearChinese(y int) string {
	switch {
	case y <= 0:
		return "公元前" + strconv.Itoa(1-y) + "年"
	case y < 1000:
		return "公元" + strconv.Itoa(y) + "年"
	}
	return strconv.Itoa(y) + "年"
}
