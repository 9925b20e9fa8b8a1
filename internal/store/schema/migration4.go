package schema

// UserData takes a file to schema 4: saved views, the reminders
// already sent and a few settings move from the app's preferences file
// into the database. The preferences file is rewritten whole by every
// window that changes it, so two windows lost each other's views and read
// it half-written; the database writes each change in a transaction,
// keeps it in backups and exports, and is what a team will share.
//
// reminders_sent has no foreign key: ids are never given out again, and a
// prediction deleted and brought back by undo keeps its reminder.
//
// (Schema 3 is another step; a file goes from 2 to 4 through both, or
// straight to 4 where 3 is not part of this build.)
//
// This text is frozen: files in the wild were upgraded by it.
const UserData = `
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
`
