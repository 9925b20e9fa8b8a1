package ui

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/ui/shareddb"
	"github.com/hindsight-app/hindsight/internal/when"
)

// menuBar builds the main menu and the dialogs of the Help menu.
type menuBar struct{ w *MainWindow }

// shortcut builds a platform shortcut: Cmd on macOS, Ctrl elsewhere.
func shortcut(key fyne.KeyName, shift bool) fyne.Shortcut {
	mod := fyne.KeyModifierShortcutDefault
	if shift {
		mod |= fyne.KeyModifierShift
	}
	return &desktop.CustomShortcut{KeyName: key, Modifier: mod}
}

func menuItem(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
	item := fyne.NewMenuItem(label, action)
	item.Shortcut = sc
	return item
}

func (x *menuBar) build() *fyne.MainMenu {
	m := x.w
	m.undoItem = menuItem(tr("menu.undo", "Undo"), &fyne.ShortcutUndo{}, m.history.undo)
	m.redoItem = menuItem(tr("menu.redo", "Redo"), shortcut(fyne.KeyZ, true), m.history.redo)
	m.undoItem.Disabled, m.redoItem.Disabled = true, true

	// Quit closes the database cleanly (a checkpoint) before the app ends.
	quit := menuItem(tr("menu.quit", "Quit"), shortcut(fyne.KeyQ, false), m.close)
	quit.IsQuit = true
	importItem := menuItem(tr("menu.import", "Import…"), shortcut(fyne.KeyI, false), func() {
		if m.shared.canEdit() {
			m.transfers.ImportFile()
		}
	})
	addText := menuItem(tr("menu.add_from_text", "Add from text…"), shortcut(fyne.KeyT, true), func() { m.texts.addFromText("") })
	newEvent := menuItem(tr("action.new_event", "New event"), shortcut(fyne.KeyN, false), func() { m.records.newEvent(when.Date{}) })
	newPrediction := menuItem(tr("action.new_prediction", "New prediction"), shortcut(fyne.KeyN, true), m.records.newPrediction)
	newPeriod := menuItem(tr("action.new_period", "New period…"), nil, m.records.newPeriod)
	m.shared.menus = append(m.shared.menus, importItem, addText, newEvent, newPrediction, newPeriod)
	file := fyne.NewMenu(tr("menu.file", "File"),
		menuItem(tr("menu.new_database", "New database…"), nil, func() { m.files.choose(true) }),
		menuItem(tr("menu.open_database", "Open database…"), shortcut(fyne.KeyO, false), func() { m.files.choose(false) }),
		menuItem(tr("menu.connect", "Connect to a shared database…"), nil, func() { m.shared.connect("") }),
		x.recentItem(),
		menuItem(tr("menu.backup", "Back up…"), nil, m.files.backup),
		fyne.NewMenuItemSeparator(),
		importItem,
		addText,
		menuItem(tr("menu.export", "Export…"), shortcut(fyne.KeyE, false), m.transfers.Export),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	edit := fyne.NewMenu(tr("menu.edit", "Edit"),
		m.undoItem, m.redoItem,
		fyne.NewMenuItemSeparator(),
		newEvent,
		newPrediction,
		newPeriod,
		fyne.NewMenuItemSeparator(),
		menuItem(tr("menu.find", "Find"), shortcut(fyne.KeyF, false), func() { m.search.focus(m.win.Canvas()) }),
	)
	tab := func(i int) func() { return func() { m.tabs.SelectIndex(i) } }
	view := fyne.NewMenu(tr("menu.view", "View"),
		menuItem(tr("tab.timeline", "Timeline"), shortcut(fyne.Key1, false), tab(0)),
		menuItem(tr("tab.events", "Events"), shortcut(fyne.Key2, false), tab(1)),
		menuItem(tr("tab.predictions", "Predictions"), shortcut(fyne.Key3, false), tab(2)),
		menuItem(tr("tab.due", "Due"), shortcut(fyne.Key4, false), tab(3)),
		fyne.NewMenuItemSeparator(),
		menuItem(tr("action.zoom_in", "Zoom in"), shortcut(fyne.KeyEqual, false), func() { m.timeline.Nav().ZoomBy(2) }),
		menuItem(tr("action.zoom_out", "Zoom out"), shortcut(fyne.KeyMinus, false), func() { m.timeline.Nav().ZoomBy(0.5) }),
		menuItem(tr("action.fit", "Fit"), shortcut(fyne.Key0, false), func() { m.timeline.Nav().Fit() }),
		menuItem(tr("action.today", "Today"), nil, func() { m.timeline.Nav().GoToToday() }),
		fyne.NewMenuItemSeparator(),
		// Changes made elsewhere show by themselves; Reload is for when a
		// person wants to be sure.
		menuItem(tr("menu.reload", "Reload"), &desktop.CustomShortcut{KeyName: fyne.KeyF5}, func() { m.reload(false) }),
		fyne.NewMenuItemSeparator(),
		x.remindersItem(),
		x.languageMenu(),
	)
	help := fyne.NewMenu(tr("menu.help", "Help"),
		menuItem(tr("menu.shortcuts", "Keyboard shortcuts"), nil, x.showShortcuts),
		menuItem(tr("menu.about", "About Hindsight"), nil, x.showAbout),
	)
	return fyne.NewMainMenu(file, edit, view, help)
}

// The Redo alias Ctrl+Y and Reload's Ctrl/Cmd+R are not in a menu, which
// shows one shortcut per item.
func (x *menuBar) addShortcuts() {
	m := x.w
	m.win.Canvas().AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { m.history.redo() })
	m.win.Canvas().AddShortcut(shortcut(fyne.KeyR, false), func(fyne.Shortcut) { m.reload(false) })
}

