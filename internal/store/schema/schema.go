// Package schema holds the SQL text of Hindsight's SQLite file: the tables
// a new file is made with, and the frozen steps that upgraded older files
// to each later version. Package store runs them; nothing here touches a
// database.
package schema

import "time"

// ApplicationID marks a SQLite file as Hindsight's ("HNDS"), so that opening
// some other program's database is refused instead of altered.
const ApplicationID = 0x484E4453

// NewFile creates a new file at the latest version.
const NewFile = Tables + bucketsSchema

// Tables creates every table, index and trigger of a new file but the
// counts by bucket of schema 6 (see migration6.go).
// Every id is AUTOINCREMENT, so an id is never given to a second record:
// undo and redo find records by id, and must never mistake a new record
// for an old one. Day columns count days since 1970-01-01 (see when.Day) so
// fuzzy dates sort and overlap as integers; the date text itself is kept
// in EDTF form.
const Tables = `
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sources (
	id      INTEGER PRIMARY KEY AUTOINCREMENT,
	name    TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> ''),
	name_zh TEXT NOT NULL DEFAULT '',
	kind    TEXT NOT NULL DEFAULT '',
	url     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE tags (
	id   INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL UNIQUE CHECK (name <> '')
);

CREATE TABLE events (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	title       TEXT NOT NULL CHECK (title <> ''),
	title_zh    TEXT NOT NULL DEFAULT '',
	date        TEXT NOT NULL CHECK (date <> ''),
	end_date    TEXT NOT NULL DEFAULT '',
	earliest    INTEGER NOT NULL,
	latest      INTEGER NOT NULL CHECK (latest >= earliest),
	actor       TEXT NOT NULL DEFAULT '',
	category    TEXT NOT NULL CHECK (category IN ('model','product','funding','policy','people','research','other')),
	description TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);
CREATE INDEX events_by_earliest ON events (earliest, latest);
CREATE INDEX events_by_actor ON events (actor COLLATE NOCASE);

-- A one-dimensional R*Tree answers "which events overlap [t0, t1]" without
-- scanning every event that starts before t1.
CREATE VIRTUAL TABLE events_span USING rtree_i32 (id, earliest, latest);
` + EventsSpanInsertTrigger + `CREATE TRIGGER events_span_update AFTER UPDATE OF earliest, latest ON events BEGIN
	UPDATE events_span SET earliest = new.earliest, latest = new.latest WHERE id = new.id;
END;
CREATE TRIGGER events_span_delete AFTER DELETE ON events BEGIN
	DELETE FROM events_span WHERE id = old.id;
END;

CREATE TABLE event_tags (
	event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	tag_id   INTEGER NOT NULL REFERENCES tags (id),
	PRIMARY KEY (event_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX event_tags_by_tag ON event_tags (tag_id);

CREATE TABLE event_links (
	event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	url      TEXT NOT NULL,
	quote    TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (event_id, position)
) WITHOUT ROWID;

CREATE TABLE predictions (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	statement       TEXT NOT NULL CHECK (statement <> ''),
	statement_zh    TEXT NOT NULL DEFAULT '',
	source_id       INTEGER NOT NULL REFERENCES sources (id),
	made            TEXT NOT NULL CHECK (made <> ''),
	made_earliest   INTEGER NOT NULL,
	deadline        TEXT NOT NULL DEFAULT '',  -- canonical form, see when.Deadline.Canonical
	deadline_phrase TEXT NOT NULL DEFAULT '',  -- as the person typed it
	due_earliest    INTEGER,
	due_latest      INTEGER,
	probability     REAL CHECK (probability IS NULL OR (probability >= 0 AND probability <= 1)),
	criteria        TEXT NOT NULL DEFAULT '',
` + predictionClaimColumns + `	state           TEXT NOT NULL DEFAULT 'open'
	                CHECK (state IN ('open','true','false','partly','ambiguous','annulled','unfalsifiable','withdrawn')),
	fraction        REAL NOT NULL DEFAULT 0 CHECK (fraction >= 0 AND fraction <= 1),
	resolved_on     TEXT NOT NULL DEFAULT '',
	resolution_note TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL
);
CREATE INDEX predictions_due ON predictions (state, due_latest);
CREATE INDEX predictions_by_source ON predictions (source_id);
CREATE INDEX predictions_by_restates ON predictions (restates);

` + predictionLinksTable + `
CREATE TABLE prediction_tags (
	prediction_id INTEGER NOT NULL REFERENCES predictions (id) ON DELETE CASCADE,
	tag_id        INTEGER NOT NULL REFERENCES tags (id),
	PRIMARY KEY (prediction_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX prediction_tags_by_tag ON prediction_tags (tag_id);

-- Every saved wording of a prediction, oldest first: the statement as first
-- saved stays on record however it is edited later.
CREATE TABLE prediction_versions (
	prediction_id INTEGER NOT NULL REFERENCES predictions (id) ON DELETE CASCADE,
	version       INTEGER NOT NULL,
	statement     TEXT NOT NULL,
	statement_zh  TEXT NOT NULL DEFAULT '',
	saved_at      TEXT NOT NULL,
	PRIMARY KEY (prediction_id, version)
) WITHOUT ROWID;

CREATE TABLE evidence (
	prediction_id INTEGER NOT NULL REFERENCES predictions (id) ON DELETE CASCADE,
	event_id      INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	role          TEXT NOT NULL CHECK (role IN ('resolves','supports','contradicts')),
	PRIMARY KEY (prediction_id, event_id)
) WITHOUT ROWID;
CREATE INDEX evidence_by_event ON evidence (event_id);

-- Every change made through the app or the CLI, for undo and redo. before
-- and after hold, as JSON, the rows of every record the change touched (its
-- own and its tags by name, links, versions and evidence), so undoing
-- restores exactly the earlier rows and can first check that the records are
-- still as the change left them; a record missing from one side did not
-- exist there. A change to many records at once (entity 'batch': an import,
-- a bulk save) keeps a fingerprint of each record instead of its rows while
-- it is applied, and the rows while it is undone. Changes with undone = 1
-- form the redo stack and are dropped by the next new change. (The table
-- itself is changesTable, in migration5.go.)
` + changesTable + `
-- Full-text search. The trigram tokenizer finds substrings, which is what
-- Chinese text needs (it has no spaces between words); queries shorter than
-- three characters fall back to LIKE.
CREATE VIRTUAL TABLE events_fts USING fts5 (
	title, title_zh, description, actor,
	content = 'events', content_rowid = 'id', tokenize = 'trigram'
);
` + EventsFTSInsertTrigger + `CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
	INSERT INTO events_fts (events_fts, rowid, title, title_zh, description, actor)
	VALUES ('delete', old.id, old.title, old.title_zh, old.description, old.actor);
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF title, title_zh, description, actor ON events BEGIN
	INSERT INTO events_fts (events_fts, rowid, title, title_zh, description, actor)
	VALUES ('delete', old.id, old.title, old.title_zh, old.description, old.actor);
	INSERT INTO events_fts (rowid, title, title_zh, description, actor)
	VALUES (new.id, new.title, new.title_zh, new.description, new.actor);
END;

` + predictionsFTS + ``

