package i18n

import (
	"errors"

	"github.com/hindsight-app/hindsight/internal/when"
)

// DateErrorText says, in the interface's language, why a date or a
// deadline could not be read. The date parser explains in English; its
// error names the kind of mistake and its values (when.Error's Key and
// Args), which are worded here. An error of no known kind is shown as is
// in English and as a plain "cannot read" in Chinese, never as English
// inside a Chinese sentence.
func DateErrorText(err error) string {
	var e *when.Error
	if !errors.As(err, &e) || e.Key == "" {
		if Lang() == LanguageChinese || err == nil {
			return T("when.unreadable", "this cannot be read as a date")
		}
		return err.Error()
	}
	a := map[string]any{}
	for k, v := range e.Args {
		a[k] = v
	}
	if e.Key == when.KeyMonthDays {
		// The month is named in the interface's language.
		year, _ := a["Year"].(int)
		month, _ := a["Month"].(int)
		a["Month"] = when.MonthDate(year, month).Format(Lang())
	}
	if msg, ok := dateErrors[e.Key]; ok {
		return TF(msg.Key, msg.English, a)
	}
	if Lang() == LanguageChinese {
		return T("when.unreadable", "this cannot be read as a date")
	}
	return err.Error()
}

// dateErrors words each kind of date error (when.Error's Key), with
// placeholders for its Args.
var dateErrors = map[string]Text{
	when.KeyUnreadableDate:     {"when.unreadable_date", "“{{.Input}}” is not a date Hindsight can read (try 2023-03-14, 2023-03, March 2023 or 2023年3月)"},
	when.KeyUnreadableDeadline: {"when.unreadable_deadline", "“{{.Input}}” is not a deadline Hindsight can read (try by 2024, within two years, between 2024 and 2025 or 两年内)"},
	when.KeyEmpty:              {"when.empty", "nothing was typed"},
	when.KeyMonthRange:         {"when.month_range", "there is no month {{.Month}} (1–12)"},
	when.KeyDayRange:           {"when.day_range", "there is no day {{.Day}} in a month (1–31)"},
	when.KeyClockRange:         {"when.clock_range", "“{{.Input}}” holds a time of day that does not exist (up to 23:59:59)"},
	when.KeyQuarterRange:       {"when.quarter_range", "there is no quarter {{.Quarter}} (1–4)"},
	when.KeyHalfRange:          {"when.half_range", "there is no half {{.Half}} (1–2)"},
	when.KeyClockNeedsDay:      {"when.clock_needs_day", "a time of day needs a full date"},
	when.KeyDayAfterPart:       {"when.day_after_part", "a day cannot follow a season, quarter or half"},
	when.KeyTimeZone:           {"when.time_zone", "time zones are not supported: dates are calendar dates"},
	when.KeyOpenInterval:       {"when.open_interval", "give both ends of a span, e.g. 2023-02/2025-02"},
	when.KeyEndsBeforeStart:    {"when.ends_before_start", "the span ends ({{.End}}) before it starts ({{.Start}})"},
	when.KeyDeadlineYears:      {"when.deadline_years", "a deadline must fall between the years {{.Min}} and {{.Max}}"},
	when.KeyWholeMonths:        {"when.whole_months", "a deadline counts whole months, not “{{.Input}}”"},
	when.KeyMonthsRange:        {"when.months_range", "a deadline of {{.Months}} months is out of range (1–{{.Max}})"},
	when.KeyNoMadeDate:         {"when.no_made_date", "a relative deadline needs the date the prediction was made"},
	when.KeyNoReference:        {"when.no_reference", "a relative date needs the date the text was written"},
	when.KeyMonthDays:          {"when.month_days", "{{.Month}} has {{.Days}} days, not {{.Day}}"},
}
