// Package insert saves new records inside one write transaction of the
// store: the event, prediction and period rows with their tags, links,
// wordings and evidence. Its statements are prepared once, and many events
// go in many rows to a statement with the per-row index triggers off, so
// a bulk save (seed, import, generated data) of a million events parses
// no SQL per row. It can fingerprint what it saves for the undo history.
package insert

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/history"
	"github.com/hindsight-app/hindsight/internal/store/schema"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Inserter saves new records inside one transaction. Its statements are
// prepared once and tag and source ids are remembered, so a bulk save
// (seed, import, generated data) parses no SQL per row.
type Inserter struct {
	ctx       context.Context
	tx        *sql.Tx
	stmts     map[string]*sql.Stmt
	tagIDs    map[string]int64
	sourceIDs map[string]int64
	// digests, when kept, fingerprints each record saved, for the
	// history's record of a bulk write.
	digests history.Digests
}

// KeepDigests makes the inserter fingerprint every record it saves from
// now on, and returns where it keeps them.
func (in *Inserter) KeepDigests() history.Digests {
	in.digests = history.NewDigests()
	return in.digests
}

// New gives an inserter for tx; Close it when done.
func New(ctx context.Context, tx *sql.Tx) *Inserter {
	return &Inserter{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{},
		tagIDs: map[string]int64{}, sourceIDs: map[string]int64{}}
}

// Close releases the prepared statements.
func (in *Inserter) Close() {
	for _, st := range in.stmts {
		st.Close()
	}
}

func (in *Inserter) exec(query string, args ...any) (sql.Result, error) {
	st, ok := in.stmts[query]
	if !ok {
		var err error
		if st, err = in.tx.PrepareContext(in.ctx, query); err != nil {
			return nil, err
		}
		in.stmts[query] = st
	}
	return st.ExecContext(in.ctx, args...)
}

// OptionalID is NULL for 0, so SQLite picks the next id.
func OptionalID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id > 0} }

// eventRowColumns are the columns of an events row, in the order eventValues
// gives them.
const (
	eventRowColumns     = "id, title, title_zh, date, end_date, earliest, latest, actor, category, description, created_at, updated_at"
	eventRowColumnCount = 12
)

// eventValues is e's events row, with id.
func eventValues(e model.Event, id int64) []any {
	return []any{id, e.Title, e.TitleZh, e.Date.String(), e.End.String(), int64(e.Earliest()), int64(e.Latest()),
		e.Actor, string(e.Category), e.Description, schema.FormatTime(e.CreatedAt), schema.FormatTime(e.UpdatedAt)}
}

// Event saves a new, validated event; id 0 lets the database choose it.
func (in *Inserter) Event(e model.Event, id int64) (int64, error) {
	values := eventValues(e, id)
	values[0] = OptionalID(id)
	res, err := in.exec("INSERT INTO events ("+eventRowColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values...)
	if err != nil {
		return 0, fmt.Errorf("save event: %w", err)
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	values[0] = id
	if err := in.saveTags("event_tags", "event_id", id, e.Tags, nil); err != nil {
		return 0, err
	}
	for i, l := range e.Links {
		if _, err := in.exec("INSERT INTO event_links (event_id, position, url, quote) VALUES (?, ?, ?, ?)",
			id, i, l.URL, l.Quote); err != nil {
			return 0, fmt.Errorf("save link: %w", err)
		}
	}
	in.fingerprintEvent(id, values, e)
	return id, nil
}

// saveTags tags record id (column of table: event_tags or prediction_tags)
// with each of tags, calling saved, when given, after each.
func (in *Inserter) saveTags(table, column string, id int64, tags []string, saved func(tag string)) error {
	for _, t := range tags {
		tagID, err := in.tagID(t)
		if err != nil {
			return err
		}
		if _, err := in.exec("INSERT OR IGNORE INTO "+table+" ("+column+", tag_id) VALUES (?, ?)", id, tagID); err != nil {
			return fmt.Errorf("save tag %q: %w", t, err)
		}
		if saved != nil {
			saved(t)
		}
	}
	return nil
}

// Prediction saves a new, validated prediction with its first wording and
// its resolution; id 0 lets the database choose it. Evidence must name
// events that exist.
func (in *Inserter) Prediction(p model.Prediction, id int64) (int64, error) {
	sourceID, err := in.sourceID(p.Source)
	if err != nil {
		return 0, err
	}
	dueEarliest, dueLatest := DueColumns(p)
	r, kind := p.Resolution.OrOpen(), p.KindOrForecast()
	values := []any{OptionalID(id), p.Statement, p.StatementZh, sourceID, p.Made.String(), int64(p.Made.Earliest()),
		p.Deadline.Canonical(), p.Deadline.Phrase, dueEarliest, dueLatest, p.Probability,
		p.Criteria, string(kind), string(p.Provenance), p.Interest, OptionalID(p.Restates), p.ReviewedOn.String(),
		string(r.State), r.Fraction, r.On.String(), r.Note, schema.FormatTime(p.CreatedAt), schema.FormatTime(p.UpdatedAt)}
	res, err := in.exec(`INSERT INTO predictions
		(id, statement, statement_zh, source_id, made, made_earliest, deadline, deadline_phrase,
		 due_earliest, due_latest, probability, criteria, kind, provenance, interest, restates, reviewed_on,
		 state, fraction, resolved_on, resolution_note, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, values...)
	if err != nil {
		return 0, fmt.Errorf("save prediction: %w", err)
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	var fp *history.Fingerprint
	if in.digests != nil {
		fp = history.NewFingerprint(history.EntityPrediction)
		fp.Row(0, append([]any{id}, values[1:]...)...)
		defer func() { in.digests[history.EntityPrediction][id] = fp.Sum() }()
	}
	if err := in.saveTags("prediction_tags", "prediction_id", id, p.Tags, func(t string) {
		if fp != nil {
			fp.Row(1, id, t)
		}
	}); err != nil {
		return 0, err
	}
	history := p.History
	if len(history) == 0 {
		history = []model.Wording{{Version: 1, Statement: p.Statement, StatementZh: p.StatementZh, SavedAt: p.CreatedAt}}
	}
	for _, w := range history {
		if _, err := in.exec(`INSERT INTO prediction_versions (prediction_id, version, statement, statement_zh, saved_at)
			VALUES (?, ?, ?, ?, ?)`, id, w.Version, w.Statement, w.StatementZh, schema.FormatTime(w.SavedAt)); err != nil {
			return 0, fmt.Errorf("save wording %d: %w", w.Version, err)
		}
		if fp != nil {
			fp.Row(2, id, w.Version, w.Statement, w.StatementZh, schema.FormatTime(w.SavedAt))
		}
	}
	for _, ev := range r.Evidence {
		if _, err := in.exec("INSERT INTO evidence (prediction_id, event_id, role) VALUES (?, ?, ?)",
			id, ev.EventID, string(ev.Role)); err != nil {
			return 0, fmt.Errorf("save evidence (event %d): %w", ev.EventID, err)
		}
		if fp != nil {
			fp.Row(3, id, ev.EventID, string(ev.Role))
		}
	}
	for i, l := range p.Links {
		if _, err := in.exec(`INSERT INTO prediction_links (prediction_id, position, url, quote, published, is_primary)
			VALUES (?, ?, ?, ?, ?, ?)`, id, i, l.URL, l.Quote, l.Published.String(), boolInt(l.Primary)); err != nil {
			return 0, fmt.Errorf("save link: %w", err)
		}
		if fp != nil {
			fp.Row(4, id, i, l.URL, l.Quote, l.Published.String(), boolInt(l.Primary))
		}
	}
	return id, nil
}

// Period saves a new, validated period with its links; id 0 lets the
// database choose it.
func (in *Inserter) Period(p model.Period, id int64) (int64, error) {
	res, err := in.exec(`INSERT INTO periods
		(id, title, start, end_date, earliest, latest, color, lane, description, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		OptionalID(id), p.Title, p.Start.String(), p.End.String(), int64(p.Earliest()), int64(p.Latest()),
		p.Color, p.Lane, p.Description, schema.FormatTime(p.CreatedAt), schema.FormatTime(p.UpdatedAt))
	if err != nil {
		return 0, fmt.Errorf("save period: %w", err)
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	for i, l := range p.Links {
		if _, err := in.exec("INSERT INTO period_links (period_id, position, url, quote) VALUES (?, ?, ?, ?)",
			id, i, l.URL, l.Quote); err != nil {
			return 0, fmt.Errorf("save link: %w", err)
		}
	}
	return id, nil
}

func (in *Inserter) tagID(name string) (int64, error) {
	if id, ok := in.tagIDs[name]; ok {
		return id, nil
	}
	if _, err := in.exec("INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING", name); err != nil {
		return 0, fmt.Errorf("save tag %q: %w", name, err)
	}
	var id int64
	if err := in.tx.QueryRowContext(in.ctx, "SELECT id FROM tags WHERE name = ?", name).Scan(&id); err != nil {
		return 0, err
	}
	in.tagIDs[name] = id
	return id, nil
}

func (in *Inserter) sourceID(name string) (int64, error) {
	if id, ok := in.sourceIDs[name]; ok {
		return id, nil
	}
	id, err := EnsureSource(in.ctx, in.tx, name)
	if err != nil {
		return 0, err
	}
	in.sourceIDs[name] = id
	return id, nil
}

// DueColumns gives the deadline window as nullable integers; an unbounded
// end is stored as NULL so "due before" never matches it.
func DueColumns(p model.Prediction) (earliest, latest sql.NullInt64) {
	e, l, ok := p.Due()
	if !ok {
		return earliest, latest
	}
	earliest = sql.NullInt64{Int64: int64(e), Valid: true}
	if l != when.MaxDay {
		latest = sql.NullInt64{Int64: int64(l), Valid: true}
	}
	return earliest, latest
}

// EnsureSource gives the id of the source named name, adding it if new.
func EnsureSource(ctx context.Context, tx *sql.Tx, name string) (int64, error) {
	if _, err := tx.ExecContext(ctx, "INSERT INTO sources (name) VALUES (?) ON CONFLICT (name) DO NOTHING", name); err != nil {
		return 0, fmt.Errorf("save source %q: %w", name, err)
	}
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM sources WHERE name = ?", name).Scan(&id)
	return id, err
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
