package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/store"
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

// inputFile writes content to a file named name in dir, for a command to
// read, and gives its path.
func inputFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

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

// The corrected seed has one forecast among eleven claims, known only
// from its author's later post: by default nothing is counted, and the
// report says why; asked for, the forecast alone is scored.
func TestScoreOfTheSeed(t *testing.T) {
	db := tempDB(t)
	scoreOf := func(args ...string) scoreReport {
		t.Helper()
		var report scoreReport
		if err := json.Unmarshal([]byte(mustCtl(t, db, append([]string{"score", "--json"}, args...)...)), &report); err != nil {
			t.Fatal(err)
		}
		return report
	}
	report := scoreOf()
	o := report.Overall
	if report.Counts != "forecasts" || o.Made != 0 || o.Resolved != 0 || o.HitRate != nil || len(report.Groups) != 0 {
		t.Errorf("default: overall %+v, groups %+v", o, report.Groups)
	}
	wantLeft := map[string]int{"question": 5, "hope": 1, "opinion": 4, "retrospective": 1}
	if !reflect.DeepEqual(report.LeftOut, wantLeft) {
		t.Errorf("left out %v, want %v", report.LeftOut, wantLeft)
	}
	if !strings.Contains(strings.Join(report.Notes, "\n"), "1 retrospective forecast left out") {
		t.Errorf("the report should say the retrospective forecast is left out: %q", report.Notes)
	}
	if interests := report.InterestsBySource; len(interests) != 1 || !strings.Contains(strings.Join(slices.Concat(slices.Collect(maps.Values(interests))...), ""), "01.AI") {
		t.Errorf("interests %v, want the author's tie to 01.AI", interests)
	}
	// Retrospective alone is not enough: the post survives only as a
	// repost, so the forecast is also unconfirmed.
	if r := scoreOf("--include", "retrospective"); r.LeftOut["unconfirmed"] != 1 || r.Overall.Made != 0 {
		t.Errorf("--include retrospective: %+v", r.LeftOut)
	}
	all := scoreOf("--include", "retrospective,unconfirmed")
	o = all.Overall
	if o.Made != 1 || o.Hits != 1 || o.Misses != 0 || o.HitRate == nil || *o.HitRate != 1 || o.Brier != nil {
		t.Errorf("--include retrospective,unconfirmed: overall %+v", o)
	}
	if all.LeftOut["question"] != 5 || all.LeftOut["hope"] != 1 || all.LeftOut["opinion"] != 4 {
		t.Errorf("questions, hopes and opinions must stay out of every figure: %v", all.LeftOut)
	}
	if all.Calibration.Included != 0 || all.Calibration.Excluded["no_probability"] != 1 {
		t.Errorf("calibration = %+v", all.Calibration)
	}
	if text := mustCtl(t, db, "score"); !strings.Contains(text, "counts forecasts only") || !strings.Contains(text, "--include retrospective") {
		t.Errorf("the text report should say what it counts:\n%s", text)
	}
	if code, _, errOut := ctl(t, db, "score", "--by", "colour"); code != 1 || !strings.Contains(errOut, "--by") {
		t.Errorf("bad --by: %d %q", code, errOut)
	}
	if code, _, errOut := ctl(t, db, "score", "--include", "hope"); code != 1 || !strings.Contains(errOut, "--include") {
		t.Errorf("--include hope: %d %q", code, errOut)
	}
}

