package store

// The property test runs random sequences of adds, edits, deletes,
// resolutions, imports, bulk saves, undos, redos and skips from two
// writers (two Stores on one file, as the app and hindsightctl are), with
// now and then a write outside the history (as another program, or a
// release from before schema 2, would make). It keeps its own record of
// what each change did, read with its own queries, and checks after every
// step that:
//
//   - no record is lost or changed except by the step that targets it;
//   - a new record never gets an id any record had before;
//   - an undo (redo) whose records are as the change left (found) them
//     puts exactly those records back as they were before (after) it;
//   - an undo or redo whose records are not is refused, and every refusal
//     leaves the file exactly as it was, history included.
//
// HINDSIGHT_STRESS=1 runs many more and longer sequences;
// HINDSIGHT_SEED=N replays one sequence.

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

func TestHistoryPropertyTwoWriters(t *testing.T) {
	sequences, steps := byStress(6, 60), byStress(60, 400)
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("HINDSIGHT_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		seed, sequences = n, 1
	}
	started := time.Now()
	totals := map[string]int{}
	kinds := []string{"undo", "redo", "refused undo", "refused redo", "skip", "import", "outside"}
	covered := func() bool {
		return !slices.ContainsFunc(kinds, func(k string) bool { return totals[k] == 0 })
	}
	// Random sequences may miss a rare kind of step: run more, up to four
	// times as many, until every kind has run.
	ran := 0
	for i := 0; i < sequences || (!covered() && i < 4*sequences && os.Getenv("HINDSIGHT_SEED") == ""); i++ {
		ran++
		run := newHistoryRun(t, seed+uint64(i))
		for step := 0; step < steps && !t.Failed(); step++ {
			run.step()
		}
		checkSound(t, run.a)
		if t.Failed() {
			t.Fatalf("sequence with HINDSIGHT_SEED=%d failed at step %d; steps so far:\n%s", run.seed, run.steps, run.log)
		}
		for k, v := range run.counts {
			totals[k] += v
		}
	}
	t.Logf("%d sequences of %d steps from seed %d in %v: %v", ran, steps, seed,
		time.Since(started).Round(time.Millisecond), totals)
	for _, kind := range kinds {
		if totals[kind] == 0 && ran*steps >= 300 {
			t.Errorf("no %q step ran: the sequences do not exercise it", kind)
		}
	}
}

// recordKey names a record.
type recordKey struct {
	entity string
	id     int64
}

// recordStates is every record's rows, as this test reads them: a record's
// own row, its tags by name, its links, versions and evidence.
type recordStates map[recordKey]string

// oracleChange is what one recorded change did, as this test saw it.
type oracleChange struct {
	before, after recordStates // of the records it changed; "" = absent
}

type historyRun struct {
	t      *testing.T
	seed   uint64
	rng    *rand.Rand
	a, b   *Store
	oracle map[int64]oracleChange // by change seq
	maxID  map[string]int64       // highest id ever seen, per entity
	log    string
	steps  int
	counts map[string]int
	// queue holds the steps of a burst (undos, maybe a write outside the
	// history, redos), which plain random steps rarely line up.
	queue []int
}

func newHistoryRun(t *testing.T, seed uint64) *historyRun {
	path := filepath.Join(t.TempDir(), "shared.db")
	a, b := openPath(t, path), openPath(t, path)
	return &historyRun{t: t, seed: seed, rng: rand.New(rand.NewPCG(seed, 22)), a: a, b: b,
		oracle: map[int64]oracleChange{}, maxID: map[string]int64{}, counts: map[string]int{}}
}

