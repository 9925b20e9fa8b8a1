package record

import (
	"fmt"
	"strings"

	"github.com/hindsight-app/hindsight/internal/model"
)

// A prediction's evidence and earlier wordings are written as JSON by two
// formats: Hindsight JSON holds them as they are, and Markwhen in a
// property each. Both write and read them alike.

// EvidenceJSON is one piece of a prediction's evidence as JSON.
type EvidenceJSON struct {
	EventID int64  `json:"event_id"`
	Role    string `json:"role"`
}

// WordingJSON is one saved wording of a statement, oldest first.
type WordingJSON struct {
	Version     int    `json:"version"`
	Statement   string `json:"statement"`
	StatementZh string `json:"statement_zh,omitempty"`
	SavedAt     string `json:"saved_at,omitempty"`
}

// EvidenceOf writes evidence as JSON; none is an empty list, not null.
func EvidenceOf(list []model.Evidence) []EvidenceJSON {
	out := make([]EvidenceJSON, len(list))
	for i, ev := range list {
		out[i] = EvidenceJSON{EventID: ev.EventID, Role: string(ev.Role)}
	}
	return out
}

// ReadEvidence reads evidence from JSON; the store checks the roles.
func ReadEvidence(list []EvidenceJSON) []model.Evidence {
	var out []model.Evidence
	for _, ev := range list {
		out = append(out, model.Evidence{EventID: ev.EventID, Role: model.Role(strings.ToLower(strings.TrimSpace(ev.Role)))})
	}
	return out
}

// WordingsOf writes earlier wordings as JSON; none is nil.
func WordingsOf(list []model.Wording) []WordingJSON {
	var out []WordingJSON
	for _, h := range list {
		out = append(out, WordingJSON{Version: h.Version, Statement: h.Statement, StatementZh: h.StatementZh, SavedAt: FormatTime(h.SavedAt)})
	}
	return out
}

// ReadWordings reads earlier wordings from JSON, as the field history.
// Each needs its own positive version number and a statement.
func ReadWordings(rp *Collector, list []WordingJSON) []model.Wording {
	var out []model.Wording
	seen := map[int]bool{}
	for i, h := range list {
		if h.Version <= 0 || seen[h.Version] || strings.TrimSpace(h.Statement) == "" {
			rp.Add(fmt.Sprintf("history[%d]", i), "a wording needs its own positive version number and a statement")
			continue
		}
		seen[h.Version] = true
		out = append(out, model.Wording{Version: h.Version, Statement: CleanText(h.Statement),
			StatementZh: CleanText(h.StatementZh), SavedAt: ReadTime(rp, fmt.Sprintf("history[%d].saved_at", i), h.SavedAt)})
	}
	return out
}
