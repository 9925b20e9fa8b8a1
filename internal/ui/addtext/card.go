package addtext

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/extract"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/when"
)

// card is one proposal in the review list: a tick, what it is, its quote
// highlighted in its sentence, its fields to edit, and what is wrong.
type card struct {
	a       *Dialog
	i       int
	box     *fyne.Container
	tick    *widget.Check
	problem *widget.Label
	// sourceTo is the existing event the proposal repeats, to which this
	// text may be added as a source instead.
	sourceTo  *model.Event
	addSource *widget.Check
}

func newCard(a *Dialog, i int) *card {
	p := &a.result.Proposals[i]
	c := &card{a: a, i: i}
	c.tick = widget.NewCheck(typeName(p), func(on bool) {
		p.Ticked = on
		a.update()
	})
	c.tick.Checked = p.Ticked
	head := container.NewHBox(c.tick, widget.NewLabel(trf("addtext.confidence", "confidence {{.Percent}}",
		map[string]any{"Percent": i18n.PercentText(p.Confidence)})))
	quote := widget.NewRichText(contextSegments(a.result.Text, p)...)
	quote.Wrapping = fyne.TextWrapWord
	c.problem = widget.NewLabel("")
	c.problem.Importance = widget.DangerImportance
	c.problem.Wrapping = fyne.TextWrapWord
	c.problem.Hide()
	rows := []fyne.CanvasObject{head, quote}
	if p.Event != nil {
		rows = append(rows, c.eventFields(p.Event))
	} else if p.Claim != nil {
		rows = append(rows, c.claimFields(p.Claim))
	}
	if dup := c.duplicate(p); dup != nil {
		rows = append(rows, dup)
	}
	rows = append(rows, c.problem, widget.NewSeparator())
	c.box = container.NewVBox(rows...)
	return c
}

// typeName says what a proposal is: an event, or a claim of its kind.
func typeName(p *extract.Proposal) string {
	if p.Event != nil {
		return tr("addtext.event", "Event")
	}
	return i18n.KindName(p.Claim.Kind)
}

// contextSegments is the sentence around a proposal with its quote in
// bold, in the theme's primary colour.
func contextSegments(text string, p *extract.Proposal) []widget.RichTextSegment {
	cs, ce, qs, qe := p.Context.Start, p.Context.End, p.Span.Start, p.Span.End
	if cs < 0 || ce > len(text) || cs > ce || qs < cs || qe > ce || qs > qe {
		return []widget.RichTextSegment{&widget.TextSegment{Text: p.Quote, Style: widget.RichTextStyleInline}}
	}
	plain := widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Italic: true}}
	hit := widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNamePrimary}
	return []widget.RichTextSegment{
		&widget.TextSegment{Text: oneLine(text[cs:qs]), Style: plain},
		&widget.TextSegment{Text: oneLine(text[qs:qe]), Style: hit},
		&widget.TextSegment{Text: oneLine(text[qe:ce]), Style: plain},
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// entry is a one-line entry showing value that calls set as it is edited.
func (c *card) entry(value string, set func(string)) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(value)
	e.OnChanged = func(s string) {
		set(s)
		c.a.update()
	}
	return e
}

func (c *card) eventFields(f *extract.EventFields) fyne.CanvasObject {
	date := c.entry(dateText(f.Date, f.DateText), func(s string) {
		f.Date, _ = when.Parse(s) // an unreadable date is the zero date, which Validate names
		f.DateText = s
	})
	form := widget.NewForm(
		widget.NewFormItem(tr("field.title", "Title"), c.entry(f.Title, func(s string) { f.Title = s })),
		widget.NewFormItem(tr("field.date", "Date"), date),
		widget.NewFormItem(tr("field.actor", "Actor"), c.entry(f.Actor, func(s string) { f.Actor = s })),
	)
	if f.DateReasoning != "" {
		form.Append("", hint(f.DateReasoning))
	}
	return form
}

func (c *card) claimFields(f *extract.ClaimFields) fyne.CanvasObject {
	kinds := make([]string, len(model.Kinds))
	for i, k := range model.Kinds {
		kinds[i] = i18n.KindName(k)
	}
	kind := widget.NewSelect(kinds, func(name string) {
		for _, k := range model.Kinds {
			if i18n.KindName(k) == name {
				f.Kind = k
			}
		}
		c.tick.Text = i18n.KindName(f.Kind)
		c.tick.Refresh()
		c.a.update()
	})
	kind.SetSelected(i18n.KindName(f.Kind))
	made := c.entry(dateText(f.Made, ""), func(s string) {
		f.Made, _ = when.Parse(s)
		c.readDeadline(f, f.DeadlineText)
	})
	deadline := c.entry(f.DeadlineText, func(s string) { c.readDeadline(f, s) })
	form := widget.NewForm(
		widget.NewFormItem(tr("addtext.kind", "Kind"), kind),
		widget.NewFormItem(tr("field.statement", "Statement"), c.entry(f.Statement, func(s string) { f.Statement = s })),
		widget.NewFormItem(tr("field.source", "Made by"), c.entry(f.By, func(s string) { f.By = s })),
		widget.NewFormItem(tr("field.made", "Made on"), made),
		widget.NewFormItem(tr("field.deadline", "Deadline"), deadline),
	)
	if f.MadeReasoning != "" {
		form.Append("", hint(f.MadeReasoning))
	}
	if f.Retrospective {
		form.Append("", hint(tr("addtext.retrospective", "Reported after the fact: the text says it was made earlier.")))
	}
	return form
}

// readDeadline reads a deadline phrase against the claim's date.
func (c *card) readDeadline(f *extract.ClaimFields, s string) {
	f.DeadlineText = s
	f.Deadline = when.Deadline{}
	if strings.TrimSpace(s) != "" {
		f.Deadline, _ = when.ParseDeadline(s, f.Made)
	}
}

// duplicate says the database already has the proposal's record and, for
// an event, offers to add this text to it as a source instead.
func (c *card) duplicate(p *extract.Proposal) fyne.CanvasObject {
	if p.Duplicate == nil {
		return nil
	}
	note := widget.NewLabel(trf("addtext.duplicate", "Already in the database: {{.Label}}", map[string]any{"Label": p.Duplicate.Label}))
	note.Importance = widget.WarningImportance
	note.Wrapping = fyne.TextWrapWord
	if p.Duplicate.Entity != "event" || strings.TrimSpace(c.a.result.URL) == "" {
		return note
	}
	for i := range c.a.known.Events {
		if c.a.known.Events[i].ID == p.Duplicate.ID {
			c.sourceTo = &c.a.known.Events[i]
		}
	}
	if c.sourceTo == nil {
		return note
	}
	c.addSource = widget.NewCheck(tr("addtext.add_source", "Add this text to it as a source"), func(bool) { c.a.update() })
	return container.NewVBox(note, c.addSource)
}

func (c *card) showProblem(text string) {
	c.problem.SetText(text)
	if text == "" {
		c.problem.Hide()
	} else {
		c.problem.Show()
	}
}

// dateText is a date as the entry shows it: as typed, else in full.
func dateText(d when.Date, typed string) string {
	if typed != "" {
		return typed
	}
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func hint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = fyne.TextStyle{Italic: true}
	l.Wrapping = fyne.TextWrapWord
	return l
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }
