package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore/internal/pgtags"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/prepare"
	"github.com/hindsight-app/hindsight/internal/when"
)

// eventColumns is shared by every event query so scanEvent stays in step;
// tags and links come back as one column each, saving a query per event.
const eventColumns = `e.id, e.title, e.title_zh, e.date, e.end_date, e.actor, e.category,
	e.description, e.created_at, e.updated_at, e.version,
	(SELECT string_agg(t.name, chr(31)) FROM event_tags et JOIN tags t ON t.id = et.tag_id WHERE et.event_id = e.id),
	(SELECT json_agg(json_build_object('url', l.url, 'quote', l.quote) ORDER BY l.position)
	   FROM event_links l WHERE l.event_id = e.id)`

// briefEventColumns is eventColumns without the description and links,
// which are most of an event's bytes.
const briefEventColumns = `e.id, e.title, e.title_zh, e.date, e.end_date, e.actor, e.category,
	'', e.created_at, e.updated_at, e.version,
	(SELECT string_agg(t.name, chr(31)) FROM event_tags et JOIN tags t ON t.id = et.tag_id WHERE et.event_id = e.id),
	NULL::json`

// AddEvent validates and saves a new event, returning it with its id.
func (s *Store) AddEvent(ctx context.Context, e model.Event) (model.Event, error) {
	if err := prepare.New(&e, prepare.Event, prepare.Now()); err != nil {
		return model.Event{}, err
	}
	id, err := s.History().Track(ctx, store.ActionAdd, store.EntityEvent, 0, func(tx pgx.Tx) (int64, string, error) {
		var id int64
		err := tx.QueryRow(ctx, `INSERT INTO events (title, title_zh, date, end_date, earliest, latest, actor,
			category, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
			RETURNING id`, eventRow(e)...).Scan(&id)
		if err != nil {
			return 0, "", fmt.Errorf("save event: %w", err)
		}
		return id, e.Title, writeEventDetails(ctx, tx, id, e, false)
	})
	if err != nil {
		return model.Event{}, err
	}
	e.ID = id
	return e, nil
}

// eventRow is e's columns from title to updated_at.
func eventRow(e model.Event) []any {
	return []any{e.Title, e.TitleZh, e.Date.String(), e.End.String(), int64(e.Earliest()), int64(e.Latest()),
		e.Actor, string(e.Category), e.Description, e.CreatedAt, e.UpdatedAt}
}

// writeEventDetails writes an event's tags and links, replacing any it
// had unless the event is new.
func writeEventDetails(ctx context.Context, tx pgx.Tx, id int64, e model.Event, replace bool) error {
	if replace {
		if _, err := tx.Exec(ctx, "DELETE FROM event_tags WHERE event_id = $1", id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM event_links WHERE event_id = $1", id); err != nil {
			return err
		}
	}
	if err := pgtags.Set(ctx, tx, "event_tags", "event_id", id, e.Tags, false); err != nil {
		return err
	}
	if len(e.Links) > 0 {
		urls, quotes := make([]string, len(e.Links)), make([]string, len(e.Links))
		for i, l := range e.Links {
			urls[i], quotes[i] = l.URL, l.Quote
		}
		if _, err := tx.Exec(ctx, `INSERT INTO event_links (event_id, position, url, quote)
			SELECT $1, n - 1, u, q FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS l(u, q, n)`, id, urls, quotes); err != nil {
			return fmt.Errorf("save links: %w", err)
		}
	}
	return nil
}

// UpdateEvent validates and saves changes to an existing event, whatever
// its version: the last save wins. A form that read the event should use
// Versioned().UpdateEvent.
func (s *Store) UpdateEvent(ctx context.Context, e model.Event) (model.Event, error) {
	saved, _, err := s.Versioned().updateEvent(ctx, e, 0)
	return saved, err
}

// UpdateEvent saves changes to an event read at version, and
// returns it with its new version. If someone saved or deleted it since,
// nothing is saved: the error wraps ErrChanged, or store.ErrNotFound.
func (vs *Versioned) UpdateEvent(ctx context.Context, e model.Event, version int64) (model.Event, int64, error) {
	return ifUnchanged("event", e.ID, version, func() (model.Event, int64, error) {
		return vs.updateEvent(ctx, e, version)
	})
}

// updateEvent saves e; a version above 0 must be the event's current one.
func (vs *Versioned) updateEvent(ctx context.Context, e model.Event, version int64) (model.Event, int64, error) {
	if err := prepare.Changed(&e, prepare.Event, prepare.Now()); err != nil {
		return model.Event{}, 0, err
	}
	_, err := vs.s.History().Track(ctx, store.ActionUpdate, store.EntityEvent, e.ID, func(tx pgx.Tx) (int64, string, error) {
		var now int64
		err := tx.QueryRow(ctx, `UPDATE events SET title = $1, title_zh = $2, date = $3, end_date = $4,
			earliest = $5, latest = $6, actor = $7, category = $8, description = $9, updated_at = $10,
			version = version + 1 WHERE id = $11 AND ($12 = 0 OR version = $12) RETURNING version`,
			e.Title, e.TitleZh, e.Date.String(), e.End.String(), int64(e.Earliest()), int64(e.Latest()),
			e.Actor, string(e.Category), e.Description, e.UpdatedAt, e.ID, version).Scan(&now)
		if errors.Is(err, pgx.ErrNoRows) {
			return 0, "", missingOrChanged(ctx, tx, "events", "event", e.ID, version)
		}
		if err != nil {
			return 0, "", fmt.Errorf("save event: %w", err)
		}
		version = now
		return e.ID, e.Title, writeEventDetails(ctx, tx, e.ID, e, true)
	})
	if err != nil {
		return model.Event{}, 0, err
	}
	saved, v, err := vs.Event(ctx, e.ID)
	if err != nil {
		return model.Event{}, 0, err
	}
	if v != version {
		version = v // saved again since, by someone else
	}
	return saved, version, nil
}

