package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/history"
	"github.com/hindsight-app/hindsight/internal/store/internal/insert"
	"github.com/hindsight-app/hindsight/internal/store/prepare"
	sqlschema "github.com/hindsight-app/hindsight/internal/store/schema"
	"github.com/hindsight-app/hindsight/internal/store/sqltext"
	"github.com/hindsight-app/hindsight/internal/when"
)

// PredictionQuery selects predictions. Zero fields do not filter.
type PredictionQuery struct {
	State model.State
	// Kind keeps claims of this kind only.
	Kind model.Kind
	// WithInterest keeps claims whose source discloses an interest.
	WithInterest bool
	// DueBefore keeps predictions whose deadline ends before this day.
	DueBefore *when.Day
	Source    string
	Tag       string
	// Search keeps predictions whose statement, Chinese statement,
	// criteria, source or interest contain every word of it.
	Search string
	Limit  int
}

const predictionColumns = `p.id, p.statement, p.statement_zh, s.name, s.name_zh, p.made, p.deadline, p.deadline_phrase,
	p.probability, p.criteria, p.kind, p.provenance, p.interest, coalesce(p.restates, 0), p.reviewed_on,
	p.state, p.fraction, p.resolved_on, p.resolution_note, p.created_at, p.updated_at,
	(SELECT group_concat(t.name, char(31))
	   FROM prediction_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.prediction_id = p.id),
	(SELECT json_group_array(json_object('event_id', ev.event_id, 'role', ev.role) ORDER BY ev.event_id)
	   FROM evidence ev WHERE ev.prediction_id = p.id),
	(SELECT json_group_array(json_array(pl.url, pl.quote, pl.published, pl.is_primary) ORDER BY pl.position)
	   FROM prediction_links pl WHERE pl.prediction_id = p.id)`

const predictionFrom = " FROM predictions p JOIN sources s ON s.id = p.source_id"

// AddPrediction validates and saves a new prediction (with its resolution,
// if it already has one), returning it with its id.
func (s *Store) AddPrediction(ctx context.Context, p model.Prediction) (model.Prediction, error) {
	if err := prepare.New(&p, prepare.Prediction, prepare.Now()); err != nil {
		return model.Prediction{}, err
	}
	id, err := s.tracked(ctx, ActionAdd, EntityPrediction, 0, nil, func(tx *sql.Tx) (int64, string, error) {
		if err := checkRestates(ctx, tx, p); err != nil {
			return 0, "", err
		}
		id, err := insertPrediction(ctx, tx, p)
		return id, p.Statement, err
	})
	if err != nil {
		return model.Prediction{}, err
	}
	return s.Prediction(ctx, id)
}

// insertPrediction saves one new prediction in tx.
func insertPrediction(ctx context.Context, tx *sql.Tx, p model.Prediction) (int64, error) {
	in := insert.New(ctx, tx)
	defer in.Close()
	return in.Prediction(p, 0)
}