// readRecordStates reads every record with plain queries of its own.
func readRecordStates(t testing.TB, s *Store) recordStates {
	t.Helper()
	out := recordStates{}
	parts := []struct {
		entity, query string
	}{
		{EntityEvent, "SELECT * FROM events ORDER BY id"},
		{EntityEvent, "SELECT et.event_id, t.name FROM event_tags et JOIN tags t ON t.id = et.tag_id ORDER BY 1, 2"},
		{EntityEvent, "SELECT * FROM event_links ORDER BY 1, 2"},
		{EntityPrediction, "SELECT * FROM predictions ORDER BY id"},
		{EntityPrediction, "SELECT pt.prediction_id, t.name FROM prediction_tags pt JOIN tags t ON t.id = pt.tag_id ORDER BY 1, 2"},
		{EntityPrediction, "SELECT * FROM prediction_versions ORDER BY 1, 2"},
		{EntityPrediction, "SELECT * FROM evidence ORDER BY 1, 2"},
	}
	for i, p := range parts {
		for _, row := range queryRows(t, s, p.query) {
			k := recordKey{p.entity, row[0].(int64)}
			if _, ok := out[k]; !ok && i != 0 && i != 3 {
				t.Fatalf("%s rows of %v, which does not exist", p.query, k)
			}
			out[k] += fmt.Sprintf("%d:%v;", i, row)
		}
	}
	return out
}

