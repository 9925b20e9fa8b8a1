package when

import "fmt"

// Error reports text that could not be read as a date or a deadline. Its
// message is written for the person who typed the text and can be shown as is.
type Error struct {
	Input  string // the text being read
	Reason string // what is wrong, in words

	// Key names the kind of problem (one of the Key… constants), and
	// Args the values its message needs, so that an interface can say it
	// in its own language; "" for problems only stored data can have.
	Key  string
	Args map[string]any

	// syntax is set when the text does not have the shape of the form being
	// tried, as opposed to a form that was recognised but holds a bad value.
	// Parse tries the next form only after a syntax error.
	syntax bool
}

func (e *Error) Error() string { return e.Reason }

// ErrNoMadeDate is returned by ParseDeadline for a phrase such as "within
// two years" or "今年" when the date the prediction was made is not known.
var ErrNoMadeDate = &Error{Reason: "a relative deadline needs the date the prediction was made", Key: KeyNoMadeDate}

func syntaxError(input, format string, args ...any) *Error {
	return &Error{Input: input, Reason: fmt.Sprintf(format, args...), syntax: true}
}

func valueError(input, format string, args ...any) *Error {
	return &Error{Input: input, Reason: fmt.Sprintf(format, args...)}
}

// Kinds of problem a person can cause by typing, for Error.Key, with the
// Args each gives.
const (
	KeyUnreadableDate     = "unreadable_date"     // Input
	KeyUnreadableDeadline = "unreadable_deadline" // Input
	KeyEmpty              = "empty"               // (nothing)
	KeyMonthRange         = "month_range"         // Month
	KeyDayRange           = "day_range"           // Day
	KeyMonthDays          = "month_days"          // Year, Month (1–12), Days (in that month), Day
	KeyClockRange         = "clock_range"         // Input: an hour, minute or second out of range
	KeyQuarterRange       = "quarter_range"       // Quarter
	KeyHalfRange          = "half_range"          // Half
	KeyClockNeedsDay      = "clock_needs_day"     // Input
	KeyDayAfterPart       = "day_after_part"      // Input: a day after a season, quarter or half
	KeyTimeZone           = "time_zone"           // Input
	KeyOpenInterval       = "open_interval"       // Input
	KeyEndsBeforeStart    = "ends_before_start"   // Start, End (as EDTF text)
	KeyDeadlineYears      = "deadline_years"      // Input, Min, Max
	KeyWholeMonths        = "whole_months"        // Input
	KeyMonthsRange        = "months_range"        // Months, Max
	KeyNoMadeDate         = "no_made_date"        // (nothing)
	KeyNoReference        = "no_reference"        // (nothing)
)

// keyed sets the kind of e and the values its message needs.
func (e *Error) keyed(key string, args map[string]any) *Error {
	e.Key, e.Args = key, args
	return e
}

func isSyntax(err error) bool {
	e, ok := err.(*Error)
	return ok && e.syntax
}

func unreadableDate(input string) *Error {
	return syntaxError(input, "cannot read %q as a date (try 2023-03-14, 2023-03, March 2023 or 2023年3月)", input).
		keyed(KeyUnreadableDate, map[string]any{"Input": input})
}

func unreadableDeadline(input string) *Error {
	return syntaxError(input, "cannot read %q as a deadline (try by 2024, within two years, between 2024 and 2025 or 两年内)", input).
		keyed(KeyUnreadableDeadline, map[string]any{"Input": input})
}
