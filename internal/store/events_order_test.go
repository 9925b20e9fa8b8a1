package store

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/synth"
)

// TestEventsPageInAnyOrder: pages read in a sort order join into the
// whole list in that order, with no event twice or missing, as a table
// pages through a large database.
func TestEventsPageInAnyOrder(t *testing.T) {
	s := openTemp(t)
	events := synth.New(3).Events(230)
	for i := range events {
		if i%3 == 0 { // a Chinese title on some, as real data has
			events[i].TitleZh = fmt.Sprintf("中文标题 %03d", 230-i)
		}
	}
	if _, err := s.Bulk().AddEvents(ctx, events); err != nil {
		t.Fatal(err)
	}
	all, err := s.Events(ctx, EventQuery{Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	byDate := func(a, b model.Event) int {
		return cmp.Or(cmp.Compare(a.Earliest(), b.Earliest()), cmp.Compare(a.Latest(), b.Latest()), cmp.Compare(a.ID, b.ID))
	}
	orders := map[EventOrder]func(a, b model.Event) int{
		OrderDate: byDate,
		OrderTitle: func(a, b model.Event) int {
			return cmp.Or(strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), byDate(a, b))
		},
		OrderTitleZh: func(a, b model.Event) int {
			return cmp.Or(strings.Compare(strings.ToLower(a.DisplayTitle("zh")), strings.ToLower(b.DisplayTitle("zh"))), byDate(a, b))
		},
		OrderActor: func(a, b model.Event) int {
			return cmp.Or(strings.Compare(strings.ToLower(a.Actor), strings.ToLower(b.Actor)), byDate(a, b))
		},
		OrderCategory: func(a, b model.Event) int {
			return cmp.Or(strings.Compare(string(a.Category), string(b.Category)), byDate(a, b))
		},
	}
	for order, compare := range orders {
		for _, desc := range []bool{false, true} {
			want := slices.Clone(all)
			slices.SortFunc(want, func(a, b model.Event) int {
				if desc {
					return compare(b, a)
				}
				return compare(a, b)
			})
			var got []model.Event
			for offset := 0; ; offset += 17 {
				page, err := s.Events(ctx, EventQuery{Brief: true, Order: order, Desc: desc, Limit: 17, Offset: offset})
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, page...)
				if len(page) < 17 {
					break
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%q desc %v: %d events in pages, want %d", order, desc, len(got), len(want))
			}
			for i := range want {
				if got[i].ID != want[i].ID {
					t.Fatalf("%q desc %v: row %d is event %d (%q), want %d (%q)", order, desc, i, got[i].ID, got[i].Title, want[i].ID, want[i].Title)
				}
			}
		}
	}
	if _, err := s.Events(ctx, EventQuery{Order: "colour"}); err == nil {
		t.Error("an unknown order was accepted")
	}
}
