// Package extract reads an article (a year-end review, an interview, a
// forecaster's list) and proposes the events and claims in it, each with
// its verbatim quote, its place in the text and a confidence, so that a
// person can review them and add the ones they accept to the timeline.
//
// It works offline, on Chinese, English and mixed text, with rules rather
// than a model: sentences and clauses are split at their punctuation; date
// phrases are found and read with package when, relative ones ("去年",
// "in February", "two years ago") against the date the text was published;
// a claim's kind comes from the words that mark it (will, 会, 预计 for a
// forecast; ?, 能不能, whether for a question; 期待, hope for a hope; 我觉得,
// in my view for an opinion); an event is a past-tense clause with a date
// and an actor. Proposals that repeat a record already in the database are
// flagged with that record's id.
//
// Extract is pure: no database, no network, no user interface. A review
// dialog edits the Proposals it returns (their fields are plain values) and
// turns the ticked ones into records with Result.Records, which validates
// them as the forms do.
package extract