// Kinds, provenance, interest and moving targets from the command line.
func TestClaimsFromTheCommandLine(t *testing.T) {
	db := tempDB(t)
	// A question cannot be given a probability, and the refusal says why.
	code, _, errOut := ctl(t, db, "predictions", "add", "--kind", "question", "--statement", "Will GPTs succeed?",
		"--by", "Blogger", "--made", "2024-01", "--prob", "60%")
	if code != 1 || !strings.Contains(errOut, "a question asks, it does not predict") {
		t.Errorf("a question with a probability: exit %d, %q", code, errOut)
	}
	if code, _, errOut := ctl(t, db, "predictions", "add", "--kind", "prophecy", "--statement", "x", "--by", "b", "--made", "2024"); code != 1 || !strings.Contains(errOut, "--kind") {
		t.Errorf("an unknown kind: exit %d, %q", code, errOut)
	}
	first := strings.TrimSpace(mustCtl(t, db, "predictions", "add", "--statement", "AGI by 2025", "--by", "Futurist",
		"--made", "2023-01-10", "--deadline", "by end of 2025", "--source", "https://example.com/agi",
		"--quote", "AGI by 2025", "--published", "2023-01-10", "--primary", "--provenance", "contemporaneous",
		"--interest", "runs an AGI fund"))
	second := strings.TrimSpace(mustCtl(t, db, "predictions", "add", "--statement", "AGI by 2027", "--by", "Futurist",
		"--made", "2025-12-20", "--deadline", "by end of 2027", "--restates", first))
	if code, _, errOut := ctl(t, db, "predictions", "add", "--statement", "x", "--by", "Someone else", "--made", "2026",
		"--restates", first); code != 1 || !strings.Contains(errOut, "same source") {
		t.Errorf("restating another source's claim: exit %d, %q", code, errOut)
	}
	show := mustCtl(t, db, "predictions", "show", second)
	if !strings.Contains(show, "moving target") || !strings.Contains(show, "AGI by 2025") || !strings.Contains(show, "source unconfirmed") {
		t.Errorf("show should list the chain and the missing primary source:\n%s", show)
	}
	if out := mustCtl(t, db, "predictions", "add-link", second, "--url", "https://example.com/agi-2027", "--primary", "--published", "2025-12-20"); !strings.Contains(out, "has 1 source") {
		t.Errorf("add-link: %s", out)
	}
	if show := mustCtl(t, db, "predictions", "show", second); strings.Contains(show, "source unconfirmed") || !strings.Contains(show, "primary") {
		t.Errorf("after adding a primary source:\n%s", show)
	}
	list := mustCtl(t, db, "predictions", "list", "--kind", "forecast", "--with-interest", "--json")
	if !strings.Contains(list, "runs an AGI fund") || strings.Contains(list, "AGI by 2027") {
		t.Errorf("list --kind forecast --with-interest:\n%s", list)
	}
	if out := mustCtl(t, db, "predictions", "review", second, "--on", "2026-01-05"); !strings.Contains(out, "2026-01-05") {
		t.Errorf("review: %s", out)
	}
	// The 2025 claim is past its deadline, unsettled and re-dated: a miss.
	var report scoreReport
	if err := json.Unmarshal([]byte(mustCtl(t, db, "score", "--json")), &report); err != nil {
		t.Fatal(err)
	}
	if report.RedatedBySource["Futurist"] != 1 {
		t.Errorf("re-dated %v, want Futurist once", report.RedatedBySource)
	}
	var futurist *groupJSON
	for i, g := range report.Groups {
		if g.Label == "Futurist" {
			futurist = &report.Groups[i]
		}
	}
	if futurist == nil || futurist.Misses != 1 || futurist.RedatedMisses != 1 || futurist.Made != 2 {
		t.Errorf("Futurist's record: %+v", futurist)
	}
	// Unfalsifiable needs no date.
	q := strings.TrimSpace(mustCtl(t, db, "predictions", "add", "--kind", "opinion", "--statement", "Half the best people are here",
		"--by", "Blogger", "--made", "2024-01"))
	if out := mustCtl(t, db, "predictions", "resolve", q, "--outcome", "unfalsifiable", "--note", "no agreed list"); !strings.Contains(out, "unfalsifiable") {
		t.Errorf("resolve unfalsifiable: %s", out)
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
// leaves out: TimelineJS has no predictions, and says how many.
func TestExportSaysWhatTheFormatLeavesOut(t *testing.T) {
	db := tempDB(t)
	var preds []json.RawMessage
	if err := json.Unmarshal([]byte(mustCtl(t, db, "predictions", "list", "--json")), &preds); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := ctl(t, db, "export", "--format", "timelinejs")
	if code != 0 || !strings.Contains(out, "2023") {
		t.Fatalf("exit %d, output:\n%s\n%s", code, out, errOut)
	}
	want := fmt.Sprintf("note: %d predictions are left out: TimelineJS holds events only", len(preds))
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

// TestSavedViewsAndRemindersTravelInHindsightJSON: an export carries the
// saved views and reminders sent, an import into another database brings
// them and names a view it skips, and other formats say they leave them
// out.
func TestSavedViewsAndRemindersTravelInHindsightJSON(t *testing.T) {
	db := tempDB(t)
	st, err := store.OpenSeeded(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := st.UserData().SaveView(ctx, filter.SavedView{Name: "Open since 2023", Filter: filter.Filter{From: "2023", States: []model.State{model.StateOpen}}}); err != nil {
		t.Fatal(err)
	}
	preds, err := st.Predictions(ctx, store.PredictionQuery{})
	if err != nil || len(preds) == 0 {
		t.Fatal(err)
	}
	if err := st.UserData().MarkReminded(ctx, []int64{preds[0].ID}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	file := filepath.Join(t.TempDir(), "all.json")
	mustCtl(t, db, "export", "-o", file)
	_, _, notes := ctl(t, db, "export", "--format", "csv-predictions")
	if !strings.Contains(notes, "1 saved view is left out") || !strings.Contains(notes, "1 reminder sent is left out") {
		t.Errorf("a CSV export does not say it leaves the user data out: %q", notes)
	}

	other := tempDB(t)
	st, err = store.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.UserData().SaveView(ctx, filter.SavedView{Name: "Open since 2023", Filter: filter.Filter{To: "2020"}}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out := mustCtl(t, other, "import", file)
	if !strings.Contains(out, `skipped saved view "Open since 2023": the database gives that name to another filter`) ||
		!strings.Contains(out, "added 1 reminder sent") {
		t.Errorf("import says:\n%s", out)
	}
	fresh := tempDB(t)
	st, err = store.Open(fresh)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if out := mustCtl(t, fresh, "import", file); !strings.Contains(out, "added 1 saved view: Open since 2023") {
		t.Errorf("import into a new database says:\n%s", out)
	}
}

// TestScoreSaysAndDoesWhatTheWindowDoes: --include-early takes in the
// predictions resolved while their deadline is still ahead, and says so;
// MEAN LEAD is the days from making to resolution, as the window's.
func TestScoreSaysAndDoesWhatTheWindowDoes(t *testing.T) {
	db := tempDB(t)
	mustCtl(t, db, "predictions", "add", "--statement", "Ships before 2099", "--by", "Forecaster",
		"--made", "2024-01-01", "--deadline", "by 2099", "--prob", "70%", "--source", "https://example.com/said", "--primary")
	var preds []struct {
		ID        int64  `json:"id"`
		Statement string `json:"statement"`
	}
	if err := json.Unmarshal([]byte(mustCtl(t, db, "predictions", "list", "--json")), &preds); err != nil {
		t.Fatal(err)
	}
	id := ""
	for _, p := range preds {
		if p.Statement == "Ships before 2099" {
			id = strconv.FormatInt(p.ID, 10)
		}
	}
	mustCtl(t, db, "predictions", "resolve", id, "--outcome", "true", "--on", "2024-01-31")

	out := mustCtl(t, db, "score", "--by", "source")
	if !strings.Contains(out, "1 resolved while their deadline is still ahead (--include-early counts those 1)") ||
		!strings.Contains(out, "MEAN LEAD") {
		t.Errorf("score without --include-early:\n%s", out)
	}
	early := mustCtl(t, db, "score", "--include-early")
	if !strings.Contains(early, "calibration: 1 prediction in the chart (1 of them resolved while their deadline is still ahead)") {
		t.Errorf("score --include-early:\n%s", early)
	}
	var report struct {
		Groups []struct {
			Label        string   `json:"label"`
			MeanLeadDays *float64 `json:"mean_lead_days"`
		} `json:"groups"`
		Calibration struct {
			Included int `json:"included"`
			Early    int `json:"early"`
		} `json:"calibration"`
	}
	if err := json.Unmarshal([]byte(mustCtl(t, db, "score", "--json", "--include-early")), &report); err != nil {
		t.Fatal(err)
	}
	if report.Calibration.Included != 1 || report.Calibration.Early != 1 {
		t.Errorf("calibration %+v", report.Calibration)
	}
	for _, g := range report.Groups {
		if g.Label == "Forecaster" && (g.MeanLeadDays == nil || *g.MeanLeadDays != 30) {
			t.Errorf("mean lead %v, want the 30 days from making to resolution", g.MeanLeadDays)
		}
	}
}
