package store

import (
	"context"
	"database/sql"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/internal/insert"
	"github.com/hindsight-app/hindsight/internal/store/prepare"
	sqlschema "github.com/hindsight-app/hindsight/internal/store/schema"
)

// Periods reads and writes periods: named stretches of time drawn behind
// the events. Each write is one transaction, recorded for undo as a change
// to a period.
type Periods struct{ s *Store }

// Periods gives the periods of s.
func (s *Store) Periods() *Periods { return &Periods{s} }

const periodColumns = `p.id, p.title, p.start, p.end_date, p.color, p.lane, p.description, p.created_at, p.updated_at,
	(SELECT json_group_array(json_object('url', l.url, 'quote', l.quote) ORDER BY l.position)
	   FROM period_links l WHERE l.period_id = p.id)`

// Add validates and saves a new period, returning it with its id.
func (ps *Periods) Add(ctx context.Context, p model.Period) (model.Period, error) {
	if err := prepare.New(&p, prepare.Period, prepare.Now()); err != nil {
		return model.Period{}, err
	}
	id, err := ps.s.tracked(ctx, ActionAdd, EntityPeriod, 0, nil, func(tx *sql.Tx) (int64, string, error) {
		in := insert.New(ctx, tx)
		defer in.Close()
		id, err := in.Period(p, 0)
		return id, p.Title, err
	})
	if err != nil {
		return model.Period{}, err
	}
	p.ID = id
	return p, nil
}

// Update validates and saves changes to an existing period.
func (ps *Periods) Update(ctx context.Context, p model.Period) (model.Period, error) {
	if err := prepare.Changed(&p, prepare.Period, prepare.Now()); err != nil {
		return model.Period{}, err
	}
	_, err := ps.s.tracked(ctx, ActionUpdate, EntityPeriod, p.ID, nil, func(tx *sql.Tx) (int64, string, error) {
		res, err := tx.ExecContext(ctx, `UPDATE periods SET title = ?, start = ?, end_date = ?, earliest = ?, latest = ?,
			color = ?, lane = ?, description = ?, updated_at = ? WHERE id = ?`,
			p.Title, p.Start.String(), p.End.String(), int64(p.Earliest()), int64(p.Latest()),
			p.Color, p.Lane, p.Description, sqlschema.FormatTime(p.UpdatedAt), p.ID)
		if err := updated(res, err, "period", p.ID); err != nil {
			return 0, "", err
		}
		return p.ID, p.Title, setLinks(ctx, tx, "period_links", "period_id", p.ID, p.Links)
	})
	if err != nil {
		return model.Period{}, err
	}
	return ps.Get(ctx, p.ID)
}

// Delete removes a period. Nothing else refers to one.
func (ps *Periods) Delete(ctx context.Context, id int64) error {
	_, err := ps.s.tracked(ctx, ActionDelete, EntityPeriod, id, nil, func(tx *sql.Tx) (int64, string, error) {
		return deleteRow(ctx, tx, "periods", "title", "period", id)
	})
	return err
}

// Get reads one period.
func (ps *Periods) Get(ctx context.Context, id int64) (model.Period, error) {
	return queryOne(ctx, ps.s, scanPeriod, "period", id, "SELECT "+periodColumns+" FROM periods p WHERE p.id = ?")
}

// List reads every period that overlaps window (every period when window
// is nil), by start.
func (ps *Periods) List(ctx context.Context, window *Window) ([]model.Period, error) {
	query := "SELECT " + periodColumns + " FROM periods p"
	var args []any
	if window != nil {
		query += " WHERE p.earliest <= ? AND p.latest >= ?"
		args = append(args, int64(window.To), int64(window.From))
	}
	query += " ORDER BY p.earliest, p.latest, p.id"
	return queryAll(ctx, ps.s, scanPeriod, query, args...)
}

func scanPeriod(r scanner) (model.Period, error) {
	var p model.Period
	var start, end, created, updated string
	var links sql.NullString
	if err := r.Scan(&p.ID, &p.Title, &start, &end, &p.Color, &p.Lane, &p.Description, &created, &updated, &links); err != nil {
		return p, err
	}
	var err error
	if p.Start, p.End, err = readSpan("period", p.ID, "start", start, end); err != nil {
		return p, err
	}
	p.CreatedAt, p.UpdatedAt = sqlschema.ParseTime(created), sqlschema.ParseTime(updated)
	p.Links, err = readLinks("period", p.ID, links)
	return p, err
}
