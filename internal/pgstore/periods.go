package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/prepare"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Periods reads and writes periods: named stretches of time drawn behind
// the events, with the SQLite store's semantics (store.Periods). Each
// write is one transaction, recorded in the undo history of the client
// that made it.
type Periods struct{ s *Store }

// Periods gives the periods of s.
func (s *Store) Periods() *Periods { return &Periods{s} }

const periodColumns = `p.id, p.title, p.start, p.end_date, p.color, p.lane, p.description, p.created_at, p.updated_at,
	p.version, (SELECT json_agg(json_build_object('url', l.url, 'quote', l.quote) ORDER BY l.position)
	   FROM period_links l WHERE l.period_id = p.id)`

// Add validates and saves a new period, returning it with its id.
func (ps *Periods) Add(ctx context.Context, p model.Period) (model.Period, error) {
	if err := prepare.New(&p, prepare.Period, prepare.Now()); err != nil {
		return model.Period{}, err
	}
	id, err := ps.s.History().Track(ctx, store.ActionAdd, store.EntityPeriod, 0, func(tx pgx.Tx) (int64, string, error) {
		id, err := insertPeriod(ctx, tx, p, 0)
		return id, p.Title, err
	})
	if err != nil {
		return model.Period{}, err
	}
	p.ID = id
	return p, nil
}

