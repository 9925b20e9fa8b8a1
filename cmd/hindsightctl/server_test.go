package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// emptyServerDB is the address of a database on the test server that
// holds no record and once held one: a database that held records is
// never seeded, so what the test counts is its own.
func emptyServerDB(t *testing.T) string {
	t.Helper()
	db := pgtest.DB(t)
	ctx := context.Background()
	st, err := engine.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e, err := st.AddEvent(ctx, model.Event{Title: "Placeholder", Date: when.MustParse("2020"), Category: model.CategoryOther})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	return db
}

// Every command that reads or writes records works on a database on a
// PostgreSQL server as on a file, named by --db or by HINDSIGHT_DB.
func TestCommandsWorkOnAServer(t *testing.T) {
	db := emptyServerDB(t)
	if out := mustCtl(t, db, "events", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("an empty server database lists %s", out)
	}
	gpt4 := strings.TrimSpace(mustCtl(t, db, "events", "add", "--title", "OpenAI releases GPT-4", "--date", "2023-03-14",
		"--actor", "OpenAI", "--category", "model", "--tag", "gpt-4"))
	mustCtl(t, db, "events", "add", "--title", "百模大战", "--date", "mid-2023", "--actor", "百度")
	if out := mustCtl(t, db, "events", "list", "--search", "百模"); !strings.Contains(out, "百模大战") || strings.Contains(out, "GPT-4") {
		t.Errorf("search on the server:\n%s", out)
	}
	if out := mustCtl(t, db, "events", "show", gpt4); !strings.Contains(out, "OpenAI releases GPT-4") {
		t.Errorf("show:\n%s", out)
	}
	period := strings.TrimSpace(mustCtl(t, db, "periods", "add", "--title", "The hundred-model war", "--start", "2023-03", "--end", "2023-12"))
	mustCtl(t, db, "periods", "edit", period, "--color", "teal")
	if out := mustCtl(t, db, "periods", "list"); !strings.Contains(out, "#008080") {
		t.Errorf("periods list:\n%s", out)
	}
	mustCtl(t, db, "periods", "delete", period)

	// Export and import of events and periods; a CSV's mapping is kept on
	// the server.
	out := mustCtl(t, db, "export", "--format", "hindsight-json")
	if !strings.Contains(out, "百模大战") {
		t.Errorf("export:\n%s", out)
	}
	csv := inputFile(t, t.TempDir(), "models.csv", "Name of model,When,Who\nClaude 3,2024-03-04,Anthropic\n")
	mustCtl(t, db, "import", csv, "--map", "title=Name of model", "--map", "date=When", "--map", "actor=Who")
	csv2 := inputFile(t, t.TempDir(), "more.csv", "Name of model,When,Who\nGemini 1.5,2024-02-15,Google\n")
	_, _, errOut := ctl(t, db, "import", csv2)
	if !strings.Contains(errOut, "using the column mapping saved") {
		t.Errorf("the second import did not use the saved mapping:\n%s", errOut)
	}

	// Predictions: add, resolve with evidence, review, show, score.
	pred := strings.TrimSpace(mustCtl(t, db, "predictions", "add", "--statement", "A GPT-4-class Chinese model in 2024",
		"--by", "Blog author", "--made", "2023-12", "--deadline", "by end of 2024", "--prob", "60%"))
	mustCtl(t, db, "predictions", "resolve", pred, "--outcome", "true", "--on", "2024-05-20", "--evidence", gpt4)
	mustCtl(t, db, "predictions", "add-link", pred, "--url", "https://example.com/post")
	if out := mustCtl(t, db, "predictions", "show", pred); !strings.Contains(out, "OpenAI releases GPT-4") {
		t.Errorf("predictions show:\n%s", out)
	}
	var score struct {
		Overall struct {
			Resolved int `json:"resolved"`
		} `json:"overall"`
	}
	if err := json.Unmarshal([]byte(mustCtl(t, db, "score", "--include", "unconfirmed", "--json")), &score); err != nil || score.Overall.Resolved != 1 {
		t.Errorf("score: %+v, %v", score, err)
	}
	mustCtl(t, db, "predictions", "unresolve", pred)
	mustCtl(t, db, "predictions", "review", pred)
	if out := mustCtl(t, db, "predictions", "list", "--status", "open"); !strings.Contains(out, "GPT-4-class") {
		t.Errorf("predictions list:\n%s", out)
	}

	// HINDSIGHT_DB names the server too.
	t.Setenv("HINDSIGHT_DB", db)
	code, out, errOut := ctl(t, "", "events", "list")
	if code != 0 || !strings.Contains(out, "Claude 3") || !strings.Contains(out, "Gemini 1.5") {
		t.Errorf("with HINDSIGHT_DB: exit %d\n%s\n%s", code, out, errOut)
	}
	mustCtl(t, db, "events", "delete", gpt4)
}

