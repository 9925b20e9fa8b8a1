package history

import "slices"

// Schema 3 moved a prediction's one link (the link_url and link_quote
// columns of its row) to a part of its own, prediction_links, which holds
// any number of links, and added claim columns to its row. Changes
// recorded before then are read in the new shape (fromSchema2), and a
// fingerprint taken then is checked against the record read in the old
// shape (schema2Prediction). The migration marked the one link primary,
// with no published date; both follow it.

// linkColumns are the columns of prediction_links, as SELECT * reads them.
var linkColumns = []string{"prediction_id", "position", "url", "quote", "published", "is_primary"}

// schema2Columns are the columns of a prediction's row in schema 2, in
// their order.
var schema2Columns = []string{"id", "statement", "statement_zh", "source_id", "made", "made_earliest",
	"deadline", "deadline_phrase", "due_earliest", "due_latest", "probability", "criteria", "link_url",
	"link_quote", "state", "fraction", "resolved_on", "resolution_note", "created_at", "updated_at"}

// fromSchema2 gives a prediction state saved before schema 3 the shape of
// schema 3: its link becomes the first row of prediction_links. Other
// states are returned as they are. The claim columns it lacks are left
// out, so a replay leaves them as they are (or, bringing the record back,
// as the schema's defaults: a forecast, as the migration made it).
func fromSchema2(st State) State {
	if st.Entity != EntityPrediction || st.table("prediction_links") != nil {
		return st
	}
	own := st.table("predictions")
	if own == nil {
		return st
	}
	urlAt, quoteAt := slices.Index(own.Columns, "link_url"), slices.Index(own.Columns, "link_quote")
	if urlAt < 0 || quoteAt < 0 {
		return st
	}
	links := tableRows{Table: "prediction_links", Columns: linkColumns, Rows: [][]any{}}
	converted := tableRows{Table: own.Table, Rows: [][]any{}}
	for i, c := range own.Columns {
		if i != urlAt && i != quoteAt {
			converted.Columns = append(converted.Columns, c)
		}
	}
	for _, row := range own.Rows {
		var kept []any
		for i, v := range row {
			if i != urlAt && i != quoteAt {
				kept = append(kept, v)
			}
		}
		converted.Rows = append(converted.Rows, kept)
		url, _ := row[urlAt].(string)
		quote, _ := row[quoteAt].(string)
		if url != "" || quote != "" {
			links.Rows = append(links.Rows, []any{st.ID, int64(0), url, quote, "", int64(1)})
		}
	}
	out := State{Entity: st.Entity, ID: st.ID, Digest: st.Digest}
	for _, t := range st.Tables {
		if t.Table == own.Table {
			t = converted
		}
		out.Tables = append(out.Tables, t)
	}
	out.Tables = append(out.Tables, links)
	return out
}

// schema2Prediction reads a prediction state of schema 3 as schema 2 held
// it: its row with the schema 2 columns, in their order, its first link in
// that row, and the parts schema 2 had.
func schema2Prediction(st State) State {
	own, links := st.table("predictions"), st.table("prediction_links")
	if own == nil || len(own.Rows) != 1 {
		return st
	}
	url, quote := "", ""
	if links != nil {
		posAt, urlAt, quoteAt := slices.Index(links.Columns, "position"), slices.Index(links.Columns, "url"), slices.Index(links.Columns, "quote")
		for _, row := range links.Rows {
			if posAt >= 0 && urlAt >= 0 && quoteAt >= 0 && row[posAt] == int64(0) {
				url, _ = row[urlAt].(string)
				quote, _ = row[quoteAt].(string)
			}
		}
	}
	row := make([]any, len(schema2Columns))
	for i, c := range schema2Columns {
		switch c {
		case "link_url":
			row[i] = url
		case "link_quote":
			row[i] = quote
		default:
			if at := slices.Index(own.Columns, c); at >= 0 {
				row[i] = own.Rows[0][at]
			}
		}
	}
	out := State{Entity: st.Entity, ID: st.ID,
		Tables: []tableRows{{Table: own.Table, Columns: schema2Columns, Rows: [][]any{row}}}}
	for _, t := range st.Tables {
		if t.Table != own.Table && t.Table != "prediction_links" {
			out.Tables = append(out.Tables, t)
		}
	}
	return out
}
