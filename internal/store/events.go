package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/history"
	"github.com/hindsight-app/hindsight/internal/store/internal/insert"
	"github.com/hindsight-app/hindsight/internal/store/prepare"
	sqlschema "github.com/hindsight-app/hindsight/internal/store/schema"
	"github.com/hindsight-app/hindsight/internal/store/sqltext"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Window is a closed range of days.
type Window struct {
	From, To when.Day
}

// EventQuery selects events. Zero fields do not filter.
type EventQuery struct {
	// Filter keeps the events it keeps: categories, actors (ignoring
	// case), tags (any of them), the date window typed as people type
	// dates, and an import batch. The window and the command-line tool
	// pass the same filter.
	Filter filter.Filter
	// Window keeps events that overlap these days (a month-precision event
	// overlaps every window that touches that month), as the timeline
	// reads what it shows.
	Window *Window
	// Search keeps events whose title, Chinese title, description or actor
	// contain every word of it.
	Search string
	// Limit caps the result and Offset skips the first rows of it; 0 means
	// no cap.
	Limit, Offset int
	// Brief leaves out descriptions and links, which a timeline or a list
	// of many events does not show; read the full event with Event.
	Brief bool
	// Lanes keeps the events of some lanes of one dimension, as the
	// timeline reads rows for the lanes it shows one by one.
	Lanes *LaneSet
	// IDs keeps these events only, when not nil.
	IDs []int64
	// Order sorts the events (by date when empty); Desc reverses it. A
	// table of a million events pages through the store in its order.
	Order EventOrder
	Desc  bool
}

// EventOrder is what events are sorted by.
type EventOrder string

// The orders of EventQuery; each breaks ties by date, then id, so that
// pages do not overlap.
const (
	OrderDate  EventOrder = ""
	OrderTitle EventOrder = "title"
	// OrderTitleZh sorts by the title a Chinese reader sees: the Chinese
	// one where there is one.
	OrderTitleZh  EventOrder = "title_zh"
	OrderActor    EventOrder = "actor"
	OrderCategory EventOrder = "category"
)

// EventSQL is one engine's spelling of an event query's select list and
// order: the columns of a whole event and of a brief one, and the sort
// term of each EventOrder but OrderDate. Both engines build the query
// the same way from it (Select).
type EventSQL struct {
	Engine                string // names the engine in errors
	Columns, BriefColumns string
	OrderTerms            map[EventOrder]string
}

// Select is the query of q's events from from (a table and its alias e)
// where every condition of where holds: the brief columns if q asks for
// them, ordered as q asks, ties broken by date then id, and paged.
func (d EventSQL) Select(q EventQuery, from string, where []string) (string, error) {
	columns := d.Columns
	if q.Brief {
		columns = d.BriefColumns
	}
	var terms []string
	if q.Order != OrderDate {
		term, ok := d.OrderTerms[q.Order]
		if !ok {
			return "", fmt.Errorf("%s: events cannot be sorted by %q", d.Engine, q.Order)
		}
		terms = []string{term}
	}
	order := sqltext.OrderBy(q.Desc, append(terms, "e.earliest", "e.latest", "e.id")...)
	return "SELECT " + columns + " FROM " + from + sqltext.Where(where) + order + sqltext.Page(q.Limit, q.Offset), nil
}

// eventSQL is the SQLite store's EventSQL.
var eventSQL = EventSQL{
	Engine: "store", Columns: eventColumns, BriefColumns: briefEventColumns,
	OrderTerms: map[EventOrder]string{
		OrderTitle:    "e.title COLLATE NOCASE",
		OrderTitleZh:  "coalesce(nullif(e.title_zh, ''), e.title) COLLATE NOCASE",
		OrderActor:    "e.actor COLLATE NOCASE",
		OrderCategory: "e.category",
	},
}

// LaneSet is some lanes of a dimension (DimActor, DimCategory, DimTag).
type LaneSet struct {
	Dim  string
	Keys []string
}

