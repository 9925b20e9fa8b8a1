package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore/internal/pgtags"
	"github.com/hindsight-app/hindsight/internal/pgstore/pghistory"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/prepare"
	"github.com/hindsight-app/hindsight/internal/store/sqltext"
	"github.com/hindsight-app/hindsight/internal/when"
)

// predictionColumns is shared by every prediction query so that
// scanPrediction stays in step; tags, evidence and links come back as one
// column each.
const predictionColumns = `p.id, p.statement, p.statement_zh, s.name, s.name_zh, p.made, p.deadline, p.deadline_phrase,
	p.probability, p.criteria, p.kind, p.provenance, p.interest, coalesce(p.restates, 0), p.reviewed_on,
	p.state, p.fraction, p.resolved_on, p.resolution_note, p.created_at, p.updated_at, p.version,
	(SELECT string_agg(t.name, chr(31)) FROM prediction_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.prediction_id = p.id),
	(SELECT json_agg(json_build_object('event_id', ev.event_id, 'role', ev.role) ORDER BY ev.event_id)
	   FROM evidence ev WHERE ev.prediction_id = p.id),
	(SELECT json_agg(json_build_object('url', pl.url, 'quote', pl.quote, 'published', pl.published, 'primary', pl.is_primary)
	   ORDER BY pl.position) FROM prediction_links pl WHERE pl.prediction_id = p.id)`

const predictionFrom = " FROM predictions p JOIN sources s ON s.id = p.source_id"

// AddPrediction validates and saves a new prediction (with its resolution,
// if it already has one), returning it with its id.
func (s *Store) AddPrediction(ctx context.Context, p model.Prediction) (model.Prediction, error) {
	if err := prepare.New(&p, prepare.Prediction, prepare.Now()); err != nil {
		return model.Prediction{}, err
	}
	id, err := s.History().Track(ctx, store.ActionAdd, store.EntityPrediction, 0, func(tx pgx.Tx) (int64, string, error) {
		if err := checkRestates(ctx, tx, p); err != nil {
			return 0, "", err
		}
		ids, err := insertPredictions(ctx, tx, []model.Prediction{p}, nil)
		if err != nil {
			return 0, "", err
		}
		return ids[0], p.Statement, nil
	})
	if err != nil {
		return model.Prediction{}, err
	}
	return s.Prediction(ctx, id)
}

// AddPredictions validates and saves many predictions in one transaction,
// all or none, returning their ids in order, as one change in the history.
func (b *Bulk) AddPredictions(ctx context.Context, preds []model.Prediction) ([]int64, error) {
	if err := prepare.Predictions(preds, prepare.Now()); err != nil {
		return nil, err
	}
	return b.addInBulk(ctx, "predictions", predictionTables, func(tx pgx.Tx) ([]int64, []pghistory.State, error) {
		ids, err := insertPredictions(ctx, tx, preds, nil)
		if err != nil {
			return nil, nil, err
		}
		added, err := statesOf(ctx, tx, store.EntityPrediction, ids)
		return ids, added, err
	})
}

// optionalID is NULL for 0.
func optionalID(id int64) *int64 {
	if id <= 0 {
		return nil
	}
	return &id
}

// dueColumns gives the deadline window; an unbounded end is NULL, so
// "due before" never matches it, as in the SQLite file.
func dueColumns(p model.Prediction) (earliest, latest *int64) {
	e, l, ok := p.Due()
	if !ok {
		return nil, nil
	}
	first := int64(e)
	earliest = &first
	if l != when.MaxDay {
		last := int64(l)
		latest = &last
	}
	return earliest, latest
}

// ensureSource gives the id of the source named name (ignoring the case of
// ASCII letters), adding it if new.
func ensureSource(ctx context.Context, tx pgx.Tx, name string) (int64, error) {
	if _, err := tx.Exec(ctx, "INSERT INTO sources (name) VALUES ($1) ON CONFLICT ((ascii_fold(name))) DO NOTHING", name); err != nil {
		return 0, fmt.Errorf("save source %q: %w", name, err)
	}
	var id int64
	err := tx.QueryRow(ctx, "SELECT id FROM sources WHERE ascii_fold(name) = ascii_fold($1)", name).Scan(&id)
	return id, err
}

// setPredictionTags replaces a prediction's tags.
func setPredictionTags(ctx context.Context, tx pgx.Tx, id int64, tags []string) error {
	return pgtags.Set(ctx, tx, "prediction_tags", "prediction_id", id, tags, true)
}

