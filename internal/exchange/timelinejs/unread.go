package timelinejs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hindsight-app/hindsight/internal/exchange/record"
)

// TimelineJS slides have more to them than Hindsight reads: a background,
// a map location, a media credit or thumbnail, a display date for the
// whole slide. None of it is a date, a title or a text, so it is left out;
// the report names each such key once, with the events that had it.

// knownSlideKeys are the keys of an event that the reader reads.
var knownSlideKeys = []string{"start_date", "end_date", "text", "media", "group", "unique_id"}

// knownMediaKeys are the keys of an event's media that the reader reads.
var knownMediaKeys = []string{"url", "caption"}

// UnmarshalJSON decodes an event and notes the keys it has that are not
// read, with a value.
func (w *tlEvent) UnmarshalJSON(b []byte) error {
	type plain tlEvent
	if err := json.Unmarshal(b, (*plain)(w)); err != nil {
		return err
	}
	var keys map[string]json.RawMessage
	if json.Unmarshal(b, &keys) != nil {
		return nil
	}
	if text, ok := keys["text"]; ok {
		var parts map[string]json.RawMessage
		if json.Unmarshal(text, &parts) == nil {
			_, w.headlineKey = parts["headline"]
		}
	}
	for k, v := range keys {
		switch {
		case k == "media":
			var media map[string]json.RawMessage
			if json.Unmarshal(v, &media) == nil {
				for mk, mv := range media {
					if !slices.Contains(knownMediaKeys, mk) && hasValue(mv) {
						w.unread = append(w.unread, "media."+mk)
					}
				}
			}
		case !slices.Contains(knownSlideKeys, k) && hasValue(v):
			w.unread = append(w.unread, k)
		}
	}
	slices.Sort(w.unread)
	return nil
}

// hasValue reports a JSON value that says something: not null, "", {} or
// [].
func hasValue(v json.RawMessage) bool {
	t := bytes.TrimSpace(v)
	switch string(t) {
	case "", "null", `""`, "{}", "[]", "false":
		return false
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(t, &m) == nil {
		for _, x := range m {
			if hasValue(x) {
				return true
			}
		}
		return false
	}
	return true
}

// unreadKeys collects, per key left out, the events that had it.
type unreadKeys struct {
	order   []string
	records map[string][]string
}

func (u *unreadKeys) add(record string, keys []string) {
	if u.records == nil {
		u.records = map[string][]string{}
	}
	for _, k := range keys {
		if _, seen := u.records[k]; !seen {
			u.order = append(u.order, k)
		}
		u.records[k] = append(u.records[k], record)
	}
}

// report says, once per key, which events' keys were not imported.
func (u *unreadKeys) report(res *record.Result) {
	for _, k := range u.order {
		records := u.records[k]
		names := records
		if len(names) > 3 {
			names = append(slices.Clip(names[:3]), fmt.Sprintf("and %d more", len(records)-3))
		}
		res.Report(record.Problem{Record: "events", Field: k, Effect: record.PartLeftOut, Message: fmt.Sprintf(
			"%q was not imported for %s (%s): Hindsight keeps an event's dates, headline, text, group and media address and caption",
			k, record.Counted(len(records), "events"), strings.Join(names, ", "))})
	}
}
