// Package uitest finds what a window shows, for the interface's tests:
// the objects of a type in a tree of widgets, a button by its label, the
// texts on show, and a wait for the UI goroutine to reach a state; and the
// interface's own source files, for tests that read its code.
package uitest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/ui/i18n"
)

// walk calls visit on o and every object drawn under it, widgets through
// their renderers. With shownOnly it passes over what is hidden, and all
// that is drawn under it.
func walk(o fyne.CanvasObject, shownOnly bool, visit func(fyne.CanvasObject)) {
	if o == nil || shownOnly && !o.Visible() {
		return
	}
	visit(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			walk(c, shownOnly, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			walk(c, shownOnly, visit)
		}
	}
}

// GoSources lists the Go files (not tests) under the given folders,
// failing t when they hold fewer than ten: a folder named wrong.
func GoSources(t testing.TB, roots ...string) []string {
	t.Helper()
	var out []string
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
				out = append(out, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(out) < 10 {
		t.Fatalf("found only %d source files under %v", len(out), roots)
	}
	return out
}

// Relayout does what a window's driver does when a child's minimum size
// changes (a caption wrapping onto more lines, an error line shown) and a
// test canvas does not: it lays every container and widget under o out
// again, top down. before, when given, is called on each widget first.
func Relayout(o fyne.CanvasObject, before func(fyne.Widget)) {
	switch x := o.(type) {
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, x.Size())
		}
		for _, child := range x.Objects {
			Relayout(child, before)
		}
	case fyne.Widget:
		if before != nil {
			before(x)
		}
		r := test.WidgetRenderer(x)
		r.Layout(x.Size())
		for _, child := range r.Objects() {
			Relayout(child, before)
		}
	}
}

// ObjectsIn lists every object of type T drawn in o, in drawing order.
func ObjectsIn[T fyne.CanvasObject](o fyne.CanvasObject) []T { return objectsIn[T](o, false) }

// ShownIn lists every object of type T on show in o: drawn, and neither
// hidden nor inside something hidden.
func ShownIn[T fyne.CanvasObject](o fyne.CanvasObject) []T { return objectsIn[T](o, true) }

func objectsIn[T fyne.CanvasObject](o fyne.CanvasObject, shownOnly bool) []T {
	var out []T
	walk(o, shownOnly, func(o fyne.CanvasObject) {
		if v, ok := o.(T); ok {
			out = append(out, v)
		}
	})
	return out
}

// Button finds the button labelled text drawn in o, failing t without.
func Button(t testing.TB, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, b := range ObjectsIn[*widget.Button](o) {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// Labels lists the text of every label drawn in o.
func Labels(o fyne.CanvasObject) []string {
	var out []string
	for _, l := range ObjectsIn[*widget.Label](o) {
		out = append(out, l.Text)
	}
	return out
}

// LabelTexts joins the text of every label, link and text drawn in o, a
// line each.
func LabelTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, false, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.Hyperlink:
			b.WriteString(w.Text + "\n")
		case *canvas.Text:
			b.WriteString(w.Text + "\n")
		}
	})
	return b.String()
}

// WaitFor polls cond on the UI goroutine until it holds, failing t after
// ten seconds.
func WaitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		ok := false
		fyne.DoAndWait(func() { ok = cond() })
		if ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// Main runs a package's tests in English, with the strings loaded as the
// app loads them at start, so that plural forms are looked up as in the
// app. A package's TestMain calls it.
func Main(m *testing.M) {
	if err := i18n.SetupLanguage(i18n.LanguageEnglish); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}
