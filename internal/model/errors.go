package model

import (
	"fmt"
	"strings"
)

// FieldError says what is wrong with one field of a record.
type FieldError struct {
	// Field names the field as forms and the CLI call it: "title", "date",
	// "links[1].url", "probability".
	Field string
	// Key is a stable identifier of the kind of problem ("error.empty",
	// "error.date"), used to look up a translated message.
	Key string
	// Message is the English explanation, complete enough to show as is.
	Message string
}

func (e FieldError) Error() string { return e.Field + ": " + e.Message }

// ValidationError lists every problem found in a record, so a form can mark
// all bad fields at once rather than one per attempt.
type ValidationError struct {
	Fields []FieldError
}

func (v *ValidationError) Error() string {
	parts := make([]string, len(v.Fields))
	for i, f := range v.Fields {
		parts[i] = f.Error()
	}
	return strings.Join(parts, "; ")
}

// For returns the first problem reported for field.
func (v *ValidationError) For(field string) (FieldError, bool) {
	for _, f := range v.Fields {
		if f.Field == field {
			return f, true
		}
	}
	return FieldError{}, false
}

// problems collects FieldErrors while a record is checked.
type problems []FieldError

func (p *problems) add(field, key, message string) {
	*p = append(*p, FieldError{Field: field, Key: key, Message: message})
}

// title adds what is wrong with a record's title: empty, or too long.
func (p *problems) title(title string) {
	switch {
	case strings.TrimSpace(title) == "":
		p.add("title", "error.empty", "title must not be empty")
	case runeCount(title) > MaxTitleRunes:
		p.add("title", "error.too_long", fmt.Sprintf("title is longer than %d characters", MaxTitleRunes))
	}
}

// err returns nil when nothing was found, so callers can `return p.err()`.
func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return &ValidationError{Fields: p}
}
