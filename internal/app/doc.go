// Package app is the application layer between Hindsight's windows (and its
// command-line tool) and the store: which database is open, the records the
// screens show, the filter over them, undo and redo, import and export.
// The window asks it for what a view needs and forwards what a person does;
// it holds no Fyne and writes no SQL.
package app
