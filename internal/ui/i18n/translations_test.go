package i18n

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/assets"
	// As in the app: a C locale reads as English, without Fyne's complaint.
	_ "github.com/hindsight-app/hindsight/internal/localefix"
)

// usedKeys finds every call that looks up a translation in the source of
// the interface (this package and every package under internal/ui): tr,
// trf, T and TF, called by name or through a value (words.T), and returns
// each key with its English fallback.
func usedKeys(t *testing.T) map[string]string {
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
	keys := map[string]string{}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
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
			if fn != "tr" && fn != "trf" && fn != "T" && fn != "TF" || len(call.Args) < 2 {
				return true
			}
			// The definitions pass their parameters on.
			if _, isIdent := call.Args[0].(*ast.Ident); isIdent && strings.HasSuffix(name, "lang.go") {
				return true
			}
			key, ok1 := call.Args[0].(*ast.BasicLit)
			fallback, ok2 := call.Args[1].(*ast.BasicLit)
			if !ok1 || !ok2 {
				t.Errorf("%s: %s must be called with literal key and fallback so translations can be checked", fset.Position(call.Pos()), fn)
				return true
			}
			k, _ := strconv.Unquote(key.Value)
			v, _ := strconv.Unquote(fallback.Value)
			if old, seen := keys[k]; seen && old != v {
				t.Errorf("%s: key %q used with two English texts: %q and %q", fset.Position(call.Pos()), k, old, v)
			}
			keys[k] = v
			return true
		})
	}
	return keys
}

// translations reads every translation file, merged per language.
func translations(t *testing.T) map[string]map[string]string {
	t.Helper()
	entries, err := assets.Translations.ReadDir("translations")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for _, e := range entries {
		parts := strings.Split(strings.TrimSuffix(e.Name(), ".json"), ".")
		language := parts[len(parts)-1]
		data, err := assets.Translations.ReadFile("translations/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		var messages map[string]string
		if err := json.Unmarshal(data, &messages); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		if out[language] == nil {
			out[language] = map[string]string{}
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
	for key, fallback := range used {
		if got, ok := all["en"][key]; !ok {
			t.Errorf("en: missing %q (%q)", key, fallback)
		} else if got != fallback {
			t.Errorf("en: %q is %q in the file but %q in the code", key, got, fallback)
		}
		if got, ok := all["zh"][key]; !ok || strings.TrimSpace(got) == "" {
			t.Errorf("zh: missing %q (%q)", key, fallback)
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

func TestPlaceholdersMatchAcrossLanguages(t *testing.T) {
	all := translations(t)
	for key, en := range all["en"] {
		zh := all["zh"][key]
		if got, want := placeholders(zh), placeholders(en); got != want {
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
