package tracking

import (
	"errors"
	"fmt"
	"slices"
	"testing"
)

// journal stands for a transaction: it notes each step as it runs.
type journal []string

// steps notes every step in the journal; keys are "entity:id" and a
// state is the list of keys read.
func steps() Steps[*journal, string, []string] {
	return Steps[*journal, string, []string]{
		Key: func(entity string, id int64) string { return fmt.Sprintf("%s:%d", entity, id) },
		Read: func(tx *journal, keys []string) ([]string, error) {
			*tx = append(*tx, fmt.Sprint("read ", keys))
			return slices.Clone(keys), nil
		},
		Settle: func(tx *journal, before []string) error {
			*tx = append(*tx, fmt.Sprint("settle ", before))
			return nil
		},
		Record: func(tx *journal, id int64, label string, keys []string, before, after []string) error {
			*tx = append(*tx, fmt.Sprintf("record %d %q %v %v %v", id, label, keys, before, after))
			return nil
		},
	}
}

func TestAnAddReadsTheNewRecordAfterTheChange(t *testing.T) {
	var tx journal
	id, err := steps().Run(&tx, "event", 0, nil, func(tx *journal) (int64, string, error) {
		*tx = append(*tx, "change")
		return 7, "GPT-4", nil
	})
	want := journal{"read []", "change", "settle []", "read [event:7]", `record 7 "GPT-4" [event:7] [] [event:7]`}
	if err != nil || id != 7 || !slices.Equal(tx, want) {
		t.Errorf("Run gave %d, %v, with steps\n%q\nwant\n%q", id, err, tx, want)
	}
}

func TestAChangeReadsItsRecordAndTheRelatedOnesBeforeAndAfter(t *testing.T) {
	var tx journal
	related := func(tx *journal) ([]string, error) {
		*tx = append(*tx, "related")
		return []string{"prediction:3"}, nil
	}
	id, err := steps().Run(&tx, "event", 5, related, func(tx *journal) (int64, string, error) {
		*tx = append(*tx, "change")
		return 5, "GPT-4", nil
	})
	want := journal{"related", "read [event:5 prediction:3]", "change", "settle [event:5 prediction:3]",
		"read [event:5 prediction:3]", `record 5 "GPT-4" [event:5 prediction:3] [event:5 prediction:3] [event:5 prediction:3]`}
	if err != nil || id != 5 || !slices.Equal(tx, want) {
		t.Errorf("Run gave %d, %v, with steps\n%q\nwant\n%q", id, err, tx, want)
	}
}

func TestAFailedChangeRecordsNothing(t *testing.T) {
	var tx journal
	refused := errors.New("refused")
	_, err := steps().Run(&tx, "event", 5, nil, func(*journal) (int64, string, error) { return 0, "", refused })
	if !errors.Is(err, refused) || !slices.Equal(tx, journal{"read [event:5]"}) {
		t.Errorf("Run gave %v, with steps %q", err, tx)
	}
}
