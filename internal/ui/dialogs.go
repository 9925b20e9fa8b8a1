package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/hindsight-app/hindsight/internal/ui/modal"
)

// showInfo shows a message with a Close button; Escape closes it too.
func showInfo(win fyne.Window, title, message string) {
	modal.Show(win, dialog.NewInformation(title, message, win))
}
