package csvfile

import "testing"

func TestRecogniseColumnsInEnglishAndChinese(t *testing.T) {
	header := []string{"标题", "日期", "结束", "机构", "类别", "领域", "标签", "链接", "描述", "Released", "Company", "Headline",
		"Source", "Abstract", "Parameters"}
	got := RecogniseColumns(header)
	want := []string{FieldTitle, FieldDate, FieldEnd, FieldOrganizations, FieldCategory, FieldDomain, FieldTags, FieldLink,
		FieldDescription, FieldNote, FieldNote, FieldNote, FieldLink, FieldNote, FieldNote}
	for i, col := range got.List {
		if col.Field != want[i] {
			t.Errorf("%q is read as %q, want %q", col.Name, col.Field, want[i])
		}
	}
	// The second date, organisation, title and description are notes, and
	// the report says so; a second link column is a link too.
	if n := len(got.problems); n != 4 {
		t.Errorf("%d problems, want 4: %v", n, got.problems)
	}
	for _, name := range []string{"Model", "name", "Event", "event", "Publication date", "start_date", "Organisation", "org", "lab",
		"URL", "link", "notes", "描述", "备注"} {
		if f, _ := recogniseColumn(name); f == "" {
			t.Errorf("%q is not recognised", name)
		}
	}
}
