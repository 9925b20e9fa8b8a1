package schema

import "fmt"

// Schema 6 keeps counts for the timeline. Zoomed out over years, it draws
// clusters with counts rather than events; at a million events it must not
// read a million rows for that. event_buckets keeps, per lane (an actor or
// a category) and per 32-day bucket of the events' first days (earliest
// >> 5), how many events there are; every write keeps it (triggers, and
// one grouped statement per bulk write). A view of ten years reads a few
// hundred numbers per lane.

// bucketsSchema is the table of counts and the triggers that keep it as
// events are added, changed and deleted one by one; and the index of
// actors gains the first day, by which the timeline reads the rows of a
// few actors in a window of days (see the store's laneWindowSQL). Bulk
// writes turn the insert trigger off and count their rows in one
// statement (CountEvents). It is shared by new files and the migration.
const bucketsSchema = `
DROP INDEX events_by_actor;
CREATE INDEX events_by_actor ON events (actor COLLATE NOCASE, earliest);
CREATE TABLE event_buckets (
	dim    TEXT NOT NULL,
	lane   TEXT NOT NULL,
	bucket INTEGER NOT NULL,
	n      INTEGER NOT NULL,
	PRIMARY KEY (dim, bucket, lane)
) WITHOUT ROWID;
` + EventsBucketsInsertTrigger + `CREATE TRIGGER events_buckets_delete AFTER DELETE ON events BEGIN
	UPDATE event_buckets SET n = n - 1 WHERE dim = 'actor' AND lane = trim(old.actor) AND bucket = old.earliest >> 5;
	UPDATE event_buckets SET n = n - 1 WHERE dim = 'category' AND lane = old.category AND bucket = old.earliest >> 5;
	DELETE FROM event_buckets WHERE n <= 0;
END;
CREATE TRIGGER events_buckets_update AFTER UPDATE OF actor, category, earliest ON events BEGIN
	UPDATE event_buckets SET n = n - 1 WHERE dim = 'actor' AND lane = trim(old.actor) AND bucket = old.earliest >> 5;
	UPDATE event_buckets SET n = n - 1 WHERE dim = 'category' AND lane = old.category AND bucket = old.earliest >> 5;
	DELETE FROM event_buckets WHERE n <= 0;
	INSERT INTO event_buckets (dim, lane, bucket, n) VALUES ('actor', trim(new.actor), new.earliest >> 5, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO event_buckets (dim, lane, bucket, n) VALUES ('category', new.category, new.earliest >> 5, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END;
`

// EventsBucketsInsertTrigger counts one new event; bulk saves turn it off
// with the two other insert triggers.
const EventsBucketsInsertTrigger = `CREATE TRIGGER events_buckets_insert AFTER INSERT ON events BEGIN
	INSERT INTO event_buckets (dim, lane, bucket, n) VALUES ('actor', trim(new.actor), new.earliest >> 5, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO event_buckets (dim, lane, bucket, n) VALUES ('category', new.category, new.earliest >> 5, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END;
`

// CountEvents counts the events that the condition %[1]s selects (as e)
// into event_buckets, adding to what is there.
const CountEvents = `INSERT INTO event_buckets (dim, lane, bucket, n)
	SELECT 'actor', trim(e.actor), e.earliest >> 5, count(*) FROM events e WHERE %[1]s GROUP BY 2, 3
	UNION ALL
	SELECT 'category', e.category, e.earliest >> 5, count(*) FROM events e WHERE %[1]s GROUP BY 2, 3
	ON CONFLICT DO UPDATE SET n = n + excluded.n`

// Buckets takes a file to schema 6 and counts its events. This text is
// frozen: files in the wild were upgraded by it.
var Buckets = bucketsSchema + fmt.Sprintf(CountEvents, "1") + ";\n"