// briefEventColumns is eventColumns without the description and links,
// which are most of an event's bytes.
const briefEventColumns = `e.id, e.title, e.title_zh, e.date, e.end_date, e.actor, e.category,
	'', e.created_at, e.updated_at,
	(SELECT group_concat(t.name, char(31))
	   FROM event_tags et JOIN tags t ON t.id = et.tag_id WHERE et.event_id = e.id),
	NULL`

// eventColumns is shared by every event query so scanEvent stays in step.
// Tags and links come back as one text/JSON column each, saving a query per
// event.
const eventColumns = `e.id, e.title, e.title_zh, e.date, e.end_date, e.actor, e.category,
	e.description, e.created_at, e.updated_at,
	(SELECT group_concat(t.name, char(31))
	   FROM event_tags et JOIN tags t ON t.id = et.tag_id WHERE et.event_id = e.id),
	(SELECT json_group_array(json_object('url', l.url, 'quote', l.quote) ORDER BY l.position)
	   FROM event_links l WHERE l.event_id = e.id)`

// AddEvent validates and saves a new event, returning it with its id.
func (s *Store) AddEvent(ctx context.Context, e model.Event) (model.Event, error) {
	if err := prepare.New(&e, prepare.Event, prepare.Now()); err != nil {
		return model.Event{}, err
	}
	id, err := s.tracked(ctx, ActionAdd, EntityEvent, 0, nil, func(tx *sql.Tx) (int64, string, error) {
		id, err := insertEvent(ctx, tx, e)
		return id, e.Title, err
	})
	if err != nil {
		return model.Event{}, err
	}
	e.ID = id
	return e, nil
}

// insertEvent saves one new event in tx.
func insertEvent(ctx context.Context, tx *sql.Tx, e model.Event) (int64, error) {
	in := insert.New(ctx, tx)
	defer in.Close()
	return in.Event(e, 0)
}

// writeEventDetails replaces an event's tags and links.
func writeEventDetails(ctx context.Context, tx *sql.Tx, id int64, e model.Event) error {
	if err := setTags(ctx, tx, "event_tags", "event_id", id, e.Tags); err != nil {
		return err
	}
	return setLinks(ctx, tx, "event_links", "event_id", id, e.Links)
}

// UpdateEvent validates and saves changes to an existing event.
func (s *Store) UpdateEvent(ctx context.Context, e model.Event) (model.Event, error) {
	if err := prepare.Changed(&e, prepare.Event, prepare.Now()); err != nil {
		return model.Event{}, err
	}
	_, err := s.tracked(ctx, ActionUpdate, EntityEvent, e.ID, nil, func(tx *sql.Tx) (int64, string, error) {
		res, err := tx.ExecContext(ctx, `UPDATE events SET title = ?, title_zh = ?, date = ?, end_date = ?,
			earliest = ?, latest = ?, actor = ?, category = ?, description = ?, updated_at = ? WHERE id = ?`,
			e.Title, e.TitleZh, e.Date.String(), e.End.String(), int64(e.Earliest()), int64(e.Latest()),
			e.Actor, string(e.Category), e.Description, sqlschema.FormatTime(e.UpdatedAt), e.ID)
		if err := updated(res, err, "event", e.ID); err != nil {
			return 0, "", err
		}
		return e.ID, e.Title, writeEventDetails(ctx, tx, e.ID, e)
	})
	if err != nil {
		return model.Event{}, err
	}
	return s.Event(ctx, e.ID)
}

// DeleteEvent removes an event; predictions that cited it as evidence lose
// that citation (see CitingPredictions to warn first). The change records
// those predictions too, so undo gives them their evidence back.
func (s *Store) DeleteEvent(ctx context.Context, id int64) error {
	citing := func(tx *sql.Tx) ([]history.Key, error) {
		rows, err := tx.QueryContext(ctx, "SELECT prediction_id FROM evidence WHERE event_id = ? ORDER BY prediction_id", id)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var keys []history.Key
		for rows.Next() {
			var p int64
			if err := rows.Scan(&p); err != nil {
				return nil, err
			}
			keys = append(keys, history.Key{Entity: EntityPrediction, ID: p})
		}
		return keys, rows.Err()
	}
	_, err := s.tracked(ctx, ActionDelete, EntityEvent, id, citing, func(tx *sql.Tx) (int64, string, error) {
		return deleteRow(ctx, tx, "events", "title", "event", id)
	})
	return err
}

// Event reads one event.
func (s *Store) Event(ctx context.Context, id int64) (model.Event, error) {
	return queryOne(ctx, s, scanEvent, "event", id, "SELECT "+eventColumns+" FROM events e WHERE e.id = ?")
}

// Events lists events matching q, ordered by date unless q says otherwise.
func (s *Store) Events(ctx context.Context, q EventQuery) ([]model.Event, error) {
	var where []string
	var args []any
	from := "events e"
	if q.Window != nil {
		// A few lanes of a busy window: read them by lane, not by reading
		// every event of the window.
		laneWindow, byLane := "", false
		if q.Lanes != nil {
			laneWindow, byLane = laneWindowSQL(q.Lanes.Dim, len(q.Lanes.Keys))
		}
		if byLane {
			where = append(where, laneWindow)
			for _, k := range q.Lanes.Keys {
				args = append(args, k)
			}
			args = append(args, int64(q.Window.From), int64(q.Window.To), int64(q.Window.From), int64(q.Window.From))
		} else {
			// A subquery, not a join: with a join ordered by date SQLite
			// scans every event by date and asks the R*Tree for each.
			where = append(where, "e.id IN (SELECT id FROM events_span WHERE earliest <= ? AND latest >= ?)")
			args = append(args, int64(q.Window.To), int64(q.Window.From))
		}
	}
	if q.Search != "" {
		cond, cargs := searchCondition("e.id", "events_fts",
			[]string{"e.title", "e.title_zh", "e.description", "e.actor"}, q.Search)
		where = append(where, cond)
		args = append(args, cargs...)
	}
	fw, fa := filterEventsSQL(q.Filter)
	where, args = append(where, fw...), append(args, fa...)
	if q.IDs != nil {
		ids, err := json.Marshal(q.IDs)
		if err != nil {
			return nil, err
		}
		// One JSON argument, however many ids: no limit on variables.
		where = append(where, "e.id IN (SELECT value FROM json_each(?))")
		args = append(args, string(ids))
	}
	if q.Lanes != nil {
		lane, err := laneSQL(q.Lanes.Dim)
		if err != nil {
			return nil, err
		}
		where = append(where, lane+" IN ("+placeholders(len(q.Lanes.Keys))+")")
		for _, k := range q.Lanes.Keys {
			args = append(args, k)
		}
	}
	query, err := eventSQL.Select(q, from, where)
	if err != nil {
		return nil, err
	}
	return queryAll(ctx, s, scanEvent, query, args...)
}

// queryOne reads the record kind id with query, whose one parameter is
// the id, scanning its row with scan.
func queryOne[T any](ctx context.Context, s *Store, scan func(scanner) (T, error), kind string, id int64, query string) (T, error) {
	v, err := scan(s.db.QueryRowContext(ctx, query, id))
	if errors.Is(err, sql.ErrNoRows) {
		var none T
		return none, notFound(kind, id)
	}
	return v, wrap(err)
}

// queryAll runs a query and scans every row with scan.
func queryAll[T any](ctx context.Context, s *Store, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, wrap(rows.Err())
}

type scanner interface{ Scan(...any) error }

