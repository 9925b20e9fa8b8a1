package csvfile

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hindsight-app/hindsight/internal/exchange/record"
)

// A CSV file of events may have any columns. Each is read into one field
// of an event, recognised from its header name (in English or Chinese) or
// mapped by a person; a column nothing else takes goes into the event's
// description as "name: value" lines, so that nothing in the file is lost,
// unless the person leaves it out.
//
// Epoch AI's tables of AI models are read with no mapping at all: Model is
// the title, Publication date the date, Organization the actor (a cell
// naming several organisations gives the first as the actor and the others
// as tags, and keeps the cell as written in the description), Domain tags,
// Frontier model a tag when checked, Abstract the description, Link the
// links (one per address in the cell), and every other column, parameters
// and training compute among them, a line of the description.

// The fields a CSV column can be read into.
const (
	FieldTitle         = "title"
	FieldTitleZh       = "title_zh"
	FieldDate          = "date"
	FieldEnd           = "end"
	FieldActor         = "actor"         // the whole cell is the actor
	FieldOrganizations = "organizations" // the first is the actor, the others tags
	FieldCategory      = "category"
	FieldTags          = "tags"
	FieldDomain        = "domain" // tags too, separated by commas
	FieldLink          = "link"   // one link per address in the cell
	FieldQuote         = "quote"  // the quote of the link of the same number
	FieldDescription   = "description"
	FieldID            = "id"
	FieldFlag          = "flag" // yes/no: a tag named for the column when yes
	FieldNote          = "note" // a "name: value" line of the description
	FieldSkip          = "skip" // left out
)

// ColumnFields lists the fields a person may map a column to, in the order
// a form offers them.
var ColumnFields = []string{FieldTitle, FieldTitleZh, FieldDate, FieldEnd, FieldActor, FieldOrganizations,
	FieldCategory, FieldTags, FieldDomain, FieldLink, FieldQuote, FieldDescription, FieldID, FieldFlag, FieldNote, FieldSkip}

// singleFields are read from one column at most.
var singleFields = []string{FieldTitle, FieldTitleZh, FieldDate, FieldEnd, FieldActor, FieldOrganizations,
	FieldCategory, FieldDescription, FieldID}

// Column is how one column of a CSV file is read.
type Column struct {
	// Name is the column's header, as the file writes it.
	Name string
	// Field is what the column is read into (one of the Field constants).
	Field string
	// Slot is the link a link or quote column belongs to, from 1.
	Slot int
	// Mapped is set when a person (or a mapping saved for this header)
	// chose the field, rather than the header's name.
	Mapped bool
}

// FieldName is the field with its slot, as a mapping writes it: "link",
// "link_2".
func (c Column) FieldName() string {
	if (c.Field == FieldLink || c.Field == FieldQuote) && c.Slot > 1 {
		return c.Field + "_" + strconv.Itoa(c.Slot)
	}
	return c.Field
}

// Columns is how every column of a CSV file of events is read, in the
// file's order.
type Columns struct {
	List []Column
	// Problems are what the mapping itself says: a second column for a
	// field read from one, a second description.
	problems []record.Problem
}

// headerAliases are the header names recognised for each field, as
// HeaderKey writes them.
var headerAliases = map[string][]string{
	FieldTitle:         {"title", "name", "model", "headline", "event", "标题", "名称", "事件", "模型", "名字"},
	FieldTitleZh:       {"title_zh", "中文标题"},
	FieldDate:          {"date", "start", "start_date", "publication_date", "published", "released", "release_date", "date_released", "日期", "发布日期", "开始", "开始日期", "时间"},
	FieldEnd:           {"end", "end_date", "结束", "结束日期"},
	FieldActor:         {"actor", "who", "主体"},
	FieldOrganizations: {"organization", "organisation", "organizations", "organisations", "org", "company", "lab", "developer", "机构", "组织", "公司", "实验室"},
	FieldCategory:      {"category", "类别", "分类", "类型"},
	FieldTags:          {"tags", "tag", "标签"},
	FieldDomain:        {"domain", "domains", "领域"},
	FieldLink:          {"url", "link", "links", "source", "source_url", "链接", "来源", "网址"},
	FieldQuote:         {"quote", "引文"},
	FieldDescription:   {"description", "abstract", "notes", "note", "text", "summary", "描述", "摘要", "备注", "说明"},
	FieldID:            {"id"},
	FieldFlag:          {"frontier_model"},
}

var reNumberedColumn = regexp.MustCompile(`^(source_url|url|link|quote)_?(\d+)$`)

// recogniseColumn is the field a header name says, with its slot; "" when
// the name says none.
func recogniseColumn(name string) (field string, slot int) {
	key := HeaderKey(name)
	if m := reNumberedColumn.FindStringSubmatch(key); m != nil {
		n, err := strconv.Atoi(m[2])
		if err == nil && n >= 1 && n <= maxLinkColumns {
			if m[1] == "quote" {
				return FieldQuote, n
			}
			return FieldLink, n
		}
	}
	for field, names := range headerAliases {
		if slices.Contains(names, key) {
			if field == FieldLink || field == FieldQuote {
				return field, 1
			}
			return field, 0
		}
	}
	return "", 0
}

