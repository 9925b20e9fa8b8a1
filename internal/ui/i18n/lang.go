// Package i18n is the interface's language: which one is in use, the
// translations Fyne's lang package reads, and the words every screen shares
// (names of states, categories and roles; dates, due dates and
// percentages as the reader's language writes them).
//
// Every visible string goes through T, TF or TN (or a screen's tr, trf and
// trn, which are the same functions), with a literal key and English text,
// so that a test can check every key against en.json and zh.json. A count
// shown goes through TN, which picks the language's plural form.
package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"text/template"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/hindsight-app/hindsight/assets"
)

// PrefLanguage is the preference that keeps the language chosen in the
// View menu.
const PrefLanguage = "language"

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

// T returns the translation of key, or fallback (the English text) when
// the key is missing.
func T(key, fallback string) string { return lang.X(key, fallback) }

// Text is a message held in a table rather than looked up where it is
// written: its key and its English text. The check of the translation
// files reads Text literals as it reads calls of T.
type Text struct{ Key, English string }

// String is the message in the interface language, looked up when it is
// shown so that a change of language takes effect.
func (t Text) String() string { return lang.X(t.Key, t.English) }

// TF is T for a message with {{.Name}} placeholders filled from data.
// A whole number under the key "Count" is written with its thousands
// grouped, as TN writes it.
func TF(key, fallback string, data map[string]any) string {
	if n, ok := data["Count"].(int); ok {
		grouped := make(map[string]any, len(data))
		for k, v := range data {
			grouped[k] = v
		}
		grouped["Count"] = Number(n)
		data = grouped
	}
	return lang.X(key, fallback, data)
}

// TN is TF for a message about count things, in the plural form the
// language gives count: English has one and other, Chinese only other. one
// and other are the English forms, as en.json holds them
// ({"one": …, "other": …}); {{.Count}} is count unless data says
// otherwise.
//
// Fyne picks the form by the plural rules of the system's locale, under
// which our strings are registered, not of the language chosen: so the
// Chinese files hold a "one" form too (for an English system), and
// English on a Chinese system, whose rules have no singular, takes its one
// form from the code, where the translation test holds it equal to en.json.
func TN(key, one, other string, count int, data map[string]any) string {
	d := map[string]any{"Count": Number(count)}
	for k, v := range data {
		d[k] = v
	}
	if count == 1 && current == LanguageEnglish {
		if fyneTag() == "zh-Hans" {
			return fill(key, one, d)
		}
		return lang.XN(key, one, count, d) // lang's own fallback knows only one form
	}
	return lang.XN(key, other, count, d)
}

// fill puts data into a message's {{.Name}} placeholders.
func fill(key, text string, data map[string]any) string {
	t, err := template.New(key).Parse(text)
	if err != nil {
		return text
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return text
	}
	return b.String()
}

// EventCount is "1 event", "3 events".
func EventCount(n int) string { return TN("count.events", "1 event", "{{.Count}} events", n, nil) }

// PredictionCount is "1 prediction", "3 predictions".
func PredictionCount(n int) string {
	return TN("count.predictions", "1 prediction", "{{.Count}} predictions", n, nil)
}

// PeriodCount is "1 period", "3 periods".
func PeriodCount(n int) string { return TN("count.periods", "1 period", "{{.Count}} periods", n, nil) }

// RecordsCount counts events and predictions: "952 events", "1 event and
// 3 predictions".
func RecordsCount(events, predictions int) string {
	var parts []string
	if events > 0 || predictions == 0 {
		parts = append(parts, EventCount(events))
	}
	if predictions > 0 {
		parts = append(parts, PredictionCount(predictions))
	}
	if len(parts) == 2 {
		return TF("count.both", "{{.Events}} and {{.Predictions}}", map[string]any{"Events": parts[0], "Predictions": parts[1]})
	}
	return parts[0]
}

// BatchCount counts what a change to many records holds, periods with
// events and predictions, naming only the kinds it has: "952 events",
// "20 events and 3 periods".
func BatchCount(events, predictions, periods int) string {
	if periods == 0 {
		return RecordsCount(events, predictions)
	}
	if events+predictions == 0 {
		return PeriodCount(periods)
	}
	return TF("count.with_periods", "{{.Records}} and {{.Periods}}",
		map[string]any{"Records": RecordsCount(events, predictions), "Periods": PeriodCount(periods)})
}

// Words is the language in use, for a widget that is handed its words
// rather than reading them from this package.
type Words struct{}

// T is i18n.T.
func (Words) T(key, fallback string) string { return T(key, fallback) }

// TF is i18n.TF.
func (Words) TF(key, fallback string, data map[string]any) string { return TF(key, fallback, data) }

// TN is i18n.TN.
func (Words) TN(key, one, other string, count int, data map[string]any) string {
	return TN(key, one, other, count, data)
}

// Lang is i18n.Lang.
func (Words) Lang() string { return Lang() }

// SwapForTest sets the language that dates and Chinese titles are shown in
// and returns a function that puts the previous one back. Only tests use
// it: the interface's strings are fixed at start.
func SwapForTest(language string) (restore func()) {
	old := current
	current = language
	return func() { current = old }
}

// Number writes a count with its thousands grouped, "1,000,045", as both
// languages write large numbers in running text.
func Number(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
