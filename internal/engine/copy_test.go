package engine_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// exportStamp is the one line of a Hindsight JSON export that says when it
// was made rather than what the database holds.
var exportStamp = regexp.MustCompile(`"exported_at": *"[^"]*",?`)

// storeExport is a Hindsight JSON export of st, as `hindsightctl export`
// writes it, without the time it was made.
func storeExport(t *testing.T, st engine.Store) string {
	t.Helper()
	doc, err := app.ExportDocument(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := exchange.Write(&buf, exchange.FormatHindsightJSON, doc, exchange.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	return exportStamp.ReplaceAllString(buf.String(), "")
}

// fillWithoutPredictions writes events, periods, saved views and settings
// of every shape, with a gap in the ids (a deleted event), to st.
func fillWithoutPredictions(t *testing.T, st engine.Store) {
	t.Helper()
	for _, e := range []model.Event{
		{Title: "OpenAI releases GPT-4", TitleZh: "OpenAI 发布 GPT-4", Date: when.MustParse("2023-03-14"), Actor: "OpenAI",
			Category: model.CategoryModel, Tags: []string{"gpt-4", "multimodal"}, Description: "A *large* multimodal model.",
			Links: []model.Link{{URL: "https://openai.com/research/gpt-4", Quote: "GPT-4 is here"}}},
		{Title: "Deleted later", Date: when.MustParse("2023"), Category: model.CategoryOther},
		{Title: "百模大战", Date: when.MustParse("mid-2023"), Actor: "百度", Category: model.CategoryModel, Tags: []string{"中国"}},
		{Title: "Approximate", Date: when.MustParse("2022-08~"), Category: model.CategoryOther},
	} {
		if _, err := st.AddEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	deleted, err := st.Events(ctx, store.EventQuery{Search: "Deleted"})
	if err != nil || len(deleted) != 1 {
		t.Fatalf("%v, %v", deleted, err)
	}
	if err := st.DeleteEvent(ctx, deleted[0].ID); err != nil {
		t.Fatal(err)
	}
	for _, p := range []model.Period{
		{Title: "The hundred-model war", Start: when.MustParse("2023-03"), End: when.MustParse("2023-12"), Color: "#008080", Lane: "百度",
			Description: "Everyone trains one.", Links: []model.Link{{URL: "https://example.com/war"}}},
		{Title: "2024", Start: when.MustParse("2024")},
	} {
		if _, err := st.Periods().Add(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.UserData().SaveView(ctx, filter.SavedView{Name: "Models", Filter: filter.Filter{Categories: []model.Category{model.CategoryModel}}}); err != nil {
		t.Fatal(err)
	}
	if err := st.UserData().SetSetting(ctx, app.SettingReminders, "false"); err != nil {
		t.Fatal(err)
	}
}

// copyInto copies from into a new database at target, which it opens.
func copyInto(t *testing.T, from engine.Store, target string) engine.Store {
	t.Helper()
	to := openStore(t, target)
	report, err := engine.Copy(ctx, from, to, engine.CopyOptions{})
	if err != nil {
		t.Fatalf("copy %s → %s: %v", from.Name(), to.Name(), err)
	}
	if !report.KeptIDs || report.Settings != 1 {
		t.Errorf("copy %s → %s: ids kept %v, %d settings", from.Name(), to.Name(), report.KeptIDs, report.Settings)
	}
	return to
}

// A file copied to a server and back exports exactly as it did: every
// record with its id, the periods, views and settings.
func TestCopyFileToServerAndBackIsLossless(t *testing.T) {
	file := openStore(t, filepath.Join(t.TempDir(), "from.db"))
	fillWithoutPredictions(t, file)
	want := storeExport(t, file)
	if !strings.Contains(want, "百模大战") || !strings.Contains(want, "The hundred-model war") || !strings.Contains(want, `"Models"`) {
		t.Fatalf("the export lacks what was written:\n%s", want)
	}
	server := copyInto(t, file, pgtest.DB(t))
	if got := storeExport(t, server); got != want {
		t.Errorf("the server's export differs from the file's:\n%s\nwant\n%s", got, want)
	}
	back := copyInto(t, server, filepath.Join(t.TempDir(), "back.db"))
	if got := storeExport(t, back); got != want {
		t.Errorf("the copy back's export differs from the file's:\n%s\nwant\n%s", got, want)
	}
	if s, err := back.UserData().Settings(ctx); err != nil || s[app.SettingReminders] != "false" {
		t.Errorf("settings copied back: %v, %v", s, err)
	}
	// The copy is one change in the destination's history.
	if c, ok, err := back.History().NextUndo(ctx); err != nil || !ok || c.Action != store.ActionImport {
		t.Errorf("the copy's undo: %+v, %v, %v", c, ok, err)
	}
	// A server's backup is such a copy, in a new file.
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := server.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if got := storeExport(t, openStore(t, backup)); got != want {
		t.Errorf("the server's backup differs from the file:\n%s", got)
	}
	if err := server.Backup(ctx, backup); err == nil {
		t.Error("a backup over an existing file was not refused")
	}
}

// The seed, with its predictions, resolutions, evidence, restatements and
// wording histories, copies losslessly; to a server once it takes
// predictions.
func TestCopyWithPredictionsIsLossless(t *testing.T) {
	seeded, err := engine.OpenWith(ctx, filepath.Join(t.TempDir(), "seed.db"), engine.OpenOptions{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { seeded.Close() })
	preds, err := seeded.Claims().Predictions(ctx, store.PredictionQuery{})
	if err != nil || len(preds) == 0 {
		t.Fatalf("the seed's predictions: %d, %v", len(preds), err)
	}
	if err := seeded.UserData().MarkReminded(ctx, []int64{preds[0].ID}, preds[0].CreatedAt); err != nil {
		t.Fatal(err)
	}
	if err := seeded.UserData().SetSetting(ctx, app.SettingReminders, "true"); err != nil {
		t.Fatal(err)
	}
	want := storeExport(t, seeded)
	t.Run("sqlite", func(t *testing.T) {
		if got := storeExport(t, copyInto(t, seeded, filepath.Join(t.TempDir(), "copy.db"))); got != want {
			t.Errorf("the copy's export differs:\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("postgres", func(t *testing.T) {
		to := openStore(t, pgtest.DB(t))
		// A build whose PostgreSQL store does not take predictions yet
		// refuses the copy whole, saying so.
		if _, err := engine.Copy(ctx, seeded, to, engine.CopyOptions{}); err != nil && strings.Contains(err.Error(), "cannot take predictions") {
			t.Skipf("this build's PostgreSQL store does not import predictions yet: %v", err)
		} else if err != nil {
			t.Fatal(err)
		}
		if got := storeExport(t, to); got != want {
			t.Errorf("the server's export differs:\n%s\nwant\n%s", got, want)
		}
		back := copyInto(t, to, filepath.Join(t.TempDir(), "back.db"))
		if got := storeExport(t, back); got != want {
			t.Errorf("the copy back's export differs:\n%s\nwant\n%s", got, want)
		}
	})
}

// A destination that holds records is refused, with nothing written,
// unless the copy merges; then what it has already is skipped.
func TestCopyRefusesAFullDestinationUnlessMerging(t *testing.T) {
	eachStore(t, func(t *testing.T, to engine.Store) {
		from := openStore(t, filepath.Join(t.TempDir(), "from.db"))
		fillWithoutPredictions(t, from)
		if _, err := to.AddEvent(ctx, model.Event{Title: "OpenAI releases GPT-4", Date: when.MustParse("2023-03-14"), Actor: "OpenAI", Category: model.CategoryModel}); err != nil {
			t.Fatal(err)
		}
		_, err := engine.Copy(ctx, from, to, engine.CopyOptions{})
		if !errors.Is(err, engine.ErrNotEmpty) {
			t.Fatalf("copy into a database with 1 event: %v", err)
		}
		if n, _ := to.CountEvents(ctx, filter.Filter{}); n != 1 {
			t.Errorf("a refused copy left %d events", n)
		}
		report, err := engine.Copy(ctx, from, to, engine.CopyOptions{Merge: true})
		if err != nil {
			t.Fatal(err)
		}
		if report.AddedEvents != 2 || len(report.DuplicateEvents) != 1 || report.AddedPeriods != 2 || report.KeptIDs {
			t.Errorf("merge: %d added, %d duplicates, %d periods, ids kept %v", report.AddedEvents, len(report.DuplicateEvents), report.AddedPeriods, report.KeptIDs)
		}
		if n, _ := to.CountEvents(ctx, filter.Filter{}); n != 3 {
			t.Errorf("after the merge: %d events", n)
		}
	})
}

// A source that holds one record twice cannot be copied whole (the copy
// would keep one): refused before anything is written.
func TestCopyRefusesToDropATwiceHeldRecord(t *testing.T) {
	from := openStore(t, filepath.Join(t.TempDir(), "from.db"))
	twin := model.Event{Title: "Twin", Date: when.MustParse("2023-05"), Category: model.CategoryOther}
	for range 2 {
		if _, err := from.AddEvent(ctx, twin); err != nil {
			t.Fatal(err)
		}
	}
	to := openStore(t, filepath.Join(t.TempDir(), "to.db"))
	if _, err := engine.Copy(ctx, from, to, engine.CopyOptions{}); err == nil {
		t.Fatal("a copy that keeps one of two identical events was not refused")
	} else {
		t.Log(err)
	}
	if n, _ := to.CountEvents(ctx, filter.Filter{}); n != 0 {
		t.Errorf("a refused copy wrote %d events", n)
	}
}

// eachStore runs check against a new, empty database of each engine,
// opened with engine.Open.
func eachStore(t *testing.T, check func(t *testing.T, st engine.Store)) {
	t.Run("sqlite", func(t *testing.T) { check(t, openStore(t, filepath.Join(t.TempDir(), "test.db"))) })
	t.Run("postgres", func(t *testing.T) { check(t, openStore(t, pgtest.DB(t))) })
}
