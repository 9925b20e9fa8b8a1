// Package assets embeds the files Hindsight ships inside its binary: the
// CJK-capable font, the app icon and the interface translations.
package assets

import "embed"

// CJKFont is Droid Sans Fallback, a single-face font covering Latin and
// Chinese, with its outlines in CFF form, which Fyne reads several times
// faster than the TrueType original (see fonts/README.md for why and for
// its licence).
//
//go:embed fonts/DroidSansFallbackFull.otf
var CJKFont []byte

// Icon is the app icon, 512×512 PNG.
//
//go:embed icon.png
var Icon []byte

// Translations holds translations/en.json and translations/zh.json, one
// file per interface language, in the format Fyne's lang package reads.
//
//go:embed translations/*.json
var Translations embed.FS
