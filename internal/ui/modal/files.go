package modal

import (
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/hindsight-app/hindsight/internal/ui/i18n"
)

// The file choosers are Fyne's own rather than the system's: they look and
// read the same on Linux, Windows and macOS, speak the interface's
// language, work under a bare X server (the end-to-end tests, desktops
// without a portal service) and can be driven in headless tests. The
// native chooser on Linux goes through an XDG portal, which not every
// desktop runs, so Fyne's would be needed as the fallback anyway. Fyne's
// opens small and in the last folder of any purpose; these open large, in
// the list view, and in the folder last used for the same purpose.

// Purpose names what a file is chosen for; each remembers its own folder.
type Purpose string

// The purposes the window chooses files for.
const (
	PurposeDatabase Purpose = "database" // open or create a database, back up
	PurposeImport   Purpose = "import"
	PurposeExport   Purpose = "export"
)

// prefLastFolder is the preference holding a purpose's last folder. A
// folder is a path on this machine, so it stays with the app's preferences,
// like the window's size, rather than in a database that may move or be
// shared.
func prefLastFolder(p Purpose) string { return "files.last_folder." + string(p) }

// margin is the space left around a file chooser inside the window.
const margin = 24

// follow is how often an open file chooser looks at the window's size.
const follow = 300 * time.Millisecond

// OpenFile asks for a file to read for purpose p; chosen gets it (nil when
// cancelled).
func OpenFile(win fyne.Window, p Purpose, filter storage.FileFilter, chosen func(fyne.URIReadCloser)) {
	d := dialog.NewFileOpen(rememberChosen(p, chosen), win)
	if filter != nil {
		d.SetFilter(filter)
	}
	d.SetTitleText(i18n.T("file.open_title", "Open file"))
	d.SetConfirmText(i18n.T("file.open", "Open"))
	showFile(win, d, p)
}

// rememberChosen is a file chooser's callback: it hands chosen the file
// (nil when cancelled or failed) and remembers its folder for purpose p.
func rememberChosen[F interface{ URI() fyne.URI }](p Purpose, chosen func(F)) func(F, error) {
	return func(f F, err error) {
		var none F
		if err != nil || any(f) == nil {
			chosen(none)
			return
		}
		remember(p, f.URI())
		chosen(f)
	}
}

// SaveFile asks for a file to write for purpose p, suggesting name;
// chosen gets it (nil when cancelled).
func SaveFile(win fyne.Window, p Purpose, name string, chosen func(fyne.URIWriteCloser)) {
	d := dialog.NewFileSave(rememberChosen(p, chosen), win)
	d.SetFileName(name)
	d.SetTitleText(i18n.T("file.save_title", "Save file"))
	d.SetConfirmText(i18n.T("file.save", "Save"))
	showFile(win, d, p)
}

// OpenFolder asks for a folder for purpose p; chosen gets it (nil when
// cancelled).
func OpenFolder(win fyne.Window, p Purpose, chosen func(fyne.ListableURI)) {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			chosen(nil)
			return
		}
		fyne.CurrentApp().Preferences().SetString(prefLastFolder(p), dir.String())
		chosen(dir)
	}, win)
	d.SetTitleText(i18n.T("file.folder_title", "Choose a folder"))
	d.SetConfirmText(i18n.T("file.folder", "Choose"))
	showFile(win, d, p)
}

// remember keeps the folder of a chosen file for its purpose.
func remember(p Purpose, file fyne.URI) {
	if dir, err := storage.Parent(file); err == nil {
		fyne.CurrentApp().Preferences().SetString(prefLastFolder(p), dir.String())
	}
}

// LastFolder is the folder last used for p, if it still exists.
func LastFolder(p Purpose) (fyne.ListableURI, bool) {
	text := fyne.CurrentApp().Preferences().String(prefLastFolder(p))
	if text == "" {
		return nil, false
	}
	u, err := storage.ParseURI(text)
	if err != nil {
		return nil, false
	}
	dir, err := storage.ListerForURI(u)
	if err != nil {
		return nil, false
	}
	return dir, true
}

// showFile opens d in p's last folder, as large as the window allows and
// in the list view, Escape cancelling it; while it is open it follows the
// window's size.
func showFile(win fyne.Window, d *dialog.FileDialog, p Purpose) {
	if dir, ok := LastFolder(p); ok {
		d.SetLocation(dir)
	}
	d.SetView(dialog.ListView)
	d.SetDismissText(i18n.T("dialog.cancel", "Cancel"))
	size := FileSize(win.Canvas().Size())
	d.Resize(size)
	stop := make(chan struct{})
	var once sync.Once
	d.SetOnClosed(func() { once.Do(func() { close(stop) }) })
	ShowEscaping(win, d, d.Dismiss)
	go func() {
		t := time.NewTicker(follow)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(func() {
					if now := FileSize(win.Canvas().Size()); now != size {
						size = now
						d.Resize(size)
					}
				})
			}
		}
	}()
}

// FileSize is the size of a file chooser in a window of the given size:
// all of it but a margin.
func FileSize(window fyne.Size) fyne.Size {
	return fyne.NewSize(max(window.Width-2*margin, 320), max(window.Height-2*margin, 240))
}

// LocalPath is a file URI's path written as this system writes paths: Fyne
// keeps forward slashes, which Windows accepts but people do not expect.
func LocalPath(u fyne.URI) string { return filepath.FromSlash(u.Path()) }
