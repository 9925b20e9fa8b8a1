package schema

// Schema 5 adds periods and remembers CSV column mappings:
//
//   - periods, with their links, are named stretches of time drawn behind
//     the events (TimelineJS eras, Markwhen sections, Timeline containers,
//     or made by hand). Day columns work as the events' do.
//   - column_mappings keeps, per CSV header (its column names, normalised
//     and joined), how a person mapped its columns, so the next file with
//     that header is read the same way.
//   - changes may record a period (entity 'period') and counts the periods
//     a batch added (period_count). SQLite cannot change a CHECK
//     constraint, so the table is rebuilt by the twelve-step procedure
//     that IDsNeverReused follows, keeping every row and sequence
//     number.
//
// (Schemas 3 and 4 are other steps; a file goes through each step this
// build has, in order.)

// periodsSchema is the part of the schema that step 5 adds, shared by new
// files and by the migration.
const periodsSchema = `
CREATE TABLE periods (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	title       TEXT NOT NULL CHECK (title <> ''),
	start       TEXT NOT NULL CHECK (start <> ''),
	end_date    TEXT NOT NULL DEFAULT '',
	earliest    INTEGER NOT NULL,
	latest      INTEGER NOT NULL CHECK (latest >= earliest),
	color       TEXT NOT NULL DEFAULT '',
	lane        TEXT NOT NULL DEFAULT '',
	description TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);
CREATE INDEX periods_by_earliest ON periods (earliest, latest);

CREATE TABLE period_links (
	period_id INTEGER NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
	position  INTEGER NOT NULL,
	url       TEXT NOT NULL,
	quote     TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (period_id, position)
) WITHOUT ROWID;

CREATE TABLE column_mappings (
	header   TEXT PRIMARY KEY CHECK (header <> ''),
	mapping  TEXT NOT NULL CHECK (json_valid(mapping)),
	saved_at TEXT NOT NULL
) WITHOUT ROWID;
`

// changesTable is the changes table from schema 5 on.
const changesTable = `CREATE TABLE changes (
	seq              INTEGER PRIMARY KEY AUTOINCREMENT,
	at               TEXT NOT NULL,
	action           TEXT NOT NULL,
	entity           TEXT NOT NULL CHECK (entity IN ('event','prediction','period','batch')),
	entity_id        INTEGER NOT NULL,
	label            TEXT NOT NULL,
	before           TEXT NOT NULL,
	after            TEXT NOT NULL,
	undone           INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
	event_count      INTEGER NOT NULL DEFAULT 0,
	prediction_count INTEGER NOT NULL DEFAULT 0,
	period_count     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX changes_by_undone ON changes (undone, seq);
`

// Periods takes a file to schema 5. This text is frozen: files in
// the wild were upgraded by it.
const Periods = periodsSchema + `
CREATE TABLE new_changes (
	seq              INTEGER PRIMARY KEY AUTOINCREMENT,
	at               TEXT NOT NULL,
	action           TEXT NOT NULL,
	entity           TEXT NOT NULL CHECK (entity IN ('event','prediction','period','batch')),
	entity_id        INTEGER NOT NULL,
	label            TEXT NOT NULL,
	before           TEXT NOT NULL,
	after            TEXT NOT NULL,
	undone           INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
	event_count      INTEGER NOT NULL DEFAULT 0,
	prediction_count INTEGER NOT NULL DEFAULT 0,
	period_count     INTEGER NOT NULL DEFAULT 0
);
INSERT INTO new_changes (seq, at, action, entity, entity_id, label, before, after, undone, event_count, prediction_count)
	SELECT seq, at, action, entity, entity_id, label, before, after, undone, event_count, prediction_count FROM changes;
DROP TABLE changes;
ALTER TABLE new_changes RENAME TO changes;
CREATE INDEX changes_by_undone ON changes (undone, seq);
`
