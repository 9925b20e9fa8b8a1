// Package userdata keeps what a person stores in the database besides the
// records: filters saved under a name, the predictions whose passed
// deadline was already announced, and settings. Package store hands it its
// database (see store.UserData); the SQL tables are in package schema.
package userdata

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/schema"
)

// Data is what a person keeps in the database besides the records:
// filters saved under a name, the predictions whose passed deadline was
// already announced, and settings that belong with the database (the
// current filter, the timeline's view, whether to remind). Each write is
// one transaction. None of it is part of the undo history, which holds
// records.
type Data struct{ s Conn }

// Conn is what user data needs of the store: its database for reads, one
// transaction per write, and the store's wording of errors.
type Conn struct {
	DB    *sql.DB
	Write func(context.Context, func(*sql.Tx) error) error
	Wrap  func(error) error
}

// New gives the user data of the database c.
func New(c Conn) *Data { return &Data{c} }

// ErrViewName is returned for a saved view without a name.
var ErrViewName = errors.New("a saved view needs a name")

// Views lists the saved views in the order they were first saved.
func (u *Data) Views(ctx context.Context) ([]filter.SavedView, error) {
	return collect(ctx, u.s, "SELECT name, filter FROM saved_views ORDER BY id", func(rows *sql.Rows) (filter.SavedView, error) {
		var v filter.SavedView
		var text string
		if err := rows.Scan(&v.Name, &text); err != nil {
			return v, u.s.Wrap(err)
		}
		if err := json.Unmarshal([]byte(text), &v.Filter); err != nil {
			return v, fmt.Errorf("saved view %q: %w", v.Name, err)
		}
		return v, nil
	})
}

