// Package ical writes iCalendar (RFC 5545), which is export only: a
// calendar to subscribe to, not a record store. Each prediction with a
// deadline is an all-day event on the last day it can still come true
// ("Due: …"), with UID prediction-<id>@hindsight so that a calendar
// updates it in place on the next export; predictions without a deadline,
// or with one that never ends ("not before 2026"), are left out. Each
// event is an all-day event over the days it covers: a day, a whole month,
// a span. Dates outside the years 1 to 9999, which iCalendar cannot write,
// are left out.
package ical

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/hindsight-app/hindsight/internal/exchange/record"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

const icalProduct = "-//Hindsight//Hindsight timeline//EN"

// Write writes the deadlines of the predictions of doc and its events as
// all-day entries of a calendar.
func Write(w io.Writer, doc record.Document, opt record.WriteOptions) error {
	zh := opt.Lang == "zh"
	cal := ics.NewCalendarFor("Hindsight")
	cal.SetProductId(icalProduct)
	cal.SetCalscale("GREGORIAN")
	if zh {
		cal.SetXWRCalName("Hindsight 时间线与预测")
	} else {
		cal.SetXWRCalName("Hindsight timeline and predictions")
	}
	now := time.Now().UTC()
	for i, p := range doc.Predictions {
		_, due, ok := p.Due()
		if !ok || due == when.MaxDay || !Writable(due) || !Writable(due+1) {
			continue
		}
		ev := addDays(cal, "prediction", p.ID, i, stamp(p.UpdatedAt, now), due, due)
		summary := "Due: " + p.Statement
		if zh {
			summary = "到期：" + p.DisplayStatement("zh")
		}
		ev.SetSummary(Text(summary))
		ev.SetDescription(Text(PredictionNotes(p, opt.Lang)))
		if l := p.FirstLink(); l.URL != "" && model.CheckLink(l.URL) == "" {
			ev.SetURL(Text(l.URL))
		}
		addCategories(ev, p.Tags)
		ev.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT")
	}
	for i, e := range doc.Events {
		first, last := e.Earliest(), e.Latest()
		if e.Date.IsZero() || !Writable(first) || !Writable(last+1) {
			continue
		}
		ev := addDays(cal, "event", e.ID, i, stamp(e.UpdatedAt, now), first, last)
		ev.SetSummary(Text(e.DisplayTitle(opt.Lang)))
		if notes := EventNotes(e, opt.Lang); notes != "" {
			ev.SetDescription(Text(notes))
		}
		if len(e.Links) > 0 && model.CheckLink(e.Links[0].URL) == "" {
			ev.SetURL(Text(e.Links[0].URL))
		}
		addCategories(ev, e.Tags)
		ev.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT")
	}
	// RFC 5545 ends content lines with CRLF; the library defaults to LF.
	return cal.SerializeTo(w, ics.WithNewLine("\r\n"))
}

// Writable reports whether d is a date iCalendar can write (four-digit
// years from 1).
func Writable(d when.Day) bool {
	y, _, _ := d.Civil()
	return y >= 1 && y <= 9999
}

// addDays adds to cal an all-day entry from first to last for the record
// kind id, the i-th of its kind in the file, stamped at stamped.
func addDays(cal *ics.Calendar, kind string, id int64, i int, stamped time.Time, first, last when.Day) *ics.VEvent {
	uid := fmt.Sprintf("%s-%d@hindsight", kind, id)
	if id == 0 {
		// Not yet saved: unique in this file, though not across exports.
		uid = fmt.Sprintf("%s-unsaved-%d@hindsight", kind, i+1)
	}
	ev := cal.AddEvent(uid)
	ev.SetDtStampTime(stamped)
	ev.SetAllDayStartAt(dayTime(first))
	ev.SetAllDayEndAt(dayTime(last + 1))
	return ev
}

func dayTime(d when.Day) time.Time {
	y, m, dd := d.Civil()
	return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
}

