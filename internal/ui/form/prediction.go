package form

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
	"github.com/hindsight-app/hindsight/internal/when"
)

// ShowPrediction opens a modal dialog over win to add (initial.ID == 0)
// or edit a prediction. save is called with a normalised, validated
// prediction; if it returns an error the dialog stays open and shows it; on
// nil the dialog closes.
func ShowPrediction(win fyne.Window, initial model.Prediction, known Suggestions, save func(model.Prediction) error) {
	newPredictionForm(initial, known, save).open(win)
}

// predictionForm holds the widgets of the prediction form. It is built
// without a window, so tests can fill it in and submit it directly.
type predictionForm struct {
	formBase
	initial model.Prediction
	known   Suggestions
	save    func(model.Prediction) error

	statement, statementZh *TextArea
	versions               *widget.Label // shown when editing
	source                 *completionEntry
	made                   *dateField
	deadline               *modal.Entry
	deadlinePreview        *widget.Label
	probability            *modal.Entry
	probabilityPreview     *widget.Label
	criteria               *TextArea
	tags                   *completionEntry
	kind                   *kindChoice
	provenance             *provenanceChoice
	links                  *claimLinkList
	interest               *modal.Entry
	restates               *restatesChoice
	reviewed               *dateField
	layer                  *floatLayer
}

func newPredictionForm(initial model.Prediction, known Suggestions, save func(model.Prediction) error) *predictionForm {
	f := &predictionForm{initial: initial, known: known, save: save}
	f.formBase = newFormBase(f.submit, func() { f.validate() })

	f.statement = filledArea(initial.Statement, 2, tr("form.statement_placeholder", "what was predicted, in one sentence"))
	f.versions = hint(tr("form.versions_kept", "Earlier wordings are kept: saving a changed statement adds a version to its history."))
	if initial.ID == 0 {
		f.versions.Hide()
	}
	f.statementZh = filledArea(initial.StatementZh, 2, tr("form.optional", "optional"))

	f.source = filledCompletion(known.Sources, false, initial.Source, tr("form.source_placeholder", "who made it: a person, outlet or report"))

	f.made = f.dateField("made", initial.Made)

	f.deadline = filledEntry(deadlineText(initial.Deadline), tr("form.deadline_placeholder", "e.g. within two years, by end of 2024, 两年内, 2025"))
	f.deadlinePreview = hint("")
	f.deadlinePreview.Hide()

	probability := ""
	if initial.Probability != nil {
		probability = i18n.ProbabilityText(*initial.Probability)
	}
	f.probability = filledEntry(probability, tr("form.probability_placeholder", "optional: 70% or 0.7"))
	f.probabilityPreview = hint("")
	f.probabilityPreview.Hide()

	f.criteria = filledArea(initial.Criteria, 3, tr("form.criteria_placeholder", "what exactly would make it true, or false"))

	f.tags = filledCompletion(known.Tags, true, strings.Join(initial.Tags, ", "), tr("form.tags_placeholder", "comma-separated, e.g. open-weights, llm"))

	f.kind = newKindChoice(initial.Kind, func() { f.touch("kind") })
	f.provenance = newProvenanceChoice(initial.Provenance, func() { f.touch("provenance") })
	f.links = newClaimLinkList(initial.Links, func() { f.touch("links") })
	f.interest = filledEntry(initial.Interest, tr("form.interest_placeholder", "optional: the source's stake, e.g. works at 01.AI"))
	f.restates = newRestatesChoice(known.Claims, initial.ID, initial.Restates, func() { f.touch("restates") })
	f.restates.offer(initial.Source)
	f.reviewed = newReviewField(initial.ReviewedOn)
	f.errs["reviewed_on"] = f.reviewed.err

	f.watch(&f.statement.Entry, "statement")
	f.watch(&f.statementZh.Entry, "statement_zh")
	f.watch(&f.made.entry.Entry, "made")
	f.watch(&f.deadline.Entry, "deadline")
	f.watch(&f.probability.Entry, "probability")
	f.watch(&f.criteria.Entry, "criteria")
	f.watch(&f.interest.Entry, "interest")
	f.watch(&f.reviewed.entry.Entry, "reviewed_on")
	f.source.onEdit = func(string) {
		f.restates.offer(f.source.Text)
		f.touch("source")
	}
	f.tags.onEdit = func(string) { f.touch("tags") }

	form := widget.NewForm(
		widget.NewFormItem(tr("form.kind", "Kind"), f.below(f.kind.object(), "kind")),
		widget.NewFormItem(tr("form.statement", "Statement"),
			container.NewVBox(f.statement, f.versions, f.field("statement").label)),
		widget.NewFormItem(tr("form.statement_zh", "Chinese wording"), f.below(f.statementZh, "statement_zh")),
		widget.NewFormItem(tr("form.source", "Made by"), f.below(f.source, "source")),
		widget.NewFormItem(tr("form.made", "Made on"), f.made.object()),
		widget.NewFormItem(tr("form.provenance", "How the date is known"),
			container.NewVBox(f.provenance.sel, f.provenance.help, f.field("provenance").label)),
		widget.NewFormItem(tr("form.deadline", "Deadline"),
			container.NewVBox(f.deadline, noteLine(f.deadlinePreview, f.field("deadline").label))),
		widget.NewFormItem(tr("form.probability", "Probability"),
			container.NewVBox(f.probability, noteLine(f.probabilityPreview, f.field("probability").label))),
		widget.NewFormItem(tr("form.criteria", "Resolution criteria"), f.below(f.criteria, "criteria")),
		widget.NewFormItem(tr("form.tags", "Tags"), f.below(f.tags, "tags")),
		widget.NewFormItem(tr("form.said_where", "Where it was said"), f.below(f.links.object(), "links")),
		widget.NewFormItem(tr("form.interest", "Interest"), f.below(f.interest, "interest")),
		widget.NewFormItem(tr("form.restates", "Restates"), f.below(f.restates.sel, "restates")),
		widget.NewFormItem(tr("form.reviewed", "Last reviewed"), f.reviewed.object()),
	)
	f.layer = f.readyFloating(form, dialogTitle(initial.ID, tr("form.prediction.add_title", "Add prediction"), tr("form.prediction.edit_title", "Edit prediction")),
		f.statement, f.fieldValues, f.source, f.tags)
	return f
}

