package when

import "fmt"

// Error reports text that could not be read as a date or a deadline. Its
// message is written for the person who typed the text and can be shown as is.
type Error struct {
	Input  string // the text being read
	Reason string // what is wrong, in words

	// syntax is set when the text does not have the shape of the form being
	// tried, as opposed to a form that was recognised but holds a bad value.
	// Parse tries the next form only after a syntax error.
	syntax bool
}

func (e *Error) Error() string { return e.Reason }

// ErrNoMadeDate is returned by ParseDeadline for a phrase such as "within
// two years" or "今年" when the date the prediction was made is not known.
var ErrNoMadeDate = &Error{Reason: "a relative deadline needs the date the prediction was made"}

func syntaxError(input, format string, args ...any) *Error {
	return &Error{Input: input, Reason: fmt.Sprintf(format, args...), syntax: true}
}

func valueError(input, format string, args ...any) *Error {
	return &Error{Input: input, Reason: fmt.Sprintf(format, args...)}
}

func isSyntax(err error) bool {
	e, ok := err.(*Error)
	return ok && e.syntax
}

func unreadableDate(input string) *Error {
	return syntaxError(input, "cannot read %q as a date (try 2023-03-14, 2023-03, March 2023 or 2023年3月)", input)
}

func unreadableDeadline(input string) *Error {
	return syntaxError(input, "cannot read %q as a deadline (try by 2024, within two years, between 2024 and 2025 or 两年内)", input)
}
