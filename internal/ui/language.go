package ui

import (
	"os"
	"os/exec"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
)

// restartApp starts Hindsight again on the database at path; the caller
// then closes this one. Tests replace it.
var restartApp = func(path string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, "--db", path)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Start()
}

// languageMenu is View › Language: the choices, the saved one ticked, and
// after a change the offer to restart now (Fyne cannot change the
// interface's language while it runs).
func (x *menuBar) languageMenu() *fyne.MenuItem {
	m := x.w
	item := fyne.NewMenuItem(tr("menu.language", "Language"), nil)
	choices := []struct{ language, label string }{
		{i18n.LanguageAuto, tr("language.auto", "Follow the system")},
		{i18n.LanguageEnglish, "English"},
		{i18n.LanguageChinese, "中文（简体）"},
	}
	var items []*fyne.MenuItem
	tick := func() {
		saved := m.app.Preferences().StringWithFallback(i18n.PrefLanguage, i18n.LanguageAuto)
		for i, c := range choices {
			items[i].Checked = c.language == saved
		}
		if menu := m.win.MainMenu(); menu != nil {
			menu.Refresh()
		}
	}
	for _, c := range choices {
		language := c.language
		items = append(items, fyne.NewMenuItem(c.label, func() {
			if language == m.app.Preferences().StringWithFallback(i18n.PrefLanguage, i18n.LanguageAuto) {
				return
			}
			m.app.Preferences().SetString(i18n.PrefLanguage, language)
			tick()
			x.offerRestart()
		}))
	}
	item.ChildMenu = fyne.NewMenu("", items...)
	tick()
	return item
}

// offerRestart says the new language comes with the next start and offers
// to restart now.
func (x *menuBar) offerRestart() {
	m := x.w
	d := dialog.NewConfirm(tr("language.title", "Language"),
		tr("language.restart", "The new language is used from the next start of Hindsight."), func(now bool) {
			if !now || m.session == nil {
				return
			}
			if err := restartApp(m.session.Path()); err != nil {
				m.showError(err)
				return
			}
			m.close()
		}, m.win)
	d.SetConfirmText(tr("language.restart_now", "Restart now"))
	d.SetDismissText(tr("language.later", "Later"))
	modal.Show(m.win, d)
}
