package exchange

import "github.com/hindsight-app/hindsight/internal/exchange/csvfile"

// How the columns of a CSV file of events are read (see package csvfile).
type (
	// Column is how one column of a CSV file is read.
	Column = csvfile.Column
	// Columns is how every column of a CSV file of events is read, in the
	// file's order.
	Columns = csvfile.Columns
)

// The fields a CSV column can be read into.
const (
	FieldTitle         = csvfile.FieldTitle
	FieldTitleZh       = csvfile.FieldTitleZh
	FieldDate          = csvfile.FieldDate
	FieldEnd           = csvfile.FieldEnd
	FieldActor         = csvfile.FieldActor         // the whole cell is the actor
	FieldOrganizations = csvfile.FieldOrganizations // the first is the actor, the others tags
	FieldCategory      = csvfile.FieldCategory
	FieldTags          = csvfile.FieldTags
	FieldDomain        = csvfile.FieldDomain // tags too, separated by commas
	FieldLink          = csvfile.FieldLink   // one link per address in the cell
	FieldQuote         = csvfile.FieldQuote  // the quote of the link of the same number
	FieldDescription   = csvfile.FieldDescription
	FieldID            = csvfile.FieldID
	FieldFlag          = csvfile.FieldFlag // yes/no: a tag named for the column when yes
	FieldNote          = csvfile.FieldNote // a "name: value" line of the description
	FieldSkip          = csvfile.FieldSkip // left out
)

// ColumnFields lists the fields a person may map a column to, in the order
// a form offers them.
var ColumnFields = csvfile.ColumnFields

// RecogniseColumns works out how to read the columns of header from their
// names alone.
func RecogniseColumns(header []string) Columns { return csvfile.RecogniseColumns(header) }

// ParseField reads a field name as a person writes it in a mapping:
// "title", "link_2", "link2", or a Chinese or English header name the
// field is recognised by ("机构", "organization").
func ParseField(s string) (field string, slot int, err error) { return csvfile.ParseField(s) }

// ReadCSVColumns reads the header row of a CSV file of events and says how
// its columns would be read, before anything else is: what the preview
// shows and lets a person change.
func ReadCSVColumns(data []byte) (Columns, error) { return csvfile.ReadColumns(data) }
