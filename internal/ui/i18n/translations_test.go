package i18n

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/assets"
	// As in the app: a C locale reads as English, without Fyne's complaint.
	_ "github.com/hindsight-app/hindsight/internal/localefix"
)

// message is one entry of a translation file: a string, or plural forms
// ({"one": …, "other": …}; Chinese has only "other").
type message struct {
	text   string
	forms  map[string]string
	plural bool
}

func (m *message) UnmarshalJSON(data []byte) error {
	if err := json.Unmarshal(data, &m.text); err == nil {
		return nil
	}
	m.plural = true
	return json.Unmarshal(data, &m.forms)
}

// other is the message's general form: its text, or its "other" form.
func (m message) other() string {
	if m.plural {
		return m.forms["other"]
	}
	return m.text
}

// usedKey is a key the code looks up, with its English text: for TN and
// trn the "one" and "other" forms.
type usedKey struct {
	text, one string
	plural    bool
}

// usedKeys finds every call that looks up a translation in the source of
// the interface (this package and every package under internal/ui): tr,
// trf, trn, T, TF and TN, called by name or through a value (words.T), and
// returns each key with its English fallback.
func usedKeys(t *testing.T) map[string]usedKey {
	t.Helper()
	var files []string
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			files = append(files, path)
		}
		return err
	})
	if err != nil || len(files) < 10 {
		t.Fatalf("found %d files: %v", len(files), err)
	}
	keys := map[string]usedKey{}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.CompositeLit); ok {
				textLiterals(t, fset, lit, keys)
				return true
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var fn string
			switch f := call.Fun.(type) {
			case *ast.Ident:
				fn = f.Name
			case *ast.SelectorExpr:
				fn = f.Sel.Name
			}
			plural := fn == "trn" || fn == "TN"
			if fn != "tr" && fn != "trf" && fn != "T" && fn != "TF" && !plural || len(call.Args) < 2 || plural && len(call.Args) < 3 {
				return true
			}
			// The definitions pass their parameters on.
			if _, isIdent := call.Args[0].(*ast.Ident); isIdent && strings.HasSuffix(name, "lang.go") {
				return true
			}
			// So does the lookup of a Text, whose literal is checked.
			if sel, ok := call.Args[0].(*ast.SelectorExpr); ok && (sel.Sel.Name == "Key" || sel.Sel.Name == "key") {
				return true
			}
			literal := func(i int) (string, bool) {
				lit, ok := call.Args[i].(*ast.BasicLit)
				if !ok {
					return "", false
				}
				v, err := strconv.Unquote(lit.Value)
				return v, err == nil
			}
			k, ok1 := literal(0)
			u := usedKey{plural: plural}
			var ok2, ok3 bool
			if plural {
				u.one, ok2 = literal(1)
				u.text, ok3 = literal(2)
			} else {
				u.text, ok2 = literal(1)
				ok3 = true
			}
			if !ok1 || !ok2 || !ok3 {
				t.Errorf("%s: %s must be called with a literal key and English text so translations can be checked", fset.Position(call.Pos()), fn)
				return true
			}
			if old, seen := keys[k]; seen && old != u {
				t.Errorf("%s: key %q used with two English texts: %+v and %+v", fset.Position(call.Pos()), k, old, u)
			}
			keys[k] = u
			return true
		})
	}
	return keys
}

// textLiterals adds the keys of the Text literals in lit (i18n.Text, or a
// package's own text type): lit itself when it is one, or the values of a
// map of them.
func textLiterals(t *testing.T, fset *token.FileSet, lit *ast.CompositeLit, keys map[string]usedKey) {
	t.Helper()
	isText := func(e ast.Expr) bool {
		switch e := e.(type) {
		case *ast.Ident:
			// text: a package's own message type (the timeline's items).
			return e.Name == "Text" || e.Name == "text"
		case *ast.SelectorExpr:
			pkg, ok := e.X.(*ast.Ident)
			return ok && pkg.Name == "i18n" && e.Sel.Name == "Text"
		}
		return false
	}
	var texts []*ast.CompositeLit
	switch typ := lit.Type.(type) {
	case *ast.MapType:
		if !isText(typ.Value) {
			return
		}
		for _, el := range lit.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if v, ok := kv.Value.(*ast.CompositeLit); ok && v.Type == nil {
					texts = append(texts, v)
				}
			}
		}
	default:
		if !isText(typ) {
			return
		}
		texts = append(texts, lit)
	}
	for _, text := range texts {
		// {"key", "English"}, or {Key: "key", English: "English"}.
		parts := make([]string, 2)
		found := 0
		for i, el := range text.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if name, ok := kv.Key.(*ast.Ident); ok {
					i = 0
					if strings.EqualFold(name.Name, "english") {
						i = 1
					}
				}
				el = kv.Value
			}
			if b, ok := el.(*ast.BasicLit); ok && i < 2 {
				if v, err := strconv.Unquote(b.Value); err == nil {
					parts[i] = v
					found++
				}
			}
		}
		if found != 2 || len(text.Elts) != 2 {
			t.Errorf("%s: a Text must be written with a literal key and English text so translations can be checked", fset.Position(text.Pos()))
			continue
		}
		u := usedKey{text: parts[1]}
		if old, seen := keys[parts[0]]; seen && old != u {
			t.Errorf("%s: key %q used with two English texts: %+v and %+v", fset.Position(text.Pos()), parts[0], old, u)
		}
		keys[parts[0]] = u
	}
}