// RecogniseColumns works out how to read the columns of header from their
// names alone. A column whose name says nothing goes into the description
// as a note; so does a second column for a field read from one column.
func RecogniseColumns(header []string) Columns {
	var c Columns
	for _, name := range header {
		field, slot := recogniseColumn(name)
		if field == "" {
			field = FieldNote
		}
		c.List = append(c.List, Column{Name: strings.TrimSpace(unguardCell(name)), Field: field, Slot: slot})
	}
	c.settle()
	return c
}

// settle makes the mapping consistent: a field read from one column keeps
// its first column and the others become notes, each said in Problems.
func (c *Columns) settle() {
	first := map[string]int{}
	for i := range c.List {
		col := &c.List[i]
		if col.Field == "" || col.Name == "" && col.Field == FieldNote {
			col.Field = FieldNote
		}
		key := col.FieldName()
		if !slices.Contains(singleFields, col.Field) && col.Field != FieldQuote {
			continue
		}
		if j, dup := first[key]; dup {
			c.problems = append(c.problems, record.Problem{Line: 1, Record: "row 1", Field: col.Name, Effect: record.ReadAs,
				Message: fmt.Sprintf("column %d is a second %s column (the first is column %d, %q); it goes into the description as a note",
					i+1, key, j+1, c.List[j].Name)})
			col.Field, col.Slot = FieldNote, 0
			continue
		}
		first[key] = i
	}
}

// Header is the key a mapping is kept under: the column names, as
// HeaderKey writes them, in order.
func (c Columns) Header() string {
	keys := make([]string, len(c.List))
	for i, col := range c.List {
		keys[i] = HeaderKey(col.Name)
	}
	return strings.Join(keys, "\x1f")
}

// Mapping is the field of each column by name, as ReadOptions.Columns and
// a saved mapping take it.
func (c Columns) Mapping() map[string]string {
	m := make(map[string]string, len(c.List))
	for _, col := range c.List {
		if _, seen := m[col.Name]; !seen {
			m[col.Name] = col.FieldName()
		}
	}
	return m
}

// Has reports whether some column is read into field.
func (c Columns) Has(field string) bool {
	return slices.ContainsFunc(c.List, func(col Column) bool { return col.Field == field })
}

// ParseField reads a field name as a person writes it in a mapping:
// "title", "link_2", "link2", or a Chinese or English header name the
// field is recognised by ("机构", "organization").
func ParseField(s string) (field string, slot int, err error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if m := regexp.MustCompile(`^(link|quote)_?(\d+)$`).FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[2])
		if n >= 1 && n <= maxLinkColumns {
			return m[1], n, nil
		}
	}
	if slices.Contains(ColumnFields, s) {
		if s == FieldLink || s == FieldQuote {
			return s, 1, nil
		}
		return s, 0, nil
	}
	if s == "leave out" || s == "ignore" || s == "none" {
		return FieldSkip, 0, nil
	}
	if f, n := recogniseColumn(s); f != "" {
		return f, n, nil
	}
	return "", 0, fmt.Errorf("unknown field %q (one of %s)", s, strings.Join(ColumnFields, ", "))
}

// Apply maps columns by name to fields over what was recognised: a column
// it does not name keeps its use. A name no column has is an error, so a
// mistyped mapping is never ignored.
func (c *Columns) Apply(mapping map[string]string) error {
	names := make([]string, 0, len(mapping))
	for name := range mapping {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		field, slot, err := ParseField(mapping[name])
		if err != nil {
			return fmt.Errorf("column %q: %w", name, err)
		}
		at := slices.IndexFunc(c.List, func(col Column) bool { return col.Name == name })
		if at < 0 {
			at = slices.IndexFunc(c.List, func(col Column) bool { return HeaderKey(col.Name) == HeaderKey(name) })
		}
		if at < 0 {
			return fmt.Errorf("no column is called %q (the columns are %s)", name, c.names())
		}
		// A field read from one column moves to the column named; the
		// column that had it becomes a note.
		if slices.Contains(singleFields, field) || field == FieldQuote {
			for i := range c.List {
				if i != at && c.List[i].Field == field && c.List[i].Slot == slot {
					c.List[i].Field, c.List[i].Slot, c.List[i].Mapped = FieldNote, 0, true
				}
			}
		}
		c.List[at].Field, c.List[at].Slot, c.List[at].Mapped = field, slot, true
	}
	c.settle()
	return nil
}

func (c Columns) names() string {
	quoted := make([]string, len(c.List))
	for i, col := range c.List {
		quoted[i] = strconv.Quote(col.Name)
	}
	return strings.Join(quoted, ", ")
}

// missing names the fields an event needs that no column is read into.
func (c Columns) missing() []string {
	var out []string
	for _, f := range []string{FieldTitle, FieldDate} {
		if !c.Has(f) {
			out = append(out, f)
		}
	}
	return out
}

// String lists the mapping for a person: "Model → title, Organization →
// organizations, …".
func (c Columns) String() string {
	parts := make([]string, len(c.List))
	for i, col := range c.List {
		parts[i] = fmt.Sprintf("%s → %s", col.Name, col.FieldName())
	}
	return strings.Join(parts, ", ")
}

// ReadColumns reads the header row of a CSV file of events and says how
// its columns would be read, before anything else is: what the preview
// shows and lets a person change.
func ReadColumns(data []byte) (Columns, error) {
	text, err := record.ToUTF8(data)
	if err != nil {
		return Columns{}, err
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return Columns{}, fmt.Errorf("%w: the header row cannot be read: %v", record.ErrMalformed, csvMessage(err))
	}
	return RecogniseColumns(head), nil
}