// setPredictionLinks replaces a prediction's links, keeping their order.
func setPredictionLinks(ctx context.Context, tx pgx.Tx, id int64, links []model.SourceLink) error {
	if _, err := tx.Exec(ctx, "DELETE FROM prediction_links WHERE prediction_id = $1", id); err != nil {
		return err
	}
	for i, l := range links {
		if _, err := tx.Exec(ctx, `INSERT INTO prediction_links (prediction_id, position, url, quote, published, is_primary)
			VALUES ($1, $2, $3, $4, $5, $6)`, id, i, l.URL, l.Quote, l.Published.String(), l.Primary); err != nil {
			return fmt.Errorf("save link: %w", err)
		}
	}
	return nil
}

func writeEvidence(ctx context.Context, tx pgx.Tx, id int64, evidence []model.Evidence) error {
	for _, ev := range evidence {
		if _, err := tx.Exec(ctx, "INSERT INTO evidence (prediction_id, event_id, role) VALUES ($1, $2, $3)",
			id, ev.EventID, string(ev.Role)); err != nil {
			return fmt.Errorf("save evidence (event %d): %w", ev.EventID, err)
		}
	}
	return nil
}

// UpdatePrediction saves changes to a prediction's wording, source, kind,
// dates and how they are known, probability, criteria, tags, links,
// interest, the claim it restates and its review date, whatever its
// version: the last save wins (a form that read it should use
// Versioned().UpdatePrediction). A changed statement is kept as a new
// wording; the resolution is changed only through Claims().Resolve and Unresolve.
func (s *Store) UpdatePrediction(ctx context.Context, p model.Prediction) (model.Prediction, error) {
	saved, _, err := s.Versioned().updatePrediction(ctx, p, 0)
	return saved, err
}

// UpdatePrediction saves changes to a prediction read at
// version, and returns it with its new version. If someone saved or
// deleted it since, nothing is saved: the error wraps ErrChanged, or
// store.ErrNotFound.
func (vs *Versioned) UpdatePrediction(ctx context.Context, p model.Prediction, version int64) (model.Prediction, int64, error) {
	return ifUnchanged("prediction", p.ID, version, func() (model.Prediction, int64, error) {
		return vs.updatePrediction(ctx, p, version)
	})
}

// updatePrediction saves p; a version above 0 must be its current one.
func (vs *Versioned) updatePrediction(ctx context.Context, p model.Prediction, version int64) (model.Prediction, int64, error) {
	current, err := vs.s.Prediction(ctx, p.ID)
	if err != nil {
		return model.Prediction{}, 0, err
	}
	p.Resolution = current.Resolution
	if err := prepare.Changed(&p, prepare.Prediction, prepare.Now()); err != nil {
		return model.Prediction{}, 0, err
	}
	_, err = vs.s.History().Track(ctx, store.ActionUpdate, store.EntityPrediction, p.ID, func(tx pgx.Tx) (int64, string, error) {
		// The wording before this save, read under the row's lock: a new
		// one is kept when the statement changes. A stale save is refused
		// before anything else is checked.
		var statement, statementZh string
		var now int64
		err := tx.QueryRow(ctx, `SELECT statement, statement_zh, version FROM predictions WHERE id = $1 FOR UPDATE`, p.ID).
			Scan(&statement, &statementZh, &now)
		if errors.Is(err, pgx.ErrNoRows) {
			return 0, "", notFound("prediction", p.ID)
		} else if err != nil {
			return 0, "", err
		}
		if version > 0 && now != version {
			return 0, "", fmt.Errorf("prediction %d was not saved: %w (read at version %d, now at %d)", p.ID, ErrChanged, version, now)
		}
		if err := checkRestates(ctx, tx, p); err != nil {
			return 0, "", err
		}
		sourceID, err := ensureSource(ctx, tx, p.Source)
		if err != nil {
			return 0, "", err
		}
		kind := p.KindOrForecast()
		dueEarliest, dueLatest := dueColumns(p)
		err = tx.QueryRow(ctx, `UPDATE predictions SET statement = $1, statement_zh = $2, source_id = $3,
			made = $4, made_earliest = $5, deadline = $6, deadline_phrase = $7, due_earliest = $8, due_latest = $9,
			probability = $10, criteria = $11, kind = $12, provenance = $13, interest = $14, restates = $15,
			reviewed_on = $16, updated_at = $17 WHERE id = $18 RETURNING version`,
			p.Statement, p.StatementZh, sourceID, p.Made.String(), int64(p.Made.Earliest()),
			p.Deadline.Canonical(), p.Deadline.Phrase, dueEarliest, dueLatest, p.Probability,
			p.Criteria, string(kind), string(p.Provenance), p.Interest, optionalID(p.Restates), p.ReviewedOn.String(),
			p.UpdatedAt, p.ID).Scan(&version)
		if err != nil {
			return 0, "", fmt.Errorf("save prediction: %w", err)
		}
		if err := setPredictionTags(ctx, tx, p.ID, p.Tags); err != nil {
			return 0, "", err
		}
		if err := setPredictionLinks(ctx, tx, p.ID, p.Links); err != nil {
			return 0, "", err
		}
		if p.Statement == statement && p.StatementZh == statementZh {
			return p.ID, p.Statement, nil
		}
		_, err = tx.Exec(ctx, `INSERT INTO prediction_versions (prediction_id, version, statement, statement_zh, saved_at)
			SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4 FROM prediction_versions WHERE prediction_id = $1`,
			p.ID, p.Statement, p.StatementZh, p.UpdatedAt)
		return p.ID, p.Statement, err
	})
	if err != nil {
		return model.Prediction{}, 0, err
	}
	saved, v, err := vs.Prediction(ctx, p.ID)
	if err != nil {
		return model.Prediction{}, 0, err
	}
	return saved, v, nil
}

