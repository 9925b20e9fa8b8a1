package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// ctl runs one command line against db and returns its exit code and output.
func ctl(t *testing.T, db string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(append([]string{"--db", db}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func mustCtl(t *testing.T, db string, args ...string) string {
	t.Helper()
	code, out, errOut := ctl(t, db, args...)
	if code != 0 {
		t.Fatalf("hindsightctl %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	return out
}

func tempDB(t *testing.T) string { return filepath.Join(t.TempDir(), "h.db") }

func TestEventsListJSONPrintsTheSeed(t *testing.T) {
	db := tempDB(t)
	var events []struct {
		ID    int64  `json:"id"`
		Title string `json:"title"`
		Date  string `json:"date"`
	}
	if err := json.Unmarshal([]byte(mustCtl(t, db, "events", "list", "--json")), &events); err != nil {
		t.Fatal(err)
	}
	if len(events) < 31 {
		t.Fatalf("%d seed events, want at least 31", len(events))
	}
	found := false
	for _, e := range events {
		if e.Date == "2023-03-14" && strings.Contains(e.Title, "GPT-4") {
			found = true
		}
	}
	if !found {
		t.Error("GPT-4's release on 2023-03-14 is not in the list")
	}
	window := mustCtl(t, db, "events", "list", "--from", "2023-11-17", "--to", "2023-11-17", "--json")
	if !strings.Contains(window, "Altman") {
		t.Errorf("the window of 2023-11-17 should hold the board crisis:\n%s", window)
	}
	if got := mustCtl(t, db, "events", "list", "--search", "套壳", "--json"); !strings.Contains(got, "Yi") {
		t.Errorf("searching 套壳 should find the Yi controversy:\n%s", got)
	}
}

func TestAddResolveUnresolveRoundTrip(t *testing.T) {
	db := tempDB(t)
	eventID := strings.TrimSpace(mustCtl(t, db, "events", "add", "--title", "Board fires the CEO", "--date", "2023-11-17",
		"--actor", "OpenAI", "--category", "people", "--tag", "openai", "--tag", "governance", "--source", "https://example.com/a"))
	if _, err := strconv.ParseInt(eventID, 10, 64); err != nil {
		t.Fatalf("events add should print the new id, got %q", eventID)
	}
	var added struct {
		ID       int64  `json:"id"`
		State    string `json:"state"`
		Deadline struct {
			Phrase string `json:"phrase"`
			DueBy  string `json:"due_by"`
		} `json:"deadline"`
	}
	out := mustCtl(t, db, "predictions", "add", "--statement", "OpenAI's internal conflict erupts", "--by", "Blog author",
		"--made", "2023-02", "--deadline", "within two years", "--prob", "70%", "--json")
	if err := json.Unmarshal([]byte(out), &added); err != nil {
		t.Fatal(err)
	}
	if added.State != "open" || added.Deadline.Phrase != "within two years" || added.Deadline.DueBy != "2025-02-28" {
		t.Errorf("added = %+v", added)
	}
	id := strconv.FormatInt(added.ID, 10)
	mustCtl(t, db, "predictions", "resolve", id, "--outcome", "true", "--on", "2023-11-17", "--evidence", eventID, "--note", "fired")

	var shown struct {
		State      string `json:"state"`
		Resolution struct {
			On       string `json:"on"`
			Note     string `json:"note"`
			Evidence []struct {
				EventID int64  `json:"event_id"`
				Role    string `json:"role"`
			} `json:"evidence"`
		} `json:"resolution"`
	}
	if err := json.Unmarshal([]byte(mustCtl(t, db, "predictions", "show", id, "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	if shown.State != "true" || shown.Resolution.On != "2023-11-17" || shown.Resolution.Note != "fired" ||
		len(shown.Resolution.Evidence) != 1 || strconv.FormatInt(shown.Resolution.Evidence[0].EventID, 10) != eventID ||
		shown.Resolution.Evidence[0].Role != "resolves" {
		t.Errorf("after resolve: %+v", shown)
	}
	if got := mustCtl(t, db, "predictions", "list", "--status", "true", "--json"); !strings.Contains(got, "internal conflict erupts") {
		t.Error("the resolved prediction is not listed as true")
	}

	mustCtl(t, db, "predictions", "unresolve", id)
	if err := json.Unmarshal([]byte(mustCtl(t, db, "predictions", "show", id, "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	if shown.State != "open" || len(shown.Resolution.Evidence) != 0 {
		t.Errorf("after unresolve: %+v", shown)
	}
}

func TestBadInputIsRefusedAndWritesNothing(t *testing.T) {
	db := tempDB(t)
	before := mustCtl(t, db, "events", "list", "--json")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"events", "add", "--title", "x", "--date", "2023-13-40"}, 1, "--date"},
		{[]string{"events", "add", "--title", "x", "--date", "2023-02-30"}, 1, "28 days"},
		{[]string{"events", "add", "--title", "", "--date", "2023"}, 1, "title"},
		{[]string{"events", "add", "--title", "x", "--date", "2023", "--source", "javascript:alert(1)"}, 1, "http"},
		{[]string{"events", "add", "--title", "x", "--date", "2023", "--category", "gossip"}, 1, "--category"},
		{[]string{"events", "add", "--title", "x", "--date", "2023-05", "--end", "2023-01"}, 1, "end"},
		{[]string{"predictions", "add", "--statement", "s", "--by", "b", "--made", "2023", "--prob", "140%"}, 1, "--prob"},
		// Nobody means 1.4 %: a bare number above 1 must be a whole percentage.
		{[]string{"predictions", "add", "--statement", "s", "--by", "b", "--made", "2023", "--prob", "1.4"}, 1, "0.7"},
		{[]string{"predictions", "add", "--statement", "s", "--by", "b", "--made", "2023", "--prob", "1.4"}, 1, "70%"},
		{[]string{"predictions", "add", "--statement", "s", "--by", "b", "--deadline", "within two years"}, 1, "--made"},
		{[]string{"predictions", "resolve", "1", "--outcome", "maybe", "--on", "2024"}, 1, "--outcome"},
		{[]string{"predictions", "resolve", "1", "--outcome", "partly", "--fraction", "1.5", "--on", "2024"}, 1, "fraction"},
		{[]string{"predictions", "resolve", "abc", "--outcome", "true", "--on", "2024"}, 2, "positive number"},
		{[]string{"events", "list", "--frm", "2023"}, 2, "unknown flag"},
	}
	for _, c := range cases {
		code, _, errOut := ctl(t, db, c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", c.args, code, errOut, c.code, c.want)
		}
	}
	if after := mustCtl(t, db, "events", "list", "--json"); after != before {
		t.Error("refused commands changed the events")
	}
	if preds := mustCtl(t, db, "predictions", "list", "--json", "--search", "s"); strings.Contains(preds, `"statement": "s"`) {
		t.Error("a refused prediction was written")
	}
}

func TestScoreOfTheSeed(t *testing.T) {
	db := tempDB(t)
	var report scoreReport
	if err := json.Unmarshal([]byte(mustCtl(t, db, "score", "--json")), &report); err != nil {
		t.Fatal(err)
	}
	// The seed resolves 7 predictions: 2 true, 2 false, 1 partly, 2 open.
	// Hit rate counts true and false only: 2 / (2 + 2) = 0.5.
	o := report.Overall
	if o.Made != 7 || o.Resolved != 5 || o.Hits != 2 || o.Misses != 2 || o.Partly != 1 || o.HitRate == nil || *o.HitRate != 0.5 {
		t.Errorf("overall = %+v", o)
	}
	if o.Brier != nil {
		t.Error("the seed has no probabilities, so no Brier score")
	}
	if len(report.Groups) != 1 || !strings.Contains(report.Groups[0].Label, "AI review author") {
		t.Errorf("groups = %+v", report.Groups)
	}
	if report.Calibration.Included != 0 || report.Calibration.Excluded["no_probability"] != 7 {
		t.Errorf("calibration = %+v", report.Calibration)
	}
	if code, _, errOut := ctl(t, db, "score", "--by", "colour"); code != 1 || !strings.Contains(errOut, "--by") {
		t.Errorf("bad --by: %d %q", code, errOut)
	}
}

// TestExportTakesTheNamesPeopleType: json and ics, and a format guessed
// from -o's extension.
func TestExportTakesTheNamesPeopleType(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	if out := mustCtl(t, db, "export", "--format", "json"); !strings.Contains(out, `"events"`) {
		t.Errorf("--format json wrote %.80q", out)
	}
	if out := mustCtl(t, db, "export", "--format", "ics"); !strings.HasPrefix(out, "BEGIN:VCALENDAR") {
		t.Errorf("--format ics wrote %.80q", out)
	}
	for name, start := range map[string]string{"t.ics": "BEGIN:VCALENDAR", "t.json": "{", "t.mw": ""} {
		path := filepath.Join(dir, name)
		mustCtl(t, db, "export", "-o", path)
		data, err := os.ReadFile(path)
		if err != nil || len(data) == 0 || !strings.HasPrefix(strings.TrimSpace(string(data)), start) {
			t.Errorf("export -o %s: %v, %.60q", name, err, data)
		}
	}
}

// An export names on standard error, before writing, what its format
// leaves out: Markwhen has no predictions, and says how many.
func TestExportSaysWhatTheFormatLeavesOut(t *testing.T) {
	db := tempDB(t)
	var preds []json.RawMessage
	if err := json.Unmarshal([]byte(mustCtl(t, db, "predictions", "list", "--json")), &preds); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := ctl(t, db, "export", "--format", "markwhen")
	if code != 0 || !strings.Contains(out, "section") && !strings.Contains(out, "2023") {
		t.Fatalf("exit %d, output:\n%s\n%s", code, out, errOut)
	}
	want := fmt.Sprintf("note: %d predictions are left out: Markwhen holds events only", len(preds))
	if !strings.Contains(errOut, want) {
		t.Errorf("standard error %q, want it to say %q", errOut, want)
	}
	if _, _, errOut := ctl(t, db, "export", "--format", "hindsight-json"); errOut != "" {
		t.Errorf("Hindsight JSON loses nothing, yet: %q", errOut)
	}
}

// TestEventsListTakesTheWindowsFilter: the list flags are the window's
// filter: repeat a flag for any of several values, actors ignore case,
// and a date the app reads is read here too.
func TestEventsListTakesTheWindowsFilter(t *testing.T) {
	db := tempDB(t)
	var events []model.Event
	out := mustCtl(t, db, "events", "list", "--actor", "openai", "--actor", "DeepSeek", "--from", "mid-2023", "--to", "2023年12月", "--json")
	if err := json.Unmarshal([]byte(out), &events); err != nil {
		t.Fatal(err)
	}
	actors := map[string]bool{}
	for _, e := range events {
		actors[e.Actor] = true
		if e.Latest() < when.DayOf(2023, 5, 1) || e.Earliest() > when.DayOf(2023, 12, 31) {
			t.Errorf("%q (%s) is outside mid-2023 to December 2023", e.Title, e.Date)
		}
	}
	if !actors["OpenAI"] || !actors["DeepSeek"] || len(actors) != 2 {
		t.Errorf("actors listed: %v", actors)
	}
	if code, _, errOut := ctl(t, db, "events", "list", "--from", "someday"); code != 1 || !strings.Contains(errOut, "--from") {
		t.Errorf("an unreadable date: exit %d, %q", code, errOut)
	}
}
