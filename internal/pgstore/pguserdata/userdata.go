// Package pguserdata keeps what the people of a team keep in Hindsight's
// PostgreSQL database besides the records: saved views, the reminders
// already sent and settings, with the SQLite store's semantics
// (store.UserData). None of it is in the undo history, which holds
// records.
package pguserdata

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore/internal/pgerr"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/userdata"
)

// UserData is the user data of one database.
type UserData struct{ pool *pgxpool.Pool }

// New gives the user data of the database of pool.
func New(pool *pgxpool.Pool) *UserData { return &UserData{pool} }

// Views lists the saved views in the order they were first saved.
func (u *UserData) Views(ctx context.Context) ([]filter.SavedView, error) {
	return collect(ctx, u.pool, "SELECT name, filter FROM saved_views ORDER BY id", func(r pgx.CollectableRow) (filter.SavedView, error) {
		var v filter.SavedView
		var text string
		if err := r.Scan(&v.Name, &text); err != nil {
			return v, err
		}
		if err := json.Unmarshal([]byte(text), &v.Filter); err != nil {
			return v, fmt.Errorf("saved view %q: %w", v.Name, err)
		}
		return v, nil
	})
}

// collect runs query and scans its rows with scan; no row gives nil, as
// the SQLite store gives.
func collect[T any](ctx context.Context, pool *pgxpool.Pool, query string, scan func(pgx.CollectableRow) (T, error)) ([]T, error) {
	rows, err := pool.Query(ctx, query)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, scan)
	if len(out) == 0 {
		out = nil
	}
	return out, err
}

// SaveView keeps v, replacing the filter of a view of the same name (which
// keeps its place in the list).
func (u *UserData) SaveView(ctx context.Context, v filter.SavedView) error {
	v.Name = strings.TrimSpace(v.Name)
	if v.Name == "" {
		return store.ErrViewName
	}
	text, err := json.Marshal(v.Filter)
	if err != nil {
		return err
	}
	_, err = u.pool.Exec(ctx, `INSERT INTO saved_views (name, filter, saved_at) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO UPDATE SET filter = excluded.filter, saved_at = excluded.saved_at`,
		v.Name, string(text), now())
	return pgerr.Write(err)
}

// DeleteView removes the view called name; there is nothing to do when
// there is none.
func (u *UserData) DeleteView(ctx context.Context, name string) error {
	_, err := u.pool.Exec(ctx, "DELETE FROM saved_views WHERE name = $1", name)
	return pgerr.Write(err)
}

// Reminders lists the predictions whose passed deadline was announced, by
// prediction id.
func (u *UserData) Reminders(ctx context.Context) ([]model.Reminder, error) {
	return collect(ctx, u.pool, "SELECT prediction_id, sent_at FROM reminders_sent ORDER BY prediction_id", func(r pgx.CollectableRow) (model.Reminder, error) {
		var rm model.Reminder
		err := r.Scan(&rm.PredictionID, &rm.SentAt)
		rm.SentAt = rm.SentAt.UTC()
		return rm, err
	})
}

// MarkReminded records that the predictions ids were announced at at
// (now, when at is zero). One already recorded keeps its first time.
func (u *UserData) MarkReminded(ctx context.Context, ids []int64, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	return pgerr.Write(insertReminders(ctx, u.pool, ids, at))
}

// execer is what a write needs of the pool or of a transaction.
type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// InsertReminders records in tx that the predictions ids were announced
// at at (now, when zero), keeping the first time of one already recorded.
func InsertReminders(ctx context.Context, tx pgx.Tx, ids []int64, at time.Time) error {
	return insertReminders(ctx, tx, ids, at)
}

func insertReminders(ctx context.Context, db execer, ids []int64, at time.Time) error {
	if at.IsZero() {
		at = time.Now()
	}
	_, err := db.Exec(ctx, `INSERT INTO reminders_sent (prediction_id, sent_at) SELECT unnest($1::bigint[]), $2
		ON CONFLICT (prediction_id) DO NOTHING`, ids, at.UTC().Truncate(time.Second))
	return err
}

// Settings reads every setting.
func (u *UserData) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := u.pool.Query(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// SetSetting keeps value under key.
func (u *UserData) SetSetting(ctx context.Context, key, value string) error {
	if key == "" {
		return errors.New("a setting needs a name")
	}
	_, err := u.pool.Exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return pgerr.Write(err)
}

// Adopt moves a in, in one transaction: views whose name the database
// does not have yet, every reminder, and settings the database lacks. What
// the database already holds wins. The report says what was left out and
// why.
func (u *UserData) Adopt(ctx context.Context, a store.Adopted) (store.ViewsMerged, error) {
	var merged store.ViewsMerged
	err := pgx.BeginFunc(ctx, u.pool, func(tx pgx.Tx) error {
		var err error
		merged, err = userdata.AdoptWith(a, func(views []filter.SavedView) (store.ViewsMerged, error) {
			return MergeViews(ctx, tx, views)
		}, func(r model.Reminder) error {
			return insertReminders(ctx, tx, []int64{r.PredictionID}, r.SentAt)
		}, func(key, value string) error {
			_, err := tx.Exec(ctx, "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING", key, value)
			return err
		})
		return err
	})
	return merged, pgerr.Write(err)
}

// MergeViews adds the views whose names are new, in order, and says what
// became of each.
func MergeViews(ctx context.Context, tx pgx.Tx, views []filter.SavedView) (store.ViewsMerged, error) {
	return userdata.MergeViewsWith(views, storedViews(ctx, tx), func(name, filter string) error {
		_, err := tx.Exec(ctx, "INSERT INTO saved_views (name, filter, saved_at) VALUES ($1, $2, $3)", name, filter, now())
		return err
	})
}

// SortViews works out which of views are new, the same as a view the
// database has, or in conflict with one (the same name for another
// filter), by the SQLite store's rules (userdata.SortViewsWith). A name
// repeated in views counts against its first use.
func SortViews(ctx context.Context, q pgx.Tx, views []filter.SavedView) (store.ViewsMerged, []filter.SavedView, error) {
	return userdata.SortViewsWith(views, storedViews(ctx, q))
}

// storedViews reads saved views in q.
func storedViews(ctx context.Context, q pgx.Tx) userdata.StoredView {
	return func(name string) (string, bool, error) {
		var text string
		err := q.QueryRow(ctx, "SELECT filter FROM saved_views WHERE name = $1", name).Scan(&text)
		if errors.Is(err, pgx.ErrNoRows) {
			return "", false, nil
		}
		return text, err == nil, err
	}
}

// now is the time a write records, to the second as the SQLite store
// keeps it.
func now() time.Time { return time.Now().UTC().Truncate(time.Second) }
