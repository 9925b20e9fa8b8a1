package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/history"
	sqlschema "github.com/hindsight-app/hindsight/internal/store/schema"
)

// inserter saves new records inside one transaction. Its statements are
// prepared once and tag and source ids are remembered, so a bulk save
// (seed, import, generated data) parses no SQL per row.
type inserter struct {
	ctx       context.Context
	tx        *sql.Tx
	stmts     map[string]*sql.Stmt
	tagIDs    map[string]int64
	sourceIDs map[string]int64
	// digests, when kept, fingerprints each record saved, for the
	// history's record of a bulk write.
	digests history.Digests
}

// keepDigests makes the inserter fingerprint every record it saves from
// now on, and returns where it keeps them.
func (in *inserter) keepDigests() history.Digests {
	in.digests = history.NewDigests()
	return in.digests
}

func newInserter(ctx context.Context, tx *sql.Tx) *inserter {
	return &inserter{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{},
		tagIDs: map[string]int64{}, sourceIDs: map[string]int64{}}
}

// close releases the prepared statements.
func (in *inserter) close() {
	for _, st := range in.stmts {
		st.Close()
	}
}

func (in *inserter) exec(query string, args ...any) (sql.Result, error) {
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

// optionalID is NULL for 0, so SQLite picks the next id.
func optionalID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id > 0} }

// eventRowColumns are the columns of an events row, in the order eventValues
// gives them.
const (
	eventRowColumns     = "id, title, title_zh, date, end_date, earliest, latest, actor, category, description, created_at, updated_at"
	eventRowColumnCount = 12
)

// eventValues is e's events row, with id.
func eventValues(e model.Event, id int64) []any {
	return []any{id, e.Title, e.TitleZh, e.Date.String(), e.End.String(), int64(e.Earliest()), int64(e.Latest()),
		e.Actor, string(e.Category), e.Description, formatTime(e.CreatedAt), formatTime(e.UpdatedAt)}
}