func addVersion(ctx context.Context, tx *sql.Tx, id int64, statement, statementZh string, at time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO prediction_versions (prediction_id, version, statement, statement_zh, saved_at)
		SELECT ?, coalesce(max(version), 0) + 1, ?, ?, ? FROM prediction_versions WHERE prediction_id = ?`,
		id, statement, statementZh, sqlschema.FormatTime(at), id)
	return err
}

// UpdatePrediction saves changes to a prediction's wording, source, kind,
// dates and how they are known, probability, criteria, tags, links,
// interest, the claim it restates and its review date. A changed statement
// is kept as a new version; the resolution is changed only through Resolve
// and Unresolve.
func (s *Store) UpdatePrediction(ctx context.Context, p model.Prediction) (model.Prediction, error) {
	current, err := s.Prediction(ctx, p.ID)
	if err != nil {
		return model.Prediction{}, err
	}
	p.Resolution = current.Resolution
	if err := prepare.Changed(&p, prepare.Prediction, prepare.Now()); err != nil {
		return model.Prediction{}, err
	}
	_, err = s.tracked(ctx, ActionUpdate, EntityPrediction, p.ID, nil, func(tx *sql.Tx) (int64, string, error) {
		if err := checkRestates(ctx, tx, p); err != nil {
			return 0, "", err
		}
		sourceID, err := insert.EnsureSource(ctx, tx, p.Source)
		if err != nil {
			return 0, "", err
		}
		dueEarliest, dueLatest := insert.DueColumns(p)
		if _, err := tx.ExecContext(ctx, `UPDATE predictions SET statement = ?, statement_zh = ?, source_id = ?,
			made = ?, made_earliest = ?, deadline = ?, deadline_phrase = ?, due_earliest = ?, due_latest = ?,
			probability = ?, criteria = ?, kind = ?, provenance = ?, interest = ?, restates = ?, reviewed_on = ?,
			updated_at = ? WHERE id = ?`,
			p.Statement, p.StatementZh, sourceID, p.Made.String(), int64(p.Made.Earliest()),
			p.Deadline.Canonical(), p.Deadline.Phrase, dueEarliest, dueLatest, p.Probability,
			p.Criteria, string(p.Kind), string(p.Provenance), p.Interest, insert.OptionalID(p.Restates), p.ReviewedOn.String(),
			sqlschema.FormatTime(p.UpdatedAt), p.ID); err != nil {
			return 0, "", fmt.Errorf("save prediction: %w", err)
		}
		if err := setTags(ctx, tx, "prediction_tags", "prediction_id", p.ID, p.Tags); err != nil {
			return 0, "", err
		}
		if err := setPredictionLinks(ctx, tx, p.ID, p.Links); err != nil {
			return 0, "", err
		}
		if p.Statement != current.Statement || p.StatementZh != current.StatementZh {
			return p.ID, p.Statement, addVersion(ctx, tx, p.ID, p.Statement, p.StatementZh, p.UpdatedAt)
		}
		return p.ID, p.Statement, nil
	})
	if err != nil {
		return model.Prediction{}, err
	}
	return s.Prediction(ctx, p.ID)
}

// DeletePrediction removes a prediction with its versions, links and
// evidence. The claims that restate it then restate none; they are part of
// the same change, so undoing it restores the chain.
func (s *Store) DeletePrediction(ctx context.Context, id int64) error {
	restating := func(tx *sql.Tx) ([]history.Key, error) {
		ids, err := restatedBy(ctx, tx, id)
		keys := make([]history.Key, len(ids))
		for i, r := range ids {
			keys[i] = history.Key{Entity: EntityPrediction, ID: r}
		}
		return keys, err
	}
	_, err := s.tracked(ctx, ActionDelete, EntityPrediction, id, restating, func(tx *sql.Tx) (int64, string, error) {
		return deleteRow(ctx, tx, "predictions", "statement", "prediction", id)
	})
	return err
}

// Resolve records how a prediction turned out, replacing any earlier
// resolution and its evidence.
func (s *Store) Resolve(ctx context.Context, id int64, r model.Resolution) (model.Prediction, error) {
	current, err := s.Prediction(ctx, id)
	if err != nil {
		return model.Prediction{}, err
	}
	if r, err = r.ForResolve(current.Made); err != nil {
		return model.Prediction{}, err
	}
	_, err = s.tracked(ctx, ActionResolve, EntityPrediction, id, nil, func(tx *sql.Tx) (int64, string, error) {
		err := r.CheckEvidence(func(eventID int64) (exists bool, err error) {
			err = tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM events WHERE id = ?)", eventID).Scan(&exists)
			return exists, err
		})
		if err != nil {
			return 0, "", err
		}
		return id, current.Statement, writeResolution(ctx, tx, id, r, prepare.Now())
	})
	if err != nil {
		return model.Prediction{}, err
	}
	return s.Prediction(ctx, id)
}

func writeResolution(ctx context.Context, tx *sql.Tx, id int64, r model.Resolution, at time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE predictions SET state = ?, fraction = ?, resolved_on = ?,
		resolution_note = ?, updated_at = ? WHERE id = ?`,
		string(r.State), r.Fraction, r.On.String(), r.Note, sqlschema.FormatTime(at), id); err != nil {
		return fmt.Errorf("save resolution: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM evidence WHERE prediction_id = ?", id); err != nil {
		return err
	}
	for _, ev := range r.Evidence {
		if _, err := tx.ExecContext(ctx, "INSERT INTO evidence (prediction_id, event_id, role) VALUES (?, ?, ?)",
			id, ev.EventID, string(ev.Role)); err != nil {
			return fmt.Errorf("save evidence: %w", err)
		}
	}
	return nil
}

