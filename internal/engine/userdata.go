package engine

import (
	"context"
	"time"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// UserData is what people keep in the database besides the records (saved
// views, reminders sent, settings), as both engines offer it
// (store.UserData and pgstore.UserData), with the semantics documented on
// package userdata's Data.
type UserData interface {
	Views(ctx context.Context) ([]filter.SavedView, error)
	SaveView(ctx context.Context, v filter.SavedView) error
	DeleteView(ctx context.Context, name string) error
	Reminders(ctx context.Context) ([]model.Reminder, error)
	MarkReminded(ctx context.Context, ids []int64, at time.Time) error
	Settings(ctx context.Context) (map[string]string, error)
	SetSetting(ctx context.Context, key, value string) error
	// Adopt moves in user data kept elsewhere; what the database holds
	// wins, and the report says what was left out.
	Adopt(ctx context.Context, a store.Adopted) (store.ViewsMerged, error)
}

// ColumnMappings keep, per CSV header, how a person mapped its columns
// (store.Bulk and pgstore.Bulk offer them). They are settings, not
// records: saving one is not a change to undo.
type ColumnMappings interface {
	ColumnMapping(ctx context.Context, header string) (mapping map[string]string, saved time.Time, ok bool, err error)
	SaveColumnMapping(ctx context.Context, header string, mapping map[string]string) error
}

var (
	_ UserData       = (*store.UserData)(nil)
	_ ColumnMappings = (*store.Bulk)(nil)
)
