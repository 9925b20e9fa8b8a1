// Package score holds the track-record maths for predictions: hit rate,
// Brier score, log score, lead (the days from making a forecast to its
// resolution), calibration and per-source, per-tag and per-year
// breakdowns.
//
// The package works on its own Forecast type, which callers fill from
// their stored records (FromPredictions), and depends on nothing but the
// model's names for states and kinds.
//
// What the headline figures count is decided first, by Select under some
// Rules (rules.go states each rule): only forecasts, never a question, a
// hope or an opinion; no retrospective or unconfirmed forecast unless
// asked for; and a restated forecast left unsettled past its deadline
// counts as a miss, so re-dating cannot erase one.
//
// Only TRUE, FALSE and PARTLY outcomes are scored. OPEN, AMBIGUOUS,
// ANNULLED, UNFALSIFIABLE and WITHDRAWN never are. A forecast without a
// probability counts toward the hit rate but not toward Brier, log score
// or calibration. PARTLY is left out of the hit rate and enters the
// probability scores with the share that came true when one is stated;
// Rules.PartlyAsHalf counts it as half a hit (and 50%) instead.
//
// Early resolution: a "within two years" claim can come true early but can
// only fail at its deadline, so counting early TRUEs alone would bias the
// calibration chart toward yes. Calibrate therefore takes a forecast in
// only once its deadline has passed (or, without a deadline, once it is
// resolved) unless CalibrationOptions.IncludeEarly is set. This rule
// applies ONLY to calibration: hit rate, Brier and log score in Summarize
// and Breakdown count every resolved forecast.
package score