// insertPeriod writes a new period with its links, under id when it is
// above 0 (a period an undo brings back) or a new one.
func insertPeriod(ctx context.Context, tx pgx.Tx, p model.Period, id int64) (int64, error) {
	err := tx.QueryRow(ctx, `INSERT INTO periods (id, title, start, end_date, earliest, latest, color, lane, description,
		created_at, updated_at) VALUES (coalesce($1, nextval(pg_get_serial_sequence('periods', 'id'))),
		$2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		nullID(id), p.Title, p.Start.String(), p.End.String(), int64(p.Earliest()), int64(p.Latest()),
		p.Color, p.Lane, p.Description, p.CreatedAt, p.UpdatedAt).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("save period: %w", err)
	}
	return id, writeLinks(ctx, tx, "period_links", "period_id", id, p.Links, false)
}

// nullID is id for a statement, NULL when it is 0 (none given).
func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// writeLinks writes a record's links into table, replacing any it had
// unless the record is new.
func writeLinks(ctx context.Context, tx pgx.Tx, table, idColumn string, id int64, links []model.Link, replace bool) error {
	if replace {
		if _, err := tx.Exec(ctx, "DELETE FROM "+table+" WHERE "+idColumn+" = $1", id); err != nil {
			return err
		}
	}
	if len(links) == 0 {
		return nil
	}
	urls, quotes := make([]string, len(links)), make([]string, len(links))
	for i, l := range links {
		urls[i], quotes[i] = l.URL, l.Quote
	}
	_, err := tx.Exec(ctx, `INSERT INTO `+table+` (`+idColumn+`, position, url, quote)
		SELECT $1, n - 1, u, q FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS l(u, q, n)`, id, urls, quotes)
	if err != nil {
		return fmt.Errorf("save links: %w", err)
	}
	return nil
}

// Update validates and saves changes to an existing period, whatever its
// version: the last save wins. A form that read the period should use
// UpdateIfUnchanged.
func (ps *Periods) Update(ctx context.Context, p model.Period) (model.Period, error) {
	saved, _, err := ps.update(ctx, p, 0)
	return saved, err
}

// UpdateIfUnchanged saves changes to a period read at version and returns
// it with its new version. If someone saved or deleted it since, nothing
// is saved: the error wraps ErrChanged, or store.ErrNotFound.
func (ps *Periods) UpdateIfUnchanged(ctx context.Context, p model.Period, version int64) (model.Period, int64, error) {
	return ifUnchanged("period", p.ID, version, func() (model.Period, int64, error) {
		return ps.update(ctx, p, version)
	})
}

func (ps *Periods) update(ctx context.Context, p model.Period, version int64) (model.Period, int64, error) {
	if err := prepare.Changed(&p, prepare.Period, prepare.Now()); err != nil {
		return model.Period{}, 0, err
	}
	_, err := ps.s.History().Track(ctx, store.ActionUpdate, store.EntityPeriod, p.ID, func(tx pgx.Tx) (int64, string, error) {
		var now int64
		err := tx.QueryRow(ctx, `UPDATE periods SET title = $1, start = $2, end_date = $3, earliest = $4, latest = $5,
			color = $6, lane = $7, description = $8, updated_at = $9, version = version + 1
			WHERE id = $10 AND ($11 = 0 OR version = $11) RETURNING version`,
			p.Title, p.Start.String(), p.End.String(), int64(p.Earliest()), int64(p.Latest()),
			p.Color, p.Lane, p.Description, p.UpdatedAt, p.ID, version).Scan(&now)
		if errors.Is(err, pgx.ErrNoRows) {
			return 0, "", missingOrChanged(ctx, tx, "periods", "period", p.ID, version)
		}
		if err != nil {
			return 0, "", fmt.Errorf("save period: %w", err)
		}
		return p.ID, p.Title, writeLinks(ctx, tx, "period_links", "period_id", p.ID, p.Links, true)
	})
	if err != nil {
		return model.Period{}, 0, err
	}
	return ps.GetWithVersion(ctx, p.ID)
}

// ifUnchanged runs update, which saves the record kind id if it is still
// at version; a save that names no version (0) is not one.
func ifUnchanged[R any](kind string, id, version int64, update func() (R, int64, error)) (R, int64, error) {
	if version <= 0 {
		var none R
		return none, 0, fmt.Errorf("%s %d: no version to compare with", kind, id)
	}
	return update()
}

// missingOrChanged says why an update of the record id in table, read at
// version, matched no row: it is gone, or someone saved it since.
func missingOrChanged(ctx context.Context, tx pgx.Tx, table, kind string, id, version int64) error {
	var current int64
	err := tx.QueryRow(ctx, "SELECT version FROM "+table+" WHERE id = $1", id).Scan(&current)
	if errors.Is(err, pgx.ErrNoRows) {
		return notFound(kind, id)
	} else if err != nil {
		return err
	}
	return fmt.Errorf("%s %d was not saved: %w (read at version %d, now at %d)", kind, id, ErrChanged, version, current)
}

// Delete removes a period with its links. Nothing else refers to one.
func (ps *Periods) Delete(ctx context.Context, id int64) error {
	_, err := ps.s.History().Track(ctx, store.ActionDelete, store.EntityPeriod, id, func(tx pgx.Tx) (int64, string, error) {
		return deleteRow(ctx, tx, "periods", "title", "period", id)
	})
	return err
}

// Get reads one period; a missing one is store.ErrNotFound.
func (ps *Periods) Get(ctx context.Context, id int64) (model.Period, error) {
	p, _, err := ps.GetWithVersion(ctx, id)
	return p, err
}

// GetWithVersion reads one period and its version, to save changes to it
// with UpdateIfUnchanged.
func (ps *Periods) GetWithVersion(ctx context.Context, id int64) (model.Period, int64, error) {
	return readPeriod(ctx, ps.s.pool, id)
}

// querier is what a read needs of the pool or of a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func readPeriod(ctx context.Context, q querier, id int64) (model.Period, int64, error) {
	p, version, err := scanPeriod(q.QueryRow(ctx, "SELECT "+periodColumns+" FROM periods p WHERE p.id = $1", id))
	if errors.Is(err, pgx.ErrNoRows) {
		return model.Period{}, 0, notFound("period", id)
	}
	return p, version, err
}

// List reads every period that overlaps window (every period when window
// is nil), by start.
func (ps *Periods) List(ctx context.Context, window *store.Window) ([]model.Period, error) {
	var a args
	query := "SELECT " + periodColumns + " FROM periods p"
	if window != nil {
		query += ` WHERE int8range(p.earliest, p.latest, '[]') && int8range(` + a.add(int64(window.From)) + `, ` +
			a.add(int64(window.To)) + `, '[]')`
	}
	query += " ORDER BY p.earliest, p.latest, p.id"
	return queryAll(ctx, ps.s.pool, scanPeriod, query, a...)
}

func scanPeriod(r row) (model.Period, int64, error) {
	var p model.Period
	var start, end string
	var version int64
	var links []byte
	if err := r.Scan(&p.ID, &p.Title, &start, &end, &p.Color, &p.Lane, &p.Description, &p.CreatedAt, &p.UpdatedAt,
		&version, &links); err != nil {
		return p, 0, err
	}
	var err error
	if p.Start, err = when.ParseEDTF(start); err != nil {
		return p, 0, fmt.Errorf("period %d has an unreadable start %q: %w", p.ID, start, err)
	}
	if end != "" {
		if p.End, err = when.ParseEDTF(end); err != nil {
			return p, 0, fmt.Errorf("period %d has an unreadable end %q: %w", p.ID, end, err)
		}
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	p.Links = []model.Link{}
	if len(links) > 0 {
		if err := json.Unmarshal(links, &p.Links); err != nil {
			return p, 0, fmt.Errorf("period %d links: %w", p.ID, err)
		}
	}
	return p, version, nil
}