// The claim columns of a prediction (schema 3): what sort of claim it is,
// how its made-on date is known, the source's declared interest, the claim
// it restates with a new deadline, and when an open claim was last
// reviewed. A restated claim may be deleted: the restatement then restates
// none (the store records that change with the deletion). The reference is
// checked at commit, so a change may restore a chain in any order.
const predictionClaimColumns = `	kind            TEXT NOT NULL DEFAULT 'forecast' CHECK (kind IN ('forecast','question','hope','opinion')),
	provenance      TEXT NOT NULL DEFAULT '' CHECK (provenance IN ('','contemporaneous','reported_later','retrospective')),
	interest        TEXT NOT NULL DEFAULT '',
	restates        INTEGER REFERENCES predictions (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
	reviewed_on     TEXT NOT NULL DEFAULT '',
`

// predictionLinksTable holds the records of each claim (schema 3): where it
// was said or reported, the quote, the published date (EDTF, empty when
// unknown) and whether it is a primary source.
const predictionLinksTable = `CREATE TABLE prediction_links (
	prediction_id INTEGER NOT NULL REFERENCES predictions (id) ON DELETE CASCADE,
	position      INTEGER NOT NULL,
	url           TEXT NOT NULL DEFAULT '',
	quote         TEXT NOT NULL DEFAULT '',
	published     TEXT NOT NULL DEFAULT '',
	is_primary    INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
	PRIMARY KEY (prediction_id, position)
) WITHOUT ROWID;
`

