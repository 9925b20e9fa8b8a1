package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/hindsight-app/hindsight/assets"
)

// Languages the interface speaks, as stored in the preferences.
const (
	LanguageAuto    = "auto" // follow the system
	LanguageEnglish = "en"
	LanguageChinese = "zh"
)

// current is the language chosen at start; Fyne cannot switch languages
// while running, so it is fixed until the next start.
var current = LanguageEnglish

// Lang is the interface language: "en" or "zh". Dates are formatted in it.
func Lang() string { return current }

// SetupLanguage loads the interface translations. choice is LanguageAuto
// (or empty) to follow the system, or a language to force. Fyne matches
// translations only against the system locale, so a forced language is
// registered under the system locale's name.
func SetupLanguage(choice string) error {
	system := systemLanguage()
	if choice == "" || choice == LanguageAuto {
		current = system
		return lang.AddTranslationsFS(assets.Translations, "translations")
	}
	if choice != LanguageEnglish && choice != LanguageChinese {
		return fmt.Errorf("unknown language %q (en, zh or auto)", choice)
	}
	current = choice
	return addLanguageFiles(choice, lang.SystemLocale())
}

// addLanguageFiles registers every translation file of one language
// ("zh.json", "forms.zh.json", …) under the given locale.
func addLanguageFiles(language string, locale fyne.Locale) error {
	files, err := assets.Translations.ReadDir("translations")
	if err != nil {
		return err
	}
	for _, f := range files {
		name := f.Name()
		if name != language+".json" && !strings.HasSuffix(name, "."+language+".json") {
			continue
		}
		data, err := assets.Translations.ReadFile("translations/" + name)
		if err != nil {
			return err
		}
		if err := lang.AddTranslationsForLocale(data, locale); err != nil {
			return fmt.Errorf("translations %s: %w", name, err)
		}
	}
	return nil
}

// systemLanguage maps the system locale to one of our languages: Chinese
// for any zh locale, English for everything else.
func systemLanguage() string {
	if lang.SystemLocale().LanguageString() == "zh" {
		return LanguageChinese
	}
	return LanguageEnglish
}

// tr returns the translation of key, or fallback (the English text) when
// the key is missing. Every visible string goes through it (or trf).
func tr(key, fallback string) string { return lang.X(key, fallback) }

// trf is tr for a message with {{.Name}} placeholders filled from data.
func trf(key, fallback string, data map[string]any) string { return lang.X(key, fallback, data) }
