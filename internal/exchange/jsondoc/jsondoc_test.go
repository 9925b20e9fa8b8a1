package jsondoc

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/exchange/record"
)

func TestCheckJSON(t *testing.T) {
	ctx := context.Background()
	deep := strings.Repeat(`{"a":`, record.MaxJSONDepth+1) + "1" + strings.Repeat("}", record.MaxJSONDepth+1)
	if err := Check(ctx, []byte(deep)); !errors.Is(err, record.ErrTooDeep) {
		t.Errorf("depth %d objects: %v", record.MaxJSONDepth+1, err)
	}
	// A million open brackets are refused at the 65th, without recursion.
	if err := Check(ctx, []byte(strings.Repeat("[", 1_000_000))); !errors.Is(err, record.ErrTooDeep) {
		t.Errorf("a million brackets: %v", err)
	}
	ok := strings.Repeat(`[`, record.MaxJSONDepth) + strings.Repeat("]", record.MaxJSONDepth)
	if err := Check(ctx, []byte(ok)); err != nil {
		t.Errorf("depth %d: %v", record.MaxJSONDepth, err)
	}
	for _, bad := range []string{`{"a":1`, `{"a":"b`, `{"a":}`, `{} x`, "  "} {
		if err := Check(ctx, []byte(bad)); err == nil {
			t.Errorf("Check(%q) accepted it", bad)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	long := "[" + strings.Repeat("1,", 100_000) + "1]"
	if err := Check(cancelled, []byte(long)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
