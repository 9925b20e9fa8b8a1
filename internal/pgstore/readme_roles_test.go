package pgstore_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/when"
)

// TestTheReadmesRolesWork follows README's "Share a timeline with your
// team" on a server of its own: an owner creates and seeds the database,
// a superuser runs the README's SQL exactly as written, and then its editor
// writes and undoes while its viewer reads and is refused every write.
func TestTheReadmesRolesWork(t *testing.T) {
	ctx := context.Background()
	grants := readmeSQL(t, "## Share a timeline with your team")
	srv := pgtest.StartOwn(t)
	// sudo -u postgres createuser --pwprompt hindsight_owner
	// sudo -u postgres createdb --owner hindsight_owner hindsight
	if err := srv.Exec(ctx, "postgres", "CREATE ROLE hindsight_owner LOGIN PASSWORD 'owner-secret'"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Exec(ctx, "postgres", "CREATE DATABASE hindsight OWNER hindsight_owner TEMPLATE template0"); err != nil {
		t.Fatal(err)
	}
	owner, err := pgstore.OpenSeeded(ctx, srv.URL("hindsight", "hindsight_owner", "owner-secret"))
	if err != nil {
		t.Fatalf("the owner's first connection (creating the schema): %v", err)
	}
	seeded, err := owner.Events(ctx, store.EventQuery{})
	owner.Close()
	if err != nil || len(seeded) == 0 {
		t.Fatalf("the owner's first connection seeded %d events (%v)", len(seeded), err)
	}
	if err := srv.Exec(ctx, "hindsight", grants); err != nil {
		t.Fatalf("the README's SQL: %v", err)
	}

	editor, err := pgstore.Open(ctx, srv.URL("hindsight", "ana", "choose-one"))
	if err != nil {
		t.Fatalf("the editor connects: %v", err)
	}
	defer editor.Close()
	if ok, err := editor.CanWrite(ctx); err != nil || !ok {
		t.Fatalf("the editor may write: %v (%v)", ok, err)
	}
	added, err := editor.AddEvent(ctx, model.Event{Title: "Team note", Date: when.MustParse("2024-05-13"), Category: model.CategoryProduct, Tags: []string{"team-only"}})
	if err != nil {
		t.Fatalf("the editor adds an event: %v", err)
	}
	if _, err := editor.History().Undo(ctx); err != nil {
		t.Fatalf("the editor undoes the addition: %v", err)
	}
	if _, err := editor.Event(ctx, added.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("after the undo the event is still there (%v)", err)
	}

	viewer, err := pgstore.Open(ctx, srv.URL("hindsight", "ben", "choose-another"))
	if err != nil {
		t.Fatalf("the viewer connects: %v", err)
	}
	defer viewer.Close()
	if ok, err := viewer.CanWrite(ctx); err != nil || ok {
		t.Fatalf("the viewer may write: %v (%v)", ok, err)
	}
	if got, err := viewer.Events(ctx, store.EventQuery{}); err != nil || len(got) != len(seeded) {
		t.Fatalf("the viewer reads %d events (%v), want %d", len(got), err, len(seeded))
	}
	if _, err := viewer.AddEvent(ctx, model.Event{Title: "Not allowed", Date: when.MustParse("2024"), Category: model.CategoryProduct}); !errors.Is(err, store.ErrReadOnly) {
		t.Fatalf("the viewer's write gave %v, want the read-only error", err)
	}
}

// readmeSQL returns the first ```sql block of README's section heading.
func readmeSQL(t *testing.T, heading string) string {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("README has no section %q", heading)
	}
	_, block, ok := strings.Cut(section, "```sql\n")
	if !ok {
		t.Fatalf("README's section %q has no SQL", heading)
	}
	sql, _, _ := strings.Cut(block, "```")
	return sql
}
