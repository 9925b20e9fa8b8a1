package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// UserData is what the people of a team keep in the database besides the
// records: saved views, the reminders already sent and settings, with the
// SQLite store's semantics (store.UserData). None of it is in the undo
// history, which holds records.
type UserData struct{ s *Store }

// UserData gives the user data of s.
func (s *Store) UserData() *UserData { return &UserData{s} }

// Views lists the saved views in the order they were first saved.
func (u *UserData) Views(ctx context.Context) ([]filter.SavedView, error) {
	rows, err := u.s.pool.Query(ctx, "SELECT name, filter FROM saved_views ORDER BY id")
	if err != nil {
		return nil, err
	}
	views, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (filter.SavedView, error) {
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
	if len(views) == 0 {
		views = nil // as the SQLite store gives none
	}
	return views, err
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
	_, err = u.s.pool.Exec(ctx, `INSERT INTO saved_views (name, filter, saved_at) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO UPDATE SET filter = excluded.filter, saved_at = excluded.saved_at`,
		v.Name, string(text), now())
	return writeError(err)
}

// DeleteView removes the view called name; there is nothing to do when
// there is none.
func (u *UserData) DeleteView(ctx context.Context, name string) error {
	_, err := u.s.pool.Exec(ctx, "DELETE FROM saved_views WHERE name = $1", name)
	return writeError(err)
}

// Reminders lists the predictions whose passed deadline was announced, by
// prediction id.
func (u *UserData) Reminders(ctx context.Context) ([]model.Reminder, error) {
	rows, err := u.s.pool.Query(ctx, "SELECT prediction_id, sent_at FROM reminders_sent ORDER BY prediction_id")
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Reminder, error) {
		var rm model.Reminder
		err := r.Scan(&rm.PredictionID, &rm.SentAt)
		rm.SentAt = rm.SentAt.UTC()
		return rm, err
	})
	if len(out) == 0 {
		out = nil // as the SQLite store gives none
	}
	return out, err
}

// MarkReminded records that the predictions ids were announced at at
// (now, when at is zero). One already recorded keeps its first time.
func (u *UserData) MarkReminded(ctx context.Context, ids []int64, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	return writeError(insertReminders(ctx, u.s.pool, ids, at))
}

// execer is what a write needs of the pool or of a transaction.
type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
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
	rows, err := u.s.pool.Query(ctx, "SELECT key, value FROM settings")
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
	_, err := u.s.pool.Exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return writeError(err)
}

// Adopt moves a in, in one transaction: views whose name the database
// does not have yet, every reminder, and settings the database lacks. What
// the database already holds wins. The report says what was left out and
// why.
func (u *UserData) Adopt(ctx context.Context, a store.Adopted) (store.ViewsMerged, error) {
	var merged store.ViewsMerged
	err := pgx.BeginFunc(ctx, u.s.pool, func(tx pgx.Tx) error {
		var err error
		if merged, err = mergeViews(ctx, tx, a.Views); err != nil {
			return err
		}
		for _, r := range a.Reminders {
			if err := insertReminders(ctx, tx, []int64{r.PredictionID}, r.SentAt); err != nil {
				return err
			}
		}
		for k, v := range a.Settings {
			if _, err := tx.Exec(ctx, "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING", k, v); err != nil {
				return err
			}
		}
		return nil
	})
	return merged, writeError(err)
}

// mergeViews adds the views whose names are new, in order, and says what
// became of each.
func mergeViews(ctx context.Context, tx pgx.Tx, views []filter.SavedView) (store.ViewsMerged, error) {
	m, fresh, err := sortViews(ctx, tx, views)
	if err != nil {
		return m, err
	}
	for _, v := range fresh {
		data, err := json.Marshal(v.Filter)
		if err != nil {
			return m, err
		}
		if _, err := tx.Exec(ctx, "INSERT INTO saved_views (name, filter, saved_at) VALUES ($1, $2, $3)",
			v.Name, string(data), now()); err != nil {
			return m, err
		}
	}
	return m, nil
}

// sortViews works out which of views are new, the same as a view the
// database has, or in conflict with one (the same name for another
// filter), as the SQLite store's userdata.SortViews does. A name repeated
// in views counts against its first use.
func sortViews(ctx context.Context, q querier, views []filter.SavedView) (store.ViewsMerged, []filter.SavedView, error) {
	var m store.ViewsMerged
	var fresh []filter.SavedView
	for _, v := range views {
		v.Name = strings.TrimSpace(v.Name)
		if v.Name == "" {
			continue
		}
		found, same := false, false
		for _, f := range fresh {
			if f.Name == v.Name {
				found, same = true, f.Filter.SameAs(v.Filter)
			}
		}
		if !found {
			var text string
			err := q.QueryRow(ctx, "SELECT filter FROM saved_views WHERE name = $1", v.Name).Scan(&text)
			switch {
			case err == nil:
				var have filter.Filter
				found = true
				same = json.Unmarshal([]byte(text), &have) == nil && have.SameAs(v.Filter)
			case !errors.Is(err, pgx.ErrNoRows):
				return m, nil, err
			}
		}
		switch {
		case !found:
			fresh = append(fresh, v)
			m.Added = append(m.Added, v.Name)
		case same:
			m.Same = append(m.Same, v.Name)
		default:
			m.Conflicting = append(m.Conflicting, v.Name)
		}
	}
	return m, fresh, nil
}

// now is the time a write records, to the second as the SQLite store
// keeps it.
func now() time.Time { return time.Now().UTC().Truncate(time.Second) }

// ColumnMapping reads the mapping saved for a CSV header; ok is false when
// none was. Mappings are settings, not records: not in the undo history.
func (b *Bulk) ColumnMapping(ctx context.Context, header string) (mapping map[string]string, saved time.Time, ok bool, err error) {
	var text string
	err = b.s.pool.QueryRow(ctx, "SELECT mapping::text, saved_at FROM column_mappings WHERE header = $1", header).Scan(&text, &saved)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, time.Time{}, false, nil
	}
	if err != nil {
		return nil, time.Time{}, false, err
	}
	if err := json.Unmarshal([]byte(text), &mapping); err != nil {
		return nil, time.Time{}, false, fmt.Errorf("the column mapping saved for this header is unreadable: %w", err)
	}
	return mapping, saved.UTC(), true, nil
}

// SaveColumnMapping keeps mapping for header, replacing any saved before.
func (b *Bulk) SaveColumnMapping(ctx context.Context, header string, mapping map[string]string) error {
	if header == "" {
		return errors.New("a column mapping needs a header to be kept under")
	}
	text, err := json.Marshal(mapping)
	if err != nil {
		return err
	}
	_, err = b.s.pool.Exec(ctx, `INSERT INTO column_mappings (header, mapping, saved_at) VALUES ($1, $2::jsonb, $3)
		ON CONFLICT (header) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at`,
		header, string(text), now())
	return writeError(err)
}
