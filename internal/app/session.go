package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore/pghistory"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Session is one open database as a window uses it: it reads what the
// window shows and forwards every change to the store, which writes it in
// one transaction and records it for undo. The window never touches the
// store itself. The database is a SQLite file or a PostgreSQL server
// (see engine.Store); the session reads and writes both alike.
type Session struct {
	st engine.Store
	// readOnly says why this connection may not write, or is nil.
	readOnly error
	conn     connection
}

// Open opens the database at target (a file's path or a server's
// address; see engine.Open), creating and seeding a new file.
func Open(target string) (*Session, error) {
	return Connect(context.Background(), target, engine.OpenOptions{Seed: true})
}

// OpenChecking is Open with a file's check for damage left for later, to
// run beside the reads from the first Checked on, so that a large file
// shows at once: every write waits for the check, and none reaches a
// damaged file. Checked starts it and says how it went.
func OpenChecking(target string) (*Session, error) {
	return Connect(context.Background(), target, engine.OpenOptions{CheckLater: true})
}

// OpenCheckingAs is OpenChecking recording a server's changes as client's
// (see engine.OpenOptions.Client): a window that opens the same server
// under the same client name next time can still undo its earlier
// changes. A file ignores client.
func OpenCheckingAs(target, client string) (*Session, error) {
	return Connect(context.Background(), target, engine.OpenOptions{CheckLater: true, Client: client})
}

// NewClientName names a new client of the server target: its role and a
// random part, as a server names a client it is not told of.
func NewClientName(target string) string {
	_, user, _ := ServerOf(target)
	return pghistory.NewClient(user)
}

// Connect opens the database target names as opt says (see
// engine.OpenWith) and asks whether this connection may write. A server
// that refuses the connection, a wrong password, an unreachable host or a
// missing database give a *store.OpenError that says which, without the
// password.
func Connect(ctx context.Context, target string, opt engine.OpenOptions) (*Session, error) {
	st, err := engine.OpenWith(ctx, target, opt)
	if err != nil {
		return nil, err
	}
	s, err := NewSession(ctx, st)
	if err != nil {
		st.Close()
		return nil, err
	}
	return s, nil
}

// NewSession makes a session over a store already open, asking whether
// this connection may write; closing the session closes it.
func NewSession(ctx context.Context, st engine.Store) (*Session, error) {
	s := &Session{st: st}
	s.conn.state = ConnectionState{Alive: true}
	if err := st.Writable(ctx); err != nil {
		if !errors.Is(err, store.ErrReadOnly) {
			return nil, err
		}
		s.readOnly = err
	}
	return s, nil
}

// Checked waits for the check for damage, starting it if it was left for
// later (Open leaves it until the first Checked or write), and returns
// what it found: nil for a sound file (or a server), an error that
// explains the damage otherwise.
func (s *Session) Checked(ctx context.Context) error { return s.st.Checked(ctx) }

// Path is where the open database is: the file's path, or the server's
// address without its password (see engine.Store.Location), as Open takes
// it again.
func (s *Session) Path() string { return s.st.Location() }

// Name names the database for messages: the file's path, or the
// database, role and server.
func (s *Session) Name() string { return s.st.Name() }

// Shared reports whether the database is on a server, shared with other
// people, rather than a file of this machine.
func (s *Session) Shared() bool { return s.st.Shared() }

// ReadOnly reports whether this session may only read, and why: a
// PostgreSQL role with a viewer's grants (reason is engine.ErrReadOnly;
// errors.Is(reason, store.ErrReadOnly) holds). Every write it tries
// anyway is refused by the database with store.ErrReadOnly, and nothing
// is written.
func (s *Session) ReadOnly() (readOnly bool, reason error) { return s.readOnly != nil, s.readOnly }

// Close checkpoints and closes the database.
func (s *Session) Close() error { return s.st.Close() }

// NextChange is the change Undo or Redo would replay next; OK is false
// when there is none.
type NextChange struct {
	Change store.Change
	OK     bool
}

// Loaded is everything a window shows after reading the database.
type Loaded struct {
	Library    *Library
	Undo, Redo NextChange
	// Actors and tags in use, for the filter's choices.
	Actors, Tags []string
	// User is the saved views, reminders sent and settings.
	User UserData
}

// Load reads the records and the state of the undo history. A read that
// fails is returned, never dropped: a silent failure would disable undo or
// empty the filter's choices without a word.
func (s *Session) Load(ctx context.Context) (Loaded, error) {
	var l Loaded
	var err error
	if l.Library, err = loadLibrary(ctx, s.st); err != nil {
		return l, err
	}
	if l.Undo.Change, l.Undo.OK, err = s.st.History().NextUndo(ctx); err != nil {
		return l, fmt.Errorf("reading the undo history: %w", err)
	}
	if l.Redo.Change, l.Redo.OK, err = s.st.History().NextRedo(ctx); err != nil {
		return l, fmt.Errorf("reading the undo history: %w", err)
	}
	if l.Actors, err = s.st.Vocabulary().Actors(ctx); err != nil {
		return l, fmt.Errorf("reading the actors: %w", err)
	}
	if l.Tags, err = s.st.Vocabulary().Tags(ctx); err != nil {
		return l, fmt.Errorf("reading the tags: %w", err)
	}
	l.User, err = loadUserData(ctx, s.st)
	return l, err
}

