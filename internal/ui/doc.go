// Package ui holds Hindsight's main window: its layout, menus, edits of
// records, undo and redo, files, search and reminders. The screens it lays
// out live in packages of their own under it (the timeline, the forms, the
// import and export dialogs, the filter bar, the tables, the detail panel,
// the track record, the Due list, and the connect dialog and status of a
// shared database), each handed its data and callbacks rather than
// reaching into the window.
//
// It never imports fyne.io/fyne/v2/app: the caller creates the app (the real
// driver in cmd/hindsight, a headless one in tests through
// fyne.io/fyne/v2/test) and hands it over. Every visible string goes
// through Fyne's lang package (see tr), and every change to widgets from a
// goroutine goes through fyne.Do.
package ui