// fieldValues is what the fields hold, to tell whether anything changed.
func (f *predictionForm) fieldValues() string {
	return snapshotOf(f.statement.Text, f.statementZh.Text, f.source.Text, f.made.entry.Text, f.deadline.Text,
		f.probability.Text, f.criteria.Text, f.tags.Text, string(f.kind.value()), string(f.provenance.value()),
		f.links.snapshot(), f.interest.Text, strconv.FormatInt(f.restates.value(), 10), f.reviewed.entry.Text)
}

// deadlineText is the text to edit a stored deadline with: the phrase as
// it was typed, or its display text when there is none.
func deadlineText(dl when.Deadline) string {
	if dl.IsZero() {
		return ""
	}
	if dl.Phrase != "" {
		return dl.Phrase
	}
	return dl.Format(i18n.Lang())
}

// build reads the widgets into a prediction, normalised, with every problem
// found in it.
func (f *predictionForm) build() (model.Prediction, fieldProblems) {
	problems := fieldProblems{}
	p := f.initial
	p.Statement = f.statement.Text
	p.StatementZh = f.statementZh.Text
	p.Source = f.source.Text
	p.Made = f.made.update("made", problems)
	p.Deadline = f.readDeadline(p.Made, problems)
	p.Probability = f.readProbability(problems)
	p.Criteria = f.criteria.Text
	p.Tags = splitList(f.tags.Text)
	p.Kind = f.kind.value()
	p.Provenance = f.provenance.value()
	p.Links = f.links.values(problems)
	p.Interest = f.interest.Text
	p.Restates = f.restates.value()
	p.ReviewedOn = f.reviewed.update("reviewed_on", problems)
	p.Normalize()
	problems.addValidation(p.Validate())
	return p, problems
}

// readDeadline reads the deadline phrase against the date the prediction
// was made, showing how it was read and when it falls due.
func (f *predictionForm) readDeadline(made when.Date, problems fieldProblems) when.Deadline {
	f.deadlinePreview.Hide()
	text := strings.TrimSpace(f.deadline.Text)
	if text == "" {
		return when.Deadline{}
	}
	dl, err := when.ParseDeadline(text, made)
	switch {
	case errors.Is(err, when.ErrNoMadeDate):
		problems.add("deadline", tr("form.error.deadline_needs_made",
			"This deadline counts from the day the prediction was made: enter a readable “made on” date first."))
		return when.Deadline{}
	case err != nil:
		problems.add("deadline", trf("form.error.deadline_unreadable", "Cannot read this deadline: {{.Reason}}",
			map[string]any{"Reason": i18n.DateErrorText(err)}))
		return when.Deadline{}
	}
	if earliest, latest, ok := dl.Due(made); ok && !made.IsZero() && earliest > latest {
		problems.add("deadline", tr("form.error.deadline_before_made", "This deadline ends before the prediction was made."))
	}
	f.deadlinePreview.SetText(deadlineReadAs(dl, made))
	f.deadlinePreview.Show()
	return dl
}

