package engine_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/pgstore"
	"github.com/hindsight-app/hindsight/internal/pgtest"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/store/storetest"
	"github.com/hindsight-app/hindsight/internal/store/storetest/fixture"
	"github.com/hindsight-app/hindsight/internal/synth"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The conformance suite: every case runs against a SQLite file in
// t.TempDir() and against a fresh database of a real PostgreSQL server,
// from this one source.

var ctx = context.Background()

func TestMain(m *testing.M) { pgtest.Main(m, closeBenchDBs) }

// eachEngine runs check against a new, empty database of each engine.
func eachEngine(t *testing.T, check func(t *testing.T, db engine.Events)) {
	t.Run("sqlite", func(t *testing.T) { check(t, openSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { check(t, openPostgres(t)) })
}

func openSQLite(t *testing.T) engine.Events {
	s, err := store.Open(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return engine.SQLite(s)
}

func openPostgres(t *testing.T) engine.Events {
	s, err := pgstore.Open(ctx, pgtest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return engine.PostgreSQL(s)
}

func mustEvent(t *testing.T, db engine.Events, title, date string) model.Event {
	t.Helper()
	e, err := db.AddEvent(ctx, model.Event{Title: title, Date: when.MustParse(date), Category: model.CategoryModel})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// checkDeleteLeavesNothing deletes record id and checks that reading it,
// deleting it again and updating it (as r) are then store.ErrNotFound.
func checkDeleteLeavesNothing[R any](t *testing.T, kind string, id int64, r R,
	del func(context.Context, int64) error,
	get func(context.Context, int64) (R, error),
	update func(context.Context, R) (R, error)) {
	t.Helper()
	if err := del(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := get(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("reading a deleted %s gave %v", kind, err)
	}
	if err := del(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleting the %s again gave %v", kind, err)
	}
	if _, err := update(ctx, r); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("updating the deleted %s gave %v", kind, err)
	}
}

// idsOf lists the ids of records, in order.
func idsOf[R model.Event | model.Prediction](records []R) []int64 {
	var out []int64
	for _, r := range records {
		switch r := any(r).(type) {
		case model.Event:
			out = append(out, r.ID)
		case model.Prediction:
			out = append(out, r.ID)
		}
	}
	return out
}

func TestEventRoundTrip(t *testing.T) {
	eachEngine(t, func(t *testing.T, db engine.Events) {
		in := model.Event{
			Title: "  OpenAI releases GPT-4 ", TitleZh: "OpenAI 发布 GPT-4",
			Date: when.MustParse("2023-03-14"), Actor: "OpenAI", Category: model.CategoryModel,
			Tags:        []string{"GPT-4", "Multi Modal", "gpt-4"},
			Description: "A *large* multimodal model.",
			Links:       []model.Link{{URL: "https://openai.com/research/gpt-4", Quote: "GPT-4 is here"}, {URL: "https://arxiv.org/abs/2303.08774"}},
		}
		saved, err := db.AddEvent(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Event(ctx, saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "OpenAI releases GPT-4" || got.TitleZh != in.TitleZh || got.Actor != "OpenAI" || got.Description != in.Description {
			t.Errorf("text fields: %+v", got)
		}
		if !reflect.DeepEqual(got.Tags, []string{"gpt-4", "multi-modal"}) {
			t.Errorf("tags = %v", got.Tags)
		}
		if !reflect.DeepEqual(got.Links, in.Links) {
			t.Errorf("links = %v, want %v", got.Links, in.Links)
		}
		if got.Date != in.Date || got.CreatedAt.IsZero() || !got.CreatedAt.Equal(saved.CreatedAt) || got.CreatedAt.Location() != saved.CreatedAt.Location() {
			t.Errorf("date %v created %v (saved %v)", got.Date, got.CreatedAt, saved.CreatedAt)
		}

		got.End = when.MustParse("2023-03-20")
		got.Tags = []string{"gpt-4"}
		got.Links = got.Links[:1]
		updated, err := db.UpdateEvent(ctx, got)
		if err != nil {
			t.Fatal(err)
		}
		if updated.End.String() != "2023-03-20" || len(updated.Tags) != 1 || len(updated.Links) != 1 {
			t.Errorf("update not stored: %+v", updated)
		}
		brief, err := db.Events(ctx, store.EventQuery{Brief: true})
		if err != nil || len(brief) != 1 {
			t.Fatalf("brief list: %v, %v", brief, err)
		}
		if brief[0].Description != "" || len(brief[0].Links) != 0 || !reflect.DeepEqual(brief[0].Tags, []string{"gpt-4"}) {
			t.Errorf("a brief event keeps its tags and leaves out description and links: %+v", brief[0])
		}
		checkDeleteLeavesNothing(t, "event", saved.ID, got, db.DeleteEvent, db.Event, db.UpdateEvent)
	})
}

func TestInvalidEventsWriteNothing(t *testing.T) {
	eachEngine(t, func(t *testing.T, db engine.Events) {
		bad := []struct {
			name  string
			event model.Event
			field string
		}{
			{"empty title", model.Event{Title: "  ", Date: when.MustParse("2023")}, "title"},
			{"no date", model.Event{Title: "x"}, "date"},
			{"end before start", model.Event{Title: "x", Date: when.MustParse("2023-05"), End: when.MustParse("2023-02")}, "end"},
			{"not a web link", model.Event{Title: "x", Date: when.MustParse("2023"), Links: []model.Link{{URL: "javascript:alert(1)"}}}, "links[0].url"},
			{"bad category", model.Event{Title: "x", Date: when.MustParse("2023"), Category: "gossip"}, "category"},
		}
		for _, c := range bad {
			_, err := db.AddEvent(ctx, c.event)
			var ve *model.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("%s: got %v, want a validation error", c.name, err)
			}
			if _, ok := ve.For(c.field); !ok {
				t.Errorf("%s: no problem reported for %s: %v", c.name, c.field, err)
			}
		}
		good := model.Event{Title: "fine", Date: when.MustParse("2023"), Category: model.CategoryOther}
		if _, err := db.AddEvents(ctx, []model.Event{good, bad[0].event}); err == nil {
			t.Error("a bulk save with an invalid event was accepted")
		}
		if n, _ := db.CountEvents(ctx, filter.Filter{}); n != 0 {
			t.Errorf("%d events written by invalid adds", n)
		}
	})
}

func TestWindowQueryOverlapsFuzzyDates(t *testing.T) {
	eachEngine(t, func(t *testing.T, db engine.Events) {
		month := mustEvent(t, db, "GPT-4 finishes training", "2022-08")
		day := mustEvent(t, db, "ChatGPT", "2022-11-30")
		span, err := db.AddEvent(ctx, model.Event{Title: "Long span", Date: when.MustParse("2022-01"), End: when.MustParse("2023-12"), Category: model.CategoryOther})
		if err != nil {
			t.Fatal(err)
		}
		ids := func(w store.Window) []int64 {
			events, err := db.Events(ctx, store.EventQuery{Window: &w})
			if err != nil {
				t.Fatal(err)
			}
			return idsOf(events)
		}
		mid := when.DayOf(2022, 8, 15)
		if got := ids(store.Window{From: mid, To: mid}); !reflect.DeepEqual(got, []int64{span.ID, month.ID}) {
			t.Errorf("a day inside August 2022 overlaps %v, want span and month", got)
		}
		if got := ids(store.Window{From: when.DayOf(2022, 11, 30), To: when.DayOf(2022, 12, 31)}); !reflect.DeepEqual(got, []int64{span.ID, day.ID}) {
			t.Errorf("Nov 30–Dec 31 overlaps %v", got)
		}
		if got := ids(store.Window{From: when.DayOf(2024, 1, 1), To: when.DayOf(2024, 12, 31)}); len(got) != 0 {
			t.Errorf("2024 overlaps %v, want none", got)
		}
		first, last, ok, err := db.Extent(ctx, filter.Filter{})
		if err != nil || !ok || first != when.DayOf(2022, 1, 1) || last != when.DayOf(2023, 12, 31) {
			t.Errorf("extent %v..%v %v %v", first, last, ok, err)
		}
		if _, _, ok, err := db.Extent(ctx, filter.Filter{Actors: []string{"nobody"}}); ok || err != nil {
			t.Errorf("the extent of no events: ok %v, %v", ok, err)
		}
		got, err := db.Events(ctx, store.EventQuery{IDs: []int64{day.ID, span.ID, 999}})
		if err != nil || !reflect.DeepEqual(idsOf(got), []int64{span.ID, day.ID}) {
			t.Errorf("by ids: %v, %v", idsOf(got), err)
		}
	})
}

func TestSearchEnglishAndChinese(t *testing.T) {
	eachEngine(t, func(t *testing.T, db engine.Events) {
		a, _ := db.AddEvent(ctx, model.Event{Title: "Chinese labs launch a wave of base models", TitleZh: "百模大战", Date: when.MustParse("2023"), Category: model.CategoryModel})
		b, _ := db.AddEvent(ctx, model.Event{Title: "Yi model accused of being a LLaMA wrapper", TitleZh: "零一万物 Yi 被指套壳 LLaMA", Date: when.MustParse("2023-11"), Category: model.CategoryModel, Actor: "零一万物"})
		c, _ := db.AddEvent(ctx, model.Event{Title: "50% off_peak pricing", Description: `a \ backslash`, Date: when.MustParse("2024"), Category: model.CategoryProduct})
		cases := []struct {
			query string
			want  []int64
		}{
			{"百", []int64{a.ID}},              // one character
			{"百模", []int64{a.ID}},             // two characters
			{"套壳", []int64{b.ID}},             // two characters
			{"百模大战", []int64{a.ID}},           // four characters: trigram index
			{"零一万物", []int64{b.ID}},           // actor
			{"llama", []int64{b.ID}},          // case-insensitive
			{"LL", []int64{b.ID}},             // short, case-insensitive
			{"yI", []int64{b.ID}},             // short, case-insensitive
			{"base models", []int64{a.ID}},    // every word
			{"模 wave", []int64{a.ID}},         // short and long words together
			{"model", []int64{a.ID, b.ID}},    // in two
			{"wave Yi", nil},                  // no event has both
			{"models百模", nil},                 // no word spans two fields
			{`"unbalanced`, nil},              // query syntax is searched literally
			{"100%", nil},                     // % is a character, not a wildcard
			{"50%", []int64{c.ID}},            // …which is found
			{"o_f", nil},                      // _ is a character, not a wildcard
			{"off_p", []int64{c.ID}},          //
			{`\`, []int64{c.ID}},              // a backslash
			{"  ", []int64{a.ID, b.ID, c.ID}}, // no words: everything
		}
		for _, cs := range cases {
			events, err := db.Events(ctx, store.EventQuery{Search: cs.query})
			if err != nil {
				t.Errorf("search %q: %v", cs.query, err)
				continue
			}
			if got := idsOf(events); !reflect.DeepEqual(got, cs.want) {
				t.Errorf("search %q = %v, want %v", cs.query, got, cs.want)
			}
		}
	})
}

// TestSearchFindsTheSameOnBothEngines: many queries of one, two and three
// or more characters, English and Chinese, over the same events, find the
// same events on both engines.
func TestSearchFindsTheSameOnBothEngines(t *testing.T) {
	events := searchCorpus()
	sqlite, pg := openSQLite(t), openPostgres(t)
	for _, db := range []engine.Events{sqlite, pg} {
		if _, err := db.AddEvents(ctx, slices.Clone(events)); err != nil {
			t.Fatal(err)
		}
	}
	queries := []string{"百", "模", "大", "百模", "套壳", "模型", "大模型", "百模大战", "开源模型", "发布",
		"o", "O", "ai", "AI", "Ai", "gpt", "GPT-4", "gpt-4o", "model", "Model", "release", "OpenAI", "openai",
		"llama", "Llama 2", "ERNIE", "文心", "文心一言", "智谱", "zhipu", "base model", "开源 model", "x", "2023", "-", "ÉTÉ", "été"}
	for _, q := range queries {
		a, err := sqlite.Events(ctx, store.EventQuery{Search: q, Brief: true})
		if err != nil {
			t.Fatal(err)
		}
		b, err := pg.Events(ctx, store.EventQuery{Search: q, Brief: true})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(idsOf(a), idsOf(b)) {
			t.Errorf("search %q: SQLite finds %d events, PostgreSQL %d (%v / %v)", q, len(a), len(b), idsOf(a), idsOf(b))
		}
	}
}

// searchCorpus is generated events with English and Chinese text of
// real-world shapes.
func searchCorpus() []model.Event {
	zh := []string{"百模大战", "零一万物被指套壳", "文心一言发布", "智谱开源模型", "大模型备案", "开源 LLaMA 2", "通义千问"}
	en := []string{"OpenAI releases GPT-4", "Meta open-sources Llama 2", "Baidu launches ERNIE Bot", "Zhipu AI base model", "GPT-4o Omni", "Summer été model"}
	events := synth.New(11).Events(600)
	for i := range events {
		if i%3 == 0 {
			events[i].TitleZh = zh[i%len(zh)]
		}
		if i%4 == 0 {
			events[i].Title = en[i%len(en)] + fmt.Sprint(" ", i)
		}
		if i%5 == 0 {
			events[i].Description = zh[(i+2)%len(zh)] + " " + en[(i+3)%len(en)]
		}
	}
	return events
}

// TestFilterKeepsWhatApplyKeeps: an engine's query for a filter keeps
// exactly the events the filter keeps in memory, whatever it combines.
func TestFilterKeepsWhatApplyKeeps(t *testing.T) {
	eachEngine(t, func(t *testing.T, db engine.Events) {
		g := synth.New(7)
		if _, err := db.AddEvents(ctx, g.Events(3000)); err != nil {
			t.Fatal(err)
		}
		all, err := db.Events(ctx, store.EventQuery{Brief: true})
		if err != nil {
			t.Fatal(err)
		}
		actor, tag := all[10].Actor, ""
		for _, e := range all {
			if len(e.Tags) > 0 {
				tag = e.Tags[0]
				break
			}
		}
		for _, f := range []filter.Filter{
			{},
			{Categories: []model.Category{model.CategoryModel, model.CategoryPolicy}},
			{Actors: []string{strings.ToUpper(actor), "  nobody  "}},
			{Tags: []string{tag}},
			{From: "2021", To: "mid-2022"},
			{From: "2022-03"},
			{To: "2019"},
			{From: "not a date", To: "2020"},
			{From: "2024", To: "2020"}, // reversed: ignored
			{Categories: []model.Category{model.CategoryModel}, Actors: []string{actor}, Tags: []string{tag}, From: "2018"},
			(filter.Filter{Batch: &filter.ImportBatch{Change: 1}}).WithBatchRecords([]int64{all[0].ID, all[5].ID, all[2999].ID}, nil),
			{Batch: &filter.ImportBatch{Change: 1}}, // unresolved: keeps nothing
		} {
			want, _ := f.Apply(all, nil)
			got, err := db.Events(ctx, store.EventQuery{Filter: f, Brief: true})
			if err != nil {
				t.Fatalf("%+v: %v", f, err)
			}
			if !reflect.DeepEqual(idsOf(got), idsOf(want)) {
				t.Errorf("%+v: the engine keeps %d events, Apply keeps %d", f, len(got), len(want))
			}
			n, err := db.CountEvents(ctx, f)
			if err != nil || n != len(want) {
				t.Errorf("%+v: counts %d (%v), Apply keeps %d", f, n, err, len(want))
			}
		}
	})
}

// TestEventsPageInAnyOrder: pages read in a sort order join into the
// whole list in that order, with no event twice or missing.
func TestEventsPageInAnyOrder(t *testing.T) {
	eachEngine(t, func(t *testing.T, db engine.Events) {
		events := synth.New(3).Events(230)
		for i := range events {
			if i%3 == 0 { // a Chinese title on some, as real data has
				events[i].TitleZh = fmt.Sprintf("中文标题 %03d", 230-i)
			}
			if i%7 == 0 { // and titles that differ only by case
				events[i].Title = strings.ToUpper(events[i-i%14].Title)
			}
		}
		if _, err := db.AddEvents(ctx, events); err != nil {
			t.Fatal(err)
		}
		all, err := db.Events(ctx, store.EventQuery{Brief: true})
		if err != nil {
			t.Fatal(err)
		}
		byDate := func(a, b model.Event) int {
			return cmp.Or(cmp.Compare(a.Earliest(), b.Earliest()), cmp.Compare(a.Latest(), b.Latest()), cmp.Compare(a.ID, b.ID))
		}
		orders := map[store.EventOrder]func(a, b model.Event) int{
			store.OrderDate: byDate,
			store.OrderTitle: func(a, b model.Event) int {
				return cmp.Or(strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), byDate(a, b))
			},
			store.OrderTitleZh: func(a, b model.Event) int {
				return cmp.Or(strings.Compare(strings.ToLower(a.DisplayTitle("zh")), strings.ToLower(b.DisplayTitle("zh"))), byDate(a, b))
			},
			store.OrderActor: func(a, b model.Event) int {
				return cmp.Or(strings.Compare(strings.ToLower(a.Actor), strings.ToLower(b.Actor)), byDate(a, b))
			},
			store.OrderCategory: func(a, b model.Event) int {
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
					page, err := db.Events(ctx, store.EventQuery{Brief: true, Order: order, Desc: desc, Limit: 17, Offset: offset})
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, page...)
					if len(page) < 17 {
						break
					}
				}
				if !reflect.DeepEqual(idsOf(got), idsOf(want)) {
					t.Fatalf("%q desc %v: the pages are not the list in order", order, desc)
				}
			}
		}
		if _, err := db.Events(ctx, store.EventQuery{Order: "colour"}); err == nil {
			t.Error("an unknown order was accepted")
		}
	})
}

// checkBuckets compares the kept counts with a count of the events as
// they are now.
func checkBuckets(t *testing.T, db engine.Events, after string) {
	t.Helper()
	all, err := db.Events(ctx, store.EventQuery{Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, dim := range []string{store.DimActor, store.DimCategory} {
		want := map[string]int{}
		for _, e := range all {
			want[fmt.Sprint(storetest.LaneOf(e, dim), "/", int64(e.Earliest())>>store.BucketShift)]++
		}
		got, err := db.Buckets(ctx, dim, filter.Filter{}, -1<<30, 1<<30)
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]int{}
		for _, b := range got {
			have[fmt.Sprint(b.Lane, "/", b.Bucket)] = b.N
		}
		if fmt.Sprint(have) != fmt.Sprint(want) {
			t.Errorf("after %s, by %s: %d buckets kept, %d counted", after, dim, len(have), len(want))
		}
	}
	if n, err := db.CountEvents(ctx, filter.Filter{}); err != nil || n != len(all) {
		t.Errorf("after %s: counts %d events (%v), lists %d", after, n, err, len(all))
	}
}

// TestBucketsFollowEveryWrite: the timeline's counts stay equal to a count
// of the events through adds, edits, deletes and bulk saves.
func TestBucketsFollowEveryWrite(t *testing.T) {
	eachEngine(t, func(t *testing.T, db engine.Events) {
		fixture.WriteEventsEachWay(t, db, func(after string) { checkBuckets(t, db, after) })
		if _, err := db.AddEvents(ctx, synth.New(3).Events(2000)); err != nil {
			t.Fatal(err)
		}
		checkBuckets(t, db, "a bulk save")
	})
}

// TestLanesAndBucketsCountWhatTheFilterKeeps: for every dimension, with
// and without a filter, the lanes and the bucket counts of a window equal
// a count of the events Filter.Apply keeps; the rows of some lanes are
// the events of those lanes.
func TestLanesAndBucketsCountWhatTheFilterKeeps(t *testing.T) {
	eachEngine(t, func(t *testing.T, db engine.Events) {
		events := synth.New(5).Events(3000)
		events[0].Actor, events[0].Tags = "", nil
		if _, err := db.AddEvents(ctx, events); err != nil {
			t.Fatal(err)
		}
		all, err := db.Events(ctx, store.EventQuery{})
		if err != nil {
			t.Fatal(err)
		}
		filters := map[string]filter.Filter{
			"none":     {},
			"category": {Categories: []model.Category{model.CategoryModel, model.CategoryPolicy}},
			"tag":      {Tags: []string{all[7].Tags[0]}},
			"actor":    {Actors: []string{strings.ToUpper(all[3].Actor)}},
			"window":   {From: "2020", To: "2021-06"},
			// Parts of a filter for predictions only leave the events whole.
			"states": {States: []model.State{model.StateOpen}, Kinds: []model.Kind{model.KindForecast}},
		}
		from, to := all[len(all)/3].Earliest(), all[2*len(all)/3].Earliest()
		lo, hi := int64(from)>>store.BucketShift, int64(to)>>store.BucketShift
		for fname, f := range filters {
			keptEvents, _ := f.Apply(all, nil)
			for _, dim := range []string{store.DimActor, store.DimCategory, store.DimTag} {
				name := fname + "/" + dim
				wantLanes := map[string]int{}
				wantBuckets := map[string]int{}
				for _, e := range keptEvents {
					wantLanes[storetest.LaneOf(e, dim)]++
					if b := int64(e.Earliest()) >> store.BucketShift; b >= lo && b <= hi {
						wantBuckets[fmt.Sprint(storetest.LaneOf(e, dim), "/", b)]++
					}
				}
				lanes, err := db.Lanes(ctx, dim, f)
				if err != nil {
					t.Fatal(name, err)
				}
				gotLanes := map[string]int{}
				for i, l := range lanes {
					gotLanes[l.Lane] = l.N
					if i > 0 && (lanes[i-1].N < l.N || lanes[i-1].N == l.N && lanes[i-1].Lane > l.Lane) {
						t.Errorf("%s: lanes not busiest first, then by name: %v", name, lanes)
					}
				}
				if fmt.Sprint(gotLanes) != fmt.Sprint(wantLanes) {
					t.Errorf("%s: lanes %v, want %v", name, gotLanes, wantLanes)
				}
				buckets, err := db.Buckets(ctx, dim, f, from, to)
				if err != nil {
					t.Fatal(name, err)
				}
				gotBuckets := map[string]int{}
				for i, b := range buckets {
					gotBuckets[fmt.Sprint(b.Lane, "/", b.Bucket)] = b.N
					if i > 0 && cmp.Or(cmp.Compare(buckets[i-1].Bucket, b.Bucket), strings.Compare(buckets[i-1].Lane, b.Lane)) >= 0 {
						t.Errorf("%s: buckets not by bucket, then lane", name)
					}
				}
				if fmt.Sprint(gotBuckets) != fmt.Sprint(wantBuckets) {
					t.Errorf("%s: buckets differ from a count (%d kept, %d counted)", name, len(gotBuckets), len(wantBuckets))
				}
				if len(lanes) < 2 {
					continue
				}
				some := []string{lanes[0].Lane, lanes[len(lanes)-1].Lane}
				w := store.Window{From: from, To: to}
				rows, err := db.Events(ctx, store.EventQuery{Filter: f, Brief: true, Window: &w, Lanes: &store.LaneSet{Dim: dim, Keys: some}})
				if err != nil {
					t.Fatal(name, err)
				}
				var want []int64
				for _, e := range keptEvents {
					if slices.Contains(some, storetest.LaneOf(e, dim)) && e.Earliest() <= to && e.Latest() >= from {
						want = append(want, e.ID)
					}
				}
				if !reflect.DeepEqual(idsOf(rows), want) {
					t.Errorf("%s: %d rows in lanes %q of the window, want %d", name, len(rows), some, len(want))
				}
			}
		}
	})
}