// changedKeys lists the records whose rows differ between two readings.
func changedKeys(before, after recordStates) []recordKey {
	var out []recordKey
	for k, v := range before {
		if after[k] != v {
			out = append(out, k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			out = append(out, k)
		}
	}
	return out
}

func (r *historyRun) logf(format string, args ...any) {
	r.log += fmt.Sprintf("%3d ", r.steps) + fmt.Sprintf(format, args...) + "\n"
}

func (r *historyRun) writer() (*Store, string) {
	if r.rng.IntN(2) == 0 {
		return r.a, "A"
	}
	return r.b, "B"
}

func (r *historyRun) pick(states recordStates, entity string) (int64, bool) {
	var ids []int64
	for k := range states {
		if k.entity == entity {
			ids = append(ids, k.id)
		}
	}
	if len(ids) == 0 {
		return 0, false
	}
	slices.Sort(ids)
	return ids[r.rng.IntN(len(ids))], true
}

var propertyTags = []string{"alpha", "beta", "gamma", "delta"}

// Steps a burst forces, as the random number step would draw them.
const (
	stepUndo    = 70
	stepRedo    = 85
	stepOutside = 95
)

func (r *historyRun) someTags() []string {
	var tags []string
	for _, tag := range propertyTags {
		if r.rng.IntN(3) == 0 {
			tags = append(tags, tag)
		}
	}
	return tags
}

func (r *historyRun) newEvent() model.Event {
	e := model.Event{Title: fmt.Sprintf("Event %d-%d", r.seed%1000, r.rng.IntN(1_000_000)),
		Date: when.MustParse(fmt.Sprintf("20%02d-%02d", 10+r.rng.IntN(15), 1+r.rng.IntN(12))), Category: model.CategoryModel,
		Tags: r.someTags()}
	if r.rng.IntN(2) == 0 {
		e.Links = []model.Link{{URL: "https://example.com/" + strconv.Itoa(r.rng.IntN(100))}}
	}
	return e
}

func (r *historyRun) newPrediction() model.Prediction {
	p := newPrediction(fmt.Sprintf("Prediction %d-%d", r.seed%1000, r.rng.IntN(1_000_000)))
	p.Tags = r.someTags()
	return p
}

// step runs one random step and checks what it did.
func (r *historyRun) step() {
	t := r.t
	r.steps++
	before := readRecordStates(t, r.a)
	s, who := r.writer()
	var kind string
	var allowed []recordKey // records the step may change besides new ones
	newOK := false          // whether it may add records
	tracked := true         // whether it records a change
	var err error
	n := r.rng.IntN(100)
	if len(r.queue) > 0 {
		n, r.queue = r.queue[0], r.queue[1:]
	} else if r.rng.IntN(12) == 0 {
		k := 1 + r.rng.IntN(4)
		for range k {
			r.queue = append(r.queue, stepUndo)
		}
		if r.rng.IntN(2) == 0 {
			r.queue = append(r.queue, stepOutside)
		}
		for range k + 1 {
			r.queue = append(r.queue, stepRedo)
		}
	}
	// onOne runs a step named name on a record of entity picked at
	// random, which the step may change; false when there is none.
	onOne := func(entity, name string, step func(id int64) error) bool {
		id, ok := r.pick(before, entity)
		if !ok {
			return false
		}
		kind, allowed = name, []recordKey{{entity, id}}
		err = step(id)
		return true
	}
	picked := true
	switch {
	case n < 12:
		kind, newOK = "add event", true
		_, err = s.AddEvent(ctx, r.newEvent())
	case n < 20:
		kind, newOK = "add prediction", true
		_, err = s.AddPrediction(ctx, r.newPrediction())
	case n < 28:
		picked = onOne(EntityEvent, "edit event", func(id int64) error {
			return edit(id, s.Event, s.UpdateEvent, func(e *model.Event) {
				e.Title += " (edited)"
				e.Tags = r.someTags()
			})
		})
	case n < 33:
		picked = onOne(EntityPrediction, "edit prediction", func(id int64) error {
			return edit(id, s.Prediction, s.UpdatePrediction, func(p *model.Prediction) {
				p.Statement += " (edited)"
				p.Tags = r.someTags()
			})
		})
	case n < 39:
		picked = onOne(EntityEvent, "delete event", func(id int64) error {
			for _, row := range queryRows(t, r.a, fmt.Sprintf("SELECT prediction_id FROM evidence WHERE event_id = %d", id)) {
				allowed = append(allowed, recordKey{EntityPrediction, row[0].(int64)})
			}
			return s.DeleteEvent(ctx, id)
		})
	case n < 43:
		picked = onOne(EntityPrediction, "delete prediction", func(id int64) error {
			return s.DeletePrediction(ctx, id)
		})
	case n < 50:
		picked = onOne(EntityPrediction, "resolve", func(id int64) error {
			res := model.Resolution{State: model.StateTrue, On: when.MustParse("2024-06")}
			if e, ok := r.pick(before, EntityEvent); ok {
				res.Evidence = []model.Evidence{{EventID: e, Role: model.RoleResolves}}
			}
			_, err := s.Resolve(ctx, id, res)
			return err
		})
	case n < 53:
		picked = onOne(EntityPrediction, "unresolve", func(id int64) error {
			_, err := s.Unresolve(ctx, id)
			return err
		})
	case n < 59:
		kind, newOK = "import", true
		events := []model.Event{r.newEvent(), r.newEvent()}
		events[0].ID, events[1].ID = 1, 2 // ids in the file, kept only if never used
		preds := []model.Prediction{r.newPrediction()}
		preds[0].Resolution = model.Resolution{State: model.StateFalse, On: when.MustParse("2024-01"),
			Evidence: []model.Evidence{{EventID: 2, Role: model.RoleContradicts}}}
		_, err = s.Bulk().Import(ctx, events, preds, ImportOptions{})
	case n < 62:
		kind, newOK = "bulk save", true
		_, err = s.Bulk().AddEvents(ctx, []model.Event{r.newEvent(), r.newEvent(), r.newEvent()})
	case n < 81:
		r.replay(s, who, before, true)
		return
	case n < 92:
		r.replay(s, who, before, false)
		return
	default:
		kind, tracked = "outside", false
		allowed = r.outsideWrite(before)
		if allowed == nil {
			return
		}
	}
	if !picked {
		return
	}
	r.counts[kind]++
	if err != nil {
		t.Errorf("%s by %s: %v", kind, who, err)
		return
	}
	after := readRecordStates(t, r.a)
	r.logf("%s by %s: %v", kind, who, changedKeys(before, after))
	changed := changedKeys(before, after)
	for _, k := range changed {
		_, existed := before[k]
		if slices.Contains(allowed, k) || (newOK && !existed) {
			continue
		}
		t.Errorf("%s changed %v, which it does not target", kind, k)
	}
	if kind != "outside" {
		r.checkNewIDs(before, after)
	}
	r.noteIDs(after)
	if !tracked {
		return
	}
	c, ok, _ := r.a.History().NextUndo(ctx)
	if !ok {
		t.Errorf("%s left no change in the history", kind)
		return
	}
	if _, redo, _ := r.a.History().NextRedo(ctx); redo {
		t.Errorf("%s kept the redo stack", kind)
	}
	if _, seen := r.oracle[c.Seq]; seen {
		t.Errorf("change %d recorded twice", c.Seq)
	}
	// The change covers what the step targets, even a record it left as
	// it was (a reopen of an open prediction within the same second).
	covered := changed
	for _, k := range allowed {
		if !slices.Contains(covered, k) {
			covered = append(covered, k)
		}
	}
	r.oracle[c.Seq] = oracleChange{before: sub(before, covered), after: sub(after, covered)}
}

// sub is the states of keys, "" for a record that does not exist.
func sub(states recordStates, keys []recordKey) recordStates {
	out := recordStates{}
	for _, k := range keys {
		out[k] = states[k]
	}
	return out
}

// checkNewIDs fails for a record that appeared with an id some record had
// before (the outside writes aside, which do that on purpose).
func (r *historyRun) checkNewIDs(before, after recordStates) {
	for k := range after {
		if _, existed := before[k]; !existed && k.id <= r.maxID[k.entity] && !r.wasUndone(k) {
			r.t.Errorf("%v reuses an id", k)
		}
	}
}

// wasUndone reports whether k is a record that some change in the history
// knows (so undo or redo may bring it back under its id).
func (r *historyRun) wasUndone(k recordKey) bool {
	for _, c := range r.oracle {
		if _, ok := c.before[k]; ok {
			return true
		}
	}
	return false
}

func (r *historyRun) noteIDs(states recordStates) {
	for k := range states {
		r.maxID[k.entity] = max(r.maxID[k.entity], k.id)
	}
}

// replay undoes or redoes by s and checks the result against the oracle.
func (r *historyRun) replay(s *Store, who string, before recordStates, undo bool) {
	t := r.t
	kind := "redo"
	next := r.a.History().NextRedo
	if undo {
		kind, next = "undo", r.a.History().NextUndo
	}
	c, ok, err := next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fileBefore := fileState(t, r.a)
	var got Change
	if undo {
		got, err = s.History().Undo(ctx)
	} else {
		got, err = s.History().Redo(ctx)
	}
	if !ok {
		if !errors.Is(err, ErrNothingToUndo) && !errors.Is(err, ErrNothingToRedo) {
			t.Errorf("%s with an empty history: %v", kind, err)
		}
		return
	}
	change, known := r.oracle[c.Seq]
	if !known {
		t.Fatalf("change %d is not one this run made", c.Seq)
	}
	// The records must be as the change left them (undo) or found them.
	want, target := change.after, change.before
	if !undo {
		want, target = change.before, change.after
	}
	matches := true
	for k, v := range want {
		if before[k] != v {
			matches = false
		}
	}
	var conflict *ConflictError
	if errors.As(err, &conflict) {
		r.counts["refused "+kind]++
		r.logf("%s by %s of change %d refused: %v", kind, who, c.Seq, err)
		if after := fileState(t, r.a); !mapsEqual(fileBefore, after) {
			t.Errorf("a refused %s changed the file", kind)
		}
		if conflict.Change.Seq != c.Seq || conflict.Undo != undo {
			t.Errorf("the refusal names change %d (undo %v), want %d", conflict.Change.Seq, conflict.Undo, c.Seq)
		}
		switch conflict.Problem {
		case ProblemCited, ProblemMissing:
			// A link to a record outside the change: the records may
			// well be as the change left them.
		default:
			if matches {
				t.Errorf("%s refused (%v) though its records are as the change left them", kind, err)
			}
		}
		if r.rng.IntN(10) < 7 {
			if err := s.History().Skip(ctx, conflict.Change.Seq, undo); err != nil {
				t.Errorf("skip: %v", err)
			}
			delete(r.oracle, c.Seq)
			r.counts["skip"]++
			if after := readRecordStates(t, r.a); !mapsEqual(before, after) {
				t.Errorf("skipping changed records")
			}
		}
		return
	}
	if err != nil {
		t.Errorf("%s: %v", kind, err)
		return
	}
	r.counts[kind]++
	if !matches {
		t.Errorf("%s of change %d went ahead though its records changed since", kind, c.Seq)
	}
	if got.Seq != c.Seq {
		t.Errorf("%s replayed change %d, want %d", kind, got.Seq, c.Seq)
	}
	after := readRecordStates(t, r.a)
	r.logf("%s by %s of change %d: %v", kind, who, c.Seq, changedKeys(before, after))
	for k, v := range target {
		if after[k] != v {
			t.Errorf("%s of change %d left %v as\n%q\nwant\n%q", kind, c.Seq, k, after[k], v)
		}
	}
	for _, k := range changedKeys(before, after) {
		if _, ok := target[k]; !ok {
			t.Errorf("%s of change %d changed %v, which the change did not touch", kind, c.Seq, k)
		}
	}
	r.noteIDs(after)
}

func mapsEqual[K comparable, V any](a, b map[K]V) bool {
	return maps.EqualFunc(a, b, func(x, y V) bool { return fmt.Sprint(x) == fmt.Sprint(y) })
}

// edit reads the record id with read, changes it with change and saves it
// with save (the read is not checked: the record was picked among those
// there).
func edit[T any](id int64, read func(context.Context, int64) (T, error), save func(context.Context, T) (T, error),
	change func(*T)) error {
	v, _ := read(ctx, id)
	change(&v)
	_, err := save(ctx, v)
	return err
}

// outsideWrite changes the file with plain SQL, as a program that does not
// keep the history would, and returns the records it targets (nil if it
// found nothing to do).
func (r *historyRun) outsideWrite(states recordStates) []recordKey {
	t := r.t
	exec := func(query string, args ...any) {
		if _, err := r.a.db.Exec(query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	// onOne writes to a record of entity picked at random and names it;
	// nil when there is none.
	onOne := func(entity string, write func(id int64)) []recordKey {
		id, ok := r.pick(states, entity)
		if !ok {
			return nil
		}
		write(id)
		return []recordKey{{entity, id}}
	}
	switch r.rng.IntN(4) {
	case 0:
		return onOne(EntityEvent, func(id int64) {
			exec("UPDATE events SET title = title || ' (outside)' WHERE id = ?", id)
		})
	case 1:
		return onOne(EntityPrediction, func(id int64) {
			exec("DELETE FROM predictions WHERE id = ?", id)
		})
	case 2:
		return onOne(EntityPrediction, func(id int64) {
			exec("INSERT INTO tags (name) VALUES ('outside') ON CONFLICT DO NOTHING")
			exec("INSERT OR IGNORE INTO prediction_tags (prediction_id, tag_id) SELECT ?, id FROM tags WHERE name = 'outside'", id)
		})
	default:
		// An event under the id of a deleted one, as schema 1 could give.
		var free []int64
		for id := int64(1); id <= r.maxID[EntityEvent]; id++ {
			if _, ok := states[recordKey{EntityEvent, id}]; !ok {
				free = append(free, id)
			}
		}
		if len(free) == 0 {
			return nil
		}
		id := free[r.rng.IntN(len(free))]
		exec(`INSERT INTO events (id, title, date, earliest, latest, category, created_at, updated_at)
			VALUES (?, 'Written outside', '2024', 19723, 20088, 'other', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')`, id)
		return []recordKey{{EntityEvent, id}}
	}
}