// Unresolve reopens a prediction, dropping its resolution and evidence.
func (s *Store) Unresolve(ctx context.Context, id int64) (model.Prediction, error) {
	current, err := s.Prediction(ctx, id)
	if err != nil {
		return model.Prediction{}, err
	}
	_, err = s.tracked(ctx, ActionUnresolve, EntityPrediction, id, nil, func(tx *sql.Tx) (int64, string, error) {
		return id, current.Statement, writeResolution(ctx, tx, id, model.Resolution{State: model.StateOpen},
			prepare.Now())
	})
	if err != nil {
		return model.Prediction{}, err
	}
	return s.Prediction(ctx, id)
}

// Prediction reads one prediction.
func (s *Store) Prediction(ctx context.Context, id int64) (model.Prediction, error) {
	return queryOne(ctx, s, scanPrediction, "prediction", id, "SELECT "+predictionColumns+predictionFrom+" WHERE p.id = ?")
}

// Predictions lists predictions matching q, by deadline (those without one
// last), then by when they were made.
func (s *Store) Predictions(ctx context.Context, q PredictionQuery) ([]model.Prediction, error) {
	var where []string
	var args []any
	if q.State != "" {
		where = append(where, "p.state = ?")
		args = append(args, string(q.State))
	}
	if q.Kind != "" {
		where = append(where, "p.kind = ?")
		args = append(args, string(q.Kind))
	}
	if q.WithInterest {
		where = append(where, "p.interest <> ''")
	}
	if q.DueBefore != nil {
		where = append(where, "p.due_latest < ?")
		args = append(args, int64(*q.DueBefore))
	}
	if q.Source != "" {
		where = append(where, "s.name = ? COLLATE NOCASE")
		args = append(args, q.Source)
	}
	if q.Tag != "" {
		where = append(where, "p.id IN (SELECT pt.prediction_id FROM prediction_tags pt JOIN tags t ON t.id = pt.tag_id WHERE t.name = ?)")
		args = append(args, strings.ToLower(strings.TrimSpace(q.Tag)))
	}
	if q.Search != "" {
		cond, cargs := searchCondition("p.id", "predictions_fts",
			[]string{"p.statement", "p.statement_zh", "p.criteria", "s.name", "p.interest"}, q.Search)
		where = append(where, cond)
		args = append(args, cargs...)
	}
	query := "SELECT " + predictionColumns + predictionFrom
	query += sqltext.Where(where)
	query += " ORDER BY p.due_latest IS NULL, p.due_latest, p.made_earliest, p.id"
	query += sqltext.Limit(q.Limit)
	return queryAll(ctx, s, scanPrediction, query, args...)
}

// Version is one saved wording of a prediction.
type Version struct {
	Version     int       `json:"version"`
	Statement   string    `json:"statement"`
	StatementZh string    `json:"statement_zh,omitempty"`
	SavedAt     time.Time `json:"saved_at"`
}

