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

// fyneLanguages are the locales Fyne v2.7 ships translations for.
var fyneLanguages = map[string]bool{
	"cs": true, "de": true, "el": true, "en": true, "es": true, "fr": true, "pl": true, "pt": true,
	"pt-BR": true, "ru": true, "sv": true, "ta": true, "uk": true, "zh-Hans": true,
}

// fyneTag is the locale whose translations Fyne will use on this system:
// the system locale if Fyne has it, else its language, else English.
// Chinese locales (zh-CN, zh-TW…) match Fyne's "zh-Hans".
func fyneTag() fyne.Locale {
	full := string(lang.SystemLocale())
	base, _, _ := strings.Cut(full, "-")
	switch {
	case base == "zh":
		return "zh-Hans"
	case fyneLanguages[full]:
		return fyne.Locale(full)
	case fyneLanguages[base]:
		return fyne.Locale(base)
	}
	return "en"
}

// SetupLanguage loads the interface translations. choice is LanguageAuto
// (or empty) to follow the system, or a language to force.
//
// Fyne looks every string up under one locale, chosen from the system
// locale among the languages it knows; a string missing there is logged as
// an error. So our strings in the chosen language are registered under
// that same locale, next to Fyne's own strings for its dialogs.
func SetupLanguage(choice string) error {
	language := choice
	switch choice {
	case "", LanguageAuto:
		language = systemLanguage()
	case LanguageEnglish, LanguageChinese:
	default:
		return fmt.Errorf("unknown language %q (en, zh or auto)", choice)
	}
	current = language
	return addLanguageFiles(language, fyneTag())
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
	// A locale reads "zh", "zh-CN" or "zh-Hans-CN": the language is the first part.
	if base, _, _ := strings.Cut(string(lang.SystemLocale()), "-"); base == "zh" {
		return LanguageChinese
	}
	return LanguageEnglish
}

// tr returns the translation of key, or fallback (the English text) when
// the key is missing. Every visible string goes through it (or trf).
func tr(key, fallback string) string { return lang.X(key, fallback) }

// trf is tr for a message with {{.Name}} placeholders filled from data.
func trf(key, fallback string, data map[string]any) string { return lang.X(key, fallback, data) }
