// Package data holds Hindsight's built-in seed dataset: a timeline of
// AI-industry events and the predictions made about them, drawn from a
// Chinese blog post that looks back on building large models in 2023.
//
// The dataset is embedded from seed.json. Load decodes it strictly into
// the Seed types; Raw returns the file as stored. Dates in the file are
// EDTF strings (for example "2023", "2023-02", "2023-02-13", "2022-08~",
// "2023-12/2024-01") and deadlines are free-text phrases such as
// "within two years"; neither is interpreted here.
package data

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/hindsight-app/hindsight/internal/model"
)

// Format and Version identify the seed file layout this package reads.
// Version 2 gives each claim its kind, provenance, interest and several
// links with published dates and primary marks.
const (
	Format  = "hindsight-seed"
	Version = 2
)

//go:embed seed.json
var seedJSON string

// Seed is the whole seed dataset.
type Seed struct {
	Format      string           `json:"format"`
	Version     int              `json:"version"`
	About       string           `json:"about"`
	Sources     []SeedSource     `json:"sources"`
	Events      []SeedEvent      `json:"events"`
	Predictions []SeedPrediction `json:"predictions"`
}

// SeedSource is a person, outlet, report or organisation that made
// predictions; predictions refer to it by Key.
type SeedSource struct {
	Key    string `json:"key"`
	Name   string `json:"name"`
	NameZh string `json:"name_zh"`
	Kind   string `json:"kind"` // person, outlet, report or organisation
	URL    string `json:"url"`
}

// SeedEvent is one dated entry on the timeline.
type SeedEvent struct {
	Key         string         `json:"key"`
	Title       string         `json:"title"`
	TitleZh     string         `json:"title_zh"`
	Date        string         `json:"date"` // EDTF
	End         string         `json:"end"`  // EDTF end of a span, "" if none
	Actor       string         `json:"actor"`
	Category    model.Category `json:"category"`
	Tags        []string       `json:"tags"`
	Description string         `json:"description"` // Markdown
	Links       []SeedLink     `json:"links"`
}

// SeedLink is a source URL with an optional short quote from it.
type SeedLink struct {
	URL   string `json:"url"`
	Quote string `json:"quote"`
}

// SeedPrediction is a claim — a forecast, question, hope or opinion —
// and, when it has been settled, its resolution.
type SeedPrediction struct {
	Key         string     `json:"key"`
	Kind        model.Kind `json:"kind"`
	Statement   string     `json:"statement"`
	StatementZh string     `json:"statement_zh"`
	Source      string     `json:"source"` // a SeedSource key
	Made        string     `json:"made"`   // EDTF
	// Provenance says how Made is known (see model.Provenance).
	Provenance  model.Provenance `json:"provenance"`
	Deadline    string           `json:"deadline"`    // free-text phrase, "" if none
	Probability *float64         `json:"probability"` // 0..1, nil if not stated
	Criteria    string           `json:"criteria"`
	Tags        []string         `json:"tags"`
	// Interest discloses the source's stake in the claim, "" if none.
	Interest string `json:"interest"`
	// Restates is the key of the claim this one restates, "" if none.
	Restates   string          `json:"restates"`
	Links      []SeedClaimLink `json:"links"`
	Resolution *SeedResolution `json:"resolution"` // nil while open
}

// SeedClaimLink is a record of a claim: its address, the words as said,
// the date it was published (EDTF, "" if unknown) and whether it is a
// primary source.
type SeedClaimLink struct {
	URL       string `json:"url"`
	Quote     string `json:"quote"`
	Published string `json:"published"`
	Primary   bool   `json:"primary"`
}

// SeedResolution records how and when a prediction was settled.
type SeedResolution struct {
	State    model.State    `json:"state"`    // a settled state: not open
	Fraction *float64       `json:"fraction"` // 0..1, only for "partly"
	On       string         `json:"on"`       // EDTF; "" only for unfalsifiable
	Note     string         `json:"note"`
	Evidence []SeedEvidence `json:"evidence"`
}

// SeedEvidence ties a resolution to an event by key.
type SeedEvidence struct {
	Event string     `json:"event"` // a SeedEvent key
	Role  model.Role `json:"role"`
}

// Raw returns a copy of the embedded seed.json.
func Raw() []byte {
	return []byte(seedJSON)
}

// Load decodes the embedded seed file, rejecting unknown fields, trailing
// data and any format or version other than Format and Version.
func Load() (*Seed, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(seedJSON)))
	dec.DisallowUnknownFields()
	var s Seed
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("data: decoding seed: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("data: trailing data after seed object")
	}
	if s.Format != Format {
		return nil, fmt.Errorf("data: seed format %q, want %q", s.Format, Format)
	}
	if s.Version != Version {
		return nil, fmt.Errorf("data: seed version %d, want %d", s.Version, Version)
	}
	return &s, nil
}
