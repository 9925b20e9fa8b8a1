package store

import sqlschema "github.com/hindsight-app/hindsight/internal/store/schema"

// The SQL text of the file lives in package schema.

// applicationID marks a SQLite file as Hindsight's ("HNDS"), so that opening
// some other program's database is refused instead of altered.
const applicationID = sqlschema.ApplicationID

// schema creates a new file at the latest version.
const schema = sqlschema.NewFile

// The three triggers that index each new event, which bulk saves turn off
// (see bulkIndexing).
const (
	eventsSpanInsertTrigger    = sqlschema.EventsSpanInsertTrigger
	eventsFTSInsertTrigger     = sqlschema.EventsFTSInsertTrigger
	eventsBucketsInsertTrigger = sqlschema.EventsBucketsInsertTrigger
	countEventsSQL             = sqlschema.CountEvents
)

// migration upgrades a file by one schema version, inside the transaction
// that Open runs it in, with foreign keys off so that a table can be
// rebuilt (see migrate).
type migration struct {
	// to is the version the file has after this step.
	to int
	// sql is run as one script.
	sql string
}

// migrations upgrade older files step by step. It is append-only: a
// released step is never edited, since files in the wild were made by it.
// New files get schema directly and skip them.
var migrations = []migration{
	{to: 2, sql: sqlschema.IDsNeverReused},
	{to: 3, sql: sqlschema.ClaimKinds},
	{to: 4, sql: sqlschema.UserData},
	{to: 5, sql: sqlschema.Periods},
	{to: 6, sql: sqlschema.Buckets},
}

// latestVersion is the schema version this build writes.
func latestVersion() int {
	if n := len(migrations); n > 0 {
		return migrations[n-1].to
	}
	return 1
}

// LatestSchemaVersion is the schema version this build writes.
func LatestSchemaVersion() int { return latestVersion() }
