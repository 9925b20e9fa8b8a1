package model

import (
	"fmt"
	"strings"
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
func (c Category) Valid() bool {
	for _, k := range Categories {
		if c == k {
			return true
		}
	}
	return false
}

// ParseCategory reads a category name, case-insensitively.
func ParseCategory(s string) (Category, error) {
	c := Category(strings.ToLower(strings.TrimSpace(s)))
	if !c.Valid() {
		return "", fmt.Errorf("unknown category %q (one of %s)", s, categoryList())
	}
	return c, nil
}

func categoryList() string {
	names := make([]string, len(Categories))
	for i, c := range Categories {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

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
func (e Event) Latest() when.Day {
	if !e.End.IsZero() && e.End.Latest() > e.Date.Latest() {
		return e.End.Latest()
	}
	return e.Date.Latest()
}

// DisplayTitle picks the Chinese title for a Chinese interface when there
// is one.
func (e Event) DisplayTitle(lang string) string {
	if lang == "zh" && e.TitleZh != "" {
		return e.TitleZh
	}
	return e.Title
}

// Normalize tidies free text typed by a person: trims titles and actors,
// normalises tags and drops empty links. Call it before Validate.
func (e *Event) Normalize() {
	e.Title = strings.TrimSpace(e.Title)
	e.TitleZh = strings.TrimSpace(e.TitleZh)
	e.Actor = strings.TrimSpace(e.Actor)
	e.Description = strings.TrimSpace(e.Description)
	e.Tags = NormalizeTags(e.Tags)
	if e.Category == "" {
		e.Category = CategoryOther
	}
	links := e.Links[:0:0]
	for _, l := range e.Links {
		l.URL, l.Quote = strings.TrimSpace(l.URL), strings.TrimSpace(l.Quote)
		if l.URL != "" || l.Quote != "" {
			links = append(links, l)
		}
	}
	e.Links = links
}

// Validate reports every problem with the event, or nil.
func (e Event) Validate() error {
	var p problems
	switch {
	case strings.TrimSpace(e.Title) == "":
		p.add("title", "error.empty", "title must not be empty")
	case runeCount(e.Title) > MaxTitleRunes:
		p.add("title", "error.too_long", fmt.Sprintf("title is longer than %d characters", MaxTitleRunes))
	}
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
		p.add("category", "error.category", fmt.Sprintf("unknown category %q (one of %s)", e.Category, categoryList()))
	}
	if runeCount(e.Description) > MaxDescriptionRunes {
		p.add("description", "error.too_long", fmt.Sprintf("description is longer than %d characters", MaxDescriptionRunes))
	}
	checkTags(&p, e.Tags)
	checkLinks(&p, "links", e.Links)
	return p.err()
}
