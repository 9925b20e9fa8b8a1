package exchange

import (
	"bytes"
	"encoding/csv"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/synth"
)

// epochSample is 952 made-up rows in Epoch AI's notable-models layout
// (synth.EpochCSV(952, 952)): multi-line quoted notes and abstracts,
// several addresses in a Link cell, several organisations in an
// Organization cell.
const epochSample = "testdata/epoch-notable-models.csv"

// The Epoch AI table imports with no mapping at all, and nothing in it is
// lost: every cell is in its event, as a field, a tag, a link or a line of
// the description.
func TestEpochTableImportsWithNoMappingAndNoLoss(t *testing.T) {
	data, err := os.ReadFile(epochSample)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, synth.EpochCSV(952, 952)) {
		t.Fatalf("%s is not what synth.EpochCSV(952, 952) writes; write it again", epochSample)
	}
	f, r, err := Sniff("notable_ai_models.csv", bytes.NewReader(data))
	if err != nil || f != FormatCSVEvents {
		t.Fatalf("Sniff = %q, %v", f, err)
	}
	res, err := Read(r, f, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkValid(t, res)
	if len(res.Doc.Events) != 952 || len(res.Problems) != 0 {
		t.Fatalf("%d events, problems %v", len(res.Doc.Events), res.Problems)
	}
	want := map[string]string{"Model": FieldTitle, "Organization": FieldOrganizations, "Publication date": FieldDate,
		"Domain": FieldDomain, "Link": FieldLink, "Abstract": FieldDescription, "Frontier model": FieldFlag}
	for _, col := range res.Columns.List {
		w, special := want[col.Name]
		if !special {
			w = FieldNote
		}
		if col.Field != w || col.Mapped {
			t.Errorf("column %q is read as %q, want %q", col.Name, col.Field, w)
		}
	}

	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	multiline, severalLinks, severalOrgs, frontier := 0, 0, 0, 0
	for i, row := range rows[1:] {
		e := res.Doc.Events[i]
		cell := func(name string) string { return row[slices.Index(header, name)] }
		if e.Title != cell("Model") || e.Date.String() != cell("Publication date") {
			t.Fatalf("row %d: %q %s", i+2, e.Title, e.Date)
		}
		orgs := strings.Split(cell("Organization"), ",")
		if e.Actor != orgs[0] || !containsAll(e.Tags, model.NormalizeTags(orgs[1:])) {
			t.Errorf("row %d: actor %q tags %v for %q", i+2, e.Actor, e.Tags, cell("Organization"))
		}
		if len(orgs) > 1 {
			severalOrgs++
			if !strings.Contains(e.Description, "Organization: "+cell("Organization")) {
				t.Errorf("row %d: the organisations as written are not in the description", i+2)
			}
		}
		if !containsAll(e.Tags, model.NormalizeTags(strings.Split(cell("Domain"), ","))) {
			t.Errorf("row %d: tags %v lack the domains %q", i+2, e.Tags, cell("Domain"))
		}
		urls := strings.Split(cell("Link"), ",")
		if len(e.Links) != len(urls) {
			t.Errorf("row %d: %d links for %q", i+2, len(e.Links), cell("Link"))
		}
		for j, u := range urls {
			if j < len(e.Links) && e.Links[j].URL != u {
				t.Errorf("row %d: link %d is %q, want %q", i+2, j, e.Links[j].URL, u)
			}
		}
		if len(urls) > 1 {
			severalLinks++
		}
		if abstract := cell("Abstract"); abstract != "" && !strings.HasPrefix(e.Description, abstract) {
			t.Errorf("row %d: the description does not start with the abstract", i+2)
		}
		if cell("Frontier model") == "True" {
			frontier++
			if !slices.Contains(e.Tags, "frontier-model") {
				t.Errorf("row %d: a frontier model without the tag: %v", i+2, e.Tags)
			}
		}
		for j, name := range header {
			v := row[j]
			if strings.Contains(v, "\n") {
				multiline++
			}
			if v == "" || want[name] != "" {
				continue
			}
			if !strings.Contains(e.Description, name+": "+v) {
				t.Errorf("row %d: %s (%q) is not in the description", i+2, name, v)
			}
		}
	}
	if multiline == 0 || severalLinks == 0 || severalOrgs == 0 || frontier == 0 {
		t.Errorf("the sample does not exercise the layout: %d multi-line cells, %d rows with several links, %d with several organisations, %d frontier models",
			multiline, severalLinks, severalOrgs, frontier)
	}
}

func containsAll(list, want []string) bool {
	for _, w := range want {
		if !slices.Contains(list, w) {
			return false
		}
	}
	return true
}

func BenchmarkReadEpochCSV100k(b *testing.B) {
	data := synth.EpochCSV(100_000, 1)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		res, err := Read(bytes.NewReader(data), FormatCSVEvents, ReadOptions{})
		if err != nil || len(res.Doc.Events) != 100_000 {
			b.Fatalf("read %d events, %v", len(res.Doc.Events), err)
		}
	}
}
