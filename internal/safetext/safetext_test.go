package safetext

import (
	"strings"
	"testing"
	"unicode"
)

// syntax lists every character that PowerShell (inside "…") or a
// notification server's markup reads as more than text.
const syntax = "$`\"“”„‟<>&"

func checkInert(t *testing.T, in, out string) {
	t.Helper()
	if i := strings.IndexAny(out, syntax); i >= 0 {
		t.Errorf("Notification(%q) = %q keeps %q", in, out, out[i:i+1])
	}
	for _, r := range out {
		if r != '\n' && (unicode.IsControl(r) || r == '\u2028' || r == '\u2029') {
			t.Errorf("Notification(%q) keeps the control character %U", in, r)
		}
	}
}

func TestNotificationDisarmsScriptAndMarkup(t *testing.T) {
	for in, want := range map[string]string{
		`GPT-5 by $(Start-Process calc)`:          `GPT-5 by ＄(Start-Process calc)`,
		"costs `$env:USERPROFILE`":                "costs ˋ＄env:USERPROFILEˋ",
		`say "hi"; calc; "`:                       `say 'hi'; calc; '`,
		"“; calc; ”":                              "'; calc; '",
		`<a href="file:///etc/passwd">x</a>`:      `‹a href='file:///etc/passwd'›x‹/a›`,
		`<img src="file:///home/me/.ssh/id_rsa">`: `‹img src='file:///home/me/.ssh/id_rsa'›`,
		"R&amp;D":                                     "R＆amp;D",
		"two\nlines\r\x00\x1b[31m":                    "two\nlines   [31m",
		"中文预测：两年内会爆发":                                 "中文预测：两年内会爆发",
		"plain text stays as it is, even 60% and (x)": "plain text stays as it is, even 60% and (x)",
	} {
		got := Notification(in)
		if got != want {
			t.Errorf("Notification(%q) = %q, want %q", in, got, want)
		}
		checkInert(t, in, got)
	}
}

func FuzzNotification(f *testing.F) {
	for _, s := range []string{`$(calc)`, "“x”", `<a href="y">`, "a\x00b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkInert(t, s, Notification(s))
	})
}