// translations reads every translation file, merged per language.
func translations(t *testing.T) map[string]map[string]message {
	t.Helper()
	entries, err := assets.Translations.ReadDir("translations")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]message{}
	for _, e := range entries {
		parts := strings.Split(strings.TrimSuffix(e.Name(), ".json"), ".")
		language := parts[len(parts)-1]
		data, err := assets.Translations.ReadFile("translations/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		var messages map[string]message
		if err := json.Unmarshal(data, &messages); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		if out[language] == nil {
			out[language] = map[string]message{}
		}
		for k, v := range messages {
			if _, dup := out[language][k]; dup {
				t.Errorf("%s: key %q is defined in two files", e.Name(), k)
			}
			out[language][k] = v
		}
	}
	return out
}

func TestEveryStringIsTranslated(t *testing.T) {
	used := usedKeys(t)
	all := translations(t)
	if len(all) != 2 || all["en"] == nil || all["zh"] == nil {
		t.Fatalf("want exactly English and Chinese translations, got languages %v", keysOf(all))
	}
	for key, u := range used {
		en, ok := all["en"][key]
		switch {
		case !ok:
			t.Errorf("en: missing %q (%q)", key, u.text)
		case u.plural && (!en.plural || en.forms["one"] != u.one || en.forms["other"] != u.text || len(en.forms) != 2):
			t.Errorf("en: %q is %+v in the file but one %q, other %q in the code", key, en, u.one, u.text)
		case !u.plural && (en.plural || en.text != u.text):
			t.Errorf("en: %q is %+v in the file but %q in the code", key, en, u.text)
		}
		zh, ok := all["zh"][key]
		if !ok || strings.TrimSpace(zh.other()) == "" {
			t.Errorf("zh: missing %q (%q)", key, u.text)
		}
		// Chinese has one form; it is written for "one" too, since Fyne
		// asks by the system locale's rules (English: one and other).
		if zh.plural && (len(zh.forms) != 2 || zh.forms["one"] != zh.forms["other"]) {
			t.Errorf("zh: %q has forms %v; want one and other, the same text", key, zh.forms)
		}
	}
	for language, messages := range all {
		for key := range messages {
			if _, ok := used[key]; !ok {
				t.Errorf("%s: %q is not used by the code", language, key)
			}
		}
	}
}

// TestCountsHavePluralForms: a message that shows a count of things in
// English ("{{.Count}} events") is looked up with TN, so that one thing is
// not "1 events".
func TestCountsHavePluralForms(t *testing.T) {
	counted := regexp.MustCompile(`\{\{\.(Count|N|Days|Events|Predictions|Records|Duplicates|Problems)\}\} ([a-z]+ )?[a-z]+s\b`)
	// Counts that are never one.
	alwaysMany := map[string]string{
		"timeline.tip.cluster":    "a cluster gathers two marks or more",
		"form.evidence_suggested": "the window of suggestions is a constant 60 days",
		"when.month_days":         "a month has 28 to 31 days",
	}
	for key, u := range usedKeys(t) {
		if _, many := alwaysMany[key]; many {
			continue
		}
		if !u.plural && counted.MatchString(u.text) {
			t.Errorf("%q shows a count before a noun (%q) without plural forms: look it up with TN", key, u.text)
		}
	}
}

// TestPluralFormsAreChosen: the English one form for 1, other for the rest,
// and Chinese's single form for all.
func TestPluralFormsAreChosen(t *testing.T) {
	if err := SetupLanguage(LanguageEnglish); err != nil {
		t.Fatal(err)
	}
	if got := EventCount(1); got != "1 event" {
		t.Errorf("EventCount(1) = %q", got)
	}
	if got := PredictionCount(3); got != "3 predictions" {
		t.Errorf("PredictionCount(3) = %q", got)
	}
	if got := EventCount(0); got != "0 events" {
		t.Errorf("EventCount(0) = %q", got)
	}
	// Chinese chosen on a system whose locale is English: its strings
	// are looked up under English plural rules, and still read right.
	if err := SetupLanguage(LanguageChinese); err != nil {
		t.Fatal(err)
	}
	defer SetupLanguage(LanguageEnglish)
	if got := EventCount(1); got != "1 个事件" {
		t.Errorf("EventCount(1) in Chinese = %q", got)
	}
	if got := PredictionCount(3); got != "3 条预测" {
		t.Errorf("PredictionCount(3) in Chinese = %q", got)
	}
}

func TestPlaceholdersMatchAcrossLanguages(t *testing.T) {
	all := translations(t)
	for key, en := range all["en"] {
		zh := all["zh"][key]
		if got, want := placeholders(zh.other()), placeholders(en.other()); got != want {
			t.Errorf("%q: Chinese placeholders %s differ from English %s", key, got, want)
		}
	}
}

func placeholders(s string) string {
	var names []string
	for _, part := range strings.Split(s, "{{")[1:] {
		if end := strings.Index(part, "}}"); end >= 0 {
			names = append(names, strings.TrimSpace(part[:end]))
		}
	}
	sort.Strings(names)
	return strings.Join(names, ",")
}

func keysOf[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