// stamp is DTSTAMP: without a METHOD, RFC 5545 makes it the time the
// record was last changed, when that is known.
func stamp(updated, now time.Time) time.Time {
	if updated.IsZero() {
		return now
	}
	return updated
}

func addCategories(ev *ics.VEvent, tags []string) {
	for _, t := range tags {
		if t = Text(t); t != "" {
			ev.AddCategory(t)
		}
	}
}

// Text makes text safe for a content line: line ends become "\n"
// (which the library escapes) and other control characters, which RFC 5545
// forbids in text, are dropped.
func Text(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
}

var stateNames = map[model.State][2]string{
	model.StateOpen:          {"open", "未决"},
	model.StateTrue:          {"came true", "成真"},
	model.StateFalse:         {"did not come true", "落空"},
	model.StatePartly:        {"partly true", "部分成真"},
	model.StateAmbiguous:     {"ambiguous", "无法判定"},
	model.StateAnnulled:      {"annulled", "作废"},
	model.StateWithdrawn:     {"withdrawn", "撤回"},
	model.StateUnfalsifiable: {"unfalsifiable", "无法证伪"},
}

// kindNames are a claim's kind as a calendar note shows it.
var kindNames = map[model.Kind][2]string{
	model.KindForecast: {"forecast", "预测"},
	model.KindQuestion: {"question (not scored)", "提问（不计分）"},
	model.KindHope:     {"hope or intent (not scored)", "期望（不计分）"},
	model.KindOpinion:  {"opinion (not scored)", "观点（不计分）"},
}

// PredictionNotes is the description of a deadline: who said it, when,
// the deadline as phrased, the stated probability and where it stands.
func PredictionNotes(p model.Prediction, lang string) string {
	zh := lang == "zh"
	label := func(en, cn string) string {
		if zh {
			return cn + "："
		}
		return en + ": "
	}
	var lines []string
	if zh && p.StatementZh != "" && p.StatementZh != p.Statement {
		lines = append(lines, p.Statement)
	}
	idx := 0
	if zh {
		idx = 1
	}
	if name, ok := kindNames[p.Kind]; ok {
		lines = append(lines, label("Kind", "类型")+name[idx])
	}
	lines = append(lines, label("Source", "来源")+p.Source)
	if p.Interest != "" {
		lines = append(lines, label("Interest", "利益关联")+p.Interest)
	}
	if !p.Made.IsZero() {
		made := p.Made.Format(lang)
		if p.Retrospective() {
			made += map[bool]string{false: " (reported after the outcome was known)", true: "（结果已知后才记述）"}[zh]
		}
		lines = append(lines, label("Made", "提出")+made)
	}
	deadline := p.Deadline.Phrase
	if deadline == "" {
		deadline = p.Deadline.Format(lang)
	}
	lines = append(lines, label("Deadline", "期限")+deadline)
	if p.Probability != nil {
		lines = append(lines, label("Probability", "概率")+fmt.Sprintf("%g%%", math.Round(*p.Probability*1000)/10))
	}
	if name, ok := stateNames[p.State()]; ok {
		lines = append(lines, label("State", "状态")+name[idx])
	}
	if p.Criteria != "" {
		lines = append(lines, label("Criteria", "判定标准")+p.Criteria)
	}
	for _, l := range p.Links {
		if l.URL != "" {
			lines = append(lines, l.URL)
		}
	}
	return strings.Join(lines, "\n")
}

// EventNotes is the description of an event: its actor, its description
// and its links.
func EventNotes(e model.Event, lang string) string {
	var parts []string
	if e.Actor != "" {
		if lang == "zh" {
			parts = append(parts, "主体："+e.Actor)
		} else {
			parts = append(parts, "Actor: "+e.Actor)
		}
	}
	if e.Description != "" {
		parts = append(parts, e.Description)
	}
	for _, l := range e.Links {
		parts = append(parts, l.URL)
	}
	return strings.Join(parts, "\n\n")
}
