package when

import (
	"errors"
	"reflect"
	"testing"
)

// TestTypedMistakesHaveKeys: every mistake a person can make typing a date
// or a deadline names its kind and values, so that the interface can say
// it in Chinese without an English detail.
func TestTypedMistakesHaveKeys(t *testing.T) {
	made := MustParse("2023-03")
	cases := []struct {
		text     string
		deadline bool
		key      string
		args     map[string]any
	}{
		{text: "2023-02-30", key: KeyMonthDays, args: map[string]any{"Year": 2023, "Month": 2, "Days": 28, "Day": 30}},
		{text: "30 February 2023", key: KeyMonthDays, args: map[string]any{"Year": 2023, "Month": 2, "Days": 28, "Day": 30}},
		{text: "banana", key: KeyUnreadableDate, args: map[string]any{"Input": "banana"}},
		{text: "2023-13", key: KeyMonthRange, args: map[string]any{"Month": 13}},
		{text: "2023-01-32", key: KeyDayRange, args: map[string]any{"Day": 32}},
		{text: "Q5 2023", key: KeyQuarterRange, args: map[string]any{"Quarter": 5}},
		{text: "2023-03-14T25:00", key: KeyClockRange, args: map[string]any{"Input": "2023-03-14T25:00"}},
		{text: "2023-03-14T10:00Z", key: KeyTimeZone, args: map[string]any{"Input": "2023-03-14T10:00Z"}},
		{text: "2023/..", key: KeyOpenInterval},
		{text: "2024/2023", key: KeyEndsBeforeStart},
		{text: "  ", key: KeyEmpty},
		{text: "whenever", deadline: true, key: KeyUnreadableDeadline, args: map[string]any{"Input": "whenever"}},
		{text: "within 1.5 months", deadline: true, key: KeyWholeMonths},
		{text: "within 2000 years", deadline: true, key: KeyMonthsRange},
	}
	for _, c := range cases {
		var err error
		if c.deadline {
			_, err = ParseDeadline(c.text, made)
		} else {
			_, err = Parse(c.text)
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%q: %v is not a *Error", c.text, err)
			continue
		}
		if e.Key != c.key || c.args != nil && !reflect.DeepEqual(e.Args, c.args) {
			t.Errorf("%q: key %q args %v (%s), want %q %v", c.text, e.Key, e.Args, e.Reason, c.key, c.args)
		}
	}
	if _, err := ParseDeadline("within two years", Date{}); !errors.Is(err, ErrNoMadeDate) || err.(*Error).Key != KeyNoMadeDate {
		t.Errorf("no made date: %v", err)
	}
}
