package engine

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/store"
)

// PostgreSQLStore gives the whole of a PostgreSQL store as a Store, at
// location (its address without the password; see Redact). Closing it
// closes s.
func PostgreSQLStore(s *pgstore.Store, location string) Store {
	return postgresStore{database{postgresRecords(s), s.Periods(), s.UserData(), s.History(), s.Bulk()}, s, Redact(location)}
}

// postgresStore adds to the records and facets what a whole database
// offers.
type postgresStore struct {
	database
	server   *pgstore.Store
	location string
}

func (s postgresStore) Location() string { return s.location }
func (s postgresStore) Name() string     { return s.server.Target() }
func (s postgresStore) Shared() bool     { return true }

// Versioned gives the server's reads and saves with versions, which
// refuse a save over someone else's later one (package app's Versions).
func (s postgresStore) Versioned() *pgstore.Versioned { return s.server.Versioned() }

func (s postgresStore) Writable(ctx context.Context) error {
	ok, err := s.server.CanWrite(ctx)
	if err != nil {
		return fmt.Errorf("asking the server what your role may do: %w", err)
	}
	if !ok {
		return ErrReadOnly
	}
	return nil
}

// Ping reads the schema version: a query the server answers from any
// role.
func (s postgresStore) Ping(ctx context.Context) error {
	_, err := s.server.SchemaVersion(ctx)
	return err
}

// Watch relays the server's notifications of every committed write,
// this client's own included.
func (s postgresStore) Watch(ctx context.Context) <-chan Change {
	in := s.server.Watch(ctx)
	out := make(chan Change, cap(in))
	go func() {
		defer close(out)
		for c := range in {
			select {
			case out <- Change{Table: c.Table, Op: c.Op, IDs: c.IDs, Missed: c.Missed}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// Checked is nil: a server checks its own pages.
func (s postgresStore) Checked(context.Context) error { return nil }

// Backup copies every record, source detail, saved view, reminder and
// setting to a new SQLite file at path (see Copy); the file is removed
// again when the copy fails.
func (s postgresStore) Backup(ctx context.Context, path string) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s already exists: a backup is written to a new file", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	file, err := store.Open(path)
	if err != nil {
		return err
	}
	_, err = Copy(ctx, s, SQLiteStore(file), CopyOptions{})
	if closeErr := file.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		os.Remove(path)
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
		return fmt.Errorf("backing up %s: %w", s.Name(), err)
	}
	return nil
}

func (s postgresStore) Close() error {
	s.server.Close()
	return nil
}
