package pgstore

// The store's operations are grouped, as the SQLite store's are, into
// facets: small types that each hold one concern and reach the database
// through the store they come from.

// Summary counts the events the timeline draws when zoomed out.
type Summary struct{ s *Store }

// Summary gives the counts of s.
func (s *Store) Summary() *Summary { return &Summary{s} }

// Vocabulary lists the names in use, for the choices and completions the
// screens offer.
type Vocabulary struct{ s *Store }

// Vocabulary gives the names in use in s.
func (s *Store) Vocabulary() *Vocabulary { return &Vocabulary{s} }

// Claims is what happens to a prediction after it is made: its outcome,
// its wordings, its reviews and the chain of claims restating it.
type Claims struct{ s *Store }

// Claims gives the claim operations of s.
func (s *Store) Claims() *Claims { return &Claims{s} }

// Bulk holds the writes and reads of many records at once (imports,
// exports, batch saves) and the column mappings of CSV imports.
type Bulk struct{ s *Store }

// Bulk gives the bulk operations of s.
func (s *Store) Bulk() *Bulk { return &Bulk{s} }

// Versioned reads records with their versions and saves them only if no
// one saved them since (ErrChanged), for forms open while others edit.
type Versioned struct{ s *Store }

// Versioned gives the version-checked reads and saves of s.
func (s *Store) Versioned() *Versioned { return &Versioned{s} }
