package record

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Readers of single fields, the same in every format. Each reports what it
// cannot read to the record's Collector and returns the zero value.

// ReadKind reads a claim's kind; empty is a forecast.
func ReadKind(rp *Collector, field, s string) model.Kind {
	return readEnum(rp, field, s, model.KindForecast, model.ParseKind)
}

// readEnum reads the value of one of the model's enumerations with parse;
// empty is blank.
func readEnum[T ~string](rp *Collector, field, s string, blank T, parse func(string) (T, error)) T {
	if strings.TrimSpace(s) == "" {
		return blank
	}
	v, err := parse(s)
	if err != nil {
		rp.Add(field, "%s", err.Error())
	}
	return v
}

// ReadProvenance reads how a claim's made-on date is known; empty is
// unstated.
func ReadProvenance(rp *Collector, field, s string) model.Provenance {
	return readEnum(rp, field, s, model.ProvenanceUnstated, model.ParseProvenance)
}

// ParseDate reads a date in any form when.Parse knows; empty is no date.
func ParseDate(s string) (when.Date, error) {
	if strings.TrimSpace(s) == "" {
		return when.Date{}, nil
	}
	return when.Parse(s)
}

// ReadDate reads a date in any form when.Parse knows; empty is no date.
func ReadDate(rp *Collector, field, s string) when.Date {
	d, err := ParseDate(s)
	if err != nil {
		rp.AddCause(field, err)
	}
	return d
}

// FormatTime writes a record time as RFC 3339 in UTC; "" for none.
func FormatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("cannot read %q as a time (expected RFC 3339, e.g. 2024-01-02T15:04:05Z)", s)
	}
	return t.UTC(), nil
}

// ReadTime reads a record time as FormatTime writes it; empty is none.
func ReadTime(rp *Collector, field, s string) time.Time {
	t, err := parseTime(strings.TrimSpace(s))
	if err != nil {
		rp.Add(field, "%s", err.Error())
	}
	return t
}

// ReadCategory reads an event's category; empty is none.
func ReadCategory(rp *Collector, field, s string) model.Category {
	return readEnum(rp, field, s, "", model.ParseCategory)
}

// ReadState reads a prediction's state; empty is none.
func ReadState(rp *Collector, field, s string) model.State {
	return readEnum(rp, field, s, "", model.ParseState)
}

// ReadDeadline reads a deadline from its phrase and canonical form. In a
// Hindsight file the canonical form is the truth (a relative phrase such as
// "this year" may have been read against an earlier making date); in a
// spreadsheet a person may have edited the phrase, so preferPhrase lets a
// readable phrase win. Either way the canonical form stands in when the
// phrase is missing or unreadable.
func ReadDeadline(rp *Collector, field, phrase, canonical string, made when.Date, preferPhrase bool) when.Deadline {
	phrase, canonical = strings.TrimSpace(phrase), strings.TrimSpace(canonical)
	if canonical != "" {
		dl, err := when.ParseCanonicalDeadline(canonical)
		if err != nil {
			rp.Add(field, "%s", err.Error())
			return when.Deadline{}
		}
		if preferPhrase && phrase != "" {
			if fromPhrase, err := when.ParseDeadline(phrase, made); err == nil && fromPhrase.Canonical() != canonical {
				dl = fromPhrase
			}
		}
		dl.Phrase = phrase
		return dl
	}
	if phrase == "" {
		return when.Deadline{}
	}
	dl, err := when.ParseDeadline(phrase, made)
	if err != nil {
		if errors.Is(err, when.ErrNoMadeDate) {
			rp.Add(field, "%q counts from the date the prediction was made, which is missing", phrase)
		} else {
			rp.Add(field, "%s", err.Error())
		}
		return when.Deadline{}
	}
	return dl
}

// ReadID reads a record's id from the id field; empty is none.
func ReadID(rp *Collector, s string) int64 { return ReadIDField(rp, "id", s) }

// ReadIDField reads the id held in field.
func ReadIDField(rp *Collector, field, s string) int64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		rp.Add(field, "cannot read %q as a whole number", s)
	}
	return id
}