// DeleteEvent removes an event with its tags and links, and the evidence
// that cites it. The predictions citing it are part of the same change,
// so undoing it gives their evidence back.
func (s *Store) DeleteEvent(ctx context.Context, id int64) error {
	citing := func(tx pgx.Tx) ([]string, error) {
		return keysOf(ctx, tx, store.EntityPrediction, "SELECT prediction_id FROM evidence WHERE event_id = $1 ORDER BY prediction_id", id)
	}
	_, err := s.History().TrackWith(ctx, store.ActionDelete, store.EntityEvent, id, citing, func(tx pgx.Tx) (int64, string, error) {
		return deleteRow(ctx, tx, "events", "title", "event", id)
	})
	return err
}

// Event reads one event.
func (s *Store) Event(ctx context.Context, id int64) (model.Event, error) {
	e, _, err := s.Versioned().Event(ctx, id)
	return e, err
}

// Event reads one event and its version, to save changes to it
// with UpdateEvent.
func (vs *Versioned) Event(ctx context.Context, id int64) (model.Event, int64, error) {
	row := vs.s.pool.QueryRow(ctx, "SELECT "+eventColumns+" FROM events e WHERE e.id = $1", id)
	e, version, err := scanEvent(row)
	if errors.Is(err, pgx.ErrNoRows) {
		return model.Event{}, 0, notFound("event", id)
	}
	return e, version, err
}

// deleteRow deletes the record id of table (a kind of record) and gives
// its id and label, the column labelColumn, for the history.
func deleteRow(ctx context.Context, tx pgx.Tx, table, labelColumn, kind string, id int64) (int64, string, error) {
	var label string
	err := tx.QueryRow(ctx, "DELETE FROM "+table+" WHERE id = $1 RETURNING "+labelColumn, id).Scan(&label)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, "", notFound(kind, id)
	}
	return id, label, err
}

func notFound(kind string, id int64) error {
	return fmt.Errorf("%s %d: %w", kind, id, store.ErrNotFound)
}

// Events lists the events q selects, with the SQLite store's semantics
// (see store.EventQuery).
func (s *Store) Events(ctx context.Context, q store.EventQuery) ([]model.Event, error) {
	var a args
	var where []string
	if q.Window != nil {
		where = append(where, overlaps(&a, int64(q.Window.From), int64(q.Window.To)))
	}
	if q.Search != "" {
		if cond := searchCondition(&a, q.Search); cond != "" {
			where = append(where, cond)
		}
	}
	where = append(where, filterEvents(&a, q.Filter)...)
	if q.IDs != nil {
		where = append(where, "e.id = ANY("+a.add(q.IDs)+"::bigint[])")
	}
	if q.Lanes != nil {
		lane, err := laneSQL(q.Lanes.Dim)
		if err != nil {
			return nil, err
		}
		keys := q.Lanes.Keys
		if keys == nil {
			keys = []string{}
		}
		where = append(where, lane+" = ANY("+a.add(keys)+"::text[])")
	}
	query, err := eventSQL.Select(q, "events e", where)
	if err != nil {
		return nil, err
	}
	return queryAll(ctx, s.pool, scanEvent, query, a...)
}

// eventSQL is PostgreSQL's EventSQL: text is sorted as SQLite's NOCASE
// compares it (ASCII letters folded, then bytes).
var eventSQL = store.EventSQL{
	Engine: "pgstore", Columns: eventColumns, BriefColumns: briefEventColumns,
	OrderTerms: map[store.EventOrder]string{
		store.OrderTitle:    `ascii_fold(e.title) COLLATE "C"`,
		store.OrderTitleZh:  `ascii_fold(coalesce(nullif(e.title_zh, ''), e.title)) COLLATE "C"`,
		store.OrderActor:    `ascii_fold(e.actor) COLLATE "C"`,
		store.OrderCategory: `e.category COLLATE "C"`,
	},
}

// args collects a query's arguments and names their placeholders.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

type row interface{ Scan(...any) error }

func scanEvent(r row) (model.Event, int64, error) {
	var e model.Event
	var date, end, category string
	var version int64
	var tags *string
	var links []byte
	if err := r.Scan(&e.ID, &e.Title, &e.TitleZh, &date, &end, &e.Actor, &category,
		&e.Description, &e.CreatedAt, &e.UpdatedAt, &version, &tags, &links); err != nil {
		return e, 0, err
	}
	var err error
	if e.Date, err = when.ParseEDTF(date); err != nil {
		return e, 0, fmt.Errorf("event %d has an unreadable date %q: %w", e.ID, date, err)
	}
	if end != "" {
		if e.End, err = when.ParseEDTF(end); err != nil {
			return e, 0, fmt.Errorf("event %d has an unreadable end %q: %w", e.ID, end, err)
		}
	}
	e.Category = model.Category(category)
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	e.Tags = []string{}
	if tags != nil && *tags != "" {
		e.Tags = strings.Split(*tags, "\x1f")
		slices.Sort(e.Tags)
	}
	e.Links = []model.Link{}
	if len(links) > 0 {
		if err := json.Unmarshal(links, &e.Links); err != nil {
			return e, 0, fmt.Errorf("event %d links: %w", e.ID, err)
		}
	}
	return e, version, nil
}
