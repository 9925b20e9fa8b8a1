package form

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/when"
)

// The parts of the prediction form that say what sort of claim it is and
// how it is known: its kind, the provenance of its made-on date, its
// sources with their published dates and primary marks, and the claim it
// restates.

// explained is what the kind and provenance choices share: the names of
// the values as the options, and a line of help that follows the choice.
type explained[T comparable] struct {
	help     *widget.Label
	options  []string
	names    map[string]T
	fallback T
	helpOf   func(T) string
}

func newExplained[T comparable](values []T, name, helpOf func(T) string, fallback T) explained[T] {
	e := explained[T]{help: hint(""), names: map[string]T{}, fallback: fallback, helpOf: helpOf}
	for _, v := range values {
		e.options = append(e.options, name(v))
		e.names[name(v)] = v
	}
	return e
}

// of is the value named selected, or the fallback when none is.
func (e *explained[T]) of(selected string) T {
	if v, ok := e.names[selected]; ok {
		return v
	}
	return e.fallback
}

// chose explains the value named selected and passes the change on.
func (e *explained[T]) chose(selected string, onChange func()) {
	e.help.SetText(e.helpOf(e.of(selected)))
	if onChange != nil {
		onChange()
	}
}

// explain shows the help of v.
func (e *explained[T]) explain(v T) {
	e.help.SetText(e.helpOf(v))
	e.help.Show()
}

// kindChoice picks a claim's kind and explains the chosen one in a line.
type kindChoice struct {
	radio *widget.RadioGroup
	explained[model.Kind]
}

func newKindChoice(initial model.Kind, onChange func()) *kindChoice {
	k := &kindChoice{explained: newExplained(model.Kinds, i18n.KindName, i18n.KindHelp, model.KindForecast)}
	k.radio = widget.NewRadioGroup(k.options, func(s string) { k.chose(s, onChange) })
	k.radio.Horizontal = true
	k.radio.Required = true
	if initial == "" {
		initial = model.KindForecast
	}
	k.radio.SetSelected(i18n.KindName(initial))
	k.explain(initial)
	return k
}

func (k *kindChoice) value() model.Kind { return k.of(k.radio.Selected) }

func (k *kindChoice) object() fyne.CanvasObject { return container.NewVBox(k.radio, k.help) }

// provenanceChoice picks how the made-on date is known, explaining the
// chosen answer.
type provenanceChoice struct {
	sel *widget.Select
	explained[model.Provenance]
}

func newProvenanceChoice(initial model.Provenance, onChange func()) *provenanceChoice {
	p := &provenanceChoice{explained: newExplained(model.Provenances, i18n.ProvenanceName, i18n.ProvenanceHelp, model.ProvenanceUnstated)}
	p.sel = widget.NewSelect(p.options, func(s string) { p.chose(s, onChange) })
	p.sel.SetSelected(i18n.ProvenanceName(initial))
	p.explain(initial)
	return p
}

func (p *provenanceChoice) value() model.Provenance { return p.of(p.sel.Selected) }

// restatesChoice picks the earlier claim, by the same source, that this
// one restates with a new deadline.
type restatesChoice struct {
	sel     *widget.Select
	claims  []model.Prediction
	self    int64
	current int64
	ids     map[string]int64
}

func newRestatesChoice(claims []model.Prediction, self, initial int64, onChange func()) *restatesChoice {
	r := &restatesChoice{claims: claims, self: self, current: initial, ids: map[string]int64{}}
	r.sel = widget.NewSelect(nil, func(s string) {
		r.current = r.ids[s]
		if onChange != nil {
			onChange()
		}
	})
	r.sel.PlaceHolder = tr("form.restates_none", "none: a claim of its own")
	return r
}