// DeletePrediction removes a prediction with its wordings, links and
// evidence. The claims that restate it then restate none; they are part of
// the same change, so undoing it restores the chain.
func (s *Store) DeletePrediction(ctx context.Context, id int64) error {
	restating := func(tx pgx.Tx) ([]string, error) {
		return keysOf(ctx, tx, store.EntityPrediction, "SELECT id FROM predictions WHERE restates = $1 ORDER BY id", id)
	}
	_, err := s.History().TrackWith(ctx, store.ActionDelete, store.EntityPrediction, id, restating, func(tx pgx.Tx) (int64, string, error) {
		return deleteRow(ctx, tx, "predictions", "statement", "prediction", id)
	})
	return err
}

// keysOf names for the history the records of entity whose ids query
// (with arg) selects.
func keysOf(ctx context.Context, tx pgx.Tx, entity, query string, arg any) ([]string, error) {
	rows, err := tx.Query(ctx, query, arg)
	if err != nil {
		return nil, err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = pghistory.Key(entity, id)
	}
	return keys, err
}

// statesOf reads the records ids of entity as the history keeps them, in
// the order of ids.
func statesOf(ctx context.Context, tx pgx.Tx, entity string, ids []int64) ([]pghistory.State, error) {
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = pghistory.Key(entity, id)
	}
	found, err := records{}.Read(ctx, tx, keys)
	if err != nil {
		return nil, err
	}
	states := make([]pghistory.State, 0, len(keys))
	for _, k := range keys {
		st, ok := found[k]
		if !ok {
			return nil, fmt.Errorf("%s was not saved", k)
		}
		states = append(states, st)
	}
	return states, nil
}

// Resolve records how a prediction turned out, replacing any earlier
// resolution and its evidence.
func (c *Claims) Resolve(ctx context.Context, id int64, r model.Resolution) (model.Prediction, error) {
	current, err := c.s.Prediction(ctx, id)
	if err != nil {
		return model.Prediction{}, err
	}
	if r, err = r.ForResolve(current.Made); err != nil {
		return model.Prediction{}, err
	}
	_, err = c.s.History().Track(ctx, store.ActionResolve, store.EntityPrediction, id, func(tx pgx.Tx) (int64, string, error) {
		err := r.CheckEvidence(func(eventID int64) (exists bool, err error) {
			err = tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM events WHERE id = $1)", eventID).Scan(&exists)
			return exists, err
		})
		if err != nil {
			return 0, "", err
		}
		return id, current.Statement, writeResolution(ctx, tx, id, r)
	})
	if err != nil {
		return model.Prediction{}, err
	}
	return c.s.Prediction(ctx, id)
}

// Unresolve reopens a prediction, dropping its resolution and evidence.
func (c *Claims) Unresolve(ctx context.Context, id int64) (model.Prediction, error) {
	current, err := c.s.Prediction(ctx, id)
	if err != nil {
		return model.Prediction{}, err
	}
	_, err = c.s.History().Track(ctx, store.ActionUnresolve, store.EntityPrediction, id, func(tx pgx.Tx) (int64, string, error) {
		return id, current.Statement, writeResolution(ctx, tx, id, model.Resolution{State: model.StateOpen})
	})
	if err != nil {
		return model.Prediction{}, err
	}
	return c.s.Prediction(ctx, id)
}

