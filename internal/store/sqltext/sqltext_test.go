package sqltext

import "testing"

func TestClauses(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Where(nil), ""},
		{Where([]string{"a = 1", "b = 2"}), " WHERE a = 1 AND b = 2"},
		{OrderBy(false, "e.title", "e.id"), " ORDER BY e.title, e.id"},
		{OrderBy(true, "e.title", "e.id"), " ORDER BY e.title DESC, e.id DESC"},
		{Page(0, 5), ""},
		{Page(10, -3), " LIMIT 10 OFFSET 0"},
		{Page(10, 20), " LIMIT 10 OFFSET 20"},
		{Limit(-1), ""},
		{Limit(7), " LIMIT 7"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestOrderByLeavesTheCallersTermsAlone(t *testing.T) {
	terms := []string{"a", "b"}
	OrderBy(true, terms...)
	if terms[0] != "a" || terms[1] != "b" {
		t.Errorf("terms changed to %v", terms)
	}
}
