package model

import (
	"fmt"
	"slices"
	"strings"
)

// enum is one of the model's enumerations, all spelled as lower-case
// words: categories, states, kinds, provenances and roles.
type enum interface {
	~string
}

// oneOf reports whether v is one of values.
func oneOf[T enum](v T, values []T) bool { return slices.Contains(values, v) }

// parseEnum reads the name of one of values as typed, case-insensitively.
// what names the enumeration in the error, which lists the names.
func parseEnum[T enum](s, what string, values []T) (T, error) {
	v := T(strings.ToLower(strings.TrimSpace(s)))
	if !oneOf(v, values) {
		return "", fmt.Errorf("unknown %s %q (one of %s)", what, s, enumList(values))
	}
	return v, nil
}

// enumList joins the names of values with commas.
func enumList[T enum](values []T) string {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = string(v)
	}
	return strings.Join(names, ", ")
}