// deadlineReadAs says how a deadline was read and when it falls due:
// "read as: within 2 years › due by 28 Feb 2025".
func deadlineReadAs(dl when.Deadline, made when.Date) string {
	data := map[string]any{"Deadline": dl.Format(i18n.Lang())}
	earliest, latest, ok := dl.Due(made)
	day := func(d when.Day) string { return when.DayDate(d).Format(i18n.Lang()) }
	switch {
	case !ok:
		return trf("form.deadline_read_as", "read as: {{.Deadline}}", data)
	case latest == when.MaxDay:
		data["Due"] = trf("form.due_from", "due from {{.Date}} on", map[string]any{"Date": day(earliest)})
	case dl.Kind == when.DeadlineBetween:
		data["Due"] = trf("form.due_between", "due between {{.From}} and {{.To}}",
			map[string]any{"From": day(earliest), "To": day(latest)})
	default:
		data["Due"] = trf("form.due_by", "due by {{.Date}}", map[string]any{"Date": day(latest)})
	}
	return trf("form.deadline_read_as_due", "read as: {{.Deadline}}, {{.Due}}", data)
}

// readProbability reads the optional probability, showing it as a
// percentage or saying why it cannot be read.
func (f *predictionForm) readProbability(problems fieldProblems) *float64 {
	f.probabilityPreview.Hide()
	text := strings.TrimSpace(f.probability.Text)
	p, err := model.ParseProbability(text)
	if err != nil {
		num := strings.TrimSpace(strings.TrimRight(text, "%％"))
		if _, perr := strconv.ParseFloat(num, 64); perr == nil {
			problems.add("probability", tr("form.error.probability", "A probability must be between 0% and 100%."))
		} else {
			problems.add("probability", tr("form.error.probability_unreadable", "Cannot read this as a probability: try 70% or 0.7."))
		}
		return nil
	}
	if p != nil {
		pct := strconv.FormatFloat(math.Round(*p*1e6)/1e4, 'f', -1, 64) + "%"
		f.probabilityPreview.SetText(trf("form.probability_read_as", "read as: {{.Percent}}", map[string]any{"Percent": pct}))
		f.probabilityPreview.Show()
	}
	return p
}

// validate checks the form, shows what is wrong under each field and
// enables Save only when nothing is.
func (f *predictionForm) validate() (model.Prediction, bool) {
	return validated(&f.formBase, f.build, f.showProblems)
}

func (f *predictionForm) showProblems(problems fieldProblems) {
	blank := map[string]bool{
		"statement": strings.TrimSpace(f.statement.Text) == "",
		"source":    strings.TrimSpace(f.source.Text) == "",
		"made":      f.made.blank(),
	}
	showWithRows(&f.formBase, problems, blank, &f.links.listedRows)
}

// submit saves the prediction when it is valid. A save error stays in the
// form; a save refused because someone else saved the prediction since
// asks what to do.
func (f *predictionForm) submit() {
	submitGuarded(&f.formBase, f.validate, f.save, f.showProblems, f.typed, f.showTheirs)
}

// typed is what the form holds, in words, to copy from.
func (f *predictionForm) typed() string {
	return describeFields(
		tr("form.kind", "Kind"), f.kind.radio.Selected,
		tr("form.statement", "Statement"), f.statement.Text,
		tr("form.statement_zh", "Chinese wording"), f.statementZh.Text,
		tr("form.source", "Made by"), f.source.Text,
		tr("form.made", "Made on"), f.made.entry.Text,
		tr("form.provenance", "How the date is known"), f.provenance.sel.Selected,
		tr("form.deadline", "Deadline"), f.deadline.Text,
		tr("form.probability", "Probability"), f.probability.Text,
		tr("form.criteria", "Resolution criteria"), f.criteria.Text,
		tr("form.tags", "Tags"), f.tags.Text,
		tr("form.said_where", "Where it was said"), f.links.typed(),
		tr("form.interest", "Interest"), f.interest.Text,
		tr("form.reviewed", "Last reviewed"), f.reviewed.entry.Text)
}

// showTheirs opens the form again with theirs, the prediction as someone
// else saved it, and what was typed here above it.
func (f *predictionForm) showTheirs(theirs model.Prediction, yours string) {
	f.reopenAs(&newPredictionForm(theirs, f.known, f.save).formBase, yours)
}
