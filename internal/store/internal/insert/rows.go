package insert

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/history"
)

// rowsPerInsert is how many rows one multi-row INSERT carries. Each
// statement costs a trip through database/sql and cgo (a few µs); at a
// million events that trip, once per row, was a third of the time.
const rowsPerInsert = 64

// rowWriter inserts rows into one table rowsPerInsert at a time.
type rowWriter struct {
	in   *Inserter
	head string // INSERT INTO t (a, b) VALUES
	cols int
	args []any
	rows int
}

func (in *Inserter) rowWriter(head string, cols int) *rowWriter {
	return &rowWriter{in: in, head: head, cols: cols, args: make([]any, 0, cols*rowsPerInsert)}
}

// add queues one row; it must have w.cols values.
func (w *rowWriter) add(values ...any) error {
	if len(values) != w.cols {
		return fmt.Errorf("store: %d values for %d columns", len(values), w.cols)
	}
	w.args = append(w.args, values...)
	w.rows++
	if w.rows == rowsPerInsert {
		return w.flush()
	}
	return nil
}

// flush writes the queued rows. The statement for each row count is
// prepared once (Inserter.exec keeps it).
func (w *rowWriter) flush() error {
	if w.rows == 0 {
		return nil
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", w.cols), ", ") + ")"
	query := w.head + strings.TrimSuffix(strings.Repeat(one+", ", w.rows), ", ")
	_, err := w.in.exec(query, w.args...)
	clear(w.args)
	w.args, w.rows = w.args[:0], 0
	return err
}

// NextIDs returns n ids for new rows of table (events or predictions):
// above every id the table ever gave (AUTOINCREMENT's sqlite_sequence), so
// an id a deleted record had is never given again.
func NextIDs(ctx context.Context, tx *sql.Tx, table string, n int) ([]int64, error) {
	var last int64
	err := tx.QueryRowContext(ctx, `SELECT max(
		coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?1), 0),
		coalesce((SELECT max(id) FROM `+table+`), 0))`, table).Scan(&last)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = last + 1 + int64(i)
	}
	return ids, nil
}

// Events saves new, validated events with the given ids, rowsPerInsert
// rows to a statement. Each chunk's events are written before their tags
// and links, which refer to them.
func (in *Inserter) Events(events []model.Event, ids []int64, progress func(done int) error) error {
	rows := in.rowWriter("INSERT INTO events ("+eventRowColumns+") VALUES ", eventRowColumnCount)
	tags := in.rowWriter("INSERT OR IGNORE INTO event_tags (event_id, tag_id) VALUES ", 2)
	links := in.rowWriter("INSERT INTO event_links (event_id, position, url, quote) VALUES ", 4)
	for lo := 0; lo < len(events); lo += rowsPerInsert {
		hi := min(lo+rowsPerInsert, len(events))
		for i := lo; i < hi; i++ {
			values := eventValues(events[i], ids[i])
			if err := rows.add(values...); err != nil {
				return fmt.Errorf("save event %q: %w", events[i].Title, err)
			}
			in.fingerprintEvent(ids[i], values, events[i])
		}
		if err := rows.flush(); err != nil {
			return fmt.Errorf("save events %d to %d: %w", lo+1, hi, err)
		}
		for i := lo; i < hi; i++ {
			for _, t := range events[i].Tags {
				tagID, err := in.tagID(t)
				if err != nil {
					return err
				}
				if err := tags.add(ids[i], tagID); err != nil {
					return fmt.Errorf("save tag %q: %w", t, err)
				}
			}
			for p, l := range events[i].Links {
				if err := links.add(ids[i], p, l.URL, l.Quote); err != nil {
					return fmt.Errorf("save link: %w", err)
				}
			}
		}
		if err := tags.flush(); err != nil {
			return fmt.Errorf("save tags: %w", err)
		}
		if err := links.flush(); err != nil {
			return fmt.Errorf("save links: %w", err)
		}
		if progress != nil {
			if err := progress(hi); err != nil {
				return err
			}
		}
	}
	return nil
}

// fingerprintEvent keeps the digest of a saved event's rows, when the
// inserter keeps digests: the same rows, in the same order, as undo reads.
func (in *Inserter) fingerprintEvent(id int64, values []any, e model.Event) {
	if in.digests == nil {
		return
	}
	fp := history.NewFingerprint(history.EntityEvent)
	fp.Row(0, values...)
	for _, t := range e.Tags {
		fp.Row(1, id, t)
	}
	for i, l := range e.Links {
		fp.Row(2, id, i, l.URL, l.Quote)
	}
	in.digests[history.EntityEvent][id] = fp.Sum()
}
