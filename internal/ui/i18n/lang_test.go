package i18n

import (
	"bytes"
	"log"
	"os"
	"testing"

	"fyne.io/fyne/v2/lang"
)

// The lang package reads the locale from the environment whenever
// translations are added, so each case sets LANG first. Fyne logs a string
// it cannot find; the log must stay empty.
func TestSetupLanguageFollowsTheSystem(t *testing.T) {
	cases := []struct {
		env, choice, wantLang, wantText string
	}{
		{"zh_CN.UTF-8", LanguageAuto, LanguageChinese, "时间线"},
		{"zh_TW.UTF-8", "", LanguageChinese, "时间线"},
		{"en_US.UTF-8", LanguageAuto, LanguageEnglish, "Timeline"},
		{"de_DE.UTF-8", LanguageAuto, LanguageEnglish, "Timeline"},
		{"pt_BR.UTF-8", LanguageAuto, LanguageEnglish, "Timeline"},
		{"ja_JP.UTF-8", LanguageAuto, LanguageEnglish, "Timeline"},
		{"en_US.UTF-8", LanguageChinese, LanguageChinese, "时间线"},
		{"zh_CN.UTF-8", LanguageEnglish, LanguageEnglish, "Timeline"},
	}
	saved := current
	var logged bytes.Buffer
	log.SetOutput(&logged)
	t.Cleanup(func() {
		current = saved
		log.SetOutput(os.Stderr)
	})
	for _, c := range cases {
		t.Setenv("LANG", c.env)
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANGUAGE", "")
		logged.Reset()
		if err := SetupLanguage(c.choice); err != nil {
			t.Fatal(err)
		}
		if Lang() != c.wantLang {
			t.Errorf("LANG=%s choice %q: Lang() = %q, want %q", c.env, c.choice, Lang(), c.wantLang)
		}
		if got := lang.X("tab.timeline", "Timeline"); got != c.wantText {
			t.Errorf("LANG=%s choice %q: tab.timeline = %q, want %q", c.env, c.choice, got, c.wantText)
		}
		lang.X("timeline.lane.predictions", "Predictions") // from another file of the same language
		lang.L("Cancel")                                   // one of Fyne's own strings
		if logged.Len() > 0 {
			t.Errorf("LANG=%s choice %q: Fyne logged:\n%s", c.env, c.choice, logged.String())
		}
	}
	if err := SetupLanguage("fr"); err == nil {
		t.Error("an unknown language should be refused")
	}
	t.Setenv("LANG", "en_US.UTF-8")
	if err := SetupLanguage(LanguageAuto); err != nil {
		t.Fatal(err)
	}
}

func TestNumberGroupsThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1000045: "1,000,045", -12345: "-12,345"} {
		if got := Number(n); got != want {
			t.Errorf("Number(%d) = %q, want %q", n, got, want)
		}
	}
}
