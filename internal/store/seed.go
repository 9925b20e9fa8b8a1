package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/hindsight-app/hindsight/data"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/history"
	"github.com/hindsight-app/hindsight/internal/store/internal/insert"
	"github.com/hindsight-app/hindsight/internal/store/prepare"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Seed adds every source, event and prediction of a seed dataset in one
// transaction: all of it or, on any error, none. Like an import, it is one
// change in the history.
func (b *Bulk) Seed(ctx context.Context, seed *data.Seed) error {
	s := b.s
	return s.file.Write(ctx, func(tx *sql.Tx) error {
		in := insert.New(ctx, tx)
		defer in.Close()
		digests := in.KeepDigests()
		if err := seedTx(ctx, tx, in, seed); err != nil {
			return err
		}
		return history.RecordBatch(ctx, tx, ActionImport, digests)
	})
}

// seedNewFile fills a file being created with the seed dataset.
func seedNewFile(ctx context.Context, tx *sql.Tx, seed *data.Seed) error {
	in := insert.New(ctx, tx)
	defer in.Close()
	return seedTx(ctx, tx, in, seed)
}

// seedTx adds the seed dataset in tx through in. A new file's seed (see
// OpenSeeded) is not in the history: it is where the file starts.
func seedTx(ctx context.Context, tx *sql.Tx, in *insert.Inserter, seed *data.Seed) error {
	now := prepare.Now()
	sourceNames := map[string]string{}
	for _, src := range seed.Sources {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sources (name, name_zh, kind, url) VALUES (?, ?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET name_zh = excluded.name_zh, kind = excluded.kind, url = excluded.url`,
			src.Name, src.NameZh, src.Kind, src.URL); err != nil {
			return fmt.Errorf("source %s: %w", src.Key, err)
		}
		sourceNames[src.Key] = src.Name
	}
	ids := map[string]int64{}
	for _, se := range seed.Events {
		e, err := seedEvent(se)
		if err != nil {
			return fmt.Errorf("event %s: %w", se.Key, err)
		}
		e.CreatedAt, e.UpdatedAt = now, now
		id, err := in.Event(e, 0)
		if err != nil {
			return fmt.Errorf("event %s: %w", se.Key, err)
		}
		ids[se.Key] = id
	}
	claimIDs := map[string]int64{}
	for _, sp := range seed.Predictions {
		p, err := seedPrediction(sp, sourceNames, ids)
		if err != nil {
			return fmt.Errorf("prediction %s: %w", sp.Key, err)
		}
		if sp.Restates != "" {
			if p.Restates = claimIDs[sp.Restates]; p.Restates == 0 {
				return fmt.Errorf("prediction %s restates %q, which does not come before it", sp.Key, sp.Restates)
			}
		}
		p.CreatedAt, p.UpdatedAt = now, now
		id, err := in.Prediction(p, 0)
		if err != nil {
			return fmt.Errorf("prediction %s: %w", sp.Key, err)
		}
		claimIDs[sp.Key] = id
	}
	return nil
}

// SeedRecords gives the records of a seed dataset as a new database
// starts with them, for an engine that writes them its own way (package
// pgstore): the sources with their details, the events, and the
// predictions, whose evidence and Restates name events and claims by their
// place in the lists, counting from 1 (the ids a new SQLite file gives
// them). Record times are left for the store to set.
func SeedRecords(seed *data.Seed) ([]model.Source, []model.Event, []model.Prediction, error) {
	var sources []model.Source
	sourceNames := map[string]string{}
	for _, src := range seed.Sources {
		sources = append(sources, model.Source{Name: src.Name, NameZh: src.NameZh, Kind: src.Kind, URL: src.URL})
		sourceNames[src.Key] = src.Name
	}
	events := make([]model.Event, len(seed.Events))
	eventIDs := map[string]int64{}
	for i, se := range seed.Events {
		e, err := seedEvent(se)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("event %s: %w", se.Key, err)
		}
		e.ID = int64(i + 1)
		events[i], eventIDs[se.Key] = e, e.ID
	}
	preds := make([]model.Prediction, len(seed.Predictions))
	claimIDs := map[string]int64{}
	for i, sp := range seed.Predictions {
		p, err := seedPrediction(sp, sourceNames, eventIDs)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("prediction %s: %w", sp.Key, err)
		}
		if sp.Restates != "" {
			if p.Restates = claimIDs[sp.Restates]; p.Restates == 0 {
				return nil, nil, nil, fmt.Errorf("prediction %s restates %q, which does not come before it", sp.Key, sp.Restates)
			}
		}
		p.ID = int64(i + 1)
		preds[i], claimIDs[sp.Key] = p, p.ID
	}
	return sources, events, preds, nil
}

func seedEvent(se data.SeedEvent) (model.Event, error) {
	e := model.Event{
		Title: se.Title, TitleZh: se.TitleZh, Actor: se.Actor, Category: se.Category,
		Tags: se.Tags, Description: se.Description,
	}
	var err error
	if e.Date, err = when.ParseEDTF(se.Date); err != nil {
		return e, err
	}
	if se.End != "" {
		if e.End, err = when.ParseEDTF(se.End); err != nil {
			return e, err
		}
	}
	for _, l := range se.Links {
		e.Links = append(e.Links, model.Link{URL: l.URL, Quote: l.Quote})
	}
	e.Normalize()
	return e, e.Validate()
}

func seedPrediction(sp data.SeedPrediction, sourceNames map[string]string, eventIDs map[string]int64) (model.Prediction, error) {
	source, ok := sourceNames[sp.Source]
	if !ok {
		return model.Prediction{}, fmt.Errorf("unknown source %q", sp.Source)
	}
	p := model.Prediction{
		Kind: sp.Kind, Statement: sp.Statement, StatementZh: sp.StatementZh, Source: source,
		Provenance: sp.Provenance, Probability: sp.Probability, Criteria: sp.Criteria, Tags: sp.Tags,
		Interest: sp.Interest,
	}
	var err error
	if p.Made, err = when.ParseEDTF(sp.Made); err != nil {
		return p, err
	}
	for _, l := range sp.Links {
		link := model.SourceLink{URL: l.URL, Quote: l.Quote, Primary: l.Primary}
		if l.Published != "" {
			if link.Published, err = when.ParseEDTF(l.Published); err != nil {
				return p, fmt.Errorf("link %s: %w", l.URL, err)
			}
		}
		p.Links = append(p.Links, link)
	}
	if sp.Deadline != "" {
		if p.Deadline, err = when.ParseDeadline(sp.Deadline, p.Made); err != nil {
			return p, err
		}
	}
	if r := sp.Resolution; r != nil {
		p.Resolution = model.Resolution{State: r.State, Note: r.Note}
		if r.Fraction != nil {
			p.Resolution.Fraction = *r.Fraction
		}
		if r.On != "" {
			if p.Resolution.On, err = when.ParseEDTF(r.On); err != nil {
				return p, err
			}
		}
		for _, ev := range r.Evidence {
			id, ok := eventIDs[ev.Event]
			if !ok {
				return p, fmt.Errorf("evidence names unknown event %q", ev.Event)
			}
			p.Resolution.Evidence = append(p.Resolution.Evidence, model.Evidence{EventID: id, Role: ev.Role})
		}
	}
	p.Normalize()
	return p, p.Validate()
}
