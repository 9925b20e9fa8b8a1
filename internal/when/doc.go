// Package when holds Hindsight's dates: calendar days without a time zone,
// fuzzy dates ("August 2022", "mid-2022", "2023年第三季度", "circa 2023"),
// closed intervals, and deadline phrases ("within two years", "2024年底前")
// measured from the day a prediction was made.
//
// A Date is stored in a subset of EDTF (ISO 8601-2): 2023, 2023-03,
// 2023-03-14, 2023-03-14T10:30, sub-year groupings such as 2023-35 (Q3),
// qualifiers ~ ? % at the end of a point, and closed intervals written
// start/end. Parse also reads the English and Chinese forms people type;
// Date.String gives the canonical text and Date.Format the display text.
//
// The package is pure Go with no time zones: a Day is a proleptic
// Gregorian calendar date, so a date never shifts when the machine's zone
// changes.
package when
