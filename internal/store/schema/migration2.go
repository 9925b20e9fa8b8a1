package schema

// IDsNeverReused takes a file from schema 1 to 2. In schema 1 ids
// were plain INTEGER PRIMARY KEYs, which SQLite hands out again when the
// record with the highest id is deleted, so undo could restore an old
// record over a new one that had taken its id. Schema 2 makes every id
// AUTOINCREMENT and lets a change record many records (imports).
//
// SQLite cannot add AUTOINCREMENT to a table, so each table is rebuilt by
// its twelve-step procedure: make the new table, copy every row with its
// id, drop the old table, rename the new one, make its indexes again. It
// runs with foreign keys off (migrate sees to that), so dropping a table
// deletes nothing in the tables that point at it, and they keep pointing
// at the same name. The triggers are dropped first and made again last,
// since renaming a table checks every trigger and those of predictions
// name the sources table. The full-text and date indexes are tables of
// their own: they keep their rows, which the copied ids still match.
//
// This text is frozen: files in the wild were upgraded by it.
const IDsNeverReused = `
DROP TRIGGER IF EXISTS events_span_insert;
DROP TRIGGER IF EXISTS events_span_update;
DROP TRIGGER IF EXISTS events_span_delete;
DROP TRIGGER IF EXISTS events_fts_insert;
DROP TRIGGER IF EXISTS events_fts_delete;
DROP TRIGGER IF EXISTS events_fts_update;
DROP TRIGGER IF EXISTS predictions_fts_insert;
DROP TRIGGER IF EXISTS predictions_fts_delete;
DROP TRIGGER IF EXISTS predictions_fts_update;

CREATE TABLE new_sources (
	id      INTEGER PRIMARY KEY AUTOINCREMENT,
	name    TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> ''),
	name_zh TEXT NOT NULL DEFAULT '',
	kind    TEXT NOT NULL DEFAULT '',
	url     TEXT NOT NULL DEFAULT ''
);
INSERT INTO new_sources (id, name, name_zh, kind, url) SELECT id, name, name_zh, kind, url FROM sources;
DROP TABLE sources;
ALTER TABLE new_sources RENAME TO sources;

CREATE TABLE new_tags (
	id   INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL UNIQUE CHECK (name <> '')
);
INSERT INTO new_tags (id, name) SELECT id, name FROM tags;
DROP TABLE tags;
ALTER TABLE new_tags RENAME TO tags;

CREATE TABLE new_events (
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
INSERT INTO new_events (id, title, title_zh, date, end_date, earliest, latest, actor, category, description, created_at, updated_at)
	SELECT id, title, title_zh, date, end_date, earliest, latest, actor, category, description, created_at, updated_at FROM events;
DROP TABLE events;
ALTER TABLE new_events RENAME TO events;
CREATE INDEX events_by_earliest ON events (earliest, latest);
CREATE INDEX events_by_actor ON events (actor COLLATE NOCASE);

CREATE TABLE new_predictions (
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
	link_url        TEXT NOT NULL DEFAULT '',
	link_quote      TEXT NOT NULL DEFAULT '',
	state           TEXT NOT NULL DEFAULT 'open'
	                CHECK (state IN ('open','true','false','partly','ambiguous','annulled','withdrawn')),
	fraction        REAL NOT NULL DEFAULT 0 CHECK (fraction >= 0 AND fraction <= 1),
	resolved_on     TEXT NOT NULL DEFAULT '',
	resolution_note TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL
);
INSERT INTO new_predictions (id, statement, statement_zh, source_id, made, made_earliest, deadline, deadline_phrase,
		due_earliest, due_latest, probability, criteria, link_url, link_quote, state, fraction, resolved_on,
		resolution_note, created_at, updated_at)
	SELECT id, statement, statement_zh, source_id, made, made_earliest, deadline, deadline_phrase,
		due_earliest, due_latest, probability, criteria, link_url, link_quote, state, fraction, resolved_on,
		resolution_note, created_at, updated_at FROM predictions;
DROP TABLE predictions;
ALTER TABLE new_predictions RENAME TO predictions;
CREATE INDEX predictions_due ON predictions (state, due_latest);
CREATE INDEX predictions_by_source ON predictions (source_id);

CREATE TABLE new_changes (
	seq              INTEGER PRIMARY KEY AUTOINCREMENT,
	at               TEXT NOT NULL,
	action           TEXT NOT NULL,
	entity           TEXT NOT NULL CHECK (entity IN ('event','prediction','batch')),
	entity_id        INTEGER NOT NULL,
	label            TEXT NOT NULL,
	before           TEXT NOT NULL,
	after            TEXT NOT NULL,
	undone           INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
	event_count      INTEGER NOT NULL DEFAULT 0,
	prediction_count INTEGER NOT NULL DEFAULT 0
);
INSERT INTO new_changes (seq, at, action, entity, entity_id, label, before, after, undone)
	SELECT seq, at, action, entity, entity_id, label, before, after, undone FROM changes;
DROP TABLE changes;
ALTER TABLE new_changes RENAME TO changes;
CREATE INDEX changes_by_undone ON changes (undone, seq);

-- An id only the history still remembers (a record deleted while it had the
-- highest id) is not given out again either.
INSERT INTO sqlite_sequence (name, seq) SELECT 'events', 0
	WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'events');
INSERT INTO sqlite_sequence (name, seq) SELECT 'predictions', 0
	WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'predictions');
UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(entity_id) FROM changes WHERE entity = 'event'), 0))
	WHERE name = 'events';
UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(entity_id) FROM changes WHERE entity = 'prediction'), 0))
	WHERE name = 'predictions';

CREATE TRIGGER events_span_insert AFTER INSERT ON events BEGIN
	INSERT INTO events_span (id, earliest, latest) VALUES (new.id, new.earliest, new.latest);
END;
CREATE TRIGGER events_span_update AFTER UPDATE OF earliest, latest ON events BEGIN
	UPDATE events_span SET earliest = new.earliest, latest = new.latest WHERE id = new.id;
END;
CREATE TRIGGER events_span_delete AFTER DELETE ON events BEGIN
	DELETE FROM events_span WHERE id = old.id;
END;
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
	INSERT INTO events_fts (rowid, title, title_zh, description, actor)
	VALUES (new.id, new.title, new.title_zh, new.description, new.actor);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
	INSERT INTO events_fts (events_fts, rowid, title, title_zh, description, actor)
	VALUES ('delete', old.id, old.title, old.title_zh, old.description, old.actor);
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF title, title_zh, description, actor ON events BEGIN
	INSERT INTO events_fts (events_fts, rowid, title, title_zh, description, actor)
	VALUES ('delete', old.id, old.title, old.title_zh, old.description, old.actor);
	INSERT INTO events_fts (rowid, title, title_zh, description, actor)
	VALUES (new.id, new.title, new.title_zh, new.description, new.actor);
END;
CREATE TRIGGER predictions_fts_insert AFTER INSERT ON predictions BEGIN
	INSERT INTO predictions_fts (rowid, statement, statement_zh, criteria, source)
	VALUES (new.id, new.statement, new.statement_zh, new.criteria,
	        (SELECT name FROM sources WHERE id = new.source_id));
END;
CREATE TRIGGER predictions_fts_delete AFTER DELETE ON predictions BEGIN
	DELETE FROM predictions_fts WHERE rowid = old.id;
END;
CREATE TRIGGER predictions_fts_update AFTER UPDATE OF statement, statement_zh, criteria, source_id ON predictions BEGIN
	DELETE FROM predictions_fts WHERE rowid = old.id;
	INSERT INTO predictions_fts (rowid, statement, statement_zh, criteria, source)
	VALUES (new.id, new.statement, new.statement_zh, new.criteria,
	        (SELECT name FROM sources WHERE id = new.source_id));
END;
`
