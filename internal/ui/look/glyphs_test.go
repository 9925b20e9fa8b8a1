package look

import (
	// Tests start under a C locale, as the app may.
	_ "github.com/hindsight-app/hindsight/internal/localefix"
	"github.com/hindsight-app/hindsight/internal/ui/uitest"

	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"

	"github.com/hindsight-app/hindsight/assets"
	"github.com/hindsight-app/hindsight/data"
)

// TestEveryCharacterHasABundledGlyph: every character the interface can
// show (each translation, each string in the UI's code, the seed data) has
// a glyph in the fonts the app carries: the bundled CJK font or Fyne's own,
// which it falls back to. Anything else depends on the fonts a machine
// happens to have, and shows as a replacement box where it has none (as
// under Wine, or on a bare Linux).
func TestEveryCharacterHasABundledGlyph(t *testing.T) {
	var faces []*font.Face
	for _, b := range [][]byte{assets.CJKFont, theme.DefaultTextFont().Content(),
		theme.DefaultTextBoldFont().Content(), theme.DefaultTextItalicFont().Content()} {
		f, err := font.ParseTTF(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		faces = append(faces, f)
	}
	covered := func(r rune) bool {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return true
		}
		for _, f := range faces {
			if _, ok := f.NominalGlyph(r); ok {
				return true
			}
		}
		return false
	}
	missing := map[rune][]string{}
	check := func(where, text string) {
		for _, r := range text {
			if !covered(r) && len(missing[r]) < 3 {
				missing[r] = append(missing[r], where)
			}
		}
	}

	// Translations.
	files, err := fs.Glob(assets.Translations, "translations/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no translation files: %v", err)
	}
	for _, name := range files {
		b, _ := fs.ReadFile(assets.Translations, name)
		var entries map[string]any
		if err := json.Unmarshal(b, &entries); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for key, v := range entries {
			check(name+" "+key, flatten(v))
		}
	}

	// String literals in the interface's code.
	for _, path := range uitest.GoSources(t, "..", "../../../cmd/hindsight") {
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					check(path, s)
				}
			}
			return true
		})
	}

	// The seed dataset the app ships with.
	check("seed", flatten(mustJSON(t, data.Raw())))

	var runes []rune
	for r := range missing {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	for _, r := range runes {
		t.Errorf("%q (U+%04X) has no glyph in the bundled fonts; used in %s", r, r, strings.Join(missing[r], ", "))
	}
}

func mustJSON(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// flatten joins every string inside a decoded JSON value.
func flatten(v any) string {
	var sb strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			sb.WriteString(v)
			sb.WriteByte('\n')
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	return sb.String()
}

// TestBundledFontHasCFFOutlinesForEveryCharacter: the bundled font is the
// CFF conversion of Droid Sans Fallback (scripts/font-to-cff.py), which Fyne
// parses several times faster than the TrueType original. It must keep all
// 28,601 characters of the original and draw each from a real outline.
func TestBundledFontHasCFFOutlinesForEveryCharacter(t *testing.T) {
	if !bytes.HasPrefix(assets.CJKFont, []byte("OTTO")) {
		t.Fatalf("the bundled font starts %q, not OTTO: it is not the CFF conversion", assets.CJKFont[:4])
	}
	face, err := font.ParseTTF(bytes.NewReader(assets.CJKFont))
	if err != nil {
		t.Fatal(err)
	}
	characters, empty := 0, 0
	for it := face.Cmap.Iter(); it.Next(); {
		r, gid := it.Char()
		characters++
		outline, ok := face.GlyphData(gid).(font.GlyphOutline)
		if !ok {
			t.Fatalf("%q (glyph %d) has no outline", r, gid)
		}
		const hangulFiller = '\u3164' // a letter drawn as a blank, here as in the original
		if len(outline.Segments) == 0 && r != hangulFiller && !unicode.IsSpace(r) && !unicode.IsControl(r) && unicode.IsGraphic(r) {
			empty++
			t.Logf("%U draws nothing", r)
		}
	}
	if characters != 28601 {
		t.Errorf("the font maps %d characters; the original maps 28,601", characters)
	}
	if empty > 0 {
		t.Errorf("%d visible characters draw nothing", empty)
	}
	for _, r := range "时间线预测Hindsight" {
		gid, _ := face.NominalGlyph(r)
		if extents, ok := face.GlyphExtents(gid); !ok || extents.Width <= 0 || extents.Height >= 0 {
			t.Errorf("%q has no ink (extents %+v)", r, extents)
		}
	}
}
