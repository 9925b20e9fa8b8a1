package model

import (
	"fmt"
	"strings"
)

// Kind says what sort of claim a prediction records. Only forecasts are
// scored: a question, a hope or an opinion is logged and can be checked
// against the record, but never counts for or against its source.
type Kind string

// The kinds of claim.
const (
	// KindForecast is a claim about the future that can come true or not.
	KindForecast Kind = "forecast"
	// KindQuestion is an open question the source asked ("能不能…", "whether").
	KindQuestion Kind = "question"
	// KindHope is a hope or an intent ("很期待…", "we aim to").
	KindHope Kind = "hope"
	// KindOpinion is an opinion or a claim of fact at the time of writing.
	KindOpinion Kind = "opinion"
)

// Kinds lists every kind in display order.
var Kinds = []Kind{KindForecast, KindQuestion, KindHope, KindOpinion}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return oneOf(k, Kinds) }

// Scored reports whether claims of this kind count in a track record.
func (k Kind) Scored() bool { return k == KindForecast }

// ParseKind reads a kind name, case-insensitively; "intent" is read as a
// hope, since the two are logged the same way.
func ParseKind(s string) (Kind, error) {
	k := Kind(strings.ToLower(strings.TrimSpace(s)))
	if k == "intent" {
		k = KindHope
	}
	if !k.Valid() {
		return "", fmt.Errorf("unknown kind %q (one of forecast, question, hope, opinion)", s)
	}
	return k, nil
}