// collect runs query and scans each row of its answer with scan.
func collect[T any](ctx context.Context, c Conn, query string, scan func(*sql.Rows) (T, error)) ([]T, error) {
	var out []T
	err := c.eachRow(ctx, query, func(rows *sql.Rows) error {
		v, err := scan(rows)
		if err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// eachRow runs query and hands each row of its answer to read.
func (c Conn) eachRow(ctx context.Context, query string, read func(*sql.Rows) error) error {
	rows, err := c.DB.QueryContext(ctx, query)
	if err != nil {
		return c.Wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := read(rows); err != nil {
			return err
		}
	}
	return c.Wrap(rows.Err())
}

// SaveView keeps v, replacing the filter of a view of the same name (which
// keeps its place in the list).
func (u *Data) SaveView(ctx context.Context, v filter.SavedView) error {
	v.Name = strings.TrimSpace(v.Name)
	if v.Name == "" {
		return ErrViewName
	}
	text, err := json.Marshal(v.Filter)
	if err != nil {
		return err
	}
	return u.s.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO saved_views (name, filter, saved_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET filter = excluded.filter, saved_at = excluded.saved_at`,
			v.Name, string(text), nowText())
		return err
	})
}

// DeleteView removes the view called name; there is nothing to do when
// there is none.
func (u *Data) DeleteView(ctx context.Context, name string) error {
	return u.s.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM saved_views WHERE name = ?", name)
		return err
	})
}

// Reminders lists the predictions whose passed deadline was announced, by
// prediction id.
func (u *Data) Reminders(ctx context.Context) ([]model.Reminder, error) {
	return collect(ctx, u.s, "SELECT prediction_id, sent_at FROM reminders_sent ORDER BY prediction_id", func(rows *sql.Rows) (model.Reminder, error) {
		var rm model.Reminder
		var at string
		if err := rows.Scan(&rm.PredictionID, &at); err != nil {
			return rm, err
		}
		rm.SentAt = schema.ParseTime(at)
		return rm, nil
	})
}

// MarkReminded records that the predictions ids were announced at at.
// One already recorded keeps its first time.
func (u *Data) MarkReminded(ctx context.Context, ids []int64, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	return u.s.Write(ctx, func(tx *sql.Tx) error {
		return InsertReminders(ctx, tx, ids, at)
	})
}

// InsertReminders records ids as announced at at (now, when at is zero).
func InsertReminders(ctx context.Context, tx *sql.Tx, ids []int64, at time.Time) error {
	if at.IsZero() {
		at = time.Now()
	}
	stmt, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO reminders_sent (prediction_id, sent_at) VALUES (?, ?)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, id := range ids {
		if _, err := stmt.ExecContext(ctx, id, schema.FormatTime(at)); err != nil {
			return err
		}
	}
	return nil
}

// Settings reads every setting.
func (u *Data) Settings(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	err := u.s.eachRow(ctx, "SELECT key, value FROM settings", func(rows *sql.Rows) error {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return u.s.Wrap(err)
		}
		out[k] = v
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SetSetting keeps value under key.
func (u *Data) SetSetting(ctx context.Context, key, value string) error {
	if key == "" {
		return errors.New("a setting needs a name")
	}
	return u.s.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}

// Adopted is user data kept elsewhere until now (an older version kept it
// in the app's preferences), to be moved into the database.
type Adopted struct {
	Views     []filter.SavedView
	Reminders []model.Reminder
	// Settings are taken only where the database has no value yet.
	Settings map[string]string
}

// Adopt moves a in, in one transaction: views whose name the database
// does not have yet, every reminder, and settings the database lacks. What
// the database already holds wins, since it may have been written by a
// newer window. The report says what was left out and why.
func (u *Data) Adopt(ctx context.Context, a Adopted) (ViewsMerged, error) {
	var merged ViewsMerged
	err := u.s.Write(ctx, func(tx *sql.Tx) error {
		var err error
		merged, err = AdoptWith(a, func(views []filter.SavedView) (ViewsMerged, error) {
			return MergeViews(ctx, tx, views)
		}, func(r model.Reminder) error {
			return InsertReminders(ctx, tx, []int64{r.PredictionID}, r.SentAt)
		}, func(key, value string) error {
			_, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", key, value)
			return err
		})
		return err
	})
	return merged, err
}

// AdoptWith is Adopt for any engine, in its transaction: mergeViews adds
// the views whose names are new, remind keeps a reminder, and
// setIfAbsent keeps a setting the database has no value for.
func AdoptWith(a Adopted, mergeViews func([]filter.SavedView) (ViewsMerged, error),
	remind func(model.Reminder) error, setIfAbsent func(key, value string) error) (ViewsMerged, error) {
	merged, err := mergeViews(a.Views)
	if err != nil {
		return merged, err
	}
	for _, r := range a.Reminders {
		if err := remind(r); err != nil {
			return merged, err
		}
	}
	for k, v := range a.Settings {
		if err := setIfAbsent(k, v); err != nil {
			return merged, err
		}
	}
	return merged, nil
}

// ViewsMerged says what became of saved views brought in from elsewhere
// (an import, the old preferences).
type ViewsMerged struct {
	Added []string
	// Same are views the database already has, with the same filter.
	Same []string
	// Conflicting are views whose name the database already gives to
	// another filter; the database's own is kept.
	Conflicting []string
}

// Querier is what reads need of a transaction or of the database.
type Querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// SortViews works out which of views are new, the same as a view the
// database has, or in conflict with one (the same name for another
// filter). A name repeated in views counts against its first use.
func SortViews(ctx context.Context, q Querier, views []filter.SavedView) (ViewsMerged, []filter.SavedView, error) {
	return SortViewsWith(views, storedViews(ctx, q))
}

// storedViews reads saved views through q.
func storedViews(ctx context.Context, q Querier) StoredView {
	return func(name string) (string, bool, error) {
		var text string
		err := q.QueryRowContext(ctx, "SELECT filter FROM saved_views WHERE name = ?", name).Scan(&text)
		if errors.Is(err, sql.ErrNoRows) {
			return "", false, nil
		}
		return text, err == nil, err
	}
}

// StoredView reads the filter, as JSON text, of the saved view named
// name; found is false when the database has none.
type StoredView func(name string) (text string, found bool, err error)

// SortViewsWith is SortViews for any engine: stored reads what the
// database holds under a name.
func SortViewsWith(views []filter.SavedView, stored StoredView) (ViewsMerged, []filter.SavedView, error) {
	var m ViewsMerged
	var fresh []filter.SavedView
	for _, v := range views {
		v.Name = strings.TrimSpace(v.Name)
		if v.Name == "" {
			continue
		}
		// same: the name is taken, by the same filter.
		found, same := false, false
		for _, f := range fresh {
			if f.Name == v.Name {
				found, same = true, f.Filter.SameAs(v.Filter)
			}
		}
		if !found {
			text, ok, err := stored(v.Name)
			if err != nil {
				return m, nil, err
			}
			if ok {
				var have filter.Filter
				found = true
				same = json.Unmarshal([]byte(text), &have) == nil && have.SameAs(v.Filter)
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

// MergeViews adds the views whose names are new, in order.
func MergeViews(ctx context.Context, tx *sql.Tx, views []filter.SavedView) (ViewsMerged, error) {
	return MergeViewsWith(views, storedViews(ctx, tx), func(name, filter string) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO saved_views (name, filter, saved_at) VALUES (?, ?, ?)",
			name, filter, nowText())
		return err
	})
}

// MergeViewsWith is MergeViews for any engine: stored reads what the
// database holds under a name, and add saves a new view, its filter as
// JSON text.
func MergeViewsWith(views []filter.SavedView, stored StoredView, add func(name, filter string) error) (ViewsMerged, error) {
	m, fresh, err := SortViewsWith(views, stored)
	if err != nil {
		return m, err
	}
	for _, v := range fresh {
		data, err := json.Marshal(v.Filter)
		if err != nil {
			return m, err
		}
		if err := add(v.Name, string(data)); err != nil {
			return m, err
		}
	}
	return m, nil
}

func nowText() string { return schema.FormatTime(time.Now()) }

// MappingText is the text a CSV column mapping is kept as under header
// (see store.Bulk.SaveColumnMapping); a mapping needs a header.
func MappingText(header string, mapping map[string]string) (string, error) {
	if header == "" {
		return "", errors.New("a column mapping needs a header to be kept under")
	}
	text, err := json.Marshal(mapping)
	return string(text), err
}

// ParseMapping reads a column mapping kept by MappingText.
func ParseMapping(text string) (map[string]string, error) {
	var mapping map[string]string
	if err := json.Unmarshal([]byte(text), &mapping); err != nil {
		return nil, fmt.Errorf("the column mapping saved for this header is unreadable: %w", err)
	}
	return mapping, nil
}
