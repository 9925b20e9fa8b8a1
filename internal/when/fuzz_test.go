package when

import "testing"

// FuzzParse: Parse never panics, and whatever it accepts has a canonical
// text that reads back exactly, a non-empty extent, and display texts that
// read back to the same extent.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("Parse(%q): empty error message", s)
			}
			return
		}
		if d.IsZero() {
			t.Fatalf("Parse(%q) gave the zero Date without an error", s)
		}
		if d.Earliest() > d.Latest() {
			t.Fatalf("Parse(%q) = %s: earliest %s after latest %s", s, d, d.Earliest(), d.Latest())
		}
		text := d.String()
		for name, parse := range map[string]func(string) (Date, error){"Parse": Parse, "ParseEDTF": ParseEDTF} {
			back, err := parse(text)
			if err != nil || back != d {
				t.Fatalf("Parse(%q) = %s, but %s(%q) = %s, %v", s, text, name, text, back.String(), err)
			}
		}
		for _, lang := range []string{"en", "zh"} {
			shown := d.Format(lang)
			back, err := Parse(shown)
			if err != nil {
				t.Fatalf("Parse(%q) = %s, Format(%s) = %q does not parse: %v", s, text, lang, shown, err)
			}
			if back.Earliest() != d.Earliest() || back.Latest() != d.Latest() {
				t.Fatalf("Parse(%q) = %s, Format(%s) = %q reads back as %s", s, text, lang, shown, back)
			}
		}
	})
}

// FuzzParseDeadline: ParseDeadline never panics, and whatever it accepts
// survives the canonical text exactly and its display texts by due window.
func FuzzParseDeadline(f *testing.F) {
	made := MustParse("2023-02-14")
	f.Fuzz(func(t *testing.T, s string) {
		dl, err := ParseDeadline(s, made)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ParseDeadline(%q): empty error message", s)
			}
			return
		}
		earliest, latest, ok := dl.Due(made)
		if !ok {
			t.Fatalf("ParseDeadline(%q) = %+v sets no window", s, dl)
		}
		stored, err := ParseCanonicalDeadline(dl.Canonical())
		dl.Phrase = ""
		if err != nil || stored != dl {
			t.Fatalf("ParseDeadline(%q): canonical %q reads back as %+v, %v", s, dl.Canonical(), stored, err)
		}
		for _, lang := range []string{"en", "zh"} {
			shown := dl.Format(lang)
			back, err := ParseDeadline(shown, made)
			if err != nil {
				t.Fatalf("ParseDeadline(%q): Format(%s) = %q does not parse: %v", s, lang, shown, err)
			}
			if e, l, _ := back.Due(made); e != earliest || l != latest {
				t.Fatalf("ParseDeadline(%q): Format(%s) = %q has window %s..%s, want %s..%s", s, lang, shown, e, l, earliest, latest)
			}
		}
	})
}