// remindersItem turns the due-prediction notifications on and off.
func (x *menuBar) remindersItem() *fyne.MenuItem {
	m := x.w
	item := fyne.NewMenuItem(tr("menu.reminders", "Remind me of due predictions"), nil)
	item.Checked = m.reminders.enabled()
	item.Action = func() { m.reminders.setEnabled(!m.reminders.enabled()) }
	m.reminders.item = item
	m.reminders.refreshMenu = func() {
		if menu := m.win.MainMenu(); menu != nil {
			menu.Refresh()
		}
	}
	return item
}

// modifierName is how this system writes the shortcut modifier.
func modifierName() string {
	if runtime.GOOS == "darwin" {
		return "Cmd+"
	}
	return "Ctrl+"
}

func (x *menuBar) showShortcuts() {
	m := x.w
	mod := modifierName()
	rows := [][2]string{
		{mod + "N", tr("action.new_event", "New event")},
		{mod + "Shift+N", tr("action.new_prediction", "New prediction")},
		{mod + "F", tr("menu.find", "Find")},
		{mod + "Z", tr("menu.undo", "Undo")},
		{mod + "Shift+Z / " + mod + "Y", tr("menu.redo", "Redo")},
		{mod + "O", tr("menu.open_database", "Open database…")},
		{"F5 / " + mod + "R", tr("menu.reload", "Reload")},
		{mod + "Q", tr("menu.quit", "Quit")},
		{"Esc", tr("shortcuts.escape", "Close a dialog (a form with changes asks first)")},
		{"Enter", tr("shortcuts.enter", "Confirm a dialog of one field (Go to date, Save view)")},
		{mod + "1 … " + mod + "4", tr("shortcuts.tabs", "Timeline, Events, Predictions, Due")},
		{tr("key.left_right", "Left / Right"), tr("shortcuts.pan", "Pan the timeline")},
		{tr("key.up_down", "Up / Down"), tr("shortcuts.scroll", "Scroll the lanes")},
		{"+ / -", tr("shortcuts.zoom", "Zoom in / out")},
		{"Home", tr("shortcuts.fit", "Fit everything")},
		{"T", tr("shortcuts.today", "Go to today")},
		{"G", tr("shortcuts.goto", "Go to a date")},
		{tr("key.history", "Backspace / Alt+Left, Alt+Right"), tr("shortcuts.history", "Back / forward through views")},
		{tr("shortcuts.plain_wheel", "Wheel"), tr("shortcuts.wheel_scroll", "Scroll the lanes (or drag the scroll bar)")},
		{"Shift+" + tr("shortcuts.wheel", "wheel"), tr("shortcuts.wheel_pan", "Pan the timeline (a touchpad: swipe sideways)")},
		{mod + tr("shortcuts.wheel", "wheel"), tr("shortcuts.wheel_zoom", "Zoom around the pointer")},
		{tr("shortcuts.drag", "Drag"), tr("shortcuts.drag_pan", "Pan")},
		{tr("shortcuts.double_click", "Double-click"), tr("shortcuts.double_click_new", "New event at that date")},
	}
	grid := container.NewGridWithColumns(2)
	for _, r := range rows {
		key := widget.NewLabelWithStyle(r[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		grid.Add(key)
		grid.Add(widget.NewLabel(r[1]))
	}
	d := dialog.NewCustom(tr("menu.shortcuts", "Keyboard shortcuts"), tr("dialog.close", "Close"), container.NewVScroll(grid), m.win)
	d.Resize(fyne.NewSize(620, 640))
	modal.Show(m.win, d)
}

// Version is the app's version, shown in About; the build may override it.
var Version = "0.1.0"

func (x *menuBar) showAbout() {
	m := x.w
	text := widget.NewLabel("Hindsight " + Version + "\n\n" +
		tr("about.text", "A timeline of AI-industry events that keeps score of the predictions made about them.") + "\n\n" +
		tr("about.licence", "Licence: MIT. Bundled font: Droid Sans Fallback, Apache License 2.0."))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(tr("menu.about", "About Hindsight"), tr("dialog.close", "Close"), text, m.win)
	d.Resize(fyne.NewSize(480, 260))
	modal.Show(m.win, d)
}

// recentItem is File › Recent shared databases: the servers connected to,
// each opening the connect dialog filled in with it (a password may be
// needed again: none is kept).
func (x *menuBar) recentItem() *fyne.MenuItem {
	x.w.recentMenu = fyne.NewMenuItem(tr("menu.recent_servers", "Recent shared databases"), nil)
	x.w.recentMenu.ChildMenu = fyne.NewMenu("")
	x.fillRecent()
	return x.w.recentMenu
}

// fillRecent lists the recent servers in File › Recent shared databases.
func (x *menuBar) fillRecent() {
	m := x.w
	var items []*fyne.MenuItem
	for _, target := range shareddb.Recent(m.app.Preferences()) {
		items = append(items, fyne.NewMenuItem(shareddb.ServerText(target), func() { m.shared.connect(target) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem(tr("menu.recent_none", "None yet"), nil)
		none.Disabled = true
		items = append(items, none)
	}
	m.recentMenu.ChildMenu.Items = items
}

// refreshRecent lists the recent servers again after a connection.
func (x *menuBar) refreshRecent() {
	x.fillRecent()
	if menu := x.w.win.MainMenu(); menu != nil {
		menu.Refresh()
	}
}
