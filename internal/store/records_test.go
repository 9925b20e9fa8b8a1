package store

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store/storetest/fixture"
	"github.com/hindsight-app/hindsight/internal/when"
)

// newPrediction is the tests' sample open prediction (see
// fixture.Prediction).
func newPrediction(statement string) model.Prediction { return fixture.Prediction(statement) }

func TestBackupIsConsistentCopy(t *testing.T) {
	s := openTemp(t)
	mustEvent(t, s, "kept in backup", "2024-05")
	path := t.TempDir() + "/copy.db"
	if err := s.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, path); err == nil {
		t.Error("backup over an existing file should be refused")
	}
	b := openPath(t, path)
	if v, _ := b.Check(ctx); v != "ok" {
		t.Errorf("integrity_check = %q", v)
	}
	if n, _ := b.Summary().CountEvents(ctx, filter.Filter{}); n != 1 {
		t.Errorf("backup holds %d events", n)
	}
}

func TestBackupWhileWritingIsValid(t *testing.T) {
	s := openTemp(t)
	stop := make(chan struct{})
	done := make(chan int)
	go func() {
		n := 0
		for {
			select {
			case <-stop:
				done <- n
				return
			default:
			}
			if _, err := s.AddEvent(ctx, model.Event{Title: "written during the backup", Date: when.MustParse("2024-01-02"), Category: model.CategoryOther}); err == nil {
				n++
			}
		}
	}()
	dir := t.TempDir()
	for i := 0; i < 3; i++ {
		path := filepath.Join(dir, fmt.Sprintf("backup-%d.db", i))
		if err := s.Backup(ctx, path); err != nil {
			t.Fatal(err)
		}
		b, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if v, err := b.Check(ctx); err != nil || v != "ok" {
			t.Errorf("backup %d: integrity_check = %q, %v", i, v, err)
		}
		b.Close()
	}
	close(stop)
	if n := <-done; n == 0 {
		t.Error("no write happened during the backups, so the test proved nothing")
	}
}
