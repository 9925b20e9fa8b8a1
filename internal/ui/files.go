package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/when"
)

// fileActions open, create and back up database files.
type fileActions struct{ w *MainWindow }

// chooseDatabase lets the person pick a database file to open, or a name
// for a new one.
func (x *fileActions) choose(create bool) {
	m := x.w
	if create {
		x.askNewFilePath(tr("new_database.title", "New database"), "hindsight.db", m.openDatabase)
		return
	}
	modal.OpenFile(m.win, modal.PurposeDatabase, storage.NewExtensionFileFilter([]string{".db", ".sqlite", ".sqlite3"}),
		func(r fyne.URIReadCloser) {
			if r == nil {
				return
			}
			path := modal.LocalPath(r.URI())
			r.Close()
			m.openDatabase(path)
		})
}

// askNewFilePath asks for a folder and then a file name, and passes on the
// path only if nothing exists there yet. (Fyne's save dialog would create
// or truncate the file itself, which could wipe a database chosen by
// mistake.)
func (x *fileActions) askNewFilePath(title, defaultName string, done func(path string)) {
	m := x.w
	modal.OpenFolder(m.win, modal.PurposeDatabase, func(dir fyne.ListableURI) {
		if dir == nil {
			return
		}
		name := modal.NewEntry()
		name.SetText(defaultName)
		form := dialog.NewForm(title, tr("dialog.ok", "OK"), tr("dialog.cancel", "Cancel"),
			[]*widget.FormItem{
				widget.NewFormItem(tr("field.folder", "Folder"), widget.NewLabel(modal.LocalPath(dir))),
				widget.NewFormItem(tr("field.file_name", "File name"), name),
			}, func(ok bool) {
				if !ok {
					return
				}
				path := filepath.Join(modal.LocalPath(dir), filepath.Base(strings.TrimSpace(name.Text)))
				if _, err := os.Stat(path); err == nil {
					m.showError(errors.New(trf("error.file_exists", "{{.Path}} already exists. Choose another name (to open it, use File › Open database…).",
						map[string]any{"Path": path})))
					return
				}
				done(path)
			}, m.win)
		form.Resize(fyne.NewSize(520, 220))
		modal.SubmitOnEnter(name, form)
		modal.Show(m.win, form)
		m.win.Canvas().Focus(name)
	})
}

// backup writes a consistent copy of the open database with SQLite's
// VACUUM INTO, safe while the app is writing.
func (x *fileActions) backup() {
	m := x.w
	if m.session == nil {
		return
	}
	base := strings.TrimSuffix(filepath.Base(m.session.Path()), filepath.Ext(m.session.Path()))
	x.askNewFilePath(tr("backup.title", "Back up database"), base+"-backup-"+when.Today().String()+".db", func(path string) {
		if err := m.session.Backup(context.Background(), path); err != nil {
			m.showError(err)
			return
		}
		modal.Info(m.win, tr("backup.done_title", "Backup written"),
			trf("backup.done", "A copy of the database was written to {{.Path}}.", map[string]any{"Path": path}))
	})
}

// showOpenError says why a database could not be opened and offers
// another, a new one, or to quit.
func (x *fileActions) showOpenError(err error) {
	m := x.w
	msg := widget.NewLabel(fmt.Sprintf("%s\n\n%s", tr("open_error.lead", "Hindsight could not open the database."), err.Error()))
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	openOther := widget.NewButtonWithIcon(tr("menu.open_database", "Open database…"), theme.FolderOpenIcon(), func() {
		d.Hide()
		m.files.choose(false)
	})
	newFile := widget.NewButtonWithIcon(tr("menu.new_database", "New database…"), theme.DocumentCreateIcon(), func() {
		d.Hide()
		m.files.choose(true)
	})
	connect := widget.NewButtonWithIcon(tr("menu.connect", "Connect to a shared database…"), theme.LoginIcon(), func() {
		d.Hide()
		m.shared.connect("")
	})
	quit := widget.NewButton(tr("menu.quit", "Quit"), func() { m.app.Quit() })
	d = dialog.NewCustomWithoutButtons(tr("open_error.title", "Cannot open the database"),
		container.NewBorder(nil, container.NewHBox(openOther, newFile, connect, quit), nil, nil, msg), m.win)
	d.Resize(fyne.NewSize(720, 260))
	modal.Show(m.win, d)
}
