// Package tracking holds the order of the steps by which both database
// engines record a change for undo: which records to read before it, the
// change itself, the tags it left unused, and the records as it left them.
// Each engine brings its own transaction, record keys and states; the
// steps and their order are the same.
package tracking

// Steps are one engine's parts of a tracked change, run inside one
// transaction Tx, naming records by keys K and holding their states as S.
type Steps[Tx, K, S any] struct {
	// Key names the record entity id.
	Key func(entity string, id int64) K
	// Read reads the records keys as they are now in tx.
	Read func(tx Tx, keys []K) (S, error)
	// Settle runs after the change, before the records are read again:
	// it drops the tags the change left unused (before is the records'
	// states before it).
	Settle func(tx Tx, before S) error
	// Record adds the change, made to the record id (named label) and to
	// the records keys, to the history.
	Record func(tx Tx, id int64, label string, keys []K, before, after S) error
}

// Run runs change in tx and records, for undo, the record entity id
// before and after it. id is 0 for an add; change returns the record's id
// (for an add, the new one) and its label. related, when set, lists other
// records the change alters, read before it, so that one undo puts them
// all back. Run returns the record's id.
func (st Steps[Tx, K, S]) Run(tx Tx, entity string, id int64,
	related func(tx Tx) ([]K, error), change func(tx Tx) (int64, string, error)) (int64, error) {
	var keys []K
	if id != 0 {
		keys = append(keys, st.Key(entity, id))
	}
	if related != nil {
		more, err := related(tx)
		if err != nil {
			return 0, err
		}
		keys = append(keys, more...)
	}
	before, err := st.Read(tx, keys)
	if err != nil {
		return 0, err
	}
	newID, label, err := change(tx)
	if err != nil {
		return 0, err
	}
	if err := st.Settle(tx, before); err != nil {
		return 0, err
	}
	if id == 0 {
		keys = append([]K{st.Key(entity, newID)}, keys...)
	}
	after, err := st.Read(tx, keys)
	if err != nil {
		return 0, err
	}
	return newID, st.Record(tx, newID, label, keys, before, after)
}
