// Command hindsight is the Hindsight desktop app: a timeline of AI-industry
// events that keeps score of the predictions made about them.
//
//	hindsight [--db PATH|postgres://…] [--lang auto|en|zh]
//
// Without --db it opens the database shared with hindsightctl in the
// user's configuration directory (or $HINDSIGHT_DB), creating and seeding
// it on first start. --db (or HINDSIGHT_DB) may name a database on a
// PostgreSQL server instead: postgres://user@host:5432/database, with the
// password in PGPASSWORD or ~/.pgpass.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/hindsight-app/hindsight/assets"
	// Must stay imported: it makes a C locale read as English before Fyne's
	// lang package initialises (see its doc comment).
	_ "github.com/hindsight-app/hindsight/internal/localefix"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/ui"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/look"
)

// appID identifies the app to the system (preferences, notifications).
const appID = "io.github.hindsight_app.hindsight"

func main() {
	dbPath := flag.String("db", "", "database file or postgres:// address (default: $HINDSIGHT_DB, else the shared database in the configuration directory)")
	language := flag.String("lang", "", "interface language: auto, en or zh (default: the saved choice, else the system's)")
	exitAfterFirstFrame := flag.Bool("exit-after-first-frame", false, "quit as soon as the main window has drawn once and print how long start-up took (for measuring)")
	flag.Parse()
	started := time.Now()

	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(look.NewTheme())
	look.WarmFonts()
	choice := *language
	if choice == "" {
		choice = a.Preferences().StringWithFallback(i18n.PrefLanguage, i18n.LanguageAuto)
	}
	if err := i18n.SetupLanguage(choice); err != nil {
		fmt.Fprintln(os.Stderr, "hindsight:", err)
		os.Exit(2)
	}

	path := *dbPath
	if path == "" {
		var err error
		if path, err = store.DefaultPath(); err != nil {
			fmt.Fprintln(os.Stderr, "hindsight:", err)
			os.Exit(1)
		}
	}
	main := ui.NewMainWindow(a, path)
	if *exitAfterFirstFrame {
		main.OnFirstFrame(func() {
			fmt.Printf("first frame after %d ms\n", time.Since(started).Milliseconds())
			fyne.Do(main.QuitNow)
		})
	}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	ui.GuardQuitOnSignal(signals)
	main.ShowAndRun()
}
