package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/ui/uitest"
	"github.com/hindsight-app/hindsight/internal/when"
)

// TestGoToDateTakesEnterAndEscape: the one field of Go to date submits on
// Enter once readable, and Escape closes the dialog.
func TestGoToDateTakesEnterAndEscape(t *testing.T) {
	m, _ := openWindow(t)
	c := m.win.Canvas()
	var went []when.Day
	askDate(m.win, func(d when.Day) { went = append(went, d) })
	entry, ok := c.Focused().(*modal.Entry)
	if !ok {
		t.Fatalf("%T is focused, want the date field", c.Focused())
	}
	typeInto(c, "2023-02-30")
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(went) != 0 || c.Overlays().Top() == nil {
		t.Fatal("Enter went to an unreadable date")
	}
	if err := entry.Validate(); err == nil || err.Error() != "Feb 2023 has 28 days, not 30" {
		t.Errorf("the field does not say why in the interface's words: %v", err)
	}
	for range len("2023-02-30") {
		entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	}
	typeInto(c, "March 2023")
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(went) != 1 || c.Overlays().Top() != nil {
		t.Fatalf("Enter on March 2023: went %v, top %v", went, c.Overlays().Top())
	}
	askDate(m.win, func(d when.Day) { went = append(went, d) })
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil || len(went) != 1 {
		t.Error("Escape did not close Go to date")
	}
}

// typeInto types into whatever has the keyboard.
func typeInto(c fyne.Canvas, text string) {
	for _, r := range text {
		c.Focused().TypedRune(r)
	}
}

// TestLanguageMenuShowsTheChoiceAndOffersARestart: the saved language is
// ticked, and choosing another offers to restart on the same database.
func TestLanguageMenuShowsTheChoiceAndOffersARestart(t *testing.T) {
	m, path := openWindow(t)
	var restarted []string
	saved := restartApp
	restartApp = func(p string) error { restarted = append(restarted, p); return nil }
	t.Cleanup(func() { restartApp = saved })

	item := m.menus.languageMenu()
	ticked := func() []string {
		var out []string
		for _, it := range item.ChildMenu.Items {
			if it.Checked {
				out = append(out, it.Label)
			}
		}
		return out
	}
	if got := ticked(); len(got) != 1 || got[0] != "Follow the system" {
		t.Errorf("ticked %q, want Follow the system", got)
	}
	item.ChildMenu.Items[2].Action() // 中文
	if got := ticked(); len(got) != 1 || got[0] != "中文（简体）" {
		t.Errorf("ticked %q after choosing Chinese", got)
	}
	if got := m.app.Preferences().String(i18n.PrefLanguage); got != i18n.LanguageChinese {
		t.Errorf("saved language %q", got)
	}
	top := m.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no offer to restart")
	}
	test.Tap(uitest.Button(t, top, "Restart now"))
	if len(restarted) != 1 || restarted[0] != path {
		t.Errorf("restarted %q, want the same database %q", restarted, path)
	}
}
