// Package model holds Hindsight's records — events, predictions, their
// resolutions and sources, and the periods drawn behind events — and the
// rules that make a record valid.
//
// It is pure Go: no SQL and no Fyne. Forms build a model value, Validate
// says field by field what is wrong, and only a valid value reaches the
// store. Validation messages are English; each carries a stable Key so the
// user interface can show a translated message instead.
package model
