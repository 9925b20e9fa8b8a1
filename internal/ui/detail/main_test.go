package detail

import (
	"os"
	"testing"

	// Tests start under a C locale, as the app may.
	_ "github.com/hindsight-app/hindsight/internal/localefix"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
)

// TestMain loads the English strings, as the app does at start, so that
// plural forms are looked up as in the app.
func TestMain(m *testing.M) {
	if err := i18n.SetupLanguage(i18n.LanguageEnglish); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}
