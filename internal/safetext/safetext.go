// Package safetext makes text from the database inert before it reaches a
// part of the system that would read it as more than text.
//
// Records may come from imported files, so their words are data, never an
// action. Fyne hands a notification's text to the system as-is: on Windows
// it is pasted into a PowerShell script between double quotes (escaping
// only ` and "), where $(…) would run and “ or ” would end the string; on
// Linux, notification servers read a subset of HTML in the body, where <a>
// makes a link and <img> fetches a file. Pure Go, no Fyne.
package safetext

import (
	"strings"
	"unicode"
)

// notificationSwaps replaces every character that PowerShell or a
// notification server could read as syntax with a look-alike that is only
// a character.
var notificationSwaps = strings.NewReplacer(
	"$", "＄", // PowerShell: variables and $(…) subexpressions
	"`", "ˋ", // PowerShell: the escape character
	`"`, "'", // PowerShell: every double quote ends a "…" string,
	"“", "'", //   typographic ones included
	"”", "'",
	"„", "'",
	"‟", "'",
	"<", "‹", // notification markup: <a>, <img>, <b>…
	">", "›",
	"&", "＆", // notification markup: entities
)

// Notification is s made safe for a system notification's title or body:
// characters that could be read as script or markup are swapped for
// look-alikes, and control characters other than a line break become
// spaces.
func Notification(s string) string {
	s = notificationSwaps.Replace(s)
	return strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}
