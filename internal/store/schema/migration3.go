package schema

// ClaimKinds takes a file from schema 2 to 3, which records what
// sort of claim each prediction is and how it is known: its kind
// (forecast, question, hope, opinion), the provenance of its made-on date,
// the interest its source discloses, the claim it restates with a new
// deadline, the day it was last reviewed, and any number of links, each
// with a published date and a primary mark. Unfalsifiable joins the
// resolution states.
//
// Every existing record keeps its meaning: it becomes a forecast (it was
// scored as one), its provenance is unstated (nobody said), and its one
// link — asked for as "where it was said", the forecaster's own words —
// becomes its first link, marked primary, with no published date.
//
// The predictions table is rebuilt (a CHECK constraint cannot be altered)
// by SQLite's twelve-step procedure, as IDsNeverReused does, with
// its columns in the order the schema gives them, since a bulk write's
// fingerprint reads a row's values in that order. Its triggers are dropped
// first and made again last; the full-text index is made again with the
// interest in it.
//
// This text is frozen: files in the wild were upgraded by it.
const ClaimKinds = `
DROP TRIGGER IF EXISTS predictions_fts_insert;
DROP TRIGGER IF EXISTS predictions_fts_delete;
DROP TRIGGER IF EXISTS predictions_fts_update;

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
	kind            TEXT NOT NULL DEFAULT 'forecast' CHECK (kind IN ('forecast','question','hope','opinion')),
	provenance      TEXT NOT NULL DEFAULT '' CHECK (provenance IN ('','contemporaneous','reported_later','retrospective')),
	interest        TEXT NOT NULL DEFAULT '',
	restates        INTEGER REFERENCES predictions (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
	reviewed_on     TEXT NOT NULL DEFAULT '',
	state           TEXT NOT NULL DEFAULT 'open'
	                CHECK (state IN ('open','true','false','partly','ambiguous','annulled','unfalsifiable','withdrawn')),
	fraction        REAL NOT NULL DEFAULT 0 CHECK (fraction >= 0 AND fraction <= 1),
	resolved_on     TEXT NOT NULL DEFAULT '',
	resolution_note TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL
);
INSERT INTO new_predictions (id, statement, statement_zh, source_id, made, made_earliest, deadline, deadline_phrase,
		due_earliest, due_latest, probability, criteria, kind, provenance, interest, restates, reviewed_on,
		state, fraction, resolved_on, resolution_note, created_at, updated_at)
	SELECT id, statement, statement_zh, source_id, made, made_earliest, deadline, deadline_phrase,
		due_earliest, due_latest, probability, criteria, 'forecast', '', '', NULL, '',
		state, fraction, resolved_on, resolution_note, created_at, updated_at FROM predictions;

CREATE TABLE prediction_links (
	prediction_id INTEGER NOT NULL REFERENCES predictions (id) ON DELETE CASCADE,
	position      INTEGER NOT NULL,
	url           TEXT NOT NULL DEFAULT '',
	quote         TEXT NOT NULL DEFAULT '',
	published     TEXT NOT NULL DEFAULT '',
	is_primary    INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
	PRIMARY KEY (prediction_id, position)
) WITHOUT ROWID;
INSERT INTO prediction_links (prediction_id, position, url, quote, published, is_primary)
	SELECT id, 0, link_url, link_quote, '', 1 FROM predictions WHERE link_url <> '' OR link_quote <> '';

DROP TABLE predictions;
ALTER TABLE new_predictions RENAME TO predictions;
CREATE INDEX predictions_due ON predictions (state, due_latest);
CREATE INDEX predictions_by_source ON predictions (source_id);
CREATE INDEX predictions_by_restates ON predictions (restates);

DROP TABLE predictions_fts;
CREATE VIRTUAL TABLE predictions_fts USING fts5 (
	statement, statement_zh, criteria, source, interest, tokenize = 'trigram'
);
INSERT INTO predictions_fts (rowid, statement, statement_zh, criteria, source, interest)
	SELECT p.id, p.statement, p.statement_zh, p.criteria, s.name, p.interest
	FROM predictions p JOIN sources s ON s.id = p.source_id;
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
`
