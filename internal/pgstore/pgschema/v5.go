package pgschema

// schemaV5 drops the tags no event or prediction uses. From this version
// the store drops a tag when the last record using it lets it go, after
// every change and every undo or redo, as the SQLite file does; this
// clears those left over from before, so that an upgraded database holds
// the same tags as a new one given the same records.
const schemaV5 = `
DELETE FROM tags t
WHERE NOT EXISTS (SELECT 1 FROM event_tags WHERE tag_id = t.id)
  AND NOT EXISTS (SELECT 1 FROM prediction_tags WHERE tag_id = t.id);
`
