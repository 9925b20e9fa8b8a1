package model

import (
	"fmt"
	"time"

	"github.com/hindsight-app/hindsight/internal/when"
)

// Category is the broad kind of an event.
type Category string

// The categories an event can have.
const (
	CategoryModel    Category = "model"
	CategoryProduct  Category = "product"
	CategoryFunding  Category = "funding"
	CategoryPolicy   Category = "policy"
	CategoryPeople   Category = "people"
	CategoryResearch Category = "research"
	CategoryOther    Category = "other"
)

// Categories lists every category in display order.
var Categories = []Category{
	CategoryModel, CategoryProduct, CategoryFunding, CategoryPolicy,
	CategoryPeople, CategoryResearch, CategoryOther,
}

// Valid reports whether c is one of Categories.
func (c Category) Valid() bool { return oneOf(c, Categories) }

// ParseCategory reads a category name, case-insensitively.
func ParseCategory(s string) (Category, error) { return parseEnum(s, "category", Categories) }

// Link is a source address with an optional quote taken from it.
type Link struct {
	URL   string `json:"url"`
	Quote string `json:"quote,omitempty"`
}

// Event is something that happened, at a date that may be fuzzy.
type Event struct {
	ID      int64     `json:"id"`
	Title   string    `json:"title"`
	TitleZh string    `json:"title_zh,omitempty"`
	Date    when.Date `json:"date"`
	// End is set for a span ("from Date until End"); zero otherwise.
	End         when.Date `json:"end,omitzero"`
	Actor       string    `json:"actor,omitempty"`
	Category    Category  `json:"category"`
	Tags        []string  `json:"tags"`
	Description string    `json:"description,omitempty"`
	Links       []Link    `json:"links"`
	CreatedAt   time.Time `json:"created_at,omitzero"`
	UpdatedAt   time.Time `json:"updated_at,omitzero"`
}

// Earliest is the first day the event can refer to.
func (e Event) Earliest() when.Day { return e.Date.Earliest() }

// Latest is the last day the event can refer to, counting its end.
func (e Event) Latest() when.Day { return spanLatest(e.Date, e.End) }

// spanLatest is the last day of a span from start to end, where end may
// be missing (zero) or, wrongly, earlier than start.
func spanLatest(start, end when.Date) when.Day {
	if !end.IsZero() && end.Latest() > start.Latest() {
		return end.Latest()
	}
	return start.Latest()
}

// DisplayTitle picks the Chinese title for a Chinese interface when there
// is one.
func (e Event) DisplayTitle(lang string) string {
	return inLanguage(lang, e.Title, e.TitleZh)
}

// Normalize tidies free text typed by a person: trims titles and actors,
// normalises tags and drops empty links. Call it before Validate.
func (e *Event) Normalize() {
	trimAll(&e.Title, &e.TitleZh, &e.Actor, &e.Description)
	e.Tags = NormalizeTags(e.Tags)
	if e.Category == "" {
		e.Category = CategoryOther
	}
	e.Links = tidyLinks(e.Links)
}

// Validate reports every problem with the event, or nil.
func (e Event) Validate() error {
	var p problems
	p.title(e.Title)
	if runeCount(e.TitleZh) > MaxTitleRunes {
		p.add("title_zh", "error.too_long", fmt.Sprintf("Chinese title is longer than %d characters", MaxTitleRunes))
	}
	if e.Date.IsZero() {
		p.add("date", "error.date_missing", "date must not be empty")
	}
	if !e.End.IsZero() && !e.Date.IsZero() && e.End.Latest() < e.Date.Earliest() {
		p.add("end", "error.end_before_start",
			fmt.Sprintf("end (%s) is before the start (%s)", e.End, e.Date))
	}
	if !e.Category.Valid() {
		p.add("category", "error.category", fmt.Sprintf("unknown category %q (one of %s)", e.Category, enumList(Categories)))
	}
	if runeCount(e.Description) > MaxDescriptionRunes {
		p.add("description", "error.too_long", fmt.Sprintf("description is longer than %d characters", MaxDescriptionRunes))
	}
	checkTags(&p, e.Tags)
	checkLinks(&p, "links", e.Links)
	return p.err()
}
