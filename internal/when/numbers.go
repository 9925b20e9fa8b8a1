package when

import (
	"regexp"
	"strconv"
	"strings"
)

var reDecimal = regexp.MustCompile(`^\d+\.\d+$`)

var englishUnits = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19,
}

var englishTens = map[string]int{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
}

// parseEnglishCount reads a count of units as written in "within two
// years": digits ("18", "1.5"), "a"/"an", words up to ninety-nine
// ("twenty-four", "thirty six") and "half a". It returns the count in
// halves so that "1.5 years" and "half a year" stay exact.
func parseEnglishCount(s string) (halves int, ok bool) {
	s = strings.TrimSpace(s)
	switch s {
	case "a", "an":
		return 2, true
	case "half a", "half an":
		return 1, true
	}
	if n, err := strconv.Atoi(s); err == nil {
		return 2 * n, n > 0 && n < 10000
	}
	if reDecimal.MatchString(s) {
		f, err := strconv.ParseFloat(s, 64)
		if err == nil && f > 0 && f < 10000 && f*2 == float64(int(f*2)) {
			return int(f * 2), true
		}
		return 0, false
	}
	if n, ok := englishUnits[s]; ok {
		return 2 * n, true
	}
	tens, unit, found := strings.Cut(strings.ReplaceAll(s, " ", "-"), "-")
	t, ok := englishTens[tens]
	if !ok {
		return 0, false
	}
	if !found {
		return 2 * t, true
	}
	u, ok := englishUnits[unit]
	if !ok || u > 9 {
		return 0, false
	}
	return 2 * (t + u), true
}

const chineseDigits = "〇一二三四五六七八九"

func chineseDigit(r rune) (int, bool) {
	if r == '两' {
		return 2, true
	}
	if i := strings.IndexRune(chineseDigits, r); i >= 0 {
		return i / len("一"), true
	}
	return 0, false
}

// parseChineseNumber reads 1-99 written in ASCII digits or Chinese numerals:
// 三, 十, 十八, 二十, 二十四, 两.
func parseChineseNumber(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 0 && len(s) <= 4
	}
	runes := []rune(s)
	ten := -1
	for i, r := range runes {
		if r == '十' {
			if ten >= 0 {
				return 0, false
			}
			ten = i
		}
	}
	if ten < 0 {
		if len(runes) != 1 {
			return 0, false
		}
		return chineseDigit(runes[0])
	}
	tens, ones := 1, 0
	switch ten {
	case 0:
	case 1:
		d, ok := chineseDigit(runes[0])
		if !ok || d == 0 {
			return 0, false
		}
		tens = d
	default:
		return 0, false
	}
	switch len(runes) - ten - 1 {
	case 0:
	case 1:
		d, ok := chineseDigit(runes[ten+1])
		if !ok || d == 0 {
			return 0, false
		}
		ones = d
	default:
		return 0, false
	}
	return tens*10 + ones, true
}

// chineseCount writes a count of units: 两 for 2, numerals up to 99, digits
// beyond.
func chineseCount(n int) string {
	switch {
	case n == 2:
		return "两"
	case n < 1 || n > 99:
		return strconv.Itoa(n)
	}
	digits := []rune(chineseDigits)
	tens, ones := n/10, n%10
	var b strings.Builder
	if tens > 1 {
		b.WriteRune(digits[tens])
	}
	if tens > 0 {
		b.WriteRune('十')
	}
	if ones > 0 {
		b.WriteRune(digits[ones])
	}
	return b.String()
}