// `dev generate` adds to a server database (there is no new file to build
// there).
func TestDevGenerateAddsToAServer(t *testing.T) {
	db := emptyServerDB(t)
	mustCtl(t, db, "dev", "generate", "--events", "300")
	var events []json.RawMessage
	if err := json.Unmarshal([]byte(mustCtl(t, db, "events", "list", "--json")), &events); err != nil || len(events) != 300 {
		t.Fatalf("%d events, %v", len(events), err)
	}
}

// A wrong address is explained, and the password never printed.
func TestAServerThatCannotBeOpenedIsExplained(t *testing.T) {
	code, _, errOut := ctl(t, "postgres://someone:pw-4417@127.0.0.1:1/nowhere?sslmode=disable", "events", "list")
	if code != 1 || !strings.Contains(errOut, "cannot be reached") || strings.Contains(errOut, "pw-4417") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

var exportedAt = regexp.MustCompile(`"exported_at": *"[^"]*",?`)

// exportJSON is db's Hindsight JSON export, without when it was made.
func exportJSON(t *testing.T, db string) string {
	t.Helper()
	return exportedAt.ReplaceAllString(mustCtl(t, db, "export", "--format", "hindsight-json"), "")
}

// A file copied to a server and back to a new file exports exactly as it
// did; a copy into a database that holds records is refused unless
// --merge.
func TestCopyToAServerAndBack(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "from.db")
	empty, err := store.Open(file) // no seed: the server takes no predictions yet
	if err != nil {
		t.Fatal(err)
	}
	empty.Close()
	mustCtl(t, file, "events", "add", "--title", "OpenAI releases GPT-4", "--date", "2023-03-14", "--actor", "OpenAI",
		"--category", "model", "--tag", "gpt-4", "--source", "https://openai.com/research/gpt-4", "--description", "A *large* model.")
	gone := strings.TrimSpace(mustCtl(t, file, "events", "add", "--title", "Deleted", "--date", "2023"))
	mustCtl(t, file, "events", "add", "--title", "百模大战", "--title-zh", "百模大战", "--date", "mid-2023", "--actor", "百度")
	mustCtl(t, file, "events", "delete", gone)
	mustCtl(t, file, "periods", "add", "--title", "The hundred-model war", "--start", "2023-03", "--end", "2023-12", "--color", "teal")
	want := exportJSON(t, file)

	server := pgtest.DB(t)
	out := mustCtl(t, "", "copy", "--from", file, "--to", server)
	if !strings.Contains(out, "copied 2 events, 0 predictions and 1 period") || !strings.Contains(out, "each with its id") ||
		strings.Contains(out, "password") {
		t.Errorf("copy to the server said:\n%s", out)
	}
	if got := exportJSON(t, server); got != want {
		t.Errorf("the server's export:\n%s\nwant\n%s", got, want)
	}
	back := filepath.Join(dir, "back.db")
	mustCtl(t, server, "copy", "--to", back) // --from defaults to --db
	if got := exportJSON(t, back); got != want {
		t.Errorf("the copy back's export:\n%s\nwant\n%s", got, want)
	}

	code, _, errOut := ctl(t, "", "copy", "--from", file, "--to", server)
	if code != 1 || !strings.Contains(errOut, "already holds records (2 events, 1 period)") || !strings.Contains(errOut, "--merge") {
		t.Errorf("a copy into a full database: exit %d, %s", code, errOut)
	}
	out = mustCtl(t, "", "copy", "--from", file, "--to", server, "--merge")
	if !strings.Contains(out, "skipped as already there: 2 events, 0 predictions and 1 period") {
		t.Errorf("merge said:\n%s", out)
	}
	if code, _, errOut := ctl(t, "", "copy", "--from", filepath.Join(dir, "missing.db"), "--to", filepath.Join(dir, "x.db")); code != 1 ||
		!strings.Contains(errOut, "no database file") {
		t.Errorf("a copy from a missing file: exit %d, %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.db")); err == nil {
		t.Error("a refused copy created its destination")
	}
}

// The seed, predictions and all, copies to a new file losslessly; and to
// a server once it takes predictions.
func TestCopyTheSeed(t *testing.T) {
	dir := t.TempDir()
	seeded := filepath.Join(dir, "seed.db")
	want := exportJSON(t, seeded)
	mustCtl(t, seeded, "copy", "--to", filepath.Join(dir, "copy.db"))
	if got := exportJSON(t, filepath.Join(dir, "copy.db")); got != want {
		t.Errorf("the copy's export differs:\n%s", got)
	}
	server := pgtest.DB(t)
	code, _, errOut := ctl(t, seeded, "copy", "--to", server)
	if code != 0 && strings.Contains(errOut, "cannot take predictions") {
		t.Skipf("this build's PostgreSQL store does not import predictions yet: %s", errOut)
	}
	if code != 0 {
		t.Fatalf("copy the seed to a server: %s", errOut)
	}
	if got := exportJSON(t, server); got != want {
		t.Errorf("the server's export differs:\n%s", got)
	}
	mustCtl(t, server, "copy", "--to", filepath.Join(dir, "back.db"))
	if got := exportJSON(t, filepath.Join(dir, "back.db")); got != want {
		t.Errorf("the copy back's export differs:\n%s", got)
	}
}
