// Package localefix makes a C or malformed locale read as English before
// Fyne looks at it. Import it for its side effect, from main only:
//
//	import _ "github.com/hindsight-app/hindsight/internal/localefix"
//
// Fyne's lang package reads the locale from the environment while it is
// initialised and logs "Error parsing user locale C" for LANG=C.UTF-8 and
// the like. This package imports nothing but the standard library and its
// path sorts before Fyne's locale dependency (github.com/jeandeaual/...),
// so Go's package initialisation order runs this init first. It only sets
// LANGUAGE, which the system's C library uses for message catalogues alone,
// so character handling (LC_CTYPE, input methods) is left as it was.
package localefix

import "os"

func init() {
	if fallback := Fallback(os.Getenv); fallback != "" {
		os.Setenv("LANGUAGE", fallback)
	}
}

// Fallback returns the LANGUAGE value to set so that the locale reads as a
// real language, or "" when the environment already names one. getenv is
// os.Getenv, or a stand-in in tests.
func Fallback(getenv func(string) string) string {
	locale := ""
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = getenv(name); locale != "" {
			break
		}
	}
	// Exactly "C" or "POSIX" (or nothing) already means "no preference" to
	// Fyne, which then uses English without complaint.
	if locale == "" || locale == "C" || locale == "POSIX" {
		return ""
	}
	if languages := getenv("LANGUAGE"); languages != "" {
		locale = languages
	}
	if validLanguage(locale) {
		return ""
	}
	return "en"
}

// validLanguage reports whether a POSIX locale ("zh_CN.UTF-8", "en",
// "de_DE@euro", or a LANGUAGE list "zh_CN:en") starts with a two- or
// three-letter language code.
func validLanguage(locale string) bool {
	n := 0
	for _, r := range locale {
		if r == '_' || r == '-' || r == '.' || r == '@' || r == ':' {
			break
		}
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			return false
		}
		n++
	}
	return (n == 2 || n == 3) && locale[:n] != "C"
}