// ReadFraction reads how much of a prediction came true: 0.4 or 40%.
func ReadFraction(rp *Collector, s string) float64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	num, percent := strings.CutSuffix(s, "%")
	v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || !Finite(v) {
		rp.Add("fraction", "cannot read %q as a fraction (try 0.4 or 40%%)", s)
		return 0
	}
	if percent {
		v /= 100
	}
	return v
}

// FormatFloat writes a number as briefly as it reads back exactly.
func FormatFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Finite reports a number that is neither NaN nor infinite.
func Finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// NonNil gives an empty list for none, so that JSON writes [] rather than
// null.
func NonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

var (
	reDateTime   = regexp.MustCompile(`^(-?\d{1,4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$`)
	reISOInstant = regexp.MustCompile(`^(-?\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z$`)
)

// ParseDateTime reads a date with a time of day as Timeline project files
// and spreadsheets write it: "2013-03-30 11:16:00". A time of midnight is
// the whole day.
func ParseDateTime(s string) (when.Date, error) {
	m := reDateTime.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return when.Date{}, fmt.Errorf("cannot read %q as a date and time (Timeline writes 2013-03-30 11:16:00)", s)
	}
	year, _ := strconv.Atoi(m[1])
	if year < -9999 || year > 9999 {
		return when.Date{}, fmt.Errorf("year %d is outside the years Hindsight can store (-9999 to 9999)", year)
	}
	sign := ""
	if year < 0 {
		sign, year = "-", -year
	}
	text := fmt.Sprintf("%s%04d-%02s-%02s", sign, year, pad2(m[2]), pad2(m[3]))
	if m[4] != "" && !(atoi(m[4]) == 0 && atoi(m[5]) == 0 && atoi(m[6]) == 0) {
		text += fmt.Sprintf("T%02d:%02d", atoi(m[4]), atoi(m[5]))
		if atoi(m[6]) != 0 {
			text += fmt.Sprintf(":%02d", atoi(m[6]))
		}
	}
	return when.ParseEDTF(text)
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// InstantDay reads an ISO 8601 instant in UTC ("2023-03-14T16:27:08Z")
// and gives the calendar day it names, as EDTF text; ok is false for any
// other text. Hindsight dates have no time zone.
func InstantDay(s string) (day string, ok bool) {
	if m := reISOInstant.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	return "", false
}

// JoinTags writes tags in one cell, separated by "; ". A tag holding ; ,
// or " goes in double quotes with its " doubled, as a CSV field does:
// "r&d, policy"; "us;eu". SplitTags reads it back.
func JoinTags(tags []string) string {
	parts := make([]string, len(tags))
	for i, t := range tags {
		if strings.ContainsAny(t, `;,"`) {
			t = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
		}
		parts[i] = t
	}
	return strings.Join(parts, "; ")
}

// SplitTags reads a cell of tags separated by semicolons or commas, a
// tag in double quotes holding any of them. A cell from before tags were
// quoted reads as it did then, unless a tag in it began with a " and held
// another.
func SplitTags(s string) []string {
	var tags []string
	for i := 0; i <= len(s); {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		var b strings.Builder
		if i < len(s) && s[i] == '"' {
			if end, ok := closingQuote(s, i+1); ok {
				b.WriteString(strings.ReplaceAll(s[i+1:end], `""`, `"`))
				i = end + 1
			}
		}
		next := strings.IndexAny(s[i:], ";,")
		if next < 0 {
			next = len(s) - i
		}
		b.WriteString(s[i : i+next])
		if t := strings.TrimSpace(b.String()); t != "" {
			tags = append(tags, t)
		}
		i += next + 1
	}
	return tags
}

// closingQuote finds the " that closes a quoted tag starting at from,
// skipping doubled ones.
func closingQuote(s string, from int) (int, bool) {
	for i := from; i < len(s); i++ {
		if s[i] != '"' {
			continue
		}
		if i+1 < len(s) && s[i+1] == '"' {
			i++
			continue
		}
		return i, true
	}
	return 0, false
}