// Known are the values a form offers to complete what is typed.
type Known struct {
	Actors, Tags, Sources []string
}

// Known reads the actors, tags and sources in use.
func (s *Session) Known(ctx context.Context) (Known, error) {
	var k Known
	var err error
	if k.Actors, err = s.st.Vocabulary().Actors(ctx); err != nil {
		return k, err
	}
	if k.Tags, err = s.st.Vocabulary().Tags(ctx); err != nil {
		return k, err
	}
	k.Sources, err = s.st.Vocabulary().Sources(ctx)
	return k, err
}

// Event reads one event whole, with its description and links, which the
// library leaves out.
func (s *Session) Event(ctx context.Context, id int64) (model.Event, error) {
	return s.st.Event(ctx, id)
}

// SearchLimit caps each kind of search result: a person refines the query
// rather than scrolling thousands of hits.
const SearchLimit = 200

// Search finds the events and predictions whose text holds every word of
// query, Chinese included.
func (s *Session) Search(ctx context.Context, query string) ([]model.Event, []model.Prediction, error) {
	events, err := s.st.Events(ctx, store.EventQuery{Search: query, Limit: SearchLimit})
	if err != nil {
		return nil, nil, err
	}
	preds, err := s.st.Claims().Predictions(ctx, store.PredictionQuery{Search: query, Limit: SearchLimit})
	return events, preds, err
}

// SaveEvent adds e (when it has no id) or saves changes to it, and says
// what to select afterwards.
func (s *Session) SaveEvent(ctx context.Context, e model.Event) (model.Event, error) {
	return addOrUpdate(ctx, e, e.ID, s.st.AddEvent, s.st.UpdateEvent)
}

// DeleteEvent removes an event; predictions citing it lose that evidence.
func (s *Session) DeleteEvent(ctx context.Context, id int64) error { return s.st.DeleteEvent(ctx, id) }

// SavePrediction adds p (when it has no id) or saves changes to it.
func (s *Session) SavePrediction(ctx context.Context, p model.Prediction) (model.Prediction, error) {
	claims := s.st.Claims()
	return addOrUpdate(ctx, p, p.ID, claims.AddPrediction, claims.UpdatePrediction)
}

// addOrUpdate adds r when it has no id yet and saves changes to it
// otherwise.
func addOrUpdate[R any](ctx context.Context, r R, id int64, add, update func(context.Context, R) (R, error)) (R, error) {
	if id == 0 {
		return add(ctx, r)
	}
	return update(ctx, r)
}

// DeletePrediction removes a prediction.
func (s *Session) DeletePrediction(ctx context.Context, id int64) error {
	return s.st.Claims().DeletePrediction(ctx, id)
}

// Resolve settles prediction id as r says.
func (s *Session) Resolve(ctx context.Context, id int64, r model.Resolution) error {
	_, err := s.st.Claims().Resolve(ctx, id, r)
	return err
}

// MarkReviewed records that open claim id was looked at again today.
func (s *Session) MarkReviewed(ctx context.Context, id int64) error {
	_, err := s.st.Claims().MarkReviewed(ctx, id, when.Date{})
	return err
}

// Unresolve reopens prediction id.
func (s *Session) Unresolve(ctx context.Context, id int64) error {
	_, err := s.st.Claims().Unresolve(ctx, id)
	return err
}

// Errors of Undo and Redo when the history is exhausted.
var (
	ErrNothingToUndo = store.ErrNothingToUndo
	ErrNothingToRedo = store.ErrNothingToRedo
)

// Replay undoes (undo true) or redoes the last change and returns the
// record to select: the one it touched, or nothing for an import. A
// refused replay returns a *store.ConflictError and writes nothing.
func (s *Session) Replay(ctx context.Context, undo bool) (Selection, error) {
	replay := s.st.History().Redo
	if undo {
		replay = s.st.History().Undo
	}
	c, err := replay(ctx)
	if err != nil {
		return Selection{}, err
	}
	return selectionOf(c), nil
}

// selectionOf is the record a change touched.
func selectionOf(c store.Change) Selection {
	switch c.Entity {
	case store.EntityEvent:
		return EventSelection(c.EntityID)
	case store.EntityPrediction:
		return PredictionSelection(c.EntityID)
	case store.EntityPeriod:
		return PeriodSelection(c.EntityID)
	}
	return Selection{}
}

// Skip drops a change that Undo or Redo refused, so the history can go on
// past it.
func (s *Session) Skip(ctx context.Context, refused *store.ConflictError) error {
	return s.st.History().Skip(ctx, refused.Change.Seq, refused.Undo)
}

// Backup writes a consistent copy of the database to a new SQLite file at
// path, which must not exist; it is safe while the database is written.
// A server's copy holds what engine.Copy copies: every record, source
// detail, saved view, reminder and setting, not the undo history.
func (s *Session) Backup(ctx context.Context, path string) error { return s.st.Backup(ctx, path) }

// IsNothingToReplay reports whether err only says the history is exhausted.
func IsNothingToReplay(err error) bool {
	return errors.Is(err, ErrNothingToUndo) || errors.Is(err, ErrNothingToRedo)
}
