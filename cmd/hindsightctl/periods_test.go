package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPeriodsAddListEditDelete(t *testing.T) {
	db := tempDB(t)
	id := strings.TrimSpace(mustCtl(t, db, "periods", "add", "--title", "百模大战", "--start", "2023-03", "--end", "2023-12",
		"--color", "orange", "--lane", "国内", "--link", "https://example.com/review"))
	var periods []struct {
		ID    json.Number `json:"id"`
		Title string      `json:"title"`
		Start string      `json:"start"`
		End   string      `json:"end"`
		Color string      `json:"color"`
		Lane  string      `json:"lane"`
		Links []struct {
			URL string `json:"url"`
		} `json:"links"`
	}
	if err := json.Unmarshal([]byte(mustCtl(t, db, "periods", "list", "--json")), &periods); err != nil {
		t.Fatal(err)
	}
	if len(periods) != 1 || periods[0].ID.String() != id || periods[0].Color != "#ffa500" || periods[0].Lane != "国内" ||
		periods[0].End != "2023-12" || len(periods[0].Links) != 1 {
		t.Fatalf("listed %+v", periods)
	}
	mustCtl(t, db, "periods", "edit", id, "--title", "The hundred-model war", "--end", "")
	table := mustCtl(t, db, "periods", "list", "--from", "2023-03-20", "--to", "2023-04")
	if !strings.Contains(table, "The hundred-model war") || !strings.Contains(table, "#ffa500") {
		t.Errorf("after edit:\n%s", table)
	}
	if out := mustCtl(t, db, "periods", "list", "--from", "2025"); strings.Contains(out, "hundred") {
		t.Errorf("a window outside the period lists it:\n%s", out)
	}
	for _, bad := range [][]string{
		{"periods", "add", "--title", "No start"},
		{"periods", "add", "--title", "x", "--start", "2023", "--color", "blurple"},
		{"periods", "edit", id, "--end", "2020"},
		{"periods", "delete", "999"},
	} {
		if code, _, errOut := ctl(t, db, bad...); code == 0 || errOut == "" {
			t.Errorf("%v was accepted", bad)
		}
	}
	mustCtl(t, db, "periods", "delete", id)
	if out := mustCtl(t, db, "periods", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("after delete: %s", out)
	}
}

func TestImportMapsColumnsAndRemembersTheMapping(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	first := inputFile(t, dir, "models.csv", "Model name,Released on,Made by,Secret\nAlpha-1,2031-02-03,\"Lab X, Lab Y\",p\n")
	// Not mapped: nothing is read, and the report says which to map.
	code, out, errOut := ctl(t, db, "import", first)
	if code != 0 || !strings.Contains(out, "added 0 events") || !strings.Contains(errOut, "--map title=COLUMN") {
		t.Fatalf("unmapped: %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := ctl(t, db, "import", first, "--map", "titel=Model name"); code != 2 && code != 1 || !strings.Contains(errOut, "titel") {
		t.Errorf("a mistyped field: %d %s", code, errOut)
	}
	code, out, errOut = ctl(t, db, "import", first, "--map", "title=Model name", "--map", "date=Released on",
		"--map", "organizations=Made by", "--map", "skip=Secret")
	if code != 0 || !strings.Contains(out, "added 1 event,") || !strings.Contains(errOut, "Model name → title") {
		t.Fatalf("mapped: %d\n%s\n%s", code, out, errOut)
	}
	got := mustCtl(t, db, "events", "list", "--search", "Alpha-1", "--json")
	if !strings.Contains(got, `"actor": "Lab X"`) || !strings.Contains(got, `"lab-y"`) || strings.Contains(got, "Secret") {
		t.Errorf("the mapped event:\n%s", got)
	}
	// The next file with that header is read the same way, unasked.
	second := inputFile(t, dir, "more.csv", "Model name,Released on,Made by,Secret\nBeta-2,2032-04-05,Lab Z,q\n")
	code, out, errOut = ctl(t, db, "import", second)
	if code != 0 || !strings.Contains(out, "added 1 event,") || !strings.Contains(errOut, "using the column mapping saved") {
		t.Errorf("second file: %d\n%s\n%s", code, out, errOut)
	}
}

func TestImportAndExportCarryPeriods(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	mw := inputFile(t, dir, "plan.mw", "section Launch #go\n2031-01-03: Kickoff\nnow: Today\n1 week: A week on\nendSection\n2031-02 every month x3: Monthly\n")
	code, out, errOut := ctl(t, db, "import", mw)
	if code != 0 || !strings.Contains(out, "and 1 period ") || !strings.Contains(errOut, "note: line 3, date: “now” was read as") ||
		!strings.Contains(errOut, "note: line 6, date: the recurrence") {
		t.Fatalf("import: %d\n%s\n%s", code, out, errOut)
	}
	if _, out, _ := ctl(t, db, "import", mw); !strings.Contains(out, "added 0 events, 0 predictions and 0 periods") {
		t.Errorf("a second import: %s", out)
	}
	code, _, errOut = ctl(t, db, "export", "--format", "csv-events")
	if code != 0 || !strings.Contains(errOut, "1 period is left out") {
		t.Errorf("csv export: %d %s", code, errOut)
	}
	if out := mustCtl(t, db, "export", "--format", "markwhen"); !strings.Contains(out, "section Launch") {
		t.Errorf("markwhen export:\n%s", out)
	}
}
