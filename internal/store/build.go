package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/hindsight-app/hindsight/data"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/internal/insert"
	"github.com/hindsight-app/hindsight/internal/store/prepare"
)

// A new file is filled fastest when nobody can see it half-made: Build
// writes it under a temporary name with no journal and its indexes made
// once at the end, and gives it its real name only when it is complete. A
// million generated events take about half as long as batched writes to an
// open file, which journal every page twice and index row by row.

// Builder adds records to a file that Build is making. Its methods may be
// called many times, with batches of any size; all of it is one
// transaction. Like the seed of a new file, what a build adds is where the
// file starts, not a change in its history: there is nothing to undo.
type Builder struct {
	ctx     context.Context
	tx      *sql.Tx
	in      *insert.Inserter
	now     time.Time
	events  int
	onAdded func(events, predictions int)
	preds   int
}

// Build makes a new database file at path, which must not exist yet, with
// the seed dataset when seed is not nil, and fills it through fill. On any
// error path is not created. The file is made beside path under a name of
// its own (path + ".building-" and a number), which a process killed
// meanwhile leaves behind; it can be deleted.
func Build(ctx context.Context, path string, seed *data.Seed, fill func(*Builder) error) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s already exists: only a new file can be built", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".building-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	f.Close()
	// As SQLite makes a new file; CreateTemp makes it private to its owner.
	if err := os.Chmod(tmp, 0o644); err != nil {
		removeFile(tmp)
		return err
	}
	err = buildAt(ctx, tmp, seed, fill)
	if err == nil {
		err = syncFile(tmp)
	}
	if err == nil {
		// A link, not a rename: it fails rather than replace a file that
		// appeared at path while this one was being built.
		err = os.Link(tmp, path)
	}
	removeFile(tmp)
	return err
}

// removeFile removes a database file with its WAL and shared-memory files.
func removeFile(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		_ = os.Remove(path + suffix)
	}
}

// syncFile flushes path to the disk: it was written without syncs.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func buildAt(ctx context.Context, path string, seed *data.Seed, fill func(*Builder) error) (err error) {
	st, err := open(path, seed, false)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := st.Close(); err == nil {
			err = cerr
		}
	}()
	conn, err := st.db.Conn(ctx)
	if err != nil {
		return wrap(err)
	}
	defer conn.Close()
	// No journal and no syncs: a failed build is thrown away whole, so
	// nothing needs to be rolled back or survive a crash until the end.
	// Helper threads sort the rows for the indexes made at the end.
	for _, pragma := range []string{"PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA threads = 4"} {
		if _, err := conn.ExecContext(ctx, pragma); err != nil {
			return wrap(err)
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return wrap(err)
	}
	defer tx.Rollback()
	in := insert.New(ctx, tx)
	defer in.Close()
	b := &Builder{ctx: ctx, tx: tx, in: in, now: prepare.Now()}
	if err := insert.Rebuilding(ctx, tx, func() error { return fill(b) }); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return wrap(err)
	}
	// Every connection to a Hindsight file expects WAL.
	_, err = conn.ExecContext(ctx, "PRAGMA journal_mode = WAL")
	return wrap(err)
}

// OnAdded calls f after each batch with the counts added so far.
func (b *Builder) OnAdded(f func(events, predictions int)) { b.onAdded = f }

// AddEvents validates and adds events, giving them ids in order.
func (b *Builder) AddEvents(events []model.Event) error {
	if err := prepare.Events(events, b.now); err != nil {
		return err
	}
	ids, err := insert.NextIDs(b.ctx, b.tx, "events", len(events))
	if err != nil {
		return err
	}
	if err := b.in.Events(events, ids, nil); err != nil {
		return err
	}
	b.events += len(events)
	b.added()
	return nil
}

// AddPredictions validates and adds predictions.
func (b *Builder) AddPredictions(preds []model.Prediction) error {
	if err := prepare.Predictions(preds, b.now); err != nil {
		return err
	}
	for i, p := range preds {
		if _, err := b.in.Prediction(p, 0); err != nil {
			return fmt.Errorf("prediction %d of %d: %w", i+1, len(preds), err)
		}
	}
	b.preds += len(preds)
	b.added()
	return nil
}

func (b *Builder) added() {
	if b.onAdded != nil {
		b.onAdded(b.events, b.preds)
	}
}
