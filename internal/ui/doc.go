// Package ui holds Hindsight's Fyne windows, widgets and screens.
//
// It never imports fyne.io/fyne/v2/app: the caller creates the app (the real
// driver in cmd/hindsight, a headless one in tests through
// fyne.io/fyne/v2/test) and hands it over. Every visible string goes
// through Fyne's lang package (see tr), and every change to widgets from a
// goroutine goes through fyne.Do.
package ui
