package main

import (
	"fmt"
	"strconv"

	"github.com/hindsight-app/hindsight/internal/when"
)

// fieldError names the flag whose value could not be read.
type fieldError struct {
	flag string
	err  error
}

func (e fieldError) Error() string { return fmt.Sprintf("--%s: %v", e.flag, e.err) }
func (e fieldError) Unwrap() error { return e.err }

// parseDate reads a flag's date in any form the date parser knows; an
// empty value gives the zero date.
func parseDate(flag, value string) (when.Date, error) {
	if value == "" {
		return when.Date{}, nil
	}
	d, err := when.Parse(value)
	if err != nil {
		return when.Date{}, fieldError{flag, err}
	}
	return d, nil
}

// parseID reads a record id from a positional argument or flag.
func parseID(what, value string) (int64, error) {
	id, err := strconv.ParseInt(value, 10, 64)
	if err != nil || id <= 0 {
		return 0, usageError{fmt.Errorf("%s must be a positive number, not %q", what, value)}
	}
	return id, nil
}
