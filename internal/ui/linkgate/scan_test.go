package linkgate

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/ui/uitest"
)

// TestEveryOpenerGoesThroughTheGate reads the code of the interface and
// the app's entry points: outside this package, nothing may call OpenURL,
// build a HyperlinkSegment, or make a Hyperlink with an address (a link
// with a nil address and its own OnTapped, which selects a record, is fine).
// A new way to open an address has to come here, where it is checked.
func TestEveryOpenerGoesThroughTheGate(t *testing.T) {
	files := slices.DeleteFunc(uitest.GoSources(t, "..", "../../../cmd"), func(path string) bool {
		return strings.Contains(filepath.ToSlash(path), "/linkgate/")
	})
	for _, path := range files {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if n.Sel.Name == "OpenURL" || n.Sel.Name == "HyperlinkSegment" {
					t.Errorf("%s: %s outside the link gate", fset.Position(n.Pos()), n.Sel.Name)
				}
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "NewHyperlink" && len(n.Args) == 2 {
					if id, ok := n.Args[1].(*ast.Ident); !ok || id.Name != "nil" {
						t.Errorf("%s: a hyperlink with an address outside the link gate", fset.Position(n.Pos()))
					}
				}
			}
			return true
		})
	}
}
