package ui

import (
	"fmt"
	"os"
	"time"
)

// quitGrace is how long the toolkit has to finish quitting once the window
// has closed everything of ours: far longer than a clean quit takes.
const quitGrace = 3 * time.Second

// Fyne 2.7.1 can hang while quitting, about once in a few hundred quits on
// a busy machine: its last hook (which saves the preferences) is handed to
// the UI goroutine in the moment that goroutine stops taking work, and the
// two then wait for each other for ever. By the time the app quits, the
// database is closed and the preferences are written (each change is
// saved as it is made), so nothing is lost by ending the process when the
// toolkit has not returned within quitGrace.
//
// exitIfQuitHangs arms that.
func exitIfQuitHangs(grace time.Duration, exit func(code int)) *time.Timer {
	return time.AfterFunc(grace, func() {
		fmt.Fprintf(os.Stderr, "hindsight: the window toolkit had not finished quitting after %s; ending the process (everything was saved)\n", grace)
		exit(0)
	})
}

// exitProcess ends the process when quitting hangs; tests replace it.
var exitProcess = os.Exit

// QuitNow ends the app at once, without the window's closing steps (for
// measuring start-up): the database is left to SQLite's journal, which the
// next open reads, as after a crash.
func (m *MainWindow) QuitNow() {
	exitIfQuitHangs(quitGrace, exitProcess)
	m.app.Quit()
}

// GuardQuitOnSignal arms the guard when the system asks the app to end
// (Ctrl+C in a terminal, or a log-out), on which Fyne quits by itself.
func GuardQuitOnSignal(signals <-chan os.Signal) {
	go func() {
		if _, ok := <-signals; ok {
			exitIfQuitHangs(quitGrace, exitProcess)
		}
	}()
}
