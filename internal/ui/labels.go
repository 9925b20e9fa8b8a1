package ui

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Translated names of the model's enumerations, shared by every screen.

func categoryName(c model.Category) string {
	switch c {
	case model.CategoryModel:
		return tr("category.model", "Model")
	case model.CategoryProduct:
		return tr("category.product", "Product")
	case model.CategoryFunding:
		return tr("category.funding", "Funding")
	case model.CategoryPolicy:
		return tr("category.policy", "Policy")
	case model.CategoryPeople:
		return tr("category.people", "People")
	case model.CategoryResearch:
		return tr("category.research", "Research")
	}
	return tr("category.other", "Other")
}

func stateName(s model.State) string {
	switch s {
	case model.StateTrue:
		return tr("state.true", "True")
	case model.StateFalse:
		return tr("state.false", "False")
	case model.StatePartly:
		return tr("state.partly", "Partly true")
	case model.StateAmbiguous:
		return tr("state.ambiguous", "Ambiguous")
	case model.StateAnnulled:
		return tr("state.annulled", "Annulled")
	case model.StateWithdrawn:
		return tr("state.withdrawn", "Withdrawn")
	}
	return tr("state.open", "Open")
}

func roleName(r model.Role) string {
	switch r {
	case model.RoleSupports:
		return tr("role.supports", "supports")
	case model.RoleContradicts:
		return tr("role.contradicts", "contradicts")
	}
	return tr("role.resolves", "resolves")
}

// stateColor is the Okabe–Ito colour-blind-safe palette.
// It is the timeline's palette, so a state looks the same everywhere.
func stateColor(s model.State) color.Color { return tlStateColor(s) }

// eventDateText shows an event's date, or its span, in the interface
// language.
func eventDateText(e model.Event) string {
	if e.End.IsZero() {
		return e.Date.Format(Lang())
	}
	return e.Date.Format(Lang()) + " – " + e.End.Format(Lang())
}

// dueText is the last day a prediction can come true, or its deadline
// phrase when it has no fixed end.
func dueText(p model.Prediction) string {
	if _, latest, ok := p.Due(); ok && latest != when.MaxDay {
		return when.DayDate(latest).Format(Lang())
	}
	if !p.Deadline.IsZero() {
		return p.Deadline.Format(Lang())
	}
	return "—"
}

// percentText shows a probability as a percentage with at most one
// decimal, rounding away float noise (0.55 → "55%", not "55.00000000000001%").
func percentText(p float64) string {
	return strconv.FormatFloat(math.Round(p*1000)/10, 'f', -1, 64) + "%"
}

// overdue reports whether an open prediction's deadline has passed.
func overdue(p model.Prediction, today when.Day) bool {
	_, latest, ok := p.Due()
	return ok && p.State() == model.StateOpen && latest < today
}

func countText(n int) string { return fmt.Sprintf("%d", n) }
