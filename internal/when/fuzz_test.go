package when

import "testing"

// checkParsed holds the properties of everything Parse accepts: the
// canonical text reads back exactly (through Parse and ParseEDTF), the
// extent is not empty, and both display texts read back to the same extent.
// It reports whether s was accepted.
func checkParsed(t *testing.T, s string) bool {
	t.Helper()
	d, err := Parse(s)
	if err != nil {
		if err.Error() == "" {
			t.Fatalf("Parse(%q): empty error message", s)
		}
		return false
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
	return true
}

var fuzzMade = MustParse("2023-02-14")

// checkDeadline holds the properties of everything ParseDeadline accepts:
// it sets a window, its canonical text reads back exactly, and both display
// texts read back to the same window. It reports whether s was accepted.
func checkDeadline(t *testing.T, s string) bool {
	t.Helper()
	dl, err := ParseDeadline(s, fuzzMade)
	if err != nil {
		if err.Error() == "" {
			t.Fatalf("ParseDeadline(%q): empty error message", s)
		}
		return false
	}
	earliest, latest, ok := dl.Due(fuzzMade)
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
		back, err := ParseDeadline(shown, fuzzMade)
		if err != nil {
			t.Fatalf("ParseDeadline(%q): Format(%s) = %q does not parse: %v", s, lang, shown, err)
		}
		if e, l, _ := back.Due(fuzzMade); e != earliest || l != latest {
			t.Fatalf("ParseDeadline(%q): Format(%s) = %q has window %s..%s, want %s..%s", s, lang, shown, e, l, earliest, latest)
		}
	}
	return true
}

func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) { checkParsed(t, s) })
}

func FuzzParseDeadline(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) { checkDeadline(t, s) })
}

// TestCombinedForms feeds the fuzz properties with forms built from the
// table cases (qualified, joined into ranges, wrapped in deadline words),
// which random mutation rarely reaches.
func TestCombinedForms(t *testing.T) {
	var forms []string
	for _, c := range parseCases {
		forms = append(forms, c.in)
	}
	accepted := 0
	for i, a := range forms {
		b := forms[(i*7+3)%len(forms)]
		for _, s := range []string{"~" + a, a + "?", "circa " + a, "约" + a, a + " to " + b, a + " – " + b, a + "至" + b, "between " + a + " and " + b} {
			if checkParsed(t, s) {
				accepted++
			}
		}
		for _, s := range []string{a, "by " + a, "before " + a, "after " + a, "not before " + a, a + "前", a + "以后", "不早于" + a, "by the end of " + a} {
			if checkDeadline(t, s) {
				accepted++
			}
		}
	}
	if accepted < len(forms)*8 {
		t.Errorf("only %d of the combined forms were accepted", accepted)
	}
}

// FuzzParseRelative checks that a relative phrase, read against a fixed
// reference with each lean, either fails with a message or gives a date
// whose canonical text reads back exactly.
func FuzzParseRelative(f *testing.F) {
	ref := MustParse("2024-01")
	f.Fuzz(func(t *testing.T, s string) {
		for _, lean := range []Lean{LeanNearest, LeanPast, LeanFuture} {
			d, _, err := ParseRelative(s, ref, lean)
			if err != nil {
				if err.Error() == "" {
					t.Fatalf("ParseRelative(%q): empty error message", s)
				}
				continue
			}
			if d.IsZero() || d.Earliest() > d.Latest() {
				t.Fatalf("ParseRelative(%q) = %s: empty or backwards", s, d)
			}
			if back, err := ParseEDTF(d.String()); err != nil || back != d {
				t.Fatalf("ParseRelative(%q) = %s reads back as %s, %v", s, d, back, err)
			}
		}
	})
}