func writeResolution(ctx context.Context, tx pgx.Tx, id int64, r model.Resolution) error {
	tag, err := tx.Exec(ctx, `UPDATE predictions SET state = $1, fraction = $2, resolved_on = $3,
		resolution_note = $4, updated_at = $5 WHERE id = $6`,
		string(r.State), r.Fraction, r.On.String(), r.Note, time.Now().UTC().Truncate(time.Second), id)
	if err != nil {
		return fmt.Errorf("save resolution: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return notFound("prediction", id)
	}
	if _, err := tx.Exec(ctx, "DELETE FROM evidence WHERE prediction_id = $1", id); err != nil {
		return err
	}
	return writeEvidence(ctx, tx, id, r.Evidence)
}

// Prediction reads one prediction.
func (s *Store) Prediction(ctx context.Context, id int64) (model.Prediction, error) {
	p, _, err := s.Versioned().Prediction(ctx, id)
	return p, err
}

// Prediction reads one prediction and its version, to save
// changes to it with UpdatePrediction.
func (vs *Versioned) Prediction(ctx context.Context, id int64) (model.Prediction, int64, error) {
	row := vs.s.pool.QueryRow(ctx, "SELECT "+predictionColumns+predictionFrom+" WHERE p.id = $1", id)
	p, version, err := scanPrediction(row)
	if errors.Is(err, pgx.ErrNoRows) {
		return model.Prediction{}, 0, notFound("prediction", id)
	}
	return p, version, err
}

// Predictions lists predictions matching q, by deadline (those without one
// last), then by when they were made.
func (s *Store) Predictions(ctx context.Context, q store.PredictionQuery) ([]model.Prediction, error) {
	var a args
	var where []string
	if q.State != "" {
		where = append(where, "p.state = "+a.add(string(q.State)))
	}
	if q.Kind != "" {
		where = append(where, "p.kind = "+a.add(string(q.Kind)))
	}
	if q.WithInterest {
		where = append(where, "p.interest <> ''")
	}
	if q.DueBefore != nil {
		where = append(where, "p.due_latest < "+a.add(int64(*q.DueBefore)))
	}
	if q.Source != "" {
		where = append(where, "ascii_fold(s.name) = ascii_fold("+a.add(q.Source)+")")
	}
	if q.Tag != "" {
		where = append(where, "p.id IN (SELECT pt.prediction_id FROM prediction_tags pt JOIN tags t ON t.id = pt.tag_id WHERE t.name = "+
			a.add(strings.ToLower(strings.TrimSpace(q.Tag)))+")")
	}
	if q.Search != "" {
		if cond := searchPredictions(&a, q.Search); cond != "" {
			where = append(where, cond)
		}
	}
	query := "SELECT " + predictionColumns + predictionFrom
	query += sqltext.Where(where)
	query += " ORDER BY p.due_latest IS NULL, p.due_latest, p.made_earliest, p.id"
	query += sqltext.Limit(q.Limit)
	return queryPredictions(ctx, s.pool, query, a...)
}

// searchPredictions keeps predictions whose statement, Chinese statement,
// criteria, source or interest hold every word of query, as the SQLite
// store finds them (see searchCondition). A word of three or more
// characters is looked up in the trigram index of the predictions' text
// and in the sources' names; a shorter one is matched as SQLite's LIKE
// matches it, ignoring the case of ASCII letters only: ILIKE first, which
// is cheap, then the exact fold on what it keeps. "" when query has no
// words.
func searchPredictions(a *args, query string) string {
	const text = "prediction_text(p.statement, p.statement_zh, p.criteria, p.interest)"
	var conds []string
	for _, word := range strings.Fields(query) {
		pattern := "%" + escapeLike(word) + "%"
		if utf8.RuneCountInString(word) >= 3 {
			n := a.add(pattern)
			conds = append(conds, "p.id IN (SELECT id FROM predictions WHERE prediction_text(statement, statement_zh, criteria, interest) ILIKE "+n+
				" UNION ALL SELECT id FROM predictions WHERE source_id IN (SELECT id FROM sources WHERE name ILIKE "+n+"))")
			continue
		}
		if !hasASCIILetter(word) {
			n := a.add(pattern)
			conds = append(conds, "("+text+" LIKE "+n+" OR s.name LIKE "+n+")")
			continue
		}
		n, folded := a.add(pattern), a.add(asciiLower(pattern))
		conds = append(conds, "(("+text+" ILIKE "+n+" AND ascii_fold("+text+") LIKE "+folded+
			") OR (s.name ILIKE "+n+" AND ascii_fold(s.name) LIKE "+folded+"))")
	}
	return strings.Join(conds, " AND ")
}

// CitingPredictions lists the predictions that cite an event as evidence,
// so that deleting the event can say what it affects.
func (s *Store) CitingPredictions(ctx context.Context, eventID int64) ([]model.Prediction, error) {
	return queryPredictions(ctx, s.pool, "SELECT "+predictionColumns+predictionFrom+
		" WHERE p.id IN (SELECT prediction_id FROM evidence WHERE event_id = $1) ORDER BY p.id", eventID)
}

// Versions lists every saved wording of a prediction, the original first.
func (c *Claims) Versions(ctx context.Context, id int64) ([]store.Version, error) {
	rows, err := c.s.pool.Query(ctx, `SELECT version, statement, statement_zh, saved_at
		FROM prediction_versions WHERE prediction_id = $1 ORDER BY version`, id)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Version, error) {
		var v store.Version
		err := r.Scan(&v.Version, &v.Statement, &v.StatementZh, &v.SavedAt)
		v.SavedAt = v.SavedAt.UTC()
		return v, err
	})
}