// predictionsFTS indexes the text of predictions, their source's name and
// the interest they disclose, kept row by row by its triggers.
const predictionsFTS = `CREATE VIRTUAL TABLE predictions_fts USING fts5 (
	statement, statement_zh, criteria, source, interest, tokenize = 'trigram'
);
CREATE TRIGGER predictions_fts_insert AFTER INSERT ON predictions BEGIN
	INSERT INTO predictions_fts (rowid, statement, statement_zh, criteria, source, interest)
	VALUES (new.id, new.statement, new.statement_zh, new.criteria,
	        (SELECT name FROM sources WHERE id = new.source_id), new.interest);
END;
CREATE TRIGGER predictions_fts_delete AFTER DELETE ON predictions BEGIN
	DELETE FROM predictions_fts WHERE rowid = old.id;
END;
CREATE TRIGGER predictions_fts_update AFTER UPDATE OF statement, statement_zh, criteria, source_id, interest ON predictions BEGIN
	DELETE FROM predictions_fts WHERE rowid = old.id;
	INSERT INTO predictions_fts (rowid, statement, statement_zh, criteria, source, interest)
	VALUES (new.id, new.statement, new.statement_zh, new.criteria,
	        (SELECT name FROM sources WHERE id = new.source_id), new.interest);
END;

-- A person's own data besides the records (see migration4.go for why it
-- lives here): filters saved under a name, in the order first saved;
-- the predictions whose passed deadline a notification has announced; and
-- settings that belong with the database rather than the machine.
CREATE TABLE saved_views (
	id       INTEGER PRIMARY KEY AUTOINCREMENT,
	name     TEXT NOT NULL UNIQUE CHECK (name <> ''),
	filter   TEXT NOT NULL CHECK (json_valid(filter)),
	saved_at TEXT NOT NULL
);
CREATE TABLE reminders_sent (
	prediction_id INTEGER PRIMARY KEY,
	sent_at       TEXT NOT NULL
);
CREATE TABLE settings (
	key   TEXT PRIMARY KEY CHECK (key <> ''),
	value TEXT NOT NULL
) WITHOUT ROWID;
` + periodsSchema

// The two triggers that index each new event. Bulk saves turn them off
// and index the new rows in one statement each instead (see
// insert.BulkIndexing).
const (
	EventsSpanInsertTrigger = `CREATE TRIGGER events_span_insert AFTER INSERT ON events BEGIN
	INSERT INTO events_span (id, earliest, latest) VALUES (new.id, new.earliest, new.latest);
END;
`
	EventsFTSInsertTrigger = `CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
	INSERT INTO events_fts (rowid, title, title_zh, description, actor)
	VALUES (new.id, new.title, new.title_zh, new.description, new.actor);
END;
`
)

// TimeLayout is how every table holds a time (created_at, saved_at,
// sent_at): RFC 3339 in UTC.
const TimeLayout = time.RFC3339

// FormatTime writes t as every table holds a time.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeLayout) }

// ParseTime reads a time as every table holds it; one that cannot be read
// is the zero time, which the interface shows as unknown.
func ParseTime(s string) time.Time {
	t, err := time.Parse(TimeLayout, s)
	if err != nil {
		return time.Time{}
	}
	return t
}