// offer lists the claims of source, keeping the chosen one when it is
// among them.
func (r *restatesChoice) offer(source string) {
	none := tr("form.restates_none", "none: a claim of its own")
	options := []string{none}
	r.ids = map[string]int64{none: 0}
	chosen := none
	for _, c := range r.claims {
		if c.ID == r.self || !strings.EqualFold(strings.TrimSpace(c.Source), strings.TrimSpace(source)) {
			continue
		}
		label := fmt.Sprintf("#%d · %s · %s", c.ID, c.Made.Format(i18n.Lang()), c.DisplayStatement(i18n.Lang()))
		options = append(options, label)
		r.ids[label] = c.ID
		if c.ID == r.current {
			chosen = label
		}
	}
	if r.current != 0 && chosen == none {
		// Named by id but not among the source's claims: keep it, so that
		// the store says why it cannot be.
		label := fmt.Sprintf("#%d", r.current)
		options = append(options, label)
		r.ids[label] = r.current
		chosen = label
	}
	r.sel.SetOptions(options)
	saved := r.sel.OnChanged
	r.sel.OnChanged = nil
	r.sel.SetSelected(chosen)
	r.sel.OnChanged = saved
}

func (r *restatesChoice) value() int64 { return r.current }

// claimLinkList is the editable list of a claim's sources: an address, the
// words as said, the date that source was published and whether it is
// primary.
type claimLinkList struct {
	listedRows[*claimLinkRow]
}

type claimLinkRow struct {
	linkRowParts
	quote     *TextArea
	published *dateField
	primary   *widget.Check
}

func newClaimLinkList(links []model.SourceLink, onChange func()) *claimLinkList {
	l := &claimLinkList{}
	fillRows(&l.listedRows, links, l.addRow, tr("form.add_source", "Add source"), onChange)
	return l
}

// snapshot is the list's text as typed, to tell whether the form was
// changed.
func (l *claimLinkList) snapshot() string {
	var parts []string
	for _, r := range l.rows {
		parts = append(parts, r.url.Text, r.quote.Text, r.published.entry.Text, strconv.FormatBool(r.primary.Checked))
	}
	return snapshotOf(parts...)
}

func (r *claimLinkRow) texts() []string {
	return []string{r.url.Text, r.published.entry.Text, r.quote.Text}
}

func (l *claimLinkList) addRow(link model.SourceLink) {
	r := &claimLinkRow{
		linkRowParts: newLinkRowParts(link.URL),
		quote:        filledArea(link.Quote, 2, tr("form.said_placeholder", "the words as said (optional)")),
		published:    newDateField(link.Published),
	}
	r.published.entry.SetPlaceHolder(tr("form.published_placeholder", "published on (optional): when this source came out"))
	r.primary = widget.NewCheck(tr("form.primary", "Primary source: the forecaster's own words or an official record"), nil)
	r.primary.SetChecked(link.Primary)
	changed := l.typedIn(r.err)
	r.url.OnChanged = changed
	r.quote.OnChanged = changed
	r.published.entry.OnChanged = changed
	r.primary.OnChanged = func(bool) { l.changed() }
	r.remove = l.removeButton(r)
	// The address's error goes under the address, not under the words.
	r.object = container.NewVBox(
		r.addressLine(),
		r.quote,
		r.published.object(),
		r.primary,
	)
	l.appendRow(r)
}

// values lists the sources typed, leaving out empty rows; a published date
// that cannot be read is a problem of its row.
func (l *claimLinkList) values(problems fieldProblems) []model.SourceLink {
	var links []model.SourceLink
	l.used = l.used[:0]
	for i, r := range l.rows {
		link := model.SourceLink{URL: strings.TrimSpace(r.url.Text), Quote: strings.TrimSpace(r.quote.Text), Primary: r.primary.Checked}
		published, err := r.published.read()
		if link.URL == "" && link.Quote == "" && r.published.blank() && !link.Primary {
			r.published.preview.Hide()
			continue
		}
		n := len(links)
		if err != nil {
			problems.add(fmt.Sprintf("links[%d].published", n), dateErrorText(err))
		}
		r.published.update(fmt.Sprintf("links[%d].published", n), fieldProblems{})
		link.Published = published
		links = append(links, link)
		l.used = append(l.used, i)
	}
	return links
}

// reviewField is the optional date an open claim was last reviewed.
func newReviewField(initial when.Date) *dateField {
	f := newDateField(initial)
	f.entry.SetPlaceHolder(tr("form.reviewed_placeholder", "optional: when it was last looked at; the Due tab asks again after 6 months"))
	return f
}