func queryPredictions(ctx context.Context, pool *pgxpool.Pool, query string, a ...any) ([]model.Prediction, error) {
	return queryAll(ctx, pool, scanPrediction, query, a...)
}

// queryAll runs query and reads every row with scan, leaving out the
// versions it gives; no rows give nil.
func queryAll[T any](ctx context.Context, pool *pgxpool.Pool, scan func(row) (T, int64, error), query string, a ...any) ([]T, error) {
	rows, err := pool.Query(ctx, query, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, _, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// linkRow is a prediction link as predictionColumns gathers it.
type linkRow struct {
	URL       string `json:"url"`
	Quote     string `json:"quote"`
	Published string `json:"published"`
	Primary   bool   `json:"primary"`
}

func scanPrediction(r row) (model.Prediction, int64, error) {
	var p model.Prediction
	var made, deadline, phrase, kind, provenance, reviewed, state, resolvedOn string
	var version int64
	var tags *string
	var evidence, links []byte
	if err := r.Scan(&p.ID, &p.Statement, &p.StatementZh, &p.Source, &p.SourceZh, &made, &deadline, &phrase,
		&p.Probability, &p.Criteria, &kind, &provenance, &p.Interest, &p.Restates, &reviewed,
		&state, &p.Resolution.Fraction, &resolvedOn, &p.Resolution.Note, &p.CreatedAt, &p.UpdatedAt, &version,
		&tags, &evidence, &links); err != nil {
		return p, 0, err
	}
	var err error
	if p.Made, err = when.ParseEDTF(made); err != nil {
		return p, 0, fmt.Errorf("prediction %d has an unreadable date made %q: %w", p.ID, made, err)
	}
	p.Kind, p.Provenance = model.Kind(kind), model.Provenance(provenance)
	if reviewed != "" {
		if p.ReviewedOn, err = when.ParseEDTF(reviewed); err != nil {
			return p, 0, fmt.Errorf("prediction %d has an unreadable review date %q: %w", p.ID, reviewed, err)
		}
	}
	if deadline != "" {
		if p.Deadline, err = when.ParseCanonicalDeadline(deadline); err != nil {
			return p, 0, fmt.Errorf("prediction %d has an unreadable deadline %q: %w", p.ID, deadline, err)
		}
	}
	p.Deadline.Phrase = phrase
	p.Resolution.State = model.State(state)
	if resolvedOn != "" {
		if p.Resolution.On, err = when.ParseEDTF(resolvedOn); err != nil {
			return p, 0, fmt.Errorf("prediction %d has an unreadable resolution date %q: %w", p.ID, resolvedOn, err)
		}
	}
	p.Resolution.Evidence = []model.Evidence{}
	if len(evidence) > 0 {
		if err := json.Unmarshal(evidence, &p.Resolution.Evidence); err != nil {
			return p, 0, fmt.Errorf("prediction %d evidence: %w", p.ID, err)
		}
	}
	p.Links = []model.SourceLink{}
	if len(links) > 0 {
		var rows []linkRow
		if err := json.Unmarshal(links, &rows); err != nil {
			return p, 0, fmt.Errorf("prediction %d links: %w", p.ID, err)
		}
		for _, l := range rows {
			link := model.SourceLink{URL: l.URL, Quote: l.Quote, Primary: l.Primary}
			if l.Published != "" {
				if link.Published, err = when.ParseEDTF(l.Published); err != nil {
					return p, 0, fmt.Errorf("prediction %d links: unreadable published date %q: %w", p.ID, l.Published, err)
				}
			}
			p.Links = append(p.Links, link)
		}
	}
	p.Tags = []string{}
	if tags != nil && *tags != "" {
		p.Tags = strings.Split(*tags, "\x1f")
		slices.Sort(p.Tags)
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, version, nil
}
