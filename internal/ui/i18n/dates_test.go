package i18n

import (
	"strings"
	"testing"
	"unicode"

	"github.com/hindsight-app/hindsight/internal/when"
)

// TestDateErrorsInChinese: a date that cannot be read is explained in
// Chinese with no English words, whatever the mistake.
func TestDateErrorsInChinese(t *testing.T) {
	if err := SetupLanguage(LanguageChinese); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = SetupLanguage(LanguageEnglish) })
	for _, text := range []string{"February 30, 2023", "2023-02-30", "banana", "2023-13", "Q5 2023", "2023-03-14T25:00", "2024/2023"} {
		_, err := when.Parse(text)
		got := DateErrorText(err)
		if english := englishWord(strings.ReplaceAll(got, text, "")); english != "" || got == "" {
			t.Errorf("%q: %q holds the English word %q", text, got, english)
		}
	}
	_, err := when.Parse("2023-02-30")
	if got := DateErrorText(err); got != "2023年2月只有 28 天，没有 30 日" {
		t.Errorf("February 30th: %q", got)
	}
	_, err = when.ParseDeadline("whenever", when.MustParse("2023"))
	if got := DateErrorText(err); !strings.Contains(got, "whenever") || !strings.HasPrefix(got, "无法识别截止时间") {
		t.Errorf("an unreadable deadline: %q", got)
	}
}

// englishWord is the first run of three or more Latin letters in s.
func englishWord(s string) string {
	run := []rune{}
	for _, r := range s + " " {
		if r < 128 && unicode.IsLetter(r) {
			run = append(run, r)
			continue
		}
		if len(run) >= 3 {
			return string(run)
		}
		run = run[:0]
	}
	return ""
}

func TestDateErrorsInEnglish(t *testing.T) {
	if err := SetupLanguage(LanguageEnglish); err != nil {
		t.Fatal(err)
	}
	_, err := when.Parse("2023-02-30")
	if got := DateErrorText(err); got != "Feb 2023 has 28 days, not 30" {
		t.Errorf("February 30th: %q", got)
	}
}
