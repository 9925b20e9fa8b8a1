package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

const reviewZh = "../../internal/extract/testdata/review-2024.zh.txt"

type extractOutput struct {
	Published string `json:"published"`
	Proposals []struct {
		Type      string `json:"type"`
		Ticked    bool   `json:"ticked"`
		Quote     string `json:"quote"`
		Duplicate *struct {
			Entity string `json:"entity"`
			ID     int64  `json:"id"`
		} `json:"duplicate"`
		Event *struct {
			Date  string `json:"date"`
			Actor string `json:"actor"`
		} `json:"event"`
		Claim *struct {
			Kind     string `json:"kind"`
			Made     string `json:"made"`
			Deadline string `json:"deadline"`
		} `json:"claim"`
	} `json:"proposals"`
}

func extractJSON(t *testing.T, db string, args ...string) extractOutput {
	t.Helper()
	var out extractOutput
	if err := json.Unmarshal([]byte(mustCtl(t, db, append([]string{"extract"}, append(args, "--json")...)...)), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestExtractPrintsProposals(t *testing.T) {
	db := tempDB(t)
	out := extractJSON(t, db, reviewZh, "--published", "2024-12-30")
	var events, claims int
	for _, p := range out.Proposals {
		switch {
		case p.Event != nil:
			events++
		case p.Claim != nil:
			claims++
		}
	}
	if events < 8 || claims < 18 {
		t.Fatalf("%d events and %d claims proposed, want the article's 9 and 22 or so", events, claims)
	}
	// The seed already has DeepSeek-V3's release: flagged, not ticked.
	found := false
	for _, p := range out.Proposals {
		if strings.Contains(p.Quote, "DeepSeek-V3") && p.Event != nil {
			found = true
			if p.Duplicate == nil || p.Duplicate.Entity != "event" || p.Ticked {
				t.Errorf("DeepSeek-V3's release should be flagged as the seed's event: %+v", p)
			}
		}
	}
	if !found {
		t.Error("DeepSeek-V3's release was not proposed")
	}

	table := mustCtl(t, db, "extract", reviewZh, "--published", "2024-12-30")
	if !strings.Contains(table, "零一万物发布Yi-34B") || !strings.Contains(table, "already there: event") {
		t.Errorf("the table should list the proposals and mark duplicates:\n%s", table)
	}
}

func TestExtractApplySavesOnceAndSaysWhatItLeavesOut(t *testing.T) {
	db := tempDB(t)
	countOf := func(what string) int {
		var list []json.RawMessage
		if err := json.Unmarshal([]byte(mustCtl(t, db, what, "list", "--json")), &list); err != nil {
			t.Fatal(err)
		}
		return len(list)
	}
	events, preds := countOf("events"), countOf("predictions")

	code, _, stderr := ctl(t, db, "extract", reviewZh, "--published", "2024-12-30", "--apply")
	if code == 0 || !strings.Contains(stderr, "--by") {
		t.Fatalf("forecasts with nobody named should ask for --by; exit %d:\n%s", code, stderr)
	}
	if countOf("events") != events {
		t.Fatal("a refused --apply wrote something")
	}

	code, stdout, stderr := ctl(t, db, "extract", reviewZh, "--published", "2024-12-30", "--by", "A reviewer",
		"--url", "https://example.com/review", "--apply")
	if code != 0 {
		t.Fatalf("apply: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "already in the database as event") {
		t.Errorf("apply should say what it leaves out and why:\n%s", stderr)
	}
	addedEvents, addedPreds := countOf("events")-events, countOf("predictions")-preds
	if addedEvents < 5 || addedPreds < 5 || !strings.Contains(stdout, "added ") {
		t.Fatalf("added %d events and %d predictions:\n%s", addedEvents, addedPreds, stdout)
	}
	list := mustCtl(t, db, "predictions", "list", "--json")
	if !strings.Contains(list, "https://example.com/review") || !strings.Contains(list, "A reviewer") {
		t.Errorf("saved predictions should carry the source and the link:\n%s", list)
	}
	// Questions are saved as questions now, never as forecasts.
	var questions []struct {
		Kind  string `json:"kind"`
		Links []struct {
			Published string `json:"published"`
			Primary   bool   `json:"primary"`
		} `json:"links"`
	}
	if err := json.Unmarshal([]byte(mustCtl(t, db, "predictions", "list", "--kind", "question", "--search", "A reviewer", "--json")), &questions); err != nil {
		t.Fatal(err)
	}
	if len(questions) == 0 || questions[0].Kind != "question" || questions[0].Links[0].Published != "2024-12-30" || questions[0].Links[0].Primary {
		t.Errorf("extracted questions: %+v", questions)
	}

	// The same text again adds nothing: everything is flagged.
	stdout = mustCtl(t, db, "extract", reviewZh, "--published", "2024-12-30", "--by", "A reviewer", "--apply")
	if !strings.Contains(stdout, "nothing to add") || countOf("events")-events != addedEvents {
		t.Errorf("a second apply added records:\n%s", stdout)
	}
}

func TestExtractOnlyAndInputErrors(t *testing.T) {
	db := tempDB(t)
	page := inputFile(t, t.TempDir(), "page.html",
		`<html><body><p>Posted on 2 May 2025</p><p>Acme Robotics raised $5 million in April. OpenAI will ship GPT-6 by 2027.</p></body></html>`)
	out := extractJSON(t, db, page)
	if out.Published != "2025-05-02" || len(out.Proposals) != 1 || out.Proposals[0].Claim == nil {
		t.Fatalf("the page: %+v", out)
	}
	stdout := mustCtl(t, db, "extract", page, "--only", "1", "--by", "Blogger", "--apply")
	if !strings.Contains(stdout, "added 0 events and 1 predictions") {
		t.Errorf("--only 1: %s", stdout)
	}
	notes := inputFile(t, t.TempDir(), "notes.txt", "Mistral will ship a ten-trillion-parameter model by 2030.\n")
	if code, _, stderr := ctl(t, db, "extract", notes, "--by", "Blogger", "--apply"); code == 0 || !strings.Contains(stderr, "--published") {
		t.Errorf("a claim with no date made should ask for --published: exit %d, %q", code, stderr)
	}
	for _, args := range [][]string{
		{"extract", page, "--only", "9"},
		{"extract", page, "--all", "--only", "1"},
		{"extract", page, "--url", "javascript:alert(1)"},
		{"extract", page, "--published", "someday"},
		{"extract", filepath.Join(t.TempDir(), "missing.txt")},
	} {
		if code, _, stderr := ctl(t, db, args...); code == 0 || stderr == "" {
			t.Errorf("%v: exit %d with %q, want an error", args, code, stderr)
		}
	}
}