// event saves a new, validated event; id 0 lets the database choose it.
func (in *inserter) event(e model.Event, id int64) (int64, error) {
	values := eventValues(e, id)
	values[0] = optionalID(id)
	res, err := in.exec("INSERT INTO events ("+eventRowColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values...)
	if err != nil {
		return 0, fmt.Errorf("save event: %w", err)
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	values[0] = id
	for _, t := range e.Tags {
		tagID, err := in.tagID(t)
		if err != nil {
			return 0, err
		}
		if _, err := in.exec("INSERT OR IGNORE INTO event_tags (event_id, tag_id) VALUES (?, ?)", id, tagID); err != nil {
			return 0, fmt.Errorf("save tag %q: %w", t, err)
		}
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

// prediction saves a new, validated prediction with its first wording and
// its resolution; id 0 lets the database choose it. Evidence must name
// events that exist.
func (in *inserter) prediction(p model.Prediction, id int64) (int64, error) {
	sourceID, err := in.sourceID(p.Source)
	if err != nil {
		return 0, err
	}
	dueEarliest, dueLatest := dueColumns(p)
	r := p.Resolution
	if !r.Resolved() {
		r = model.Resolution{State: model.StateOpen}
	}
	kind := p.Kind
	if kind == "" {
		kind = model.KindForecast
	}
	values := []any{optionalID(id), p.Statement, p.StatementZh, sourceID, p.Made.String(), int64(p.Made.Earliest()),
		p.Deadline.Canonical(), p.Deadline.Phrase, dueEarliest, dueLatest, p.Probability,
		p.Criteria, string(kind), string(p.Provenance), p.Interest, optionalID(p.Restates), p.ReviewedOn.String(),
		string(r.State), r.Fraction, r.On.String(), r.Note, formatTime(p.CreatedAt), formatTime(p.UpdatedAt)}
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
		fp = history.NewFingerprint(EntityPrediction)
		fp.Row(0, append([]any{id}, values[1:]...)...)
		defer func() { in.digests[EntityPrediction][id] = fp.Sum() }()
	}
	for _, t := range p.Tags {
		tagID, err := in.tagID(t)
		if err != nil {
			return 0, err
		}
		if _, err := in.exec("INSERT OR IGNORE INTO prediction_tags (prediction_id, tag_id) VALUES (?, ?)", id, tagID); err != nil {
			return 0, fmt.Errorf("save tag %q: %w", t, err)
		}
		if fp != nil {
			fp.Row(1, id, t)
		}
	}
	history := p.History
	if len(history) == 0 {
		history = []model.Wording{{Version: 1, Statement: p.Statement, StatementZh: p.StatementZh, SavedAt: p.CreatedAt}}
	}
	for _, w := range history {
		if _, err := in.exec(`INSERT INTO prediction_versions (prediction_id, version, statement, statement_zh, saved_at)
			VALUES (?, ?, ?, ?, ?)`, id, w.Version, w.Statement, w.StatementZh, formatTime(w.SavedAt)); err != nil {
			return 0, fmt.Errorf("save wording %d: %w", w.Version, err)
		}
		if fp != nil {
			fp.Row(2, id, w.Version, w.Statement, w.StatementZh, formatTime(w.SavedAt))
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

func (in *inserter) tagID(name string) (int64, error) {
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

func (in *inserter) sourceID(name string) (int64, error) {
	if id, ok := in.sourceIDs[name]; ok {
		return id, nil
	}
	id, err := ensureSource(in.ctx, in.tx, name)
	if err != nil {
		return 0, err
	}
	in.sourceIDs[name] = id
	return id, nil
}

// stamp fills in missing record times.
func stamp(created, updated *time.Time, now time.Time) {
	if created.IsZero() {
		*created = now
	}
	if updated.IsZero() {
		*updated = *created
	}
}

// bulkCacheKiB is the page cache of a bulk write of n events, in KiB:
// room for the index pages the rows touch, 2 KiB a row (measured: 1M
// events in batches of 100k ran 15% faster than with 64 MiB), at least
// SQLite's default and at most 256 MiB.
func bulkCacheKiB(n int) int64 { return min(max(2*int64(n), 2<<10), 64<<10) }

// bulkIndexing runs insert, which adds n new events in tx, with the
// per-row index triggers off, then indexes the new rows with one statement
// per index: about five times faster than indexing row by row. It is all
// one transaction, so on any error the triggers are back as they were.
func bulkIndexing(ctx context.Context, tx *sql.Tx, n int, insert func() error) error {
	// New rows get ids above the largest one (an empty database keeps the
	// ids of an imported file, all above 0).
	var maxBefore int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM events").Scan(&maxBefore); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DROP TRIGGER events_span_insert; DROP TRIGGER events_fts_insert; DROP TRIGGER events_buckets_insert"); err != nil {
		return err
	}
	// The indexes of a large file outgrow SQLite's default 2 MB page
	// cache, and each new row then reads its index pages back from the
	// file: a bulk write gets a larger cache while it runs.
	var cache int64
	if err := tx.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cache); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = %d", -bulkCacheKiB(n))); err != nil {
		return err
	}
	defer tx.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("PRAGMA cache_size = %d", cache))
	if err := insert(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO events_span (id, earliest, latest)
		SELECT id, earliest, latest FROM events WHERE id > ? ORDER BY earliest`, maxBefore); err != nil {
		return fmt.Errorf("index the new events' dates: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO events_fts (rowid, title, title_zh, description, actor)
		SELECT id, title, title_zh, description, actor FROM events WHERE id > ?`, maxBefore); err != nil {
		return fmt.Errorf("index the new events' text: %w", err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(sqlschema.CountEvents, "e.id > ?"), maxBefore, maxBefore); err != nil {
		return fmt.Errorf("count the new events for the timeline's summaries: %w", err)
	}
	_, err := tx.ExecContext(ctx, sqlschema.EventsSpanInsertTrigger+sqlschema.EventsFTSInsertTrigger+sqlschema.EventsBucketsInsertTrigger)
	return err
}