// Versions lists every saved wording of a prediction, the original first.
func (s *Store) Versions(ctx context.Context, id int64) ([]Version, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT version, statement, statement_zh, saved_at
		FROM prediction_versions WHERE prediction_id = ? ORDER BY version`, id)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	var out []Version
	for rows.Next() {
		var v Version
		var saved string
		if err := rows.Scan(&v.Version, &v.Statement, &v.StatementZh, &saved); err != nil {
			return nil, err
		}
		v.SavedAt = sqlschema.ParseTime(saved)
		out = append(out, v)
	}
	return out, wrap(rows.Err())
}

// CitingPredictions lists the predictions that cite an event as evidence,
// so that deleting the event can say what it affects.
func (s *Store) CitingPredictions(ctx context.Context, eventID int64) ([]model.Prediction, error) {
	return queryAll(ctx, s, scanPrediction, "SELECT "+predictionColumns+predictionFrom+
		" WHERE p.id IN (SELECT prediction_id FROM evidence WHERE event_id = ?) ORDER BY p.id", eventID)
}

func scanPrediction(r scanner) (model.Prediction, error) {
	var p model.Prediction
	var made, deadline, phrase, kind, provenance, reviewed, state, resolvedOn, created, updated string
	var prob sql.NullFloat64
	var tags, evidence, links sql.NullString
	if err := r.Scan(&p.ID, &p.Statement, &p.StatementZh, &p.Source, &p.SourceZh, &made, &deadline, &phrase,
		&prob, &p.Criteria, &kind, &provenance, &p.Interest, &p.Restates, &reviewed,
		&state, &p.Resolution.Fraction, &resolvedOn, &p.Resolution.Note, &created, &updated,
		&tags, &evidence, &links); err != nil {
		return p, err
	}
	var err error
	if p.Made, err = when.ParseEDTF(made); err != nil {
		return p, fmt.Errorf("prediction %d has an unreadable date made %q: %w", p.ID, made, err)
	}
	p.Kind, p.Provenance = model.Kind(kind), model.Provenance(provenance)
	if reviewed != "" {
		if p.ReviewedOn, err = when.ParseEDTF(reviewed); err != nil {
			return p, fmt.Errorf("prediction %d has an unreadable review date %q: %w", p.ID, reviewed, err)
		}
	}
	if p.Links, err = scanLinks(links); err != nil {
		return p, fmt.Errorf("prediction %d links: %w", p.ID, err)
	}
	if deadline != "" {
		if p.Deadline, err = when.ParseCanonicalDeadline(deadline); err != nil {
			return p, fmt.Errorf("prediction %d has an unreadable deadline %q: %w", p.ID, deadline, err)
		}
	}
	p.Deadline.Phrase = phrase
	if prob.Valid {
		v := prob.Float64
		p.Probability = &v
	}
	p.Resolution.State = model.State(state)
	if resolvedOn != "" {
		if p.Resolution.On, err = when.ParseEDTF(resolvedOn); err != nil {
			return p, fmt.Errorf("prediction %d has an unreadable resolution date %q: %w", p.ID, resolvedOn, err)
		}
	}
	p.Resolution.Evidence = []model.Evidence{}
	if evidence.Valid && evidence.String != "" {
		if err := json.Unmarshal([]byte(evidence.String), &p.Resolution.Evidence); err != nil {
			return p, fmt.Errorf("prediction %d evidence: %w", p.ID, err)
		}
	}
	p.Tags = splitTags(tags)
	p.CreatedAt, p.UpdatedAt = sqlschema.ParseTime(created), sqlschema.ParseTime(updated)
	return p, nil
}

// Vocabulary is the names in use (actors, tags, sources), for the choices
// and completions the screens offer.
type Vocabulary struct{ s *Store }

// Vocabulary gives the names in use in s.
func (s *Store) Vocabulary() *Vocabulary { return &Vocabulary{s} }

// Sources lists everyone who has made a prediction, by name.
func (v *Vocabulary) Sources(ctx context.Context) ([]string, error) {
	return v.names(ctx, "SELECT name FROM sources ORDER BY name COLLATE NOCASE")
}

// Actors lists the actors named by events, by name. It reads the
// timeline's kept counts (see Summary), which name every actor at a cost
// that follows the number of actors and buckets, not of events.
func (v *Vocabulary) Actors(ctx context.Context) ([]string, error) {
	return v.names(ctx, "SELECT DISTINCT lane FROM event_buckets WHERE dim = 'actor' AND lane <> '' ORDER BY lane COLLATE NOCASE")
}

// Tags lists every tag in use, by name: one index probe per tag.
func (v *Vocabulary) Tags(ctx context.Context) ([]string, error) {
	return v.names(ctx, `SELECT name FROM tags t
		WHERE EXISTS (SELECT 1 FROM event_tags WHERE tag_id = t.id)
		   OR EXISTS (SELECT 1 FROM prediction_tags WHERE tag_id = t.id)
		ORDER BY name`)
}

func (v *Vocabulary) names(ctx context.Context, query string) ([]string, error) {
	rows, err := v.s.db.QueryContext(ctx, query)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, wrap(rows.Err())
}