func scanEvent(r scanner) (model.Event, error) {
	var e model.Event
	var date, end, category, created, updated string
	var tags, links sql.NullString
	if err := r.Scan(&e.ID, &e.Title, &e.TitleZh, &date, &end, &e.Actor, &category,
		&e.Description, &created, &updated, &tags, &links); err != nil {
		return e, err
	}
	var err error
	if e.Date, e.End, err = readSpan("event", e.ID, "date", date, end); err != nil {
		return e, err
	}
	e.Category = model.Category(category)
	e.CreatedAt, e.UpdatedAt = sqlschema.ParseTime(created), sqlschema.ParseTime(updated)
	e.Tags = splitTags(tags)
	e.Links, err = readLinks("event", e.ID, links)
	return e, err
}

// readSpan reads the stored start (named startName in an error) and
// optional end of a record: an event's date, a period's start.
func readSpan(kind string, id int64, startName, start, end string) (from, to when.Date, err error) {
	if from, err = when.ParseEDTF(start); err != nil {
		return from, to, fmt.Errorf("%s %d has an unreadable %s %q: %w", kind, id, startName, start, err)
	}
	if end != "" {
		if to, err = when.ParseEDTF(end); err != nil {
			return from, to, fmt.Errorf("%s %d has an unreadable end %q: %w", kind, id, end, err)
		}
	}
	return from, to, nil
}

// readLinks reads a record's links, gathered by its query into a JSON
// array; none is an empty list, not nil.
func readLinks(kind string, id int64, links sql.NullString) ([]model.Link, error) {
	out := []model.Link{}
	if links.Valid && links.String != "" {
		if err := json.Unmarshal([]byte(links.String), &out); err != nil {
			return out, fmt.Errorf("%s %d links: %w", kind, id, err)
		}
	}
	return out, nil
}

// splitTags reads the tags column, sorting here rather than in SQL: a few
// strings sort faster in Go than a sort per row in the query.
func splitTags(s sql.NullString) []string {
	if !s.Valid || s.String == "" {
		return []string{}
	}
	tags := strings.Split(s.String, "\x1f")
	slices.Sort(tags)
	return tags
}

// setLinks replaces the links of one record (an event, a period) in its
// links table.
func setLinks(ctx context.Context, tx *sql.Tx, table, column string, id int64, links []model.Link) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE "+column+" = ?", id); err != nil {
		return err
	}
	for i, l := range links {
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+table+" ("+column+", position, url, quote) VALUES (?, ?, ?, ?)",
			id, i, l.URL, l.Quote); err != nil {
			return fmt.Errorf("save link: %w", err)
		}
	}
	return nil
}

// updated checks what an UPDATE of the record kind id returned: its error,
// or no row, which means the record is gone.
func updated(res sql.Result, err error, kind string, id int64) error {
	if err != nil {
		return fmt.Errorf("save %s: %w", kind, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound(kind, id)
	}
	return nil
}

// deleteRow deletes the record kind id from table and returns, for the
// history, its id and label (the text in labelColumn).
func deleteRow(ctx context.Context, tx *sql.Tx, table, labelColumn, kind string, id int64) (int64, string, error) {
	var label string
	err := tx.QueryRowContext(ctx, "SELECT "+labelColumn+" FROM "+table+" WHERE id = ?", id).Scan(&label)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", notFound(kind, id)
	} else if err != nil {
		return 0, "", err
	}
	_, err = tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE id = ?", id)
	return id, label, err
}

// setTags replaces the tags of one record in a join table.
func setTags(ctx context.Context, tx *sql.Tx, table, column string, id int64, tags []string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE "+column+" = ?", id); err != nil {
		return err
	}
	for _, t := range tags {
		if _, err := tx.ExecContext(ctx, "INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING", t); err != nil {
			return fmt.Errorf("save tag %q: %w", t, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO "+table+" ("+column+", tag_id) SELECT ?, id FROM tags WHERE name = ?", id, t); err != nil {
			return fmt.Errorf("save tag %q: %w", t, err)
		}
	}
	return nil
}
