package exchange

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestCSVColumnsMappedByHand(t *testing.T) {
	text := "Name of model,When,Who,Extra,Secret\n" +
		"Model A,2023-03-14,\"Lab X, Lab Y\",\"kept, as a note\",password\n"
	// No column is recognised as a title or a date: nothing is read, and
	// the report says which to map.
	res, err := Read(strings.NewReader(text), FormatCSVEvents, ReadOptions{})
	if err != nil || len(res.Doc.Events) != 0 || len(res.Problems) != 1 ||
		!strings.Contains(res.Problems[0].Message, "--map title=COLUMN") {
		t.Fatalf("unmapped: %+v, %v", res, err)
	}
	mapping := map[string]string{"Name of model": "title", "when": "date", "Who": "机构", "Secret": "skip"}
	res, err = Read(strings.NewReader(text), FormatCSVEvents, ReadOptions{Columns: mapping})
	if err != nil || len(res.Doc.Events) != 1 {
		t.Fatalf("mapped: %+v, %v", res, err)
	}
	want := model.Event{Title: "Model A", Date: when.MustParse("2023-03-14"), Actor: "Lab X", Tags: []string{"lab-y"},
		Category: model.CategoryOther, Description: "Who: Lab X, Lab Y\nExtra: kept, as a note"}
	if !reflect.DeepEqual(res.Doc.Events[0], want) {
		t.Errorf("got %s\nwant %s", describe(res.Doc.Events[0]), describe(want))
	}
	for _, col := range res.Columns.List {
		if wantMapped := col.Name != "Extra"; col.Mapped != wantMapped {
			t.Errorf("%q mapped = %v", col.Name, col.Mapped)
		}
	}
	if m := res.Columns.Mapping(); m["Secret"] != FieldSkip || m["Extra"] != FieldNote || m["Who"] != FieldOrganizations {
		t.Errorf("Mapping() = %v", m)
	}
	for mapping, says := range map[string]map[string]string{
		`no column is called "Nmae"`: {"Nmae": "title"},
		`unknown field "titel"`:      {"Name of model": "titel"},
	} {
		if _, err := Read(strings.NewReader(text), FormatCSVEvents, ReadOptions{Columns: says}); err == nil || !strings.Contains(err.Error(), mapping) {
			t.Errorf("%v: %v, want an error saying %s", says, err, mapping)
		}
	}
}

// Mapping a column to a field read from one column moves the field: the
// column that had it becomes a note.
func TestCSVMappingMovesAField(t *testing.T) {
	text := "title,date,Headline\nOld title,2024,Better title\n"
	res, err := Read(strings.NewReader(text), FormatCSVEvents, ReadOptions{Columns: map[string]string{"Headline": "title"}})
	if err != nil || len(res.Doc.Events) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	if e := res.Doc.Events[0]; e.Title != "Better title" || e.Description != "title: Old title" {
		t.Errorf("got %s", describe(e))
	}
}

func TestCSVCellsOfSeveralLinksAndFlags(t *testing.T) {
	text := "title,date,Link,Frontier model,Category\n" +
		"A,2023,\"https://a.example/1, https://b.example/2\nhttps://c.example/3\",True,model\n" +
		"B,2023,see https://a.example/x,False,benchmark\n" +
		"C,2023,\"https://a.example/q?x=1,2\",maybe,\n"
	res, err := Read(strings.NewReader(text), FormatCSVEvents, ReadOptions{})
	if err != nil || len(res.Doc.Events) != 3 {
		t.Fatalf("%+v, %v", res, err)
	}
	a, b, c := res.Doc.Events[0], res.Doc.Events[1], res.Doc.Events[2]
	if len(a.Links) != 3 || a.Links[2].URL != "https://c.example/3" || !reflect.DeepEqual(a.Tags, []string{"frontier-model"}) ||
		a.Category != model.CategoryModel {
		t.Errorf("A: %s", describe(a))
	}
	if len(b.Links) != 1 || b.Description != "Link: see https://a.example/x" || !reflect.DeepEqual(b.Tags, []string{"benchmark"}) {
		t.Errorf("B: %s", describe(b))
	}
	if len(c.Links) != 1 || c.Links[0].URL != "https://a.example/q?x=1,2" || c.Description != "Frontier model: maybe" {
		t.Errorf("C: %s", describe(c))
	}
	for _, want := range []struct{ record, field string }{{"row 3", "Link"}, {"row 3", "Category"}} {
		if p := problemAt(t, res.Problems, want.record, want.field); !p.Kept() {
			t.Errorf("%+v", p)
		}
	}
}

func TestParseField(t *testing.T) {
	for in, want := range map[string][2]any{"title": {"title", 0}, "Link_2": {"link", 2}, "quote3": {"quote", 3},
		"leave out": {"skip", 0}, "机构": {"organizations", 0}, "Publication date": {"date", 0}} {
		f, slot, err := ParseField(in)
		if err != nil || f != want[0] || slot != want[1] {
			t.Errorf("ParseField(%q) = %q, %d, %v", in, f, slot, err)
		}
	}
	if _, _, err := ParseField("colour"); err == nil {
		t.Error("an unknown field was accepted")
	}
}

// FuzzReadCSVEventsMapped reads a CSV file with a mapping ("Column=field"
// lines); what it reads is valid and survives a CSV round trip.
func FuzzReadCSVEventsMapped(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, mapping string) {
		m := map[string]string{}
		for _, line := range strings.Split(mapping, "\n") {
			if name, field, ok := strings.Cut(line, "="); ok {
				m[name] = field
			}
		}
		res, ok := readFuzzed(t, data, FormatCSVEvents, ReadOptions{Columns: m})
		if !ok {
			return
		}
		if res.Columns == nil {
			t.Fatalf("a CSV file read without saying how its columns were read: %+v", res)
		}
		rereadsSame(t, "fuzzed", FormatCSVEvents, res.Doc)
	})
}
